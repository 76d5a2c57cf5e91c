/**
 * What the operator's webhook refuses of a FlinkStateSnapshot (operator ≥ 1.10): the chart's
 * validating webhook covers `flinkstatesnapshots` too
 * (helm/flink-kubernetes-operator/templates/webhook/validating_webhook_configuration.yaml), and
 * FlinkValidator hands it to `DefaultValidator.validateStateSnapshot`, with the referenced job
 * looked up in the same namespace (FlinkStateSnapshotUtils.getSnapshotJobReferenceResourceId).
 */
import type { ObjectStore } from './object-store.js';
import { meta } from './object-store.js';
import { findKind } from './resources.js';

type Obj = Record<string, unknown>;

export function validateStateSnapshot(store: ObjectStore, snapshot: Obj): string | undefined {
  const spec = (snapshot.spec ?? {}) as Obj;
  const savepoint = spec.savepoint as Obj | undefined;
  if (Boolean(savepoint) === Boolean(spec.checkpoint))
    return 'Exactly one of checkpoint or savepoint configurations has to be set.';
  if (savepoint?.alreadyExists === true) return undefined;
  const reference = spec.jobReference as { kind?: string; name?: string } | undefined;
  if (!reference) return 'Job reference must be supplied for this snapshot';
  const state = ((snapshot.status ?? {}) as Obj).state;
  if (state !== undefined && state !== 'TRIGGER_PENDING') return undefined;
  const namespace = String(meta(snapshot).namespace);
  const type = reference.kind ? findKind('flink.apache.org/v1beta1', reference.kind) : undefined;
  const target = type && reference.name ? store.get(type, namespace, reference.name) : undefined;
  return target ? undefined : `Target for snapshot ${namespace}/${reference.name ?? 'null'} was not found`;
}
