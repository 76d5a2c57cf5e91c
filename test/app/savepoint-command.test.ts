// End to end: /savepoint in a pull-request comment. The app as its own process with cluster access
// (STREAMPILOT_KUBECONFIG, STREAMPILOT_CLUSTER_ACCESS), the fake GitHub over HTTP, and two fake API
// servers: staging's operator has FlinkStateSnapshot (≥ 1.10), production's is older (no CRD: the
// savepointTriggerNonce path). The operator's savepoints are simulated by snapshot-operator.ts.
// After each test: no request GitHub would refuse (the harness), no reply left "running".
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { COMMAND_ANNOTATION } from '../../src/deploy/command-audit.js';
import { LABEL, repositoryLabel } from '../../src/render/object-meta.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import type { FakeComment } from '../support/fake-github/fake-github.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { findKind } from '../support/fake-kube/resources.js';
import { seedFlinkDeployment } from '../support/fake-kube/seed-deployment.js';
import {
  startSnapshotOperator,
  type SnapshotOperator,
  type SnapshotScenario,
} from '../support/fake-kube/snapshot-operator.js';
import { repoRoot } from '../support/run-cli.js';
import { useE2e, type PullRequest } from './e2e-harness.js';

const REPOSITORY = 'acme/flink-jobs';
const STAGING = 'flink-staging';
const PROD = 'flink-prod';
const SAVEPOINTS = 's3://acme-flink/savepoints';
const FLINK = 'flink.apache.org/v1beta1';
const kubeDir = mkdtempSync(path.join(tmpdir(), 'sp-savepoint-kube-'));
const kubeconfig = path.join(kubeDir, 'kubeconfig');
const skip = existsSync(operatorCrdDir) ? undefined : '(../shared/reference is absent: the fake validates against it)';

interface Cluster {
  fake: FakeKube;
  snapshots: SnapshotOperator;
  scenarios: Map<string, SnapshotScenario>;
}
let staging: Cluster;
let production: Cluster;

async function cluster(older: boolean): Promise<Cluster> {
  const fake = await startFakeKube(older ? { withoutCrds: ['FlinkStateSnapshot'] } : {});
  const scenarios = new Map<string, SnapshotScenario>();
  const snapshots = startSnapshotOperator(fake, {
    nonce: older,
    stepMs: 100,
    scenario: (_ns, job) => scenarios.get(job) ?? { kind: 'complete' },
  });
  return { fake, snapshots, scenarios };
}

// Registered before the harness's own beforeAll: the clusters exist when the app starts.
beforeAll(async () => {
  if (skip) return;
  staging = await cluster(false);
  production = await cluster(true);
  const entry = (name: string, fake: FakeKube) => ({
    cluster: {
      name,
      cluster: { server: fake.url, 'certificate-authority-data': Buffer.from(fake.caPem).toString('base64') },
    },
    user: { name, user: { token: fake.token } },
    context: { name, context: { cluster: name, user: name } },
  });
  const entries = [entry('staging', staging.fake), entry('production', production.fake)];
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: entries.map((e) => e.cluster),
      users: entries.map((e) => e.user),
      contexts: entries.map((e) => e.context),
      'current-context': 'staging',
    }),
    { mode: 0o600 },
  );
});
afterAll(async () => {
  for (const c of [staging, production]) {
    c?.snapshots.stop();
    await c?.fake.close();
  }
  rmSync(kubeDir, { recursive: true, force: true });
});

const e2e = useE2e({
  appEnv: {
    STREAMPILOT_KUBECONFIG: kubeconfig,
    STREAMPILOT_CLUSTER_ACCESS: JSON.stringify({
      [REPOSITORY]: [
        { context: 'staging', namespaces: [STAGING] },
        { context: 'production', namespaces: [PROD] },
      ],
    }),
  },
});

afterEach(() => {
  if (skip) return;
  const running = e2e()
    .fake.comments.filter((c) => c.user === e2e().fake.botLogin && c.body.includes('⏳'))
    .map((c) => c.body);
  expect(running, 'replies left running').toEqual([]);
  staging.scenarios.clear();
  production.scenarios.clear();
});

const example = (file: string) => readFileSync(path.join(repoRoot, 'examples', 'acme-flink-jobs', file), 'utf8');

/** A job of the example as deployed from this repository, RUNNING unless `running` is false. */
function seedJob(c: Cluster, namespace: string, name: string, options: { running?: boolean } = {}): void {
  seedFlinkDeployment(c.fake, {
    namespace,
    name,
    repository: REPOSITORY,
    image: 'ghcr.io/acme/flink-jobs/clickstream-fanout:1',
    flinkConfiguration: { 'state.savepoints.dir': SAVEPOINTS, 'state.checkpoints.dir': 's3://acme-flink/checkpoints' },
    job: { jarURI: 'local:///opt/flink/usrlib/streampilot-sql-runner.jar', parallelism: 2, upgradeMode: 'savepoint' },
    ...options,
  });
}

async function changedPullRequest(): Promise<PullRequest> {
  const sql = example('jobs/clickstream-fanout/main.sql').replace(
    "'format' = 'json'\n);",
    "'format' = 'json',\n  'scan.startup.mode' = 'latest-offset'\n);",
  );
  const pr = await e2e().openPullRequest({ 'jobs/clickstream-fanout/main.sql': sql });
  await pr.validated({ comment: true });
  return pr;
}

function replyOf(pr: PullRequest, command: FakeComment): string {
  const replies = pr.appComments().filter((c) => c.body.startsWith(`<!-- streampilot:command ${command.id} -->`));
  expect(replies).toHaveLength(1);
  return replies[0]!.body.split('\n').slice(1, -2).join('\n');
}

/** The comment's address as the webhook gives it to the app (what the annotations record). */
function urlOf(comment: FakeComment): string {
  return `https://github.invalid/${REPOSITORY}/pull/${comment.issue_number}#issuecomment-${comment.id}`;
}

function reactionsOn(commentId: number): string[] {
  return e2e()
    .fake.reactions.filter((r) => r.commentId === commentId)
    .map((r) => r.content);
}

const snapshotWrites = (c: Cluster) => c.fake.writes().filter((r) => r.path.includes('flinkstatesnapshots'));

describe.skipIf(skip)(`/savepoint through the operator ${skip ?? ''}`, { timeout: 180_000 }, () => {
  let pr: PullRequest;
  beforeAll(async () => {
    pr = await changedPullRequest();
    e2e().fake.setPermission(e2e().fullName, 'wendy', 'write');
    e2e().fake.setPermission(e2e().fullName, 'paula', 'maintain');
    e2e().fake.setTeamMembership('acme/data-platform', 'paula', 'active');
  }, 120_000);

  test('completed: the reply names the savepoint path, 🚀, and the snapshot records who asked', async () => {
    seedJob(staging, STAGING, 'clickstream-fanout');
    const from = e2e().fake.requests.length;
    const { comment } = await pr.comment('/savepoint --env staging', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('rocket');
    // 👀, the reply (and its "running" edit when the savepoint takes longer than 1.5 s), 🚀: nothing else.
    const writes = e2e()
      .fake.requests.slice(from)
      .filter((r) => r.method !== 'GET')
      .map((r) => r.operationId);
    expect(writes[0]).toBe('reactions/create-for-issue-comment');
    expect(writes.at(-1)).toBe('reactions/create-for-issue-comment');
    expect(writes.slice(1, -1).every((w) => w === 'issues/create-comment' || w === 'issues/update-comment')).toBe(true);
    expect(writes.length).toBeLessThanOrEqual(4);
    const text = replyOf(pr, comment);
    const snapshots = staging.fake.store
      .list(findKind(FLINK, 'FlinkStateSnapshot')!)
      .filter(
        (s) =>
          (s.metadata as { annotations?: Record<string, string> }).annotations?.[COMMAND_ANNOTATION.url] ===
          urlOf(comment),
      );
    expect(snapshots).toHaveLength(1);
    const snapshot = snapshots[0]!;
    const status = snapshot.status as { state: string; path: string };
    expect(status.state).toBe('COMPLETED');
    expect(text).toBe(
      [
        '### Savepoints in `staging`: 1 of 1 taken',
        '',
        `- ✅ \`clickstream-fanout\`: savepoint at \`${status.path}\` (FlinkStateSnapshot \`${(snapshot.metadata as { name: string }).name}\`).`,
      ].join('\n'),
    );
    expect(status.path.startsWith(`${SAVEPOINTS}/savepoint-`)).toBe(true);
    const metadata = snapshot.metadata as { annotations: Record<string, string>; labels: Record<string, string> };
    expect(metadata.annotations[COMMAND_ANNOTATION.by]).toBe('wendy');
    expect(metadata.annotations[COMMAND_ANNOTATION.command]).toBe('/savepoint --env staging');
    expect(metadata.labels[LABEL.repository]).toBe(repositoryLabel(REPOSITORY));
    expect(reactionsOn(comment.id)).toEqual(['eyes', 'rocket']);
  });

  test("failed: the reply carries Flink's error as the operator reports it, 😕", async () => {
    seedJob(staging, STAGING, 'clickstream-fanout');
    staging.scenarios.set('clickstream-fanout', {
      kind: 'fail',
      error:
        'java.util.concurrent.CompletionException: org.apache.flink.runtime.checkpoint.CheckpointException: Not all required tasks are currently running.',
    });
    const { comment } = await pr.comment('/savepoint clickstream-fanout --env staging', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(replyOf(pr, comment)).toContain(
      '- ❌ `clickstream-fanout`: the savepoint failed: java.util.concurrent.CompletionException: org.apache.flink.runtime.checkpoint.CheckpointException: Not all required tasks are currently running. Details: `kubectl -n flink-staging describe flinkstatesnapshot clickstream-fanout-savepoint-',
    );
  });

  test('abandoned: the job stopped while the savepoint was in progress', async () => {
    seedJob(staging, STAGING, 'clickstream-fanout');
    staging.scenarios.set('clickstream-fanout', { kind: 'job-stops' });
    const { comment } = await pr.comment('/savepoint clickstream-fanout --env staging', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(replyOf(pr, comment)).toMatch(
      /^- ❌ `clickstream-fanout`: the operator abandoned the savepoint: Secondary resource clickstream-fanout \(FlinkDeployment\) for savepoint clickstream-fanout-savepoint-\S+ is not running\./m,
    );
  });

  test('a job that is not running: a clear answer, and nothing written to the cluster', async () => {
    seedJob(staging, STAGING, 'clickstream-fanout', { running: false });
    const before = snapshotWrites(staging).length;
    const { comment } = await pr.comment('/savepoint clickstream-fanout --env staging', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(replyOf(pr, comment)).toBe(
      [
        '### Savepoints in `staging`: 0 of 1 taken',
        '',
        '- 🙅 `clickstream-fanout` is not running (job RECONCILING, lifecycle DEPLOYED): a savepoint needs a running job, and the operator abandons one asked of a job that is not. Nothing was changed.',
      ].join('\n'),
    );
    expect(snapshotWrites(staging).length).toBe(before);
  });

  test('an operator before 1.10: savepointTriggerNonce bumped and annotated, the savepoint read from its status', async () => {
    seedJob(production, PROD, 'clickstream-fanout');
    const { comment } = await pr.comment('/savepoint --env production', 'paula');
    expect(await pr.commandDone(comment.id)).toBe('rocket');
    const live = production.fake.store.get(findKind(FLINK, 'FlinkDeployment')!, PROD, 'clickstream-fanout')!;
    const job = (live.spec as { job: { savepointTriggerNonce: number } }).job;
    expect(job.savepointTriggerNonce).toBe(1);
    const lastSavepoint = (
      live.status as { jobStatus: { savepointInfo: { lastSavepoint: { location: string; triggerNonce: number } } } }
    ).jobStatus.savepointInfo.lastSavepoint;
    expect(lastSavepoint.triggerNonce).toBe(1);
    expect(replyOf(pr, comment)).toBe(
      [
        '### Savepoints in `production`: 1 of 1 taken',
        '',
        `- ✅ \`clickstream-fanout\`: savepoint at \`${lastSavepoint.location}\` (recorded in the status of its resource; the operator predates FlinkStateSnapshot).`,
      ].join('\n'),
    );
    const annotations = (live.metadata as { annotations: Record<string, string> }).annotations;
    expect(annotations[COMMAND_ANNOTATION.by]).toBe('paula');
    expect(annotations[COMMAND_ANNOTATION.url]).toBe(urlOf(comment));
    // The older cluster was never asked to store a FlinkStateSnapshot it does not have.
    expect(snapshotWrites(production).filter((r) => r.status < 400)).toEqual([]);
  });
});
