// What a person sees of a deploy: the `StreamPilot / deploy <env>` check run (GitHub's limits:
// output.summary ≤ 65,535 characters, per the check-runs OpenAPI schema), the pull request
// comment (bodies ≤ 65,536 characters) and the CLI text.
import { describe, expect, it } from 'vitest';
import type { EnvironmentDeployReport, JobDeployReport } from '../../src/deploy/types.js';
import { DEPLOY_COMMENT_MARKER, formatDeployComment } from '../../src/report/deploy-comment.js';
import { deployCheckRunName, formatDeployCheckRun } from '../../src/report/deploy-check-run.js';
import { formatDeployText } from '../../src/report/format-deploy-text.js';
import { CHECK_OUTPUT_LIMIT } from '../../src/report/check-run.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/report/plan-comment.js';
import { redact } from '../../src/text/redact.js';

const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const REGISTRY_PASSWORD = 'hunter2-registry-secret';
const clean = (text: string) => redact(text, [REGISTRY_PASSWORD]);
const sha = 'abcdef0123456789abcdef0123456789abcdef01';
const newer = '9876543210fedcba9876543210fedcba98765432';

const orders: JobDeployReport = {
  job: 'orders',
  kind: 'FlinkDeployment',
  namespace: 'flink-staging',
  state: 'running',
  image: 'registry.acme.dev:5000/acme/orders@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  webUi: { via: 'ingress', url: 'https://flink.acme.dev/flink-staging/orders/' },
  restoredFrom: 's3://flink/savepoints/orders/savepoint-1a2b3c',
  lifecycleState: 'STABLE',
  jobState: 'RUNNING',
};
const payments: JobDeployReport = {
  job: 'payments',
  kind: 'FlinkDeployment',
  namespace: 'flink-staging',
  state: 'failed',
  image: 'registry.acme.dev:5000/acme/payments@sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210',
  webUi: {
    via: 'port-forward',
    command: 'kubectl -n flink-staging port-forward svc/payments-rest 8081:8081',
    url: 'http://localhost:8081/',
  },
  lifecycleState: 'FAILED',
  jobState: 'FAILED',
  failure: {
    summary: 'the job failed: java.lang.ArithmeticException: / by zero',
    rootCause:
      'java.lang.ArithmeticException: / by zero\n\tat com.acme.Payments.map(Payments.java:42)\n\tat org.apache.flink.streaming.api.operators.StreamMap.processElement(StreamMap.java:38)',
    events: ['Warning BackOff pod/payments-7d9f-jm Back-off restarting failed container'],
    logTail: [
      'INFO  Starting JobManager',
      `INFO  pulling lookup table from https://x-access-token:${TOKEN}@github.com/acme/lookup.git`,
      `WARN  registry login with ${REGISTRY_PASSWORD} failed`,
      'ERROR Job payments switched to FAILED',
    ],
    hint: 'fix the division in Payments.map, then merge again',
  },
};
const enrich: JobDeployReport = {
  job: 'enrich',
  kind: 'FlinkDeployment',
  namespace: 'flink-staging',
  state: 'drift',
  drift: [{ field: '.spec.job.parallelism', manager: 'kubectl-edit' }],
};
const audit: JobDeployReport = {
  job: 'audit',
  kind: 'FlinkSessionJob',
  namespace: 'flink-staging',
  state: 'superseded',
  supersededBy: newer,
};
const reports: JobDeployReport = {
  job: 'reports',
  kind: 'FlinkDeployment',
  namespace: 'flink-staging',
  state: 'unchanged',
  webUi: { via: 'node-port', url: 'http://10.0.0.5:30081/' },
};

const staging: EnvironmentDeployReport = {
  environment: 'staging',
  sha,
  jobs: [orders, payments, enrich, audit, reports],
  orphans: [
    { kind: 'FlinkDeployment', namespace: 'flink-staging', name: 'old-clickstream', pruned: false },
    { kind: 'FlinkSessionJob', namespace: 'flink-staging', name: 'legacy-audit', pruned: true },
  ],
};

describe('formatDeployCheckRun', () => {
  it('is named after the environment', () => {
    expect(deployCheckRunName('staging')).toBe('StreamPilot / deploy staging');
  });

  it('tables every job: state in words, short pinned image, Web UI link or port-forward command, savepoint restored from', () => {
    const r = formatDeployCheckRun(staging, { redact: clean });
    expect(r.conclusion).toBe('failure');
    expect(r.title).toBe('staging: 1 running, 1 unchanged, 1 failed, 1 drift, 1 superseded');
    const rows = r.summary
      .split('\n')
      .filter(
        (l) =>
          l.startsWith('| ') &&
          !l.startsWith('| job') &&
          !l.startsWith('| ---') &&
          !l.startsWith('| field') &&
          !l.startsWith('| `'),
      );
    expect(rows).toEqual([
      '| orders | running | `acme/orders@sha256:01234567…` | [Flink Web UI](https://flink.acme.dev/flink-staging/orders/) | `s3://flink/savepoints/orders/savepoint-1a2b3c` |',
      '| payments | **failed** | `acme/payments@sha256:fedcba98…` | `kubectl -n flink-staging port-forward svc/payments-rest 8081:8081` then http://localhost:8081/ | — |',
      '| enrich | **drift** | — | — | — |',
      '| audit | superseded by `9876543210fe` | — | — | — |',
      '| reports | unchanged | — | [Flink Web UI](http://10.0.0.5:30081/) | — |',
    ]);
  });

  it('explains a failure: summary, root cause in a code block, events, log tail folded, hint — with the token and the password redacted', () => {
    const { summary } = formatDeployCheckRun(staging, { redact: clean });
    const section = summary.slice(summary.indexOf('### payments: failed'), summary.indexOf('### enrich'));
    expect(section).toContain('the job failed: java.lang.ArithmeticException: / by zero');
    expect(section).toContain('Operator status at the end: lifecycle `FAILED`, job `FAILED`.');
    expect(section).toContain(
      'Root cause (from Flink):\n\n```\njava.lang.ArithmeticException: / by zero\n\tat com.acme.Payments.map(Payments.java:42)',
    );
    expect(section).toContain('- Warning BackOff pod/payments-7d9f-jm Back-off restarting failed container');
    expect(section).toContain('<details><summary>JobManager log: last 4 lines</summary>');
    expect(section).toContain('INFO  pulling lookup table from https://[redacted]@github.com/acme/lookup.git');
    expect(section).toContain('WARN  registry login with [redacted] failed');
    expect(section).toContain('What to do: fix the division in Payments.map, then merge again');
    expect(summary).not.toContain(TOKEN);
    expect(summary).not.toContain(REGISTRY_PASSWORD);
  });

  it('shows drift: the fields, who changed them, and both ways out', () => {
    const { summary } = formatDeployCheckRun(staging, { redact: clean });
    expect(summary).toContain('### enrich: drift');
    expect(summary).toContain('| `.spec.job.parallelism` | `kubectl-edit` |');
    expect(summary).toMatch(
      /revert the manual change .* or let Git win and take the fields over: `streampilot deploy --env staging --force`/,
    );
  });

  it('lists the resources no longer in Git, left running or deleted', () => {
    const { summary } = formatDeployCheckRun(staging, { redact: clean });
    expect(summary).toContain(
      '- FlinkDeployment `flink-staging/old-clickstream`: left running; enable `deploy.prune` to delete it.',
    );
    expect(summary).toContain('- FlinkSessionJob `flink-staging/legacy-audit`: deleted.');
  });

  it('succeeds only when every job runs; superseded alone is neutral; an environment that could not be deployed fails', () => {
    expect(formatDeployCheckRun({ ...staging, jobs: [orders, reports], orphans: [] }, { redact: clean })).toMatchObject(
      { conclusion: 'success', title: 'staging: 1 running, 1 unchanged' },
    );
    expect(formatDeployCheckRun({ ...staging, jobs: [orders, audit], orphans: [] }, { redact: clean }).conclusion).toBe(
      'neutral',
    );
    expect(
      formatDeployCheckRun(
        { ...staging, jobs: [orders, { ...orders, job: 'x', state: 'timed-out' }], orphans: [] },
        { redact: clean },
      ).conclusion,
    ).toBe('failure');
    const down = formatDeployCheckRun(
      {
        environment: 'production',
        sha,
        jobs: [],
        orphans: [],
        failure: {
          reason: 'no kubeconfig context "prod-eu" in STREAMPILOT_KUBECONFIG',
          hint: 'add the context or fix environments.production.kubeContext',
        },
      },
      { redact: clean },
    );
    expect(down).toMatchObject({
      conclusion: 'failure',
      title: 'production: not deployed — no kubeconfig context "prod-eu" in STREAMPILOT_KUBECONFIG',
    });
    expect(down.summary).toContain('What to do: add the context or fix environments.production.kubeContext');
  });

  it('stays under 65,535 characters by shortening logs first, keeping their newest lines, and says so', () => {
    const logTail = Array.from({ length: 3000 }, (_, i) => `INFO  line ${i} ${'x'.repeat(80)}`);
    const big: EnvironmentDeployReport = {
      ...staging,
      jobs: [orders, { ...payments, failure: { ...payments.failure!, logTail } }],
    };
    const { summary } = formatDeployCheckRun(big, { redact: clean });
    expect(summary.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(summary).toContain('INFO  line 2999');
    expect(summary).not.toContain('INFO  line 0 ');
    expect(summary).toMatch(/JobManager log: last \d+ lines of 3000 \(shortened to fit\)/);
    expect(summary).toContain(
      "Logs are shortened to their last 50 lines to stay under GitHub's 65,535-character limit; `streampilot status --env staging` shows everything.",
    );
    expect(summary).toContain('java.lang.ArithmeticException: / by zero\n\tat com.acme.Payments.map');
    expect(summary).toContain('| orders | running |');
  });

  it('cuts hundreds of failures at the limit with a note, never a secret cut in half', () => {
    const jobs = Array.from({ length: 400 }, (_, i): JobDeployReport => ({
      ...payments,
      job: `job-${i}`,
      failure: {
        ...payments.failure!,
        rootCause: `${'java.lang.IllegalStateException: broken\n'.repeat(40)}token ${TOKEN}`,
      },
    }));
    const { summary } = formatDeployCheckRun({ ...staging, jobs }, { redact: clean });
    expect(summary.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(summary).toMatch(
      /… cut here at GitHub's limit of 65,535 characters; run `streampilot status --env staging` for the rest\.$/,
    );
    expect(summary).not.toMatch(/ghs_/);
  });
});

describe('formatDeployComment', () => {
  const production: EnvironmentDeployReport = {
    environment: 'production',
    sha,
    jobs: [],
    orphans: [],
    failure: {
      reason: 'not deployed: staging comes first (after: staging), and this commit did not deploy cleanly there',
      hint: 'fix staging first; the next merge deploys both',
    },
  };
  const body = () =>
    formatDeployComment([staging, production], {
      sha,
      checkRunUrls: { staging: 'https://github.com/acme/flink-jobs/runs/41' },
      redact: clean,
    });

  it('starts with its marker and names the commit, then per environment the outcome with a link to the check run', () => {
    const text = body();
    expect(text.split('\n')[0]).toBe(DEPLOY_COMMENT_MARKER);
    expect(text).toContain('## StreamPilot deploy of `abcdef012345`');
    expect(text).toContain(
      '### staging: 1 running, 1 unchanged, 1 failed, 1 drift, 1 superseded — [details](https://github.com/acme/flink-jobs/runs/41)',
    );
    expect(text).toContain('### production: not deployed\n\n**Not deployed:** not deployed: staging comes first');
  });

  it('gives each job its outcome and Web UI, the one-line reason of a failure and its root cause', () => {
    const text = body();
    expect(text).toContain(
      '| orders | running, restored from `s3://flink/savepoints/orders/savepoint-1a2b3c` | [Flink Web UI](https://flink.acme.dev/flink-staging/orders/) |',
    );
    expect(text).toContain(
      '| payments | **failed**: the job failed: java.lang.ArithmeticException: / by zero | `kubectl -n flink-staging port-forward svc/payments-rest 8081:8081` then http://localhost:8081/ |',
    );
    expect(text).toContain(
      '| enrich | **drift**: changed outside Git: .spec.job.parallelism (by kubectl-edit); nothing was applied — `streampilot deploy --env staging --force` lets Git win | — |',
    );
    expect(text).toContain('| audit | superseded by 9876543210fe | — |');
    expect(text).toContain(
      '<details><summary>payments: root cause</summary>\n\n```\njava.lang.ArithmeticException: / by zero\n\tat com.acme.Payments.map(Payments.java:42)',
    );
    expect(text).toContain('1 resource no longer in Git was left running; enable `deploy.prune` to delete it.');
    expect(text).toContain('1 resource no longer in Git was deleted.');
    // Logs stay in the check run: the comment has no log lines, hence neither secret.
    expect(text).not.toContain('pulling lookup table');
  });

  it('redacts a token in a root cause', () => {
    const leaky: EnvironmentDeployReport = {
      ...staging,
      jobs: [
        {
          ...payments,
          failure: {
            ...payments.failure!,
            rootCause: `java.io.IOException: 401 from https://x-access-token:${TOKEN}@github.com`,
          },
        },
      ],
    };
    const text = formatDeployComment([leaky], { sha, redact: clean });
    expect(text).toContain('java.io.IOException: 401 from https://[redacted]@github.com');
    expect(text).not.toContain(TOKEN);
  });

  it("stays under GitHub's comment limit: root causes go first, then rows, each time saying so", () => {
    const many = Array.from({ length: 3000 }, (_, i): JobDeployReport => ({
      ...payments,
      job: `job-with-a-rather-long-name-${i}`,
    }));
    const text = formatDeployComment([{ ...staging, jobs: many }], { sha, redact: clean });
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text).toContain(
      "> Root causes are left out to stay under GitHub's 65,536-character comment limit; the check runs have them.",
    );
    expect(text).toMatch(/\| … \d+ more jobs \| left out at GitHub's size limit: see the check run \| \|/);
    expect(text).toContain('| job-with-a-rather-long-name-0 | **failed**');
  });
});

describe('formatDeployText', () => {
  it('prints one aligned line per job, then the details of each job that needs someone, then the orphans', () => {
    const text = formatDeployText(staging, { color: false, redact: clean });
    const lines = text.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'staging at abcdef012345: 1 running, 1 unchanged, 1 failed, 1 drift, 1 superseded',
      '  orders    running     acme/orders@sha256:01234567…  https://flink.acme.dev/flink-staging/orders/  restored from s3://flink/savepoints/orders/savepoint-1a2b3c',
      '  payments  FAILED      the job failed: java.lang.ArithmeticException: / by zero',
      '  enrich    DRIFT       changed outside Git: .spec.job.parallelism (by kubectl-edit); nothing was applied',
      '  audit     superseded  superseded by 9876543210fe',
      '  reports   unchanged   http://10.0.0.5:30081/',
    ]);
    expect(text).toContain(
      [
        'payments: failed',
        '  the job failed: java.lang.ArithmeticException: / by zero',
        '  root cause:',
        '    java.lang.ArithmeticException: / by zero',
      ].join('\n'),
    );
    expect(text).toContain('  events:\n    Warning BackOff pod/payments-7d9f-jm Back-off restarting failed container');
    expect(text).toContain(
      '  JobManager log (last 4 lines):\n    INFO  Starting JobManager\n    INFO  pulling lookup table from https://[redacted]@github.com/acme/lookup.git',
    );
    expect(text).toContain('  hint: fix the division in Payments.map, then merge again');
    expect(text).toContain(
      'enrich: drift\n  changed outside Git: .spec.job.parallelism (by kubectl-edit); nothing was applied\n  to resolve: revert the manual change, or let Git win: streampilot deploy --env staging --force',
    );
    expect(text).toContain(
      'no longer in Git:\n  FlinkDeployment flink-staging/old-clickstream  left running (enable deploy.prune to delete it)\n  FlinkSessionJob flink-staging/legacy-audit  deleted',
    );
    expect(text).not.toContain('\u001b[');
  });

  it('redacts known token patterns by default and colours states only when asked', () => {
    const plain = formatDeployText(staging, { color: false });
    expect(plain).not.toContain(TOKEN);
    const colored = formatDeployText(staging, { color: true });
    expect(colored).toContain('\u001b[31mFAILED');
    expect(colored).toContain('\u001b[32mrunning');
  });

  it('says why an environment was not deployed at all', () => {
    expect(
      formatDeployText(
        {
          environment: 'production',
          sha,
          jobs: [],
          orphans: [],
          failure: {
            reason: 'cluster unreachable: connect ECONNREFUSED 10.0.0.1:6443',
            hint: 'check the kubeconfig context',
          },
        },
        { color: false },
      ),
    ).toBe(
      'production at abcdef012345: not deployed\n  cluster unreachable: connect ECONNREFUSED 10.0.0.1:6443\n  hint: check the kubeconfig context',
    );
  });
});

// Whole outputs, compared with golden files: a changed word or a stray line fails here. Regenerate
// deliberately with `npx vitest run -u test/report/deploy-reports.test.ts` and review the diff.
describe('deploy reports, whole output', () => {
  const production: EnvironmentDeployReport = {
    environment: 'production',
    sha,
    jobs: [],
    orphans: [],
    failure: {
      reason: 'not deployed: staging comes first (after: staging), and this commit did not deploy cleanly there',
      hint: 'fix staging first; the next merge deploys both',
    },
  };

  it('the deploy check run', async () => {
    const r = formatDeployCheckRun(staging, { redact: clean });
    await expect(
      `${JSON.stringify({ conclusion: r.conclusion, title: r.title }, null, 2)}\n\n${r.summary}\n`,
    ).toMatchFileSnapshot('./golden/deploy-check-run.md');
  });

  it('the deploy comment', async () => {
    const body = formatDeployComment([staging, production], {
      sha,
      checkRunUrls: { staging: 'https://github.com/acme/flink-jobs/runs/41' },
      redact: clean,
    });
    await expect(`${body}\n`).toMatchFileSnapshot('./golden/deploy-comment.md');
  });

  it('the CLI text of a deploy', async () => {
    await expect(`${formatDeployText(staging, { color: false, redact: clean })}\n`).toMatchFileSnapshot(
      './golden/deploy-text.txt',
    );
  });
});
