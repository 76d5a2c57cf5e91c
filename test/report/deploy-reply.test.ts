// The replies of `/deploy <env>` as a person reads them in the pull request, compared whole with
// golden files (regenerate with `npx vitest run test/report/deploy-reply.test.ts -u` and read the diff).
import { describe, expect, it } from 'vitest';
import type { EnvironmentDeployReport } from '../../src/deploy/types.js';
import {
  commandDescription,
  formatDeployed,
  formatDeploying,
  formatImagesDiffer,
  formatNotMerged,
  formatNotPromotable,
} from '../../src/report/deploy-reply.js';
import { fitDescription } from '../../src/github/deployments.js';
import { redact } from '../../src/text/redact.js';

const sha = 'def5678901234567890123456789012345678901';
const clean = (text: string) => redact(text, ['hunter2-registry-secret']);
const digest = (c: string) => `sha256:${c.repeat(64)}`;

const deployed: EnvironmentDeployReport = {
  environment: 'production',
  sha,
  orphans: [],
  jobs: [
    {
      job: 'orders',
      kind: 'FlinkDeployment',
      namespace: 'flink-prod',
      state: 'running',
      image: `ghcr.io/acme/flink-jobs/orders:c0ffee@${digest('a')}`,
      webUi: { via: 'ingress', url: 'https://flink.acme.dev/flink-prod/orders/' },
      lifecycleState: 'STABLE',
      jobState: 'RUNNING',
      deploymentId: 7,
    },
    {
      job: 'clicks',
      kind: 'FlinkDeployment',
      namespace: 'flink-prod',
      state: 'failed',
      image: `ghcr.io/acme/flink-jobs/clicks:beef00@${digest('b')}`,
      lifecycleState: 'STABLE',
      jobState: 'FAILED',
      failure: {
        summary: 'the job failed: java.lang.ArithmeticException: / by zero',
        rootCause: 'java.lang.ArithmeticException: / by zero\n\tat com.acme.Clicks.map(Clicks.java:42)',
        events: [],
        logTail: [],
        hint: 'fix the division in Clicks.map, then merge again',
      },
    },
  ],
};

describe('the replies of /deploy', () => {
  it('a promotion refused, in progress, and done: golden', async () => {
    const shown = {
      environment: 'production',
      sha,
      jobs: ['orders', 'clicks'],
      after: 'staging',
      same: ['orders', 'clicks'],
      own: [],
    };
    const texts = [
      formatNotMerged({ environment: 'production', pullRequest: 12, closed: false }),
      formatNotMerged({ environment: 'production', pullRequest: 12, closed: true }),
      formatNotPromotable({
        environment: 'production',
        after: 'staging',
        sha,
        problems: [
          'staging runs `orders` at abc1234, not def5678',
          "staging's job `clicks` is FAILED / STABLE: java.lang.ArithmeticException: / by zero",
        ],
      }),
      formatImagesDiffer({
        environment: 'production',
        after: 'staging',
        sha,
        problems: [
          '`orders`: staging runs `ghcr.io/acme/flink-jobs/orders:c0ffee`, but this commit now makes `ghcr.io/acme/flink-jobs/orders:0ddba11` (its base image or a dependency moved since staging was deployed)',
        ],
      }),
      formatDeploying(shown),
      formatDeployed({
        ...shown,
        report: deployed,
        checkRunUrl: 'https://github.com/acme/flink-jobs/runs/99',
        redact: clean,
      }),
    ];
    await expect(texts.join('\n\n----\n\n') + '\n').toMatchFileSnapshot('./golden/deploy-reply.md');
  });

  it('a Deployment status names who gave the command before the reason, so GitHub’s 140-character cut keeps it', () => {
    const audit = { command: '/deploy production', by: 'alice', at: '2026-12-06T06:40:12Z', url: 'https://x/1' };
    const long = commandDescription(audit, `Not applied: ${'a very long reason '.repeat(10)}`);
    expect(fitDescription(long)).toMatch(
      /^\/deploy production by @alice 2026-12-06 06:40 UTC: Not applied: a very long/,
    );
    expect(fitDescription(long)).toHaveLength(140);
  });
});
