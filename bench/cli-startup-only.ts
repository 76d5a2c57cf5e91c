// `npm run bench -- cli-startup`: only the CLI start-up section.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { measureCliStartup, startupRows } from './cli-startup.js';

const work = mkdtempSync(path.join(tmpdir(), 'streampilot-bench-'));
try {
  const rows = startupRows(measureCliStartup(work));
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
