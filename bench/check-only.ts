// `npm run bench -- check`: only the repository check section (whole check, dt-sql-parser
// baseline, semantic rules), without the app, image and deploy sections.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkBench, printTable } from './check-bench.js';

const work = mkdtempSync(path.join(tmpdir(), 'streampilot-bench-'));
try {
  printTable(checkBench(work));
} finally {
  rmSync(work, { recursive: true, force: true });
}
