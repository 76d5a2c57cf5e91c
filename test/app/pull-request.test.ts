// End to end: the app as its own process (`node dist/app/main.js`, as `npm start`), HMAC-signed
// webhooks over HTTP (payloads from @octokit/webhooks-examples), a real git repository on disk,
// and GitHub's REST API served by a fake that checks every request against GitHub's OpenAPI
// description (@octokit/openapi 23.0.2, api.github.com; test/fixtures/github/openapi-slice.json).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../support/run-cli.js';
import { CHECK_NAME, useE2e, PLAN_MARKER, PullRequest } from './e2e-harness.js';

const e2e = useE2e();

const example = (file: string) => readFileSync(path.join(repoRoot, 'examples', 'acme-flink-jobs', file), 'utf8');

describe('the app validates a pull request', { timeout: 120_000 }, () => {
  test('a clean pull request: check run success on the head SHA, one plan comment with the marker', async () => {
    const sql = example('jobs/clickstream-fanout/main.sql').replace(
      "'format' = 'json'\n);",
      "'format' = 'json',\n  'scan.startup.mode' = 'latest-offset'\n);",
    );
    const pr = await e2e().openPullRequest({ 'jobs/clickstream-fanout/main.sql': sql });
    const run = await pr.validated({ comment: true });
    expect(run).toMatchObject({ name: CHECK_NAME, head_sha: pr.headSha, status: 'completed', conclusion: 'success' });
    expect(run.annotations.filter((a) => a.annotation_level === 'failure')).toEqual([]);
    expect(run.output.summary).toMatch(/clickstream-fanout/);
    const comments = pr.appComments();
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(PLAN_MARKER);
    expect(comments[0]!.body).toMatch(/clickstream-fanout/);
    expect(comments[0]!.body.length).toBeLessThan(65_536);
    // The secret check after each test covers installation tokens only if the app got one.
    expect(e2e().fake.installationTokens.length).toBeGreaterThan(0);
  });

  test('planted SQL and YAML errors: failure, annotations on the lines `streampilot check` reports', async () => {
    const sql = example('jobs/clickstream-fanout/main.sql')
      .replace("'topic' = 'page-views',", "'topik' = 'page-views',")
      .replace('SELECT user_id, url, event_time FROM page_views', 'SELEC user_id, url, event_time FROM page_views');
    // In another job: a job whose manifest is broken has its SQL left unchecked.
    const manifest = example('jobs/payment-fraud-alerts/job.yaml').replace(
      'upgradeMode: stateless',
      'upgradeMode: stateles',
    );
    const pr = await e2e().openPullRequest({
      'jobs/clickstream-fanout/main.sql': sql,
      'jobs/payment-fraud-alerts/job.yaml': manifest,
    });
    const run = await pr.validated();
    expect(run.conclusion).toBe('failure');

    const cli = e2e().cliFindings(pr.headSha);
    const cliErrors = cli.filter((f) => f.severity === 'error');
    // The three planted problems, where we planted them: the CLI is the reference the app must agree with.
    expect(cliErrors.map((f) => `${f.file}:${f.line}`)).toEqual(
      expect.arrayContaining([
        'jobs/clickstream-fanout/main.sql:14',
        'jobs/clickstream-fanout/main.sql:49',
        'jobs/payment-fraud-alerts/job.yaml:13',
      ]),
    );
    const key = (p: string, line: number, level: string) => `${p}:${line}:${level}`;
    const annotated = new Set(run.annotations.map((a) => key(a.path, a.start_line, a.annotation_level)));
    const expected = new Set(cli.map((f) => key(f.file, f.line, f.severity === 'error' ? 'failure' : 'warning')));
    expect([...annotated].sort()).toEqual([...expected].sort());
    for (const f of cli) {
      const a = run.annotations.find((x) => x.path === f.file && x.start_line === f.line && x.end_line === f.endLine);
      expect(a, `annotation for ${f.file}:${f.line}-${f.endLine}`).toBeDefined();
      expect(`${a!.title ?? ''} ${a!.message}`).toContain(f.message.slice(0, 40));
    }
  });

  test('240 findings: every one annotated (or the total in the summary), at most 50 annotations per request', async () => {
    const inserts = Array.from(
      { length: 120 },
      (_, i) => `INSERT INTO missing_table_${i + 1} SELECT user_id, url, event_time FROM page_views;`,
    ).join('\n');
    const pr = await e2e().openPullRequest({
      'jobs/clickstream-fanout/main.sql': `${example('jobs/clickstream-fanout/main.sql')}${inserts}\n`,
    });
    const run = await pr.validated();
    expect(run.conclusion).toBe('failure');
    const cli = e2e().cliFindings(pr.headSha);
    expect(cli).toHaveLength(240);
    const writes = e2e().fake.requests.filter(
      (r) => r.operationId === 'checks/create' || (r.operationId === 'checks/update' && r.path.endsWith(`/${run.id}`)),
    );
    for (const w of writes)
      expect(
        ((w.body as { output?: { annotations?: unknown[] } }).output?.annotations ?? []).length,
      ).toBeLessThanOrEqual(50);
    if (run.annotations.length < cli.length)
      expect(`${run.output.title}\n${run.output.summary}`).toMatch(/240|120 errors/);
    else expect(run.annotations).toHaveLength(240);
    const errorLines = new Set(cli.filter((f) => f.severity === 'error').map((f) => f.line));
    // Errors come before warnings when a cap applies: a reviewer needs those first.
    expect(
      run.annotations.filter((a) => a.annotation_level === 'failure').every((a) => errorLines.has(a.start_line)),
    ).toBe(true);
    expect(run.annotations.filter((a) => a.annotation_level === 'failure').length).toBe(
      Math.min(120, run.annotations.length),
    );
  });

  test('a second push: a new check run for the new SHA, the same comment edited in place', async () => {
    const pr = await e2e().openPullRequest({
      'jobs/clickstream-fanout/job.yaml': example('jobs/clickstream-fanout/job.yaml').replace(
        'upgradeMode: last-state',
        'upgradeMode: savepoint',
      ),
    });
    const first = await pr.validated({ comment: true });
    const [comment] = pr.appComments();
    const firstBody = comment!.body;
    const firstSha = pr.headSha;
    const mark = e2e().fake.requests.length;

    await pr.push({
      'jobs/clickstream-fanout/job.yaml': example('jobs/clickstream-fanout/job.yaml').replace(
        'upgradeMode: last-state',
        'upgradeMode: stateless',
      ),
    });
    const second = await pr.validated({ after: mark });
    await e2e().fake.waitFor(
      () => pr.appComments()[0]!.edits > 0 || undefined,
      'the plan comment to be edited',
      30_000,
    );

    expect(second.id).not.toBe(first.id);
    expect(second.head_sha).toBe(pr.headSha);
    expect(pr.checkRuns(firstSha).map((r) => r.id)).toEqual([first.id]);
    const comments = pr.appComments();
    expect(comments.map((c) => c.id)).toEqual([comment!.id]);
    expect(comments[0]!.body).toContain(PLAN_MARKER);
    expect(comments[0]!.body).not.toBe(firstBody);
    expect(
      e2e()
        .fake.requests.slice(mark)
        .filter((r) => r.operationId === 'issues/create-comment'),
    ).toEqual([]);
  });

  test('the plan comment is found again past the first page of comments, and a human quoting the marker is left alone', async () => {
    const pr = await e2e().openPullRequest({
      'jobs/clickstream-fanout/job.yaml': `${example('jobs/clickstream-fanout/job.yaml')}parallelism: 3\n`,
    });
    await pr.validated({ comment: true });
    const [mine] = pr.appComments();
    const quoted = e2e().fake.addComment({
      repository: e2e().fullName,
      issue_number: pr.number,
      body: `> ${PLAN_MARKER}\n> the plan said…\nWhy is this changed?`,
      user: 'reviewer',
    });
    for (let i = 0; i < 40; i++)
      e2e().fake.addComment({
        repository: e2e().fullName,
        issue_number: pr.number,
        body: `review note ${i}`,
        user: 'reviewer',
      });
    const mark = e2e().fake.requests.length;

    await pr.push({
      'jobs/clickstream-fanout/job.yaml': `${example('jobs/clickstream-fanout/job.yaml')}parallelism: 5\n`,
    });
    await pr.validated({ after: mark });
    await e2e().fake.waitFor(
      () => pr.appComments()[0]!.edits > 0 || undefined,
      'the plan comment to be edited',
      30_000,
    );

    expect(pr.appComments().map((c) => c.id)).toEqual([mine!.id]);
    expect(quoted.edits).toBe(0);
    expect(
      e2e()
        .fake.requests.slice(mark)
        .map((r) => r.operationId),
    ).not.toContain('issues/create-comment');
  });

  test('a redelivery of the same delivery id: no second check run, no second comment', async () => {
    const pr = await e2e().openPullRequest({
      'jobs/orders-enrichment/main.sql': `${example('jobs/orders-enrichment/main.sql')}\n-- reviewed\n`,
    });
    await pr.validated({ comment: true });
    const runs = pr.checkRuns().map((r) => r.id);
    const comments = pr.appComments().map((c) => c.id);
    const mark = e2e().fake.requests.length;

    const again = await pr.deliver('opened', { deliveryId: pr.delivery.deliveryId });
    expect(again.status).toBeLessThan(300);
    await e2e().fake.quiet(3000, 30_000);

    const writes = e2e()
      .fake.requests.slice(mark)
      .filter((r) => r.method !== 'GET');
    expect(writes.map((r) => r.operationId)).not.toContain('checks/create');
    expect(writes.map((r) => r.operationId)).not.toContain('issues/create-comment');
    expect(pr.checkRuns().map((r) => r.id)).toEqual(runs);
    expect(pr.appComments().map((c) => c.id)).toEqual(comments);
  });

  test('the same event under a new delivery id (GitHub sent it twice): the existing check run is reused, still one comment', async () => {
    const pr = await e2e().openPullRequest({
      'jobs/payment-fraud-alerts/main.sql': `${example('jobs/payment-fraud-alerts/main.sql')}\n-- twice\n`,
    });
    const first = await pr.validated({ comment: true });
    const mark = e2e().fake.requests.length;
    const again = await pr.deliver('opened');
    expect(again.status).toBeLessThan(300);
    await e2e().fake.quiet(3000, 60_000);
    expect(pr.checkRuns().map((r) => r.id)).toEqual([first.id]);
    expect(pr.checkRuns()[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(pr.appComments()).toHaveLength(1);
    expect(
      e2e()
        .fake.requests.slice(mark)
        .map((r) => r.operationId),
    ).not.toContain('checks/create');
  });

  test('a re-run request (check_run.rerequested): validated again, the run completed again, still one comment', async () => {
    const pr = await e2e().openPullRequest({
      'jobs/orders-revenue-per-minute/job.yaml': example('jobs/orders-revenue-per-minute/job.yaml').replace(
        'parallelism: 2',
        'parallelism: 3',
      ),
    });
    const first = structuredClone(await pr.validated({ comment: true }));
    const mark = e2e().fake.requests.length;

    const d = await pr.rerequest(first);
    expect(d.status, d.body).toBeLessThan(300);
    const rerun = await pr.validated({ after: mark });

    expect(rerun).toMatchObject({ head_sha: pr.headSha, status: 'completed', conclusion: first.conclusion });
    const writes = e2e()
      .fake.requests.slice(mark)
      .filter((r) => r.method !== 'GET')
      .map((r) => r.operationId);
    expect(writes.some((id) => id === 'checks/create' || id === 'checks/update')).toBe(true);
    expect(pr.appComments()).toHaveLength(1);
    expect(rerun.annotations.filter((a) => a.annotation_level === 'failure')).toEqual([]);
    // Same commit, same verdict: the re-run reports what the first run reported.
    expect(PullRequest.text(first)).toMatch(/orders-revenue-per-minute/);
    expect(rerun.output.summary).toBe(first.output.summary);
  });
});
