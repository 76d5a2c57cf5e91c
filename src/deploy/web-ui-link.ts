/**
 * Where a person opens a job's Flink Web UI. With the environment's `webUI.ingress` it is that
 * address (the operator makes the Ingress from the same setting), known without asking the
 * cluster. Otherwise it is the `<cluster>-rest` service the operator creates, by its type:
 * NodePort → a node's address and the node port; LoadBalancer → the balancer's address;
 * ClusterIP (or anything not reachable yet) → the `kubectl port-forward` command to paste.
 */
import type { V1Node, V1Service, V1ServicePort } from '@kubernetes/client-node';
import type { KubeClient } from '../kube/client.js';
import { webUIUrl } from '../render/web-ui.js';
import type { ResolvedJob } from '../manifest/types.js';
import type { WebUiLink } from './types.js';

/** The local port the port-forward command listens on: Flink's own REST port, so URLs look familiar. */
const LOCAL_PORT = 8081;
const ADDRESS_PREFERENCE = ['ExternalIP', 'InternalIP', 'Hostname'];

/** `<cluster>-rest`; a session job's UI is its session cluster's. */
export function restServiceName(job: Pick<ResolvedJob, 'name' | 'mode' | 'sessionCluster'>): string {
  const cluster = job.mode === 'session' ? (job.sessionCluster ?? job.name) : job.name;
  return `${cluster}-rest`;
}

/** The port the operator names `rest`, else the only one. */
function restPort(service: V1Service): V1ServicePort | undefined {
  const ports = service.spec?.ports ?? [];
  return ports.find((p) => p.name === 'rest') ?? ports[0];
}

function isReady(node: V1Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The best address of the first Ready node that has one. */
export function nodeAddress(nodes: readonly V1Node[]): string | undefined {
  for (const node of nodes.filter(isReady)) {
    const addresses = node.status?.addresses ?? [];
    for (const type of ADDRESS_PREFERENCE) {
      const found = addresses.find((a) => a.type === type && a.address);
      if (found) return found.address;
    }
  }
  return undefined;
}

function httpUrl(host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return port === 80 ? `http://${h}/` : `http://${h}:${port}/`;
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_.:/@=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function portForward(namespace: string, service: string, port: number, kubeContext: string | undefined): WebUiLink {
  const context = kubeContext ? ` --context ${shellWord(kubeContext)}` : '';
  return {
    via: 'port-forward',
    command: `kubectl port-forward${context} -n ${namespace} svc/${service} ${LOCAL_PORT}:${port}`,
    url: `http://localhost:${LOCAL_PORT}/`,
  };
}

/**
 * The job's Web UI link, or undefined when its REST service does not exist (not deployed yet,
 * or a session cluster that is missing). `kubeContext`: the environment's kubeconfig context,
 * put into the port-forward command so it reaches the right cluster when pasted.
 * Errors reading the service propagate; failing to list nodes (cluster-scoped, often not
 * granted) falls back to the port-forward command.
 */
export async function webUiLink(
  kube: Pick<KubeClient, 'getService' | 'listNodes'>,
  job: ResolvedJob,
  kubeContext?: string,
): Promise<WebUiLink | undefined> {
  const ingress = webUIUrl(job);
  if (ingress) return { via: 'ingress', url: ingress };

  const name = restServiceName(job);
  const service = await kube.getService(job.namespace, name);
  if (!service) return undefined;
  const port = restPort(service);
  const fallback = portForward(job.namespace, name, port?.port ?? LOCAL_PORT, kubeContext);
  if (!port) return fallback;

  switch (service.spec?.type) {
    case 'NodePort': {
      if (!port.nodePort) return fallback;
      let nodes: V1Node[];
      try {
        nodes = await kube.listNodes();
      } catch {
        return fallback;
      }
      const address = nodeAddress(nodes);
      return address ? { via: 'node-port', url: httpUrl(address, port.nodePort) } : fallback;
    }
    case 'LoadBalancer': {
      const ingressPoint = service.status?.loadBalancer?.ingress?.[0];
      const host = ingressPoint?.ip || ingressPoint?.hostname;
      // Until the cloud assigns an address the balancer reaches nothing.
      return host ? { via: 'load-balancer', url: httpUrl(host, port.port) } : fallback;
    }
    default:
      return fallback;
  }
}
