// Self-test of the fake GitHub the app's end-to-end tests run against. The contract is GitHub's
// REST description from @octokit/openapi (api.github.com), sliced into
// test/fixtures/github/openapi-slice.json by scripts/github-openapi-slice.mjs. A fake that
// accepts what GitHub would refuse would let app bugs through, so the refusals are tested here.
import { createSign, generateKeyPairSync } from 'node:crypto';
import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newAppCredentials } from '../support/app-process.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepository } from '../support/fake-github/fake-github.js';
import { GitRepository } from '../support/git-fixture.js';

const credentials = newAppCredentials(777);
let fake: FakeGitHub;
let git: GitRepository;
let repo: FakeRepository;
let headSha: string;
let token: string;

function appJwt(privateKey: string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc({ iat: now - 30, exp: now + 540, iss: credentials.appId, ...claims })}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  auth = `token ${token}`,
): Promise<{ status: number; json: any }> {
  const res = await fetch(`${fake.apiUrl}${path}`, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

function annotations(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    path: 'jobs/orders-enrichment/main.sql',
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: 'failure',
    message: `problem ${i + 1}`,
  }));
}

beforeAll(async () => {
  git = GitRepository.create();
  headSha = git.commit('feature', { 'README.md': 'hello\n' });
  fake = await startFakeGitHub({ appId: credentials.appId, publicKey: credentials.publicKey });
  repo = fake.addRepository({
    owner: 'acme',
    name: 'flink-jobs',
    installationId: 31,
    gitDir: git.dir,
    cloneUrl: git.cloneUrl,
  });
  fake.addPullRequest({
    repository: 'acme/flink-jobs',
    number: 7,
    head: { sha: headSha, ref: 'feature', repository: 'acme/flink-jobs' },
    base: { sha: git.sha('main'), ref: 'main' },
  });
  const created = await call(
    'POST',
    '/app/installations/31/access_tokens',
    undefined,
    `Bearer ${appJwt(credentials.privateKey)}`,
  );
  expect(created.status).toBe(201);
  token = created.json.token;
});

afterAll(async () => {
  await fake?.close();
  git?.remove();
});

describe('fake GitHub accepts what GitHub accepts', () => {
  test("a real Octokit (Probot's) walks the whole slice: app JWT, installation token, check runs with 60 annotations, comments, pull request", async () => {
    const before = fake.violations.length;
    const appOctokit = new ProbotOctokit({
      auth: { appId: credentials.appId, privateKey: credentials.privateKey },
      baseUrl: fake.apiUrl,
      throttle: { enabled: false },
      retry: { enabled: false },
    });
    const app = await appOctokit.rest.apps.getAuthenticated();
    expect(app.data?.id).toBe(credentials.appId);
    const installation = await appOctokit.rest.apps.getRepoInstallation({ owner: 'acme', repo: 'flink-jobs' });
    expect(installation.data.id).toBe(31);
    const octokit = new ProbotOctokit({
      auth: { appId: credentials.appId, privateKey: credentials.privateKey, installationId: 31 },
      baseUrl: fake.apiUrl,
      throttle: { enabled: false },
      retry: { enabled: false },
    });

    const repository = await octokit.rest.repos.get({ owner: 'acme', repo: 'flink-jobs' });
    expect(repository.data.clone_url).toBe(git.cloneUrl);
    // What the app reads on start to find deploys left in progress.
    const installations = await appOctokit.rest.apps.listInstallations({ per_page: 100 });
    expect(installations.data.map((i) => i.id)).toContain(31);
    const accessible = await octokit.rest.apps.listReposAccessibleToInstallation({ per_page: 100 });
    expect(accessible.data.repositories.map((r) => r.full_name)).toContain('acme/flink-jobs');
    const pr = await octokit.rest.pulls.get({ owner: 'acme', repo: 'flink-jobs', pull_number: 7 });
    expect(pr.data.head.sha).toBe(headSha);
    const associated = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      owner: 'acme',
      repo: 'flink-jobs',
      commit_sha: headSha,
    });
    expect(associated.data.map((x) => x.number)).toEqual([7]);
    const files = await octokit.rest.pulls.listFiles({ owner: 'acme', repo: 'flink-jobs', pull_number: 7 });
    expect(files.data.map((f) => [f.filename, f.status])).toEqual([['README.md', 'added']]);

    const run = await octokit.rest.checks.create({
      owner: 'acme',
      repo: 'flink-jobs',
      name: 'StreamPilot / validate',
      head_sha: headSha,
      status: 'in_progress',
      output: { title: 'Validating', summary: 'started', annotations: annotations(50) as never },
    });
    expect(run.status).toBe(201);
    await octokit.rest.checks.update({
      owner: 'acme',
      repo: 'flink-jobs',
      check_run_id: run.data.id,
      conclusion: 'failure',
      output: { title: '60 errors', summary: 'done', annotations: annotations(10) as never },
    });
    const stored = fake.checkRuns.find((r) => r.id === run.data.id)!;
    expect(stored).toMatchObject({ status: 'completed', conclusion: 'failure', writes: 2 });
    expect(stored.annotations).toHaveLength(60);
    const got = await octokit.rest.checks.get({ owner: 'acme', repo: 'flink-jobs', check_run_id: run.data.id });
    expect(got.data.output.annotations_count).toBe(60);
    const listed = await octokit.paginate(octokit.rest.checks.listAnnotations, {
      owner: 'acme',
      repo: 'flink-jobs',
      check_run_id: run.data.id,
    });
    expect(listed).toHaveLength(60);
    const forRef = await octokit.rest.checks.listForRef({
      owner: 'acme',
      repo: 'flink-jobs',
      ref: headSha,
      check_name: 'StreamPilot / validate',
    });
    expect(forRef.data.check_runs.map((r) => r.id)).toEqual([run.data.id]);
    const byBranch = await octokit.rest.checks.listForRef({ owner: 'acme', repo: 'flink-jobs', ref: 'feature' });
    expect(byBranch.data.total_count).toBe(1);

    for (let i = 0; i < 34; i++)
      fake.addComment({ repository: 'acme/flink-jobs', issue_number: 7, body: `human ${i}`, user: 'octocat' });
    const comment = await octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'flink-jobs',
      issue_number: 7,
      body: '<!-- streampilot:plan -->\nplan',
    });
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: 'acme',
      repo: 'flink-jobs',
      issue_number: 7,
      per_page: 10,
    });
    expect(all).toHaveLength(35);
    expect(all.at(-1)?.user?.login).toBe('streampilot[bot]');
    await octokit.rest.issues.updateComment({
      owner: 'acme',
      repo: 'flink-jobs',
      comment_id: comment.data.id,
      body: '<!-- streampilot:plan -->\nplan v2',
    });
    expect(
      (await octokit.rest.issues.getComment({ owner: 'acme', repo: 'flink-jobs', comment_id: comment.data.id })).data
        .body,
    ).toContain('plan v2');
    // Every comment of the repository updated since a date (how a restart finds command replies left running).
    const since = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const recent = await octokit.rest.issues.listCommentsForRepo({
      owner: 'acme',
      repo: 'flink-jobs',
      since,
      per_page: 100,
    });
    expect(recent.data.map((c) => c.id)).toContain(comment.data.id);
    const later = new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    expect(
      (await octokit.rest.issues.listCommentsForRepo({ owner: 'acme', repo: 'flink-jobs', since: later })).data,
    ).toEqual([]);
    await octokit.rest.reactions.createForIssueComment({
      owner: 'acme',
      repo: 'flink-jobs',
      comment_id: comment.data.id,
      content: 'rocket',
    });
    fake.setPermission('acme/flink-jobs', 'octocat', 'write');
    const permission = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner: 'acme',
      repo: 'flink-jobs',
      username: 'octocat',
    });
    expect(permission.data.permission).toBe('write');
    fake.setPermission('acme/flink-jobs', 'mona', 'maintain');
    const maintainer = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner: 'acme',
      repo: 'flink-jobs',
      username: 'mona',
    });
    expect([maintainer.data.permission, maintainer.data.role_name]).toEqual(['write', 'maintain']);
    fake.setTeamMembership('acme/data-platform', 'octocat', 'active');
    const membership = await octokit.rest.teams.getMembershipForUserInOrg({
      org: 'acme',
      team_slug: 'data-platform',
      username: 'octocat',
    });
    expect(membership.data.state).toBe('active');
    await expect(
      octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'data-platform', username: 'mona' }),
    ).rejects.toMatchObject({ status: 404 });

    const deployment = await octokit.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'flink-jobs',
      ref: headSha,
      task: 'deploy:streampilot',
      environment: 'staging/orders',
      auto_merge: false,
      required_contexts: [],
      payload: { streampilot: { job: 'orders' } },
      description: 'orders to staging',
    });
    expect(deployment.status).toBe(201);
    const deploymentId = (deployment.data as { id: number }).id;
    await octokit.rest.repos.createDeploymentStatus({
      owner: 'acme',
      repo: 'flink-jobs',
      deployment_id: deploymentId,
      state: 'in_progress',
      description: 'waiting for RUNNING',
    });
    await octokit.rest.repos.createDeploymentStatus({
      owner: 'acme',
      repo: 'flink-jobs',
      deployment_id: deploymentId,
      state: 'success',
      environment_url: 'https://flink.acme.dev/staging/orders/',
      log_url: `${fake.apiUrl}/runs/1`,
    });
    const gotDeployment = await octokit.rest.repos.getDeployment({
      owner: 'acme',
      repo: 'flink-jobs',
      deployment_id: deploymentId,
    });
    expect(gotDeployment.data).toMatchObject({
      sha: headSha,
      ref: headSha,
      task: 'deploy:streampilot',
      environment: 'staging/orders',
      payload: { streampilot: { job: 'orders' } },
      production_environment: false,
    });
    const statuses = await octokit.rest.repos.listDeploymentStatuses({
      owner: 'acme',
      repo: 'flink-jobs',
      deployment_id: deploymentId,
    });
    expect(statuses.data.map((st) => [st.state, st.environment_url, st.target_url])).toEqual([
      ['success', 'https://flink.acme.dev/staging/orders/', `${fake.apiUrl}/runs/1`],
      ['in_progress', '', ''],
    ]);
    const deployments = await octokit.rest.repos.listDeployments({
      owner: 'acme',
      repo: 'flink-jobs',
      task: 'deploy:streampilot',
      environment: 'staging/orders',
    });
    expect(deployments.data.map((d) => d.id)).toEqual([deploymentId]);

    // The git data API and pulls/create (a /rollback's revert pull request), answered from the real git dir.
    const at = { owner: 'acme', repo: 'flink-jobs' };
    const main = (await octokit.rest.git.getRef({ ...at, ref: 'heads/main' })).data.object.sha;
    expect(main).toBe(git.sha('main'));
    const mainTree = (await octokit.rest.git.getCommit({ ...at, commit_sha: main })).data.tree.sha;
    const mainFiles = (await octokit.rest.git.getTree({ ...at, tree_sha: mainTree, recursive: '1' })).data;
    expect(mainFiles.tree.some((e) => e.path === 'streampilot.yaml' && e.type === 'blob')).toBe(true);
    const readme = (await octokit.rest.git.getTree({ ...at, tree_sha: headSha })).data.tree.find(
      (e) => e.path === 'README.md',
    )!;
    const tree = await octokit.rest.git.createTree({
      ...at,
      base_tree: mainTree,
      tree: [{ path: 'docs/README.md', mode: '100644', type: 'blob', sha: readme.sha! }],
    });
    const commit = await octokit.rest.git.createCommit({
      ...at,
      message: 'Add docs',
      tree: tree.data.sha,
      parents: [main],
    });
    expect(commit.data.parents.map((x) => x.sha)).toEqual([main]);
    await octokit.rest.git.createRef({ ...at, ref: 'refs/heads/docs', sha: commit.data.sha });
    expect(git.git('show', 'docs:docs/README.md')).toBe('hello');
    const opened = await octokit.rest.pulls.create({ ...at, title: 'Add docs', head: 'docs', base: 'main', body: '…' });
    expect(opened.data.head.sha).toBe(commit.data.sha);

    expect(fake.violations.slice(before)).toEqual([]);
    const exercised = new Set(fake.requests.map((r) => r.operationId));
    expect(fake.contract.operationIds.filter((id) => !exercised.has(id))).toEqual([]);
  });

  test('every answer the fake gave conforms to the response schema of its operation', async () => {
    // The fake checks its answers before sending them; this checks it again from the outside,
    // against the contract, for one answer of each operation the previous test received.
    const seen = new Set<string>();
    for (const r of fake.requests.filter((x) => x.status < 300 && x.operationId)) {
      if (seen.has(r.operationId!)) continue;
      seen.add(r.operationId!);
      const replay = await call(
        r.method,
        `${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''}`,
        r.method === 'GET' ? undefined : r.body,
        r.auth === 'jwt' ? `Bearer ${appJwt(credentials.privateKey)}` : `token ${token}`,
      );
      expect(
        fake.contract.validateResponse(r.operationId!, replay.status, replay.json),
        `${r.method} ${r.path}`,
      ).toEqual([]);
    }
    expect(seen.size).toBeGreaterThanOrEqual(15);
  });
});

describe('fake GitHub refuses what GitHub refuses, and records it', () => {
  async function refused(
    method: string,
    path: string,
    body: unknown,
    status: number,
    auth?: string,
  ): Promise<string[]> {
    const before = fake.violations.length;
    const res = await call(method, path, body, auth);
    expect(res.status, JSON.stringify(res.json)).toBe(status);
    const added = fake.violations.slice(before);
    expect(added).toHaveLength(1);
    return added[0]!.problems;
  }

  test('a check run with 51 annotations in one request', async () => {
    const problems = await refused(
      'POST',
      '/repos/acme/flink-jobs/check-runs',
      { name: 'x', head_sha: headSha, output: { title: 't', summary: 's', annotations: annotations(51) } },
      422,
    );
    expect(problems.join('\n')).toMatch(/annotations must NOT have more than 50 items/);
  });

  test('a conclusion GitHub does not know', async () => {
    const problems = await refused(
      'POST',
      '/repos/acme/flink-jobs/check-runs',
      { name: 'x', head_sha: headSha, status: 'completed', conclusion: 'passed' },
      422,
    );
    expect(problems.join('\n')).toMatch(/conclusion must be equal to one of the allowed values/);
  });

  test('a missing required field (head_sha)', async () => {
    const problems = await refused('POST', '/repos/acme/flink-jobs/check-runs', { name: 'x' }, 422);
    expect(problems.join('\n')).toMatch(/required property 'head_sha'/);
  });

  test('an annotation without annotation_level, and one with columns across lines', async () => {
    const problems = await refused(
      'PATCH',
      `/repos/acme/flink-jobs/check-runs/${fake.checkRuns[0]!.id}`,
      {
        output: {
          title: 't',
          summary: 's',
          annotations: [
            { path: 'a.sql', start_line: 1, end_line: 1, message: 'm' },
            { path: 'a.sql', start_line: 1, end_line: 2, start_column: 3, annotation_level: 'warning', message: 'm' },
          ],
        },
      },
      422,
    );
    expect(problems.join('\n')).toMatch(/annotation_level/);
    expect(problems.join('\n')).toMatch(/only allowed when start_line equals end_line/);
  });

  test('status completed without a conclusion (a rule GitHub documents outside the schema)', async () => {
    await refused(
      'POST',
      '/repos/acme/flink-jobs/check-runs',
      { name: 'x', head_sha: headSha, status: 'completed' },
      422,
    );
  });

  test('a summary over 65,535 characters, and a comment over 65,536', async () => {
    await refused(
      'POST',
      '/repos/acme/flink-jobs/check-runs',
      { name: 'x', head_sha: headSha, output: { title: 't', summary: 'x'.repeat(65_536) } },
      422,
    );
    await refused('POST', '/repos/acme/flink-jobs/issues/7/comments', { body: 'x'.repeat(65_537) }, 422);
  });

  test('a head_sha that is not a commit of the repository', async () => {
    const problems = await refused(
      'POST',
      '/repos/acme/flink-jobs/check-runs',
      { name: 'x', head_sha: 'f'.repeat(40) },
      422,
    );
    expect(problems.join('\n')).toMatch(/No commit found for SHA/);
  });

  test('a path parameter of the wrong type and an unknown route', async () => {
    await refused('PATCH', '/repos/acme/flink-jobs/check-runs/not-a-number', { status: 'in_progress' }, 422);
    await refused('POST', '/repos/acme/flink-jobs/statuses/abc', { state: 'success' }, 404);
    await refused('GET', '/graphql', undefined, 404);
  });

  test('requests without credentials, with a JWT signed by another key, or with the wrong kind of credential', async () => {
    await refused('GET', '/repos/acme/flink-jobs', undefined, 401, '');
    const stranger = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expect((await refused('GET', '/app', undefined, 401, `Bearer ${appJwt(stranger.privateKey)}`)).join()).toMatch(
      /signature/,
    );
    expect(
      (await refused('GET', '/app', undefined, 401, `Bearer ${appJwt(credentials.privateKey, { iss: 1 })}`)).join(),
    ).toMatch(/iss/);
    const now = Math.floor(Date.now() / 1000);
    expect(
      (
        await refused(
          'GET',
          '/app',
          undefined,
          401,
          `Bearer ${appJwt(credentials.privateKey, { iat: now, exp: now + 3600 })}`,
        )
      ).join(),
    ).toMatch(/too far in the future/);
    await refused('GET', '/app', undefined, 401, `token ${token}`);
    await refused('GET', '/repos/acme/flink-jobs', undefined, 401, `Bearer ${appJwt(credentials.privateKey)}`);
    await refused('GET', '/repos/acme/flink-jobs', undefined, 401, 'token ghs_made_up');
  });

  test('an installation token used on a repository of another installation', async () => {
    fake.addRepository({ owner: 'other', name: 'repo', installationId: 99, cloneUrl: 'file:///nowhere' });
    await refused('GET', '/repos/other/repo', undefined, 404);
    expect(repo.installationId).toBe(31);
  });

  test('a deployment status description over 140 characters (documented limit; GitHub answers 422, it does not truncate)', async () => {
    const d = await call('POST', '/repos/acme/flink-jobs/deployments', {
      ref: headSha,
      environment: 'limits',
      auto_merge: false,
      required_contexts: [],
    });
    expect(d.status).toBe(201);
    const problems = await refused(
      'POST',
      `/repos/acme/flink-jobs/deployments/${d.json.id}/statuses`,
      { state: 'failure', description: 'x'.repeat(141) },
      422,
    );
    expect(problems.join('\n')).toMatch(/description is too long \(maximum is 140 characters/);
    expect(
      (
        await call('POST', `/repos/acme/flink-jobs/deployments/${d.json.id}/statuses`, {
          state: 'failure',
          description: 'x'.repeat(140),
        })
      ).status,
    ).toBe(201);
  });

  test('a deployment state GitHub does not know, a deployment of an unknown ref, and a deployment without a ref', async () => {
    const d = await call('POST', '/repos/acme/flink-jobs/deployments', {
      ref: headSha,
      environment: 'states',
      auto_merge: false,
      required_contexts: [],
    });
    expect(
      (await refused('POST', `/repos/acme/flink-jobs/deployments/${d.json.id}/statuses`, { state: 'done' }, 422)).join(
        '\n',
      ),
    ).toMatch(/state must be equal to one of the allowed values/);
    expect(
      (
        await refused(
          'POST',
          '/repos/acme/flink-jobs/deployments',
          { ref: 'no-such-branch', auto_merge: false, required_contexts: [] },
          422,
        )
      ).join('\n'),
    ).toMatch(/No ref found for: no-such-branch/);
    expect((await refused('POST', '/repos/acme/flink-jobs/deployments', { environment: 'x' }, 422)).join('\n')).toMatch(
      /required property 'ref'/,
    );
  });

  test('a deployment whose required status contexts are not all successful: 409, and omitting required_contexts checks them all', async () => {
    // The commit carries the failed `StreamPilot / validate` run of the first test.
    const omitted = await call('POST', '/repos/acme/flink-jobs/deployments', {
      ref: headSha,
      environment: 'gated',
      auto_merge: false,
    });
    expect(omitted.status).toBe(409);
    expect(omitted.json.message).toMatch(/StreamPilot \/ validate/);
    expect(
      (
        await call('POST', '/repos/acme/flink-jobs/deployments', {
          ref: headSha,
          environment: 'gated',
          auto_merge: false,
          required_contexts: ['StreamPilot / validate'],
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call('POST', '/repos/acme/flink-jobs/deployments', {
          ref: headSha,
          environment: 'gated',
          auto_merge: false,
          required_contexts: [],
        })
      ).status,
    ).toBe(201);
  });

  test('editing a comment somebody else wrote', async () => {
    const human = fake.addComment({ repository: 'acme/flink-jobs', issue_number: 7, body: 'LGTM', user: 'octocat' });
    await refused('PATCH', `/repos/acme/flink-jobs/issues/comments/${human.id}`, { body: 'changed' }, 403);
    expect(human.body).toBe('LGTM');
  });
});

describe('fake GitHub deployments behave as GitHub documents them', () => {
  const create = async (body: Record<string, unknown>) => {
    const res = await call('POST', '/repos/acme/flink-jobs/deployments', {
      ref: headSha,
      auto_merge: false,
      required_contexts: [],
      ...body,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.id as number;
  };
  const status = async (id: number, body: Record<string, unknown>) => {
    const res = await call('POST', `/repos/acme/flink-jobs/deployments/${id}/statuses`, body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json;
  };
  const latest = async (id: number) =>
    (await call('GET', `/repos/acme/flink-jobs/deployments/${id}/statuses?per_page=1`)).json[0]?.state as
      string | undefined;

  test('defaults: task deploy, environment production (a production environment), description ""', async () => {
    const res = await call('POST', '/repos/acme/flink-jobs/deployments', {
      ref: 'feature',
      auto_merge: false,
      required_contexts: [],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      ref: 'feature',
      sha: headSha,
      task: 'deploy',
      environment: 'production',
      original_environment: 'production',
      production_environment: true,
      transient_environment: false,
      description: '',
    });
  });

  test('auto_inactive: a success marks the prior successful deployments of the same environment inactive, except production ones', async () => {
    const old = await create({ environment: 'auto/orders' });
    await status(old, { state: 'success' });
    const failed = await create({ environment: 'auto/orders' });
    await status(failed, { state: 'failure' });
    const otherJob = await create({ environment: 'auto/payments' });
    await status(otherJob, { state: 'success' });
    const prod = await create({ environment: 'auto/orders-prod', production_environment: true });
    await status(prod, { state: 'success' });
    const prodNext = await create({ environment: 'auto/orders-prod', production_environment: true });
    await status(prodNext, { state: 'success' });
    const next = await create({ environment: 'auto/orders' });
    await status(next, { state: 'in_progress' });
    expect(await latest(old)).toBe('success');
    await status(next, { state: 'success' });
    expect([
      await latest(old),
      await latest(failed),
      await latest(otherJob),
      await latest(prod),
      await latest(next),
    ]).toEqual(['inactive', 'failure', 'success', 'success', 'success']);
  });

  test('auto_inactive: false leaves earlier deployments as they are', async () => {
    const old = await create({ environment: 'keep/orders' });
    await status(old, { state: 'success' });
    const next = await create({ environment: 'keep/orders' });
    await status(next, { state: 'success', auto_inactive: false });
    expect(await latest(old)).toBe('success');
  });

  test('list-deployments filters by sha, ref, task and environment, newest first, paginated', async () => {
    const a = await create({ environment: 'list/a', task: 'deploy:streampilot' });
    const b = await create({ environment: 'list/b', task: 'deploy:streampilot' });
    const c = await create({ environment: 'list/a', task: 'deploy' });
    const ids = async (query: string) =>
      ((await call('GET', `/repos/acme/flink-jobs/deployments?${query}`)).json as { id: number }[]).map((d) => d.id);
    expect(await ids('environment=list/a')).toEqual([c, a]);
    expect(await ids('task=deploy:streampilot&environment=list/b')).toEqual([b]);
    expect((await ids(`sha=${headSha}&per_page=100`)).slice(0, 3)).toEqual([c, b, a]);
    expect(await ids(`sha=${'0'.repeat(40)}`)).toEqual([]);
    expect(await ids(`ref=${headSha}&environment=list/a&per_page=1&page=2`)).toEqual([a]);
  });

  test('a status naming another environment moves the deployment there; log_url is also the target_url', async () => {
    const id = await create({ environment: 'move/from' });
    const st = await status(id, { state: 'queued', environment: 'move/to', log_url: 'https://ci.example/1' });
    expect(st).toMatchObject({
      environment: 'move/to',
      target_url: 'https://ci.example/1',
      log_url: 'https://ci.example/1',
      environment_url: '',
    });
    expect((await call('GET', `/repos/acme/flink-jobs/deployments/${id}`)).json).toMatchObject({
      environment: 'move/to',
      original_environment: 'move/from',
    });
  });

  test('a status for a deployment that does not exist is 404', async () => {
    expect(
      (await call('POST', '/repos/acme/flink-jobs/deployments/999999/statuses', { state: 'success' })).status,
    ).toBe(404);
  });
});
