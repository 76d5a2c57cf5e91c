// Issue 13, start-up time: the CLI imports a command's modules only when that command runs, so
// `validate` and `check` never load the Kubernetes client, dockerode or Probot (they were most
// of a one-file validate's 0.6 s). Traced with a resolve hook in the CLI's own process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/repo-root.js';

const work = mkdtempSync(path.join(tmpdir(), 'streampilot-imports-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HEAVY = ['@kubernetes/client-node', 'dockerode', 'probot', 'simple-git', 'tar-stream'];

/** The packages of node_modules the CLI loads for these arguments. */
function packagesLoaded(args: string[]): string[] {
  const log = path.join(work, `imports-${args[0]}-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      path.join(repoRoot, 'test', 'support', 'import-trace', 'register.mjs'),
      path.join(repoRoot, 'bin', 'streampilot.js'),
      ...args,
    ],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', IMPORT_TRACE_LOG: log } },
  );
  expect(r.stderr).not.toMatch(/internal error/);
  const packages = new Set<string>();
  for (const url of readFileSync(log, 'utf8').split('\n')) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (m) packages.add(m[1]!);
  }
  return [...packages].sort();
}

describe('what each CLI command loads', () => {
  it('a one-file validate loads none of the cluster, image or app packages', () => {
    const file = path.join(work, 'one.sql');
    writeFileSync(file, "CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\nINSERT INTO t SELECT 1;\n");
    const loaded = packagesLoaded(['validate', file]);
    expect(loaded.filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('check of a repository loads none of them either', () => {
    const loaded = packagesLoaded(['check', 'examples/acme-flink-jobs', '--no-cache']);
    expect(loaded).toContain('yaml');
    expect(loaded.filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('status, which talks to a cluster, does load the Kubernetes client (the trace sees it)', () => {
    expect(packagesLoaded(['status', '--help'])).toContain('@kubernetes/client-node');
  });
});
