// Issue 10, finding 9 (clone URL): the installation token goes with every fetch, so the app
// fetches only from the GitHub it is configured for, never from the host a payload's clone_url
// names (another host, file://, http:// to an https GitHub).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { pullRequestPayload } from '../support/webhooks.js';
import { CHECK_NAME, E2e, PullRequest } from './e2e-harness.js';

let e2e: E2e;
let recorder: Server;
const recorded: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  recorder = createServer((req, res) => {
    recorded.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  e2e = await E2e.start();
}, 60_000);

afterEach(() => e2e?.expectCleanRun());

afterAll(async () => {
  await e2e?.stop();
  await new Promise((resolve) => recorder?.close(resolve));
});

/** pull_request.opened for a new clean pull request whose payload names `cloneUrl` for the repository (base and head). */
async function openWithCloneUrl(cloneUrl: string, branch: string): Promise<PullRequest> {
  const number = 500 + recorded.length + Math.floor(Math.random() * 400);
  const headSha = e2e.git.commit(branch, { 'README.md': `${branch}\n` });
  e2e.git.publishPullRef(e2e.git, branch, number);
  const pr = new PullRequest(e2e, number, branch, e2e.git.sha('main'), headSha, e2e.git);
  const payload = pullRequestPayload({
    action: 'opened',
    number,
    installationId: e2e.repo.installationId,
    repository: { ...e2e.payloadRepository(), cloneUrl },
    base: { ref: 'main', sha: pr.baseSha },
    head: { ref: branch, sha: headSha },
  });
  const d = await e2e.deliver('pull_request', payload);
  expect(d.status, d.body).toBeLessThan(300);
  return pr;
}

/** The git commands the app logged (each names its remote URL). */
function gitCommandsLogged(): string[] {
  return e2e.app.logs
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => String((JSON.parse(l) as { msg?: unknown }).msg ?? ''))
    .filter((m) => m.startsWith('git ') || m.startsWith('copy tree'));
}

describe('clone URL pinning', { timeout: 120_000 }, () => {
  test('a payload whose clone_url points at a loopback recorder: the recorder hears nothing (no token), the app fetches from its GitHub', async () => {
    const port = (recorder.address() as AddressInfo).port;
    const before = e2e.fake.gitRequests.length;
    const pr = await openWithCloneUrl(`http://127.0.0.1:${port}/acme/flink-jobs.git`, 'clone-url-recorder');
    const run = await pr.validated({ comment: true });
    expect(run).toMatchObject({ name: CHECK_NAME, status: 'completed', conclusion: 'success' });
    expect(recorded).toEqual([]);
    // The commits came from the configured GitHub, with the installation token.
    const fetched = e2e.fake.gitRequests.slice(before);
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((r) => r.path.startsWith(`/${e2e.fullName}.git/`) && r.auth === 'token')).toBe(true);
    expect(gitCommandsLogged().filter((m) => m.includes(`127.0.0.1:${port}`))).toEqual([]);
    expect(gitCommandsLogged().some((m) => m.includes(`(${e2e.fake.cloneUrlOf(e2e.repo.owner, e2e.repo.name)})`))).toBe(
      true,
    );
    expect((await fetch(`${e2e.app.url}/healthz`)).status).toBe(200);
  });

  test('a payload whose clone_url is a file:// URL is not read: the app fetches from its GitHub and does not crash', async () => {
    const local = `file:///tmp/streampilot-not-here-${randomUUID()}/acme/flink-jobs.git`;
    const pr = await openWithCloneUrl(local, 'clone-url-file');
    const run = await pr.validated({ comment: true });
    // Had the app fetched from the file:// URL (which does not exist) the check would have failed.
    expect(run).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(gitCommandsLogged().filter((m) => m.includes('streampilot-not-here'))).toEqual([]);
    expect(recorded).toEqual([]);
    expect((await fetch(`${e2e.app.url}/healthz`)).status).toBe(200);
  });
});
