import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The fetch URL of the working copy's remote: `origin`, else the only remote there is.
 * Undefined when `dir` is no git repository, has no remote, or several and none is `origin`.
 */
export async function localRemoteUrl(dir: string): Promise<string | undefined> {
  try {
    const names = (await run('git', ['remote'], { cwd: dir })).stdout.split('\n').filter((n) => n.trim() !== '');
    const name = names.includes('origin') ? 'origin' : names.length === 1 ? names[0]! : undefined;
    if (!name) return undefined;
    return (await run('git', ['remote', 'get-url', name], { cwd: dir })).stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}
