// A savepoint through the operator: the real Kubernetes client against the fake API server, with
// the operator's savepoint handling simulated (test/support/fake-kube/snapshot-operator.ts) — a
// current operator (FlinkStateSnapshot) and one before 1.10 (savepointTriggerNonce only).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { COMMAND_ANNOTATION } from '../../src/deploy/command-audit.js';
import { triggerSavepoint, type SavepointJob } from '../../src/deploy/trigger-savepoint.js';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { LABEL, repositoryLabel } from '../../src/render/object-meta.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { findKind } from '../support/fake-kube/resources.js';
import {
  startSnapshotOperator,
  type SnapshotOperator,
  type SnapshotScenario,
} from '../support/fake-kube/snapshot-operator.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'streampilot';
const REPOSITORY = 'acme/flink-jobs';
const SAVEPOINTS = 's3://flink-state/savepoints';
const AUDIT = {
  command: '/savepoint orders',
  by: 'wendy',
  at: '2026-12-06T06:30:00Z',
  url: 'https://github.com/acme/flink-jobs/pull/7#issuecomment-1',
};
const deploymentType = findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!;

function deployment(name: string, configuration: Record<string, string>, repository = REPOSITORY) {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkDeployment',
    metadata: {
      name,
      namespace: NS,
      labels: { [LABEL.managedBy]: 'streampilot', [LABEL.repository]: repositoryLabel(repository) },
    },
    spec: {
      image: 'registry.example.com/jobs/orders:1',
      flinkVersion: 'v1_20',
      serviceAccount: 'flink',
      flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '1', ...configuration },
      jobManager: { resource: { cpu: 1, memory: '2048m' } },
      taskManager: { resource: { cpu: 1, memory: '2048m' } },
      job: {
        jarURI: 'local:///opt/flink/usrlib/sql-runner.jar',
        parallelism: 1,
        upgradeMode: 'stateless',
        state: 'running',
      },
    },
  };
}

interface Cluster {
  fake: FakeKube;
  kube: KubeClient;
  operator: SnapshotOperator;
  scenarios: Map<string, SnapshotScenario>;
}

async function cluster(dir: string, older: boolean): Promise<Cluster> {
  const fake = await startFakeKube(older ? { withoutCrds: ['FlinkStateSnapshot'] } : {});
  const kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
  const scenarios = new Map<string, SnapshotScenario>();
  const operator = startSnapshotOperator(fake, {
    nonce: older,
    stepMs: 30,
    scenario: (_ns, job) => scenarios.get(job) ?? { kind: 'complete' },
  });
  return { fake, kube, operator, scenarios };
}

/** A job deployed by `repository` and, unless `running` is false, RUNNING. */
async function seed(
  c: Cluster,
  name: string,
  options: { configuration?: Record<string, string>; running?: boolean; repository?: string } = {},
) {
  await c.kube.applyServerSide(
    deployment(name, options.configuration ?? { 'state.savepoints.dir': SAVEPOINTS }, options.repository),
    { fieldManager: 'streampilot' },
  );
  c.fake.operator.deployed(NS, name);
  if (options.running !== false) c.fake.operator.running(NS, name);
}

const target = (job: string): SavepointJob => ({
  job,
  environment: 'staging',
  namespace: NS,
  kind: 'FlinkDeployment',
  repository: REPOSITORY,
});
const options = { audit: AUDIT, pollMs: 20, timeoutMs: 5000 };
const writesOf = (c: Cluster, from: number) =>
  c.fake
    .writes()
    .slice(from)
    .map((r) => `${r.method} ${r.path}`);

const crdsPresent = existsSync(operatorCrdDir);

describe.skipIf(!crdsPresent)('a savepoint through the operator', () => {
  let dir: string;
  let current: Cluster;
  let older: Cluster;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'trigger-savepoint-'));
    current = await cluster(path.join(dir), false);
    older = await cluster(mkdtempSync(path.join(dir, 'older-')), true);
  });
  afterAll(async () => {
    for (const c of [current, older]) {
      c?.operator.stop();
      await c?.fake.close();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    current.scenarios.clear();
    older.scenarios.clear();
  });

  describe('an operator with FlinkStateSnapshot', () => {
    test('completes: the path under the savepoint directory, a labelled and annotated snapshot kept on delete', async () => {
      await seed(current, 'orders');
      const states: string[] = [];
      const outcome = await triggerSavepoint(current.kube, target('orders'), {
        ...options,
        onProgress: (s) => states.push(s),
      });
      expect(outcome).toMatchObject({ kind: 'completed', via: 'snapshot' });
      if (outcome.kind !== 'completed') return;
      expect(outcome.path).toMatch(new RegExp(`^${SAVEPOINTS}/savepoint-`));
      expect(states).toContain('IN_PROGRESS');
      const snapshot = current.fake.store.get(
        findKind('flink.apache.org/v1beta1', 'FlinkStateSnapshot')!,
        NS,
        outcome.snapshot!,
      )!;
      expect(snapshot.spec).toEqual({
        jobReference: { kind: 'FlinkDeployment', name: 'orders' },
        savepoint: { path: SAVEPOINTS, formatType: 'CANONICAL', disposeOnDelete: false },
        backoffLimit: 0,
      });
      const metadata = snapshot.metadata as { labels: Record<string, string>; annotations: Record<string, string> };
      expect(metadata.labels[LABEL.repository]).toBe(repositoryLabel(REPOSITORY));
      expect(metadata.labels[LABEL.job]).toBe('orders');
      expect(metadata.annotations[COMMAND_ANNOTATION.by]).toBe('wendy');
      expect(metadata.annotations[COMMAND_ANNOTATION.url]).toBe(AUDIT.url);
    });

    test("fails with Flink's error, once: no retry left pending", async () => {
      await seed(current, 'failing');
      current.scenarios.set('failing', {
        kind: 'fail',
        error: 'org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint Coordinator is suspending.',
      });
      const outcome = await triggerSavepoint(current.kube, target('failing'), options);
      expect(outcome).toMatchObject({
        kind: 'failed',
        error: 'org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint Coordinator is suspending.',
      });
    });

    test('is abandoned by the operator when the job stops meanwhile', async () => {
      await seed(current, 'stopping');
      current.scenarios.set('stopping', { kind: 'job-stops' });
      const outcome = await triggerSavepoint(current.kube, target('stopping'), options);
      expect(outcome.kind).toBe('abandoned');
      if (outcome.kind === 'abandoned')
        expect(outcome.error).toBe(
          `Secondary resource stopping (FlinkDeployment) for savepoint ${outcome.snapshot} is not running`,
        );
    });

    test('gives up after the time limit, naming the state it was left in', async () => {
      await seed(current, 'slow');
      current.scenarios.set('slow', { kind: 'hang' });
      const outcome = await triggerSavepoint(current.kube, target('slow'), { ...options, timeoutMs: 300 });
      expect(outcome).toMatchObject({ kind: 'timeout', state: 'IN_PROGRESS', via: 'snapshot' });
    });
  });

  describe('refusals before any write', () => {
    test('a job that is not running', async () => {
      await seed(current, 'idle', { running: false });
      const from = current.fake.writes().length;
      const outcome = await triggerSavepoint(current.kube, target('idle'), options);
      expect(outcome).toEqual({ kind: 'not-running', jobState: 'RECONCILING', lifecycleState: 'DEPLOYED' });
      expect(writesOf(current, from)).toEqual([]);
    });

    test('a job without a savepoint directory', async () => {
      await seed(current, 'nodir', { configuration: {} });
      const from = current.fake.writes().length;
      expect(await triggerSavepoint(current.kube, target('nodir'), options)).toEqual({ kind: 'no-savepoint-dir' });
      expect(writesOf(current, from)).toEqual([]);
    });

    test("a job that is not deployed, and another repository's job", async () => {
      await seed(current, 'theirs', { repository: 'other/jobs' });
      const from = current.fake.writes().length;
      expect(await triggerSavepoint(current.kube, target('absent'), options)).toEqual({ kind: 'not-deployed' });
      expect(await triggerSavepoint(current.kube, target('theirs'), options)).toMatchObject({
        kind: 'other-repository',
      });
      expect(writesOf(current, from)).toEqual([]);
    });
  });

  describe('an operator before 1.10 (no FlinkStateSnapshot CRD)', () => {
    test('bumps savepointTriggerNonce, annotated, and answers with the savepoint recorded for that nonce', async () => {
      await seed(older, 'orders');
      const from = older.fake.writes().length;
      const outcome = await triggerSavepoint(older.kube, target('orders'), options);
      expect(outcome).toMatchObject({ kind: 'completed', via: 'nonce' });
      if (outcome.kind === 'completed') expect(outcome.path).toMatch(new RegExp(`^${SAVEPOINTS}/savepoint-`));
      expect(writesOf(older, from)).toEqual([
        `PATCH /apis/flink.apache.org/v1beta1/namespaces/${NS}/flinkdeployments/orders`,
      ]);
      const live = older.fake.store.get(deploymentType, NS, 'orders')!;
      expect((live.spec as { job: { savepointTriggerNonce: number } }).job.savepointTriggerNonce).toBe(1);
      expect((live.metadata as { annotations: Record<string, string> }).annotations[COMMAND_ANNOTATION.command]).toBe(
        '/savepoint orders',
      );
      // A second savepoint is a second nonce.
      expect(await triggerSavepoint(older.kube, target('orders'), options)).toMatchObject({ kind: 'completed' });
      expect(
        (older.fake.store.get(deploymentType, NS, 'orders')!.spec as { job: { savepointTriggerNonce: number } }).job
          .savepointTriggerNonce,
      ).toBe(2);
    });

    test("reports the operator's SavepointError event for the nonce", async () => {
      await seed(older, 'failing');
      older.scenarios.set('failing', { kind: 'fail', error: 'ignored: the old operator only records an event' });
      expect(await triggerSavepoint(older.kube, target('failing'), options)).toEqual({
        kind: 'failed',
        via: 'nonce',
        error: 'Savepoint failed for savepointTriggerNonce: 1',
      });
    });
  });
});
