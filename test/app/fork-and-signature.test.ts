// End to end (see pull-request.test.ts for the setup): pull requests from forks, and webhooks
// whose signature does not verify. GitHub's REST contract: @octokit/openapi 23.0.2
// (api.github.com), served by the fake in test/support/fake-github.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { FakeRepository } from '../support/fake-github/fake-github.js';
import type { GitRepository } from '../support/git-fixture.js';
import { repoRoot } from '../support/run-cli.js';
import { signature } from '../support/webhooks.js';
import { CHECK_NAME, E2e, PullRequest } from './e2e-harness.js';

let e2e: E2e;
let forkGit: GitRepository;
let fork: FakeRepository;

beforeAll(async () => {
  e2e = await E2e.start();
  forkGit = e2e.git.fork();
  // The fork belongs to someone else: the app is not installed there.
  fork = e2e.fake.addRepository({
    owner: 'outsider',
    name: 'flink-jobs',
    installationId: 999_999,
    gitDir: forkGit.dir,
    forkOf: e2e.fullName,
  });
}, 60_000);

afterEach(() => e2e?.expectCleanRun());

afterAll(async () => {
  await e2e?.stop();
  forkGit?.remove();
});

describe('pull requests from forks', { timeout: 120_000 }, () => {
  test('a fork is validated from its own clone URL, and the summary says nothing is built or deployed', async () => {
    const sql = readFileSync(
      path.join(repoRoot, 'examples', 'acme-flink-jobs', 'jobs', 'clickstream-fanout', 'main.sql'),
      'utf8',
    ).replace("'topic' = 'page-views',", "'topik' = 'page-views',");
    const pr = await e2e.openPullRequest(
      { 'jobs/clickstream-fanout/main.sql': sql },
      { from: forkGit, fork, branch: 'outsider-change' },
    );
    const run = await pr.validated();
    expect(run).toMatchObject({ name: CHECK_NAME, head_sha: pr.headSha, status: 'completed', conclusion: 'failure' });
    expect(run.annotations.map((a) => `${a.path}:${a.start_line}`)).toContain('jobs/clickstream-fanout/main.sql:14');
    expect(`${run.output.summary}\n${run.output.text ?? ''}`).toMatch(/fork/i);
    expect(`${run.output.summary}\n${run.output.text ?? ''}`).toMatch(
      /(not|never|nothing)[^.\n]*(built|build|deploy)/i,
    );
    // Everything the app asked GitHub for was about the base repository, with its installation.
    // (The start-up scan for command replies left running reads every installed repository's comments: not this.)
    const touched = e2e.fake.requests
      .filter((r) => r.path.startsWith('/repos/') && r.operationId !== 'issues/list-comments-for-repo')
      .map((r) => r.path.split('/').slice(2, 4).join('/'));
    expect(new Set(touched)).toEqual(new Set([e2e.fullName]));
  });

  test("a re-run of a fork's check (GitHub lists no pull request on it) validates the same commit again", async () => {
    const pr = await e2e.openPullRequest(
      {
        'jobs/orders-enrichment/main.sql':
          '-- from a fork\n' +
          readFileSync(
            path.join(repoRoot, 'examples', 'acme-flink-jobs', 'jobs', 'orders-enrichment', 'main.sql'),
            'utf8',
          ),
      },
      { from: forkGit, fork, branch: 'outsider-rerun' },
    );
    const first = structuredClone(await pr.validated());
    const mark = e2e.fake.requests.length;
    const d = await pr.rerequest(first);
    expect(d.status, d.body).toBeLessThan(300);
    const rerun = await pr.validated({ after: mark });
    expect(rerun).toMatchObject({ head_sha: pr.headSha, status: 'completed', conclusion: first.conclusion });
    expect(rerun.output.summary).toBe(first.output.summary);
    expect(`${rerun.output.summary}\n${rerun.output.text ?? ''}`).toMatch(/fork/i);
  });
});

describe('webhook signatures', { timeout: 120_000 }, () => {
  test('a wrong, a missing and a stale-secret signature are refused with 4xx and GitHub hears nothing', async () => {
    await e2e.fake.quiet(1000, 60_000);
    const before = e2e.fake.requests.length;
    const pr = new PullRequest(
      e2e,
      900,
      'never-validated',
      e2e.git.sha('main'),
      e2e.git.commit('never-validated', { 'README.md': 'x\n' }),
      e2e.git,
    );
    const payload = pr.payload('opened');
    const forged = await e2e.deliver('pull_request', payload, {
      signatureOverride: signature(JSON.stringify(payload), 'not-the-secret'),
    });
    const missing = await e2e.deliver('pull_request', payload, { signatureOverride: null });
    const garbage = await e2e.deliver('pull_request', payload, { signatureOverride: 'sha256=zz' });
    for (const d of [forged, missing, garbage]) {
      expect(d.status, d.body).toBeGreaterThanOrEqual(400);
      expect(d.status, d.body).toBeLessThan(500);
    }
    await new Promise((r) => setTimeout(r, 2000));
    expect(e2e.fake.requests.slice(before)).toEqual([]);
    expect(pr.checkRuns()).toEqual([]);
    // The app must not print the secret while refusing (it only knows it; the sender does not).
    expect(e2e.app.logs).not.toContain(e2e.credentials.webhookSecret);
  });
});
