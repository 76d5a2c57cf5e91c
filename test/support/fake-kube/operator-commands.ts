/**
 * How the operator answers what `/restart` and `/resume` change, as a scenario for the autopilot
 * (operator-autopilot.ts): compose it in front of a test's own scenario,
 * `scenario: (ns, name, object) => commandScenario(object) ?? …`. Undefined when the new
 * generation is no restart or resume (a deploy's change: the test's scenario decides).
 *
 * From apache/flink-kubernetes-operator:
 * - `spec.restartNonce` changed to another non-null value is an UPGRADE change (AbstractFlinkSpec,
 *   `@SpecDiff(onNullIgnore = true)`), carried out by AbstractJobReconciler#reconcileSpecChange as
 *   a suspend by the upgrade mode's mechanism, then a restore: `savepoint` stops the job with a
 *   savepoint and restores from it (getJobUpgrade → JobUpgrade.savepoint; restoreJob reads
 *   status.jobStatus.upgradeSavepointPath), `last-state` restores from HA metadata (ApplicationReconciler#deploy
 *   records the placeholder KUBERNETES_OPERATOR_LAST_STATE as upgradeSavepointPath), `stateless`
 *   starts from empty state. A null nonce, or the same one, is no change.
 * - `spec.job.state` suspended → running restores (reconcileSpecChange: currentJobState SUSPENDED,
 *   desired RUNNING → restoreJob) with the upgrade mode the job was suspended with: from the
 *   savepoint its suspend recorded in upgradeSavepointPath, from HA metadata, or empty.
 * running → suspended is the autopilot's own (SimulatedOperator#suspended).
 */
import { randomBytes } from 'node:crypto';
import type { Scenario } from './operator-autopilot.js';

type Obj = Record<string, unknown>;

/** ApplicationReconciler: what a last-state restore records as the "savepoint" it restored from. */
export const LAST_STATE_PLACEHOLDER = 'KUBERNETES_OPERATOR_LAST_STATE';

export function commandScenario(object: Obj): Scenario | undefined {
  const spec = (object.spec ?? {}) as Obj;
  const job = (spec.job ?? {}) as Obj;
  if (job.state === 'suspended') return undefined;
  const status = (object.status ?? {}) as Obj;
  const raw = (status.reconciliationStatus as Obj | undefined)?.lastReconciledSpec;
  if (typeof raw !== 'string') return undefined;
  const reconciled = ((JSON.parse(raw) as Obj).spec ?? {}) as Obj;
  const before = (reconciled.job ?? {}) as Obj;
  const mode = job.upgradeMode ?? 'stateless';
  if (before.state === 'suspended') {
    // Restored with the upgrade mode of the suspend (the reconciled spec's), unless stateless is asked for now.
    const restoreMode = mode === 'stateless' ? 'stateless' : (before.upgradeMode ?? mode);
    const suspendedWith = (status.jobStatus as Obj | undefined)?.upgradeSavepointPath;
    if (restoreMode === 'savepoint' && typeof suspendedWith === 'string')
      return { kind: 'run', restoredFrom: suspendedWith };
    if (restoreMode === 'last-state') return { kind: 'run', restoredFrom: LAST_STATE_PLACEHOLDER };
    return { kind: 'run' };
  }
  const nonce = spec.restartNonce;
  if (nonce === undefined || nonce === null || nonce === reconciled.restartNonce) return undefined;
  if (mode === 'savepoint') {
    const savepoint = `file:///flink-data/savepoints/${String((object.metadata as Obj).name)}/savepoint-${randomBytes(6).toString('hex')}`;
    return { kind: 'run', savepointFirst: savepoint, restoredFrom: savepoint };
  }
  if (mode === 'last-state') return { kind: 'run', restoredFrom: LAST_STATE_PLACEHOLDER };
  return { kind: 'run' };
}
