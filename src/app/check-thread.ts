import { parentPort, workerData } from 'node:worker_threads';
import { DiskCache } from '../cache/result-cache.js';
import { registerSecrets } from '../text/redact.js';
import { checkRepository, type CheckOptions } from '../workflows/check-repository.js';

/** A worker thread running `checkRepository`, so a long check never delays webhook answers. */
export interface CheckRequest {
  id: number;
  dir: string;
  options: Omit<CheckOptions, 'cache'>;
  cacheDir?: string;
}

const caches = new Map<string, DiskCache>();

// Module state is per thread: the main thread's registry of secrets is not ours. Findings quote
// excerpts of what a repository wrote, and an excerpt redacts before it cuts, so it must know them.
registerSecrets((workerData as { secrets?: string[] } | null)?.secrets ?? []);

parentPort?.on('message', (request: CheckRequest) => {
  // The time budget starts here, not when the request was posted: a fresh worker first loads its modules.
  parentPort!.postMessage({ id: request.id, started: true });
  try {
    let cache: DiskCache | undefined;
    if (request.cacheDir) {
      cache = caches.get(request.cacheDir) ?? new DiskCache(request.cacheDir);
      caches.set(request.cacheDir, cache);
    }
    const result = checkRepository(request.dir, { ...request.options, ...(cache ? { cache } : {}) });
    parentPort!.postMessage({ id: request.id, result });
  } catch (e) {
    const error =
      e instanceof Error
        ? { name: e.name, message: e.message, ...('hint' in e && typeof e.hint === 'string' ? { hint: e.hint } : {}) }
        : { name: 'Error', message: String(e) };
    parentPort!.postMessage({ id: request.id, error });
  }
});
