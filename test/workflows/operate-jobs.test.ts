// /restart, /suspend and /resume through the workflow the app and the CLI share, against the fake
// API server over HTTPS (operator 1.15.0 CRDs), with the operator played by the autopilot and
// test/support/fake-kube/operator-commands.ts (restartNonce and job.state as the real operator treats them).
// The jobs are deployed first by the deploy workflow itself, as a merge would.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COMMAND_ANNOTATION } from '../../src/deploy/command-audit.js';
import { acquireJobLease, jobLeaseName, LEASE_ANNOTATION } from '../../src/deploy/job-lease.js';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import type { JobBuildOutcome } from '../../src/workflows/build-images.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { jobOneLiner } from '../../src/report/deploy-words.js';
import { deployEnvironment } from '../../src/workflows/deploy-environment.js';
import { environmentStatus } from '../../src/workflows/environment-status.js';
import { operateJobs, type JobOperation, type OperateJobsPorts } from '../../src/workflows/operate-jobs.js';
import { prepareDeploy } from '../../src/workflows/prepare-deploy.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot } from '../support/fake-kube/operator-autopilot.js';
import { commandScenario } from '../support/fake-kube/operator-commands.js';
import { findKind } from '../support/fake-kube/resources.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-staging';
const REPOSITORY = 'acme/flink-jobs';
const reason = existsSync(operatorCrdDir)
  ? undefined
  : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)';
const FD = findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!;
const LEASE = findKind('coordination.k8s.io/v1', 'Lease')!;

const built = (job: string): JobBuildOutcome => ({
  job,
  status: 'reused',
  builder: 'registry',
  image: {
    reference: `registry.example.test/jobs:${job}-1`,
    digest: `sha256:${'1'.padStart(64, '0')}`,
    reused: true,
    bytesUploaded: 0,
  },
});

const jobYaml = (name: string, mode: string) => `apiVersion: streampilot.dev/v1
kind: FlinkSqlJob
name: ${name}
sql: [main.sql]
upgradeMode: ${mode}
resources:
  jobManager: { memory: 1024m }
  taskManager: { memory: 1024m }
flinkConfiguration:
  state.checkpoints.dir: file:///flink-data/checkpoints
  state.savepoints.dir: file:///flink-data/savepoints
`;

const JOBS = { orders: 'savepoint', clicks: 'stateless', payments: 'last-state', spare: 'stateless' } as const;

describe.skipIf(reason)(`operating jobs: restart, suspend, resume ${reason ?? ''}`, { timeout: 60_000 }, () => {
  let fake: FakeKube;
  let kube: KubeClient;
  let autopilot: Autopilot;
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-operate-'));
  const repo = path.join(dir, 'repo');
  let commit = 0;
  const plan = () => checkRepository(repo, { environments: ['staging'] }).plan.environments[0]!;

  async function deploy(jobs: string[]) {
    const sha = String(++commit).padStart(40, '0');
    const prepared = prepareDeploy(plan(), jobs.map(built), { gitSha: sha, repository: REPOSITORY }).filter((p) =>
      jobs.includes(p.job.name),
    );
    return deployEnvironment(
      prepared,
      {
        environment: 'staging',
        repository: REPOSITORY,
        sha,
        force: false,
        prune: false,
        timeoutMs: 10_000,
        leasePollMs: 50,
        partial: true,
      },
      { kube, identity: 'deployer', isNewer: async (a, b) => a > b, progress: () => undefined },
    );
  }

  const ports = (extra: Partial<OperateJobsPorts> = {}): OperateJobsPorts => ({
    kube,
    holder: 'test-replica /command',
    timeoutMs: 10_000,
    leasePollMs: 50,
    ...extra,
  });
  const at = '2026-12-06T07:00:00Z';
  const operate = (operation: JobOperation, jobs: string[], extra: Partial<OperateJobsPorts> = {}) =>
    operateJobs(
      {
        operation,
        environment: plan(),
        jobs,
        repository: REPOSITORY,
        audit: { command: `/${operation} ${jobs.join(' ')}`, by: 'wendy', at, url: 'https://github.test/c/1' },
      },
      ports(extra),
    );
  const live = (name: string) =>
    fake.api.read(FD, NS, name) as {
      metadata: { annotations: Record<string, string>; managedFields: { manager: string; fieldsV1: unknown }[] };
      spec: { restartNonce?: number; job: { state: string } };
      status: { lifecycleState: string; jobStatus: { state: string; upgradeSavepointPath?: string } };
    };

  beforeAll(async () => {
    fake = await startFakeKube();
    kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
    autopilot = startOperatorAutopilot(fake, {
      stepMs: 20,
      scenario: (_ns, _n, object) => commandScenario(object) ?? { kind: 'run' },
    });
    mkdirSync(repo, { recursive: true });
    writeFileSync(
      path.join(repo, 'streampilot.yaml'),
      `apiVersion: streampilot.dev/v1\nkind: Project\nregistry: { repository: registry.example.test/jobs }\nenvironments:\n  staging: { namespace: ${NS}, webUI: { ingress: "https://flink.test/{{namespace}}/{{name}}/" } }\n`,
    );
    for (const [name, mode] of Object.entries(JOBS)) {
      mkdirSync(path.join(repo, 'jobs', name), { recursive: true });
      writeFileSync(path.join(repo, 'jobs', name, 'job.yaml'), jobYaml(name, mode));
      writeFileSync(
        path.join(repo, 'jobs', name, 'main.sql'),
        "CREATE TABLE s (id STRING) WITH ('connector' = 'datagen');\nCREATE TABLE k (id STRING) WITH ('connector' = 'blackhole');\nINSERT INTO k SELECT id FROM s;\n",
      );
    }
    // One at a time: the fake API server shares this process's event loop with the checks.
    for (const name of ['orders', 'clicks', 'payments']) {
      const report = await deploy([name]);
      expect(report.jobs.map((j) => [j.state, j.failure?.summary])).toEqual([['running', undefined]]);
    }
  }, 60_000);

  afterAll(async () => {
    autopilot?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('suspend under savepoint stops the job with a savepoint, records who asked, and resume restores from that savepoint', async () => {
    const suspended = await operate('suspend', ['orders']);
    expect(suspended.jobs).toEqual([
      expect.objectContaining({
        job: 'orders',
        outcome: 'done',
        upgradeMode: 'savepoint',
        lifecycleState: 'SUSPENDED',
        savepoint: expect.stringMatching(/^file:\/\/\/flink-data\/savepoints\/orders\/savepoint-/),
      }),
    ]);
    const object = live('orders');
    expect(object.spec.job.state).toBe('suspended');
    expect(object.metadata.annotations).toMatchObject({
      [COMMAND_ANNOTATION.command]: '/suspend orders',
      [COMMAND_ANNOTATION.by]: 'wendy',
      [COMMAND_ANNOTATION.at]: at,
      [COMMAND_ANNOTATION.url]: 'https://github.test/c/1',
    });
    expect(object.metadata.managedFields.map((m) => m.manager)).toContain('streampilot-command');

    const resumed = await operate('resume', ['orders']);
    expect(resumed.jobs).toEqual([
      expect.objectContaining({
        outcome: 'done',
        jobState: 'RUNNING',
        restoredFrom: suspended.jobs[0]!.savepoint,
        webUi: { via: 'ingress', url: `https://flink.test/${NS}/orders/` },
      }),
    ]);
    expect(live('orders').spec.job.state).toBe('running');
  });

  test('restart bumps restartNonce: savepoint restores from a new savepoint, stateless and last-state name none', async () => {
    const before = live('orders').spec.restartNonce ?? 0;
    const restarted = await operate('restart', ['orders', 'clicks', 'payments']);
    expect(restarted.jobs.map((j) => [j.job, j.outcome, j.upgradeMode])).toEqual([
      ['orders', 'done', 'savepoint'],
      ['clicks', 'done', 'stateless'],
      ['payments', 'done', 'last-state'],
    ]);
    expect(restarted.jobs[0]!.restoredFrom).toMatch(/^file:\/\/\/flink-data\/savepoints\/orders\/savepoint-/);
    // The operator's last-state placeholder is no savepoint to show.
    expect(restarted.jobs[1]!.restoredFrom).toBeUndefined();
    expect(restarted.jobs[2]!.restoredFrom).toBeUndefined();
    expect(live('orders').spec.restartNonce).toBeGreaterThan(before);
    expect(autopilot.played.filter((p) => p.startsWith(`${NS}/orders@`)).length).toBeGreaterThanOrEqual(4);
  });

  test('a job in the wrong state, not deployed, or another repository’s gets a per-job answer and is not touched', async () => {
    await operate('suspend', ['clicks']);
    const writes = fake.writes().length;
    const restart = await operate('restart', ['clicks', 'spare']);
    expect(restart.jobs).toEqual([
      expect.objectContaining({
        job: 'clicks',
        outcome: 'refused',
        reason: 'it is suspended (`/suspend clicks` by wendy at 2026-12-06T07:00:00Z), so there is nothing to restart',
        hint: '`/resume` starts it again',
      }),
      expect.objectContaining({
        job: 'spare',
        outcome: 'refused',
        reason: `it is not deployed (there is no FlinkDeployment ${NS}/spare)`,
      }),
    ]);
    const again = await operate('suspend', ['clicks']);
    expect(again.jobs[0]).toMatchObject({ outcome: 'unchanged' });
    const running = await operate('resume', ['payments']);
    expect(running.jobs[0]).toMatchObject({
      outcome: 'unchanged',
      reason: 'it is not suspended: it runs (job RUNNING)',
    });
    // Only the Lease moved: no Flink resource was written.
    expect(
      fake
        .writes()
        .slice(writes)
        .filter((w) => w.path.includes('flinkdeployments')),
    ).toEqual([]);

    const other = fake.api.read(FD, NS, 'payments') as { metadata: Record<string, unknown> };
    fake.api.patch(
      FD,
      NS,
      'payments',
      { metadata: { labels: { 'streampilot.dev/repository': 'other.jobs' } } },
      {
        fieldManager: 'kubectl-label',
      },
    );
    try {
      const foreign = await operate('suspend', ['payments']);
      expect(foreign.jobs[0]).toMatchObject({ outcome: 'refused' });
      expect(foreign.jobs[0]!.reason).toContain(`not ${REPOSITORY}`);
      expect(live('payments').spec.job.state).toBe('running');
    } finally {
      fake.api.patch(
        FD,
        NS,
        'payments',
        { metadata: { labels: other.metadata.labels as object } },
        {
          fieldManager: 'kubectl-label',
        },
      );
    }
    await operate('resume', ['clicks']);
  });

  test('the app’s cluster access refuses the environment: nothing is read or written', async () => {
    const writes = fake.writes().length;
    const result = await operate('restart', ['orders'], {
      clusterAccess: () => ({
        allowed: false,
        reason: 'acme/flink-jobs may not use namespace flink-staging',
        hint: 'ask',
      }),
    });
    expect(result).toEqual({
      environment: 'staging',
      refused: { reason: 'acme/flink-jobs may not use namespace flink-staging', hint: 'ask' },
      jobs: [],
    });
    expect(fake.writes().length).toBe(writes);
  });

  test('a command waits for the deploy holding the job’s Lease, and keeps the commit the deploys order by', async () => {
    const held = await acquireJobLease(
      kube,
      { namespace: NS, environment: 'staging', job: 'payments' },
      'f'.repeat(40),
      {
        identity: 'other-replica',
        isNewer: async (a) => a === 'f'.repeat(40),
      },
    );
    expect(held.status).toBe('acquired');
    const waited: string[] = [];
    const running = operate('restart', ['payments'], {
      onStage: (job, stage) => waited.push(`${job} ${stage.stage}${stage.stage === 'waiting' ? ` ${stage.sha}` : ''}`),
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(waited).toEqual([`payments waiting ${'f'.repeat(40)}`]);
    const nonce = live('payments').spec.restartNonce;
    if (held.status === 'acquired') await held.lease.release();
    expect((await running).jobs[0]).toMatchObject({ outcome: 'done' });
    expect(live('payments').spec.restartNonce).not.toBe(nonce);
    const lease = fake.api.read(LEASE, NS, jobLeaseName('staging', 'payments')) as {
      spec: { holderIdentity?: string };
      metadata: { annotations: Record<string, string> };
    };
    expect(lease.metadata.annotations[LEASE_ANNOTATION.gitSha]).toBe('f'.repeat(40));
    expect(lease.spec.holderIdentity ?? '').toBe('');
  });

  test('two commands on one job run one after the other, never at once', async () => {
    const patchedAt: Record<string, number> = {};
    const finishedAt: Record<string, number> = {};
    const waited: string[] = [];
    const run = (operation: JobOperation) =>
      operate(operation, ['orders'], {
        onStage: (_job, stage) => {
          if (stage.stage === 'patched') patchedAt[operation] = performance.now();
          if (stage.stage === 'waiting') waited.push(operation);
        },
      }).then((result) => {
        finishedAt[operation] = performance.now();
        return result;
      });
    const [suspend, resume] = await Promise.all([run('suspend'), run('resume')]);
    // One waited for the other's Lease; it read the job only once the first had finished.
    expect(waited).toHaveLength(1);
    const second = waited[0]!;
    const first = second === 'suspend' ? 'resume' : 'suspend';
    expect(finishedAt[first]).toBeLessThan(finishedAt[second]!);
    if (patchedAt[second] !== undefined) expect(patchedAt[second]).toBeGreaterThan(finishedAt[first]!);
    expect([suspend.jobs[0]!.outcome, resume.jobs[0]!.outcome]).toContain('done');
    await operate('resume', ['orders']);
    expect(live('orders').spec.job.state).toBe('running');
  });

  test('a merge after /suspend does not resume the job: the deploy reports the command’s field as drift', async () => {
    await operate('suspend', ['clicks']);
    const report = await deploy(['clicks']);
    expect(report.jobs[0]).toMatchObject({
      state: 'drift',
      drift: [{ field: '.spec.job.state', manager: 'streampilot-command' }],
    });
    expect(live('clicks').spec.job.state).toBe('suspended');
    expect(jobOneLiner(report.jobs[0]!)).toBe(
      'changed outside Git: .spec.job.state (by a StreamPilot command: `/suspend`, `/resume` or `streampilot suspend|resume`); nothing was applied',
    );
    const status = await environmentStatus(plan(), kube, { repository: REPOSITORY });
    expect(status.jobs.find((j) => j.job === 'clicks')?.heldByCommand).toEqual({
      state: 'suspended',
      gitState: 'running',
      command: '/suspend clicks',
      by: 'wendy',
      at,
    });
    expect(status.jobs.find((j) => j.job === 'orders')?.heldByCommand).toBeUndefined();
    await operate('resume', ['clicks']);
    // Resumed: live and Git agree again, and a deploy applies cleanly.
    expect(
      (await environmentStatus(plan(), kube, { repository: REPOSITORY })).jobs.find((j) => j.job === 'clicks')
        ?.heldByCommand,
    ).toBeUndefined();
    expect((await deploy(['clicks'])).jobs[0]?.state).not.toBe('drift');
  });
});
