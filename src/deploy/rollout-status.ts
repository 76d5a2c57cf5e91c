/**
 * Reading a FlinkDeployment / FlinkSessionJob status (operator CRD `flink.apache.org/v1beta1`,
 * 1.15, and older operators) and its JobManager pods: has the operator reconciled our generation,
 * and is that a success, a failure, or still on its way. Pure functions; follow-rollout.ts feeds
 * them what it watches.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { DeployedRef, RolloutProgress } from './types.js';

/** The status fields we read (the CRD has more). */
export interface FlinkStatus {
  lifecycleState?: string;
  observedGeneration?: number;
  jobManagerDeploymentStatus?: string;
  /** JSON of a FlinkResourceException (older operators: sometimes plain text). */
  error?: string;
  jobStatus?: {
    jobId?: string;
    state?: string;
    /** Operator 1.15: the savepoint the last upgrade restored from. */
    upgradeSavepointPath?: string;
    savepointInfo?: { lastSavepoint?: { location?: string; triggerType?: string } };
  };
  reconciliationStatus?: { state?: string; lastReconciledSpec?: string };
}

export interface FlinkObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; generation?: number; resourceVersion?: string };
  spec?: Record<string, unknown>;
  status?: FlinkStatus;
}

/** `status.error`, parsed. */
export interface OperatorError {
  /** Java class, e.g. `org.apache.flink.kubernetes.operator.exception.DeploymentFailedException`. */
  type?: string;
  message: string;
  /** `additionalMetadata.reason`, e.g. `ImagePullBackOff`. */
  reason?: string;
}

/** Why the rollout is not a success, as observed; diagnose-failure.ts turns it into words. */
export type Finding =
  | { kind: 'job-failed'; error?: OperatorError }
  /** The JobManager cannot start: deployment ERROR, or a container waiting in `reason`. */
  | { kind: 'jobmanager'; reason?: string; error?: OperatorError }
  /** The operator refused the spec (validation): it keeps running the previous one. */
  | { kind: 'rejected'; error: OperatorError }
  | { kind: 'operator-error'; error: OperatorError }
  /** lifecycle FAILED without a failed job, or ROLLING_BACK / ROLLED_BACK. */
  | { kind: 'lifecycle'; lifecycleState: string; error?: OperatorError }
  | { kind: 'deleted' }
  | { kind: 'missing' }
  | { kind: 'watch-lost'; message: string }
  | {
      kind: 'timed-out';
      afterMs: number;
      reconciled: boolean;
      generation: number;
      observedGeneration?: number;
      error?: OperatorError;
    };

export type Verdict =
  | { kind: 'waiting' }
  | { kind: 'running' }
  /** `spec.job.state: suspended` took effect: the job is stopped and the resource kept. */
  | { kind: 'suspended' }
  | { kind: 'failed'; finding: Finding };

/** What a rollout waits for: the job running, or (spec.job.state: suspended) stopped with its resource kept. */
export type RolloutGoal = 'running' | 'suspended';

/** Container waiting reasons that do not go away by waiting. */
export const STUCK_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
]);
export const IMAGE_REASONS = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName']);
export const MAIN_CONTAINER = 'flink-main-container';

const VALIDATION_EXCEPTION = /ValidationException$/;

export function parseOperatorError(raw: string | undefined): OperatorError | undefined {
  if (!raw || raw.trim() === '') return undefined;
  try {
    const parsed = JSON.parse(raw) as { type?: unknown; message?: unknown; additionalMetadata?: { reason?: unknown } };
    if (parsed && typeof parsed === 'object') {
      const type = typeof parsed.type === 'string' ? parsed.type : undefined;
      const message = typeof parsed.message === 'string' && parsed.message !== '' ? parsed.message : (type ?? raw);
      const reason =
        typeof parsed.additionalMetadata?.reason === 'string' ? parsed.additionalMetadata.reason : undefined;
      return { ...(type ? { type } : {}), message, ...(reason ? { reason } : {}) };
    }
  } catch {
    // Older operators wrote plain text.
  }
  return { message: raw };
}

export function progressOf(object: FlinkObject | undefined): RolloutProgress {
  const s = object?.status;
  return {
    ...(s?.lifecycleState ? { lifecycleState: s.lifecycleState } : {}),
    ...(s?.jobStatus?.state ? { jobState: s.jobStatus.state } : {}),
    ...(s?.jobManagerDeploymentStatus ? { jobManagerDeploymentStatus: s.jobManagerDeploymentStatus } : {}),
  };
}

/**
 * Has the operator reconciled `generation` (or a later one)? Operator 1.15 says so in
 * `observedGeneration`. Older ones did not set it: their `lastReconciledSpec` is
 * `{"spec":…,"resource_metadata":{"metadata":{"generation":N}}}`, or, older still, the bare spec,
 * which must then contain every field of the live spec.
 */
export function isReconciled(object: FlinkObject, generation: number): boolean {
  const status = object.status;
  if (typeof status?.observedGeneration === 'number') return status.observedGeneration >= generation;
  const raw = status?.reconciliationStatus?.lastReconciledSpec;
  if (!raw) return false;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return false;
  }
  const meta = parsed.resource_metadata as { metadata?: { generation?: unknown } } | undefined;
  if (typeof meta?.metadata?.generation === 'number') return meta.metadata.generation >= generation;
  const reconciledSpec = meta ? parsed.spec : parsed;
  return (object.metadata?.generation ?? 0) >= generation && covers(reconciledSpec, object.spec);
}

/** Every field set in `live` has the same value in `reconciled` (the operator also writes defaults and nulls). */
function covers(reconciled: unknown, live: unknown): boolean {
  if (live === null || live === undefined) return true;
  if (Array.isArray(live))
    return (
      Array.isArray(reconciled) && reconciled.length === live.length && live.every((v, i) => covers(reconciled[i], v))
    );
  if (typeof live === 'object') {
    if (typeof reconciled !== 'object' || reconciled === null || Array.isArray(reconciled)) return false;
    return Object.entries(live as Record<string, unknown>).every(([k, v]) =>
      covers((reconciled as Record<string, unknown>)[k], v),
    );
  }
  return reconciled === live;
}

/** The savepoint the current job was restored from on its last upgrade, when the status says. */
export function restoredFromOf(status: FlinkStatus | undefined): string | undefined {
  const job = status?.jobStatus;
  if (job?.upgradeSavepointPath) return job.upgradeSavepointPath;
  // Operators without upgradeSavepointPath: the last savepoint, when the upgrade took it.
  const last = job?.savepointInfo?.lastSavepoint;
  return last?.location && last.triggerType === 'UPGRADE' ? last.location : undefined;
}

/**
 * Judges one observed state. `initialError` is `status.error` as first seen: before our generation
 * is reconciled only a new validation error is ours (the operator validates the latest spec, and
 * keeps running the previous one when it refuses it, so observedGeneration never reaches ours).
 */
export function assess(
  object: FlinkObject,
  generation: number,
  initialError: string | undefined,
  goal: RolloutGoal = 'running',
): Verdict {
  const status = object.status ?? {};
  const error = parseOperatorError(status.error);
  if (goal === 'suspended' && isSuspended(object, generation)) return { kind: 'suspended' };
  if (!isReconciled(object, generation)) {
    if (error && status.error !== initialError && VALIDATION_EXCEPTION.test(error.type ?? ''))
      return { kind: 'failed', finding: { kind: 'rejected', error } };
    return { kind: 'waiting' };
  }
  const lifecycle = status.lifecycleState;
  const jobState = status.jobStatus?.state;
  const failed = (finding: Finding): Verdict => ({ kind: 'failed', finding });
  const withError = error ? { error } : {};
  if (jobState === 'FAILED') return failed({ kind: 'job-failed', ...withError });
  if (status.jobManagerDeploymentStatus === 'ERROR')
    return failed({ kind: 'jobmanager', ...(error?.reason ? { reason: error.reason } : {}), ...withError });
  if (lifecycle === 'FAILED' || lifecycle === 'ROLLING_BACK' || lifecycle === 'ROLLED_BACK')
    return failed({ kind: 'lifecycle', lifecycleState: lifecycle, ...withError });
  // A stale error next to a stable running job (e.g. a failed periodic savepoint) does not undo the rollout.
  if (lifecycle === 'STABLE' && jobState === 'RUNNING') return { kind: 'running' };
  if (error) {
    if (error.reason && STUCK_REASONS.has(error.reason))
      return failed({ kind: 'jobmanager', reason: error.reason, error });
    if (VALIDATION_EXCEPTION.test(error.type ?? '')) return failed({ kind: 'rejected', error });
    return failed({ kind: 'operator-error', error });
  }
  return { kind: 'waiting' };
}

/**
 * Suspended as asked. The operator never deploys a resource first submitted suspended, and
 * writes no status for it (AbstractFlinkResourceReconciler#reconcile returns before the first
 * deployment): no `lastReconciledSpec` and no error is that. A resource that ran is suspended
 * once our generation is reconciled with lifecycle SUSPENDED (CommonStatus#getLifecycleState:
 * the last reconciled spec's job state is suspended).
 */
function isSuspended(object: FlinkObject, generation: number): boolean {
  const status = object.status ?? {};
  if (!status.reconciliationStatus?.lastReconciledSpec && !status.error) return true;
  return isReconciled(object, generation) && status.lifecycleState === 'SUSPENDED';
}

/** Whether a live resource is already where `goal` wants it (an unchanged apply needs no follow then). */
export function reachedGoal(object: FlinkObject, goal: RolloutGoal): boolean {
  const status = object.status ?? {};
  if (goal === 'suspended') return isSuspended(object, object.metadata?.generation ?? 0);
  return status.lifecycleState === 'STABLE' && status.jobStatus?.state === 'RUNNING';
}

/** The JobManager pods of a resource: its own, or for a session job its session cluster's. */
export function jobManagerSelector(ref: DeployedRef, object: FlinkObject | undefined): string {
  const cluster =
    ref.kind === 'FlinkSessionJob' && typeof object?.spec?.deploymentName === 'string'
      ? object.spec.deploymentName
      : ref.name;
  return `app=${cluster},component=jobmanager`;
}

/** A JobManager container that cannot start, from the pods' container statuses. */
export interface PodProblem {
  pod: string;
  container: string;
  /** The waiting reason, e.g. `CrashLoopBackOff`. */
  reason: string;
  message?: string;
  image?: string;
  /** Of the last terminated run (crash loops). */
  exitCode?: number;
  terminationReason?: string;
  restartCount?: number;
}

export function podProblem(pods: V1Pod[]): PodProblem | undefined {
  const found: PodProblem[] = [];
  for (const pod of pods) {
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const c of statuses) {
      const waiting = c.state?.waiting;
      if (!waiting?.reason || !STUCK_REASONS.has(waiting.reason)) continue;
      const terminated = c.lastState?.terminated;
      const image =
        pod.spec?.containers?.find((s) => s.name === c.name)?.image ??
        pod.spec?.initContainers?.find((s) => s.name === c.name)?.image ??
        c.image;
      found.push({
        pod: pod.metadata?.name ?? '',
        container: c.name,
        reason: waiting.reason,
        ...(waiting.message ? { message: waiting.message } : {}),
        ...(image ? { image } : {}),
        ...(terminated?.exitCode !== undefined ? { exitCode: terminated.exitCode } : {}),
        ...(terminated?.reason ? { terminationReason: terminated.reason } : {}),
        restartCount: c.restartCount,
      });
    }
  }
  // The main container first: a sidecar's trouble is secondary.
  return found.find((p) => p.container === MAIN_CONTAINER) ?? found[0];
}
