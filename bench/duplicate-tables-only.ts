// `npm run bench -- duplicate-tables`: only the pathological-job section.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { duplicateTableRows, measureDuplicateTables } from './duplicate-tables.js';
import type { Measured } from './measure-check.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const measureCheck = (repo: string, cacheDir: string): Measured => {
  const r = spawnSync(process.execPath, [path.join(here, 'measure-check.mjs'), repo, cacheDir], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`check of ${repo} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Measured;
};

const work = mkdtempSync(path.join(tmpdir(), 'streampilot-bench-'));
try {
  const rows = duplicateTableRows(measureDuplicateTables(work, measureCheck));
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
