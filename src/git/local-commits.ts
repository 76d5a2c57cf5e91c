import { simpleGit } from 'simple-git';

/** HEAD of the working copy at `dir`, or undefined when it is not a git repository. */
export async function headCommit(dir: string): Promise<string | undefined> {
  try {
    return (await simpleGit({ baseDir: dir }).revparse(['HEAD'])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** True when commit `a` is newer than `b` in the repository at `dir` (b is an ancestor of a); false when unknown. */
export async function isNewerLocalCommit(dir: string, a: string, b: string): Promise<boolean> {
  if (a === b) return false;
  try {
    await simpleGit({ baseDir: dir }).raw(['merge-base', '--is-ancestor', b, a]);
    return true;
  } catch {
    // Not an ancestor, or a commit this clone does not have: never claim the other is newer.
    return false;
  }
}
