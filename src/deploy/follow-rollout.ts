/**
 * Follows one applied FlinkDeployment / FlinkSessionJob until the operator has reconciled our
 * generation and the job runs (lifecycle STABLE, job RUNNING) or fails, by watching the resource
 * (and looking at its JobManager pods, which change without the resource changing). Every path
 * ends in an outcome: success, failure with its diagnosis, timeout with the last state seen, or
 * cancelled through the signal.
 */
import { KubeApiError, type KubeClient } from '../kube/client.js';
import { watchObject, type WatchObjectOptions } from '../kube/watch-object.js';
import { diagnoseFailure } from './diagnose-failure.js';
import {
  assess,
  isReconciled,
  jobManagerSelector,
  parseOperatorError,
  podProblem,
  progressOf,
  restoredFromOf,
  type Finding,
  type FlinkObject,
  type RolloutGoal,
} from './rollout-status.js';
import type { DeployedRef, FlinkRest, FlinkRestTarget, RolloutOutcome, RolloutProgress } from './types.js';

export interface RolloutTarget {
  ref: DeployedRef;
  /** The spec generation our apply produced. */
  generation: number;
  restTarget?: FlinkRestTarget;
  /** For the kubectl commands in hints. */
  kubeContext?: string;
  /** What the rollout ends at (default running): `suspended` for `state: suspended` and disabled jobs. */
  goal?: RolloutGoal;
}

export interface FollowOptions {
  timeoutMs: number;
  /** Aborting ends the follow with `cancelled`. */
  signal?: AbortSignal;
  /** For the root cause of a failed job. */
  flink?: FlinkRest;
  /** Called when lifecycle, job state or JobManager status change. */
  onProgress?: (progress: RolloutProgress) => void;
  /** JobManager log lines in a failure (default 20). */
  logTailLines?: number;
  /** How often to look at the JobManager pods while the job starts (default 10 s). */
  podCheckIntervalMs?: number;
  /** Reconnects of the watch (see watchObject). */
  watch?: Omit<WatchObjectOptions, 'signal'>;
  /** Reads for the diagnosis that have not answered after this long are left out (default 30 s). */
  diagnosisReadTimeoutMs?: number;
  /** Events older than this belong to an earlier rollout and are left out (default: when the follow started). */
  eventsSince?: Date;
}

type Ending =
  { kind: 'running' | 'suspended'; object: FlinkObject } | { kind: 'failed'; finding: Finding; object?: FlinkObject };

export async function followRollout(
  kube: KubeClient,
  target: RolloutTarget,
  options: FollowOptions,
): Promise<RolloutOutcome> {
  const started = Date.now();
  const elapsedMs = () => Date.now() - started;
  if (options.signal?.aborted) return { status: 'cancelled', elapsedMs: elapsedMs() };

  const { ref, generation } = target;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, options.timeoutMs);

  let ending: Ending | undefined;
  let last: FlinkObject | undefined;
  let seen = false;
  let initialError: string | undefined;
  // A restore path already in the status before the operator took up our generation is an older upgrade's.
  let restoredBefore: string | undefined;
  let lastProgress = '';
  const pods = new PodWatch(kube, ref, options.podCheckIntervalMs ?? 10_000, (finding) =>
    end({ kind: 'failed', finding, ...(last ? { object: last } : {}) }),
  );

  function end(e: Ending): void {
    ending ??= e;
    stop.abort();
  }

  function observe(object: FlinkObject | undefined): 'stop' | void {
    if (ending) return 'stop';
    if (!object) {
      end({ kind: 'failed', finding: { kind: seen ? 'deleted' : 'missing' }, ...(last ? { object: last } : {}) });
      return 'stop';
    }
    if (!seen) {
      seen = true;
      initialError = object.status?.error;
      if (!isReconciled(object, generation)) restoredBefore = restoredFromOf(object.status);
    }
    last = object;
    const progress = progressOf(object);
    const key = JSON.stringify(progress);
    if (key !== lastProgress && key !== '{}') {
      lastProgress = key;
      try {
        options.onProgress?.(progress);
      } catch {
        // Progress output is a courtesy: its failure must not end the follow.
      }
    }
    const verdict = assess(object, generation, initialError, target.goal);
    if (verdict.kind === 'running' || verdict.kind === 'suspended') end({ kind: verdict.kind, object });
    else if (verdict.kind === 'failed') end({ kind: 'failed', finding: verdict.finding, object });
    else if (isReconciled(object, generation)) pods.start(object, stop.signal);
    return ending ? 'stop' : undefined;
  }

  try {
    await watchObject<FlinkObject>(kube, ref, observe, { ...options.watch, signal: stop.signal });
  } catch (error) {
    const message = error instanceof KubeApiError ? error.message : String((error as Error)?.message ?? error);
    end({ kind: 'failed', finding: { kind: 'watch-lost', message }, ...(last ? { object: last } : {}) });
  } finally {
    clearTimeout(deadline);
    pods.stop();
    options.signal?.removeEventListener('abort', onAbort);
  }

  const status = last?.status;
  const jobId = status?.jobStatus?.jobId;
  if (ending?.kind === 'running') {
    const restored = restoredFromOf(ending.object.status);
    return {
      status: 'running',
      ...(jobId ? { jobId } : {}),
      lifecycleState: ending.object.status?.lifecycleState ?? 'STABLE',
      ...(restored && restored !== restoredBefore ? { restoredFrom: restored } : {}),
      elapsedMs: elapsedMs(),
    };
  }
  if (ending?.kind === 'suspended') {
    const savepoint = ending.object.status?.jobStatus?.upgradeSavepointPath;
    return {
      status: 'suspended',
      lifecycleState: ending.object.status?.lifecycleState ?? 'CREATED',
      ...(savepoint && savepoint !== restoredBefore ? { savepoint } : {}),
      elapsedMs: elapsedMs(),
    };
  }
  if (!ending && options.signal?.aborted) return { status: 'cancelled', elapsedMs: elapsedMs() };

  const finding: Finding =
    (ending?.kind === 'failed' ? ending.finding : undefined) ??
    (timedOut
      ? {
          kind: 'timed-out',
          afterMs: options.timeoutMs,
          reconciled: last ? isReconciled(last, generation) : false,
          generation,
          ...(typeof status?.observedGeneration === 'number' ? { observedGeneration: status.observedGeneration } : {}),
          ...(status?.error ? { error: parseOperatorError(status.error)! } : {}),
        }
      : { kind: 'watch-lost', message: 'the watch ended without an outcome' });
  const failure = await diagnoseFailure(
    kube,
    finding,
    {
      ref,
      ...(last ? { object: last } : {}),
      ...(target.restTarget ? { restTarget: target.restTarget } : {}),
      ...(target.kubeContext ? { kubeContext: target.kubeContext } : {}),
    },
    {
      ...(options.flink ? { flink: options.flink } : {}),
      ...(options.logTailLines !== undefined ? { logTailLines: options.logTailLines } : {}),
      ...(options.diagnosisReadTimeoutMs !== undefined ? { readTimeoutMs: options.diagnosisReadTimeoutMs } : {}),
      since: options.eventsSince ?? new Date(started),
    },
  );
  const states = {
    ...(status?.lifecycleState ? { lifecycleState: status.lifecycleState } : {}),
    ...(status?.jobStatus?.state ? { jobState: status.jobStatus.state } : {}),
  };
  if (finding.kind === 'timed-out') return { status: 'timed-out', failure, ...states, elapsedMs: elapsedMs() };
  return { status: 'failed', failure, ...(jobId ? { jobId } : {}), ...states, elapsedMs: elapsedMs() };
}

/**
 * Looks at the JobManager pods every `intervalMs` once the operator works on our generation: a
 * JobManager stuck in CrashLoopBackOff or ImagePullBackOff may never show in the resource's status.
 */
class PodWatch {
  private timer: NodeJS.Timeout | undefined;
  private selector = '';
  private busy = false;

  constructor(
    private readonly kube: KubeClient,
    private readonly ref: DeployedRef,
    private readonly intervalMs: number,
    private readonly onProblem: (finding: Finding) => void,
  ) {}

  start(object: FlinkObject, signal: AbortSignal): void {
    this.selector = jobManagerSelector(this.ref, object);
    if (this.timer || signal.aborted) return;
    const check = async () => {
      if (this.busy || signal.aborted) return;
      this.busy = true;
      try {
        const problem = podProblem(await this.kube.listPods(this.ref.namespace, this.selector));
        if (problem && !signal.aborted) this.onProblem({ kind: 'jobmanager', reason: problem.reason });
      } catch {
        // The next look may work; the resource's own status still counts meanwhile.
      } finally {
        this.busy = false;
      }
    };
    void check();
    this.timer = setInterval(() => void check(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
