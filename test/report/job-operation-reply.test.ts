// The texts of /restart, /suspend and /resume, whole: the pull-request reply (Markdown) and the
// terminal's, for every outcome a job can have. Regenerate deliberately with `vitest run -u` and
// read the diff.
import { describe, expect, test } from 'vitest';
import type { EnvironmentOperationReport, JobOperation } from '../../src/deploy/job-operation.js';
import { formatStatusReply } from '../../src/report/command-reply.js';
import {
  formatOperationProgress,
  formatOperationReply,
  formatOperationText,
  stateMeaning,
} from '../../src/report/job-operation-reply.js';

const NS = 'flink-staging';
const SAVEPOINT = 's3://acme-flink/savepoints/savepoint-6f1e2d-0a1b2c3d4e5f';

const suspend: EnvironmentOperationReport = {
  environment: 'staging',
  jobs: [
    {
      job: 'orders-enrichment',
      kind: 'FlinkDeployment',
      namespace: NS,
      outcome: 'done',
      upgradeMode: 'savepoint',
      lifecycleState: 'SUSPENDED',
      savepoint: SAVEPOINT,
      elapsedMs: 14_200,
    },
    {
      job: 'clickstream-fanout',
      kind: 'FlinkDeployment',
      namespace: NS,
      outcome: 'unchanged',
      upgradeMode: 'last-state',
      reason: 'it is already suspended (`/suspend clickstream-fanout` by wendy at 2026-12-06T07:00:00Z)',
    },
    {
      job: 'payment-fraud-alerts',
      kind: 'FlinkDeployment',
      namespace: NS,
      outcome: 'refused',
      reason: `it is not deployed (there is no FlinkDeployment ${NS}/payment-fraud-alerts)`,
      hint: 'a merge (or `/deploy`) deploys it first',
    },
    {
      job: 'orders-revenue-per-minute',
      kind: 'FlinkDeployment',
      namespace: NS,
      outcome: 'failed',
      upgradeMode: 'savepoint',
      failure: {
        summary: 'the operator could not take the savepoint: checkpoint coordinator is shut down',
        events: [],
        logTail: [],
        hint: 'Look at the job in the cluster: `kubectl -n flink-staging describe flinkdeployment orders-revenue-per-minute`',
      },
    },
  ],
};

const resume: EnvironmentOperationReport = {
  environment: 'staging',
  jobs: [
    {
      job: 'orders-enrichment',
      kind: 'FlinkDeployment',
      namespace: NS,
      outcome: 'done',
      upgradeMode: 'savepoint',
      jobState: 'RUNNING',
      restoredFrom: SAVEPOINT,
      webUi: { via: 'ingress', url: `https://flink.staging.acme.dev/${NS}/orders-enrichment/` },
      elapsedMs: 31_000,
    },
    {
      job: 'clicks',
      kind: 'FlinkDeployment',
      namespace: NS,
      outcome: 'timed-out',
      upgradeMode: 'stateless',
      reason: `timed out waiting for Lease ${NS}/streampilot.staging.clicks, held by replica-2 deploying 0123abc: nothing was changed`,
      hint: 'a deploy or another command of this job is still running; give the command again once it has finished',
    },
  ],
};

const restart: EnvironmentOperationReport = {
  environment: 'production',
  jobs: [
    {
      job: 'clickstream-fanout',
      kind: 'FlinkDeployment',
      namespace: 'flink-prod',
      outcome: 'done',
      upgradeMode: 'last-state',
      jobState: 'RUNNING',
      webUi: {
        via: 'port-forward',
        command: 'kubectl port-forward --context production -n flink-prod svc/clickstream-fanout-rest 8081:8081',
        url: 'http://localhost:8081/',
      },
      elapsedMs: 2_400,
    },
  ],
};
const refusedEnvironment: EnvironmentOperationReport = {
  environment: 'production',
  refused: {
    reason: 'acme/flink-jobs may not deploy to context production',
    hint: 'add it to STREAMPILOT_CLUSTER_ACCESS',
  },
  jobs: [],
};

describe('the replies of /restart, /suspend and /resume', () => {
  test('the pull-request replies, whole', async () => {
    const text = [
      formatOperationReply('suspend', [suspend]),
      formatOperationReply('resume', [resume]),
      formatOperationReply('restart', [restart, refusedEnvironment]),
      formatOperationProgress('restart', 'staging', [
        { job: 'orders-enrichment', stage: 'queued', detail: 'the deploy of `0123abc` (or a command) in progress' },
        { job: 'clicks', stage: 'running', detail: 'UPGRADING / FINISHED' },
      ]),
    ].join('\n\n---\n\n');
    await expect(`${text}\n`).toMatchFileSnapshot('./golden/job-operation-reply.md');
  });

  test('the terminal’s text, whole: the CLI’s own commands named, no Markdown', async () => {
    const text = [
      formatOperationText('suspend', suspend),
      formatOperationText('resume', resume),
      formatOperationText('restart', restart),
      formatOperationText('restart', refusedEnvironment),
    ].join('\n\n');
    expect(text).not.toContain('`');
    await expect(`${text}\n`).toMatchFileSnapshot('./golden/job-operation-text.txt');
  });

  test('every command and upgrade mode says something different about state', () => {
    const all = (['restart', 'suspend', 'resume'] as JobOperation[]).flatMap((op) =>
      (['stateless', 'savepoint', 'last-state'] as const).map((mode) => stateMeaning(op, mode)),
    );
    expect(new Set(all).size).toBe(9);
    expect(stateMeaning('suspend', 'stateless')).toContain('state dropped');
    expect(stateMeaning('suspend', 'last-state')).toContain('HA metadata kept');
    expect(stateMeaning('resume', 'savepoint', SAVEPOINT)).toContain(SAVEPOINT);
  });

  test('/status says which job a command holds against Git, and what a merge does about it', () => {
    const text = formatStatusReply([
      {
        environment: 'staging',
        status: {
          environment: 'staging',
          orphans: [],
          jobs: [
            {
              job: 'orders-enrichment',
              kind: 'FlinkDeployment',
              namespace: NS,
              deployed: true,
              lifecycleState: 'SUSPENDED',
              jobState: 'FINISHED',
              heldByCommand: {
                state: 'suspended',
                gitState: 'running',
                command: '/suspend orders-enrichment',
                by: 'wendy',
                at: '2026-12-06T07:00:00Z',
              },
            },
          ],
        },
      },
    ]);
    expect(text.split('\n').at(-1)).toBe(
      '- ⏸️ `orders-enrichment` is suspended by `/suspend orders-enrichment` (wendy, 2026-12-06T07:00:00Z); Git says running: a merge leaves it suspended and reports .spec.job.state as drift, until `/resume` (or `streampilot resume`).',
    );
  });
});
