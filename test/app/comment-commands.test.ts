// End to end (see pull-request.test.ts for the setup): commands in pull-request comments. The app
// runs as its own process without cluster access; the fake GitHub knows each commenter's role and
// team memberships. After each test: no request GitHub would refuse, no reply left "running".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { GitRepository } from '../support/git-fixture.js';
import { repoRoot } from '../support/run-cli.js';
import type { FakeComment } from '../support/fake-github/fake-github.js';
import { PLAN_MARKER, useE2e, type PullRequest } from './e2e-harness.js';

const e2e = useE2e();
let forkGit: GitRepository;

// Cloned before any pull request moves the repository off main.
beforeAll(() => {
  forkGit = e2e().git.fork();
});
afterAll(() => forkGit?.remove());
const HELP = readFileSync(path.join(repoRoot, 'test', 'commands', 'golden', 'help.md'), 'utf8').trimEnd();
const example = (file: string) => readFileSync(path.join(repoRoot, 'examples', 'acme-flink-jobs', file), 'utf8');

afterEach(() => {
  const running = e2e()
    .fake.comments.filter((c) => c.user === e2e().fake.botLogin && c.body.includes('⏳'))
    .map((c) => c.body);
  expect(running, 'replies left running').toEqual([]);
});

/** A pull request changing one job (clickstream-fanout), validated before the test comments on it. */
async function changedPullRequest(): Promise<PullRequest> {
  const sql = example('jobs/clickstream-fanout/main.sql').replace(
    "'format' = 'json'\n);",
    "'format' = 'json',\n  'scan.startup.mode' = 'latest-offset'\n);",
  );
  const pr = await e2e().openPullRequest({ 'jobs/clickstream-fanout/main.sql': sql });
  await pr.validated({ comment: true });
  return pr;
}

/** The reply to `command`: the app's comment that carries its marker. */
function replyTo(pr: PullRequest, command: FakeComment): FakeComment[] {
  return pr.appComments().filter((c) => c.body.startsWith(`<!-- streampilot:command ${command.id} -->`));
}

/** The reply's text without its marker and footer. */
function textOf(reply: FakeComment): string {
  return reply.body.split('\n').slice(1, -2).join('\n');
}

/** Requests that change something on GitHub, made after position `from` of the fake's log. */
function writesSince(from: number): string[] {
  return e2e()
    .fake.requests.slice(from)
    .filter((r) => r.method !== 'GET')
    .map((r) => r.operationId ?? `${r.method} ${r.path}`);
}

function reactionsOn(commentId: number): string[] {
  return e2e()
    .fake.reactions.filter((r) => r.commentId === commentId)
    .map((r) => r.content);
}

describe('commands in pull-request comments', { timeout: 180_000 }, () => {
  test('a writer asks for /help: 👀, one reply with the help and who asked, 🚀 — three writes', async () => {
    const pr = await changedPullRequest();
    const from = e2e().fake.requests.length;
    e2e().fake.setPermission(e2e().fullName, 'wendy', 'write');
    const { comment } = await pr.comment('/help', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('rocket');
    const replies = replyTo(pr, comment);
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0]!)).toBe(HELP);
    expect(replies[0]!.body).toMatch(
      new RegExp(
        `<sub>\`/help\` · requested by @wendy at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC · \\[command\\]\\(https://github.invalid/acme/flink-jobs/pull/${pr.number}#issuecomment-${comment.id}\\)</sub>$`,
      ),
    );
    expect(reactionsOn(comment.id)).toEqual(['eyes', 'rocket']);
    expect(writesSince(from)).toEqual([
      'reactions/create-for-issue-comment',
      'issues/create-comment',
      'reactions/create-for-issue-comment',
    ]);
  });

  test('a read-only user is refused politely, naming the access needed; nothing else runs', async () => {
    const pr = await changedPullRequest();
    e2e().fake.setPermission(e2e().fullName, 'reed', 'read');
    const from = e2e().fake.requests.length;
    const { comment } = await pr.comment('/plan', 'reed');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(replyTo(pr, comment)[0]!)).toBe(
      [
        '🙅 Sorry @reed, `/plan` needs write access to acme/flink-jobs, and you have the `read` role there.',
        '',
        'Ask someone with write access (or the maintain or admin role) to give the command.',
      ].join('\n'),
    );
    // No validation ran for it: no check run written, no plan comment touched.
    expect(writesSince(from).filter((w) => w.startsWith('checks/'))).toEqual([]);
  });

  test('the triage role is named as such (role_name), and refused like read', async () => {
    const pr = await changedPullRequest();
    e2e().fake.setPermission(e2e().fullName, 'tess', 'triage');
    const { comment } = await pr.comment('/status', 'tess');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(replyTo(pr, comment)[0]!)).toContain('you have the `triage` role there');
  });

  test('the author of a pull request from a fork is refused, and told why', async () => {
    {
      const fork = e2e().fake.addRepository({
        owner: 'outsider',
        name: 'flink-jobs',
        installationId: 999_999,
        gitDir: forkGit.dir,
        forkOf: e2e().fullName,
      });
      const pr = await e2e().openPullRequest(
        { 'jobs/clickstream-fanout/main.sql': `-- from a fork\n${example('jobs/clickstream-fanout/main.sql')}` },
        { from: forkGit, fork, branch: 'outsider-change' },
      );
      await pr.validated({ comment: true });
      e2e().fake.setPermission(e2e().fullName, 'outsider', 'read');
      const { comment } = await pr.comment('/deploy production', 'outsider');
      expect(await pr.commandDone(comment.id)).toBe('confused');
      expect(textOf(replyTo(pr, comment)[0]!)).toBe(
        [
          '🙅 Sorry @outsider, `/deploy` needs write access to acme/flink-jobs, and you have the `read` role there. Commands from the author of a pull request opened from a fork are not run on their behalf.',
          '',
          'Ask someone with write access (or the maintain or admin role) to give the command.',
        ].join('\n'),
      );
    }
  });

  test("an environment's `allowed` team: a writer outside it is refused, a member gets past the check", async () => {
    const pr = await changedPullRequest();
    e2e().fake.setPermission(e2e().fullName, 'wendy', 'write');
    e2e().fake.setPermission(e2e().fullName, 'paula', 'maintain');
    e2e().fake.setTeamMembership('acme/data-platform', 'paula', 'active');
    e2e().fake.setTeamMembership('acme/data-platform', 'wendy', 'pending');

    const outsider = (await pr.comment('/savepoint --env production', 'wendy')).comment;
    expect(await pr.commandDone(outsider.id)).toBe('confused');
    expect(textOf(replyTo(pr, outsider)[0]!)).toBe(
      [
        '🙅 Sorry @wendy, `/savepoint` in environment `production` is limited to `acme/data-platform` (`environments.production.allowed` in streampilot.yaml on the base branch), and you are not an active member of any of them.',
        '',
        'Ask one of them to give the command, or change `environments.production.allowed` in a pull request of its own.',
      ].join('\n'),
    );
    const teamChecks = e2e().fake.requests.filter((r) => r.operationId === 'teams/get-membership-for-user-in-org');
    expect(teamChecks.map((r) => r.path)).toContain('/orgs/acme/teams/data-platform/memberships/wendy');

    const member = (await pr.comment('/savepoint --env production', 'paula')).comment;
    expect(await pr.commandDone(member.id)).toBe('confused');
    // Past the check, the command runs: this app has no clusters, which the reply says.
    expect(textOf(replyTo(pr, member)[0]!)).toBe(
      '🔌 This app has no access to the cluster of `production` (it runs without STREAMPILOT_KUBECONFIG or a service account), so it cannot take savepoints there. Nothing was changed. From a terminal that can reach the cluster: `streampilot savepoint --env production clickstream-fanout`.',
    );
  });

  test('staging has no `allowed`: any writer passes; the default job is the one the pull request changed', async () => {
    const pr = await changedPullRequest();
    e2e().fake.setPermission(e2e().fullName, 'wendy', 'write');
    // Past the permission check the command runs; this app has no clusters, which the reply says, naming the job.
    const { comment } = await pr.comment('/savepoint --env staging', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(replyTo(pr, comment)[0]!)).toContain('`streampilot savepoint --env staging clickstream-fanout`');
  });

  test('an ambiguous environment is a question back naming the choices', async () => {
    const pr = await changedPullRequest();
    e2e().fake.setPermission(e2e().fullName, 'wendy', 'write');
    const { comment } = await pr.comment('/savepoint', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(replyTo(pr, comment)[0]!)).toBe(
      'Job `clickstream-fanout` runs in more than one environment: `staging`, `production`. Say which: `/savepoint --env staging` or `/savepoint --env production`.',
    );
  });

  test('an unknown job gets a did-you-mean', async () => {
    const pr = await changedPullRequest();
    e2e().fake.setPermission(e2e().fullName, 'wendy', 'write');
    const { comment } = await pr.comment('/savepoint clickstream-fanot --env staging', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(replyTo(pr, comment)[0]!)).toMatch(
      /^No job `clickstream-fanot` runs in environment `staging`\. Did you mean `clickstream-fanout`\?/,
    );
  });

  test('a misspelt command is answered with the help and a did-you-mean, before any permission is read', async () => {
    const pr = await changedPullRequest();
    const from = e2e().fake.requests.length;
    const { comment } = await pr.comment('/stauts', 'someone');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(replyTo(pr, comment)[0]!)).toBe(
      `\`/stauts\` is not a StreamPilot command; did you mean \`/status\`?\n\n${HELP}`,
    );
    expect(
      e2e()
        .fake.requests.slice(from)
        .map((r) => r.operationId),
    ).not.toContain('repos/get-collaborator-permission-level');
  });

  test('/status without cluster access says so', async () => {
    const pr = await changedPullRequest();
    e2e().fake.setPermission(e2e().fullName, 'wendy', 'write');
    const { comment } = await pr.comment('/status --env staging', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('confused');
    expect(textOf(replyTo(pr, comment)[0]!)).toBe(
      '🔌 This app has no access to the clusters of `staging` (it runs without STREAMPILOT_KUBECONFIG or a service account), so it cannot show what runs there. `streampilot status --env <environment>` shows it from a terminal that can reach the cluster.',
    );
  });

  test('/plan validates the head again and answers in one reply', async () => {
    const pr = await changedPullRequest();
    e2e().fake.setPermission(e2e().fullName, 'wendy', 'admin');
    const checkRunsBefore = pr.checkRuns().length;
    const { comment } = await pr.comment('/streampilot plan', 'wendy');
    expect(await pr.commandDone(comment.id)).toBe('rocket');
    const replies = replyTo(pr, comment);
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0]!)).toBe(
      `Validated \`${pr.headSha.slice(0, 12)}\` again: StreamPilot / validate ✅ passed. The plan comment is up to date.`,
    );
    // The run of the head SHA is completed again (updated, not duplicated); the plan comment stays one.
    expect(pr.checkRuns()).toHaveLength(checkRunsBefore);
    expect(pr.appComments().filter((c) => c.body.includes(PLAN_MARKER))).toHaveLength(1);
  });

  describe('comments the app leaves alone: no reaction, no reply', () => {
    const silent = async (pr: PullRequest, commentId: number) => {
      await e2e().fake.quiet(2500, 30_000);
      expect(reactionsOn(commentId)).toEqual([]);
      expect(replyTo(pr, { id: commentId } as FakeComment)).toEqual([]);
    };

    test('a bot author', async () => {
      const pr = await changedPullRequest();
      const { comment } = await pr.comment('/deploy production', 'renovate[bot]', { userType: 'Bot' });
      await silent(pr, comment.id);
    });

    test('an edited comment', async () => {
      const pr = await changedPullRequest();
      e2e().fake.setPermission(e2e().fullName, 'wendy', 'write');
      const { comment } = await pr.comment('/help', 'wendy', { action: 'edited' });
      await silent(pr, comment.id);
    });

    test('a quoted command and fenced code', async () => {
      const pr = await changedPullRequest();
      e2e().fake.setPermission(e2e().fullName, 'wendy', 'write');
      const quoted = (await pr.comment('> /deploy production\n\nWhy did this not run?', 'wendy')).comment;
      const fenced = (await pr.comment('```\n/rollback --env production\n```', 'wendy')).comment;
      await silent(pr, quoted.id);
      await silent(pr, fenced.id);
    });
  });
});
