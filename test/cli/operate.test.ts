// `streampilot restart|suspend|resume` as the on-call engineer runs them: the built CLI as its own
// process, against the fake Kubernetes API server over HTTPS through a kubeconfig (operator 1.15.0
// CRDs), with the operator played by the autopilot and test/support/fake-kube/operator-commands.ts.
// The jobs are put in the cluster by the deploy workflow first, as a merge would.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { deployEnvironment } from '../../src/workflows/deploy-environment.js';
import { prepareDeploy } from '../../src/workflows/prepare-deploy.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot } from '../support/fake-kube/operator-autopilot.js';
import { commandScenario } from '../support/fake-kube/operator-commands.js';
import { findKind } from '../support/fake-kube/resources.js';
import { runCliAsync, type CliRun } from '../support/run-cli.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-staging';
const SHA = '3f1c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a';
const FD = findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!;
const reason = existsSync(operatorCrdDir)
  ? undefined
  : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)';

const project = `apiVersion: streampilot.dev/v1
kind: Project
repository: acme/jobs
defaults:
  baseImage: registry.example.test/flink:1.20
registry:
  repository: registry.example.test/acme/jobs
environments:
  staging:
    kubeContext: staging
    namespace: ${NS}
    webUI: { ingress: "https://flink.staging.test/{{namespace}}/{{name}}/" }
`;

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

describe('streampilot restart|suspend|resume: usage', () => {
  test('--help names what the command does to state per upgradeMode; no job named: exit 2 listing them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-cli-operate-usage-'));
    try {
      writeFileSync(path.join(dir, 'streampilot.yaml'), project);
      mkdirSync(path.join(dir, 'jobs', 'orders'), { recursive: true });
      writeFileSync(path.join(dir, 'jobs', 'orders', 'job.yaml'), jobYaml('orders', 'savepoint'));
      writeFileSync(
        path.join(dir, 'jobs', 'orders', 'main.sql'),
        "CREATE TABLE s (id STRING) WITH ('connector' = 'datagen');\nCREATE TABLE k (id STRING) WITH ('connector' = 'blackhole');\nINSERT INTO k SELECT id FROM s;\n",
      );
      const [help, none, unknown] = await Promise.all([
        runCliAsync(['suspend', '--help']),
        runCliAsync(['restart', '--env', 'staging'], { cwd: dir }),
        runCliAsync(['resume', '--env', 'staging', 'ordres'], { cwd: dir }),
      ]);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('Usage: streampilot suspend --env <env> <job>... [options]');
      expect(help.stdout).toContain('under upgradeMode savepoint it stops with a savepoint');
      expect(none.status, none.stderr).toBe(2);
      expect(none.stderr).toContain('restart: name the jobs to restart');
      expect(none.stderr).toMatch(/hint: the jobs of staging: orders/);
      expect(unknown.status, unknown.stderr).toBe(2);
      expect(unknown.stderr).toContain('resume: no job ordres in environment staging');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(reason)(
  `streampilot restart|suspend|resume against a cluster ${reason ?? ''}`,
  { timeout: 90_000 },
  () => {
    const work = mkdtempSync(path.join(tmpdir(), 'sp-cli-operate-'));
    const repo = path.join(work, 'repo');
    let fake: FakeKube;
    let autopilot: Autopilot;
    let kube: KubeClient;
    let kubeconfig: string;

    const cli = (...args: string[]): Promise<CliRun> =>
      runCliAsync([...args, '--kubeconfig', kubeconfig], { cwd: repo });
    const live = (name: string) =>
      fake.api.read(FD, NS, name) as {
        metadata: { annotations: Record<string, string> };
        spec: { restartNonce?: number; job: { state: string } };
      };

    beforeAll(async () => {
      mkdirSync(repo, { recursive: true });
      writeFileSync(path.join(repo, 'streampilot.yaml'), project);
      for (const [name, mode] of [
        ['orders', 'savepoint'],
        ['clicks', 'stateless'],
      ]) {
        mkdirSync(path.join(repo, 'jobs', name!), { recursive: true });
        writeFileSync(path.join(repo, 'jobs', name!, 'job.yaml'), jobYaml(name!, mode!));
        writeFileSync(
          path.join(repo, 'jobs', name!, 'main.sql'),
          "CREATE TABLE s (id STRING) WITH ('connector' = 'datagen');\nCREATE TABLE k (id STRING) WITH ('connector' = 'blackhole');\nINSERT INTO k SELECT id FROM s;\n",
        );
      }
      fake = await startFakeKube();
      autopilot = startOperatorAutopilot(fake, {
        stepMs: 20,
        scenario: (_ns, _n, object) => commandScenario(object) ?? { kind: 'run' },
      });
      kubeconfig = writeTestKubeconfig(work, fake, [{ name: 'staging', namespace: NS }]);
      kube = createKubeClient(loadKubeConfig({ kubeconfigPath: kubeconfig, context: 'staging' }));
      const planned = checkRepository(repo, { environments: ['staging'], gitSha: SHA }).plan.environments[0]!;
      for (const job of planned.jobs) {
        const prepared = prepareDeploy(
          planned,
          [{ job: job.name, status: 'no-image', image: `registry.example.test/acme/jobs:${job.name}` }],
          { gitSha: SHA, repository: 'acme/jobs' },
        ).filter((p) => p.job.name === job.name);
        const report = await deployEnvironment(
          prepared,
          {
            environment: 'staging',
            repository: 'acme/jobs',
            sha: SHA,
            kubeContext: 'staging',
            force: false,
            prune: false,
            timeoutMs: 20_000,
            partial: true,
          },
          { kube, identity: 'merge', isNewer: async () => false, progress: () => undefined },
        );
        expect(report.jobs.map((j) => j.state)).toEqual(['running']);
      }
    }, 60_000);

    afterAll(async () => {
      autopilot?.stop();
      await fake?.close();
      rmSync(work, { recursive: true, force: true });
    });

    test('suspend, then resume: exit 0, the savepoint named, the local user recorded on the object', async () => {
      const suspend = await cli('suspend', '--env', 'staging', 'orders');
      expect(suspend.status, `${suspend.stdout}\n${suspend.stderr}`).toBe(0);
      const lines = suspend.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('staging:');
      expect(lines[1]).toMatch(/^ {2}orders {2}suspended in \d+\.\d s$/);
      expect(lines[2]).toMatch(
        /^ {4}upgradeMode savepoint: stopped with a savepoint file:\/\/\/flink-data\/savepoints\/orders\/savepoint-[0-9a-f]+; streampilot resume restores it from there$/,
      );
      expect(suspend.stderr).toContain('orders: asked the operator to suspend it');
      expect(live('orders').spec.job.state).toBe('suspended');
      expect(live('orders').metadata.annotations['streampilot.dev/last-command']).toBe(
        'streampilot suspend --env staging orders',
      );
      expect(live('orders').metadata.annotations['streampilot.dev/last-command-url']).toBeUndefined();

      // `status` says why the job is not as Git has it, and what a merge does about it.
      const status = await cli('status', '--env', 'staging');
      expect(status.stdout).toMatch(
        /^ {4}suspended by `streampilot suspend --env staging orders` \(\S+, \d{4}-\d\d-\d\dT[\d:]+Z\); Git says running: a merge leaves it suspended and reports \.spec\.job\.state as drift, until `\/resume` \(or `streampilot resume`\)$/m,
      );

      const restart = await cli('restart', '--env', 'staging', 'orders');
      expect(restart.status, restart.stdout).toBe(1);
      expect(restart.stdout).toContain(
        '  orders  not restarted: it is suspended (streampilot suspend --env staging orders by ',
      );
      expect(restart.stdout).toContain('    hint: streampilot resume starts it again');

      const resume = await cli('resume', '--env', 'staging', 'orders');
      expect(resume.status, `${resume.stdout}\n${resume.stderr}`).toBe(0);
      const savepoint = /(file:\/\/\/\S+?);/.exec(suspend.stdout)![1]!;
      expect(resume.stdout).toContain(
        `upgradeMode savepoint: restored from the savepoint it was suspended with ${savepoint}`,
      );
      expect(resume.stdout).toContain(`Web UI: https://flink.staging.test/${NS}/orders/`);
      expect(live('orders').spec.job.state).toBe('running');
    });

    test('restart of a stateless job says its state was dropped; the nonce moves', async () => {
      const before = live('clicks').spec.restartNonce;
      const r = await cli('restart', '--env', 'staging', 'clicks');
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(
        'upgradeMode stateless: cancelled and started again from empty state; its state was dropped',
      );
      expect(live('clicks').spec.restartNonce).not.toBe(before);
    });
  },
);
