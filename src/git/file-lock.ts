import { open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';

export interface FileLockOptions {
  /** Give up after this long (default 10 minutes: a first clone of a large repository takes a while). */
  timeoutMs?: number;
  /** A lock older than this is taken for abandoned even if its owner cannot be checked (default 30 minutes). */
  staleMs?: number;
  pollMs?: number;
}

/**
 * An exclusive lock between processes that share a folder: a file created with O_EXCL holding
 * the owner's host and pid. A lock whose owner died on this host (or that is older than
 * `staleMs`) is broken, so a crash never wedges the cache.
 */
export async function withFileLock<T>(
  lockPath: string,
  work: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const staleMs = options.staleMs ?? 30 * 60_000;
  const pollMs = options.pollMs ?? 50;
  const owner = `${hostname()}\n${process.pid}\n`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(owner);
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (await isAbandoned(lockPath, staleMs)) {
        await rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `timed out after ${Math.round(timeoutMs / 1000)} s waiting for the lock ${lockPath}; if no StreamPilot process is using it, delete the file.`,
          { cause: e },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function isAbandoned(lockPath: string, staleMs: number): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    if (Date.now() - info.mtimeMs > staleMs) return true;
    const [host, pid] = text.split('\n');
    if (host !== hostname() || !pid) return false;
    try {
      process.kill(Number(pid), 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    // Removed (or half-written) between our attempt and now: try again.
    return false;
  }
}
