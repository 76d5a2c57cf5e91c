// The fake API server's FlinkStateSnapshot, through the real client: admitted by the operator's
// webhook only with a job to point at (DefaultValidator.validateStateSnapshot), and absent — from
// discovery and from its paths — on a cluster whose operator predates the CRD.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKubeClient, KubeApiError, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'streampilot';
const snapshot = (spec: Record<string, unknown>) => ({
  apiVersion: 'flink.apache.org/v1beta1',
  kind: 'FlinkStateSnapshot',
  metadata: { name: 'orders-savepoint-1', namespace: NS },
  spec,
});

describe.skipIf(!existsSync(operatorCrdDir))('FlinkStateSnapshot on the fake API server', () => {
  let dir: string;
  let current: FakeKube;
  let older: FakeKube;
  let currentKube: KubeClient;
  let olderKube: KubeClient;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fake-kube-snapshots-'));
    current = await startFakeKube();
    older = await startFakeKube({ withoutCrds: ['FlinkStateSnapshot'] });
    currentKube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, current) }));
    const olderDir = mkdtempSync(path.join(dir, 'older-'));
    olderKube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(olderDir, older) }));
  });
  afterAll(async () => {
    await current?.close();
    await older?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const refusal = async (kube: KubeClient, object: object): Promise<KubeApiError> => {
    try {
      await kube.applyServerSide(object as never, { fieldManager: 'test' });
    } catch (e) {
      if (e instanceof KubeApiError) return e;
      throw e;
    }
    throw new Error('the API server stored it');
  };

  test("the operator's webhook refuses a snapshot of a job that does not exist, or of no job", async () => {
    const missing = await refusal(
      currentKube,
      snapshot({ savepoint: { formatType: 'CANONICAL' }, jobReference: { kind: 'FlinkDeployment', name: 'orders' } }),
    );
    expect(missing.message).toContain(`Target for snapshot ${NS}/orders was not found`);
    const noJob = await refusal(currentKube, snapshot({ savepoint: {} }));
    expect(noJob.message).toContain('Job reference must be supplied for this snapshot');
    const both = await refusal(
      currentKube,
      snapshot({ savepoint: {}, checkpoint: {}, jobReference: { kind: 'FlinkDeployment', name: 'orders' } }),
    );
    expect(both.message).toContain('Exactly one of checkpoint or savepoint configurations has to be set.');
  });

  test('the CRD schema applies: an unknown format type is refused', async () => {
    const invalid = await refusal(
      currentKube,
      snapshot({ savepoint: { formatType: 'BINARY' }, jobReference: { kind: 'FlinkDeployment', name: 'orders' } }),
    );
    expect(invalid.code).toBe(422);
  });

  test('an operator before 1.10: not in discovery, 404 on its paths, the other kinds still served', async () => {
    const discovery = await get(older, '/apis/flink.apache.org/v1beta1');
    const kinds = (JSON.parse(discovery.body) as { resources: { kind: string }[] }).resources.map((r) => r.kind);
    expect(kinds).toContain('FlinkDeployment');
    expect(kinds).not.toContain('FlinkStateSnapshot');
    expect((await get(older, `/apis/flink.apache.org/v1beta1/namespaces/${NS}/flinkstatesnapshots`)).status).toBe(404);
    // The client resolves the kind from discovery before it sends anything.
    const error = await refusal(
      olderKube,
      snapshot({ savepoint: {}, jobReference: { kind: 'FlinkDeployment', name: 'orders' } }),
    );
    expect(error.message).toMatch(/Unrecognized API version and kind/);
    expect(older.writes()).toEqual([]);
    expect(await olderKube.list('flink.apache.org/v1beta1', 'FlinkDeployment', NS)).toEqual([]);
    expect((await get(current, `/apis/flink.apache.org/v1beta1/namespaces/${NS}/flinkstatesnapshots`)).status).toBe(
      200,
    );
  });
});

function get(fake: FakeKube, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${fake.url}${path}`,
      { ca: fake.caPem, headers: { authorization: `Bearer ${fake.token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
