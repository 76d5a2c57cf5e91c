import { Worker } from 'node:worker_threads';
import type { CheckOptions, CheckResult } from '../workflows/check-repository.js';
import type { CheckRequest } from './check-worker.js';

type Reply = { id: number; result?: CheckResult; error?: { name: string; message: string; hint?: string } };

export interface WorkerCheck {
  check(dir: string, options: CheckOptions): Promise<CheckResult>;
  close(): Promise<void>;
}

/**
 * `checkRepository` in one worker thread (checks are CPU-bound: 1.6 s for 500 jobs cold), so the
 * HTTP server keeps answering webhooks in milliseconds. Needs the compiled `check-worker.js`
 * beside this file; checks queue in the worker in arrival order.
 */
export function createWorkerCheck(cacheDir?: string): WorkerCheck {
  let worker: Worker | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: CheckResult) => void; reject: (e: Error) => void }>();

  const start = (): Worker => {
    const w = new Worker(new URL('./check-worker.js', import.meta.url));
    w.on('message', (reply: Reply) => {
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!pending) return;
      if (reply.result) pending.resolve(reply.result);
      else pending.reject(Object.assign(new Error(reply.error?.message ?? 'the check worker failed'), { name: reply.error?.name ?? 'Error', ...(reply.error?.hint ? { hint: reply.error.hint } : {}) }));
    });
    // A crashed worker (out of memory on a pathological input) fails its checks; the next check starts a new one.
    w.on('error', (e) => fail(w, e));
    w.on('exit', (code) => fail(w, new Error(`the check worker stopped (exit code ${code})`)));
    w.unref();
    return w;
  };
  const fail = (w: Worker, e: Error) => {
    if (worker !== w) return;
    worker = undefined;
    for (const pending of waiting.values()) pending.reject(e);
    waiting.clear();
  };

  return {
    check(dir, options) {
      const { cache: _inProcessCache, ...rest } = options;
      worker ??= start();
      const id = ++next;
      const request: CheckRequest = { id, dir, options: rest, ...(cacheDir ? { cacheDir } : {}) };
      return new Promise<CheckResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker!.ref();
        worker!.postMessage(request);
      }).finally(() => {
        if (waiting.size === 0) worker?.unref();
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
