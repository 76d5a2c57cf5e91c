// End to end on the bundled example (examples/acme-flink-jobs): its plan comment says production
// "deploys on `/deploy production`", and the command answers for itself. The app runs as its own
// process without clusters (see pull-request.test.ts for the setup); test/app/deploy-command.test.ts
// deploys for real.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../support/run-cli.js';
import type { FakeComment } from '../support/fake-github/fake-github.js';
import { PLAN_MARKER, useE2e, type PullRequest } from './e2e-harness.js';

const e2e = useE2e();
const example = (file: string) => readFileSync(path.join(repoRoot, 'examples', 'acme-flink-jobs', file), 'utf8');

async function changedPullRequest(): Promise<PullRequest> {
  const sql = example('jobs/clickstream-fanout/main.sql').replace(
    "'format' = 'json'\n);",
    "'format' = 'json',\n  'scan.startup.mode' = 'latest-offset'\n);",
  );
  const pr = await e2e().openPullRequest({ 'jobs/clickstream-fanout/main.sql': sql });
  await pr.validated({ comment: true });
  return pr;
}

const textOf = (pr: PullRequest, command: FakeComment): string[] =>
  pr
    .appComments()
    .filter((c) => c.body.startsWith(`<!-- streampilot:command ${command.id} -->`))
    .map((c) => c.body.split('\n').slice(1, -2).join('\n'));

describe('/deploy production on the bundled example', { timeout: 180_000 }, () => {
  test('the plan promises `/deploy production`; on an open pull request the command says to merge first', async () => {
    const pr = await changedPullRequest();
    const plan = pr.appComments().find((c) => c.body.startsWith(PLAN_MARKER))!;
    expect(plan.body).toContain('production — deploys on `/deploy production`');

    // production is limited to acme/data-platform (`allowed`): a member gets past that, to the merge check.
    e2e().fake.setPermission(e2e().fullName, 'paula', 'maintain');
    e2e().fake.setTeamMembership('acme/data-platform', 'paula', 'active');
    const { comment } = await pr.comment('/deploy production', 'paula');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(pr, comment)).toEqual([
      [
        `🙅 \`/deploy production\` deploys the merge commit of a pull request, and #${pr.number} is not merged yet: there is nothing to deploy.`,
        '',
        'Merge it first (the environments that deploy on merge get it then), and give the command again.',
      ].join('\n'),
    ]);
    expect(e2e().fake.deploymentsFor(e2e().fullName)).toEqual([]);
  });

  test('merged, on an app without clusters: the reply says the app cannot deploy, and nothing is written', async () => {
    const pr = await changedPullRequest();
    e2e().fake.addPullRequest({
      repository: e2e().fullName,
      number: pr.number,
      head: { sha: pr.headSha, ref: pr.branch, repository: e2e().fullName },
      base: { sha: pr.baseSha, ref: 'main' },
      mergedAs: pr.headSha,
    });
    e2e().fake.setPermission(e2e().fullName, 'paula', 'maintain');
    e2e().fake.setTeamMembership('acme/data-platform', 'paula', 'active');
    const from = e2e().fake.requests.length;
    const { comment } = await pr.comment('/deploy production', 'paula');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(pr, comment)[0]).toMatch(/^🔌 This app cannot deploy to `production`/);
    const writes = e2e()
      .fake.requests.slice(from)
      .filter((r) => r.method !== 'GET')
      .map((r) => r.operationId);
    // 👀, the reply (perhaps edited from "running"), 😕: no check run, no Deployment.
    expect(
      writes.filter((w) => !/^(reactions\/create-for-issue-comment|issues\/(create|update)-comment)$/.test(w ?? '')),
    ).toEqual([]);
  });
});
