// End to end: /restart, /suspend and /resume given in pull-request comments, carried out on a cluster.
// The app runs as its own process (node dist/app/main.js) against the fake GitHub over HTTP (requests
// checked against GitHub's OpenAPI description) and the fake Kubernetes API server over HTTPS (operator
// 1.15.0 CRDs), with the operator played by the autopilot and test/support/fake-kube/operator-commands.ts.
// The example repository's staging jobs are deployed first by the deploy workflow, as a merge does.
// After each test: no request GitHub would refuse, no reply left "running".
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { acquireJobLease } from '../../src/deploy/job-lease.js';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import type { JobBuildOutcome } from '../../src/workflows/build-images.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { deployEnvironment } from '../../src/workflows/deploy-environment.js';
import { prepareDeploy } from '../../src/workflows/prepare-deploy.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import type { FakeComment } from '../support/fake-github/fake-github.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot } from '../support/fake-kube/operator-autopilot.js';
import { commandScenario } from '../support/fake-kube/operator-commands.js';
import { findKind } from '../support/fake-kube/resources.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';
import { issueCommentPayload } from '../support/webhooks.js';
import { PLAN_MARKER, useE2e, type PullRequest } from './e2e-harness.js';

const NS = 'flink-staging';
const FD = findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!;
const reason = existsSync(operatorCrdDir)
  ? undefined
  : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)';
const kubeDir = mkdtempSync(path.join(tmpdir(), 'sp-job-commands-kube-'));
const hanging = new Set<string>();
let fake: FakeKube;
let autopilot: Autopilot;
let kube: KubeClient;

describe.skipIf(reason)(`operating jobs from pull-request comments ${reason ?? ''}`, { timeout: 180_000 }, () => {
  // Before the app starts (useE2e's beforeAll): its kubeconfig must exist.
  beforeAll(async () => {
    fake = await startFakeKube();
    writeTestKubeconfig(kubeDir, fake, [{ name: 'staging', namespace: NS }]);
    kube = createKubeClient(loadKubeConfig({ kubeconfigPath: path.join(kubeDir, 'kubeconfig'), context: 'staging' }));
    autopilot = startOperatorAutopilot(fake, {
      stepMs: 50,
      scenario: (_ns, name, object) =>
        hanging.has(name) ? { kind: 'hang' } : (commandScenario(object) ?? { kind: 'run' }),
    });
  });
  const e2e = useE2e({
    appEnv: {
      STREAMPILOT_KUBECONFIG: path.join(kubeDir, 'kubeconfig'),
      STREAMPILOT_CLUSTER_ACCESS: JSON.stringify({ 'acme/flink-jobs': [{ context: 'staging', namespaces: [NS] }] }),
      STREAMPILOT_LEASE_SECONDS: '3',
    },
  });
  afterAll(async () => {
    autopilot?.stop();
    await fake?.close();
    rmSync(kubeDir, { recursive: true, force: true });
  });

  // The example's staging jobs, deployed from main as a merge would.
  beforeAll(async () => {
    const sha = e2e().git.sha('main');
    const planned = checkRepository(e2e().git.dir, { environments: ['staging'], gitSha: sha }).plan.environments[0]!;
    const builds: JobBuildOutcome[] = planned.jobs.map((j) => ({
      job: j.name,
      status: 'reused',
      builder: 'registry',
      image: {
        reference: `ghcr.io/acme/flink-jobs:${j.name}`,
        digest: `sha256:${'a'.repeat(64)}`,
        reused: true,
        bytesUploaded: 0,
      },
    }));
    const prepared = prepareDeploy(planned, builds, { gitSha: sha, repository: 'acme/flink-jobs' });
    for (const job of prepared) {
      const report = await deployEnvironment(
        [job],
        {
          environment: 'staging',
          repository: 'acme/flink-jobs',
          sha,
          kubeContext: 'staging',
          force: false,
          prune: false,
          timeoutMs: 20_000,
          partial: true,
        },
        { kube, identity: 'merge', isNewer: async () => false, progress: () => undefined },
      );
      expect(report.jobs.map((j) => `${j.job} ${j.state} ${j.failure?.summary ?? ''}`.trim())).toEqual([
        `${job.job.name} running`,
      ]);
    }
  }, 120_000);

  afterEach(() => {
    const running = e2e()
      .fake.comments.filter((c) => c.user === e2e().fake.botLogin && c.body.split('\n')[1]?.startsWith('⏳'))
      .map((c) => c.body);
    expect(running, 'replies left running').toEqual([]);
    hanging.clear();
  });

  const live = (name: string) =>
    fake.api.read(FD, NS, name) as {
      metadata: { annotations: Record<string, string> };
      spec: { restartNonce?: number; job: { state: string } };
    };
  const replyTo = (pr: PullRequest, command: { id: number }): FakeComment[] =>
    pr.appComments().filter((c) => c.body.startsWith(`<!-- streampilot:command ${command.id} -->`));
  const textOf = (reply: FakeComment) => reply.body.split('\n').slice(1, -2).join('\n');
  const writesSince = (from: number) =>
    e2e()
      .fake.requests.slice(from)
      .filter((r) => r.method !== 'GET')
      .map((r) => r.operationId ?? `${r.method} ${r.path}`);
  const kubeWritesTo = (from: number, name: string) =>
    fake
      .writes()
      .slice(from)
      .filter((w) => w.path.includes(`/flinkdeployments/${name}`));

  async function pullRequest(): Promise<PullRequest> {
    const pr = await e2e().openPullRequest({ 'README.md': `touch ${Math.random()}\n` });
    await pr.validated({ comment: true });
    e2e().fake.setPermission(e2e().fullName, 'wendy', 'write');
    return pr;
  }

  test('/suspend then /resume under savepoint: stopped with a savepoint, restored from it, audited, few writes', async () => {
    const pr = await pullRequest();
    const from = e2e().fake.requests.length;
    const suspend = (await pr.comment('/suspend orders-enrichment --env staging', 'wendy')).comment;
    expect(await pr.commandDone(suspend.id)).toBe('rocket');
    const replies = replyTo(pr, suspend);
    expect(replies).toHaveLength(1);
    const text = textOf(replies[0]!);
    expect(text).toMatch(
      /^\*\*`\/suspend` in `staging`\*\*\n\n- ⏸️ `orders-enrichment` suspended in \d+\.\d s \(lifecycle SUSPENDED\)\n {2}upgradeMode `savepoint`: stopped with a savepoint `file:\/\/\/flink-data\/savepoints\/orders-enrichment\/savepoint-[0-9a-f]+`; `\/resume` restores it from there\.$/,
    );
    const savepoint = /`(file:[^`]+)`/.exec(text)![1]!;
    // 👀, the reply (created once, perhaps edited once while the operator works), 🚀.
    const writes = writesSince(from);
    expect(writes[0]).toBe('reactions/create-for-issue-comment');
    expect(writes.at(-1)).toBe('reactions/create-for-issue-comment');
    expect(writes.filter((w) => w === 'issues/create-comment')).toHaveLength(1);
    // The reply: created, then at most a "running" text and one progress edit before the outcome.
    expect(writes.length, writes.join(', ')).toBeLessThanOrEqual(5);
    expect(e2e().app.logs).toMatch(new RegExp(`command on #${pr.number}: done, ${writes.length} GitHub writes`));
    const object = live('orders-enrichment');
    expect(object.spec.job.state).toBe('suspended');
    expect(object.metadata.annotations).toMatchObject({
      'streampilot.dev/last-command': '/suspend orders-enrichment --env staging',
      'streampilot.dev/last-command-by': 'wendy',
      'streampilot.dev/last-command-url': `https://github.invalid/acme/flink-jobs/pull/${pr.number}#issuecomment-${suspend.id}`,
    });

    const resume = (await pr.comment('/resume orders-enrichment --env staging', 'wendy')).comment;
    expect(await pr.commandDone(resume.id)).toBe('rocket');
    expect(textOf(replyTo(pr, resume)[0]!)).toMatch(
      new RegExp(
        `^- ✅ \`orders-enrichment\` resumed in \\d+\\.\\d s \\(job RUNNING, \\[Web UI\\]\\(https://flink\\.staging\\.acme\\.dev/${NS}/orders-enrichment/\\)\\)\\n {2}upgradeMode \`savepoint\`: restored from the savepoint it was suspended with \`${savepoint.replace(/[.]/g, '\\.')}\`\\.$`,
        'm',
      ),
    );
    expect(live('orders-enrichment').spec.job.state).toBe('running');
  });

  test('a job held suspended by a command: the plan comment says a merge deploys it and leaves it suspended', async () => {
    const pr = await pullRequest();
    const suspend = (await pr.comment('/suspend payment-fraud-alerts --env staging', 'wendy')).comment;
    expect(await pr.commandDone(suspend.id)).toBe('rocket');
    const again = (await pr.comment('/plan', 'wendy')).comment;
    expect(await pr.commandDone(again.id)).toBe('rocket');
    const plan = pr.appComments().find((c) => c.body.startsWith(PLAN_MARKER))!;
    const day = new Date().toISOString().slice(0, 10);
    expect(plan.body).toContain(
      [
        '### ⏸ Held by a command',
        '',
        'A command set these jobs to a state Git does not describe; StreamPilot does not undo it on its own.',
        '',
        '| environment | job | live | Git says | merging this pull request |',
        '| --- | --- | --- | --- | --- |',
        `| \`staging\` | \`payment-fraud-alerts\` | suspended (\`/suspend payment-fraud-alerts --env staging\` by @wendy, ${day}) | running | **applies nothing to it**: the deploy reports \`.spec.job.state\` as drift and leaves it suspended; \`/resume payment-fraud-alerts --env staging\` first to deploy it as Git says |`,
      ].join('\n'),
    );
    // Resumed, the job follows Git again and the note goes.
    const resume = (await pr.comment('/resume payment-fraud-alerts --env staging', 'wendy')).comment;
    expect(await pr.commandDone(resume.id)).toBe('rocket');
    const third = (await pr.comment('/plan', 'wendy')).comment;
    expect(await pr.commandDone(third.id)).toBe('rocket');
    expect(pr.appComments().find((c) => c.body.startsWith(PLAN_MARKER))!.body).not.toContain('Held by a command');
  });

  test('a read-only user is refused and nothing in the cluster changes', async () => {
    const pr = await pullRequest();
    e2e().fake.setPermission(e2e().fullName, 'reed', 'read');
    const before = fake.writes().length;
    const { comment } = await pr.comment('/restart payment-fraud-alerts --env staging', 'reed');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(replyTo(pr, comment)[0]!)).toContain('`/restart` needs write access to acme/flink-jobs');
    expect(fake.writes().slice(before)).toEqual([]);
  });

  test('/restart of a suspended job is refused with what to do; /resume of a running job changes nothing', async () => {
    const pr = await pullRequest();
    const suspend = (await pr.comment('/suspend payment-fraud-alerts --env staging', 'wendy')).comment;
    expect(await pr.commandDone(suspend.id)).toBe('rocket');
    const before = fake.writes().length;
    const restart = (await pr.comment('/restart payment-fraud-alerts --env staging', 'wendy')).comment;
    expect(await pr.commandDone(restart.id)).toBe('confused');
    expect(textOf(replyTo(pr, restart)[0]!)).toBe(
      [
        '**`/restart` in `staging`**',
        '',
        `- 🙅 \`payment-fraud-alerts\` not restarted: it is suspended (\`/suspend payment-fraud-alerts --env staging\` by wendy at ${suspend.created_at.replace(/\.\d+Z$/, 'Z')}), so there is nothing to restart.`,
        '  `/resume` starts it again.',
      ].join('\n'),
    );
    expect(kubeWritesTo(before, 'payment-fraud-alerts')).toEqual([]);
    const resume = (await pr.comment('/resume payment-fraud-alerts --env staging', 'wendy')).comment;
    expect(await pr.commandDone(resume.id)).toBe('rocket');
    expect(textOf(replyTo(pr, resume)[0]!)).toContain('upgradeMode `stateless`: started from empty state.');
    const again = (await pr.comment('/resume payment-fraud-alerts --env staging', 'wendy')).comment;
    expect(await pr.commandDone(again.id)).toBe('rocket');
    expect(textOf(replyTo(pr, again)[0]!)).toContain(
      '- ➖ `payment-fraud-alerts` unchanged: it is not suspended: it runs (job RUNNING).',
    );
  });

  test('two commands racing on one job are carried out one after the other: the second sees what the first did', async () => {
    const pr = await pullRequest();
    const suspend = (await pr.comment('/suspend orders-revenue-per-minute --env staging', 'wendy')).comment;
    const restart = (await pr.comment('/restart orders-revenue-per-minute --env staging', 'wendy')).comment;
    expect(await pr.commandDone(suspend.id)).toBe('rocket');
    expect(await pr.commandDone(restart.id)).toBe('confused');
    expect(textOf(replyTo(pr, restart)[0]!)).toContain(
      '- 🙅 `orders-revenue-per-minute` not restarted: it is suspended (`/suspend orders-revenue-per-minute --env staging` by wendy',
    );
    const resume = (await pr.comment('/resume orders-revenue-per-minute --env staging', 'wendy')).comment;
    expect(await pr.commandDone(resume.id)).toBe('rocket');
  });

  test('a command given while a deploy holds the job waits (reply: queued), then runs once the deploy is done', async () => {
    const pr = await pullRequest();
    const deploying = await acquireJobLease(
      kube,
      { namespace: NS, environment: 'staging', job: 'clickstream-fanout' },
      'f'.repeat(40),
      { identity: 'another-replica', isNewer: async (a) => a === 'f'.repeat(40), leaseDurationSeconds: 3 },
    );
    expect(deploying.status).toBe('acquired');
    const nonce = live('clickstream-fanout').spec.restartNonce;
    const { comment } = await pr.comment('/restart clickstream-fanout --env staging', 'wendy');
    const queued = await e2e().fake.waitFor(
      () => replyTo(pr, comment).find((c) => c.body.includes('queued')),
      'the reply saying the restart is queued',
      30_000,
    );
    expect(textOf(queued)).toBe(
      [
        '⏳ `/restart` in `staging`…',
        '',
        `- \`clickstream-fanout\` queued: waiting for the deploy of \`fffffff\` (or a command) in progress to finish`,
      ].join('\n'),
    );
    expect(live('clickstream-fanout').spec.restartNonce).toBe(nonce);
    if (deploying.status === 'acquired') await deploying.lease.release();
    expect(await pr.commandDone(comment.id)).toBe('rocket');
    expect(textOf(replyTo(pr, comment)[0]!)).toMatch(
      /^- ✅ `clickstream-fanout` restarted in .*\n {2}upgradeMode `last-state`: stopped keeping its HA metadata, and started again from its latest checkpoint; records since that checkpoint are processed again\.$/m,
    );
    expect(live('clickstream-fanout').spec.restartNonce).not.toBe(nonce);
  });

  test('the app killed mid-command: on restart the reply says it was interrupted (😕), and a redelivery runs nothing twice', async () => {
    const pr = await pullRequest();
    hanging.add('orders-revenue-per-minute');
    const body = '/restart orders-revenue-per-minute --env staging';
    const { comment } = await pr.comment(body, 'wendy');
    await e2e().fake.waitFor(
      () => replyTo(pr, comment).find((c) => c.body.split('\n')[1]?.startsWith('⏳')),
      'the reply showing the restart running',
      30_000,
    );
    await e2e().restartApp();
    const marked = await e2e().fake.waitFor(
      () => replyTo(pr, comment).find((c) => c.body.includes('was interrupted')),
      'the reply marked interrupted after the restart',
      60_000,
    );
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(marked)).toBe(
      [
        '💥 `/restart orders-revenue-per-minute --env staging` was interrupted: StreamPilot restarted while it ran, and did not finish it.',
        '',
        'It may have changed some jobs before it stopped: `/status` shows what runs now. Give the command again if it is still needed.',
      ].join('\n'),
    );
    // GitHub redelivers the webhook: the reply is found, nothing runs again, nothing is written.
    const from = e2e().fake.requests.length;
    const kubeFrom = fake.writes().length;
    const redelivery = await e2e().deliver(
      'issue_comment',
      issueCommentPayload({
        action: 'created',
        installationId: e2e().repo.installationId,
        repository: e2e().payloadRepository(),
        pullRequest: pr.number,
        issueNumber: pr.number,
        comment: { id: comment.id, body, user: 'wendy', createdAt: comment.created_at.replace(/\.\d+Z$/, 'Z') },
      }),
    );
    expect(redelivery.status).toBeLessThan(300);
    await e2e().fake.quiet(2000, 30_000);
    expect(writesSince(from)).toEqual([]);
    expect(replyTo(pr, comment)).toHaveLength(1);
    expect(kubeWritesTo(kubeFrom, 'orders-revenue-per-minute')).toEqual([]);
  });
});
