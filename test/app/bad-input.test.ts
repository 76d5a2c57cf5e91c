// End to end (see pull-request.test.ts for the setup): repositories a pull request can break in
// ways the engine must survive. Each ends in a completed check run that names what is wrong and
// where — never an exception, never a run left in_progress. GitHub's REST contract:
// @octokit/openapi 23.0.2 (api.github.com), served by the fake in test/support/fake-github.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { FileChanges } from '../support/git-fixture.js';
import { repoRoot } from '../support/run-cli.js';
import { useE2e, PullRequest } from './e2e-harness.js';

const e2e = useE2e();

const example = (file: string) => readFileSync(path.join(repoRoot, 'examples', 'acme-flink-jobs', file), 'utf8');

/** `job`: the job the change breaks; it must be reported as failing, not as deleted. */
async function failsWith(changes: FileChanges, where: RegExp, what: RegExp, job?: string): Promise<void> {
  const pr = await e2e().openPullRequest(changes);
  const run = await pr.validated();
  expect(run.status).toBe('completed');
  expect(run.conclusion).toBe('failure');
  const text = PullRequest.text(run);
  expect(text).toMatch(where);
  expect(text).toMatch(what);
  if (job) {
    // A reviewer reading "deleted" would believe merging removes the job from the cluster.
    const row = (run.output.summary ?? '').split('\n').find((l) => l.startsWith(`| ${job} |`));
    expect(row, `the summary's row for ${job}`).toBeDefined();
    expect(row).not.toMatch(/deleted/);
  }
}

describe('bad input ends in a completed check run that says what and where', { timeout: 120_000 }, () => {
  test('malformed YAML in a job manifest', async () => {
    await failsWith(
      { 'jobs/orders-enrichment/job.yaml': `${example('jobs/orders-enrichment/job.yaml')}\nparallelism: [4\n` },
      /jobs\/orders-enrichment\/job\.yaml/,
      /yaml|flow sequence|unexpected|expected/i,
      'orders-enrichment',
    );
    const run = e2e().fake.checkRuns.at(-1)!;
    expect(run.annotations.some((a) => a.path === 'jobs/orders-enrichment/job.yaml' && a.start_line > 1)).toBe(true);
  });

  test('a missing streampilot.yaml', async () => {
    await failsWith({ 'streampilot.yaml': null }, /streampilot\.yaml/, /missing|not found|no such|does not exist/i);
  });

  test('a binary SQL file', async () => {
    const binary = Buffer.concat([
      Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x89, 0x50, 0x4e, 0x47]),
      Buffer.alloc(2048, 0),
    ]);
    await failsWith(
      { 'jobs/clickstream-fanout/main.sql': binary },
      /jobs\/clickstream-fanout\/(main\.sql|job\.yaml:\d+ .*main\.sql)/,
      /binary|not (valid )?(UTF-8|text)/i,
      'clickstream-fanout',
    );
  });

  test('a 10 MB SQL file', async () => {
    const line = "INSERT INTO analytics_views SELECT user_id, url, event_time FROM page_views WHERE url <> 'x';\n";
    const big = `${example('jobs/clickstream-fanout/main.sql')}\n${line.repeat(Math.ceil((10 * 1024 * 1024) / line.length))}`;
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    await failsWith(
      { 'jobs/clickstream-fanout/main.sql': big },
      /jobs\/clickstream-fanout\/(main\.sql|job\.yaml:\d+ .*main\.sql)/,
      /too (large|big)|size|MiB|limit/i,
      'clickstream-fanout',
    );
  });

  test('a manifest path that escapes the repository', async () => {
    // A .sql name, so the schema's pattern passes and the path check itself must catch it.
    const manifest = example('jobs/payment-fraud-alerts/job.yaml').replace(
      'sql: [main.sql]',
      'sql: [../../../outside.sql]',
    );
    expect(manifest).toContain('outside.sql');
    await failsWith(
      { 'jobs/payment-fraud-alerts/job.yaml': manifest },
      /jobs\/payment-fraud-alerts\/job\.yaml:8/,
      /outside|escape/i,
      'payment-fraud-alerts',
    );
    const run = e2e().fake.checkRuns.at(-1)!;
    expect(PullRequest.text(run)).not.toMatch(/root:x:0:0/);
  });

  test('a symlink out of the repository', async () => {
    await failsWith(
      { 'jobs/payment-fraud-alerts/main.sql': { symlinkTo: '/etc/passwd' } },
      /jobs\/payment-fraud-alerts\/(main\.sql|job\.yaml:\d+ .*main\.sql)/,
      /symlink|symbolic link|outside/i,
      'payment-fraud-alerts',
    );
    expect(PullRequest.text(e2e().fake.checkRuns.at(-1)!)).not.toMatch(/root:x:0:0/);
  });
});
