// Run in a fresh process by the benchmark: the cost of the very first parse (module
// loading excluded), which a CLI or a cold Lambda-style worker pays on every start.
import { parseScript } from '../src/sql/parse.js';

const sql = `CREATE TABLE t (a INT, b STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'datagen');
INSERT INTO s SELECT a, COUNT(*) FROM t GROUP BY a;`;
const t0 = performance.now();
const r = parseScript(sql);
const t1 = performance.now();
process.stdout.write(JSON.stringify({ ms: t1 - t0, issues: r.issues.length }));
