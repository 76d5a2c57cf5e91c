import { describe, expect, test } from 'vitest';
import { formatNoEarlierDeployment, formatRollbackReply } from '../../src/report/rollback-reply.js';

const A = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const B = 'b2c3d4e5f60718293a4b5c6d7e8f901234567890';
const IMAGE = `registry.example.test/acme/jobs:orders-0123456789abcdef@sha256:${'ab'.repeat(32)}`;

describe('the /rollback reply', () => {
  test('one job back and running, one whose image is gone, one that failed; the revert pull request linked', async () => {
    const text = formatRollbackReply({
      environment: 'staging',
      rows: [
        {
          job: 'orders',
          from: B,
          to: A,
          report: {
            job: 'orders',
            kind: 'FlinkDeployment',
            namespace: 'flink-staging',
            state: 'running',
            image: IMAGE,
            webUi: { via: 'ingress', url: 'https://flink.staging.test/flink-staging/orders/' },
          },
        },
        {
          job: 'payments',
          from: B,
          to: A,
          report: {
            job: 'payments',
            kind: 'FlinkDeployment',
            namespace: 'flink-staging',
            state: 'skipped',
            reason: `its image of a1b2c3d (registry.example.test/acme/jobs:payments-1@sha256:${'00'.repeat(32)}) is no longer in the registry; a rollback never rebuilds, so nothing of it was applied`,
          },
        },
        {
          job: 'clicks',
          to: A,
          report: {
            job: 'clicks',
            kind: 'FlinkDeployment',
            namespace: 'flink-staging',
            state: 'failed',
            failure: { summary: 'the job failed: java.lang.IllegalStateException: boom', events: [], logTail: [] },
          },
        },
      ],
      revert: { number: 42, url: 'https://github.test/acme/flink-jobs/pull/42' },
    });
    await expect(text).toMatchFileSnapshot('./golden/rollback-reply.md');
  });

  test('everything back, and GitHub refused the revert pull request: said, with what it means', () => {
    const text = formatRollbackReply({
      environment: 'staging',
      rows: [
        {
          job: 'orders',
          to: A,
          report: {
            job: 'orders',
            kind: 'FlinkDeployment',
            namespace: 'flink-staging',
            state: 'running',
            image: IMAGE,
          },
        },
      ],
      revert: { problem: 'Resource not accessible by integration' },
    });
    expect(text.split('\n')[0]).toBe('⏪ Rolled back `orders` in `staging`.');
    expect(text).toContain('(no revert pull request: Resource not accessible by integration)');
  });

  test('no earlier deployment: the jobs, how far back it looked, and the command with --to', () => {
    expect(
      formatNoEarlierDeployment({
        environment: 'production',
        jobs: [
          { job: 'orders', looked: 1 },
          { job: 'clicks', looked: 0 },
        ],
      }),
    ).toBe(
      [
        '🤷 There is no earlier successful deployment to roll back to in `production`:',
        '',
        '- `orders`: none of its last 1 deployment before the one running succeeded with another commit',
        '- `clicks`: no deployment of it is recorded',
        '',
        'Nothing was changed. Name the commit: `/rollback orders clicks --env production --to <sha>`.',
      ].join('\n'),
    );
  });
});
