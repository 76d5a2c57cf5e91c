/**
 * Orphans against the fake API server through the real client: label selectors as the
 * Kubernetes API conventions define them, objects validated against the operator CRDs in
 * ../shared/reference/flink-operator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrphans, pruneOrphans } from '../../src/deploy/find-orphans.js';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { renderJob } from '../../src/render/render-job.js';
import { repositoryLabel } from '../../src/render/object-meta.js';
import type { ResolvedJob } from '../../src/manifest/types.js';
import { findKind } from '../support/fake-kube/resources.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { resolvedJob } from '../support/resolved-job.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const IMAGE =
  'registry.example.com/jobs/orders@sha256:4c5e8a37b2f3c3d3c1f8f0b0f4f5d9e3a1c2b3d4e5f60718293a4b5c6d7e8f90';
const FLINK_DEPLOYMENT = findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!;

let fake: FakeKube;
let dir: string;
let kube: KubeClient;

const OURS = 'acme/flink-jobs';
const REPOSITORY = repositoryLabel(OURS);

async function deployed(overrides: Partial<ResolvedJob>, repository: string | null = OURS): Promise<void> {
  const object = renderJob(resolvedJob(overrides), {
    image: IMAGE,
    script: 'INSERT INTO sink SELECT * FROM source;\n',
    gitSha: 'a1b2c3d',
    ...(repository ? { repository } : {}),
  });
  await kube.applyServerSide(object, { fieldManager: 'streampilot' });
}

beforeAll(async () => {
  fake = await startFakeKube();
  dir = mkdtempSync(path.join(tmpdir(), 'find-orphans-test-'));
  kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));

  await deployed({ name: 'orders', environment: 'prod', namespace: 'flink-prod' });
  await deployed({ name: 'retired', environment: 'prod', namespace: 'flink-prod' });
  await deployed({ name: 'retired-too', environment: 'prod', namespace: 'flink-prod-eu' });
  await deployed({
    name: 'old-session-job',
    environment: 'prod',
    namespace: 'flink-prod',
    mode: 'session',
    sessionCluster: 'shared',
    // The operator fetches a session job's jar itself, by default over https only.
    runner: { jarURI: 'https://artifacts.example.com/flink/sql-runner.jar' },
  });
  // The same job name in another environment, sharing the namespace: not prod's.
  await deployed({ name: 'staging-only', environment: 'staging', namespace: 'flink-prod' });
  // Another team's repository deploying to the same namespace under the same environment name.
  await deployed({ name: 'their-job', environment: 'prod', namespace: 'flink-prod' }, 'other-team/flink-jobs');
  // Applied before objects carried a repository label: nobody's orphan until a repository adopts it.
  await deployed({ name: 'unlabelled', environment: 'prod', namespace: 'flink-prod' }, null);
  // Someone's own FlinkDeployment in the same namespace, without our labels.
  const handMade = renderJob(resolvedJob({ name: 'hand-made', environment: 'prod', namespace: 'flink-prod' }), {
    image: IMAGE,
    script: 'SELECT 1;\n',
  });
  handMade.metadata.labels = { app: 'hand-made' };
  await kube.applyServerSide(handMade, { fieldManager: 'kubectl' });
});

afterAll(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('findOrphans', () => {
  it('reports the FlinkDeployments and FlinkSessionJobs of the environment and repository whose job left Git, and nothing else (not another repository’s, not an unlabelled one)', async () => {
    const orphans = await findOrphans(kube, {
      environment: 'prod',
      namespaces: ['flink-prod', 'flink-prod-eu'],
      jobs: new Set(['orders']),
      repository: REPOSITORY,
    });
    expect(orphans).toEqual([
      { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', namespace: 'flink-prod', name: 'retired' },
      {
        apiVersion: 'flink.apache.org/v1beta1',
        kind: 'FlinkSessionJob',
        namespace: 'flink-prod',
        name: 'old-session-job',
      },
      {
        apiVersion: 'flink.apache.org/v1beta1',
        kind: 'FlinkDeployment',
        namespace: 'flink-prod-eu',
        name: 'retired-too',
      },
    ]);
  });

  it('finds none when every deployed job is still in Git', async () => {
    expect(
      await findOrphans(kube, {
        environment: 'prod',
        namespaces: ['flink-prod', 'flink-prod-eu'],
        jobs: new Set(['orders', 'retired', 'retired-too', 'old-session-job']),
        repository: REPOSITORY,
      }),
    ).toEqual([]);
  });
});

describe('pruneOrphans', () => {
  it('deletes the orphans and nothing else; an object without our labels is never deleted, even when asked', async () => {
    const orphans = await findOrphans(kube, {
      environment: 'prod',
      namespaces: ['flink-prod', 'flink-prod-eu'],
      jobs: new Set(['orders']),
      repository: REPOSITORY,
    });
    const notOurs = {
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkDeployment' as const,
      namespace: 'flink-prod',
      name: 'hand-made',
    };
    const theirs = { ...notOurs, name: 'their-job' };
    const reports = await pruneOrphans(kube, [...orphans, notOurs, theirs], REPOSITORY);
    expect(reports).toEqual([
      { kind: 'FlinkDeployment', namespace: 'flink-prod', name: 'retired', pruned: true },
      { kind: 'FlinkSessionJob', namespace: 'flink-prod', name: 'old-session-job', pruned: true },
      { kind: 'FlinkDeployment', namespace: 'flink-prod-eu', name: 'retired-too', pruned: true },
      { kind: 'FlinkDeployment', namespace: 'flink-prod', name: 'hand-made', pruned: false },
      { kind: 'FlinkDeployment', namespace: 'flink-prod', name: 'their-job', pruned: false },
    ]);
    expect(
      fake.store
        .list(FLINK_DEPLOYMENT, 'flink-prod')
        .map((o) => (o.metadata as { name: string }).name)
        .sort(),
    ).toEqual(['hand-made', 'orders', 'staging-only', 'their-job', 'unlabelled']);
    expect(
      fake
        .writes()
        .filter((r) => r.method === 'DELETE')
        .map((r) => r.path.split('/').slice(-1)[0])
        .sort(),
    ).toEqual(['old-session-job', 'retired', 'retired-too']);

    // Already gone (another replica pruned it): pruned all the same.
    expect(await pruneOrphans(kube, orphans.slice(0, 1), REPOSITORY)).toEqual([
      { kind: 'FlinkDeployment', namespace: 'flink-prod', name: 'retired', pruned: true },
    ]);
  });
});
