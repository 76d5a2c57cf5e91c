// End to end (the app as `npm start` runs it, against the fake GitHub over HTTP): one pull
// request must not be able to stall the app for every other repository. Repository A's pull
// request adds SQL that takes many seconds to check; repository B's is trivial. With a 3-second
// budget per check, A's check run completes as a failure that says it exceeded its time budget,
// and B's completes with success first, instead of queueing behind A.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AppProcess, newAppCredentials, type AppCredentials } from '../support/app-process.js';
import {
  startFakeGitHub,
  type FakeCheckRun,
  type FakeGitHub,
  type FakeRepository,
} from '../support/fake-github/fake-github.js';
import { GitRepository, type FileChanges } from '../support/git-fixture.js';
import { heavyJobs } from '../support/heavy-jobs.js';
import { deliverWebhook, pullRequestPayload } from '../support/webhooks.js';
import { CHECK_NAME, PullRequest } from './e2e-harness.js';

let credentials: AppCredentials;
let fake: FakeGitHub;
let app: AppProcess;
const gits: GitRepository[] = [];

beforeAll(async () => {
  credentials = newAppCredentials();
  fake = await startFakeGitHub({ appId: credentials.appId, publicKey: credentials.publicKey });
  app = await AppProcess.start({ credentials, githubHost: fake.host, env: { STREAMPILOT_CHECK_TIMEOUT_SECONDS: '3' } });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await fake?.close();
  for (const git of gits) git.remove();
});

async function openPullRequest(
  owner: string,
  name: string,
  installationId: number,
  changes: FileChanges,
): Promise<{ repo: FakeRepository; headSha: string }> {
  const git = GitRepository.create({ name });
  gits.push(git);
  const repo = fake.addRepository({ owner, name, installationId, gitDir: git.dir, cloneUrl: git.cloneUrl });
  const baseSha = git.sha('main');
  const headSha = git.commit('pr-1', changes);
  git.publishPullRef(git, 'pr-1', 1);
  const fullName = `${owner}/${name}`;
  fake.addPullRequest({
    repository: fullName,
    number: 1,
    head: { sha: headSha, ref: 'pr-1', repository: fullName },
    base: { sha: baseSha, ref: 'main' },
  });
  const payload = pullRequestPayload({
    action: 'opened',
    number: 1,
    installationId,
    repository: { id: repo.id, owner, name, cloneUrl: repo.cloneUrl },
    base: { ref: 'main', sha: baseSha },
    head: { ref: 'pr-1', sha: headSha },
  });
  const delivery = await deliverWebhook({
    url: app.webhookUrl,
    secret: credentials.webhookSecret,
    event: 'pull_request',
    payload,
  });
  expect(delivery.status, delivery.body).toBeLessThan(300);
  return { repo, headSha };
}

const completedRun = (repository: string, sha: string) => () =>
  fake.checkRunsFor(repository, sha).find((r) => r.name === CHECK_NAME && r.status === 'completed');

describe('a pathological pull request cannot stall the app', { timeout: 180_000 }, () => {
  test("repository A's pull request that takes minutes to check ends at the 3 s budget as a failing check run, and repository B's trivial one completes first", async () => {
    const a = await openPullRequest('acme', 'heavy-jobs', 7101, heavyJobs(8));
    const b = await openPullRequest('other', 'light-jobs', 7102, { 'jobs/clickstream-fanout/README.md': 'notes\n' });

    const runB: FakeCheckRun = await fake.waitFor(
      completedRun('other/light-jobs', b.headSha),
      "B's completed check run",
      60_000,
    );
    const runA: FakeCheckRun = await fake.waitFor(
      completedRun('acme/heavy-jobs', a.headSha),
      "A's completed check run",
      90_000,
    );
    await fake.quiet(2000, 60_000);

    expect(runB.conclusion).toBe('success');
    expect(runB.lastWrite).toBeLessThan(runA.lastWrite);
    expect(runA.conclusion).toBe('failure');
    const textA = PullRequest.text(runA);
    expect(runA.output.title).toMatch(/exceeded its time budget of 3 s/);
    expect(textA).toMatch(/split very large SQL files or jobs/);
    expect(textA).toMatch(/STREAMPILOT_CHECK_TIMEOUT_SECONDS/);

    // Everything completed, GitHub would have accepted every request, and the app still answers.
    expect(fake.violations).toEqual([]);
    expect(fake.checkRuns.filter((r) => r.status !== 'completed')).toEqual([]);
    const health = await fetch(app.webhookUrl.replace(/\/api\/github\/webhooks$/, '/healthz'));
    expect(health.status).toBe(200);
    for (const secret of [
      credentials.webhookSecret,
      ...credentials.privateKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')),
    ]) {
      expect(app.logs.includes(secret)).toBe(false);
      expect(JSON.stringify([runA.output, runB.output]).includes(secret)).toBe(false);
    }
  });
});
