import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan } from '../../src/app/describe-plan.js';
import { RepositoryCache } from '../../src/git/repository-cache.js';
import { redact } from '../../src/text/redact.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import {
  CHECK_NAME,
  revalidateCommit,
  validatePullRequest,
  type PullRequestInput,
  type ValidatePullRequestPorts,
} from '../../src/workflows/validate-pull-request.js';
import { fakeOctokit, type FakeOctokit } from '../github/fake-octokit.js';

// GitHub is the recording fake of test/github/fake-octokit.ts (REST shapes of api.github.com);
// git, the repository cache and the validation engine are real.
const repo = { owner: 'acme', repo: 'flink-jobs' };
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@t',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@t',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: tmpdir(),
};
let root: string;
let origin: string;
const shas: Record<string, string> = {};
const git = (...args: string[]) => execFileSync('git', args, { cwd: origin, env: GIT_ENV, encoding: 'utf8' }).trim();
const commit = (name: string) => {
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', name);
  shas[name] = git('rev-parse', 'HEAD');
};

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'sp-validate-pr-'));
  origin = path.join(root, 'origin');
  cpSync('examples/acme-flink-jobs', origin, { recursive: true });
  git('init', '-q', '-b', 'main');
  commit('base');
  const manifest = path.join(origin, 'jobs/orders-enrichment/job.yaml');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('parallelism: 4', 'parallelism: 6'));
  commit('clean-change');
  const sql = path.join(origin, 'jobs/orders-enrichment/main.sql');
  const clean = readFileSync(sql, 'utf8');
  writeFileSync(sql, clean.replace('FROM orders AS o', 'FROM orders_typo AS o'));
  commit('sql-error');
  git('checkout', '-q', shas['base']!);
  unlinkSync(path.join(origin, 'streampilot.yaml'));
  commit('no-project');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function ports(over: Partial<ValidatePullRequestPorts> = {}): ValidatePullRequestPorts & { logged: string[] } {
  const logged: string[] = [];
  const record = (m: string) => void logged.push(m);
  return {
    repositories: new RepositoryCache(path.join(root, 'cache')),
    check: async (dir, options) => checkRepository(dir, options),
    describePlan,
    redact: (t) => redact(t, ['webhook-s3cret-value']),
    log: { info: record, warn: record, error: record },
    logged,
    // Far above any check here, loaded machine or not: only the test of the delay itself sets a short one.
    inProgressAfterMs: 60_000,
    ...over,
  };
}
/** GitHub's view of pull request #7: its head is `head` (the plan comment describes only the head). */
function headOn(gh: FakeOctokit, head: string): void {
  gh.pulls = gh.pulls.filter((p) => p.number !== 7);
  gh.pulls.push({
    number: 7,
    head: {
      sha: shas[head] ?? head,
      ref: 'feature',
      repo: { clone_url: origin, full_name: 'acme/flink-jobs', fork: false },
    },
    base: { sha: shas['base']!, ref: 'main', repo: { clone_url: origin, full_name: 'acme/flink-jobs' } },
  });
}
const pr = (head: string, over: Partial<PullRequestInput> = {}): PullRequestInput => ({
  number: 7,
  baseSha: shas['base']!,
  headSha: shas[head]!,
  cloneUrl: origin,
  fork: false,
  ...over,
});

describe('validatePullRequest', () => {
  it('creates the check already completed and posts the plan comment: two writes', async () => {
    const gh = fakeOctokit();
    headOn(gh, 'clean-change');
    const outcome = await validatePullRequest(gh, repo, pr('clean-change'), ports());
    expect(outcome.conclusion).toBe('success');
    expect(gh.writes()).toEqual(['checks.create', 'issues.createComment']);
    expect(outcome.writes).toBe(2);
    expect(gh.checkRuns).toMatchObject([
      {
        name: CHECK_NAME,
        head_sha: shas['clean-change'],
        status: 'completed',
        conclusion: 'success',
        external_id: '7',
      },
    ]);
    expect(gh.checkRuns[0]!.output!.summary).toMatch(/\| orders-enrichment \| changed \|/);
    expect(gh.comments[0]!.body).toMatch(/^<!-- streampilot:plan -->/);
    expect(gh.comments[0]!.body).toContain('orders-enrichment');
  });

  it('fails on a planted SQL error with an annotation on its line, and edits the same comment', async () => {
    const gh = fakeOctokit();
    headOn(gh, 'clean-change');
    await validatePullRequest(gh, repo, pr('clean-change'), ports());
    headOn(gh, 'sql-error');
    const outcome = await validatePullRequest(gh, repo, pr('sql-error'), ports());
    expect(outcome.conclusion).toBe('failure');
    const run = gh.checkRuns.find((r) => r.head_sha === shas['sql-error'])!;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run.output!.annotations).toContainEqual(
      expect.objectContaining({
        path: 'jobs/orders-enrichment/main.sql',
        start_line: 11,
        annotation_level: 'failure',
        title: 'sql/unknown-table',
      }),
    );
    expect(gh.comments).toHaveLength(1);
    expect(gh.writes().filter((w) => w.startsWith('checks.'))).toEqual(['checks.create', 'checks.create']);
    expect(gh.writes().filter((w) => w === 'issues.createComment')).toHaveLength(1);
  });

  it('updates the run of a redelivery instead of adding one, and leaves an unchanged comment alone', async () => {
    const gh = fakeOctokit();
    headOn(gh, 'clean-change');
    await validatePullRequest(gh, repo, pr('clean-change'), ports());
    const again = await validatePullRequest(gh, repo, pr('clean-change'), ports());
    expect(gh.checkRuns).toHaveLength(1);
    expect(again.comment?.action).toBe('unchanged');
    expect(gh.writes()).toEqual(['checks.create', 'issues.createComment', 'checks.update']);
  });

  it('shows the run in progress only when the check outlasts the delay', async () => {
    const gh = fakeOctokit();
    const slow = ports({
      inProgressAfterMs: 5,
      check: async (dir, o) => (await new Promise((r) => setTimeout(r, 50)), checkRepository(dir, o)),
    });
    await validatePullRequest(gh, repo, pr('clean-change'), slow);
    expect(
      gh.calls
        .filter((c) => c.method.startsWith('checks.') && c.method !== 'checks.listForRef')
        .map((c) => `${c.method} ${c.params.status}`),
    ).toEqual(['checks.create in_progress', 'checks.update completed']);
  });

  it('says in the summary that a fork is validated but never built or deployed', async () => {
    const gh = fakeOctokit();
    await validatePullRequest(gh, repo, pr('clean-change', { fork: true }), ports());
    expect(gh.checkRuns[0]!.output!.summary).toContain('nothing is built or deployed from forks');
  });

  it('completes with failure and the reason on a missing streampilot.yaml', async () => {
    const gh = fakeOctokit();
    const outcome = await validatePullRequest(gh, repo, pr('no-project'), ports());
    expect(outcome.conclusion).toBe('failure');
    expect(gh.checkRuns[0]!.output!.annotations).toContainEqual(
      expect.objectContaining({ path: 'streampilot.yaml', title: 'manifest/missing' }),
    );
  });

  it('completes with failure, never in progress, when git cannot fetch the head', async () => {
    const gh = fakeOctokit();
    const p = ports({ inProgressAfterMs: 0 });
    const outcome = await validatePullRequest(gh, repo, pr('clean-change', { headSha: 'f'.repeat(40) }), p);
    expect(outcome.conclusion).toBe('failure');
    expect(gh.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(gh.checkRuns[0]!.output!.title).toMatch(/^Could not validate: git: /);
    expect(gh.checkRuns[0]!.output!.summary).toContain('ffffffff');
    expect(gh.comments).toHaveLength(0);
  });

  it('never lets a secret from a thrown error reach the check run or the log', async () => {
    const gh = fakeOctokit();
    const p = ports({
      check: async () => {
        throw new Error('boom with ghs_0123456789abcdefghij0123 and webhook-s3cret-value');
      },
    });
    await validatePullRequest(gh, repo, pr('clean-change'), p);
    const everything = JSON.stringify(gh.calls) + p.logged.join('\n');
    expect(everything).toContain('boom with');
    expect(everything).not.toMatch(/ghs_0123|webhook-s3cret-value/);
  });

  it('a re-run of an older commit completes its own check run but leaves the plan comment describing the newer head', async () => {
    const gh = fakeOctokit();
    headOn(gh, 'clean-change');
    await validatePullRequest(gh, repo, pr('clean-change'), ports());
    headOn(gh, 'sql-error');
    await validatePullRequest(gh, repo, pr('sql-error'), ports());
    const newer = gh.comments[0]!.body;
    expect(newer).toContain(shas['sql-error']!.slice(0, 12));
    const p = ports();
    const older = await validatePullRequest(gh, repo, pr('clean-change'), p);
    expect(older.conclusion).toBe('success');
    expect(older.comment?.action).toBe('stale');
    expect(gh.checkRuns.find((r) => r.head_sha === shas['clean-change'])).toMatchObject({
      status: 'completed',
      conclusion: 'success',
    });
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toBe(newer);
    expect(p.logged.join('\n')).toMatch(/left alone/);
  });

  it("writes no plan comment when the pull request's head cannot be read", async () => {
    const gh = fakeOctokit();
    const outcome = await validatePullRequest(gh, repo, pr('clean-change'), ports());
    expect(outcome.conclusion).toBe('success');
    expect(outcome.comment?.action).toBe('stale');
    expect(gh.comments).toHaveLength(0);
  });

  it('still completes the run when GitHub refuses the full result', async () => {
    const gh = fakeOctokit();
    gh.failNext = {
      method: 'checks.create',
      error: Object.assign(new Error('Validation Failed: annotation path'), { status: 422 }),
    };
    const outcome = await validatePullRequest(gh, repo, pr('sql-error'), ports());
    expect(outcome.conclusion).toBe('failure');
    expect(gh.checkRuns).toHaveLength(1);
    expect(gh.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(gh.checkRuns[0]!.output!.summary).toContain('GitHub refused the check result');
  });
});

describe('revalidateCommit', () => {
  it('re-runs the check of a commit, finding its pull request by the number on the run', async () => {
    const gh = fakeOctokit();
    await validatePullRequest(gh, repo, pr('sql-error'), ports());
    gh.pulls.push({
      number: 7,
      head: {
        sha: 'e'.repeat(40),
        ref: 'feature',
        repo: { clone_url: origin, full_name: 'someone/flink-jobs', fork: true },
      },
      base: { sha: shas['base']!, ref: 'main', repo: { clone_url: origin, full_name: 'acme/flink-jobs' } },
    });
    const outcome = await revalidateCommit(gh, repo, { headSha: shas['sql-error']!, numbers: [7] }, ports());
    expect(outcome?.conclusion).toBe('failure');
    expect(gh.checkRuns).toHaveLength(1);
    expect(gh.checkRuns[0]!.output!.summary).toContain('nothing is built or deployed from forks');
  });

  it('does nothing when no pull request has the commit', async () => {
    const gh = fakeOctokit();
    expect(await revalidateCommit(gh, repo, { headSha: shas['base']!, numbers: [] }, ports())).toBeUndefined();
    expect(gh.writes()).toEqual([]);
  });
});
