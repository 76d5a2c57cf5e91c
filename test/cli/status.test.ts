// `streampilot status` as a person runs it: the built CLI as its own process (test/support/run-cli.ts),
// reading the Kubernetes API server served by test/support/fake-kube over HTTPS through a kubeconfig
// (FlinkDeployments admitted only when valid for the operator 1.15.0 CRDs in
// ../shared/reference/flink-operator), with the operator's status written by the simulated operator.
// The jobs are put in the cluster by the deploy workflow itself, in this process, with images that
// need not exist: status only reads what the cluster says.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { deployEnvironment } from '../../src/workflows/deploy-environment.js';
import { prepareDeploy } from '../../src/workflows/prepare-deploy.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot } from '../support/fake-kube/operator-autopilot.js';
import { freePort } from '../support/free-port.js';
import { runCliAsync, type CliRun } from '../support/run-cli.js';

const NS = 'flink-staging';
const SHA = '3f1c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a';
const IMAGE = (job: string) => `registry.example.test/acme/jobs:${job}-0123456789abcdef@sha256:${'ab'.repeat(32)}`;
const reason = existsSync(operatorCrdDir)
  ? undefined
  : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)';

const REPOSITORY = 'acme/jobs';
const project = `apiVersion: streampilot.dev/v1
kind: Project
repository: ${REPOSITORY}
defaults:
  baseImage: registry.example.test/flink:1.20
registry:
  repository: registry.example.test/acme/jobs
environments:
  staging:
    kubeContext: staging
    namespace: ${NS}
    webUI: { ingress: "https://flink.staging.test/{{namespace}}/{{name}}/" }
  production:
    kubeContext: staging
    namespace: flink-production
`;

const job = (name: string) => ({
  'job.yaml': `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${name}\nsql: [main.sql]\nupgradeMode: stateless\n`,
  'main.sql': `CREATE TABLE ${name}_source (id STRING) WITH ('connector' = 'datagen');
CREATE TABLE ${name}_sink (id STRING) WITH ('connector' = 'blackhole');
INSERT INTO ${name}_sink SELECT id FROM ${name}_source;
`,
});

interface Target {
  name: string;
  url: string;
  caPem: string;
  token: string;
}

function kubeconfig(contexts: Target[]): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map((c) => ({
      name: c.name,
      cluster: { server: c.url, 'certificate-authority-data': Buffer.from(c.caPem).toString('base64') },
    })),
    users: contexts.map((c) => ({ name: c.name, user: { token: c.token } })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.name, user: c.name } })),
    'current-context': contexts[0]?.name ?? '',
  });
}

/** Writes jobs/<name>/… for each name. */
function writeRepository(root: string, jobs: string[]): void {
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'streampilot.yaml'), project);
  for (const name of jobs) {
    mkdirSync(path.join(root, 'jobs', name), { recursive: true });
    for (const [file, text] of Object.entries(job(name))) writeFileSync(path.join(root, 'jobs', name, file), text);
  }
}

/** The lines of one job's block in the text output: its heading and the indented lines under it. */
function block(out: string, name: string): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^ {2}${name} {2}`).test(l));
  if (start < 0) return [`(no block for ${name} in:\n${out})`];
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('    '));
  return lines.slice(start, end < 0 ? undefined : end);
}

describe('streampilot status: usage', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-cli-status-usage-'));
  beforeAll(() => writeRepository(dir, ['orders']));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('without --env, or with one streampilot.yaml does not define: exit 2, listing the environments there are', async () => {
    const [missing, unknown] = await Promise.all([
      runCliAsync(['status'], { cwd: dir }),
      runCliAsync(['status', '--env', 'prod', '--dir', dir]),
    ]);
    expect(missing.status, missing.stderr).toBe(2);
    expect(missing.stderr).toContain('--env is required');
    expect(missing.stderr).toMatch(/hint: .*staging, production/);
    expect(unknown.status, unknown.stderr).toBe(2);
    expect(unknown.stderr).toContain('no environment "prod"');
    expect(unknown.stderr).toMatch(/hint: .*staging, production/);
  });

  test('--format other than text or json: exit 2 with a hint', async () => {
    const r = await runCliAsync(['status', '--env', 'staging', '--format', 'yaml'], { cwd: dir });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('--format must be text or json');
    expect(r.stderr).toMatch(/hint: .*--format json/);
  });

  test('--help: exit 0, and every option it lists is one status accepts', async () => {
    const r = await runCliAsync(['status', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: streampilot status --env <env>');
    const listed = [...r.stdout.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!);
    expect(listed).toEqual(
      expect.arrayContaining(['--env', '--kubeconfig', '--context', '--format', '--dir', '--help']),
    );
    const flags = listed.filter((f) => f !== '--help' && f !== '--env');
    const values: Record<string, string> = { '--dir': dir, '--format': 'json' };
    const probes = await Promise.all(
      flags.map((flag) =>
        runCliAsync(
          ['status', flag, ...(new RegExp(`^ {2}${flag} \\S`, 'm').test(r.stdout) ? [values[flag] ?? 'x'] : [])],
          { cwd: dir },
        ),
      ),
    );
    probes.forEach((probe, i) => expect(probe.stderr, `${flags[i]} is in the help`).toContain('--env is required'));
  });
});

describe.skipIf(reason)(`streampilot status against a cluster ${reason ?? ''}`, { timeout: 60_000 }, () => {
  const work = mkdtempSync(path.join(tmpdir(), 'sp-cli-status-'));
  const repo = path.join(work, 'repo');
  let fake: FakeKube;
  let autopilot: Autopilot;
  let kube: KubeClient;
  let kubeconfigFile: string;
  const saved = process.env.KUBECONFIG;

  const status = (...args: string[]): Promise<CliRun> =>
    runCliAsync(['status', '--kubeconfig', kubeconfigFile, ...args], { cwd: repo });

  /** Deploys `jobs` of `environment` as the deploy workflow does, and waits for them to run. */
  const deploy = async (environment: string, jobs: string[], root = repo) => {
    const planned = checkRepository(root, { environments: [environment], gitSha: SHA }).plan.environments[0]!;
    const builds = planned.jobs.map((j) => ({ job: j.name, status: 'no-image' as const, image: IMAGE(j.name) }));
    const prepared = prepareDeploy(planned, builds, { gitSha: SHA, pullRequest: 12, repository: REPOSITORY }).filter(
      (p) => jobs.includes(p.job.name),
    );
    const report = await deployEnvironment(
      prepared,
      {
        environment,
        repository: REPOSITORY,
        sha: SHA,
        kubeContext: 'staging',
        force: false,
        prune: false,
        timeoutMs: 20_000,
        partial: true,
      },
      { kube, identity: 'status-test', isNewer: async () => false, progress: () => undefined },
    );
    expect(report.jobs.map((j) => `${j.job} ${j.state}`).sort()).toEqual(jobs.map((j) => `${j} running`).sort());
  };

  beforeAll(async () => {
    writeRepository(repo, ['orders', 'clicks', 'payments']);
    fake = await startFakeKube();
    autopilot = startOperatorAutopilot(fake, { stepMs: 20 });
    // The kubeconfig's current context is a cluster nobody answers for: only the environment's kubeContext works.
    const nobody = { url: `https://127.0.0.1:${await freePort()}`, caPem: fake.caPem, token: 'nobody' };
    kubeconfigFile = path.join(work, 'kubeconfig');
    writeFileSync(
      kubeconfigFile,
      kubeconfig([
        { name: 'elsewhere', ...nobody },
        { name: 'staging', url: fake.url, caPem: fake.caPem, token: fake.token },
        { name: 'wrong-token', url: fake.url, caPem: fake.caPem, token: 'not-the-token' },
      ]),
      { mode: 0o600 },
    );
    // Only a --kubeconfig that is honoured reaches the cluster.
    process.env.KUBECONFIG = path.join(work, 'absent-kubeconfig');
    kube = createKubeClient(loadKubeConfig({ kubeconfigPath: kubeconfigFile, context: 'staging' }));

    await deploy('staging', ['orders', 'clicks']);
    // A job deployed from Git earlier and deleted from it since.
    const old = path.join(work, 'old-repo');
    writeRepository(old, ['legacy']);
    await deploy('staging', ['legacy'], old);
  }, 60_000);

  afterAll(async () => {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
    autopilot?.stop();
    await fake?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('text: each job’s state, commit, image and Web UI; a job not deployed is missing, a job gone from Git is listed; exit 1 while one is missing', async () => {
    const writesBefore = fake.writes().length;
    const r = await status('--env', 'staging');
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('staging:');
    for (const name of ['orders', 'clicks']) {
      expect(block(r.stdout, name)).toEqual([
        `  ${name}  job RUNNING, lifecycle STABLE`,
        `    image: ${IMAGE(name)}`,
        `    commit: ${SHA} (#12)`,
        `    Web UI: https://flink.staging.test/${NS}/${name}/`,
      ]);
    }
    expect(block(r.stdout, 'payments')).toEqual([
      '  payments  missing',
      `    not deployed: no FlinkDeployment ${NS}/payments`,
    ]);
    expect(r.stdout).toContain(`  legacy  not in Git: FlinkDeployment ${NS}/legacy is still deployed`);
    expect(r.stderr).toBe('');
    expect(fake.writes().length, 'status only reads').toBe(writesBefore);
    // The whole text, as a person reads it (regenerate deliberately with `vitest run -u`).
    await expect(r.stdout).toMatchFileSnapshot('./golden/status-staging.txt');
  });

  test('--format json parses, with each job’s state, provenance, image and Web UI, and the jobs gone from Git', async () => {
    const r = await status('--env', 'staging', '--format', 'json');
    expect(r.status, r.stderr).toBe(1);
    const parsed = JSON.parse(r.stdout) as {
      environment: string;
      jobs: Record<string, unknown>[];
      orphans: Record<string, unknown>[];
    };
    expect(parsed.environment).toBe('staging');
    expect(parsed.jobs.find((j) => j.job === 'orders')).toEqual({
      job: 'orders',
      kind: 'FlinkDeployment',
      namespace: NS,
      deployed: true,
      lifecycleState: 'STABLE',
      jobState: 'RUNNING',
      image: IMAGE('orders'),
      gitSha: SHA,
      pullRequest: '12',
      webUi: { via: 'ingress', url: `https://flink.staging.test/${NS}/orders/` },
    });
    expect(parsed.jobs.find((j) => j.job === 'payments')).toEqual({
      job: 'payments',
      kind: 'FlinkDeployment',
      namespace: NS,
      deployed: false,
    });
    expect(parsed.orphans).toEqual([
      expect.objectContaining({ kind: 'FlinkDeployment', namespace: NS, name: 'legacy' }),
    ]);
  });

  test('a job the operator reports failed: exit 1, with its state and the operator’s error', async () => {
    fake.operator.failed(NS, 'clicks', { message: 'java.lang.IllegalStateException: the sink table is gone' });
    const r = await status('--env', 'staging');
    expect(r.status).toBe(1);
    expect(block(r.stdout, 'clicks').slice(0, 2)).toEqual([
      '  clicks  job FAILED, lifecycle FAILED',
      '    error: java.lang.IllegalStateException: the sink table is gone',
    ]);
    fake.operator.running(NS, 'clicks');
  });

  test('every job running: exit 0 (a job gone from Git is shown, and does not fail it)', async () => {
    await deploy('staging', ['payments']);
    const r = await status('--env', 'staging');
    expect(r.status, r.stdout).toBe(0);
    expect(block(r.stdout, 'payments')[0]).toBe('  payments  job RUNNING, lifecycle STABLE');
    expect(block(r.stdout, 'clicks')[0]).toBe('  clicks  job RUNNING, lifecycle STABLE');
    expect(r.stdout).toContain('legacy  not in Git');
  });

  test('without an ingress template, the Web UI is the port-forward command to paste', async () => {
    await deploy('production', ['orders']);
    const r = await status('--env', 'production');
    expect(block(r.stdout, 'orders')).toContain(
      '    Web UI: kubectl port-forward --context staging -n flink-production svc/orders-rest 8081:8081, then http://localhost:8081/',
    );
    expect(block(r.stdout, 'clicks')[0]).toBe('  clicks  missing');
    expect(r.status).toBe(1);
  });

  test('a cluster that cannot be reached or refuses the credentials: exit 2 naming the context and what to check, never an internal error', async () => {
    const [unreachable, refused] = await Promise.all([
      status('--env', 'staging', '--context', 'elsewhere'),
      status('--env', 'staging', '--context', 'wrong-token'),
    ]);
    expect(unreachable.status, unreachable.stderr).toBe(2);
    expect(unreachable.stderr).toMatch(
      /cannot reach the Kubernetes API server of context "elsewhere" \(https:\/\/127\.0\.0\.1:\d+\)/,
    );
    expect(unreachable.stderr).toMatch(/hint: /);
    expect(refused.status, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('context "wrong-token"');
    expect(refused.stderr).toContain('refused the credentials');
    for (const r of [unreachable, refused]) {
      expect(r.stderr).not.toContain('internal error');
      expect(r.stderr).not.toContain('not-the-token');
    }
  });

  test('a kubeconfig without the environment’s context: exit 2 naming it and the ones there are', async () => {
    const r = await status('--env', 'staging', '--context', 'stagin');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('no context "stagin"');
    expect(r.stderr).toMatch(/hint: use one of: elsewhere, staging, wrong-token/);
  });

  test('no kubeconfig at all (no --kubeconfig, no KUBECONFIG, no ~/.kube/config): exit 2 saying so, not a made-up context', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'sp-no-kube-home-'));
    try {
      const r = await runCliAsync(['status', '--env', 'staging', '--dir', repo], {
        env: { HOME: home, KUBECONFIG: undefined },
      });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain('there is no kubeconfig');
      expect(r.stderr).toContain('--kubeconfig');
      expect(r.stderr).not.toContain('loaded-context');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
