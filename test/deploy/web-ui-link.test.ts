/**
 * Web UI links against the fake API server (real `@kubernetes/client-node`). The `<name>-rest`
 * service is the one the simulated Flink operator creates (ClusterIP, port `rest` 8081, as the
 * operator 1.15 does); tests change its type, ports and load-balancer status the way
 * `kubectl patch` and a cloud controller would. Node addresses follow core/v1 NodeAddress types.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webUiLink } from '../../src/deploy/web-ui-link.js';
import { createKubeClient, KubeApiError, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { renderJob } from '../../src/render/render-job.js';
import type { ResolvedJob } from '../../src/manifest/types.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { findKind } from '../support/fake-kube/resources.js';
import { resolvedJob } from '../support/resolved-job.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-staging';
const IMAGE =
  'registry.example.com/jobs/orders@sha256:4c5e8a37b2f3c3d3c1f8f0b0f4f5d9e3a1c2b3d4e5f60718293a4b5c6d7e8f90';
const SERVICE = findKind('v1', 'Service')!;

let fake: FakeKube;
let dir: string;
let kube: KubeClient;

/** Applies the job as StreamPilot does and lets the simulated operator deploy it (which creates `<name>-rest`). */
async function deployed(name: string, overrides: Partial<ResolvedJob> = {}): Promise<ResolvedJob> {
  const job = resolvedJob({ name, namespace: NS, ...overrides });
  await kube.applyServerSide(renderJob(job, { image: IMAGE, script: 'INSERT INTO sink SELECT * FROM source;\n' }), {
    fieldManager: 'streampilot',
  });
  fake.operator.deployed(NS, name);
  return job;
}

function patchService(name: string, spec: Record<string, unknown>): void {
  fake.api.patch(SERVICE, NS, name, { spec }, { fieldManager: 'kubectl-patch' });
}

function loadBalancerStatus(name: string, ingress: Record<string, string>[]): void {
  fake.api.patch(
    SERVICE,
    NS,
    name,
    { status: { loadBalancer: { ingress } } },
    { fieldManager: 'cloud-controller-manager' },
    'status',
  );
}

beforeAll(async () => {
  fake = await startFakeKube();
  dir = mkdtempSync(path.join(tmpdir(), 'web-ui-link-'));
  kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
});

afterAll(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('web UI link', () => {
  it('is the ingress address when the environment sets one, without asking the cluster', async () => {
    const job = resolvedJob({
      name: 'orders',
      namespace: NS,
      webUI: { ingress: 'https://flink.acme.dev/{{namespace}}/{{name}}/' },
    });
    const before = fake.requests.length;
    expect(await webUiLink(kube, job)).toEqual({ via: 'ingress', url: `https://flink.acme.dev/${NS}/orders/` });
    expect(fake.requests.length).toBe(before);
  });

  it('is a port-forward command for the ClusterIP service the operator creates, naming the context when there is one', async () => {
    const job = await deployed('clusterip-job');
    expect(await webUiLink(kube, job)).toEqual({
      via: 'port-forward',
      command: `kubectl port-forward -n ${NS} svc/clusterip-job-rest 8081:8081`,
      url: 'http://localhost:8081/',
    });
    expect(await webUiLink(kube, job, 'gke_acme_europe-west1_prod')).toMatchObject({
      command: `kubectl port-forward --context gke_acme_europe-west1_prod -n ${NS} svc/clusterip-job-rest 8081:8081`,
    });
    expect(await webUiLink(kube, job, "ops's cluster")).toMatchObject({
      command: `kubectl port-forward --context 'ops'\\''s cluster' -n ${NS} svc/clusterip-job-rest 8081:8081`,
    });
  });

  it("is a NodePort URL on the first Ready node's best address", async () => {
    const job = await deployed('nodeport-job');
    patchService('nodeport-job-rest', {
      type: 'NodePort',
      ports: [{ name: 'rest', port: 8081, targetPort: 8081, nodePort: 30081, protocol: 'TCP' }],
    });
    fake.addNode({ name: 'np-down', addresses: [{ type: 'ExternalIP', address: '203.0.113.9' }], ready: false });
    fake.addNode({
      name: 'np-worker',
      addresses: [
        { type: 'Hostname', address: 'np-worker' },
        { type: 'InternalIP', address: '10.0.0.21' },
        { type: 'ExternalIP', address: '203.0.113.21' },
      ],
    });
    expect(await webUiLink(kube, job)).toEqual({ via: 'node-port', url: 'http://203.0.113.21:30081/' });
  });

  it('uses an internal address when a node has no external one, and brackets IPv6', async () => {
    const nodes = [
      {
        metadata: { name: 'a' },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          addresses: [
            { type: 'Hostname', address: 'a' },
            { type: 'InternalIP', address: 'fd00::21' },
          ],
        },
      },
    ];
    const stub = {
      getService: async () => ({ spec: { type: 'NodePort', ports: [{ name: 'rest', port: 8081, nodePort: 31000 }] } }),
      listNodes: async () => nodes,
    } as unknown as KubeClient;
    expect(await webUiLink(stub, resolvedJob({ name: 'v6', namespace: NS }))).toEqual({
      via: 'node-port',
      url: 'http://[fd00::21]:31000/',
    });
  });

  it('falls back to the port-forward command when nodes cannot be listed (a cluster-scoped read often not granted)', async () => {
    const stub = {
      getService: async () => ({ spec: { type: 'NodePort', ports: [{ name: 'rest', port: 8081, nodePort: 31000 }] } }),
      listNodes: async () => {
        throw new KubeApiError(
          'nodes is forbidden: User "system:serviceaccount:flink:streampilot" cannot list resource "nodes"',
          403,
          'Forbidden',
        );
      },
    } as unknown as KubeClient;
    expect(await webUiLink(stub, resolvedJob({ name: 'np', namespace: NS }))).toMatchObject({
      via: 'port-forward',
      command: `kubectl port-forward -n ${NS} svc/np-rest 8081:8081`,
    });
  });

  it("is the load balancer's address once it has one, and the port-forward command until then", async () => {
    const job = await deployed('lb-job');
    patchService('lb-job-rest', {
      type: 'LoadBalancer',
      ports: [{ name: 'rest', port: 80, targetPort: 8081, nodePort: 31081, protocol: 'TCP' }],
    });
    expect(await webUiLink(kube, job)).toEqual({
      via: 'port-forward',
      command: `kubectl port-forward -n ${NS} svc/lb-job-rest 8081:80`,
      url: 'http://localhost:8081/',
    });
    loadBalancerStatus('lb-job-rest', [{ hostname: 'a1b2c3.elb.eu-west-1.amazonaws.com' }]);
    expect(await webUiLink(kube, job)).toEqual({
      via: 'load-balancer',
      url: 'http://a1b2c3.elb.eu-west-1.amazonaws.com/',
    });

    const withIp = await deployed('lb-ip-job');
    patchService('lb-ip-job-rest', { type: 'LoadBalancer' });
    loadBalancerStatus('lb-ip-job-rest', [{ ip: '198.51.100.7' }]);
    expect(await webUiLink(kube, withIp)).toEqual({ via: 'load-balancer', url: 'http://198.51.100.7:8081/' });
  });

  it("is the session cluster's for a session job", async () => {
    fake.api.create(
      SERVICE,
      NS,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'shared-session-rest', namespace: NS },
        spec: { type: 'ClusterIP', ports: [{ name: 'rest', port: 8081, targetPort: 8081, protocol: 'TCP' }] },
      },
      { fieldManager: 'flink-kubernetes-operator' },
    );
    const job = resolvedJob({ name: 'session-job', namespace: NS, mode: 'session', sessionCluster: 'shared-session' });
    expect(await webUiLink(kube, job)).toMatchObject({
      via: 'port-forward',
      command: `kubectl port-forward -n ${NS} svc/shared-session-rest 8081:8081`,
    });
  });

  it('is undefined while the REST service does not exist', async () => {
    expect(await webUiLink(kube, resolvedJob({ name: 'not-deployed', namespace: NS }))).toBeUndefined();
  });
});
