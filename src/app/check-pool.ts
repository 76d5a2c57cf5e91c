import { Worker } from 'node:worker_threads';
import type { CheckOptions, CheckResult } from '../workflows/check-repository.js';
import { DEFAULT_CHECK_BUDGET, memoryBudgetError, timeBudgetError, type CheckBudget } from './check-budget.js';
import type { CheckRequest } from './check-thread.js';
import { FairQueue } from './fair-queue.js';

type Reply = {
  id: number;
  started?: true;
  result?: CheckResult;
  error?: { name: string; message: string; hint?: string };
};

export interface CheckPool {
  /** `repository` is the fairness key: pending checks are taken in turn across repositories. */
  check(dir: string, options: CheckOptions, repository?: string): Promise<CheckResult>;
  close(): Promise<void>;
}

export interface CheckPoolOptions {
  /** The result cache's folder, shared by the workers. */
  cacheDir?: string;
  /** Checks run at once, one worker thread each (default 2). */
  workers?: number;
  budget?: Partial<CheckBudget>;
  /** Values the workers' findings must never quote: a worker has its own copy of the redactor's registry. */
  secrets?: readonly string[];
  /** The compiled worker script (default: `check-thread.js` beside this file). */
  script?: URL;
}

interface Pending {
  dir: string;
  options: Omit<CheckOptions, 'cache'>;
  resolve: (result: CheckResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  // Emptied by assignment as workers die and checks settle: `undefined` is a state here, not an absent key.
  worker?: Worker | undefined;
  running?: { id: number; pending: Pending; timer?: NodeJS.Timeout } | undefined;
}

/**
 * `checkRepository` in a small pool of worker threads (checks are CPU-bound: 1.6 s for 500 jobs
 * cold), so the HTTP server keeps answering webhooks in milliseconds. Each check has a budget:
 * past its wall-clock time its worker is terminated, past its heap the worker dies of it; either
 * way that check fails with a CheckBudgetError and the next one gets a fresh worker. Pending
 * checks are taken in turn per repository (FairQueue), so one repository's heavy pull requests
 * cannot hold every worker while another repository's trivial one waits behind them.
 */
export function createCheckPool(settings: CheckPoolOptions = {}): CheckPool {
  const budget: CheckBudget = { ...DEFAULT_CHECK_BUDGET, ...settings.budget };
  const script = settings.script ?? new URL('./check-thread.js', import.meta.url);
  const slots: Slot[] = Array.from({ length: Math.max(1, settings.workers ?? 2) }, () => ({}));
  const queue = new FairQueue<Pending>();
  let next = 0;
  let closed = false;

  const spawn = (slot: Slot): Worker => {
    const w = new Worker(script, {
      resourceLimits: { maxOldGenerationSizeMb: budget.memoryMb },
      workerData: { secrets: [...(settings.secrets ?? [])] },
    });
    w.on('message', (reply: Reply) => {
      if (slot.worker !== w || slot.running?.id !== reply.id) return;
      if (reply.started) slot.running.timer = setTimeout(() => overrun(slot), budget.timeoutMs);
      else if (reply.result) settle(slot, reply.result);
      else
        settle(
          slot,
          Object.assign(new Error(reply.error?.message ?? 'the check worker failed'), {
            name: reply.error?.name ?? 'Error',
            ...(reply.error?.hint ? { hint: reply.error.hint } : {}),
          }),
        );
    });
    w.on('error', (e: Error & { code?: string }) =>
      lost(slot, w, e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? memoryBudgetError(budget.memoryMb) : e),
    );
    w.on('exit', (code) => lost(slot, w, new Error(`the check worker stopped (exit code ${code})`)));
    w.unref();
    return w;
  };

  const settle = (slot: Slot, outcome: CheckResult | Error) => {
    const running = slot.running!;
    clearTimeout(running.timer);
    slot.running = undefined;
    if (outcome instanceof Error) running.pending.reject(outcome);
    else running.pending.resolve(outcome);
    // An idle worker must not keep the process alive (tests, shutdown).
    if (queue.size === 0) slot.worker?.unref();
    dispatch();
  };

  // The worker died (out of memory, crashed): its check fails, the slot starts a new one on demand.
  const lost = (slot: Slot, w: Worker, e: Error) => {
    if (slot.worker !== w) return;
    slot.worker = undefined;
    if (slot.running) settle(slot, e);
  };

  const overrun = (slot: Slot) => {
    const w = slot.worker;
    slot.worker = undefined;
    void w?.terminate();
    settle(slot, timeBudgetError(budget.timeoutMs));
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.running || queue.size === 0) continue;
      const pending = queue.shift()!;
      const w = (slot.worker ??= spawn(slot));
      const id = ++next;
      slot.running = { id, pending };
      const request: CheckRequest = {
        id,
        dir: pending.dir,
        options: pending.options,
        ...(settings.cacheDir ? { cacheDir: settings.cacheDir } : {}),
      };
      w.ref();
      w.postMessage(request);
    }
  };

  return {
    check(dir, options, repository = '') {
      if (closed) return Promise.reject(new Error('the check workers are stopping'));
      const { cache: _inProcessCache, ...rest } = options;
      return new Promise<CheckResult>((resolve, reject) => {
        queue.push(repository, { dir, options: rest, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const pending of queue.drain()) pending.reject(new Error('the check workers are stopping'));
      await Promise.all(
        slots.map(async (slot) => {
          const w = slot.worker;
          slot.worker = undefined;
          if (slot.running) settle(slot, new Error('the check workers are stopping'));
          if (w) await w.terminate();
        }),
      );
    },
  };
}
