/**
 * The Flink Kubernetes Operator's validating webhook as its Helm chart installs it by default
 * (helm/flink-kubernetes-operator/templates/webhook/validating_webhook_configuration.yaml:
 * webhook `validationwebhook.flink.apache.org`, CREATE and UPDATE of flinkdeployments and
 * flinksessionjobs, `failurePolicy: Fail`). Its handler (flink-kubernetes-webhook's
 * `FlinkValidator.validate`) runs `DefaultValidator` and turns the first problem into a
 * `NotAllowedException`: the API server refuses the write and nothing is stored.
 */
import { webhookDenied } from './api-status.js';
import type { ValidatingWebhook } from './kube-api.js';
import type { ObjectStore } from './object-store.js';
import { meta } from './object-store.js';
import { findKind } from './resources.js';
import { validateStateSnapshot } from './snapshot-validation.js';
import { validateFlinkDeployment, validateFlinkSessionJob, type OperatorConfig } from './operator-validation.js';

export const OPERATOR_WEBHOOK = 'validationwebhook.flink.apache.org';

type Obj = Record<string, unknown>;

/** The first problem the operator finds with a FlinkDeployment, FlinkSessionJob or FlinkStateSnapshot, or undefined. */
export function operatorProblem(
  store: ObjectStore,
  kind: string,
  object: Obj,
  config: OperatorConfig = {},
): string | undefined {
  if (kind === 'FlinkDeployment') return validateFlinkDeployment(object);
  if (kind === 'FlinkStateSnapshot') return validateStateSnapshot(store, object);
  if (kind !== 'FlinkSessionJob') return undefined;
  // FlinkValidator.validateSessionJob looks the session cluster up in its informer's cache.
  const deployments = findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!;
  const spec = (object.spec ?? {}) as Obj;
  const session =
    typeof spec.deploymentName === 'string'
      ? store.get(deployments, String(meta(object).namespace), spec.deploymentName)
      : undefined;
  return validateFlinkSessionJob(object, session, config);
}

export function operatorWebhook(store: ObjectStore, config: OperatorConfig = {}): ValidatingWebhook {
  return (type, object) => {
    if (type.group !== 'flink.apache.org') return;
    const problem = operatorProblem(store, type.kind, object, config);
    if (problem !== undefined) throw webhookDenied(OPERATOR_WEBHOOK, problem);
  };
}
