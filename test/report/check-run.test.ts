import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { CHECK_OUTPUT_LIMIT, formatCheckRun } from '../../src/report/check-run.js';

const d = (over: Partial<Diagnostic>): Diagnostic => ({
  file: 'jobs/orders/main.sql',
  line: 5,
  column: 3,
  endLine: 5,
  endColumn: 21,
  severity: 'error',
  rule: 'sql/connector-options',
  message: 'unknown option `scan.startup.mod`',
  ...over,
});
const jobs = [
  { name: 'orders', dir: 'jobs/orders', change: 'changed' as const },
  { name: 'payments', dir: 'jobs/payments', change: 'unchanged' as const },
];

describe('formatCheckRun', () => {
  it('annotates the exact span: columns only on one line, end column inclusive, rule as title, hint in the message', () => {
    const r = formatCheckRun({
      diagnostics: [
        d({ hint: 'did you mean `scan.startup.mode`?' }),
        d({
          line: 7,
          endLine: 9,
          column: 1,
          endColumn: 4,
          severity: 'warning',
          rule: 'sql/multiple-inserts',
          message: 'two inserts',
        }),
      ],
      jobs,
      fork: false,
    });
    expect(r.conclusion).toBe('failure');
    expect(r.annotations).toEqual([
      {
        path: 'jobs/orders/main.sql',
        start_line: 5,
        end_line: 5,
        start_column: 3,
        end_column: 20,
        annotation_level: 'failure',
        title: 'sql/connector-options',
        message: 'unknown option `scan.startup.mod`\n\nhint: did you mean `scan.startup.mode`?',
      },
      {
        path: 'jobs/orders/main.sql',
        start_line: 7,
        end_line: 9,
        annotation_level: 'warning',
        title: 'sql/multiple-inserts',
        message: 'two inserts',
      },
    ]);
    expect(r.title).toBe('1 error, 1 warning');
  });

  it('succeeds with warnings only, and tables each changed job or job with findings', () => {
    const r = formatCheckRun({
      diagnostics: [d({ severity: 'warning', file: 'jobs/payments/job.yaml' })],
      jobs,
      fork: false,
    });
    expect(r.conclusion).toBe('success');
    expect(r.summary).toMatch(/\| orders \| changed \| :white_check_mark: ok \| 0 \| 0 \|/);
    expect(r.summary).toMatch(/\| payments \| unchanged \| :warning: warnings \| 0 \| 1 \|/);
  });

  it('caps annotations on a huge pull request, errors first, and gives the total', () => {
    const many = Array.from({ length: 700 }, (_, i) =>
      d({ line: i + 1, endLine: i + 1, severity: i % 2 ? 'error' : 'warning' }),
    );
    const r = formatCheckRun({ diagnostics: many, jobs, fork: false, maxAnnotations: 500 });
    expect(r.annotations).toHaveLength(500);
    expect(r.annotations.filter((a) => a.annotation_level === 'failure')).toHaveLength(350);
    expect(r.summary).toContain(
      '700 findings: the first 500 are annotated on their lines, the other 200 are listed below',
    );
    expect(r.text!.split('\n').filter((l) => l.startsWith('- `'))).toHaveLength(200);
  });

  it('keeps summary and text within GitHub limits for thousands of jobs and findings', () => {
    const bigJobs = Array.from({ length: 5000 }, (_, i) => ({
      name: `job-with-a-long-name-${i}`,
      dir: `jobs/job-with-a-long-name-${i}`,
      change: 'changed' as const,
    }));
    const findings = Array.from({ length: 5000 }, (_, i) =>
      d({ file: `jobs/job-with-a-long-name-${i}/main.sql`, message: 'x'.repeat(100) }),
    );
    const r = formatCheckRun({ diagnostics: findings, jobs: bigJobs, fork: false });
    expect(r.summary.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(r.text!.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(r.summary).toMatch(/… and \d+ more jobs \(summary limit reached\)/);
  });

  it('says that forks are validated but never built or deployed', () => {
    const r = formatCheckRun({ diagnostics: [], jobs, fork: true });
    expect(r.conclusion).toBe('success');
    expect(r.summary).toContain('nothing is built or deployed from forks');
  });

  it('turns a failure of the check itself into a failed run with the reason, redacted', () => {
    const r = formatCheckRun({
      diagnostics: [],
      jobs: [],
      fork: false,
      failure: {
        reason: 'git fetch failed for https://x-access-token:ghs_aaaaaaaaaaaaaaaaaaaaaaaa@github.com/a/b',
        hint: 'push again',
      },
      redact: (t) => t.replace(/ghs_\w+/g, '[redacted]'),
    });
    expect(r.conclusion).toBe('failure');
    expect(r.title).toMatch(/^Could not validate: git fetch failed/);
    expect(r.summary).toContain('What to do: push again');
    expect(JSON.stringify(r)).not.toContain('ghs_a');
  });
});

// Whole outputs, compared with golden files: a changed word or a stray line fails here. Regenerate
// deliberately with `npx vitest run -u test/report/check-run.test.ts` and review the diff.
describe('formatCheckRun, whole output', () => {
  it('a failing run with an error, a warning and a hint: title, summary, text and annotations', async () => {
    const r = formatCheckRun({
      diagnostics: [
        d({ hint: 'did you mean `scan.startup.mode`?' }),
        d({
          file: 'jobs/payments/job.yaml',
          line: 3,
          endLine: 3,
          column: 14,
          endColumn: 15,
          severity: 'warning',
          rule: 'manifest/schema',
          message: 'parallelism 1 is low',
        }),
      ],
      jobs,
      fork: false,
    });
    await expect(
      `${JSON.stringify({ conclusion: r.conclusion, title: r.title }, null, 2)}\n\n${r.summary}\n\n---\n\n${r.text ?? ''}\n\n---\n\n${JSON.stringify(r.annotations, null, 2)}\n`,
    ).toMatchFileSnapshot('./golden/check-run.md');
  });
});
