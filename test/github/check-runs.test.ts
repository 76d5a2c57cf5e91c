import { describe, expect, it } from 'vitest';
import { completeCheckRun, findCheckRun, startCheckRun } from '../../src/github/check-runs.js';
import type { CheckAnnotation } from '../../src/github/types.js';
import { fakeOctokit } from './fake-octokit.js';

// Request shapes follow GitHub's REST API for check runs (POST/PATCH /repos/{owner}/{repo}/check-runs).
const repo = { owner: 'acme', repo: 'flink-jobs' };
const sha = 'a'.repeat(40);
const annotation = (i: number): CheckAnnotation => ({
  path: 'jobs/a/main.sql',
  start_line: i + 1,
  end_line: i + 1,
  annotation_level: 'failure',
  message: `problem ${i}`,
  title: 'syntax',
});
const result = (n: number) => ({
  conclusion: 'failure' as const,
  title: `${n} errors`,
  summary: 'table',
  annotations: Array.from({ length: n }, (_, i) => annotation(i)),
});

describe('completeCheckRun', () => {
  it('creates a run already completed when the result fits one request', async () => {
    const gh = fakeOctokit();
    await completeCheckRun(gh, repo, { name: 'StreamPilot / validate', headSha: sha, externalId: '7' }, result(3));
    expect(gh.writes()).toEqual(['checks.create']);
    expect(gh.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure', external_id: '7' });
    expect(gh.checkRuns[0]!.output!.annotations).toHaveLength(3);
  });

  it('sends 50 annotations per request and completes the run only with the last batch', async () => {
    const gh = fakeOctokit();
    await completeCheckRun(gh, repo, { name: 'StreamPilot / validate', headSha: sha }, result(120));
    expect(
      gh.calls.map((c) => [
        c.method,
        c.params.status,
        (c.params.output as { annotations?: unknown[] }).annotations?.length,
      ]),
    ).toEqual([
      ['checks.create', 'in_progress', 50],
      ['checks.update', 'in_progress', 50],
      ['checks.update', 'completed', 20],
    ]);
    expect(gh.calls.slice(0, 2).every((c) => c.params.conclusion === undefined)).toBe(true);
    expect(gh.checkRuns).toHaveLength(1);
    expect(gh.checkRuns[0]!.output!.annotations).toHaveLength(120);
  });

  it('updates an existing run instead of creating a second one', async () => {
    const gh = fakeOctokit();
    const first = await completeCheckRun(gh, repo, { name: 'StreamPilot / validate', headSha: sha }, result(0));
    const again = await completeCheckRun(
      gh,
      repo,
      { name: 'StreamPilot / validate', headSha: sha, id: first },
      { ...result(0), conclusion: 'success' },
    );
    expect(again).toBe(first);
    expect(gh.checkRuns).toHaveLength(1);
    expect(gh.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(gh.writes()).toEqual(['checks.create', 'checks.update']);
  });
});

describe('findCheckRun and startCheckRun', () => {
  it('finds the run of that name on that SHA and marks it in progress', async () => {
    const gh = fakeOctokit();
    expect(await findCheckRun(gh, repo, sha, 'StreamPilot / validate')).toBeUndefined();
    const id = await startCheckRun(gh, repo, { name: 'StreamPilot / validate', headSha: sha });
    await completeCheckRun(gh, repo, { name: 'Other', headSha: sha }, result(0));
    const found = await findCheckRun(gh, repo, sha, 'StreamPilot / validate');
    expect(found?.id).toBe(id);
    expect(found?.status).toBe('in_progress');
    expect(await findCheckRun(gh, repo, 'b'.repeat(40), 'StreamPilot / validate')).toBeUndefined();
  });
});
