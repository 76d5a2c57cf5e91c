// The texts of /savepoint (Markdown reply) and `streampilot savepoint` (terminal), compared whole.
import { describe, expect, test } from 'vitest';
import type { JobSavepoint } from '../../src/deploy/trigger-savepoint.js';
import { formatSavepointReply } from '../../src/report/savepoint-reply.js';

const NS = 'flink-staging';
const job = (name: string, outcome: JobSavepoint['outcome']): JobSavepoint => ({
  job: name,
  namespace: NS,
  kind: 'FlinkDeployment',
  outcome,
});

/** One job per outcome a person can get. */
const EVERY_OUTCOME: JobSavepoint[] = [
  job('orders', {
    kind: 'completed',
    path: 's3://flink-state/savepoints/savepoint-3f2a1b-9c8d7e6f5a4b',
    via: 'snapshot',
    snapshot: 'orders-savepoint-20261206063000-a1b2c3',
  }),
  job('clicks', { kind: 'completed', path: 's3://flink-state/savepoints/savepoint-77aa00', via: 'nonce' }),
  job('payments', {
    kind: 'failed',
    error: 'org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint Coordinator is suspending.',
    via: 'snapshot',
    snapshot: 'payments-savepoint-20261206063000-d4e5f6',
  }),
  job('legacy', { kind: 'failed', error: 'Savepoint failed for savepointTriggerNonce: 3', via: 'nonce' }),
  job('fraud', {
    kind: 'abandoned',
    error: 'Secondary resource fraud (FlinkDeployment) for savepoint fraud-savepoint-1 is not running',
    snapshot: 'fraud-savepoint-1',
  }),
  job('slow', {
    kind: 'timeout',
    state: 'IN_PROGRESS',
    via: 'snapshot',
    snapshot: 'slow-savepoint-1',
    waitedMs: 600_000,
  }),
  job('ghost', { kind: 'not-deployed' }),
  job('shared', { kind: 'other-repository', owner: 'acme/other-jobs' }),
  job('idle', { kind: 'not-running', jobState: 'FINISHED', lifecycleState: 'SUSPENDED' }),
  job('nodir', { kind: 'no-savepoint-dir' }),
  job('broken', { kind: 'error', message: 'the API server answered 403 Forbidden: flinkstatesnapshots is forbidden' }),
];

describe('the savepoint reply', () => {
  test('every outcome, as the pull-request reply', async () => {
    await expect(formatSavepointReply('staging', EVERY_OUTCOME, 'markdown')).toMatchFileSnapshot(
      'golden/savepoint-reply.md',
    );
  });

  test('every outcome, as the terminal prints it (no Markdown)', async () => {
    const text = formatSavepointReply('staging', EVERY_OUTCOME, 'text');
    expect(text).not.toContain('`');
    await expect(text).toMatchFileSnapshot('golden/savepoint-reply.txt');
  });

  test('the header counts the savepoints taken', () => {
    expect(formatSavepointReply('prod', EVERY_OUTCOME.slice(0, 3), 'text').split('\n')[0]).toBe(
      'Savepoints in prod: 2 of 3 taken',
    );
  });
});
