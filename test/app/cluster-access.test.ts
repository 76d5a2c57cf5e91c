// Attack: a merged streampilot.yaml names another context of the app's kubeconfig, or a namespace
// such as kube-system, to deploy where the repository was never meant to. The app as its own
// process, the fake GitHub, the fake Kubernetes API server (its request log is the proof that
// nothing was written) and a tiny loopback registry that only answers the base image's digest
// (the jobs are `build: configmap`, so no Docker engine or real registry is needed).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { AppProcess, newAppCredentials, type AppCredentials } from '../support/app-process.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeFlink, type FakeFlink } from '../support/fake-flink/fake-flink.js';
import {
  startFakeGitHub,
  type FakeCheckRun,
  type FakeGitHub,
  type FakeRepository,
} from '../support/fake-github/fake-github.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot } from '../support/fake-kube/operator-autopilot.js';
import { GitRepository } from '../support/git-fixture.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';
import { deliverMergePush } from '../support/webhooks.js';

const reason = existsSync(operatorCrdDir)
  ? undefined
  : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)';
const DEPLOY_CHECK = 'StreamPilot / deploy staging';
const ALLOWED_NS = 'flink-staging';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** Answers every manifest HEAD/GET with one digest: all a `build: configmap` job asks a registry. */
async function startDigestRegistry(): Promise<{ host: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (/^\/v2\/.+\/manifests\/[^/]+$/.test(req.url ?? '')) {
      res
        .writeHead(200, {
          'docker-content-digest': DIGEST,
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
          'content-length': '2',
        })
        .end(req.method === 'HEAD' ? undefined : '{}');
    } else res.writeHead(req.url === '/v2/' ? 200 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const project = (
  registry: string,
  environment: { context: string; namespace: string },
) => `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  baseImage: ${registry}/runner/flink-sql:1.20
registry:
  repository: ${registry}/acme/jobs
  insecure: true
deploy:
  timeout: 60s
environments:
  staging:
    kubeContext: ${environment.context}
    namespace: ${environment.namespace}
    deployOn: merge
`;

const jobYaml = (extra = '') =>
  `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: orders\nsql: [main.sql]\nbuild: configmap\nupgradeMode: stateless\n${extra}`;
const sql = (marker: string) => `CREATE TABLE src (id STRING) WITH ('connector' = 'datagen');
CREATE TABLE snk (id STRING) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src WHERE id <> '${marker}';
`;

describe.skipIf(reason)(
  `a repository deploys only where STREAMPILOT_CLUSTER_ACCESS lets it ${reason ?? ''}`,
  { timeout: 180_000 },
  () => {
    const run = randomBytes(4).toString('hex');
    const source = mkdtempSync(path.join(tmpdir(), 'sp-access-src-'));
    const kubeDir = mkdtempSync(path.join(tmpdir(), 'sp-access-kube-'));
    let registry: { host: string; close(): Promise<void> };
    let credentials: AppCredentials;
    let github: FakeGitHub;
    let kube: FakeKube;
    let flink: FakeFlink;
    let autopilot: Autopilot;
    let git: GitRepository;
    let repo: FakeRepository;
    let app: AppProcess;
    let nextPr = 1;
    const fullName = () => `${repo.owner}/${repo.name}`;

    beforeAll(async () => {
      registry = await startDigestRegistry();
      mkdirSync(path.join(source, 'jobs', 'orders'), { recursive: true });
      writeFileSync(
        path.join(source, 'streampilot.yaml'),
        project(registry.host, { context: 'staging', namespace: ALLOWED_NS }),
      );
      writeFileSync(path.join(source, 'jobs', 'orders', 'job.yaml'), jobYaml());
      writeFileSync(path.join(source, 'jobs', 'orders', 'main.sql'), sql(run));
      git = GitRepository.create({ from: source });
      credentials = newAppCredentials();
      github = await startFakeGitHub({ appId: credentials.appId, publicKey: credentials.publicKey });
      repo = github.addRepository({
        owner: 'acme',
        name: 'flink-jobs',
        installationId: 7171,
        gitDir: git.dir,
        cloneUrl: git.cloneUrl,
      });
      kube = await startFakeKube();
      // Both contexts reach the same API server: the app's kubeconfig can reach "admin"; the map says whether this repository may.
      writeTestKubeconfig(kubeDir, kube, [{ name: 'staging', namespace: ALLOWED_NS }, { name: 'admin' }]);
      flink = await startFakeFlink();
      autopilot = startOperatorAutopilot(kube, { flink, stepMs: 100 });
      app = await AppProcess.start({
        credentials,
        githubHost: github.host,
        env: {
          STREAMPILOT_KUBECONFIG: path.join(kubeDir, 'kubeconfig'),
          STREAMPILOT_CLUSTER_ACCESS: JSON.stringify({
            'acme/flink-jobs': [{ context: 'staging', namespaces: [ALLOWED_NS] }],
          }),
          STREAMPILOT_LEASE_SECONDS: '3',
        },
      });
    }, 120_000);

    afterEach(() => {
      expect(github.violations, 'requests GitHub would refuse').toEqual([]);
      expect(
        github.checkRuns.filter((r) => r.status !== 'completed').map((r) => r.name),
        'check runs left unfinished',
      ).toEqual([]);
      const secrets = [credentials.webhookSecret, kube.token, ...github.installationTokens];
      const places = [
        app.logs,
        ...github.checkRuns.map((r) => JSON.stringify(r.output)),
        ...github.comments.map((c) => c.body),
      ];
      for (const secret of secrets) for (const text of places) expect(text.includes(secret)).toBe(false);
    });

    afterAll(async () => {
      autopilot?.stop();
      await app?.stop();
      await github?.close();
      await kube?.close();
      await flink?.close().catch(() => undefined);
      await registry?.close();
      git?.remove();
      rmSync(source, { recursive: true, force: true });
      rmSync(kubeDir, { recursive: true, force: true });
    });

    const merge = async (files: Record<string, string>, to: AppProcess = app): Promise<{ sha: string; pr: number }> => {
      const before = git.sha('main');
      const sha = git.commit('main', files);
      const pr = nextPr++;
      github.addPullRequest({
        repository: fullName(),
        number: pr,
        head: { sha, ref: `change-${pr}`, repository: fullName() },
        base: { sha: before, ref: 'main' },
      });
      await deliverMergePush({ url: to.webhookUrl, secret: credentials.webhookSecret, repo, before, after: sha });
      return { sha, pr };
    };

    const deployed = async (sha: string): Promise<FakeCheckRun> => {
      const found = await github.waitFor(
        () => github.checkRunsFor(fullName(), sha).find((r) => r.name === DEPLOY_CHECK && r.status === 'completed'),
        `a completed ${DEPLOY_CHECK} on ${sha.slice(0, 7)}`,
        120_000,
      );
      await github.quiet(1000, 60_000);
      return found;
    };

    const deployComment = (pr: number) =>
      github.comments.find((c) => c.issue_number === pr && c.body.startsWith('<!-- streampilot:deploy -->'))?.body ??
      '';

    /** Merges `files`, waits for the deploy check run, and proves the API server saw no request at all for it. */
    const refused = async (files: Record<string, string>, to: AppProcess = app) => {
      const requestsBefore = kube.requests.length;
      const { sha, pr } = await merge(files, to);
      const check = await deployed(sha);
      const sent = kube.requests.slice(requestsBefore);
      expect(
        sent.filter((r) => r.method !== 'GET'),
        'writes to the cluster',
      ).toEqual([]);
      // Refused before a client is made: not even a read (no Lease looked at, no orphan search).
      expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([]);
      expect(github.deploymentsFor(fullName(), { sha })).toEqual([]);
      expect(check.conclusion).toBe('failure');
      return { check, text: `${check.output.title}\n${check.output.summary}`, comment: deployComment(pr) };
    };

    test('a streampilot.yaml naming another context of the app’s kubeconfig (kubeContext: admin) is refused before anything reaches the cluster', async () => {
      const { text, comment } = await refused({
        'streampilot.yaml': project(registry.host, { context: 'admin', namespace: ALLOWED_NS }),
      });
      expect(text).toContain('environment `staging` of acme/flink-jobs (context `admin`, namespace `flink-staging`)');
      expect(text).toContain(
        'STREAMPILOT_CLUSTER_ACCESS has the entry "acme/flink-jobs", which does not allow context `admin`',
      );
      expect(comment).toContain('does not allow context `admin`');
      expect(app.logs).toContain('does not allow context `admin`');
    });

    test('a streampilot.yaml deploying to kube-system through an allowed context is refused, nothing applied', async () => {
      const { text, comment } = await refused({
        'streampilot.yaml': project(registry.host, { context: 'staging', namespace: 'kube-system' }),
      });
      expect(text).toContain('does not allow namespace `kube-system` in context `staging`');
      expect(comment).toContain('kube-system');
    });

    test('a job.yaml overriding its namespace to kube-system for the environment is refused for the whole environment, nothing half-applied', async () => {
      // The job's own per-environment override is the layer that wins over the environment's namespace.
      const override = jobYaml('environments:\n  staging:\n    namespace: kube-system\n');
      const { text } = await refused({
        'streampilot.yaml': project(registry.host, { context: 'staging', namespace: ALLOWED_NS }),
        'jobs/orders/job.yaml': override,
      });
      expect(text).toContain('namespace `flink-staging`, `kube-system`');
      expect(text).toContain('does not allow namespace `kube-system`');
    });

    test('an app that can deploy but has no STREAMPILOT_CLUSTER_ACCESS refuses every deploy (fail closed), saying which setting to add', async () => {
      const closed = await AppProcess.start({
        credentials,
        githubHost: github.host,
        env: { STREAMPILOT_KUBECONFIG: path.join(kubeDir, 'kubeconfig') },
      });
      try {
        expect(closed.logs).toContain('STREAMPILOT_CLUSTER_ACCESS is not set: every deploy is refused');
        const { text } = await refused({ 'jobs/orders/main.sql': sql(`closed ${run}`) }, closed);
        expect(text).toContain('the app has no STREAMPILOT_CLUSTER_ACCESS, so it lets no repository deploy anywhere');
        expect(text).toContain('map "acme/flink-jobs" (or "acme/*")');
      } finally {
        await closed.stop();
      }
    });

    test('the same repository deploys where the map allows it (the harness sees writes when there are some)', async () => {
      const writesBefore = kube.writes().length;
      const { sha } = await merge({
        'streampilot.yaml': project(registry.host, { context: 'staging', namespace: ALLOWED_NS }),
        'jobs/orders/job.yaml': jobYaml(),
        'jobs/orders/main.sql': sql(`allowed ${run}`),
      });
      const check = await deployed(sha);
      expect(check.conclusion, check.output.summary ?? '').toBe('success');
      const writes = kube.writes().slice(writesBefore);
      expect(writes.some((w) => w.path.includes(`/namespaces/${ALLOWED_NS}/flinkdeployments/orders`))).toBe(true);
      expect(writes.every((w) => w.path.includes(`/namespaces/${ALLOWED_NS}/`))).toBe(true);
    });
  },
);
