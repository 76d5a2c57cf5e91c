import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../errors.js';
import { extractTree } from './extract-tree.js';

const run = promisify(execFile);

/** The full SHA of commit `rev` in the repository at `dir`; ConfigError naming what to do when it has none. */
export async function resolveLocalCommit(dir: string, rev: string): Promise<string> {
  try {
    return (await run('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: dir })).stdout.trim();
  } catch {
    throw new ConfigError(
      `there is no commit ${rev} in the git repository at ${path.resolve(dir)}`,
      'fetch it first (`git fetch origin`), or give a commit of this repository',
    );
  }
}

/**
 * The tree of commit `sha` written to a temporary folder for the length of `work`, through the
 * same extraction as the app's repository cache (links out of the tree are neutralised). The
 * working copy is not touched.
 */
export async function withLocalTree<T>(dir: string, sha: string, work: (tree: string) => Promise<T>): Promise<T> {
  const tree = await mkdtemp(path.join(tmpdir(), 'streampilot-tree-'));
  try {
    const git = spawn('git', ['archive', '--format=tar', sha], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    git.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => git.on('close', resolve));
    await extractTree(git.stdout, tree);
    const code = await exited;
    if (code !== 0) throw new ConfigError(`git archive ${sha} failed: ${stderr.trim() || `exit ${code}`}`);
    return await work(tree);
  } finally {
    await rm(tree, { recursive: true, force: true });
  }
}
