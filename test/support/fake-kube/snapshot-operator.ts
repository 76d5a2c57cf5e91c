/**
 * The operator's savepoints, simulated on their own (like operator-autopilot.ts, for code running
 * in another process): what the Flink Kubernetes Operator does with a FlinkStateSnapshot
 * (operator ≥ 1.10), and with a new `spec.job.savepointTriggerNonce` on an operator without that
 * CRD. Each savepoint plays the scenario the test chose for its job, after short delays so that
 * a reader sees each state. Status is written through `/status` as the operator, so it is
 * validated against the CRDs.
 *
 * FlinkStateSnapshot (FlinkStateSnapshotController#reconcile: observer, then reconciler):
 * - StateSnapshotReconciler: a snapshot of a job that is missing or not RUNNING is ABANDONED with
 *   "Secondary resource <name> (<kind>) for savepoint <snapshot> was not found / is not running"
 *   and a Warning event SnapshotAbandoned (FlinkStateSnapshotUtils.abandonSnapshotIfJobNotRunning);
 *   without `spec.savepoint.path` nor the job's savepoint directory, triggering throws;
 *   otherwise the savepoint is triggered: IN_PROGRESS with a `triggerId` and `triggerTimestamp`
 *   (FlinkStateSnapshotUtils.snapshotInProgress).
 * - StateSnapshotObserver: an IN_PROGRESS savepoint of a job that stopped running is ABANDONED
 *   the same way; Flink's answer either completes it (COMPLETED, `path`, `resultTimestamp`:
 *   snapshotSuccessful) or throws a ReconciliationException with Flink's error.
 * - A throw lands in FlinkStateSnapshotController#updateErrorStatus: FAILED, `failures` + 1,
 *   `error` the JSON of a FlinkResourceException (ReconciliationUtils.updateForReconciliationError,
 *   FlinkResourceExceptionUtils), a Warning event SavepointError; then, unless `failures` exceeds
 *   a `backoffLimit` ≥ 0, back to TRIGGER_PENDING for a retry (default backoffLimit -1: for ever).
 *
 * Nonce (operators before 1.10; SnapshotObserver#observeTriggeredSavepoint): a new nonce on a
 * RUNNING job sets `status.jobStatus.savepointInfo.triggerId` / `triggerTimestamp` / `triggerType`
 * MANUAL; success moves the savepoint to `lastSavepoint` with the nonce (`triggerNonce`) and into
 * `savepointHistory`; a failure is a Warning event SavepointError "Savepoint failed for
 * savepointTriggerNonce: <n>" (SavepointInfo#formatErrorMessage) and the trigger is reset.
 */
import { randomBytes } from 'node:crypto';
import type { FakeKube } from './fake-kube.js';
import { meta } from './object-store.js';
import { findKind } from './resources.js';

type Obj = Record<string, unknown>;

export type SnapshotScenario =
  | { kind: 'complete' }
  /** Flink refuses or fails the savepoint with this error (e.g. a CheckpointException's message). */
  | { kind: 'fail'; error: string }
  /** The job stops running while the savepoint is in progress. */
  | { kind: 'job-stops' }
  /** Flink never answers. */
  | { kind: 'hang' };

export interface SnapshotOperatorOptions {
  scenario?: (namespace: string, job: string) => SnapshotScenario;
  /** An operator before 1.10: savepoints by `savepointTriggerNonce` (start the fake `withoutCrds: ['FlinkStateSnapshot']`). */
  nonce?: boolean;
  stepMs?: number;
}

export interface SnapshotOperator {
  /** Savepoints played, `<namespace>/<job> <scenario>`. */
  played: string[];
  stop(): void;
}

const FLINK = 'flink.apache.org/v1beta1';
const SAVEPOINT_DIR_KEYS = ['execution.checkpointing.savepoint-dir', 'state.savepoints.dir'];
const RECONCILIATION_EXCEPTION = 'org.apache.flink.kubernetes.operator.exception.ReconciliationException';

export function startSnapshotOperator(fake: FakeKube, options: SnapshotOperatorOptions = {}): SnapshotOperator {
  const played: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const nonces = new Map<string, unknown>();
  const step = options.stepMs ?? 50;
  const snapshots = findKind(FLINK, 'FlinkStateSnapshot')!;
  const later = (ms: number, work: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      try {
        work();
      } catch {
        // Deleted meanwhile: nothing left to report on.
      }
    }, ms);
    timers.add(t);
  };
  const scenarioOf = (namespace: string, job: string) => options.scenario?.(namespace, job) ?? { kind: 'complete' };

  const unsubscribe = fake.store.subscribe((event) => {
    if (event.type === 'DELETED') return;
    const m = meta(event.object);
    const namespace = String(m.namespace);
    if (event.resource.kind === 'FlinkStateSnapshot' && event.type === 'ADDED') {
      later(step, () => reconcileSnapshot(namespace, String(m.name)));
      return;
    }
    if (!options.nonce || (event.resource.kind !== 'FlinkDeployment' && event.resource.kind !== 'FlinkSessionJob'))
      return;
    const key = `${event.resource.kind}/${namespace}/${String(m.name)}`;
    const nonce = (((event.object.spec ?? {}) as Obj).job as Obj | undefined)?.savepointTriggerNonce;
    const before = nonces.get(key);
    nonces.set(key, nonce);
    if (event.type === 'ADDED' || nonce === undefined || nonce === null || nonce === before) return;
    later(step, () => triggerByNonce(event.resource.kind, namespace, String(m.name), Number(nonce)));
  });

  function jobOf(namespace: string, snapshot: Obj): Obj | undefined {
    const reference = ((snapshot.spec as Obj).jobReference ?? {}) as { kind?: string; name?: string };
    const type = reference.kind ? findKind(FLINK, reference.kind) : undefined;
    return type && reference.name ? fake.store.get(type, namespace, reference.name) : undefined;
  }

  function isRunning(job: Obj | undefined): boolean {
    return ((((job?.status ?? {}) as Obj).jobStatus ?? {}) as Obj).state === 'RUNNING';
  }

  function patchSnapshot(namespace: string, name: string, status: Obj): Obj {
    return fake.api.patch(
      snapshots,
      namespace,
      name,
      { status },
      { fieldManager: 'flink-kubernetes-operator' },
      'status',
    ).object;
  }

  function abandonIfNotRunning(namespace: string, snapshot: Obj, job: Obj | undefined): boolean {
    if (isRunning(job)) return false;
    const reference = (snapshot.spec as Obj).jobReference as { kind: string; name: string };
    const name = String(meta(snapshot).name);
    const error = `Secondary resource ${reference.name} (${reference.kind}) for savepoint ${name} ${job ? 'is not running' : 'was not found'}`;
    fake.operator.event(namespace, snapshot, 'Warning', 'SnapshotAbandoned', error);
    patchSnapshot(namespace, name, {
      state: 'ABANDONED',
      path: null,
      error,
      resultTimestamp: new Date().toISOString(),
    });
    return true;
  }

  function reconcileSnapshot(namespace: string, name: string): void {
    const snapshot = fake.api.read(snapshots, namespace, name);
    const job = jobOf(namespace, snapshot);
    if (abandonIfNotRunning(namespace, snapshot, job)) return;
    const savepoint = ((snapshot.spec as Obj).savepoint ?? {}) as Obj;
    const configuration = ((job!.spec as Obj).flinkConfiguration ?? {}) as Obj;
    const directory =
      (savepoint.path as string | undefined) ??
      SAVEPOINT_DIR_KEYS.map((k) => configuration[k] as string | undefined).find(Boolean);
    if (!directory) {
      fail(
        namespace,
        snapshot,
        `Either the savepoint path in the spec or configuration ${SAVEPOINT_DIR_KEYS[0]} in the Flink resource has to be supplied`,
        'java.lang.IllegalArgumentException',
      );
      return;
    }
    const jobName = String(meta(job!).name);
    const scenario = scenarioOf(namespace, jobName);
    played.push(`${namespace}/${jobName} ${scenario.kind}`);
    patchSnapshot(namespace, name, {
      state: 'IN_PROGRESS',
      triggerId: randomBytes(16).toString('hex'),
      triggerTimestamp: new Date().toISOString(),
    });
    later(step, () => observe(namespace, name, directory, scenario));
  }

  function observe(namespace: string, name: string, directory: string, scenario: SnapshotScenario): void {
    const snapshot = fake.api.read(snapshots, namespace, name);
    let job = jobOf(namespace, snapshot);
    if (scenario.kind === 'job-stops' && job) {
      fake.operator.failed(namespace, String(meta(job).name), {
        message: 'java.lang.OutOfMemoryError: Java heap space',
      });
      job = jobOf(namespace, snapshot);
    }
    if (abandonIfNotRunning(namespace, snapshot, job)) return;
    if (scenario.kind === 'hang') return;
    if (scenario.kind === 'fail') {
      fail(namespace, snapshot, scenario.error, RECONCILIATION_EXCEPTION);
      return;
    }
    const jobId = String((((job!.status as Obj).jobStatus ?? {}) as Obj).jobId ?? '');
    patchSnapshot(namespace, name, {
      state: 'COMPLETED',
      path: `${directory.replace(/\/$/, '')}/savepoint-${jobId.slice(0, 6)}-${randomBytes(6).toString('hex')}`,
      error: null,
      resultTimestamp: new Date().toISOString(),
    });
  }

  function fail(namespace: string, snapshot: Obj, message: string, type: string): void {
    const name = String(meta(snapshot).name);
    const status = (snapshot.status ?? {}) as Obj;
    const failures = Number(status.failures ?? 0) + 1;
    const error = JSON.stringify({ type, message, additionalMetadata: {}, throwableList: [] });
    fake.operator.event(namespace, snapshot, 'Warning', 'SavepointError', error);
    const backoffLimit = Number((snapshot.spec as Obj).backoffLimit ?? -1);
    const final = backoffLimit >= 0 && failures > backoffLimit;
    patchSnapshot(namespace, name, {
      state: final ? 'FAILED' : 'TRIGGER_PENDING',
      failures,
      error,
      resultTimestamp: new Date().toISOString(),
    });
    // The retry comes 10 s × 2^(failures-1) later; scaled down to the simulation's step.
    if (!final) later(step * 2 ** failures, () => reconcileSnapshot(namespace, name));
  }

  function triggerByNonce(kind: string, namespace: string, name: string, nonce: number): void {
    const type = findKind(FLINK, kind)!;
    const job = fake.api.read(type, namespace, name);
    // Snapshots are only triggered for a running job (AbstractJobReconciler → SnapshotUtils.triggerSnapshotIfNeeded).
    if (!isRunning(job)) return;
    const scenario = scenarioOf(namespace, name);
    played.push(`${namespace}/${name} ${scenario.kind} (nonce ${nonce})`);
    const flinkKind = kind as 'FlinkDeployment' | 'FlinkSessionJob';
    const jobStatus = () => ((fake.api.read(type, namespace, name).status as Obj).jobStatus ?? {}) as Obj;
    const triggerTimestamp = Date.now();
    fake.operator.patchStatus(
      namespace,
      name,
      {
        jobStatus: {
          ...jobStatus(),
          savepointInfo: {
            ...((jobStatus().savepointInfo ?? {}) as Obj),
            triggerId: randomBytes(16).toString('hex'),
            triggerTimestamp,
            triggerType: 'MANUAL',
            formatType: 'CANONICAL',
          },
        },
      },
      flinkKind,
    );
    later(step, () => {
      if (scenario.kind === 'hang') return;
      const info = (jobStatus().savepointInfo ?? {}) as Obj;
      const reset = { triggerId: null, triggerTimestamp: null, triggerType: null, formatType: null };
      if (scenario.kind === 'complete') {
        const configuration = ((job.spec as Obj).flinkConfiguration ?? {}) as Obj;
        const directory = SAVEPOINT_DIR_KEYS.map((k) => configuration[k] as string | undefined).find(Boolean) ?? '';
        const savepoint = {
          timeStamp: triggerTimestamp,
          location: `${directory.replace(/\/$/, '')}/savepoint-${randomBytes(6).toString('hex')}`,
          triggerType: 'MANUAL',
          formatType: 'CANONICAL',
          triggerNonce: nonce,
        };
        const history = (info.savepointHistory as Obj[] | undefined) ?? [];
        fake.operator.patchStatus(
          namespace,
          name,
          {
            jobStatus: {
              ...jobStatus(),
              savepointInfo: { ...info, ...reset, lastSavepoint: savepoint, savepointHistory: [...history, savepoint] },
            },
          },
          flinkKind,
        );
        return;
      }
      fake.operator.event(
        namespace,
        fake.api.read(type, namespace, name),
        'Warning',
        'SavepointError',
        `Savepoint failed for savepointTriggerNonce: ${nonce}`,
      );
      fake.operator.patchStatus(
        namespace,
        name,
        { jobStatus: { ...jobStatus(), savepointInfo: { ...info, ...reset } } },
        flinkKind,
      );
    });
  }

  return {
    played,
    stop: () => {
      unsubscribe();
      for (const t of timers) clearTimeout(t);
    },
  };
}
