/**
 * The SQL ConfigMaps of `build: configmap` jobs, against the fake API server through the real
 * client (label selectors and deletes as the Kubernetes API conventions define them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pruneSqlConfigMaps } from '../../src/deploy/prune-sql-configmaps.js';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { renderSqlConfigMap } from '../../src/render/render-deploy-objects.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { resolvedJob } from '../support/resolved-job.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

let fake: FakeKube;
let dir: string;
let kube: KubeClient;
const NS = 'flink-staging';
const job = resolvedJob({
  name: 'orders',
  environment: 'staging',
  namespace: NS,
  packaging: 'configmap',
  dependencies: { maven: [], jars: [] },
});

const names = async () =>
  (await kube.list<{ apiVersion: string; kind: string; metadata: { name: string } }>('v1', 'ConfigMap', NS))
    .map((c) => c.metadata.name)
    .sort();

beforeAll(async () => {
  fake = await startFakeKube();
  dir = mkdtempSync(path.join(tmpdir(), 'prune-sql-test-'));
  kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
});

afterAll(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('once a job runs on its new script, the ConfigMaps of its earlier scripts are deleted; other jobs’ and hand-made ones stay', async () => {
  const v1 = renderSqlConfigMap(job, 'INSERT INTO sink SELECT 1;\n');
  const v2 = renderSqlConfigMap(job, 'INSERT INTO sink SELECT 2;\n');
  const otherJob = renderSqlConfigMap({ ...job, name: 'clicks' }, 'INSERT INTO sink SELECT 3;\n');
  const otherEnvironment = renderSqlConfigMap({ ...job, environment: 'production' }, 'INSERT INTO sink SELECT 4;\n');
  for (const cm of [v1, v2, otherJob, otherEnvironment])
    await kube.applyServerSide(cm, { fieldManager: 'streampilot' });
  // Someone's own ConfigMap whose name happens to look like ours, without our labels.
  await kube.applyServerSide(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orders-sql-handmade', namespace: NS }, data: { a: 'b' } },
    { fieldManager: 'kubectl' },
  );

  const deleted = await pruneSqlConfigMaps(kube, { namespace: NS, environment: 'staging', name: 'orders' }, [v2]);

  expect(deleted).toEqual([v1.metadata.name]);
  expect(await names()).toEqual(
    [v2.metadata.name, otherJob.metadata.name, otherEnvironment.metadata.name, 'orders-sql-handmade'].sort(),
  );
});

it('an image job (no ConfigMap applied) deletes nothing', async () => {
  const before = await names();
  expect(await pruneSqlConfigMaps(kube, { namespace: NS, environment: 'staging', name: 'orders' }, [])).toEqual([]);
  expect(await names()).toEqual(before);
});
