// The deploy workflow in this process, against the Kubernetes API server served by
// test/support/fake-kube over HTTPS through the real client (FlinkDeployments admitted only when
// valid for the operator 1.15.0 CRDs in ../shared/reference/flink-operator), with the operator
// played by the autopilot: what each job's row says, whatever state the cluster was left in.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import type { JobBuildOutcome } from '../../src/workflows/build-images.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { deployEnvironment, type DeployEnvironmentOptions } from '../../src/workflows/deploy-environment.js';
import { prepareDeploy, type PreparedJob } from '../../src/workflows/prepare-deploy.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot, type Scenario } from '../support/fake-kube/operator-autopilot.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-staging';
const reason = existsSync(operatorCrdDir)
  ? undefined
  : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)';
const image = (job: string, n: number) => ({
  job,
  status: 'reused' as const,
  builder: 'registry' as const,
  image: {
    reference: `registry.example.test/jobs:${job}-${n}`,
    digest: `sha256:${String(n).padStart(64, '0')}`,
    reused: true,
    bytesUploaded: 0,
  },
});

describe.skipIf(reason)(`deployEnvironment ${reason ?? ''}`, () => {
  let fake: FakeKube;
  let kube: KubeClient;
  let autopilot: Autopilot;
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-env-test-'));
  const scenarios = new Map<string, Scenario>();
  const progress: string[] = [];

  beforeAll(async () => {
    fake = await startFakeKube();
    kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
    autopilot = startOperatorAutopilot(fake, {
      scenario: (_ns, name) => scenarios.get(name) ?? { kind: 'run' },
      stepMs: 20,
    });
    mkdirSync(path.join(dir, 'repo', 'jobs', 'orders'), { recursive: true });
    writeFileSync(
      path.join(dir, 'repo', 'streampilot.yaml'),
      `apiVersion: streampilot.dev/v1\nkind: Project\ndefaults: { baseImage: "flink:1.20" }\nregistry: { repository: registry.example.test/jobs }\nenvironments:\n  staging: { namespace: ${NS} }\n`,
    );
    writeFileSync(
      path.join(dir, 'repo', 'jobs', 'orders', 'job.yaml'),
      'apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: orders\nsql: [main.sql]\nupgradeMode: stateless\n',
    );
    writeFileSync(
      path.join(dir, 'repo', 'jobs', 'orders', 'main.sql'),
      "CREATE TABLE s (id STRING) WITH ('connector' = 'datagen');\nCREATE TABLE k (id STRING) WITH ('connector' = 'blackhole');\nINSERT INTO k SELECT id FROM s;\n",
    );
  });

  afterAll(async () => {
    autopilot?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const prepared = (builds: JobBuildOutcome[], sha: string): PreparedJob[] => {
    const planned = checkRepository(path.join(dir, 'repo'), { environments: ['staging'] }).plan.environments[0]!;
    return prepareDeploy(planned, builds, { gitSha: sha, repository: 'acme/flink-jobs' });
  };
  const options = (sha: string, extra: Partial<DeployEnvironmentOptions> = {}): DeployEnvironmentOptions => ({
    environment: 'staging',
    repository: 'acme/flink-jobs',
    sha,
    force: false,
    prune: false,
    timeoutMs: 3000,
    leasePollMs: 50,
    ...extra,
  });
  const deploy = (jobs: PreparedJob[], opts: DeployEnvironmentOptions) =>
    deployEnvironment(jobs, opts, {
      kube,
      identity: 'test',
      isNewer: async () => false,
      progress: (line: string) => progress.push(line),
    });

  test('a job whose image was not built is skipped with the build’s reason, and nothing is applied', async () => {
    const report = await deploy(
      prepared([{ job: 'orders', status: 'failed', step: 'push', message: 'registry said 500' }], 'a'.repeat(40)),
      options('a'.repeat(40)),
    );
    expect(report.jobs).toEqual([
      expect.objectContaining({
        job: 'orders',
        state: 'skipped',
        reason: expect.stringContaining('registry said 500'),
      }),
    ]);
    expect(fake.writes().filter((w) => w.path.includes('flinkdeployments'))).toEqual([]);
  });

  test('an unchanged job that is not running is not called unchanged: its failure is reported at once', async () => {
    scenarios.set('orders', { kind: 'job-fails', exceptionName: 'java.lang.IllegalStateException', message: 'boom' });
    const first = await deploy(prepared([image('orders', 1)], 'b'.repeat(40)), options('b'.repeat(40)));
    expect(first.jobs[0]).toMatchObject({ state: 'failed' });
    // The same commit again: nothing to apply, and the job is still FAILED.
    const again = await deploy(prepared([image('orders', 1)], 'b'.repeat(40)), options('b'.repeat(40)));
    expect(again.jobs[0]).toMatchObject({ state: 'failed', jobState: 'FAILED' });
    expect(again.jobs[0]!.failure?.summary).toContain('boom');
  });

  test('an unchanged job that runs is unchanged, and a new image makes it run again', async () => {
    scenarios.set('orders', { kind: 'run' });
    const changed = await deploy(prepared([image('orders', 2)], 'c'.repeat(40)), options('c'.repeat(40)));
    expect(changed.jobs[0]).toMatchObject({
      state: 'running',
      image: `registry.example.test/jobs:orders-2@sha256:${'2'.padStart(64, '0')}`,
    });
    const same = await deploy(prepared([image('orders', 2)], 'd'.repeat(40)), options('d'.repeat(40)));
    expect(same.jobs[0]).toMatchObject({ state: 'unchanged', lifecycleState: 'STABLE', jobState: 'RUNNING' });
  });

  test('a Lease another deploy holds for longer than the timeout ends the job as timed out, saying who holds it', async () => {
    // Another replica holds the job's Lease (the earlier deploys here released it).
    const lease = await kube.renewLease((await kube.getLease(NS, 'streampilot.staging.orders'))!, 'replica-b', 3600);
    try {
      const report = await deploy(
        prepared([image('orders', 3)], 'e'.repeat(40)),
        options('e'.repeat(40), { timeoutMs: 300 }),
      );
      expect(report.jobs[0]).toMatchObject({ state: 'timed-out' });
      expect(report.jobs[0]!.failure?.summary).toContain('replica-b');
    } finally {
      await kube.renewLease(lease, 'replica-b', 1).catch(() => undefined);
    }
  });
});
