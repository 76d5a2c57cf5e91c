// Run in a fresh process by the benchmark: dt-sql-parser's validate of every file once, from
// `new FlinkSQL()` on, so its cold figure is measured as ours is (a fresh process, module
// loading excluded).
import { readFileSync } from 'node:fs';
import { FlinkSQL } from 'dt-sql-parser';

const files = process.argv.slice(2);
const texts = files.map((f) => readFileSync(f, 'utf8'));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const dt = new FlinkSQL();
let errors = 0;
for (const t of texts) errors += dt.validate(t).length;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, errors }));
