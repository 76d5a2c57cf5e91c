import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../kube/client.js';
import { ConfigError } from '../errors.js';
import type { ProjectSpec } from '../manifest/types.js';

export interface KubePortsOptions {
  kubeconfigPath?: string | undefined;
  inCluster: boolean;
  /** Learns every credential a kubeconfig holds, so logs never show one. */
  addSecrets: (values: string[]) => void;
}

/**
 * The cluster of each environment, as the app reaches it: the environment's `kubeContext` in
 * the app's kubeconfig, or the pod's service account for an environment without one. One
 * client per context, made on first use.
 */
export function kubePorts(options: KubePortsOptions): {
  kube: (environment: string, project: ProjectSpec) => KubeClient;
  forContext: (context: string | undefined, environment: string) => KubeClient;
} {
  const clients = new Map<string, KubeClient>();
  const forContext = (context: string | undefined, environment: string): KubeClient => {
    const key = context ?? '(in-cluster)';
    const known = clients.get(key);
    if (known) return known;
    if (context && !options.kubeconfigPath) {
      throw new ConfigError(
        `environment ${environment} deploys with kubeContext "${context}", but the app has no kubeconfig`,
        'set STREAMPILOT_KUBECONFIG to a kubeconfig that has this context',
      );
    }
    if (!context && !options.inCluster && !options.kubeconfigPath) {
      throw new ConfigError(
        `environment ${environment} has no kubeContext, so it deploys with the app's in-cluster service account, but the app does not run in a cluster`,
        'give the environment a kubeContext, and the app a kubeconfig (STREAMPILOT_KUBECONFIG)',
      );
    }
    const kc = loadKubeConfig(
      context
        ? { kubeconfigPath: options.kubeconfigPath!, context }
        : options.inCluster
          ? { inCluster: true }
          : { kubeconfigPath: options.kubeconfigPath! },
    );
    options.addSecrets(
      kc.users.flatMap((u) => [u.token, u.password, u.keyData, u.certData].filter((v): v is string => Boolean(v))),
    );
    const client = createKubeClient(kc);
    clients.set(key, client);
    return client;
  };
  return {
    kube: (environment, project) => forContext(project.environments[environment]?.kubeContext, environment),
    forContext,
  };
}

/** This replica in the Leases it holds: the pod name in a cluster, else host and a random suffix. */
export function replicaIdentity(): string {
  return `${process.env.POD_NAME || hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}
