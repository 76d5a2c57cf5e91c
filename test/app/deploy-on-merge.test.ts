// End to end: a merge deploys. The app as its own process (`node dist/app/main.js`, as `npm start`),
// HMAC-signed `push` webhooks, a real git repository, a real registry (Debian's docker-registry,
// started by .ci/run) for the images, GitHub served by the fake that checks every request against
// GitHub's OpenAPI description (@octokit/openapi 23.0.2, test/fixtures/github/openapi-slice.json),
// the Kubernetes API server by test/support/fake-kube (HTTPS, server-side apply, watch, Leases; Flink
// resources admitted only when valid for the operator 1.15.0 CRDs in ../shared/reference), with the
// operator simulated, and the JobManager REST API by test/support/fake-flink (answers checked against
// ../shared/reference/flink-rest/rest_v1_dispatcher.yml), reached through the API server's service proxy.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { AppProcess, newAppCredentials, type AppCredentials } from '../support/app-process.js';
import { ensureBaseImage } from '../support/base-image.js';
import { existsSync } from 'node:fs';
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
import { findKind } from '../support/fake-kube/resources.js';
import { startOperatorAutopilot, type Autopilot, type Scenario } from '../support/fake-kube/operator-autopilot.js';
import { GitRepository } from '../support/git-fixture.js';
import { registryEnv, type TestRegistry } from '../support/registry-env.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';
import { deliverMergePush } from '../support/webhooks.js';

const DEPLOY_CHECK = 'StreamPilot / deploy staging';
const BUILD_CHECK = 'StreamPilot / build';
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

const project = (registry: string, repository: string, base: string, timeout = '60s') => `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  baseImage: ${base}
registry:
  repository: ${registry}/${repository}
  insecure: true
deploy:
  timeout: ${timeout}
environments:
  staging:
    kubeContext: staging
    namespace: ${NS}
    deployOn: merge
    webUI: { ingress: "https://flink.staging.test/{{namespace}}/{{name}}/" }
`;

describe.skipIf(reason)(
  `the app deploys a merge through the operator and reports it ${reason ?? ''}`,
  { timeout: 240_000 },
  () => {
    const run = randomBytes(4).toString('hex');
    const imageRepository = `deploy-${run}`;
    const source = mkdtempSync(path.join(tmpdir(), 'sp-deploy-src-'));
    const kubeDir = mkdtempSync(path.join(tmpdir(), 'sp-deploy-kube-'));
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
    const scenarios = new Map<string, Scenario>();
    const fullName = () => `${repo.owner}/${repo.name}`;

    const startApp = () =>
      AppProcess.start({
        credentials,
        githubHost: github.host,
        env: {
          STREAMPILOT_REGISTRY_USERNAME: registry.username,
          STREAMPILOT_REGISTRY_PASSWORD: registry.password,
          STREAMPILOT_REGISTRY_HOST: registry.host,
          STREAMPILOT_KUBECONFIG: path.join(kubeDir, 'kubeconfig'),
          // The app deploys nowhere it is not told to: this repository may use the staging context's namespace.
          STREAMPILOT_CLUSTER_ACCESS: JSON.stringify({ 'acme/flink-jobs': [{ context: 'staging', namespaces: [NS] }] }),
          STREAMPILOT_LEASE_SECONDS: '3',
        },
      });

    beforeAll(async () => {
      registry = registryEnv.registry!;
      base = (await ensureBaseImage(dockerEnv.docker, registry)).reference;
      mkdirSync(path.join(source, 'jobs'), { recursive: true });
      writeFileSync(path.join(source, 'streampilot.yaml'), project(registry.host, imageRepository, base));
      for (const job of ['orders', 'clicks']) {
        mkdirSync(path.join(source, 'jobs', job));
        writeFileSync(
          path.join(source, 'jobs', job, 'job.yaml'),
          `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${job}\nsql: [main.sql]\nupgradeMode: stateless\n`,
        );
        writeFileSync(path.join(source, 'jobs', job, 'main.sql'), sql(job, `first ${run}`));
      }
      git = GitRepository.create({ from: source });
      credentials = newAppCredentials();
      github = await startFakeGitHub({ appId: credentials.appId, publicKey: credentials.publicKey });
      repo = github.addRepository({ owner: 'acme', name: 'flink-jobs', installationId: 6161, gitDir: git.dir });
      kube = await startFakeKube();
      writeTestKubeconfig(kubeDir, kube, [{ name: 'staging', namespace: NS }]);
      flink = await startFakeFlink();
      autopilot = startOperatorAutopilot(kube, {
        flink,
        scenario: (_ns, name) => scenarios.get(name) ?? { kind: 'run' },
        stepMs: 100,
      });
      app = await startApp();
    }, 120_000);

    afterEach(() => {
      expect(github.violations, 'requests GitHub would refuse').toEqual([]);
      expect(
        github.checkRuns
          .filter((r) => r.status !== 'completed')
          .map((r) => `${r.name} ${r.head_sha.slice(0, 7)} ${r.status}`),
        'check runs left unfinished',
      ).toEqual([]);
      const open = github.deployments.filter((d) =>
        ['in_progress', 'queued', 'pending'].includes(d.statuses.at(-1)?.state ?? 'none'),
      );
      expect(
        open.map((d) => `${d.environment} ${d.sha.slice(0, 7)}`),
        'deployments left in progress',
      ).toEqual([]);
      const secrets = [registry.password, credentials.webhookSecret, kube.token, ...github.installationTokens];
      const places: [string, string][] = [
        ['app output', app.logs],
        ...github.checkRuns.map((r): [string, string] => [`check run ${r.name}`, JSON.stringify(r.output)]),
        ...github.comments.map((c): [string, string] => [`comment ${c.id}`, c.body]),
      ];
      for (const secret of secrets)
        for (const [where, text] of places)
          expect(text.includes(secret), `a secret (${secret.slice(0, 4)}…) appears in the ${where}`).toBe(false);
      scenarios.clear();
    });

    afterAll(async () => {
      autopilot?.stop();
      await app?.stop();
      await github?.close();
      await kube?.close();
      await flink?.close().catch(() => undefined);
      git?.remove();
      rmSync(source, { recursive: true, force: true });
      rmSync(kubeDir, { recursive: true, force: true });
    });

    /** Commits `files` on main as the merge of a new pull request, and delivers the push. */
    const merge = async (files: Record<string, string>): Promise<{ sha: string; pr: number }> => {
      const before = git.sha('main');
      const sha = git.commit('main', files);
      const pr = nextPr++;
      // A fast-forward merge: the pull request's head is the commit now on main.
      github.addPullRequest({
        repository: fullName(),
        number: pr,
        head: { sha, ref: `change-${pr}`, repository: fullName() },
        base: { sha: before, ref: 'main' },
      });
      await deliverMergePush({ url: app.webhookUrl, secret: credentials.webhookSecret, repo, before, after: sha });
      return { sha, pr };
    };

    const deployed = async (sha: string, timeoutMs = 120_000): Promise<FakeCheckRun> => {
      const found = await github.waitFor(
        () => github.checkRunsFor(fullName(), sha).find((r) => r.name === DEPLOY_CHECK && r.status === 'completed'),
        `a completed ${DEPLOY_CHECK} on ${sha.slice(0, 7)}`,
        timeoutMs,
      );
      await github.quiet(1000, 60_000);
      return found;
    };

    // The comment is written after the last check run, one throttled write later: wait for it rather than race it.
    const deployComment = (pr: number | undefined) =>
      github.waitFor(
        () => github.comments.find((c) => c.issue_number === pr && c.body.startsWith('<!-- streampilot:deploy -->')),
        `the deploy comment on #${pr}`,
        30_000,
      );

    const deploymentType = () => findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!;
    const live = (name: string) => kube.api.read(deploymentType(), NS, name) as Record<string, any>;
    const statesOf = (sha: string, job: string) =>
      github
        .deploymentsFor(fullName(), { sha, environment: `staging/${job}` })
        .flatMap((d) => d.statuses.map((s) => s.state));

    test('a merge builds, applies each job pinned to its image digest, follows it to RUNNING and reports the Web UI on the check run, the Deployments and the pull request', async () => {
      const { sha, pr } = await merge({ 'README.md': `first deploy ${run}\n` });
      const check = await deployed(sha);
      const summary = check.output.summary ?? '';
      expect(check.conclusion, summary).toBe('success');
      expect(summary).toContain('https://flink.staging.test/flink-staging/orders/');
      expect(summary).toContain('https://flink.staging.test/flink-staging/clicks/');

      const build = github.checkRunsFor(fullName(), sha).find((r) => r.name === BUILD_CHECK)!;
      for (const job of ['orders', 'clicks']) {
        const object = live(job);
        // The image is the one the build pushed, pinned by the digest the build check reported.
        const digest = /@(sha256:[0-9a-f]{64})$/.exec(object.spec.image)?.[1];
        expect(digest, object.spec.image).toBeDefined();
        expect(build.output.summary).toContain(digest!);
        expect(object.metadata.annotations).toMatchObject({
          'streampilot.dev/git-sha': sha,
          'streampilot.dev/pull-request': String(pr),
          'streampilot.dev/commit-url': expect.stringContaining(sha),
        });
        expect(object.status).toMatchObject({ lifecycleState: 'STABLE', jobStatus: { state: 'RUNNING' } });
        // Server-side apply as "streampilot": the spec's fields are ours.
        expect(
          (object.metadata.managedFields as { manager: string; operation: string }[]).some(
            (f) => f.manager === 'streampilot' && f.operation === 'Apply',
          ),
        ).toBe(true);

        const deployments = github.deploymentsFor(fullName(), { sha, environment: `staging/${job}` });
        expect(deployments).toHaveLength(1);
        expect(statesOf(sha, job)).toEqual(['in_progress', 'success']);
        expect(deployments[0]!.statuses.at(-1)!.environment_url).toBe(
          `https://flink.staging.test/flink-staging/${job}/`,
        );
      }
      const comment = await deployComment(pr);
      expect(comment?.body).toContain('https://flink.staging.test/flink-staging/orders/');
    });

    test('a merge that changes nothing a job runs leaves the jobs alone: no write, no new Deployment', async () => {
      const writesBefore = kube.writes().filter((w) => w.path.includes('flinkdeployments')).length;
      const { sha } = await merge({ 'README.md': `nothing to deploy ${run}\n` });
      const check = await deployed(sha);
      expect(check.conclusion, check.output.summary ?? '').toBe('success');
      expect(check.output.summary).toMatch(/unchanged/);
      expect(kube.writes().filter((w) => w.path.includes('flinkdeployments') && w.query.dryRun !== 'All').length).toBe(
        writesBefore,
      );
      expect(github.deploymentsFor(fullName(), { sha })).toEqual([]);
    });

    test('an image the cluster cannot pull fails the deploy with the kubelet’s reason', async () => {
      scenarios.set('orders', { kind: 'image-pull' });
      const { sha } = await merge({ 'jobs/orders/main.sql': sql('orders', `pull ${run}`) });
      const check = await deployed(sha);
      const summary = `${check.output.summary}\n${check.output.text ?? ''}`;
      expect(check.conclusion).toBe('failure');
      expect(summary).toMatch(/pull/i);
      expect(summary).toContain('ErrImagePull');
      expect(statesOf(sha, 'orders')).toEqual(['in_progress', 'failure']);
      // The other job did not change: it was not touched.
      expect(github.deploymentsFor(fullName(), { sha, environment: 'staging/clicks' })).toEqual([]);
    });

    test('a job that fails at run time is reported with the root cause Flink’s REST API gives', async () => {
      scenarios.set('orders', {
        kind: 'job-fails',
        exceptionName: 'java.lang.ArithmeticException',
        message: `/ by zero (${run})`,
      });
      const { sha, pr } = await merge({ 'jobs/orders/main.sql': sql('orders', `fails ${run}`) });
      const check = await deployed(sha);
      const summary = `${check.output.summary}\n${check.output.text ?? ''}`;
      expect(check.conclusion).toBe('failure');
      expect(summary).toContain(`java.lang.ArithmeticException: / by zero (${run})`);
      expect(
        flink.requests.some((r) => r.url.startsWith(`/jobs/${autopilot.jobIds.get(`${NS}/orders`)}/exceptions`)),
      ).toBe(true);
      expect(statesOf(sha, 'orders').at(-1)).toBe('failure');
      const comment = await deployComment(pr);
      expect(comment?.body).toContain('ArithmeticException');
    });

    test('a job that never reaches RUNNING times out with the state it was left in', async () => {
      scenarios.set('clicks', { kind: 'hang' });
      const { sha } = await merge({
        'streampilot.yaml': project(registry.host, imageRepository, base, '5s'),
        'jobs/clicks/main.sql': sql('clicks', `hang ${run}`),
      });
      const check = await deployed(sha);
      const summary = `${check.output.summary}\n${check.output.text ?? ''}`;
      expect(check.conclusion).toBe('failure');
      expect(summary).toMatch(/timed out|no RUNNING|not running/i);
      expect(summary).toContain('DEPLOYED');
      expect(statesOf(sha, 'clicks').at(-1)).toBe('failure');
    });

    test('a field changed with kubectl is reported as drift and not overwritten', async () => {
      // Someone scales the job by hand: `kubectl edit` is an Update by the manager "kubectl-edit".
      const type = deploymentType();
      kube.api.patch(type, NS, 'clicks', { spec: { job: { parallelism: 7 } } }, { fieldManager: 'kubectl-edit' });
      const { sha } = await merge({
        'streampilot.yaml': project(registry.host, imageRepository, base),
        'jobs/clicks/main.sql': sql('clicks', `drift ${run}`),
      });
      const check = await deployed(sha);
      const summary = `${check.output.summary}\n${check.output.text ?? ''}`;
      expect(check.conclusion).toBe('failure');
      expect(summary).toContain('.spec.job.parallelism');
      expect(summary).toContain('kubectl-edit');
      expect(summary).toContain('--force');
      expect(live('clicks').spec.job.parallelism).toBe(7);
      expect(live('clicks').metadata.annotations['streampilot.dev/git-sha']).not.toBe(sha);
    });

    test('two merges racing: the newer commit is deployed and the older deploy reports superseded', async () => {
      // Revert the manual edit (the value Git says again), so the next deploys of clicks apply cleanly,
      // and let the operator finish the rollout of clicks that hung two tests ago: a deploy waits for
      // an unchanged job that is not running.
      kube.api.patch(
        deploymentType(),
        NS,
        'clicks',
        { spec: { job: { parallelism: 1 } } },
        { fieldManager: 'kubectl-edit' },
      );
      kube.operator.running(NS, 'clicks');
      scenarios.set('orders', { kind: 'hang' });
      const hangsBefore = autopilot.played.filter((p) => p.startsWith(`${NS}/orders@`) && p.endsWith(' hang')).length;
      const older = await merge({
        'streampilot.yaml': project(registry.host, imageRepository, base, '90s'),
        'jobs/orders/main.sql': sql('orders', `older ${run}`),
      });
      // The Deployment is created just before the write: wait until the operator has taken up the older spec.
      await github.waitFor(
        () => autopilot.played.filter((p) => p.startsWith(`${NS}/orders@`) && p.endsWith(' hang')).length > hangsBefore,
        'the older deploy applied',
        120_000,
      );
      scenarios.set('orders', { kind: 'run' });
      const newer = await merge({ 'jobs/orders/main.sql': sql('orders', `newer ${run}`) });
      const [olderCheck, newerCheck] = [await deployed(older.sha), await deployed(newer.sha)];
      expect(newerCheck.conclusion, newerCheck.output.summary ?? '').toBe('success');
      expect(olderCheck.output.summary).toMatch(/superseded/i);
      expect(olderCheck.output.summary).toContain(newer.sha.slice(0, 7));
      expect(live('orders').metadata.annotations['streampilot.dev/git-sha']).toBe(newer.sha);
      expect(statesOf(older.sha, 'orders').at(-1)).toBe('inactive');
      expect(statesOf(newer.sha, 'orders').at(-1)).toBe('success');
    });

    test('an app restarted mid-deploy finds the deploy in progress and finishes it', async () => {
      scenarios.set('orders', { kind: 'hang' });
      const hangsBefore = autopilot.played.filter((p) => p.startsWith(`${NS}/orders@`) && p.endsWith(' hang')).length;
      const { sha } = await merge({ 'jobs/orders/main.sql': sql('orders', `restart ${run}`) });
      await github.waitFor(
        () =>
          statesOf(sha, 'orders').includes('in_progress') &&
          autopilot.played.filter((p) => p.startsWith(`${NS}/orders@`) && p.endsWith(' hang')).length > hangsBefore,
        'the deploy applied and under way',
        120_000,
      );
      await app.kill();
      app = await startApp();
      // The operator gets the job running only now, while the new process watches.
      kube.operator.running(NS, 'orders');
      const check = await deployed(sha);
      expect(check.conclusion, check.output.summary ?? '').toBe('success');
      expect(statesOf(sha, 'orders').at(-1)).toBe('success');
    });

    test('an app killed while it builds a merge runs that merge again when it restarts: build and deploy completed', async () => {
      const { sha } = await merge({ 'jobs/clicks/main.sql': sql('clicks', `killed while building ${run}`) });
      await github.waitFor(
        () => github.checkRunsFor(fullName(), sha).find((r) => r.name === BUILD_CHECK && r.status === 'in_progress'),
        'the build under way',
        60_000,
      );
      await app.kill();
      app = await startApp();
      const check = await deployed(sha);
      expect(check.conclusion, check.output.summary ?? '').toBe('success');
      expect(
        github
          .checkRunsFor(fullName(), sha)
          .filter((r) => r.name === BUILD_CHECK)
          .map((r) => r.status),
      ).toEqual(['completed']);
      expect(live('clicks').metadata.annotations['streampilot.dev/git-sha']).toBe(sha);
    });
  },
);
