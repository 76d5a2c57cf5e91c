import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** HEAD of the working copy at `dir`, or undefined when it is not a git repository. */
export async function headCommit(dir: string): Promise<string | undefined> {
  try {
    return (await run('git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** True when commit `a` is newer than `b` in the repository at `dir` (b is an ancestor of a); false when unknown. */
export async function isNewerLocalCommit(dir: string, a: string, b: string): Promise<boolean> {
  if (a === b) return false;
  try {
    // `--is-ancestor` answers with its exit code alone: 0 yes, 1 no, anything else an unknown commit.
    await run('git', ['merge-base', '--is-ancestor', b, a], { cwd: dir });
    return true;
  } catch {
    // Not an ancestor, or a commit this clone does not have: never claim the other is newer.
    return false;
  }
}
