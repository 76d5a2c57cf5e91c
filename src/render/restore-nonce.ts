import { createHash } from 'node:crypto';
import type { RestoreFromSpec } from '../manifest/types.js';

/**
 * The operator reads `initialSavepointPath` only on a first deployment, and restarts a job that
 * already runs from it only when `savepointRedeployNonce` changes to another non-null value
 * (apache/flink-kubernetes-operator: JobSpec's `@SpecDiff(value = SAVEPOINT_REDEPLOY, onNullIgnore = true)`
 * on savepointRedeployNonce, AbstractJobReconciler#redeployWithSavepoint). Deriving the nonce
 * from the path (and `redeploy`) makes "change restoreFrom" mean "restart from there", and an
 * unchanged restoreFrom a no-op, without anyone keeping a counter in Git.
 *
 * 48 bits of sha256: an exact integer in JSON and JavaScript, and within the CRD's int64.
 */
export function savepointRedeployNonce(restoreFrom: RestoreFromSpec): number {
  const digest = createHash('sha256')
    .update(`${restoreFrom.savepoint}\n${restoreFrom.redeploy ?? 0}`, 'utf8')
    .digest('hex');
  return Number.parseInt(digest.slice(0, 12), 16);
}
