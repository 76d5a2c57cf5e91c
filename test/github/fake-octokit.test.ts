import { describe, expect, it } from 'vitest';
import { fakeOctokit } from './fake-octokit.js';

/**
 * The recording Octokit follows GitHub's REST description (@octokit/openapi, sliced in
 * test/fixtures/github/openapi-slice.json) and the limits GitHub documents beside it: what GitHub
 * answers 422 to, it refuses too, so a workflow test cannot pass on a request the real API refuses.
 */
describe('fakeOctokit refuses what GitHub refuses', () => {
  const repo = { owner: 'acme', repo: 'flink-jobs' };
  /** A completed check run as StreamPilot creates one; each case changes one thing. */
  const completedRun = (over: Record<string, unknown>) =>
    ({ ...repo, name: 'StreamPilot', head_sha: 'a'.repeat(40), status: 'completed', ...over }) as Parameters<
      ReturnType<typeof fakeOctokit>['rest']['checks']['create']
    >[0];

  it('a completed check run without a conclusion', async () => {
    const gh = fakeOctokit();
    await expect(gh.rest.checks.create(completedRun({}))).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('conclusion is required'),
    });
  });

  it('a conclusion GitHub does not know', async () => {
    const gh = fakeOctokit();
    await expect(gh.rest.checks.create(completedRun({ conclusion: 'passed' }))).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('body'),
    });
  });

  it('an annotation with columns over several lines', async () => {
    const gh = fakeOctokit();
    const annotation = {
      path: 'jobs/a/main.sql',
      start_line: 1,
      end_line: 2,
      start_column: 3,
      end_column: 4,
      annotation_level: 'failure' as const,
      message: 'x',
    };
    await expect(
      gh.rest.checks.create(
        completedRun({ conclusion: 'failure', output: { title: 't', summary: 's', annotations: [annotation] } }),
      ),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining('start_column and end_column') });
  });

  it('a comment without a body', async () => {
    const gh = fakeOctokit();
    await expect(
      gh.rest.issues.createComment({ ...repo, issue_number: 7 } as Parameters<typeof gh.rest.issues.createComment>[0]),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('and accepts the same requests written correctly', async () => {
    const gh = fakeOctokit();
    const { data } = await gh.rest.checks.create(
      completedRun({ conclusion: 'success', output: { title: 't', summary: 's' } }),
    );
    await gh.rest.issues.createComment({ ...repo, issue_number: 7, body: 'plan' });
    expect(data.conclusion).toBe('success');
    expect(gh.comments.map((c) => c.body)).toEqual(['plan']);
  });
});
