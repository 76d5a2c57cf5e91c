// End to end: a merge builds and pushes images. The app as its own process (`node dist/app/main.js`,
// as `npm start`), HMAC-signed `push` webhooks (payloads from @octokit/webhooks-examples), a real
// git repository on disk, a real registry (Debian's docker-registry with htpasswd auth, started by
// .ci/run) and GitHub's REST API served by the fake that checks every request against GitHub's
// OpenAPI description (@octokit/openapi 23.0.2; test/fixtures/github/openapi-slice.json).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { RegistryClient } from '../../src/registry/registry-client.js';
import { AppProcess, newAppCredentials, type AppCredentials } from '../support/app-process.js';
import { ensureBaseImage } from '../support/base-image.js';
import { dockerEnv } from '../support/docker-env.js';
import {
  startFakeGitHub,
  type FakeCheckRun,
  type FakeGitHub,
  type FakeRepository,
} from '../support/fake-github/fake-github.js';
import { GitRepository } from '../support/git-fixture.js';
import { registryEnv, type TestRegistry } from '../support/registry-env.js';
import { deliverWebhook, pushPayload } from '../support/webhooks.js';

const BUILD_CHECK = 'StreamPilot / build';
const reason = dockerEnv.skipReason ?? registryEnv.skipReason;
const JOBS = ['clicks', 'orders'];

const sql = (
  job: string,
  marker: string,
) => `CREATE TABLE ${job}_source (user_id STRING, url STRING) WITH ('connector' = 'datagen');
CREATE TABLE ${job}_sink (user_id STRING, url STRING) WITH ('connector' = 'blackhole');
-- ${marker}
INSERT INTO ${job}_sink SELECT user_id, url FROM ${job}_source;
`;

/** Two application-mode jobs; only `production` deploys on merge, so only it is built. */
function writeRepository(root: string, registry: string, repository: string, base: string, marker: string): void {
  writeFileSync(
    path.join(root, 'streampilot.yaml'),
    `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  baseImage: ${base}
  upgradeMode: stateless
registry:
  repository: ${registry}/${repository}
  insecure: true
environments:
  production:
    namespace: flink-prod
    deployOn: merge
  staging:
    namespace: flink-staging
    deployOn: command
`,
  );
  for (const job of JOBS) {
    mkdirSync(path.join(root, 'jobs', job), { recursive: true });
    writeFileSync(
      path.join(root, 'jobs', job, 'job.yaml'),
      `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${job}\nsql: [main.sql]\n`,
    );
    writeFileSync(path.join(root, 'jobs', job, 'main.sql'), sql(job, marker));
  }
}

interface ImageRow {
  environment: string;
  job: string;
  status: string;
  reference: string;
  digest: string;
}

/** The rows of the summary table that name an image. */
function imageRows(run: FakeCheckRun): ImageRow[] {
  const rows: ImageRow[] = [];
  for (const m of run.output.summary?.matchAll(
    /^\| (\S+) \| (\S+) \| (\w+) \| `([^`]+)` \| `(sha256:[0-9a-f]{64})` \|/gm,
  ) ?? []) {
    rows.push({ environment: m[1]!, job: m[2]!, status: m[3]!, reference: m[4]!, digest: m[5]! });
  }
  return rows;
}

describe.skipIf(reason)(`the app builds and pushes images on a merge ${reason ?? ''}`, { timeout: 180_000 }, () => {
  const run = randomBytes(4).toString('hex');
  const imageRepository = `merge-${run}`;
  const source = mkdtempSync(path.join(tmpdir(), 'sp-merge-src-'));
  let registry: TestRegistry;
  let credentials: AppCredentials;
  let fake: FakeGitHub;
  let git: GitRepository;
  let repo: FakeRepository;
  let app: AppProcess;
  const fullName = () => `${repo.owner}/${repo.name}`;

  beforeAll(async () => {
    registry = registryEnv.registry!;
    const base = await ensureBaseImage(dockerEnv.docker, registry);
    writeRepository(source, registry.host, imageRepository, base.reference, `run ${run}`);
    git = GitRepository.create({ from: source });
    credentials = newAppCredentials();
    fake = await startFakeGitHub({ appId: credentials.appId, publicKey: credentials.publicKey });
    repo = fake.addRepository({ owner: 'acme', name: 'flink-jobs', installationId: 5151, gitDir: git.dir });
    app = await AppProcess.start({
      credentials,
      githubHost: fake.host,
      env: {
        STREAMPILOT_REGISTRY_USERNAME: registry.username,
        STREAMPILOT_REGISTRY_PASSWORD: registry.password,
        STREAMPILOT_REGISTRY_HOST: registry.host,
        ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
      },
    });
  }, 120_000);

  afterEach(() => {
    expect(fake.violations, 'requests GitHub would refuse').toEqual([]);
    expect(
      fake.checkRuns.filter((r) => r.status !== 'completed').map((r) => `${r.id} ${r.head_sha} ${r.status}`),
      'check runs left unfinished',
    ).toEqual([]);
    const keyLines = credentials.privateKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
    const secrets = [registry.password, credentials.webhookSecret, ...keyLines, ...fake.installationTokens];
    const places: [string, string][] = [
      ['app output', app.logs],
      ...fake.checkRuns.map((r): [string, string] => [`check run ${r.id}`, JSON.stringify(r.output)]),
    ];
    for (const secret of secrets)
      for (const [where, text] of places)
        expect(text.includes(secret), `a secret (${secret.slice(0, 4)}…) appears in the ${where}`).toBe(false);
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    git?.remove();
    rmSync(source, { recursive: true, force: true });
  });

  const push = (ref: string, before: string, after: string, deleted = false) =>
    deliverWebhook({
      url: app.webhookUrl,
      secret: credentials.webhookSecret,
      event: 'push',
      payload: pushPayload({
        installationId: repo.installationId,
        repository: {
          id: repo.id,
          owner: repo.owner,
          name: repo.name,
          cloneUrl: repo.cloneUrl,
          defaultBranch: repo.defaultBranch,
        },
        ref,
        before,
        after,
        deleted,
      }),
    });

  const built = async (sha: string): Promise<FakeCheckRun> => {
    await fake.waitFor(
      () => fake.checkRunsFor(fullName(), sha).find((r) => r.name === BUILD_CHECK && r.status === 'completed'),
      `a completed ${BUILD_CHECK} on ${sha.slice(0, 7)}`,
      120_000,
    );
    await fake.quiet(1500, 60_000);
    const runs = fake.checkRunsFor(fullName(), sha).filter((r) => r.name === BUILD_CHECK);
    expect(runs, 'one build check run per pushed commit').toHaveLength(1);
    return runs[0]!;
  };

  const client = () =>
    new RegistryClient({
      registry: registry.host,
      insecure: true,
      credentials: { username: registry.username, password: registry.password },
    });

  test('a merge to main builds each application-mode job of the deployOn: merge environment and reports its reference and a digest the registry has', async () => {
    const sha = git.sha('main');
    const delivery = await push('refs/heads/main', '0'.repeat(40), sha);
    expect(delivery.status, delivery.body).toBeLessThan(300);
    const checkRun = await built(sha);
    expect(checkRun).toMatchObject({ name: BUILD_CHECK, head_sha: sha, status: 'completed', conclusion: 'success' });

    const rows = imageRows(checkRun);
    expect(rows.map((r) => `${r.environment}/${r.job} ${r.status}`).sort(), checkRun.output.summary ?? '').toEqual([
      'production/clicks built',
      'production/orders built',
    ]);
    for (const row of rows) {
      expect(row.reference.startsWith(`${registry.host}/${imageRepository}:`), row.reference).toBe(true);
      const tag = row.reference.slice(`${registry.host}/${imageRepository}:`.length);
      const inRegistry = await client().headManifest(imageRepository, tag);
      expect(inRegistry?.digest, `${row.reference} in the registry`).toBe(row.digest);
    }
    // The two jobs' images differ (their scripts do): one reference each.
    expect(new Set(rows.map((r) => r.reference)).size).toBe(2);
  });

  test('a second merge with the same job content reuses the images: same references and digests', async () => {
    const first = imageRows(fake.checkRunsFor(fullName(), git.sha('main')).find((r) => r.name === BUILD_CHECK)!);
    expect(first).toHaveLength(2);
    const before = git.sha('main');
    const sha = git.commit('main', { 'README.md': `# jobs\n\nA change outside the jobs (${run}).\n` });
    const delivery = await push('refs/heads/main', before, sha);
    expect(delivery.status, delivery.body).toBeLessThan(300);
    const checkRun = await built(sha);
    expect(checkRun.conclusion).toBe('success');
    const rows = imageRows(checkRun);
    expect(rows.map((r) => r.status)).toEqual(['reused', 'reused']);
    expect(rows.map((r) => `${r.job} ${r.reference} ${r.digest}`).sort()).toEqual(
      first.map((r) => `${r.job} ${r.reference} ${r.digest}`).sort(),
    );
    expect(checkRun.output.summary).toMatch(/\| 0 B \|/);
  });

  test('a push to another branch, and the deletion of main, build nothing', async () => {
    const runsBefore = fake.checkRuns.length;
    const branchSha = git.commit('feature', { 'jobs/clicks/main.sql': sql('clicks', `feature ${run}`) });
    git.git('checkout', '--quiet', 'main');
    const toBranch = await push('refs/heads/feature', git.sha('main'), branchSha);
    expect(toBranch.status, toBranch.body).toBeLessThan(300);
    const deletion = await push('refs/heads/main', git.sha('main'), git.sha('main'), true);
    expect(deletion.status, deletion.body).toBeLessThan(300);
    // Work runs in order per repository: once a later merge is built, anything queued before it has run.
    const before = git.sha('main');
    const sentinel = git.commit('main', { 'README.md': `# jobs\n\nSentinel (${run}).\n` });
    expect((await push('refs/heads/main', before, sentinel)).status).toBeLessThan(300);
    await built(sentinel);
    expect(fake.checkRunsFor(fullName(), branchSha)).toEqual([]);
    expect(fake.checkRuns.length, 'only the sentinel merge has a check run').toBe(runsBefore + 1);
  });

  test('a registry that cannot be reached completes the build check as a failure naming the step', async () => {
    const before = git.sha('main');
    const project = `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  baseImage: 127.0.0.1:9/base/flink-mini:1
  upgradeMode: stateless
registry:
  repository: 127.0.0.1:9/${imageRepository}
  insecure: true
environments:
  production:
    namespace: flink-prod
    deployOn: merge
`;
    const sha = git.commit('main', { 'streampilot.yaml': project });
    expect((await push('refs/heads/main', before, sha)).status).toBeLessThan(300);
    const checkRun = await built(sha);
    expect(checkRun.conclusion).toBe('failure');
    for (const job of JOBS)
      expect(checkRun.output.summary).toMatch(
        new RegExp(`\\| production \\| ${job} \\| \\*\\*failed\\*\\* at [a-z ]+: .*127\\.0\\.0\\.1:9`),
      );
  });

  test('a broken streampilot.yaml on main completes the build check as a failure that says why', async () => {
    const before = git.sha('main');
    const sha = git.commit('main', {
      'streampilot.yaml': 'apiVersion: streampilot.dev/v1\nkind: Project\nenvironments: [oops\n',
    });
    const delivery = await push('refs/heads/main', before, sha);
    expect(delivery.status, delivery.body).toBeLessThan(300);
    const checkRun = await built(sha);
    expect(checkRun.conclusion).toBe('failure');
    expect(checkRun.output.summary).toMatch(/streampilot\.yaml has errors \(streampilot\.yaml:\d+/);
  });
});
