// Secrets as the fake API server serves them, through the real client: the reads `deploy` makes
// (KubeClient.secretKeys) and the writes a test seeds with, checked as the API server checks them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKubeClient, KubeApiError, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

let fake: FakeKube;
let dir: string;
let kube: KubeClient;
const NS = 'flink-staging';
const secret = (extra: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'orders-db', namespace: NS },
  ...extra,
});

beforeAll(async () => {
  fake = await startFakeKube();
  dir = mkdtempSync(path.join(tmpdir(), 'fake-kube-secrets-'));
  kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
});
afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a Secret that does not exist is a 404 on GET /api/v1/namespaces/{ns}/secrets/{name}: no keys', async () => {
  expect(await kube.secretKeys(NS, 'orders-db')).toBeUndefined();
  expect(fake.requests.at(-1)).toMatchObject({
    method: 'GET',
    path: `/api/v1/namespaces/${NS}/secrets/orders-db`,
    status: 404,
  });
});

it('stringData is merged into data as base64 and never stored; the client sees only key names', async () => {
  await kube.applyServerSide(
    secret({ data: { username: Buffer.from('orders').toString('base64') }, stringData: { password: 's3cret' } }),
    {
      fieldManager: 'kubectl',
    },
  );
  const stored = await kube.get<{ metadata?: object; data: Record<string, string>; stringData?: unknown }>({
    apiVersion: 'v1',
    kind: 'Secret',
    namespace: NS,
    name: 'orders-db',
  });
  expect(stored!.stringData).toBeUndefined();
  expect(stored!.data.password).toBe(Buffer.from('s3cret').toString('base64'));
  expect((await kube.secretKeys(NS, 'orders-db'))!.sort()).toEqual(['password', 'username']);
});

it('refuses data that is not base64 (400) and a key that is not a config key (422), as the API server does', async () => {
  const write = (extra: Record<string, unknown>) =>
    kube.applyServerSide(secret(extra), { fieldManager: 'kubectl' }).then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(await write({ data: { password: 'not base64!' } })).toMatchObject({ code: 400 });
  const invalid = await write({ stringData: { 'pass word': 'x' } });
  expect(invalid).toBeInstanceOf(KubeApiError);
  expect(invalid).toMatchObject({ code: 422, causes: [expect.objectContaining({ field: 'data[pass word]' })] });
});
