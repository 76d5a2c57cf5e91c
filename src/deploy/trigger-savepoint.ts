/**
 * Takes a savepoint of one running job through the Flink Kubernetes Operator, and waits for it.
 *
 * Operators from 1.10 on have the FlinkStateSnapshot resource: one object per savepoint, whose
 * `status.state` goes TRIGGER_PENDING → IN_PROGRESS → COMPLETED (`status.path`), or FAILED /
 * ABANDONED (`status.error`) — the operator's FlinkStateSnapshotController, StateSnapshotReconciler
 * and StateSnapshotObserver. Older operators only know `spec.job.savepointTriggerNonce`: a new value
 * makes the operator trigger a savepoint and, when it completes, record it in
 * `status.jobStatus.savepointInfo.lastSavepoint` with that nonce (SnapshotObserver); a failure is
 * only an event (reason SavepointError). Which of the two a cluster has is read from API
 * discovery when the snapshot is created: client-node resolves the kind before it sends the
 * request, and a cluster without the CRD answers "Unrecognized API version and kind" (or 404).
 *
 * Everything that would make the operator refuse is checked before anything is written: the
 * resource exists and is this repository's, the job runs (the operator abandons a snapshot of a
 * job that does not: FlinkStateSnapshotUtils.abandonSnapshotIfJobNotRunning), and it has a
 * savepoint directory (the reconciler fails without one).
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { KubeApiError, type KubeClient } from '../kube/client.js';
import { FLINK_API_VERSION } from '../kube/types.js';
import { ANNOTATION, LABEL, MANAGED_BY, repositoryLabel } from '../render/object-meta.js';
import { COMMAND_FIELD_MANAGER, commandAuditAnnotations, type CommandAudit } from './command-audit.js';
import { parseOperatorError } from './rollout-status.js';
import type { FlinkKind } from './types.js';

/** The Flink setting the operator takes the savepoint directory from, newest name first (CheckpointingOptions.SAVEPOINT_DIRECTORY). */
export const SAVEPOINT_DIR_KEYS = ['execution.checkpointing.savepoint-dir', 'state.savepoints.dir'] as const;

export interface SavepointJob {
  /** The job as StreamPilot names it (the resource's name). */
  job: string;
  environment: string;
  namespace: string;
  kind: FlinkKind;
  /** `owner/name` of the repository asking: another repository's job is not touched. */
  repository: string;
}

export interface SavepointOptions {
  audit: CommandAudit;
  /** How long to wait for the savepoint to complete (default 10 minutes). */
  timeoutMs?: number;
  /** How often the resource is read while waiting (default 1 s). */
  pollMs?: number;
  signal?: AbortSignal;
  /** Told when the operator starts taking the savepoint. */
  onProgress?: (state: string) => void;
}

export type SavepointOutcome =
  | { kind: 'completed'; path: string; via: 'snapshot' | 'nonce'; snapshot?: string }
  /** The operator (or Flink) reported an error. */
  | { kind: 'failed'; error: string; via: 'snapshot' | 'nonce'; snapshot?: string }
  /** The operator gave up on the snapshot without trying (the job stopped running meanwhile). */
  | { kind: 'abandoned'; error: string; snapshot: string }
  | { kind: 'timeout'; state: string; via: 'snapshot' | 'nonce'; snapshot?: string; waitedMs: number }
  /** Refusals, before any write. */
  | { kind: 'not-deployed' }
  | { kind: 'other-repository'; owner: string }
  | { kind: 'not-running'; jobState?: string; lifecycleState?: string }
  | { kind: 'no-savepoint-dir' };

/** One job's savepoint, as the command reports it. */
export interface JobSavepoint {
  job: string;
  namespace: string;
  kind: FlinkKind;
  outcome: SavepointOutcome | { kind: 'error'; message: string };
}

interface LiveJob extends KubernetesObject {
  spec?: {
    deploymentName?: string;
    flinkConfiguration?: Record<string, unknown>;
    job?: { savepointTriggerNonce?: number | null };
  };
  status?: {
    lifecycleState?: string;
    jobStatus?: {
      state?: string;
      savepointInfo?: {
        triggerId?: string | null;
        lastSavepoint?: { location?: string; triggerNonce?: number | null; timeStamp?: number } | null;
      };
    };
  };
}

interface LiveSnapshot extends KubernetesObject {
  status?: { state?: string; path?: string; error?: string };
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_POLL_MS = 1000;

export async function triggerSavepoint(
  kube: KubeClient,
  target: SavepointJob,
  options: SavepointOptions,
): Promise<SavepointOutcome> {
  const ref = { apiVersion: FLINK_API_VERSION, kind: target.kind, namespace: target.namespace, name: target.job };
  const live = await kube.get<LiveJob>(ref);
  if (!live) return { kind: 'not-deployed' };
  const owner = live.metadata?.labels?.[LABEL.repository];
  if (owner !== undefined && owner !== repositoryLabel(target.repository))
    return { kind: 'other-repository', owner: live.metadata?.annotations?.[ANNOTATION.repository] ?? owner };
  const jobState = live.status?.jobStatus?.state;
  if (jobState !== 'RUNNING') {
    const lifecycleState = live.status?.lifecycleState;
    return { kind: 'not-running', ...(jobState ? { jobState } : {}), ...(lifecycleState ? { lifecycleState } : {}) };
  }
  const directory = await savepointDirectory(kube, target, live);
  if (directory === undefined) return { kind: 'no-savepoint-dir' };

  const created = await createSnapshot(kube, target, directory, options.audit);
  if (created === 'not-served') return triggerByNonce(kube, target, live, options);
  return followSnapshot(kube, target, created, options);
}

/** The job's savepoint directory: its own configuration, or for a session job its session cluster's. */
async function savepointDirectory(kube: KubeClient, target: SavepointJob, live: LiveJob): Promise<string | undefined> {
  const own = directoryIn(live.spec?.flinkConfiguration);
  if (own !== undefined || target.kind !== 'FlinkSessionJob' || !live.spec?.deploymentName) return own;
  const session = await kube.get<LiveJob>({
    apiVersion: FLINK_API_VERSION,
    kind: 'FlinkDeployment',
    namespace: target.namespace,
    name: live.spec.deploymentName,
  });
  return directoryIn(session?.spec?.flinkConfiguration);
}

function directoryIn(configuration: Record<string, unknown> | undefined): string | undefined {
  for (const key of SAVEPOINT_DIR_KEYS) {
    const value = configuration?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** Creates the FlinkStateSnapshot; `not-served` when the cluster's operator has no such resource. */
async function createSnapshot(
  kube: KubeClient,
  target: SavepointJob,
  directory: string,
  audit: CommandAudit,
): Promise<string | 'not-served'> {
  const stamp = new Date(audit.at).toISOString().replace(/\D/g, '').slice(0, 14);
  const name = `${target.job.slice(0, 200)}-savepoint-${stamp}-${randomBytes(3).toString('hex')}`;
  try {
    await kube.applyServerSide(
      {
        apiVersion: FLINK_API_VERSION,
        kind: 'FlinkStateSnapshot',
        metadata: {
          name,
          namespace: target.namespace,
          labels: {
            [LABEL.managedBy]: MANAGED_BY,
            [LABEL.job]: target.job,
            [LABEL.environment]: target.environment,
            [LABEL.repository]: repositoryLabel(target.repository),
          },
          annotations: commandAuditAnnotations(audit),
        },
        spec: {
          jobReference: { kind: target.kind, name: target.job },
          // Kept when the resource is deleted: a savepoint someone asked for is theirs to dispose of.
          savepoint: { path: directory, formatType: 'CANONICAL', disposeOnDelete: false },
          // The operator retries a failed snapshot for ever by default (backoffLimit -1), leaving it
          // TRIGGER_PENDING between attempts (FlinkStateSnapshotController#updateErrorStatus): one
          // attempt, so a failure is reported while the person still waits for the answer.
          backoffLimit: 0,
        },
      },
      { fieldManager: COMMAND_FIELD_MANAGER },
    );
  } catch (e) {
    if (e instanceof KubeApiError && isNotServed(e)) return 'not-served';
    throw e;
  }
  return name;
}

function isNotServed(e: KubeApiError): boolean {
  return e.code === 404 || (e.code === 0 && /Unrecognized API version and kind/.test(e.message));
}

async function followSnapshot(
  kube: KubeClient,
  target: SavepointJob,
  snapshot: string,
  options: SavepointOptions,
): Promise<SavepointOutcome> {
  const ref = {
    apiVersion: FLINK_API_VERSION,
    kind: 'FlinkStateSnapshot',
    namespace: target.namespace,
    name: snapshot,
  };
  let state = 'TRIGGER_PENDING';
  const outcome = await poll(options, async (): Promise<SavepointOutcome | undefined> => {
    const live = await kube.get<LiveSnapshot>(ref);
    const status = live?.status ?? {};
    if (status.state && status.state !== state) {
      state = status.state;
      options.onProgress?.(state);
    }
    switch (status.state) {
      case 'COMPLETED':
        return { kind: 'completed', path: status.path ?? '', via: 'snapshot', snapshot };
      case 'FAILED':
        return { kind: 'failed', error: operatorMessage(status.error), via: 'snapshot', snapshot };
      case 'ABANDONED':
        return { kind: 'abandoned', error: operatorMessage(status.error), snapshot };
      default:
        return undefined;
    }
  });
  return outcome ?? { kind: 'timeout', state, via: 'snapshot', snapshot, waitedMs: timeoutOf(options) };
}

function operatorMessage(raw: string | undefined): string {
  return parseOperatorError(raw)?.message ?? 'the operator gave no reason';
}

/** The pre-1.10 way: a new `savepointTriggerNonce`, then the savepoint the operator records with it. */
async function triggerByNonce(
  kube: KubeClient,
  target: SavepointJob,
  live: LiveJob,
  options: SavepointOptions,
): Promise<SavepointOutcome> {
  const nonce = (live.spec?.job?.savepointTriggerNonce ?? 0) + 1;
  await kube.applyServerSide(
    {
      apiVersion: FLINK_API_VERSION,
      kind: target.kind,
      metadata: {
        name: target.job,
        namespace: target.namespace,
        annotations: commandAuditAnnotations(options.audit),
      },
      spec: { job: { savepointTriggerNonce: nonce } },
    },
    // Another command's nonce may be owned by an earlier command of another process: ours now.
    { fieldManager: COMMAND_FIELD_MANAGER, force: true },
  );
  const ref = { apiVersion: FLINK_API_VERSION, kind: target.kind, namespace: target.namespace, name: target.job };
  let state = 'TRIGGER_PENDING';
  const outcome = await poll(options, async (): Promise<SavepointOutcome | undefined> => {
    const now = await kube.get<LiveJob>(ref);
    const info = now?.status?.jobStatus?.savepointInfo;
    if (info?.lastSavepoint?.triggerNonce === nonce)
      return { kind: 'completed', path: info.lastSavepoint.location ?? '', via: 'nonce' };
    if (info?.triggerId && state !== 'IN_PROGRESS') {
      state = 'IN_PROGRESS';
      options.onProgress?.(state);
    }
    const failure = await nonceFailure(kube, target, nonce);
    if (failure !== undefined) return { kind: 'failed', error: failure, via: 'nonce' };
    return undefined;
  });
  return outcome ?? { kind: 'timeout', state, via: 'nonce', waitedMs: timeoutOf(options) };
}

/** The operator's SavepointError event for this nonce (SavepointInfo#formatErrorMessage names it). */
async function nonceFailure(kube: KubeClient, target: SavepointJob, nonce: number): Promise<string | undefined> {
  const events = await kube.listEvents({ namespace: target.namespace, name: target.job, kind: target.kind });
  // The nonce only grows, so an event naming it is about this attempt, whatever the clocks say.
  const failed = events.find((e) => e.reason === 'SavepointError' && (e.message ?? '').endsWith(`: ${nonce}`));
  return failed ? (failed.message ?? 'Savepoint failed') : undefined;
}

function timeoutOf(options: SavepointOptions): number {
  return options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}

/** Calls `check` until it answers, the time is up (undefined) or the signal aborts (throws). */
async function poll<T>(options: SavepointOptions, check: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + timeoutOf(options);
  const every = options.pollMs ?? DEFAULT_POLL_MS;
  for (;;) {
    options.signal?.throwIfAborted();
    const answer = await check();
    if (answer !== undefined) return answer;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.min(every, Math.max(0, deadline - Date.now()))));
  }
}
