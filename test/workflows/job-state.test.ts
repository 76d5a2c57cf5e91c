// State handling from Git, deployed through the deploy workflow the CLI and the app share
// (prepareDeploy → deployEnvironment) against the fake API server over HTTPS, with the operator
// played by the autopilot as the real one treats spec.job.state (see SimulatedOperator#suspended).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import type { JobBuildOutcome } from '../../src/workflows/build-images.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { deployEnvironment } from '../../src/workflows/deploy-environment.js';
import { prepareDeploy } from '../../src/workflows/prepare-deploy.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot } from '../support/fake-kube/operator-autopilot.js';
import { findKind } from '../support/fake-kube/resources.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-staging';
const reason = existsSync(operatorCrdDir)
  ? undefined
  : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)';

const built = (job: string, n: number): JobBuildOutcome => ({
  job,
  status: 'reused',
  builder: 'registry',
  image: {
    reference: `registry.example.test/jobs:${job}-${n}`,
    digest: `sha256:${String(n).padStart(64, '0')}`,
    reused: true,
    bytesUploaded: 0,
  },
});

/** A job the operator accepts under upgradeMode savepoint: memory and both state directories set. */
const jobYaml = (extra = '') => `apiVersion: streampilot.dev/v1
kind: FlinkSqlJob
name: orders
sql: [main.sql]
upgradeMode: savepoint
resources:
  jobManager: { memory: 1024m }
  taskManager: { memory: 1024m }
flinkConfiguration:
  state.checkpoints.dir: file:///flink-data/checkpoints
  state.savepoints.dir: file:///flink-data/savepoints
${extra}`;

describe.skipIf(reason)(`state: and enabled: from Git, deployed ${reason ?? ''}`, () => {
  let fake: FakeKube;
  let kube: KubeClient;
  let autopilot: Autopilot;
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-job-state-'));
  const repo = path.join(dir, 'repo');
  let sha = 0;

  beforeAll(async () => {
    fake = await startFakeKube();
    kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
    autopilot = startOperatorAutopilot(fake, { stepMs: 20 });
    mkdirSync(path.join(repo, 'jobs', 'orders'), { recursive: true });
    writeFileSync(
      path.join(repo, 'streampilot.yaml'),
      `apiVersion: streampilot.dev/v1\nkind: Project\nregistry: { repository: registry.example.test/jobs }\nenvironments:\n  staging: { namespace: ${NS} }\n`,
    );
    writeFileSync(
      path.join(repo, 'jobs', 'orders', 'main.sql'),
      "CREATE TABLE s (id STRING) WITH ('connector' = 'datagen');\nCREATE TABLE k (id STRING) WITH ('connector' = 'blackhole');\nINSERT INTO k SELECT id FROM s;\n",
    );
  });

  afterAll(async () => {
    autopilot?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Commits job.yaml (in the working tree) and deploys staging as the CLI and the app do. */
  async function deployWith(manifest: string, image = 1, more: JobBuildOutcome[] = []) {
    writeFileSync(path.join(repo, 'jobs', 'orders', 'job.yaml'), manifest);
    const checked = checkRepository(repo, { environments: ['staging'] });
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const commit = String(++sha).padStart(40, '0');
    const jobs = prepareDeploy(checked.plan.environments[0]!, [built('orders', image), ...more], {
      gitSha: commit,
    });
    return deployEnvironment(
      jobs,
      {
        environment: 'staging',
        repository: 'acme/flink-jobs',
        sha: commit,
        force: false,
        prune: false,
        timeoutMs: 5000,
        leasePollMs: 50,
      },
      { kube, identity: 'test', isNewer: async () => false, progress: () => undefined },
    );
  }
  const live = () => fake.api.read(findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!, NS, 'orders');
  const liveJob = () => (live().spec as { job: Record<string, unknown> }).job;
  const liveStatus = () => live().status as Record<string, unknown> & { jobStatus?: Record<string, unknown> };

  test('enabled: false for a job never deployed there creates nothing and adds no row to the report', async () => {
    const report = await deployWith(jobYaml('environments:\n  staging: { enabled: false }\n'));
    // No row: an environment's deploy is not "neutral" because of a job meant to be absent from it.
    expect(report.jobs).toEqual([]);
    expect(report.orphans).toEqual([]);
    expect(fake.writes().filter((w) => w.path.includes('flinkdeployments'))).toEqual([]);
  });

  test('state: suspended stops a running job with a savepoint and keeps its FlinkDeployment; running resumes it', async () => {
    expect((await deployWith(jobYaml())).jobs[0]).toMatchObject({ state: 'running' });

    const suspended = await deployWith(jobYaml('state: suspended\n'));
    expect(suspended.jobs[0]).toMatchObject({
      state: 'suspended',
      lifecycleState: 'SUSPENDED',
      suspendedWith: expect.stringMatching(/^file:\/\/\/flink-data\/savepoints\/orders\/savepoint-/),
    });
    expect(liveJob().state).toBe('suspended');
    expect(liveStatus()).toMatchObject({ lifecycleState: 'SUSPENDED', jobManagerDeploymentStatus: 'MISSING' });
    expect(fake.operator.jobManagerPod(NS, 'orders')).toBeUndefined();

    // Nothing changed in Git: nothing is applied, and the job is where Git wants it.
    const again = await deployWith(jobYaml('state: suspended\n'));
    expect(again.jobs[0]).toMatchObject({ state: 'suspended', lifecycleState: 'SUSPENDED' });

    const resumed = await deployWith(jobYaml('state: running\n'));
    expect(resumed.jobs[0]).toMatchObject({ state: 'running', lifecycleState: 'STABLE' });
    expect(liveJob().state).toBe('running');
  });

  test('enabled: false for a running job suspends it (state kept) instead of leaving it running; it is no orphan', async () => {
    expect((await deployWith(jobYaml(), 2)).jobs[0]).toMatchObject({ state: 'running' });
    const image = (live().spec as { image: string }).image;

    // Disabled jobs are not built: the resource is suspended on the image it runs.
    const report = await deployWith(jobYaml('environments:\n  staging: { enabled: false }\n'), 99);
    expect(report.jobs[0]).toMatchObject({ job: 'orders', state: 'suspended', image });
    expect(report.orphans).toEqual([]);
    expect(liveJob().state).toBe('suspended');
    expect((live().spec as { image: string }).image).toBe(image);
    expect(liveStatus().lifecycleState).toBe('SUSPENDED');

    const enabled = await deployWith(jobYaml('environments:\n  staging: { enabled: true }\n'), 2);
    expect(enabled.jobs[0]).toMatchObject({ state: 'running' });
  });

  test('a new job submitted with state: suspended is created and never started, as the operator does', async () => {
    mkdirSync(path.join(repo, 'jobs', 'audit'));
    writeFileSync(
      path.join(repo, 'jobs', 'audit', 'job.yaml'),
      jobYaml('state: suspended\n').replace('name: orders', 'name: audit'),
    );
    writeFileSync(
      path.join(repo, 'jobs', 'audit', 'main.sql'),
      "CREATE TABLE a (id STRING) WITH ('connector' = 'datagen');\nCREATE TABLE b (id STRING) WITH ('connector' = 'blackhole');\nINSERT INTO b SELECT id FROM a;\n",
    );
    const report = await deployWith(jobYaml(), 2, [built('audit', 5)]);
    expect(report.jobs.find((j) => j.job === 'audit')).toMatchObject({ state: 'suspended' });
    const audit = fake.api.read(findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!, NS, 'audit');
    expect((audit.spec as { job: { state: string } }).job.state).toBe('suspended');
    expect(audit.status ?? {}).not.toHaveProperty('lifecycleState', 'STABLE');
    expect(autopilot.played).toContain(`${NS}/audit@1 stay-undeployed`);
    expect(fake.operator.jobManagerPod(NS, 'audit')).toBeUndefined();
  });
});
