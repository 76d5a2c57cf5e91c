import { ConfigError } from '../errors.js';
import { createKubeClient, KubeApiError, loadKubeConfig, type KubeClient } from '../kube/client.js';
import { FLINK_API_VERSION } from '../kube/types.js';
import { LABEL, MANAGED_BY } from '../render/object-meta.js';

export interface ClusterChoice {
  /** --kubeconfig; default $KUBECONFIG, then ~/.kube/config. */
  kubeconfig?: string;
  /** --context, else the environment's kubeContext, else the kubeconfig's current context. */
  context?: string;
  environment: string;
  /** Where the environment's jobs live: the one read that proves the cluster can be used. */
  namespace: string;
}

export interface Cluster {
  kube: KubeClient;
  /** The context in use, for the kubectl commands in hints. */
  context: string;
  /** `context "staging" (https://…)`, for messages. */
  describe: string;
}

/**
 * The environment's cluster, read once before anything else is done: a cluster that cannot be
 * reached, refuses the credentials or has no Flink operator is a configuration problem the
 * person fixes before a build is worth anything, not an internal error after it.
 */
export async function connectCluster(choice: ClusterChoice): Promise<Cluster> {
  const kc = loadKubeConfig({
    ...(choice.kubeconfig ? { kubeconfigPath: choice.kubeconfig } : {}),
    ...(choice.context ? { context: choice.context } : {}),
  });
  const context = kc.getCurrentContext();
  const describe = `context "${context}" (${kc.getCurrentCluster()?.server ?? 'no server'})`;
  const kube = createKubeClient(kc);
  try {
    // Our own objects only, so the read is small; it also needs the same `list` the orphan search does.
    await kube.list(
      FLINK_API_VERSION,
      'FlinkDeployment',
      choice.namespace,
      `${LABEL.managedBy}=${MANAGED_BY},${LABEL.environment}=${choice.environment}`,
    );
  } catch (error) {
    if (error instanceof KubeApiError) throw clusterProblem(error, describe, choice.namespace);
    throw error;
  }
  return { kube, context, describe };
}

/** A failed cluster read, in words that say what to fix. */
export function clusterProblem(error: KubeApiError, describe: string, namespace: string): ConfigError {
  if (error.code === 0 && /Unrecognized API version and kind/.test(error.message)) {
    return new ConfigError(
      `the cluster of ${describe} does not serve ${FLINK_API_VERSION} FlinkDeployment`,
      'install the Flink Kubernetes Operator and its CRDs there, or pick the right cluster with --context',
    );
  }
  switch (error.code) {
    case 0:
      return new ConfigError(
        `cannot reach the Kubernetes API server of ${describe}: ${error.message}`,
        "check the context's server address, that the cluster is up, and --context / --kubeconfig",
      );
    case 401:
      return new ConfigError(
        `the Kubernetes API server of ${describe} refused the credentials`,
        'renew the token or certificate of the kubeconfig user',
      );
    case 403:
      return new ConfigError(
        `not allowed to read FlinkDeployments in namespace ${namespace} (${describe}): ${error.message}`,
        `grant get, list, watch, create and patch on flinkdeployments.flink.apache.org in namespace ${namespace}`,
      );
    default:
      return new ConfigError(
        `the Kubernetes API server of ${describe} answered ${error.code} ${error.reason}: ${error.message}`,
      );
  }
}
