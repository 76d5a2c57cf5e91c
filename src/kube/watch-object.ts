/**
 * Follows one object for as long as the caller wants, across what ends real watches:
 *
 * - the server closes the stream (its watch timeout, 30–60 minutes on a default API server):
 *   start again from the last resourceVersion seen, BOOKMARKs included;
 * - 410 Expired (the history no longer reaches back that far): read the object again and watch
 *   from the current state;
 * - a dropped or refused connection, or a 5xx/429: retry with exponential backoff, at most
 *   `maxRetries` times in a row, then fail with a KubeApiError saying what was lost and why;
 * - a silent stream: `@kubernetes/client-node` 1.4.0 builds a 30 s `AbortSignal.timeout` for a
 *   watch but then overwrites the request's signal with its own controller, so a watch request has
 *   no client-side timeout at all (and KubeClient.watch sends no `timeoutSeconds`). A half-open
 *   connection would stay quiet forever; after `idleRestartMs` without a line the watch restarts.
 *
 * The callback gets every state of the object it learns of (`undefined`: it does not exist or was
 * deleted), possibly the same state twice: callers should judge each state on its own.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { KubeApiError, type KubeClient, type ObjectRef, type WatchHandle } from './client.js';

export interface WatchObjectOptions {
  /** Ends the watch; the promise then resolves. */
  signal?: AbortSignal;
  /** Delay before the first reconnect after a failure, doubled for each further one (default 1 s, at most 30 s). */
  retryDelayMs?: number;
  /** Failed attempts in a row before giving up (default 5). */
  maxRetries?: number;
  /** Restart a watch that delivered nothing for this long (default 5 minutes). */
  idleRestartMs?: number;
}

/** Return `'stop'` to end the watch. */
export type OnObject<T> = (object: T | undefined) => void | 'stop';

const RETRYABLE = new Set([0, 429, 500, 502, 503, 504]);
const MAX_DELAY_MS = 30_000;

/** Resolves when `onObject` returns 'stop' or the signal aborts; rejects with a KubeApiError when the object cannot be followed, or with what `onObject` threw. */
export async function watchObject<T extends KubernetesObject>(
  kube: KubeClient,
  ref: ObjectRef,
  onObject: OnObject<T>,
  options: WatchObjectOptions = {},
): Promise<void> {
  const { signal } = options;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const maxRetries = options.maxRetries ?? 5;
  const idleRestartMs = options.idleRestartMs ?? 5 * 60_000;
  const what = `${ref.kind} ${ref.namespace}/${ref.name}`;

  // undefined: read the object first. 'now': watch from the current state (after a 410 even a
  // fresh object's resourceVersion may predate the compaction, so it cannot be the start).
  let from: string | 'now' | undefined;
  const deliver = (object: T | undefined) => {
    try {
      return onObject(object);
    } catch (error) {
      throw new CallbackError(error);
    }
  };
  let failures = 0;
  let quietEnds = 0;

  while (!signal?.aborted) {
    try {
      if (from === undefined || from === 'now') {
        const afterExpiry = from === 'now';
        const current = await kube.get<T>(ref);
        if (signal?.aborted) return;
        if (deliver(current) === 'stop') return;
        from = afterExpiry ? 'now' : (current?.metadata?.resourceVersion ?? 'now');
      }
      const run = await watchOnce<T>(kube, ref, from === 'now' ? undefined : from, deliver, { signal, idleRestartMs });
      if (run.resourceVersion) from = run.resourceVersion;
      if (run.stopped) return;
      failures = 0;
      // A stream the server keeps closing at once without a line must not become a busy loop.
      quietEnds = run.delivered > 0 ? 0 : quietEnds + 1;
      if (quietEnds >= 2) await sleep(retryDelayMs, signal);
    } catch (error) {
      if (error instanceof CallbackError) throw error.cause;
      if (!(error instanceof KubeApiError)) throw error;
      const e = error;
      if (e.code === 410) {
        from = 'now';
        continue;
      }
      // KubeClient's messages start with what it was doing to this same object, node-fetch's with the
      // whole URL: neither says more to a person.
      const why = e.message
        .replace(`watching ${what}: `, '')
        .replace(`reading ${what}: `, '')
        .replace(/^request to \S+ failed, reason: /, '');
      if (!RETRYABLE.has(e.code)) throw new KubeApiError(`cannot watch ${what}: ${why}`, e.code, e.reason, e.causes);
      failures += 1;
      if (failures > maxRetries) {
        throw new KubeApiError(
          `lost the watch of ${what}: ${why} (gave up after ${failures} attempts in a row)`,
          e.code,
          e.reason,
          e.causes,
        );
      }
      // Whatever happens meanwhile is replayed from the last resourceVersion on reconnect.
      await sleep(Math.min(retryDelayMs * 2 ** (failures - 1), MAX_DELAY_MS), signal);
    }
  }
}

/** An exception of the caller's callback: passed through, never retried. */
class CallbackError {
  constructor(readonly cause: unknown) {}
}

interface Run {
  stopped: boolean;
  delivered: number;
  resourceVersion?: string;
}

function watchOnce<T extends KubernetesObject>(
  kube: KubeClient,
  ref: ObjectRef,
  resourceVersion: string | undefined,
  onObject: OnObject<T>,
  options: { signal?: AbortSignal | undefined; idleRestartMs: number },
): Promise<Run> {
  return new Promise<Run>((resolve, reject) => {
    const run: Run = { stopped: false, delivered: 0, ...(resourceVersion ? { resourceVersion } : {}) };
    let handle: WatchHandle | undefined;
    let settled = false;
    let idle: NodeJS.Timeout | undefined;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      if (idle) clearTimeout(idle);
      options.signal?.removeEventListener('abort', onAbort);
      handle?.stop();
      if (error === undefined) resolve(run);
      else reject(error);
    };
    const armIdle = () => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => {
        // Without a handle the request itself hangs (no response headers): a failed attempt, not an idle stream.
        if (handle) settle();
        else
          settle(
            new KubeApiError(
              `watching ${ref.kind} ${ref.namespace}/${ref.name}: the API server did not answer within ${options.idleRestartMs} ms`,
              0,
              'Timeout',
            ),
          );
      }, options.idleRestartMs);
    };
    // Settles at once, even while the request is still connecting, so an abort can never hang.
    const onAbort = () => {
      run.stopped = true;
      settle();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    armIdle();

    kube
      .watch<T>({ ...ref, ...(resourceVersion ? { resourceVersion } : {}) }, (event) => {
        if (settled) return;
        run.delivered += 1;
        armIdle();
        const version = event.object?.metadata?.resourceVersion;
        if (version) run.resourceVersion = version;
        if (event.type === 'BOOKMARK') return;
        try {
          if (onObject(event.type === 'DELETED' ? undefined : event.object) === 'stop') {
            run.stopped = true;
            settle();
          }
        } catch (error) {
          settle(error);
        }
      })
      .then((h) => {
        handle = h;
        if (settled) h.stop();
        return h.done;
      })
      .then(
        () => settle(),
        (error: unknown) => settle(error),
      );
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
