/**
 * The fake API server's service proxy and Nodes, driven through src/kube/client.ts and the real
 * `@kubernetes/client-node`. The contract is kube-apiserver's: the service proxy
 * `GET /api/v1/namespaces/{ns}/services/{name}:{port}/proxy/{path}` (ResourceLocation of the
 * service REST storage, apimachinery's proxy transport errors), and Nodes as a cluster-scoped
 * core/v1 resource (https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/node-v1/).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CoreV1Api, type KubeConfig, type V1Node } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient, KubeApiError, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { freePort } from '../support/free-port.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-jobs';

let fake: FakeKube;
let dir: string;
let kc: KubeConfig;
let kube: KubeClient;
let backend: Server;
let backendUrl: string;
const seen: string[] = [];

/** A service as the Flink operator creates it for a JobManager's REST endpoint. */
function restService(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NS, labels: { app: name.replace(/-rest$/, '') } },
    spec: {
      type: 'ClusterIP',
      selector: { app: name.replace(/-rest$/, ''), component: 'jobmanager' },
      ports: [{ name: 'rest', port: 8081, targetPort: 8081, protocol: 'TCP' }],
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<KubeApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KubeApiError);
  return error as KubeApiError;
}

/** A raw GET to the fake, for URLs the typed clients never build. */
function rawGet(urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${fake.url}${urlPath}`,
      { ca: fake.caPem, headers: { Authorization: `Bearer ${fake.token}` } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  fake = await startFakeKube();
  dir = mkdtempSync(path.join(tmpdir(), 'fake-kube-proxy-'));
  kc = loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake, [{ name: 'test', namespace: NS }]) });
  kube = createKubeClient(kc);
  // Stands in for a JobManager: answers with what it was asked, or the status in ?status=.
  backend = createServer((req, res) => {
    seen.push(req.url ?? '');
    if (req.url?.startsWith('/hang')) return;
    const status = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ url: req.url }));
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  for (const name of ['orders-rest', 'lonely-rest', 'gone-rest'])
    await kube.applyServerSide(restService(name), { fieldManager: 'flink-kubernetes-operator' });
  fake.serviceEndpoints.set(`${NS}/orders-rest:8081`, backendUrl);
  fake.serviceEndpoints.set(`${NS}/gone-rest:8081`, `http://127.0.0.1:${await freePort()}`);
});

afterAll(async () => {
  backend?.closeAllConnections();
  backend?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('service proxy', () => {
  it('forwards the path and query to the service port and returns the answer', async () => {
    const answer = await kube.proxyGet(
      { namespace: NS, service: 'orders-rest', port: 8081 },
      '/jobs/0123456789abcdef0123456789abcdef/exceptions?maxExceptions=1',
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      url: '/jobs/0123456789abcdef0123456789abcdef/exceptions?maxExceptions=1',
    });
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: `/api/v1/namespaces/${NS}/services/orders-rest:8081/proxy/jobs/0123456789abcdef0123456789abcdef/exceptions`,
      query: { maxExceptions: '1' },
      status: 200,
    });
  });

  it("returns the backend's own error status instead of throwing", async () => {
    const answer = await kube.proxyGet(
      { namespace: NS, service: 'orders-rest', port: 8081 },
      'jobs/overview?status=404',
    );
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({ url: '/jobs/overview?status=404' });
  });

  it('answers 503 "no endpoints available" for a service nothing backs (a JobManager that is down)', async () => {
    const answer = await kube.proxyGet({ namespace: NS, service: 'lonely-rest', port: 8081 }, '/jobs/overview');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toMatchObject({
      kind: 'Status',
      reason: 'ServiceUnavailable',
      code: 503,
      message: 'no endpoints available for service "lonely-rest"',
    });
  });

  it('answers 503 for a port the service does not declare', async () => {
    const answer = await kube.proxyGet({ namespace: NS, service: 'orders-rest', port: 9999 }, '/jobs/overview');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toMatchObject({
      reason: 'ServiceUnavailable',
      message: 'no service port 9999 found for service "orders-rest"',
    });
  });

  it('answers 404 NotFound for a service that does not exist', async () => {
    const answer = await kube.proxyGet({ namespace: NS, service: 'missing-rest', port: 8081 }, '/jobs/overview');
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'services "missing-rest" not found',
    });
  });

  it('answers 503 "error trying to reach service" when the endpoint refuses the connection', async () => {
    const answer = await kube.proxyGet({ namespace: NS, service: 'gone-rest', port: 8081 }, '/jobs/overview');
    expect(answer.status).toBe(503);
    const status = JSON.parse(answer.body) as { reason: string; message: string };
    expect(status.reason).toBe('ServiceUnavailable');
    expect(status.message).toMatch(
      /^error trying to reach service: dial tcp 127\.0\.0\.1:\d+: connect: connection refused$/,
    );
  });

  it('serves the port of a service by its name too, as the real proxy does', async () => {
    const answer = await rawGet(`/api/v1/namespaces/${NS}/services/orders-rest:rest/proxy/jobs/overview`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ url: '/jobs/overview' });
  });

  it('throws code 0 when the API server cannot be reached', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'fake-kube-proxy-down-'));
    try {
      const down = createKubeClient(
        loadKubeConfig({
          kubeconfigPath: writeTestKubeconfig(other, { ...fake, url: `https://127.0.0.1:${await freePort()}` }),
        }),
      );
      const error = await rejection(
        down.proxyGet({ namespace: NS, service: 'orders-rest', port: 8081 }, '/jobs/overview'),
      );
      expect(error.code).toBe(0);
      expect(error.message).toContain(`service ${NS}/orders-rest`);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('throws code 0 when the answer does not come within the timeout', async () => {
    const error = await rejection(
      kube.proxyGet({ namespace: NS, service: 'orders-rest', port: 8081 }, '/hang', { timeoutMs: 200 }),
    );
    expect(error.code).toBe(0);
    expect(error.message).toContain('no answer within 0.2 s');
  });

  it("throws the API server's 401 (bad credentials) without printing the token", async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'fake-kube-proxy-401-'));
    try {
      const wrongToken = 'not-the-token-abcdef0123456789';
      const bad = createKubeClient(
        loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(other, { ...fake, token: wrongToken }) }),
      );
      const error = await rejection(
        bad.proxyGet({ namespace: NS, service: 'orders-rest', port: 8081 }, '/jobs/overview'),
      );
      expect(error.code).toBe(401);
      expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(wrongToken);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('nodes', () => {
  it('are cluster-scoped: discovery says so, and the client reads them without a namespace', async () => {
    const resources = await kc.makeApiClient(CoreV1Api).getAPIResources();
    expect(resources.resources.find((r) => r.name === 'nodes')).toMatchObject({ kind: 'Node', namespaced: false });
    expect(resources.resources.find((r) => r.name === 'services/proxy')).toMatchObject({
      kind: 'ServiceProxyOptions',
      namespaced: true,
    });

    fake.addNode({
      name: 'worker-1',
      addresses: [
        { type: 'InternalIP', address: '10.0.0.11' },
        { type: 'Hostname', address: 'worker-1' },
      ],
    });
    const node = await kube.get<V1Node>({ apiVersion: 'v1', kind: 'Node', namespace: NS, name: 'worker-1' });
    expect(node?.metadata?.namespace).toBeUndefined();
    expect(fake.requests.at(-1)).toMatchObject({ path: '/api/v1/nodes/worker-1', status: 200 });
    expect((await rawGet(`/api/v1/namespaces/${NS}/nodes/worker-1`)).status).toBe(404);
  });

  it('lists the nodes with the addresses and readiness tests seed, and creates them through the API', async () => {
    fake.addNode({ name: 'worker-2', addresses: [{ type: 'ExternalIP', address: '203.0.113.12' }], ready: false });
    const created = await kc
      .makeApiClient(CoreV1Api)
      .createNode({ body: { metadata: { name: 'worker-3', namespace: 'ignored' } } });
    expect(created.metadata?.namespace).toBeUndefined();

    const nodes = await kube.listNodes();
    const byName = Object.fromEntries(nodes.map((n) => [n.metadata?.name ?? '', n]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['worker-1', 'worker-2', 'worker-3']));
    expect(byName['worker-2']?.status?.addresses).toEqual([{ type: 'ExternalIP', address: '203.0.113.12' }]);
    expect(byName['worker-2']?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(byName['worker-1']?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
});
