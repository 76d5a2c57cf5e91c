import { describe, expect, it } from 'vitest';
import { findStickyComment, upsertStickyComment } from '../../src/github/sticky-comment.js';
import { fakeOctokit } from './fake-octokit.js';

// Follows GitHub's REST API for issue comments (GET/POST /repos/{o}/{r}/issues/{n}/comments, PATCH …/issues/comments/{id}).
const repo = { owner: 'acme', repo: 'flink-jobs' };
const marker = '<!-- streampilot:plan -->';

describe('upsertStickyComment', () => {
  it('creates one comment, edits it in place, and writes nothing when the body is unchanged', async () => {
    const gh = fakeOctokit();
    const first = await upsertStickyComment(gh, repo, 5, { marker, body: `${marker}\nplan 1` });
    const second = await upsertStickyComment(gh, repo, 5, { marker, body: `${marker}\nplan 2` });
    const third = await upsertStickyComment(gh, repo, 5, { marker, body: `${marker}\nplan 2` });
    expect([first.action, second.action, third.action]).toEqual(['created', 'updated', 'unchanged']);
    expect(second.id).toBe(first.id);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toBe(`${marker}\nplan 2`);
    expect(gh.writes()).toEqual(['issues.createComment', 'issues.updateComment']);
  });

  it('ignores a person quoting the marker and finds the bot comment past the first page', async () => {
    const gh = fakeOctokit();
    gh.comments.push({ id: 1, body: `${marker}\nquoted by a human`, user: { login: 'alice', type: 'User' } });
    for (let i = 0; i < 150; i++)
      gh.comments.push({ id: 10 + i, body: `comment ${i}`, user: { login: 'bob', type: 'User' } });
    gh.comments.push({ id: 999, body: `${marker}\nold plan`, user: { login: 'streampilot[bot]', type: 'Bot' } });
    expect((await findStickyComment(gh, repo, 5, marker))?.id).toBe(999);
    const outcome = await upsertStickyComment(gh, repo, 5, { marker, body: `${marker}\nnew plan` });
    expect(outcome).toEqual({ action: 'updated', id: 999 });
    expect(gh.comments.find((c) => c.id === 1)!.body).toContain('quoted by a human');
  });

  it('refuses a body without its marker, which could never be found again', async () => {
    await expect(upsertStickyComment(fakeOctokit(), repo, 5, { marker, body: 'plan' })).rejects.toThrow(/marker/);
  });
});
