// Issue 10, finding 8: the plan comment describes the pull request's current head only. A re-run
// of an older commit's check, or a synchronize delivered after a newer one, completes that
// commit's check run but must not rewrite the comment to describe the older commit.
import { describe, expect, test } from 'vitest';
import { CHECK_NAME, useE2e, PLAN_MARKER } from './e2e-harness.js';

const e2e = useE2e();

describe('stale plan comment', { timeout: 180_000 }, () => {
  test("a re-run of an older commit's check, and a synchronize for it delivered late, leave the comment on the newer head", async () => {
    const pr = await e2e().openPullRequest({ 'README.md': 'first push\n' });
    const first = pr.headSha;
    const firstRun = structuredClone(await pr.validated({ comment: true }));
    await pr.push({ 'README.md': 'second push\n' });
    const second = pr.headSha;
    await pr.validated({ after: e2e().fake.requests.length - 1 });
    await e2e().fake.waitFor(
      () => pr.appComments()[0]?.body.includes(second.slice(0, 12)),
      'the plan comment on the second commit',
      30_000,
    );
    const comment = () => pr.appComments()[0]!;
    const onSecond = comment().body;
    expect(onSecond.startsWith(PLAN_MARKER)).toBe(true);

    // The check of the first commit is re-requested from GitHub's UI.
    let mark = e2e().fake.requests.length;
    const rerun = await pr.rerequest(firstRun);
    expect(rerun.status, rerun.body).toBeLessThan(300);
    await e2e().fake.waitFor(
      () => pr.checkRuns(first).find((r) => r.status === 'completed' && r.lastWrite >= mark),
      `the re-run on ${first.slice(0, 7)}`,
      60_000,
    );
    await e2e().fake.quiet(2000, 60_000);
    expect(pr.checkRuns(first)).toHaveLength(1);
    expect(pr.appComments()).toHaveLength(1);
    expect(comment().body).toBe(onSecond);
    expect(comment().body).not.toContain(first.slice(0, 12));

    // A synchronize for the first commit arrives after the second's (GitHub does not promise order).
    mark = e2e().fake.requests.length;
    pr.headSha = first;
    const late = await pr.deliver('synchronize');
    pr.headSha = second;
    expect(late.status, late.body).toBeLessThan(300);
    await e2e().fake.waitFor(
      () => pr.checkRuns(first).find((r) => r.status === 'completed' && r.lastWrite >= mark),
      `the late synchronize on ${first.slice(0, 7)}`,
      60_000,
    );
    await e2e().fake.quiet(2000, 60_000);
    expect(pr.appComments()).toHaveLength(1);
    expect(comment().body).toBe(onSecond);
    expect(comment().body).toContain(second.slice(0, 12));
    // The older commit's own check run was still completed, under its own name.
    expect(pr.checkRuns(first)[0]).toMatchObject({ name: CHECK_NAME, status: 'completed' });
  });
});
