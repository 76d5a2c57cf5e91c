// End to end: `/deploy production` promotes a merged pull request's commit. The app as its own process
// (`node dist/app/main.js`), HMAC-signed `push` and `issue_comment` webhooks, a real git repository, the real
// test registry (Debian's docker-registry; the base image is pushed with the registry client, so no Docker
// engine is needed: the jobs use the registry-native builder), GitHub served by the fake that checks every
// request against GitHub's OpenAPI description, the Kubernetes API server by test/support/fake-kube with the
// operator simulated, two contexts (staging, production) on it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEPLOY_COMMENT_MARKER } from '../../src/report/deploy-comment.js';
import { AppProcess, newAppCredentials, type AppCredentials } from '../support/app-process.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeFlink, type FakeFlink } from '../support/fake-flink/fake-flink.js';
import {
  startFakeGitHub,
  type FakeCheckRun,
  type FakeComment,
  type FakeGitHub,
  type FakeRepository,
} from '../support/fake-github/fake-github.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { findKind } from '../support/fake-kube/resources.js';
import { startOperatorAutopilot, type Autopilot, type Scenario } from '../support/fake-kube/operator-autopilot.js';
import { GitRepository } from '../support/git-fixture.js';
import { pushRegistryBase } from '../support/registry-base-image.js';
import { registryEnv, registryRequests, type TestRegistry } from '../support/registry-env.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';
import { deliverMergePush, deliverWebhook, issueCommentPayload, pullRequestPayload } from '../support/webhooks.js';

const STAGING = 'flink-staging';
const PRODUCTION = 'flink-production';
const reason =
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

const project = (registry: string, repository: string, base: string) => `apiVersion: streampilot.dev/v1
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
    webUI: { ingress: "https://flink.staging.test/{{namespace}}/{{name}}/" }
  production:
    kubeContext: production
    namespace: ${PRODUCTION}
    after: staging
    webUI: { ingress: "https://flink.prod.test/{{namespace}}/{{name}}/" }
`;

describe.skipIf(reason)(`/deploy promotes a merged commit ${reason ?? ''}`, { timeout: 240_000 }, () => {
  const run = randomBytes(4).toString('hex');
  const imageRepository = `promote-${run}`;
  const source = mkdtempSync(path.join(tmpdir(), 'sp-promote-src-'));
  const kubeDir = mkdtempSync(path.join(tmpdir(), 'sp-promote-kube-'));
  let registry: TestRegistry;
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

  beforeAll(async () => {
    registry = registryEnv.registry!;
    const base = (await pushRegistryBase(registry)).reference;
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
    repo = github.addRepository({ owner: 'acme', name: 'flink-jobs', installationId: 7171, gitDir: git.dir });
    github.setPermission(fullName(), 'alice', 'write');
    kube = await startFakeKube();
    writeTestKubeconfig(kubeDir, kube, [
      { name: 'staging', namespace: STAGING },
      { name: 'production', namespace: PRODUCTION },
    ]);
    flink = await startFakeFlink();
    autopilot = startOperatorAutopilot(kube, {
      flink,
      scenario: (ns, name) => scenarios.get(`${ns}/${name}`) ?? { kind: 'run' },
      stepMs: 100,
    });
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
        }),
        STREAMPILOT_LEASE_SECONDS: '3',
      },
    });
  }, 120_000);

  afterEach(() => {
    expect(github.violations, 'requests GitHub would refuse').toEqual([]);
    expect(
      github.checkRuns.filter((r) => r.status !== 'completed').map((r) => `${r.name} ${r.head_sha.slice(0, 7)}`),
      'check runs left unfinished',
    ).toEqual([]);
    expect(
      github.deployments
        .filter((d) => ['in_progress', 'queued', 'pending'].includes(d.statuses.at(-1)?.state ?? 'none'))
        .map((d) => `${d.environment} ${d.sha.slice(0, 7)}`),
      'deployments left in progress',
    ).toEqual([]);
    expect(
      github.comments.filter((c) => c.user === github.botLogin && c.body.includes('⏳')).map((c) => c.body),
      'replies left running',
    ).toEqual([]);
    for (const secret of [registry.password, credentials.webhookSecret, kube.token, ...github.installationTokens])
      for (const text of [app.logs, ...github.comments.map((c) => c.body)])
        expect(text.includes(secret), `a secret (${secret.slice(0, 4)}…) leaked`).toBe(false);
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

  /** Commits `files` on main as the merge of a new pull request (fast-forward); the push is delivered when asked. */
  const merged = (files: Record<string, string>) => {
    const before = git.sha('main');
    const sha = git.commit('main', files);
    const pr = nextPr++;
    github.addPullRequest({
      repository: fullName(),
      number: pr,
      head: { sha, ref: `change-${pr}`, repository: fullName() },
      base: { sha: before, ref: 'main' },
      mergedAs: sha,
    });
    const push = () =>
      deliverMergePush({ url: app.webhookUrl, secret: credentials.webhookSecret, repo, before, after: sha });
    return { sha, pr, push };
  };

  const deployCheck = (sha: string, environment: string, timeoutMs = 120_000): Promise<FakeCheckRun> =>
    github.waitFor(
      () =>
        github
          .checkRunsFor(fullName(), sha)
          .find((r) => r.name === `StreamPilot / deploy ${environment}` && r.status === 'completed'),
      `a completed deploy check for ${environment} on ${sha.slice(0, 7)}`,
      timeoutMs,
    );

  const stagingRuns = async ({ push, sha, pr }: { push: () => Promise<void>; sha: string; pr: number }) => {
    await push();
    const check = await deployCheck(sha, 'staging');
    expect(check.conclusion, check.output.summary ?? '').toBe('success');
    // The merge's deploy comment follows its check run: waited for, so that a busy machine cannot
    // let it land among the writes a later step counts.
    await github.waitFor(
      () =>
        github.comments.find(
          (c) => c.issue_number === pr && c.body.startsWith(DEPLOY_COMMENT_MARKER) && c.body.includes(sha.slice(0, 7)),
        ),
      `the deploy comment of ${sha.slice(0, 7)} on #${pr}`,
      60_000,
    );
    await github.quiet(1000, 60_000);
  };

  /** `user` comments `body` on pull request `pr`; returns the comment once its closing reaction is there, and its reply. */
  const command = async (pr: number, body: string, user = 'alice') => finished(pr, await send(pr, body, user), body);

  const send = async (pr: number, body: string, user: string): Promise<FakeComment> => {
    const comment = github.addComment({ repository: fullName(), issue_number: pr, body, user });
    const delivery = await deliverWebhook({
      url: app.webhookUrl,
      secret: credentials.webhookSecret,
      event: 'issue_comment',
      payload: issueCommentPayload({
        action: 'created',
        installationId: repo.installationId,
        repository: { id: repo.id, owner: repo.owner, name: repo.name, cloneUrl: repo.cloneUrl, defaultBranch: 'main' },
        pullRequest: pr,
        issueNumber: pr,
        comment: { id: comment.id, body, user, createdAt: comment.created_at.replace(/\.\d+Z$/, 'Z') },
      }),
    });
    expect(delivery.status, delivery.body).toBeLessThan(300);
    return comment;
  };

  const finished = async (pr: number, comment: FakeComment, body: string) => {
    const end = await github.waitFor(
      () => github.reactions.find((r) => r.commentId === comment.id && ['rocket', 'confused'].includes(r.content)),
      `the closing reaction on ${body}`,
      180_000,
    );
    await github.quiet(1000, 60_000);
    const replies = github
      .commentsOn(fullName(), pr)
      .filter((c) => c.user === github.botLogin && c.body.startsWith(`<!-- streampilot:command ${comment.id} -->`));
    expect(replies, 'one reply per command').toHaveLength(1);
    return { comment, reaction: end.content, reply: replies[0]! };
  };

  const flinkDeployment = () => findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!;
  const live = (namespace: string, name: string): Record<string, any> | undefined => {
    try {
      return kube.api.read(flinkDeployment(), namespace, name) as Record<string, any>;
    } catch (e) {
      if ((e as { status?: { code?: number } }).status?.code === 404 || /not found/.test(String(e))) return undefined;
      throw e;
    }
  };
  const deploymentStates = (sha: string, environment: string) =>
    github.deploymentsFor(fullName(), { sha, environment }).flatMap((d) => d.statuses.map((s) => s.state));

  test('/deploy production on a pull request that is not merged says so and deploys nothing', async () => {
    const head = git.commit(`open-${run}`, { 'jobs/orders/main.sql': sql('orders', `open ${run}`) });
    const pr = nextPr++;
    github.addPullRequest({
      repository: fullName(),
      number: pr,
      head: { sha: head, ref: `open-${run}`, repository: fullName() },
      base: { sha: git.sha('main'), ref: 'main' },
    });
    const { reaction, reply } = await command(pr, '/deploy production');
    expect(reaction).toBe('confused');
    expect(reply.body).toContain(`#${pr} is not merged yet`);
    expect(github.deploymentsFor(fullName(), { environment: 'production/orders' })).toEqual([]);
    expect(live(PRODUCTION, 'orders')).toBeUndefined();
  });

  test('/deploy production before staging runs the merge commit names what staging runs instead', async () => {
    const first = merged({ 'README.md': `first ${run}\n` });
    await stagingRuns(first);
    // Merged, but its push not delivered yet: staging still runs the first commit.
    const second = merged({
      'jobs/orders/main.sql': sql('orders', `second ${run}`),
      'jobs/clicks/main.sql': sql('clicks', `second ${run}`),
    });
    const { reaction, reply } = await command(second.pr, '/deploy production');
    expect(reaction).toBe('confused');
    expect(reply.body).toContain('it comes after `staging`');
    expect(reply.body).toContain(`staging runs \`orders\` at ${first.sha.slice(0, 7)}, not ${second.sha.slice(0, 7)}`);
    expect(reply.body).toContain(`staging runs \`clicks\` at ${first.sha.slice(0, 7)}, not ${second.sha.slice(0, 7)}`);
    expect(live(PRODUCTION, 'orders')).toBeUndefined();
    expect(github.checkRunsFor(fullName(), second.sha).map((r) => r.name)).not.toContain(
      'StreamPilot / deploy production',
    );

    // Once staging runs it healthy, the same command promotes it: the images staging runs, nothing rebuilt.
    await stagingRuns(second);
    const registryBefore = registryRequests(registry).length;
    const githubBefore = github.requests.length;
    const promoted = await command(second.pr, '/deploy production');
    const githubWrites = github.requests
      .slice(githubBefore)
      .filter((r) => r.method !== 'GET')
      .map((r) => r.operationId ?? `${r.method} ${r.path}`);
    // Few writes (GitHub's secondary rate limits): 👀 and 🚀, the reply and its edits (checking, deploying,
    // done; one more when "running" showed first), the check run, and per job a Deployment with two statuses.
    const count = (operation: string) => githubWrites.filter((w) => w === operation).length;
    expect(count('reactions/create-for-issue-comment')).toBe(2);
    const created = github.requests
      .slice(githubBefore)
      .filter((r) => r.operationId === 'issues/create-comment')
      .map((r) => `${r.path}: ${String((r.body as { body?: unknown }).body).slice(0, 160)}`);
    expect(count('issues/create-comment'), created.join('\n')).toBe(1);
    expect(count('issues/update-comment')).toBeGreaterThanOrEqual(2);
    expect(count('issues/update-comment')).toBeLessThanOrEqual(3);
    expect(count('checks/create') + count('checks/update')).toBe(2);
    expect(count('repos/create-deployment')).toBe(2);
    expect(count('repos/create-deployment-status')).toBe(4);
    expect(githubWrites.length, githubWrites.join(', ')).toBeLessThanOrEqual(14);
    const writesToRegistry = registryRequests(registry)
      .slice(registryBefore)
      .filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    expect(promoted.reaction, promoted.reply.body).toBe('rocket');
    expect(writesToRegistry, 'uploads or manifest writes during the promotion').toEqual([]);
    expect(promoted.reply.body).toContain(`✅ Deployed \`${second.sha.slice(0, 7)}\` to \`production\``);
    expect(promoted.reply.body).toContain('nothing rebuilt');

    const check = await deployCheck(second.sha, 'production');
    expect(check.conclusion, check.output.summary ?? '').toBe('success');
    for (const job of ['orders', 'clicks']) {
      const prod = live(PRODUCTION, job)!;
      const staging = live(STAGING, job)!;
      expect(prod.spec.image).toMatch(/@sha256:[0-9a-f]{64}$/);
      expect(prod.spec.image, `${job}: production runs the image staging runs`).toBe(staging.spec.image);
      expect(prod.status).toMatchObject({ lifecycleState: 'STABLE', jobStatus: { state: 'RUNNING' } });
      expect(prod.metadata.annotations).toMatchObject({
        'streampilot.dev/git-sha': second.sha,
        'streampilot.dev/pull-request': String(second.pr),
        'streampilot.dev/last-command': '/deploy production',
        'streampilot.dev/last-command-by': 'alice',
        'streampilot.dev/last-command-url': expect.stringContaining(`#issuecomment-${promoted.comment.id}`),
      });
      expect(promoted.reply.body).toContain(`https://flink.prod.test/${PRODUCTION}/${job}/`);

      const deployments = github.deploymentsFor(fullName(), { sha: second.sha, environment: `production/${job}` });
      expect(deployments).toHaveLength(1);
      expect(deploymentStates(second.sha, `production/${job}`)).toEqual(['in_progress', 'success']);
      expect(deployments[0]!.production_environment).toBe(true);
      expect(deployments[0]!.payload).toMatchObject({
        command: { command: '/deploy production', by: 'alice', url: expect.stringContaining(`${promoted.comment.id}`) },
      });
      expect(deployments[0]!.statuses.at(-1)!.description).toMatch(/^\/deploy production by @alice \d{4}-\d\d-\d\d /);
    }
  });

  test('a job failing in production is reported in the reply with Flink’s root cause, and 😕', async () => {
    const change = merged({ 'jobs/orders/main.sql': sql('orders', `fails in production ${run}`) });
    await stagingRuns(change);
    scenarios.set(`${PRODUCTION}/orders`, {
      kind: 'job-fails',
      exceptionName: 'java.lang.ArithmeticException',
      message: `/ by zero (${run})`,
    });
    const { reaction, reply } = await command(change.pr, '/deploy production');
    expect(reaction).toBe('confused');
    expect(reply.body).toContain(`💥 \`${change.sha.slice(0, 7)}\` did not deploy cleanly to \`production\``);
    expect(reply.body).toContain(`java.lang.ArithmeticException: / by zero (${run})`);
    expect(deploymentStates(change.sha, 'production/orders').at(-1)).toBe('failure');
    const check = await deployCheck(change.sha, 'production');
    expect(check.conclusion).toBe('failure');
    // Staging is not touched by a promotion.
    expect(live(STAGING, 'orders')!.status).toMatchObject({ jobStatus: { state: 'RUNNING' } });
  });

  test("while a promotion follows a slow rollout, the repository's pull requests are still validated", async () => {
    const change = merged({ 'jobs/clicks/main.sql': sql('clicks', `slow ${run}`) });
    await stagingRuns(change);
    scenarios.set(`${PRODUCTION}/clicks`, { kind: 'hang' });
    const hangs = () => autopilot.played.filter((p) => p.startsWith(`${PRODUCTION}/clicks@`) && p.endsWith(' hang'));
    const before = hangs().length;
    const promotion = await send(change.pr, '/deploy production', 'alice');
    await github.waitFor(() => hangs().length > before, 'the production rollout of clicks under way', 120_000);

    const branch = `meanwhile-${run}`;
    const head = git.commit(branch, { 'jobs/orders/main.sql': sql('orders', `meanwhile ${run}`) });
    const number = nextPr++;
    git.publishPullRef(git, branch, number);
    github.addPullRequest({
      repository: fullName(),
      number,
      head: { sha: head, ref: branch, repository: fullName() },
      base: { sha: git.sha('main'), ref: 'main' },
    });
    const payloadRepository = { id: repo.id, owner: repo.owner, name: repo.name, cloneUrl: repo.cloneUrl };
    await deliverWebhook({
      url: app.webhookUrl,
      secret: credentials.webhookSecret,
      event: 'pull_request',
      payload: pullRequestPayload({
        action: 'opened',
        number,
        installationId: repo.installationId,
        repository: payloadRepository,
        base: { ref: 'main', sha: git.sha('main') },
        head: { ref: branch, sha: head },
      }),
    });
    await github.waitFor(
      () =>
        github
          .checkRunsFor(fullName(), head)
          .find((r) => r.name === 'StreamPilot / validate' && r.status === 'completed'),
      'the pull request validated',
      90_000,
    );
    const closing = github.reactions.filter(
      (r) => r.commentId === promotion.id && ['rocket', 'confused'].includes(r.content),
    );
    expect(closing, 'the promotion is still following its rollout').toEqual([]);

    kube.operator.running(PRODUCTION, 'clicks');
    const done = await finished(change.pr, promotion, '/deploy production');
    expect(done.reaction, done.reply.body).toBe('rocket');
    expect(live(PRODUCTION, 'clicks')!.metadata.annotations['streampilot.dev/git-sha']).toBe(change.sha);
  });

  test('/deploy staging (no `after`, deploys on merge) redeploys the merge commit: no gate, nothing rebuilt, an unchanged job left alone', async () => {
    const change = merged({ 'jobs/orders/main.sql': sql('orders', `redeploy ${run}`) });
    await stagingRuns(change);
    const before = live(STAGING, 'orders')!;
    const registryBefore = registryRequests(registry).length;
    const kubeWritesBefore = kube.writes().length;
    const { reaction, reply } = await command(change.pr, '/deploy staging orders');
    expect(reaction, reply.body).toBe('rocket');
    expect(reply.body).toContain(`✅ Deployed \`${change.sha.slice(0, 7)}\` to \`staging\``);
    expect(reply.body).not.toContain('comes after');
    expect(reply.body).toMatch(/\| orders \| unchanged \|/);
    expect(
      registryRequests(registry)
        .slice(registryBefore)
        .filter((r) => r.method !== 'GET' && r.method !== 'HEAD'),
    ).toEqual([]);
    // Already what the commit says: nothing written (as on a merge), so no new Deployment and no annotation.
    expect(
      kube
        .writes()
        .slice(kubeWritesBefore)
        .filter((w) => w.query.dryRun !== 'All' && /\/flinkdeployments\/orders$/.test(w.path))
        .map((w) => `${w.method} ${w.path}`),
    ).toEqual([]);
    expect(live(STAGING, 'orders')!.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(github.deploymentsFor(fullName(), { sha: change.sha, environment: 'staging/orders' })).toHaveLength(1);
  });
});
