// End to end: `/rollback` in a pull-request comment. The app as its own process, the fake GitHub
// (OpenAPI contract) holding the Deployments history a merge leaves, the real test registry holding
// the images of then (pushed over HTTP, no Docker engine needed), the fake API server with the
// simulated operator. After each test: no request GitHub would refuse, no reply left "running".
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeFlink, type FakeFlink } from '../support/fake-flink/fake-flink.js';
import type { FakeComment } from '../support/fake-github/fake-github.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot } from '../support/fake-kube/operator-autopilot.js';
import { findKind } from '../support/fake-kube/resources.js';
import { pushImage, type PushedImage } from '../support/pushed-image.js';
import { registryEnv } from '../support/registry-env.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';
import { PLAN_MARKER, useE2e, type PullRequest } from './e2e-harness.js';

const NS = 'flink-staging';
const reason =
  registryEnv.skipReason ??
  (existsSync(operatorCrdDir)
    ? undefined
    : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)');

const sql = (job: string, marker: string) =>
  `CREATE TABLE ${job}_source (user_id STRING, url STRING) WITH ('connector' = 'datagen');
CREATE TABLE ${job}_sink (user_id STRING, url STRING) WITH ('connector' = 'blackhole');
INSERT INTO ${job}_sink SELECT user_id, url FROM ${job}_source WHERE url <> '${marker}';
`;
const JOBS = ['orders', 'clicks', 'payments'];

describe.skipIf(reason)(`/rollback from a pull-request comment ${reason ?? ''}`, { timeout: 180_000 }, () => {
  const run = randomBytes(4).toString('hex');
  const registry = registryEnv.registry!;
  const imageRepository = `rollback-${run}`;
  const source = mkdtempSync(path.join(tmpdir(), 'sp-rollback-src-'));
  const kubeDir = mkdtempSync(path.join(tmpdir(), 'sp-rollback-kube-'));
  let kube: FakeKube;
  let flink: FakeFlink;
  let autopilot: Autopilot;
  const images: Record<string, PushedImage> = {};

  beforeAll(async () => {
    const base = await pushImage(registry, `${imageRepository}-base`, '1');
    writeFileSync(
      path.join(source, 'streampilot.yaml'),
      `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  baseImage: ${base.reference}
registry:
  repository: ${registry.host}/${imageRepository}
  insecure: true
deploy:
  timeout: 60s
environments:
  staging:
    kubeContext: staging
    namespace: ${NS}
    deployOn: command
`,
    );
    for (const job of JOBS) {
      mkdirSync(path.join(source, 'jobs', job), { recursive: true });
      writeFileSync(
        path.join(source, 'jobs', job, 'job.yaml'),
        `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${job}\nsql: [main.sql]\nupgradeMode: stateless\n`,
      );
      writeFileSync(path.join(source, 'jobs', job, 'main.sql'), sql(job, 'first'));
    }
    for (const tag of ['orders-first', 'orders-second', 'payments-second'])
      images[tag] = await pushImage(registry, imageRepository, tag);
    kube = await startFakeKube();
    writeTestKubeconfig(kubeDir, kube, [{ name: 'staging', namespace: NS }]);
    flink = await startFakeFlink();
    autopilot = startOperatorAutopilot(kube, { flink, stepMs: 100 });
  }, 60_000);

  const e2e = useE2e({
    source,
    appEnv: {
      STREAMPILOT_REGISTRY_USERNAME: registry.username,
      STREAMPILOT_REGISTRY_PASSWORD: registry.password,
      STREAMPILOT_REGISTRY_HOST: registry.host,
      STREAMPILOT_KUBECONFIG: path.join(kubeDir, 'kubeconfig'),
      STREAMPILOT_CLUSTER_ACCESS: JSON.stringify({ 'acme/flink-jobs': [{ context: 'staging', namespaces: [NS] }] }),
      STREAMPILOT_LEASE_SECONDS: '3',
    },
  });

  afterEach(() => {
    const running = e2e()
      .fake.comments.filter((c) => c.user === e2e().fake.botLogin && c.body.includes('⏳'))
      .map((c) => c.body);
    expect(running, 'replies left running').toEqual([]);
    const open = e2e().fake.deployments.filter((d) =>
      ['in_progress', 'queued', 'pending'].includes(d.statuses.at(-1)?.state ?? 'none'),
    );
    expect(
      open.map((d) => d.environment),
      'deployments left in progress',
    ).toEqual([]);
  });

  afterAll(async () => {
    autopilot?.stop();
    await kube?.close();
    await flink?.close().catch(() => undefined);
    rmSync(source, { recursive: true, force: true });
    rmSync(kubeDir, { recursive: true, force: true });
  });

  // Below the fake's own ids (from 1000): GitHub lists deployments newest (highest id) first.
  let nextDeployment = 100;
  /** What a merge's deploy leaves on GitHub: a deployment of `job` at `sha`, with the image it ran and its outcome. */
  const recordDeployment = (job: string, sha: string, image: string | undefined, state: 'success' | 'failure') => {
    const at = new Date(Date.now() - 60_000 + nextDeployment).toISOString().replace(/\.\d+Z$/, 'Z');
    const environment = `staging/${job}`;
    e2e().fake.deployments.push({
      id: nextDeployment++,
      repository: e2e().fullName,
      sha,
      ref: sha,
      task: 'deploy:streampilot',
      payload: {
        streampilot: { environment: 'staging', job, kind: 'FlinkDeployment', namespace: NS, name: job, sha, image },
      },
      environment,
      original_environment: environment,
      description: `deploying ${job} to staging`,
      transient_environment: false,
      production_environment: false,
      created_at: at,
      updated_at: at,
      statuses: [
        {
          id: nextDeployment++,
          state,
          description: state === 'success' ? 'Running' : 'The job failed',
          environment,
          environment_url: '',
          log_url: '',
          created_at: at,
          automatic: false,
        },
      ],
    });
  };

  const deploymentType = () => findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!;
  const live = (name: string) => {
    try {
      return kube.api.read(deploymentType(), NS, name) as Record<string, any>;
    } catch {
      return undefined;
    }
  };
  const replyTo = (pr: PullRequest, command: FakeComment) =>
    pr.appComments().filter((c) => c.body.startsWith(`<!-- streampilot:command ${command.id} -->`));
  const textOf = (reply: FakeComment) => reply.body.split('\n').slice(1, -2).join('\n');
  const pinned = (image: PushedImage) => `${image.reference}@${image.digest}`;

  let first: string;
  let second: string;
  let pr: PullRequest;
  beforeAll(async () => {
    first = e2e().git.sha('main');
    second = e2e().git.commit('main', {
      'jobs/orders/main.sql': sql('orders', 'second'),
      'jobs/payments/main.sql': sql('payments', 'second'),
    });
    recordDeployment('orders', first, pinned(images['orders-first']!), 'success');
    recordDeployment('orders', second, pinned(images['orders-second']!), 'failure');
    recordDeployment('orders', second, pinned(images['orders-second']!), 'success');
    // The first payments image was deleted from the registry since: a digest it no longer has.
    recordDeployment(
      'payments',
      first,
      `${registry.host}/${imageRepository}:payments-first@sha256:${'0'.repeat(64)}`,
      'success',
    );
    recordDeployment('payments', second, pinned(images['payments-second']!), 'success');
    pr = await e2e().openPullRequest({ 'jobs/clicks/main.sql': sql('clicks', 'third') });
    await pr.validated({ comment: true });
    e2e().fake.setPermission(e2e().fullName, 'wendy', 'write');
  }, 120_000);

  test('rolls a job back to the previous successful deployment, on the image it ran then, and records who asked', async () => {
    const from = e2e().fake.requests.length;
    const { comment } = await pr.comment('/rollback orders --env staging', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('rocket');
    const writes = e2e()
      .fake.requests.slice(from)
      .filter((r) => r.method !== 'GET')
      .map((r) => r.operationId);
    // Few GitHub writes (secondary rate limits): reactions, one reply edited, the Deployment, the revert.
    expect(writes.filter((w) => w !== 'issues/update-comment')).toEqual([
      'reactions/create-for-issue-comment',
      'issues/create-comment',
      'repos/create-deployment',
      'repos/create-deployment-status',
      'repos/create-deployment-status',
      'git/create-tree',
      'git/create-commit',
      'git/create-ref',
      'pulls/create',
      'reactions/create-for-issue-comment',
    ]);
    // The reply's edits: "rolling back…" and the outcome (plus "running" when the start took over 1.5 s).
    expect(writes.filter((w) => w === 'issues/update-comment').length).toBeLessThanOrEqual(3);
    const text = textOf(replyTo(pr, comment)[0]!);
    expect(text).toContain('⏪ Rolled back `orders` in `staging`.');
    expect(text).toMatch(new RegExp(`\\| \`orders\` \\|  \\| \`${first.slice(0, 12)}\` \\| ✅ running`));

    const object = live('orders')!;
    expect(object.spec.image).toBe(pinned(images['orders-first']!));
    expect(object.status.jobStatus.state).toBe('RUNNING');
    expect(object.metadata.annotations).toMatchObject({
      'streampilot.dev/git-sha': first,
      'streampilot.dev/rolled-back-to': first,
      'streampilot.dev/last-command': '/rollback orders --env staging',
      'streampilot.dev/last-command-by': 'wendy',
      'streampilot.dev/last-command-url': expect.stringContaining(`#issuecomment-${comment.id}`),
    });
    // GitHub has the rollback as a deployment of its own, marked so the next rollback looks past it.
    const recorded = e2e().fake.deploymentsFor(e2e().fullName, { environment: 'staging/orders', sha: first }).at(-1)!;
    expect(recorded.payload).toMatchObject({ streampilot: { rollback: true, image: pinned(images['orders-first']!) } });
    expect(recorded.statuses.at(-1)!.state).toBe('success');
    // A revert pull request brings Git to what runs: the job's folder as it was, the rest as it is.
    const revert = e2e().fake.pullRequests.find((p) => p.number > 1000 && p.title.includes('orders'))!;
    expect(revert.title).toBe(`Revert orders in staging to ${first.slice(0, 7)}`);
    expect(revert.base.ref).toBe('main');
    expect(text).toContain(`Git still describes the newer jobs: [#${revert.number}](`);
    const git = e2e().git;
    expect(git.git('show', `${revert.head.sha}:jobs/orders/main.sql`)).toBe(sql('orders', 'first').trimEnd());
    expect(git.git('show', `${revert.head.sha}:jobs/payments/main.sql`)).toBe(sql('payments', 'second').trimEnd());
    expect(git.git('rev-parse', `${revert.head.sha}^`)).toBe(git.sha('main'));
    expect(e2e().fake.createdPullBodies.get(`${e2e().fullName}#${revert.number}`)).toContain(
      `@wendy rolled back \`orders\` in \`staging\` to \`${first.slice(0, 12)}\` from #${pr.number}`,
    );
    expect(recorded.statuses.at(-1)!.description).toMatch(
      /^Rolled back to [0-9a-f]{7} \(\/rollback by @wendy on \d{4}-\d\d-\d\d\): Running$/,
    );
  });

  test("the pull request's plan comment says the job is rolled back and what its merge changes about it", async () => {
    const { comment } = await pr.comment('/plan', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('rocket');
    const plan = pr.appComments().find((c) => c.body.startsWith(PLAN_MARKER))!;
    expect(plan.body).toContain(
      [
        '### ⏪ Rolled back',
        '',
        'These jobs run an older commit than Git describes, after a `/rollback`; merging the revert pull request makes Git describe it.',
        '',
        '| environment | job | rolled back to | merging this pull request changes |',
        '| --- | --- | --- | --- |',
        `| \`staging\` | \`orders\` | \`${first.slice(0, 12)}\` | nothing yet: \`staging\` deploys on \`/deploy staging\`, which would roll it forward |`,
      ].join('\n'),
    );
  });

  test('--to rolls forward again to a named commit (abbreviated, found in the history), from what runs now', async () => {
    const { comment } = await pr.comment(`/rollback orders --env staging --to ${second.slice(0, 8)}`, 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('rocket');
    const text = textOf(replyTo(pr, comment)[0]!);
    expect(text).toMatch(
      new RegExp(`\\| \`orders\` \\| \`${first.slice(0, 12)}\` \\| \`${second.slice(0, 12)}\` \\| ✅ running`),
    );
    expect(text).toContain('`main` already describes these jobs as they now run: no revert pull request is needed');
    expect(live('orders')!.spec.image).toBe(pinned(images['orders-second']!));
    expect(live('orders')!.metadata.annotations['streampilot.dev/rolled-back-from']).toBe(first);
  });

  test('--to a commit that is not on the base branch (a pull request head) is refused before anything is applied', async () => {
    const writes = kube.writes().length;
    const { comment } = await pr.comment(`/rollback orders --env staging --to ${pr.headSha}`, 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(replyTo(pr, comment)[0]!)).toContain(
      `${pr.headSha.slice(0, 12)} is not a commit of the base branch, and no deployment of these jobs ran it`,
    );
    expect(kube.writes().length).toBe(writes);
  });

  test('a job with no earlier deployment gets a clear reply, and nothing is applied', async () => {
    const writes = kube.writes().length;
    const { comment } = await pr.comment('/rollback clicks --env staging', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(replyTo(pr, comment)[0]!)).toBe(
      [
        '🤷 There is no earlier successful deployment to roll back to in `staging`:',
        '',
        '- `clicks`: no deployment of it is recorded',
        '',
        'Nothing was changed. Name the commit: `/rollback clicks --env staging --to <sha>`.',
      ].join('\n'),
    );
    expect(kube.writes().length).toBe(writes);
    expect(live('clicks')).toBeUndefined();
  });

  test('an image that is gone from the registry is said, and that job is not applied', async () => {
    const { comment } = await pr.comment('/rollback payments --env staging', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    const text = textOf(replyTo(pr, comment)[0]!);
    expect(text).toContain('😕 Nothing was rolled back in `staging`.');
    expect(text).toContain(
      `skipped: its image of ${first.slice(0, 7)} (${registry.host}/${imageRepository}:payments-first@sha256:${'0'.repeat(64)}) is no longer in the registry; a rollback never rebuilds, so nothing of it was applied`,
    );
    expect(live('payments')).toBeUndefined();
  });
});
