import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RepositoryCache } from '../../src/git/repository-cache.js';
import type { FileChange } from '../../src/git/changed-files.js';
import { checkRepository, type CheckResult } from '../../src/workflows/check-repository.js';

export const example = path.resolve(import.meta.dirname, '../../examples/acme-flink-jobs');

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();

/** Edits a file of the working tree: `edit(root)('jobs/x/job.yaml', (text) => …)`. */
export function editor(root: string) {
  return (file: string, change: (text: string) => string) => {
    const p = path.join(root, file);
    writeFileSync(p, change(readFileSync(p, 'utf8')));
  };
}

export interface TwoVersions {
  base?: CheckResult;
  head: CheckResult;
  changes: FileChange[];
}

/**
 * The example repository committed as base, changed by `mutate`, committed as head; both
 * fetched through the RepositoryCache, materialised, diffed and checked as the app does.
 * `baseMutate` changes the base before it is committed (e.g. to remove the project file).
 */
export async function twoVersions(
  mutate: (root: string) => void,
  options: { baseMutate?: (root: string) => void } = {},
): Promise<TwoVersions> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'sp-plan-'));
  try {
    const root = path.join(scratch, 'repo');
    cpSync(example, root, { recursive: true });
    git(root, 'init', '--quiet', '-b', 'main');
    options.baseMutate?.(root);
    git(root, 'add', '-A');
    git(root, 'commit', '--quiet', '--allow-empty', '-m', 'base');
    const baseSha = git(root, 'rev-parse', 'HEAD');
    mutate(root);
    git(root, 'add', '-A');
    git(root, 'commit', '--quiet', '--allow-empty', '-m', 'head');
    const headSha = git(root, 'rev-parse', 'HEAD');
    const cache = new RepositoryCache(path.join(scratch, 'cache'));
    return await cache.withRepository({ cloneUrl: root }, async (repo) => {
      await repo.fetch([baseSha, headSha]);
      const [baseTree, headTree] = await Promise.all([repo.materialise(baseSha), repo.materialise(headSha)]);
      try {
        const changes = await repo.changedFiles(baseSha, headSha);
        const base = checkRepository(baseTree.dir);
        return { ...(base.plan.environments.length > 0 ? { base } : {}), head: checkRepository(headTree.dir), changes };
      } finally {
        await Promise.all([baseTree.dispose(), headTree.dispose()]);
      }
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
