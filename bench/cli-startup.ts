// Issue 13, start-up time: a one-file `streampilot validate` against `node -e ''` on the same
// machine, in the same run, interleaved so that a busy machine slows both alike. The CLI runs
// from dist/ (bench/run.js builds it first) exactly as `npx streampilot` starts it.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROUNDS = 11;
const SQL = `CREATE TABLE clicks (user_id BIGINT, url STRING, ts TIMESTAMP(3)) WITH ('connector' = 'datagen');
CREATE TABLE sink (user_id BIGINT, n BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO sink SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;
`;

export interface StartupFigures {
  rounds: number;
  nodeMs: number;
  validateMs: number;
}

function wallMs(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`\`node ${args.join(' ')}\` exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function measureCliStartup(work: string): StartupFigures {
  const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'streampilot.js');
  const file = path.join(work, 'startup.sql');
  writeFileSync(file, SQL);
  const node: number[] = [];
  const validate: number[] = [];
  wallMs(['-e', '']); // the first spawn pays for the file-system cache of both
  wallMs([cli, 'validate', file]);
  for (let i = 0; i < ROUNDS; i++) {
    node.push(wallMs(['-e', '']));
    validate.push(wallMs([cli, 'validate', file]));
  }
  return { rounds: ROUNDS, nodeMs: median(node), validateMs: median(validate) };
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

export function startupRows(f: StartupFigures): [string, string, string][] {
  return [
    ['measure', 'figure', 'target'],
    [`node -e '' (median of ${f.rounds})`, `${fmt(f.nodeMs)} ms`, ''],
    [`streampilot validate, one file (median of ${f.rounds})`, `${fmt(f.validateMs)} ms`, ''],
    ['  validate - node', `${fmt(f.validateMs - f.nodeMs)} ms`, '<= 150 ms'],
    ['  validate / node', `${fmt(f.validateMs / f.nodeMs, 2)}x`, ''],
  ];
}
