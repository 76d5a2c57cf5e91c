// Two teams' repositories, one app installation each, one namespace and one environment name: merges
// deployed by the app as its own process (`node dist/app/main.js`, as `npm start`), with HMAC-signed
// `push` webhooks naming each repository, real git repositories, GitHub served by the fake that checks
// every request against GitHub's OpenAPI description, and the Kubernetes API server by
// test/support/fake-kube (server-side apply, label selectors as the API server parses them;
// FlinkSessionJobs admitted only when valid for the operator 1.15.0 CRDs in ../shared/reference), the
// operator played by the autopilot. Session jobs: nothing is built, so no registry or Docker is needed.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createKubeClient, loadKubeConfig } from '../../src/kube/client.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { prepareDeploy } from '../../src/workflows/prepare-deploy.js';
import { AppProcess, newAppCredentials, type AppCredentials } from '../support/app-process.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import {
  startFakeGitHub,
  type FakeCheckRun,
  type FakeGitHub,
  type FakeRepository,
} from '../support/fake-github/fake-github.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot } from '../support/fake-kube/operator-autopilot.js';
import { findKind } from '../support/fake-kube/resources.js';
import { GitRepository } from '../support/git-fixture.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';
import { deliverMergePush } from '../support/webhooks.js';

const DEPLOY_CHECK = 'StreamPilot / deploy staging';
const NS = 'flink-staging';
const SESSION_JOB = findKind('flink.apache.org/v1beta1', 'FlinkSessionJob')!;
const reason = existsSync(operatorCrdDir)
  ? undefined
  : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)';

const project = (prune: boolean) => `apiVersion: streampilot.dev/v1
kind: Project
deploy:
  timeout: 60s
${prune ? '  prune: true\n' : ''}environments:
  staging:
    kubeContext: staging
    namespace: ${NS}
    deployOn: merge
`;

const sessionJob = (name: string): Record<string, string> => ({
  [`jobs/${name}/job.yaml`]: `apiVersion: streampilot.dev/v1
kind: FlinkSqlJob
name: ${name}
mode: session
sessionCluster: shared
sql: [main.sql]
upgradeMode: stateless
# The operator downloads a session job's jar over https: StreamPilot's runner, hosted.
runner:
  jarURI: https://artifacts.example.com/streampilot/streampilot-sql-runner.jar
`,
  [`jobs/${name}/main.sql`]: `CREATE TABLE ${name}_source (id STRING) WITH ('connector' = 'datagen');
CREATE TABLE ${name}_sink (id STRING) WITH ('connector' = 'blackhole');
INSERT INTO ${name}_sink SELECT id FROM ${name}_source;
`,
});

interface Live {
  metadata: {
    name: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}

interface Team {
  git: GitRepository;
  repo: FakeRepository;
  nextPr: number;
}

describe.skipIf(reason)(`the app deploys two repositories to one namespace and environment ${reason ?? ''}`, () => {
  const work = mkdtempSync(path.join(tmpdir(), 'sp-app-two-repos-'));
  let credentials: AppCredentials;
  let github: FakeGitHub;
  let kube: FakeKube;
  let autopilot: Autopilot;
  let app: AppProcess;
  let teamA: Team;
  let teamB: Team;

  const live = (name: string) => kube.store.get(SESSION_JOB, NS, name) as Live | undefined;
  const names = () =>
    kube.store
      .list(SESSION_JOB, NS)
      .map((o) => (o as unknown as Live).metadata.name)
      .sort();
  const owner = (name: string) => live(name)?.metadata.annotations?.['streampilot.dev/repository'];
  const fullName = (team: Team) => `${team.repo.owner}/${team.repo.name}`;

  function team(name: string, installationId: number, files: Record<string, string>): Team {
    const source = path.join(work, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
      writeFileSync(path.join(source, file), text);
    }
    const git = GitRepository.create({ from: source, name });
    const repo = github.addRepository({ owner: 'acme', name, installationId, gitDir: git.dir });
    return { git, repo, nextPr: 1 };
  }

  /** Commits `files` on main as the merge of a new pull request, delivers the push, and waits for the deploy check. */
  const merge = async (t: Team, files: Record<string, string | null>): Promise<FakeCheckRun> => {
    const before = t.git.sha('main');
    const sha = t.git.commit('main', files);
    const pr = t.nextPr++;
    github.addPullRequest({
      repository: fullName(t),
      number: pr,
      head: { sha, ref: `change-${pr}`, repository: fullName(t) },
      base: { sha: before, ref: 'main' },
    });
    await deliverMergePush({
      url: app.webhookUrl,
      secret: credentials.webhookSecret,
      repo: t.repo,
      before,
      after: sha,
    });
    const found = await github.waitFor(
      () => github.checkRunsFor(fullName(t), sha).find((r) => r.name === DEPLOY_CHECK && r.status === 'completed'),
      `a completed ${DEPLOY_CHECK} on ${fullName(t)} ${sha.slice(0, 7)}`,
      120_000,
    );
    await github.quiet(1000, 60_000);
    return found;
  };

  beforeAll(async () => {
    credentials = newAppCredentials();
    github = await startFakeGitHub({ appId: credentials.appId, publicKey: credentials.publicKey });
    teamA = team('team-a', 7101, {
      'streampilot.yaml': project(false),
      ...sessionJob('orders'),
      ...sessionJob('legacy'),
    });
    teamB = team('team-b', 7102, {
      'streampilot.yaml': project(true),
      ...sessionJob('payments'),
      ...sessionJob('audit'),
    });
    kube = await startFakeKube();
    const kubeconfig = writeTestKubeconfig(work, kube, [{ name: 'staging', namespace: NS }]);
    autopilot = startOperatorAutopilot(kube, { stepMs: 50 });

    // `legacy` as a StreamPilot without repository labels applied it: same objects, same field manager.
    const planned = checkRepository(teamA.git.dir, { environments: ['staging'] }).plan.environments[0]!;
    const old = prepareDeploy(planned, [], { gitSha: teamA.git.sha('main') }).find((p) => p.job.name === 'legacy')!;
    if (!('objects' in old)) throw new Error(`legacy was not rendered: ${'skip' in old ? old.skip : 'disabled'}`);
    await createKubeClient(loadKubeConfig({ kubeconfigPath: kubeconfig, context: 'staging' })).applyServerSide(
      old.objects.resource,
      { fieldManager: 'streampilot' },
    );

    app = await AppProcess.start({
      credentials,
      githubHost: github.host,
      env: {
        STREAMPILOT_KUBECONFIG: kubeconfig,
        STREAMPILOT_CLUSTER_ACCESS: JSON.stringify({
          'acme/team-a': [{ context: 'staging', namespaces: [NS] }],
          'acme/team-b': [{ context: 'staging', namespaces: [NS] }],
        }),
        STREAMPILOT_LEASE_SECONDS: '3',
      },
    });
  }, 120_000);

  afterEach(() => {
    expect(github.violations, 'requests GitHub would refuse').toEqual([]);
  });

  afterAll(async () => {
    autopilot?.stop();
    await app?.stop();
    await github?.close();
    await kube?.close();
    teamA?.git.remove();
    teamB?.git.remove();
    rmSync(work, { recursive: true, force: true });
  });

  test('the second team’s merge, pruning on, neither reports nor deletes the first team’s unlabelled job', async () => {
    const check = await merge(teamB, { 'README.md': 'first\n' });
    const summary = check.output.summary ?? '';
    expect(check.conclusion, summary).toBe('success');
    expect(summary).not.toContain('No longer in Git');
    expect(names()).toEqual(['audit', 'legacy', 'payments']);
    expect(owner('payments')).toBe('acme/team-b');
    expect(live('legacy')?.metadata.labels?.['streampilot.dev/repository']).toBeUndefined();
  }, 180_000);

  test('the first team’s merge adopts its unlabelled job once, without a new generation, and sees no orphan of the second team', async () => {
    const generation = live('legacy')?.metadata.generation;
    const first = await merge(teamA, { 'README.md': 'first\n' });
    const summary = first.output.summary ?? '';
    expect(first.conclusion, summary).toBe('success');
    expect(summary).toContain('### Adopted');
    expect(summary).toMatch(/FlinkSessionJob flink-staging\/legacy had no repository label.*adopted by acme\/team-a/);
    expect(summary).not.toContain('No longer in Git');
    expect(owner('legacy')).toBe('acme/team-a');
    expect(owner('orders')).toBe('acme/team-a');
    expect(live('legacy')?.metadata.generation).toBe(generation);

    const again = await merge(teamA, { 'README.md': 'second\n' });
    expect(again.conclusion).toBe('success');
    expect(again.output.summary ?? '').not.toContain('Adopted');
  }, 240_000);

  test('prune deletes only the second team’s own job that left Git', async () => {
    const check = await merge(teamB, { 'jobs/audit': null });
    const summary = check.output.summary ?? '';
    expect(check.conclusion, summary).toBe('success');
    expect(summary).toMatch(/### No longer in Git\s+- FlinkSessionJob `flink-staging\/audit`: deleted\./);
    expect(names()).toEqual(['legacy', 'orders', 'payments']);
  }, 180_000);

  test('a job of a name the first team runs there fails the second team’s check run, naming both repositories; nothing is written to it', async () => {
    const before = live('orders');
    const writes = kube.writes().length;
    const check = await merge(teamB, sessionJob('orders'));
    const summary = check.output.summary ?? '';
    expect(check.conclusion, summary).toBe('failure');
    expect(summary).toMatch(
      /FlinkSessionJob flink-staging\/orders belongs to repository acme\/team-a, and this deploy comes from acme\/team-b/,
    );
    expect(summary).toMatch(/rename the job in one of them/);
    expect(
      kube
        .writes()
        .slice(writes)
        .filter((w) => w.method !== 'GET' && w.path.endsWith('/flinksessionjobs/orders')),
    ).toEqual([]);
    expect(live('orders')).toEqual(before);
  }, 180_000);
});
