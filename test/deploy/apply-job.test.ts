/**
 * applyJob against the fake API server through the real client. The contract: server-side apply
 * as https://kubernetes.io/docs/reference/using-api/server-side-apply/ describes it (field
 * managers, conflicts, dry run), and the operator CRDs in ../shared/reference/flink-operator,
 * against which the fake validates every FlinkDeployment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyJob } from '../../src/deploy/apply-job.js';
import type { DeployObjects } from '../../src/deploy/types.js';
import { createKubeClient, KubeApiError, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import type { FlinkDeployment } from '../../src/kube/types.js';
import { renderDeployObjects } from '../../src/render/render-deploy-objects.js';
import type { ResolvedJob } from '../../src/manifest/types.js';
import { findKind } from '../support/fake-kube/resources.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { resolvedJob } from '../support/resolved-job.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-staging';
const IMAGE =
  'registry.example.com/jobs/orders@sha256:4c5e8a37b2f3c3d3c1f8f0b0f4f5d9e3a1c2b3d4e5f60718293a4b5c6d7e8f90';
const FLINK_DEPLOYMENT = findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!;

let fake: FakeKube;
let dir: string;
let kube: KubeClient;

beforeAll(async () => {
  fake = await startFakeKube();
  dir = mkdtempSync(path.join(tmpdir(), 'apply-job-test-'));
  kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
});

afterAll(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function objects(
  name: string,
  overrides: Partial<ResolvedJob> = {},
  sha = 'a1b2c3d',
  repository?: string,
): DeployObjects {
  return renderDeployObjects(resolvedJob({ name, namespace: NS, ...overrides }), {
    image: IMAGE,
    script: 'INSERT INTO sink SELECT * FROM source;\n',
    gitSha: sha,
    ...(repository ? { repository } : {}),
  });
}

/** Writes to one object's URL (and its companions'), in order. */
function writesTo(name: string): string[] {
  return fake
    .writes()
    .filter((r) => r.path.includes(`/${name}`))
    .map((r) => `${r.method} ${r.path.split('/').slice(-2).join('/')}${r.query.dryRun ? ' (dry run)' : ''}`);
}

function live(
  name: string,
): FlinkDeployment & { metadata: { generation: number; annotations: Record<string, string> } } {
  return fake.api.read(FLINK_DEPLOYMENT, NS, name) as never;
}

describe('applyJob', () => {
  it('creates a job that does not exist yet', async () => {
    const result = await applyJob(kube, objects('orders'), { force: false });
    expect(result).toMatchObject({ status: 'applied', created: true, generation: 1, forcedFields: [] });
    expect(live('orders').spec.job.parallelism).toBe(4);
    expect(writesTo('orders')).toEqual(['PATCH flinkdeployments/orders']);
  });

  it('an identical second apply writes nothing, and the job keeps the annotations of the commit that deployed it', async () => {
    await applyJob(kube, objects('steady', {}, 'first00'), { force: false });
    const before = fake.writes().length;
    const result = await applyJob(kube, objects('steady', {}, 'second0'), { force: false });
    expect(result).toMatchObject({ status: 'unchanged', generation: 1 });
    // Only the dry run went out: a dry run stores nothing.
    expect(
      fake
        .writes()
        .slice(before)
        .map((r) => r.query.dryRun),
    ).toEqual(['All']);
    expect(live('steady').metadata.annotations['streampilot.dev/git-sha']).toBe('first00');
  });

  it('a changed spec is applied as a new generation', async () => {
    await applyJob(kube, objects('scaled'), { force: false });
    const result = await applyJob(kube, objects('scaled', { parallelism: 8 }, 'b2c3d4e'), { force: false });
    expect(result).toMatchObject({ status: 'applied', created: false, generation: 2, forcedFields: [] });
    expect(live('scaled').spec.job.parallelism).toBe(8);
    expect(live('scaled').metadata.annotations['streampilot.dev/git-sha']).toBe('b2c3d4e');
  });

  it('reports a field someone changed with kubectl edit as drift and writes nothing; force takes it over', async () => {
    await applyJob(kube, objects('edited'), { force: false });
    // `kubectl edit` is an Update (PUT) by manager kubectl-edit: it becomes the owner of what it changed.
    fake.api.patch(
      FLINK_DEPLOYMENT,
      NS,
      'edited',
      { spec: { job: { parallelism: 16 } } },
      { fieldManager: 'kubectl-edit' },
    );
    const before = fake.writes().length;

    const drift = await applyJob(kube, objects('edited', { parallelism: 6 }), { force: false });
    expect(drift).toEqual({ status: 'drift', fields: [{ field: '.spec.job.parallelism', manager: 'kubectl-edit' }] });
    expect(
      fake
        .writes()
        .slice(before)
        .every((r) => r.query.dryRun === 'All'),
    ).toBe(true);
    expect(live('edited').spec.job.parallelism).toBe(16);

    // Git not changing the field again is drift all the same: applying would put Git's value back.
    expect(await applyJob(kube, objects('edited'), { force: false })).toMatchObject({ status: 'drift' });

    const forced = await applyJob(kube, objects('edited', { parallelism: 6 }), { force: true });
    expect(forced).toMatchObject({
      status: 'applied',
      forcedFields: [{ field: '.spec.job.parallelism', manager: 'kubectl-edit' }],
    });
    expect(live('edited').spec.job.parallelism).toBe(6);
    expect(await applyJob(kube, objects('edited', { parallelism: 6 }), { force: false })).toMatchObject({
      status: 'unchanged',
    });
  });

  it('drift against another applier names it; a companion is not written either', async () => {
    const job = { packaging: 'configmap' as const };
    await applyJob(kube, objects('applied-by-hand', job), { force: false });
    // `kubectl apply --server-side --force-conflicts` of a manifest with just that one field.
    const partial = {
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkDeployment',
      metadata: { name: 'applied-by-hand', namespace: NS },
      spec: { job: { upgradeMode: 'stateless' } },
    };
    fake.api.apply(FLINK_DEPLOYMENT, NS, 'applied-by-hand', partial, { fieldManager: 'kubectl', force: true });
    const before = fake.writes().length;

    const changedSql = renderDeployObjects(resolvedJob({ name: 'applied-by-hand', namespace: NS, ...job }), {
      image: IMAGE,
      script: 'INSERT INTO sink SELECT 1;\n',
      gitSha: 'c3d4e5f',
    });
    const result = await applyJob(kube, changedSql, { force: false });
    expect(result).toEqual({ status: 'drift', fields: [{ field: '.spec.job.upgradeMode', manager: 'kubectl' }] });
    expect(
      fake
        .writes()
        .slice(before)
        .filter((r) => r.query.dryRun !== 'All'),
    ).toEqual([]);
    expect(fake.store.get(findKind('v1', 'ConfigMap')!, NS, changedSql.companions[0]!.metadata.name)).toBeUndefined();
  });

  it('applies the companions before the resource, and calls beforeWrite once before the first write', async () => {
    const job = { packaging: 'configmap' as const };
    const calls: string[] = [];
    const first = objects('with-sql', job);
    const beforeWrite = async () => {
      calls.push(`beforeWrite after ${fake.writes().filter((r) => !r.query.dryRun).length} writes`);
    };
    const writesBefore = fake.writes().filter((r) => !r.query.dryRun).length;
    expect(await applyJob(kube, first, { force: false, beforeWrite })).toMatchObject({
      status: 'applied',
      created: true,
    });
    expect(calls).toEqual([`beforeWrite after ${writesBefore} writes`]);
    const configMap = first.companions[0]!.metadata.name;
    expect(writesTo('with-sql').filter((w) => !w.includes('dry run'))).toEqual([
      `PATCH configmaps/${configMap}`,
      'PATCH flinkdeployments/with-sql',
    ]);

    calls.length = 0;
    expect(await applyJob(kube, objects('with-sql', job, 'later00'), { force: false, beforeWrite })).toMatchObject({
      status: 'unchanged',
    });
    expect(calls).toEqual([]);
  });

  it('a resource the CRD rejects fails, naming the field and what the server said', async () => {
    const bad = objects('rejected');
    (bad.resource.spec.job as { upgradeMode: string }).upgradeMode = 'fast';
    const result = await applyJob(kube, bad, { force: false });
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.reason).toContain(`FlinkDeployment ${NS}/rejected`);
    expect(result.reason).toContain('spec.job.upgradeMode: Unsupported value: "fast"');
    expect(result.hint).toBeTruthy();
    expect(fake.store.get(FLINK_DEPLOYMENT, NS, 'rejected')).toBeUndefined();
  });

  it('a resource the operator refuses fails as its refusal, not as a permission problem, and nothing is stored', async () => {
    const objectsWithoutDirs = objects('no-checkpoints', { flinkConfiguration: {} });
    const result = await applyJob(kube, objectsWithoutDirs, { force: false });
    expect(result).toMatchObject({
      status: 'failed',
      reason:
        `the Flink Kubernetes Operator refused FlinkDeployment ${NS}/no-checkpoints: ` +
        'Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes',
    });
    expect((result as { hint: string }).hint).toContain('nothing was applied');
    expect((result as { hint: string }).hint).not.toContain('grant');
    expect(fake.store.get(FLINK_DEPLOYMENT, NS, 'no-checkpoints')).toBeUndefined();
  });

  it('a field the installed CRD does not have fails, naming it', async () => {
    const newer = objects('from-the-future');
    (newer.resource.spec.job as unknown as Record<string, unknown>).autoscaleMode = 'eager';
    const result = await applyJob(kube, newer, { force: false });
    expect(result).toMatchObject({ status: 'failed' });
    expect((result as { reason: string }).reason).toMatch(
      /FlinkDeployment flink-staging\/from-the-future: .*spec\.job\.autoscaleMode/,
    );
    expect(fake.store.get(FLINK_DEPLOYMENT, NS, 'from-the-future')).toBeUndefined();
  });

  it('an unreachable cluster fails saying so', async () => {
    const closed = await startFakeKube();
    const other = mkdtempSync(path.join(tmpdir(), 'apply-job-down-'));
    try {
      const down = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(other, closed) }));
      await closed.close();
      const result = await applyJob(down, objects('anything'), { force: false });
      expect(result).toMatchObject({ status: 'failed' });
      expect((result as { reason: string }).reason).toMatch(/could not be reached/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('applyJob and the repository an object belongs to', () => {
  const CONFIGMAP = findKind('v1', 'ConfigMap')!;
  const labelOf = (object: Record<string, unknown> | undefined) =>
    (object?.metadata as { labels?: Record<string, string> } | undefined)?.labels?.['streampilot.dev/repository'];

  it('an unchanged job applied before repository labels is adopted, its SQL ConfigMap too: labels written, no new generation', async () => {
    const job = { packaging: 'configmap' as const };
    await applyJob(kube, objects('older', job, 'first00'), { force: false });
    const generation = live('older').metadata.generation;
    const rendered = objects('older', job, 'second0', 'acme/team-a');
    const result = await applyJob(kube, rendered, { force: false });
    expect(result).toMatchObject({ status: 'unchanged', adopted: true, generation });
    expect(labelOf(live('older') as never)).toBe(rendered.resource.metadata.labels['streampilot.dev/repository']);
    const configMap = fake.api.read(CONFIGMAP, NS, rendered.companions[0]!.metadata.name) as Record<string, unknown>;
    expect(labelOf(configMap)).toBe(rendered.resource.metadata.labels['streampilot.dev/repository']);
    // The commit that really deployed the spec stays on it.
    expect(live('older').metadata.annotations['streampilot.dev/git-sha']).toBe('first00');
    expect(live('older').metadata.generation).toBe(generation);

    const again = await applyJob(kube, objects('older', job, 'third00', 'acme/team-a'), { force: false });
    expect(again).toEqual(expect.objectContaining({ status: 'unchanged' }));
    expect(again).not.toHaveProperty('adopted');
  });

  it('another repository’s SQL ConfigMap of the same name is refused before anything is written, naming both repositories', async () => {
    const job = { packaging: 'configmap' as const };
    const theirs = objects('shared-name', job, 'first00', 'acme/team-a');
    await kube.applyServerSide(theirs.companions[0]!, { fieldManager: 'streampilot' });
    const before = fake.writes().length;
    const result = await applyJob(kube, objects('shared-name', job, 'first00', 'acme/team-b'), { force: false });
    expect(result).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(
        /^ConfigMap flink-staging\/shared-name-sql-[0-9a-f]{10} belongs to repository acme\/team-a, and this deploy comes from acme\/team-b/,
      ),
      hint: expect.stringContaining('rename the job'),
    });
    expect(
      fake
        .writes()
        .slice(before)
        .filter((w) => w.method !== 'GET'),
    ).toEqual([]);
    expect(fake.store.get(FLINK_DEPLOYMENT, NS, 'shared-name')).toBeUndefined();
  });
});

describe('the conflict Status applyJob reads, as the API server words it', () => {
  // k8s.io/apiserver fieldmanager: an Update manager is named with the version it used, an
  // applier by name alone; several conflicts are listed under each manager, sorted.
  it('names each manager and field', async () => {
    await applyJob(kube, objects('two-editors'), { force: false });
    fake.api.patch(
      FLINK_DEPLOYMENT,
      NS,
      'two-editors',
      { spec: { job: { parallelism: 16 } } },
      { fieldManager: 'kubectl-edit' },
    );
    const partial = {
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkDeployment',
      metadata: { name: 'two-editors', namespace: NS },
      spec: { job: { upgradeMode: 'stateless' } },
    };
    fake.api.apply(FLINK_DEPLOYMENT, NS, 'two-editors', partial, { fieldManager: 'kubectl', force: true });

    const error = await kube.applyServerSide(objects('two-editors').resource, { fieldManager: 'streampilot' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KubeApiError);
    const conflict = error as KubeApiError;
    expect([conflict.code, conflict.reason]).toEqual([409, 'Conflict']);
    expect(conflict.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl":\n- .spec.job.upgradeMode\nconflicts with "kubectl-edit" using flink.apache.org/v1beta1:\n- .spec.job.parallelism',
    );
    expect(conflict.causes).toEqual([
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.job.upgradeMode' },
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "kubectl-edit" using flink.apache.org/v1beta1',
        field: '.spec.job.parallelism',
      },
    ]);
    expect(await applyJob(kube, objects('two-editors'), { force: false })).toEqual({
      status: 'drift',
      fields: [
        { field: '.spec.job.upgradeMode', manager: 'kubectl' },
        { field: '.spec.job.parallelism', manager: 'kubectl-edit' },
      ],
    });
  });
});
