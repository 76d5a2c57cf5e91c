// End to end (see bad-input.test.ts): the amplification and crash inputs of issue 10 through the
// app as a process against the fake GitHub. Each ends in a completed, failing check run whose
// annotation points at the line that causes it — never "No problems found", never a crash text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../support/run-cli.js';
import { useE2e, PullRequest } from './e2e-harness.js';

const e2e = useE2e();

const example = (file: string) => readFileSync(path.join(repoRoot, 'examples', 'acme-flink-jobs', file), 'utf8');

describe('amplification and stack-overflow inputs end in a positioned failing check run', { timeout: 120_000 }, () => {
  test('a pull request whose job.yaml repeats a 300 KB anchor 999 times fails at the alias, not "No problems found"', async () => {
    const base = example('jobs/clickstream-fanout/job.yaml');
    const keys = Array.from({ length: 999 }, (_, i) => `  copy${i}: *big`).join('\n');
    const bomb = `${base}variables:\n  big: &big "${'x'.repeat(300 * 1024)}"\n${keys}\n`;
    const pr = await e2e().openPullRequest({ 'jobs/clickstream-fanout/job.yaml': bomb });
    const run = await pr.validated();
    expect(run.status).toBe('completed');
    expect(run.conclusion).toBe('failure');
    const text = PullRequest.text(run);
    expect(text).not.toContain('No problems found');
    const annotation = e2e()
      .fake.checkRuns.at(-1)!
      .annotations.find((a) => a.path === 'jobs/clickstream-fanout/job.yaml');
    expect(annotation?.message).toContain('makes this document expand to more than');
    expect(annotation!.start_line).toBeGreaterThan(base.split('\n').length + 2);
  });

  test('a pull request with ARRAY< nested 5,000 deep and 5,000 + terms fails at the nesting with a position, no stack overflow', async () => {
    const sql = `${example('jobs/clickstream-fanout/main.sql')}
CREATE TEMPORARY VIEW sums AS SELECT ${Array(5000).fill('1').join(' + ')} AS s;
CREATE TEMPORARY TABLE deep (a ${'ARRAY<'.repeat(5000)}INT${'>'.repeat(5000)}) WITH ('connector' = 'datagen');
`;
    const line = sql.split('\n').findIndex((l) => l.startsWith('CREATE TEMPORARY TABLE deep')) + 1;
    const pr = await e2e().openPullRequest({ 'jobs/clickstream-fanout/main.sql': sql });
    const run = await pr.validated();
    expect(run.status).toBe('completed');
    expect(run.conclusion).toBe('failure');
    const text = PullRequest.text(run);
    expect(text).not.toMatch(/Maximum call stack|Could not validate/);
    const annotation = e2e()
      .fake.checkRuns.at(-1)!
      .annotations.find(
        (a) => a.path === 'jobs/clickstream-fanout/main.sql' && a.message.includes('nested more than 200 levels'),
      );
    expect(annotation?.start_line).toBe(line);
  });
});
