// End to end: what a merge deploys is what a real cluster with the Flink Kubernetes Operator runs.
// The harness of deploy-on-merge.test.ts (the app as a process, a real git repository, the real
// registry, the fake GitHub checked against GitHub's OpenAPI description, the fake API server whose
// operator webhook enforces the operator's DefaultValidator, the operator simulated), with two
// environments deploying on merge. The assertions read what the pods would get: the registry's blobs
// (manifest → layers → files) and the objects the API server stores.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { AppProcess, newAppCredentials, type AppCredentials } from '../support/app-process.js';
import { ensureBaseImage } from '../support/base-image.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { dockerEnv } from '../support/docker-env.js';
import { startFakeFlink, type FakeFlink } from '../support/fake-flink/fake-flink.js';
import {
  startFakeGitHub,
  type FakeCheckRun,
  type FakeGitHub,
  type FakeRepository,
} from '../support/fake-github/fake-github.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot } from '../support/fake-kube/operator-autopilot.js';
import { findKind, RESOURCE_TYPES } from '../support/fake-kube/resources.js';
import { GitRepository } from '../support/git-fixture.js';
import { repoRoot } from '../support/repo-root.js';
import { runCli } from '../support/run-cli.js';
import { basicAuth, registryEnv, type TestRegistry } from '../support/registry-env.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';
import { deliverMergePush } from '../support/webhooks.js';

const STAGING = 'flink-staging';
const PRODUCTION = 'flink-production';
const NAMESPACES = { staging: STAGING, production: PRODUCTION } as const;
type Environment = keyof typeof NAMESPACES;
const RUNNER_JAR = path.join(repoRoot, 'dist', 'runner', 'streampilot-sql-runner.jar');
const reason =
  dockerEnv.skipReason ??
  registryEnv.skipReason ??
  (existsSync(operatorCrdDir)
    ? existsSync(RUNNER_JAR)
      ? undefined
      : '(dist/runner/streampilot-sql-runner.jar is absent: run `npm run build`)'
    : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)');

const project = (registry: string, repository: string, base: string, run: string) => `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  baseImage: ${base}
registry:
  repository: ${registry}/${repository}
  insecure: true
deploy:
  timeout: 60s
environments:
  staging:
    kubeContext: staging
    namespace: ${STAGING}
    deployOn: merge
    variables: { marker: staging-${run} }
  production:
    kubeContext: production
    namespace: ${PRODUCTION}
    after: staging
    deployOn: merge
    variables: { marker: production-${run} }
`;

const job = (name: string, extra = '') =>
  `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${name}\nsql: [main.sql]\n${extra}`;

const sql = (
  name: string,
  condition: string,
) => `CREATE TABLE ${name}_source (user_id STRING, url STRING) WITH ('connector' = 'datagen');
CREATE TABLE ${name}_sink (user_id STRING, url STRING) WITH ('connector' = 'blackhole');
INSERT INTO ${name}_sink SELECT user_id, url FROM ${name}_source WHERE ${condition};
`;

/** The files of an image as a pod sees them: every layer in order, a later one over an earlier one. */
interface ImageContent {
  files: Map<string, Buffer>;
  /** Every blob of the image (config and layers, layers decompressed), to scan for what must not be there. */
  blobs: Buffer[];
}

async function readImage(registry: TestRegistry, image: string): Promise<ImageContent> {
  const at = image.indexOf('@');
  const digest = image.slice(at + 1);
  const name = image.slice(registry.host.length + 1, at).replace(/:[^/:]+$/, '');
  const get = async (what: string, accept?: string) => {
    const res = await fetch(`http://${registry.host}/v2/${name}/${what}`, {
      headers: { authorization: basicAuth(registry), ...(accept ? { accept } : {}) },
    });
    expect(res.status, `GET /v2/${name}/${what}`).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const manifest = JSON.parse(
    (
      await get(
        `manifests/${digest}`,
        'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
      )
    ).toString('utf8'),
  ) as { config: { digest: string }; layers: { digest: string; mediaType: string }[] };
  const blobs = [await get(`blobs/${manifest.config.digest}`)];
  const files = new Map<string, Buffer>();
  for (const layer of manifest.layers) {
    const raw = await get(`blobs/${layer.digest}`);
    const tar = layer.mediaType.includes('gzip') ? gunzipSync(raw) : raw;
    blobs.push(tar);
    for (const [file, bytes] of await untar(tar)) files.set(file, bytes);
  }
  return { files, blobs };
}

function untar(tar: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const files = new Map<string, Buffer>();
    const reader = extract();
    reader.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        if (header.type === 'file') files.set(`/${header.name.replace(/^\.?\//, '')}`, Buffer.concat(chunks));
        next();
      });
      stream.resume();
    });
    reader.on('finish', () => resolve(files));
    reader.on('error', reject);
    reader.end(tar);
  });
}

describe.skipIf(reason)(
  `what a merge deploys runs on a cluster with the operator ${reason ?? ''}`,
  { timeout: 300_000 },
  () => {
    const run = randomBytes(4).toString('hex');
    const secretValue = `pw-${randomBytes(9).toString('hex')}`;
    const source = mkdtempSync(path.join(tmpdir(), 'sp-cluster-src-'));
    const kubeDir = mkdtempSync(path.join(tmpdir(), 'sp-cluster-kube-'));
    let registry: TestRegistry;
    let base: string;
    let credentials: AppCredentials;
    let github: FakeGitHub;
    let kube: FakeKube;
    let flink: FakeFlink;
    let autopilot: Autopilot;
    let git: GitRepository;
    let repo: FakeRepository;
    let app: AppProcess;
    let nextPr = 1;
    const fullName = (of: FakeRepository = repo) => `${of.owner}/${of.name}`;
    const initDir = mkdtempSync(path.join(tmpdir(), 'sp-cluster-init-'));
    let initGit: GitRepository | undefined;

    beforeAll(async () => {
      registry = registryEnv.registry!;
      base = (await ensureBaseImage(dockerEnv.docker, registry)).reference;
      writeFileSync(path.join(source, 'streampilot.yaml'), project(registry.host, `cluster-${run}`, base, run));
      const jobs: Record<string, string> = {
        // Stateless: no checkpoint or savepoint directory is needed.
        orders: job('orders', 'upgradeMode: stateless\n'),
        // The default upgrade mode (savepoint) with the directories the operator requires for it.
        clicks: job(
          'clicks',
          'flinkConfiguration:\n' +
            '  state.checkpoints.dir: file:///flink-data/checkpoints\n' +
            '  state.savepoints.dir: file:///flink-data/savepoints\n',
        ),
      };
      for (const [name, yaml] of Object.entries(jobs)) {
        mkdirSync(path.join(source, 'jobs', name), { recursive: true });
        writeFileSync(path.join(source, 'jobs', name, 'job.yaml'), yaml);
        writeFileSync(path.join(source, 'jobs', name, 'main.sql'), sql(name, "url <> '${marker}'"));
      }
      git = GitRepository.create({ from: source });
      credentials = newAppCredentials();
      github = await startFakeGitHub({ appId: credentials.appId, publicKey: credentials.publicKey });
      repo = github.addRepository({ owner: 'acme', name: 'flink-jobs', installationId: 7171, gitDir: git.dir });
      kube = await startFakeKube();
      writeTestKubeconfig(kubeDir, kube, [
        { name: 'staging', namespace: STAGING },
        { name: 'production', namespace: PRODUCTION },
      ]);
      flink = await startFakeFlink();
      autopilot = startOperatorAutopilot(kube, { flink, scenario: () => ({ kind: 'run' }), stepMs: 100 });
      app = await AppProcess.start({
        credentials,
        githubHost: github.host,
        env: {
          STREAMPILOT_REGISTRY_USERNAME: registry.username,
          STREAMPILOT_REGISTRY_PASSWORD: registry.password,
          STREAMPILOT_REGISTRY_HOST: registry.host,
          STREAMPILOT_KUBECONFIG: path.join(kubeDir, 'kubeconfig'),
          STREAMPILOT_CLUSTER_ACCESS: JSON.stringify({
            'acme/flink-jobs': [
              { context: 'staging', namespaces: [STAGING] },
              { context: 'production', namespaces: [PRODUCTION] },
            ],
            'acme/hello': [
              { context: 'staging', namespaces: [STAGING] },
              { context: 'production', namespaces: [PRODUCTION] },
            ],
          }),
          STREAMPILOT_LEASE_SECONDS: '3',
        },
      });
    }, 120_000);

    afterEach(() => {
      expect(github.violations, 'requests GitHub would refuse').toEqual([]);
      expect(
        github.checkRuns.filter((r) => r.status !== 'completed').map((r) => `${r.name} ${r.status}`),
        'check runs left unfinished',
      ).toEqual([]);
      const open = github.deployments.filter((d) =>
        ['in_progress', 'queued', 'pending'].includes(d.statuses.at(-1)?.state ?? 'none'),
      );
      expect(
        open.map((d) => `${d.environment} ${d.sha.slice(0, 7)}`),
        'deployments left in progress',
      ).toEqual([]);
    });

    afterAll(async () => {
      autopilot?.stop();
      await app?.stop();
      await github?.close();
      await kube?.close();
      await flink?.close().catch(() => undefined);
      git?.remove();
      initGit?.remove();
      rmSync(initDir, { recursive: true, force: true });
      rmSync(source, { recursive: true, force: true });
      rmSync(kubeDir, { recursive: true, force: true });
    });

    /** Commits `files` on main of `target` as the merge of a new pull request, and delivers the push. */
    const merge = async (
      files: Record<string, string>,
      target: { git: GitRepository; repo: FakeRepository } = { git, repo },
    ): Promise<string> => {
      const before = target.git.sha('main');
      const sha = target.git.commit('main', files);
      const pr = nextPr++;
      github.addPullRequest({
        repository: fullName(target.repo),
        number: pr,
        head: { sha, ref: `change-${pr}`, repository: fullName(target.repo) },
        base: { sha: before, ref: 'main' },
      });
      await deliverMergePush({
        url: app.webhookUrl,
        secret: credentials.webhookSecret,
        repo: target.repo,
        before,
        after: sha,
      });
      return sha;
    };

    const deployed = async (sha: string, environment: Environment, of = repo): Promise<FakeCheckRun> => {
      const name = `StreamPilot / deploy ${environment}`;
      const found = await github.waitFor(
        () => github.checkRunsFor(fullName(of), sha).find((r) => r.name === name && r.status === 'completed'),
        `a completed ${name} on ${sha.slice(0, 7)}`,
        150_000,
      );
      await github.quiet(1000, 60_000);
      return found;
    };
    const textOf = (check: FakeCheckRun) => `${check.output.summary ?? ''}\n${check.output.text ?? ''}`;

    const type = (apiVersion: string, kind: string) => findKind(apiVersion, kind)!;
    const live = (environment: Environment, name: string) =>
      kube.store.get(type('flink.apache.org/v1beta1', 'FlinkDeployment'), NAMESPACES[environment], name) as
        Record<string, any> | undefined;
    const valuesOf = (environment: Environment, object: Record<string, any>): string => {
      const names = ((object.spec.podTemplate?.spec?.volumes ?? []) as { configMap?: { name: string } }[])
        .map((v) => v.configMap?.name)
        .filter((n): n is string => n !== undefined && n.includes('-values-'));
      expect(names, 'the values ConfigMap mounted by the pod template').toHaveLength(1);
      const configMap = kube.store.get(type('v1', 'ConfigMap'), NAMESPACES[environment], names[0]!) as
        { data: Record<string, string> } | undefined;
      expect(configMap, `ConfigMap ${names[0]} in ${NAMESPACES[environment]}`).toBeDefined();
      return configMap!.data['values.properties']!;
    };
    const localPath = (uri: string) => {
      expect(uri).toMatch(/^local:\/\/\//);
      return uri.slice('local://'.length);
    };
    const scriptPath = (args: string[]) => {
      const at = args.indexOf('--script');
      expect(at, `--script in ${JSON.stringify(args)}`).toBeGreaterThanOrEqual(0);
      return args[at + 1]!;
    };

    test('a merge deploys staging and production with one image per job: the runner jar at jarURI, the script with its placeholders at --script, each environment’s values in its ConfigMap', async () => {
      const sha = await merge({ 'README.md': `first deploy ${run}\n` });
      for (const environment of ['staging', 'production'] as const) {
        const check = await deployed(sha, environment);
        expect(check.conclusion, textOf(check)).toBe('success');
      }
      // The production report says it runs what staging ran.
      expect(textOf(await deployed(sha, 'production'))).toContain('(same image as staging)');
      const runnerJar = readFileSync(RUNNER_JAR);
      for (const name of ['orders', 'clicks']) {
        const staging = live('staging', name)!;
        const production = live('production', name)!;
        expect(staging.status).toMatchObject({ lifecycleState: 'STABLE', jobStatus: { state: 'RUNNING' } });
        expect(production.status).toMatchObject({ lifecycleState: 'STABLE', jobStatus: { state: 'RUNNING' } });
        // No `resources:` anywhere: the default sizes the operator's validator accepted.
        expect(staging.spec.jobManager.resource.memory).toBeTruthy();
        expect(staging.spec.taskManager.resource.memory).toBeTruthy();
        // Promotion runs what staging ran: the same digest, not a rebuild per environment.
        const digest = /@(sha256:[0-9a-f]{64})$/.exec(staging.spec.image)?.[1];
        expect(digest, staging.spec.image).toBeDefined();
        expect(production.spec.image).toBe(staging.spec.image);
        expect(production.spec.job.jarURI).toBe(staging.spec.job.jarURI);
        expect(production.spec.job.args).toEqual(staging.spec.job.args);

        const image = await readImage(registry, staging.spec.image);
        const jar = image.files.get(localPath(staging.spec.job.jarURI));
        expect(jar, `the runner jar at ${staging.spec.job.jarURI}`).toBeDefined();
        expect(jar!.equals(runnerJar), 'the image’s runner jar is the one npm run build made').toBe(true);
        const script = image.files.get(scriptPath(staging.spec.job.args))?.toString('utf8');
        expect(script, `the script at ${scriptPath(staging.spec.job.args)}`).toBeDefined();
        expect(script!.split('\n')[0]).toBe('-- streampilot framed script v1');
        expect(script).toContain(`-- @statement 3 `);
        expect(script).toContain("url <> '${marker}'");
        expect(script).not.toContain(`staging-${run}`);
        expect(script).not.toContain(`production-${run}`);

        expect(valuesOf('staging', staging)).toContain(`value.marker=staging-${run}\n`);
        expect(valuesOf('production', production)).toContain(`value.marker=production-${run}\n`);
        expect(valuesOf('staging', staging)).not.toContain(`production-${run}`);
      }
    });

    const secretJob = () => ({
      'jobs/payments/job.yaml': job(
        'payments',
        'upgradeMode: stateless\nsecrets:\n  db_password: { secret: payments-db, key: password }\n',
      ),
      'jobs/payments/main.sql': sql('payments', `url <> '\${db_password}' AND url <> '\${marker}'`),
    });

    test('a job whose Secret is missing fails naming the Secret and key, and nothing of it is applied', async () => {
      const writesBefore = kube.writes().length;
      const sha = await merge(secretJob());
      const check = await deployed(sha, 'staging');
      expect(check.conclusion).toBe('failure');
      expect(textOf(check)).toContain(
        `Secret payments-db (key password) does not exist in namespace ${STAGING}, and job payments needs it`,
      );
      expect(live('staging', 'payments')).toBeUndefined();
      expect(live('production', 'payments')).toBeUndefined();
      const written = kube
        .writes()
        .slice(writesBefore)
        .filter((w) => !w.path.includes('/leases/') && w.query.dryRun !== 'All')
        .filter((w) => w.path.includes('payments') || JSON.stringify(w.body ?? '').includes('payments'));
      expect(written.map((w) => `${w.method} ${w.path}`)).toEqual([]);
    });

    test('with the Secret, the job runs with a secretKeyRef and its value is nowhere: GitHub, logs, API objects, image', async () => {
      for (const namespace of [STAGING, PRODUCTION])
        kube.api.apply(
          type('v1', 'Secret'),
          namespace,
          'payments-db',
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'payments-db', namespace },
            stringData: { password: secretValue },
          },
          { fieldManager: 'kubectl', force: true },
        );
      const sha = await merge({ 'jobs/payments/README.md': `the Secret exists now ${run}\n` });
      for (const environment of ['staging', 'production'] as const) {
        const check = await deployed(sha, environment);
        expect(check.conclusion, textOf(check)).toBe('success');
        const object = live(environment, 'payments')!;
        expect(object.status).toMatchObject({ jobStatus: { state: 'RUNNING' } });
        const main = (object.spec.podTemplate.spec.containers as { name: string; env?: unknown[] }[]).find(
          (c) => c.name === 'flink-main-container',
        );
        expect(main?.env).toContainEqual({
          name: expect.any(String),
          valueFrom: { secretKeyRef: { name: 'payments-db', key: 'password' } },
        });
      }

      const forms = [secretValue, Buffer.from(secretValue).toString('base64')];
      const places: [string, string][] = [
        ...github.requests.map((r): [string, string] => [
          `GitHub request ${r.method} ${r.path}`,
          JSON.stringify(r.body ?? null),
        ]),
        ['app output', app.logs],
        ...kube.requests
          .filter((r) => r.body !== undefined && !r.path.includes('/secrets'))
          .map((r): [string, string] => [`API server request ${r.method} ${r.path}`, JSON.stringify(r.body ?? null)]),
      ];
      for (const resource of RESOURCE_TYPES.filter((t) => t.kind !== 'Secret'))
        for (const object of kube.store.list(resource))
          places.push([
            `stored ${resource.kind} ${(object.metadata as { name: string }).name}`,
            JSON.stringify(object),
          ]);
      const payments = live('staging', 'payments')!;
      const image = await readImage(registry, payments.spec.image);
      // The image holds the placeholder the runner fills from the pod's environment at start.
      expect(image.files.get(scriptPath(payments.spec.job.args))?.toString('utf8')).toContain(
        "url <> '${db_password}'",
      );
      expect(valuesOf('staging', payments)).toMatch(/^secret\.db_password=STREAMPILOT_SECRET_DB_PASSWORD$/m);
      image.blobs.forEach((blob, i) => places.push([`image blob ${i}`, blob.toString('latin1')]));
      expect(places.length).toBeGreaterThan(10);
      for (const [where, text] of places)
        for (const form of forms) expect(text.includes(form), `the Secret's value appears in ${where}`).toBe(false);
      // The Secret itself holds it: the scan would have seen it there.
      expect(JSON.stringify(kube.store.get(type('v1', 'Secret'), STAGING, 'payments-db'))).toMatch(
        new RegExp(`${secretValue}|${forms[1]!.replace(/[+/=]/g, '.')}`),
      );
    });

    test('a repository written by `streampilot init`, pointed at a registry and the clusters, deploys to staging and production with one image', async () => {
      const dir = path.join(initDir, 'hello');
      const init = runCli(['init', dir]);
      expect(init.status, init.stderr).toBe(0);
      // What a new user edits, as init's comments tell them: the registry, the contexts, and here
      // production on merge too (init leaves it on command) and the test registry's base image.
      const yaml = readFileSync(path.join(dir, 'streampilot.yaml'), 'utf8');
      const edited = yaml
        .replace(
          'repository: registry.example.com/my-team/flink-jobs',
          `repository: ${registry.host}/hello-${run}\n  insecure: true`,
        )
        .replace('defaults:\n', `defaults:\n  baseImage: ${base}\n`)
        .replace('# kubeContext: staging', 'kubeContext: staging')
        .replace('# kubeContext: production', 'kubeContext: production')
        .replace('deployOn: command', 'deployOn: merge');
      for (const changed of [`hello-${run}`, base, 'kubeContext: staging', 'kubeContext: production'])
        expect(edited).toContain(changed);
      expect(edited).not.toContain('deployOn: command');
      writeFileSync(path.join(dir, 'streampilot.yaml'), edited);
      initGit = GitRepository.create({ from: dir, name: 'hello' });
      const hello = github.addRepository({ owner: 'acme', name: 'hello', installationId: 7272, gitDir: initGit.dir });
      const sha = await merge({ 'README.md': `hello ${run}\n` }, { git: initGit, repo: hello });
      for (const environment of ['staging', 'production'] as const) {
        const check = await deployed(sha, environment, hello);
        expect(check.conclusion, textOf(check)).toBe('success');
      }
      const staging = live('staging', 'hello')!;
      const production = live('production', 'hello')!;
      expect(staging.status).toMatchObject({ lifecycleState: 'STABLE', jobStatus: { state: 'RUNNING' } });
      expect(production.status).toMatchObject({ lifecycleState: 'STABLE', jobStatus: { state: 'RUNNING' } });
      expect(production.spec.image).toBe(staging.spec.image);
      const image = await readImage(registry, staging.spec.image);
      expect(image.files.get(localPath(staging.spec.job.jarURI))?.equals(readFileSync(RUNNER_JAR))).toBe(true);
      expect(image.files.get(scriptPath(staging.spec.job.args))?.toString('utf8')).toContain("'connector' = 'datagen'");
    });
  },
);
