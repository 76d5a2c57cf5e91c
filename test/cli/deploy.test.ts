// `streampilot deploy` as a person runs it: the built CLI as its own process (test/support/run-cli.ts),
// in a real git repository, building on a real registry (Debian's docker-registry, with the tiny
// busybox base of test/support/base-image.ts), against the Kubernetes API server served by
// test/support/fake-kube over HTTPS through a kubeconfig (server-side apply with field managers,
// watch, Leases; FlinkDeployments admitted only when valid for the operator 1.15.0 CRDs in
// ../shared/reference/flink-operator), the operator played by the autopilot, and the JobManager REST
// API by test/support/fake-flink (answers checked against ../shared/reference/flink-rest/).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ensureBaseImage } from '../support/base-image.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { dockerEnv } from '../support/docker-env.js';
import { startFakeFlink, type FakeFlink } from '../support/fake-flink/fake-flink.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot, type Scenario } from '../support/fake-kube/operator-autopilot.js';
import { findKind } from '../support/fake-kube/resources.js';
import { freePort } from '../support/free-port.js';
import { GitRepository } from '../support/git-fixture.js';
import { basicAuth, registryEnv, registryRequests, type TestRegistry } from '../support/registry-env.js';
import { runCliAsync, type CliRun } from '../support/run-cli.js';

const NS = 'flink-staging';
const reason =
  dockerEnv.skipReason ??
  registryEnv.skipReason ??
  (existsSync(operatorCrdDir)
    ? undefined
    : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)');

const sql = (
  job: string,
  marker: string,
) => `CREATE TABLE ${job}_source (user_id STRING, url STRING) WITH ('connector' = 'datagen');
CREATE TABLE ${job}_sink (user_id STRING, url STRING) WITH ('connector' = 'blackhole');
INSERT INTO ${job}_sink SELECT user_id, url FROM ${job}_source WHERE url <> '${marker}';
`;

const project = (o: {
  registry: string;
  repository: string;
  base: string;
  timeout?: string;
  prune?: boolean;
}) => `apiVersion: streampilot.dev/v1
kind: Project
repository: acme/cli-deploy
defaults:
  baseImage: ${o.base}
registry:
  repository: ${o.registry}/${o.repository}
  insecure: true
deploy:
  timeout: ${o.timeout ?? '30s'}
${o.prune ? '  prune: true\n' : ''}environments:
  staging:
    kubeContext: staging
    namespace: ${NS}
    webUI: { ingress: "https://flink.staging.test/{{namespace}}/{{name}}/" }
  production:
    kubeContext: production
    namespace: flink-production
`;

const imageJob = (name: string) =>
  `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${name}\nsql: [main.sql]\nupgradeMode: stateless\n`;
const configMapJob = (name: string) => `${imageJob(name)}build: configmap\n`;

interface Cluster {
  name: string;
  fake: { url: string; caPem: string; token: string };
}

/** A kubeconfig with one cluster and user per context; the first context is the current one. */
function kubeconfig(contexts: Cluster[]): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map((c) => ({
      name: c.name,
      cluster: { server: c.fake.url, 'certificate-authority-data': Buffer.from(c.fake.caPem).toString('base64') },
    })),
    users: contexts.map((c) => ({ name: c.name, user: { token: c.fake.token } })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.name, user: c.name, namespace: NS } })),
    'current-context': contexts[0]?.name ?? '',
  });
}

/** The tags of an image repository in the registry; [] when nothing was ever pushed there. */
async function tagsOf(registry: TestRegistry, repository: string): Promise<string[]> {
  const res = await fetch(`http://${registry.host}/v2/${repository}/tags/list`, {
    headers: { authorization: basicAuth(registry) },
  });
  if (res.status === 404) return [];
  expect(res.status).toBe(200);
  return ((await res.json()) as { tags?: string[] | null }).tags ?? [];
}

async function manifestDigest(registry: TestRegistry, repository: string, tag: string): Promise<string | undefined> {
  const res = await fetch(`http://${registry.host}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      authorization: basicAuth(registry),
      accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
    },
  });
  return res.ok ? (res.headers.get('docker-content-digest') ?? undefined) : undefined;
}

/** The line of `name` in the per-job table `deploy` prints (two spaces, the job, two spaces, its state). */
const jobLine = (out: string, name: string) =>
  out.split('\n').find((l) => new RegExp(`^ {2}${name} {2,}\\S`).test(l)) ?? `(no line for ${name} in:\n${out})`;

describe('streampilot deploy: usage errors, before any cluster or registry is used', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-cli-deploy-usage-'));
  beforeAll(() => {
    // Nothing listens on port 1: a command that got as far as the registry or a cluster would fail differently.
    writeFileSync(
      path.join(dir, 'streampilot.yaml'),
      project({ registry: '127.0.0.1:1', repository: 'never', base: '127.0.0.1:1/base:1' }),
    );
    mkdirSync(path.join(dir, 'jobs', 'orders'), { recursive: true });
    writeFileSync(path.join(dir, 'jobs', 'orders', 'job.yaml'), imageJob('orders'));
    writeFileSync(path.join(dir, 'jobs', 'orders', 'main.sql'), sql('orders', 'x'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('without --env: exit 2, and the hint names the environments there are', async () => {
    const r = await runCliAsync(['deploy'], { cwd: dir });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('--env is required');
    expect(r.stderr).toMatch(/hint: .*staging, production/);
    expect(r.stdout).toBe('');
  });

  test('an environment streampilot.yaml does not define: exit 2, naming it and listing the ones there are', async () => {
    const r = await runCliAsync(['deploy', '--env', 'stagign', '--dir', dir]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('no environment "stagign"');
    expect(r.stderr).toMatch(/hint: .*staging, production/);
  });

  test.each(['2x', '0s', '10'])('--timeout %s is not a duration: exit 2 with an example of one', async (value) => {
    const r = await runCliAsync(['deploy', '--env', 'staging', '--timeout', value], { cwd: dir });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--timeout`);
    expect(r.stderr).toContain(value);
    expect(r.stderr).toMatch(/hint: .*90s/);
  });

  test('an unknown option: exit 2, pointing at --help', async () => {
    const r = await runCliAsync(['deploy', '--env', 'staging', '--prune'], { cwd: dir });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('--prune');
    expect(r.stderr).toContain('streampilot deploy --help');
  });

  test('--help: exit 0, and every option it lists is one deploy accepts', async () => {
    const r = await runCliAsync(['deploy', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: streampilot deploy --env <env>');
    const listed = [...r.stdout.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]);
    expect(listed).toEqual(
      expect.arrayContaining([
        '--env',
        '--force',
        '--kubeconfig',
        '--context',
        '--timeout',
        '--git-sha',
        '--dir',
        '--no-cache',
        '--help',
      ]),
    );
    // A flag in the help that the command refuses would be a usage error (exit 2) rather than the missing --env error.
    const flags = listed.filter((f) => f !== '--help' && f !== '--env');
    const probes = await Promise.all(
      flags.map((flag) => {
        const takesValue = new RegExp(`^ {2}${flag} <`, 'm').test(r.stdout);
        return runCliAsync(['deploy', flag!, ...(takesValue ? [flag === '--dir' ? dir : '1m'] : [])], { cwd: dir });
      }),
    );
    probes.forEach((probe, i) => expect(probe.stderr, `${flags[i]} is in the help`).toContain('--env is required'));
  });
});

describe.skipIf(reason)(`streampilot deploy against a cluster ${reason ?? ''}`, { timeout: 120_000 }, () => {
  const run = randomBytes(4).toString('hex');
  const imageRepository = `cli-deploy-${run}`;
  const work = mkdtempSync(path.join(tmpdir(), 'sp-cli-deploy-'));
  const saved = {
    user: process.env.STREAMPILOT_REGISTRY_USERNAME,
    password: process.env.STREAMPILOT_REGISTRY_PASSWORD,
    kubeconfig: process.env.KUBECONFIG,
  };
  let registry: TestRegistry;
  let base: string;
  /** The environment's cluster (context `staging`). */
  let staging: FakeKube;
  /** Another cluster of the same kubeconfig (context `elsewhere`, its current context). */
  let elsewhere: FakeKube;
  let flink: FakeFlink;
  const autopilots: Autopilot[] = [];
  let git: GitRepository;
  let kubeconfigFile: string;
  const scenarios = new Map<string, Scenario>();

  const deploy = (...args: string[]): Promise<CliRun> =>
    runCliAsync(['deploy', '--env', 'staging', '--kubeconfig', kubeconfigFile, ...args], {
      cwd: git.dir,
      cacheHome: path.join(work, 'cache'),
    });
  const deploymentType = () => findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!;
  const configMapType = () => findKind('v1', 'ConfigMap')!;
  const live = (fake: FakeKube, name: string) => fake.api.read(deploymentType(), NS, name) as Record<string, any>;
  const exists = (fake: FakeKube, name: string) => fake.store.get(deploymentType(), NS, name) !== undefined;
  const sqlConfigMaps = (fake: FakeKube, job: string) =>
    fake.api
      .list(configMapType(), NS)
      .items.map((c) => String((c.metadata as { name: string }).name))
      .filter((n) => n.startsWith(`${job}-sql-`));
  /** Registry writes since `since` requests (pushes of blobs or manifests). */
  const pushesSince = (since: number) =>
    registryRequests(registry)
      .slice(since)
      .filter((r) => r.method !== 'GET' && r.method !== 'HEAD');

  beforeAll(async () => {
    registry = registryEnv.registry!;
    base = (await ensureBaseImage(dockerEnv.docker, registry)).reference;
    // The registry-native builder reads the target registry's credentials from the environment, as in a CI job.
    process.env.STREAMPILOT_REGISTRY_USERNAME = registry.username;
    process.env.STREAMPILOT_REGISTRY_PASSWORD = registry.password;

    const source = path.join(work, 'source');
    mkdirSync(source);
    writeFileSync(
      path.join(source, 'streampilot.yaml'),
      project({ registry: registry.host, repository: imageRepository, base }),
    );
    for (const job of ['orders', 'clicks', 'lookups']) {
      mkdirSync(path.join(source, 'jobs', job), { recursive: true });
      writeFileSync(path.join(source, 'jobs', job, 'job.yaml'), job === 'lookups' ? configMapJob(job) : imageJob(job));
      writeFileSync(path.join(source, 'jobs', job, 'main.sql'), sql(job, `first ${run}`));
    }
    git = GitRepository.create({ from: source });

    staging = await startFakeKube();
    elsewhere = await startFakeKube();
    flink = await startFakeFlink();
    autopilots.push(
      startOperatorAutopilot(staging, {
        flink,
        scenario: (_ns, name) => scenarios.get(name) ?? { kind: 'run' },
        stepMs: 50,
      }),
    );
    autopilots.push(startOperatorAutopilot(elsewhere, { stepMs: 50 }));
    kubeconfigFile = path.join(work, 'kubeconfig');
    writeFileSync(
      kubeconfigFile,
      kubeconfig([
        { name: 'elsewhere', fake: elsewhere },
        { name: 'staging', fake: staging },
      ]),
      { mode: 0o600 },
    );
    // $KUBECONFIG names a kubeconfig whose `staging` is the other cluster: only a --kubeconfig that is honoured reaches the right one.
    const decoy = path.join(work, 'decoy-kubeconfig');
    writeFileSync(decoy, kubeconfig([{ name: 'staging', fake: elsewhere }]), { mode: 0o600 });
    process.env.KUBECONFIG = decoy;
  }, 120_000);

  afterEach(() => scenarios.clear());

  afterAll(async () => {
    for (const [key, value] of [
      ['STREAMPILOT_REGISTRY_USERNAME', saved.user],
      ['STREAMPILOT_REGISTRY_PASSWORD', saved.password],
      ['KUBECONFIG', saved.kubeconfig],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    for (const a of autopilots) a.stop();
    await staging?.close();
    await elsewhere?.close();
    await flink?.close().catch(() => undefined);
    git?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  test('a kubeconfig without the environment’s context, or whose cluster cannot be reached: exit 2 naming the context, and nothing is built', async () => {
    const only = path.join(work, 'only-elsewhere');
    writeFileSync(only, kubeconfig([{ name: 'elsewhere', fake: elsewhere }]), { mode: 0o600 });
    const r = await runCliAsync(['deploy', '--env', 'staging', '--kubeconfig', only], {
      cwd: git.dir,
      cacheHome: path.join(work, 'cache'),
    });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${only} has no context "staging"`);
    expect(r.stderr).toMatch(/hint: use one of: elsewhere/);
    const named = await runCliAsync(
      ['deploy', '--env', 'staging', '--kubeconfig', kubeconfigFile, '--context', 'stagin'],
      { cwd: git.dir, cacheHome: path.join(work, 'cache') },
    );
    expect(named.status, named.stderr).toBe(2);
    expect(named.stderr).toContain('no context "stagin"');
    expect(named.stderr).toMatch(/hint: use one of: elsewhere, staging/);
    // A cluster nobody answers for: found before the build, not after it.
    const nobody = path.join(work, 'nobody');
    writeFileSync(
      nobody,
      kubeconfig([
        {
          name: 'staging',
          fake: { url: `https://127.0.0.1:${await freePort()}`, caPem: staging.caPem, token: staging.token },
        },
      ]),
      { mode: 0o600 },
    );
    const unreachable = await runCliAsync(['deploy', '--env', 'staging', '--kubeconfig', nobody], {
      cwd: git.dir,
      cacheHome: path.join(work, 'cache'),
    });
    expect(unreachable.status, unreachable.stderr).toBe(2);
    expect(unreachable.stderr).toMatch(
      /cannot reach the Kubernetes API server of context "staging" \(https:\/\/127\.0\.0\.1:\d+\)/,
    );
    expect(unreachable.stderr).not.toContain('internal error');
    expect(await tagsOf(registry, imageRepository)).toEqual([]);
    expect(staging.writes()).toEqual([]);
    expect(elsewhere.writes()).toEqual([]);
  });

  test('deploy --env staging builds, applies each job pinned to its digest with HEAD recorded, follows it to RUNNING and prints a line per job with its Web UI', async () => {
    const head = git.sha('HEAD');
    const r = await deploy();
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^staging at ${head.slice(0, 12)}: 3 running`));
    for (const job of ['orders', 'clicks', 'lookups']) {
      const line = jobLine(r.stdout, job);
      expect(line).toMatch(/ {2}running {2}/);
      expect(line).toContain(`https://flink.staging.test/${NS}/${job}/`);
      // Progress goes to stderr, per job.
      expect(r.stderr).toContain(`staging/${job}: applied`);
    }

    // The environment's kubeContext (staging), not the kubeconfig's current context (elsewhere), nor $KUBECONFIG.
    expect(exists(elsewhere, 'orders')).toBe(false);
    const tags = await tagsOf(registry, imageRepository);
    for (const job of ['orders', 'clicks']) {
      const object = live(staging, job);
      expect(object.metadata.annotations['streampilot.dev/git-sha']).toBe(head);
      expect(object.status).toMatchObject({ lifecycleState: 'STABLE', jobStatus: { state: 'RUNNING' } });
      expect(
        (object.metadata.managedFields as { manager: string; operation: string }[]).some(
          (f) => f.manager === 'streampilot' && f.operation === 'Apply',
        ),
      ).toBe(true);
      // `<registry>/<repository>:<tag>@<digest>`, and the digest is what the registry serves for the tag just pushed.
      const m = new RegExp(
        `^${registry.host.replace(/\./g, '\\.')}/${imageRepository}:([\\w.-]+)@(sha256:[0-9a-f]{64})$`,
      ).exec(object.spec.image);
      expect(m, object.spec.image).not.toBeNull();
      expect(tags).toContain(m![1]);
      expect(await manifestDigest(registry, imageRepository, m![1]!)).toBe(m![2]);
      expect(jobLine(r.stdout, job)).toContain(`${imageRepository}:${m![1]}@${m![2]!.slice(0, 15)}`);
    }

    // build: configmap: the job runs on the base image, pinned, with its SQL in a ConfigMap named after its content.
    const lookups = live(staging, 'lookups');
    expect(lookups.spec.image).toMatch(new RegExp(`^${base.replace(/\./g, '\\.')}@sha256:[0-9a-f]{64}$`));
    const [configMap, ...more] = sqlConfigMaps(staging, 'lookups');
    expect(more).toEqual([]);
    expect(configMap).toMatch(/^lookups-sql-[0-9a-f]{10}$/);
    const data = (staging.api.read(configMapType(), NS, configMap!) as { data: Record<string, string> }).data;
    expect(Object.values(data).join('\n')).toContain(`first ${run}`);
    expect(JSON.stringify(lookups.spec.podTemplate)).toContain(`"name":"${configMap}"`);
  });

  test('a SQL-only change to a build: configmap job deploys with no image build: a new ConfigMap, nothing pushed, the other jobs untouched', async () => {
    const before = live(staging, 'lookups');
    const [oldConfigMap] = sqlConfigMaps(staging, 'lookups');
    const sha = git.commit('main', { 'jobs/lookups/main.sql': sql('lookups', `second ${run}`) });
    const requestsBefore = registry.logFile ? registryRequests(registry).length : 0;
    const tagsBefore = await tagsOf(registry, imageRepository);

    const r = await deploy();
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(jobLine(r.stdout, 'lookups')).toMatch(/ {2}running {2}/);
    expect(r.stderr).toContain('lookups: no image to build (build: configmap)');
    expect(jobLine(r.stdout, 'orders')).toMatch(/ {2}unchanged {2}/);
    expect(jobLine(r.stdout, 'clicks')).toMatch(/ {2}unchanged {2}/);

    const after = live(staging, 'lookups');
    const newConfigMap = sqlConfigMaps(staging, 'lookups').find((n) => n !== oldConfigMap);
    expect(newConfigMap).toMatch(/^lookups-sql-[0-9a-f]{10}$/);
    expect(JSON.stringify(after.spec.podTemplate)).toContain(`"name":"${newConfigMap}"`);
    expect(JSON.stringify(after.spec.podTemplate)).not.toContain(`"name":"${oldConfigMap}"`);
    expect(after.spec.image).toBe(before.spec.image);
    expect(after.metadata.annotations['streampilot.dev/git-sha']).toBe(sha);
    // Unchanged jobs keep the commit that really deployed them.
    expect(live(staging, 'orders').metadata.annotations['streampilot.dev/git-sha']).not.toBe(sha);

    expect(await tagsOf(registry, imageRepository)).toEqual(tagsBefore);
    if (registry.logFile) expect(pushesSince(requestsBefore)).toEqual([]);
  });

  test('--context deploys to that context of the kubeconfig instead of the environment’s', async () => {
    const head = git.sha('HEAD');
    const writesBefore = staging.writes().length;
    const r = await deploy('--context', 'elsewhere');
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/3 running/);
    for (const job of ['orders', 'clicks', 'lookups']) {
      expect(live(elsewhere, job).metadata.annotations['streampilot.dev/git-sha']).toBe(head);
      expect(live(elsewhere, job).status.jobStatus.state).toBe('RUNNING');
    }
    expect(staging.writes().length).toBe(writesBefore);
  });

  test('an image the cluster cannot pull and a job that fails at run time: exit 1, each with its reason', async () => {
    scenarios.set('orders', { kind: 'image-pull' });
    scenarios.set('clicks', {
      kind: 'job-fails',
      exceptionName: 'java.lang.ArithmeticException',
      message: `/ by zero (${run})`,
    });
    git.commit('main', {
      'jobs/orders/main.sql': sql('orders', `pull ${run}`),
      'jobs/clicks/main.sql': sql('clicks', `fails ${run}`),
    });
    const r = await deploy();
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(r.stdout).toMatch(/: 1 unchanged, 2 failed/);
    expect(jobLine(r.stdout, 'orders')).toMatch(/ {2}FAILED {2}/);
    expect(jobLine(r.stdout, 'clicks')).toMatch(/ {2}FAILED {2}/);
    expect(r.stdout).toContain('ErrImagePull');
    expect(r.stdout).toContain(`java.lang.ArithmeticException: / by zero (${run})`);
    // A container that never started has no log: a log heading always has log lines under it.
    for (const m of r.stdout.matchAll(/JobManager log \(last[^)]*\):\n(.*)/g))
      expect(m[1]!.trim(), `an empty JobManager log section in:\n${r.stdout}`).not.toBe('');
  });

  test('a job that never reaches RUNNING: --timeout 2s ends the deploy with exit 1, timed out, and the state it was left in', async () => {
    scenarios.set('orders', { kind: 'hang' });
    git.commit('main', {
      'jobs/orders/main.sql': sql('orders', `hang ${run}`),
      'jobs/clicks/main.sql': sql('clicks', `runs again ${run}`),
    });
    const earlierImage = live(staging, 'orders').spec.image as string;
    const r = await deploy('--timeout', '2s');
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(jobLine(r.stdout, 'orders')).toMatch(/ {2}TIMED OUT {2}no RUNNING after 2 seconds: lifecycle DEPLOYED/);
    // The earlier rollout's events (its image could not be pulled) say nothing about this one.
    expect(r.stdout).not.toContain(earlierImage);
    expect(jobLine(r.stdout, 'clicks')).toMatch(/ {2}running {2}/);
  });

  test('a field changed with kubectl is drift: exit 1 naming the field and --force; --force takes it back', async () => {
    git.commit('main', { 'jobs/orders/main.sql': sql('orders', `runs again ${run}`) });
    // `kubectl edit` is an Update by the field manager "kubectl-edit".
    staging.api.patch(
      deploymentType(),
      NS,
      'clicks',
      { spec: { job: { parallelism: 7 } } },
      { fieldManager: 'kubectl-edit' },
    );
    const gitValue = 1;

    const r = await deploy();
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(jobLine(r.stdout, 'clicks')).toMatch(/ {2}DRIFT {2}/);
    expect(r.stdout).toContain('.spec.job.parallelism');
    expect(r.stdout).toContain('kubectl-edit');
    expect(r.stdout).toContain('streampilot deploy --env staging --force');
    expect(jobLine(r.stdout, 'orders')).toMatch(/ {2}running {2}/);
    expect(live(staging, 'clicks').spec.job.parallelism).toBe(7);

    const forced = await deploy('--force');
    expect(forced.status, `${forced.stdout}\n${forced.stderr}`).toBe(0);
    expect(jobLine(forced.stdout, 'clicks')).toMatch(/ {2}running {2}/);
    const clicks = live(staging, 'clicks');
    expect(clicks.spec.job.parallelism).toBe(gitValue);
    const owners = (
      clicks.metadata.managedFields as {
        manager: string;
        fieldsV1?: { 'f:spec'?: { 'f:job'?: Record<string, unknown> } };
      }[]
    )
      .filter((f) => f.fieldsV1?.['f:spec']?.['f:job']?.['f:parallelism'] !== undefined)
      .map((f) => f.manager);
    expect(owners).toEqual(['streampilot']);
  });

  test('a job removed from Git is listed as not in Git and left running; with deploy.prune it is deleted', async () => {
    git.commit('main', { 'jobs/clicks': null });
    const r = await deploy();
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('no longer in Git:');
    expect(r.stdout).toMatch(new RegExp(`FlinkDeployment ${NS}/clicks {2}left running`));
    expect(jobLine(r.stdout, 'orders')).toMatch(/ {2}unchanged/);
    expect(exists(staging, 'clicks')).toBe(true);

    git.commit('main', {
      'streampilot.yaml': project({ registry: registry.host, repository: imageRepository, base, prune: true }),
    });
    const pruned = await deploy();
    expect(pruned.status, `${pruned.stdout}\n${pruned.stderr}`).toBe(0);
    expect(pruned.stdout).toMatch(new RegExp(`FlinkDeployment ${NS}/clicks {2}deleted`));
    expect(exists(staging, 'clicks')).toBe(false);
    expect(exists(staging, 'orders')).toBe(true);
    expect(exists(staging, 'lookups')).toBe(true);
  });
});
