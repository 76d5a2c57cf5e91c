// Two teams, two StreamPilot repositories, one namespace and one environment name: `streampilot deploy`
// as each team runs it (the built CLI as its own process, test/support/run-cli.ts) in real git
// repositories whose remotes name them, against the Kubernetes API server served by
// test/support/fake-kube over HTTPS (server-side apply with field managers, label selectors as the
// API server parses them; FlinkSessionJobs admitted only when valid for the operator 1.15.0 CRDs in
// ../shared/reference/flink-operator), the operator played by the autopilot. Session jobs: nothing is
// built, so no registry or Docker engine is needed.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKubeClient, loadKubeConfig } from '../../src/kube/client.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { prepareDeploy } from '../../src/workflows/prepare-deploy.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot } from '../support/fake-kube/operator-autopilot.js';
import { findKind } from '../support/fake-kube/resources.js';
import { GitRepository } from '../support/git-fixture.js';
import { runCliAsync, type CliRun } from '../support/run-cli.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-staging';
const SESSION_JOB = findKind('flink.apache.org/v1beta1', 'FlinkSessionJob')!;
const reason = existsSync(operatorCrdDir)
  ? undefined
  : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)';

const project = (prune: boolean) => `apiVersion: streampilot.dev/v1
kind: Project
registry:
  repository: registry.example.test/acme/jobs
deploy:
  timeout: 30s
${prune ? '  prune: true\n' : ''}environments:
  staging:
    kubeContext: staging
    namespace: ${NS}
`;

const sessionJob = (name: string) => ({
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

function repository(work: string, name: string, files: Record<string, string>): GitRepository {
  const source = path.join(work, `${name}-source`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
    writeFileSync(path.join(source, file), text);
  }
  return GitRepository.create({ from: source, name });
}

interface Live {
  metadata: {
    name: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}

describe.skipIf(reason)(`two repositories deploying to one namespace and environment ${reason ?? ''}`, () => {
  const work = mkdtempSync(path.join(tmpdir(), 'sp-cli-two-repos-'));
  let fake: FakeKube;
  let autopilot: Autopilot;
  let kubeconfig: string;
  let teamA: GitRepository;
  let teamB: GitRepository;

  const deploy = (repo: GitRepository): Promise<CliRun> =>
    runCliAsync(['deploy', '--env', 'staging', '--kubeconfig', kubeconfig], { cwd: repo.dir });
  const live = (name: string) => fake.store.get(SESSION_JOB, NS, name) as Live | undefined;
  const names = () =>
    fake.store
      .list(SESSION_JOB, NS)
      .map((o) => (o as unknown as Live).metadata.name)
      .sort();
  const owner = (name: string) => live(name)?.metadata.annotations?.['streampilot.dev/repository'];
  const writesTo = (name: string, since: number) =>
    fake
      .writes()
      .slice(since)
      .filter((w) => w.method !== 'GET' && w.path.split('?')[0]!.endsWith(`/flinksessionjobs/${name}`));

  beforeAll(async () => {
    fake = await startFakeKube();
    autopilot = startOperatorAutopilot(fake, { stepMs: 20 });
    kubeconfig = writeTestKubeconfig(work, fake, [{ name: 'staging', namespace: NS }]);
    teamA = repository(work, 'team-a', {
      'streampilot.yaml': project(false),
      ...sessionJob('orders'),
      ...sessionJob('clicks'),
      ...sessionJob('legacy'),
    });
    teamA.git('remote', 'add', 'origin', 'https://github.com/Acme/Team-A.git');
    teamB = repository(work, 'team-b', {
      'streampilot.yaml': project(true),
      ...sessionJob('payments'),
      ...sessionJob('audit'),
    });
    teamB.git('remote', 'add', 'origin', 'git@github.com:acme/team-b.git');

    // `legacy` as a StreamPilot without repository labels applied it: same objects, same field manager.
    const planned = checkRepository(teamA.dir, { environments: ['staging'] }).plan.environments[0]!;
    const old = prepareDeploy(planned, [], { gitSha: 'f'.repeat(40) }).find((p) => p.job.name === 'legacy')!;
    if (!('objects' in old)) throw new Error(`legacy was not rendered: ${'skip' in old ? old.skip : 'disabled'}`);
    const kube = createKubeClient(loadKubeConfig({ kubeconfigPath: kubeconfig, context: 'staging' }));
    await kube.applyServerSide(old.objects.resource, { fieldManager: 'streampilot' });
  }, 60_000);

  afterAll(async () => {
    autopilot?.stop();
    await fake?.close();
    rmSync(work, { recursive: true, force: true });
    for (const repo of [teamA, teamB]) if (repo) rmSync(path.dirname(repo.dir), { recursive: true, force: true });
  });

  test('the second team’s deploy, pruning on, neither lists nor deletes the first team’s jobs, and leaves an unlabelled one alone', async () => {
    const b = await deploy(teamB);
    expect(b.stderr + b.stdout).not.toMatch(/no longer in Git/);
    expect(b.status).toBe(0);
    expect(names()).toEqual(['audit', 'legacy', 'payments']);
    expect(owner('payments')).toBe('acme/team-b');
    expect(live('legacy')?.metadata.labels?.['streampilot.dev/repository']).toBeUndefined();
  }, 60_000);

  test('the first team’s deploy adopts the unlabelled job of its name without a new generation, and sees none of the second team’s jobs as orphans', async () => {
    const generation = live('legacy')?.metadata.generation;
    const a = await deploy(teamA);
    expect(a.status).toBe(0);
    expect(a.stdout).not.toMatch(/no longer in Git/);
    expect(a.stdout).toMatch(
      /adopted:\n {2}FlinkSessionJob flink-staging\/legacy had no repository label.*adopted by Acme\/Team-A/,
    );
    expect(owner('legacy')).toBe('Acme/Team-A');
    // The same label for any spelling of the name: GitHub's names are case-insensitive.
    expect(live('legacy')?.metadata.labels?.['streampilot.dev/repository']).toBe(
      live('orders')?.metadata.labels?.['streampilot.dev/repository'],
    );
    expect(live('legacy')?.metadata.generation).toBe(generation);
    expect(names()).toEqual(['audit', 'clicks', 'legacy', 'orders', 'payments']);
  }, 60_000);

  test('adopted once: the next deploy of the first team says nothing of it', async () => {
    const a = await deploy(teamA);
    expect(a.status).toBe(0);
    expect(a.stdout + a.stderr).not.toMatch(/adopted/);
    expect(a.stdout).not.toMatch(/no longer in Git/);
  }, 60_000);

  test('prune deletes the second team’s own job that left Git, and only that one', async () => {
    teamB.commit('main', { 'jobs/audit': null });
    const b = await deploy(teamB);
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/no longer in Git:\n {2}FlinkSessionJob flink-staging\/audit {2}deleted/);
    expect(b.stdout).not.toMatch(/orders|clicks|legacy/);
    expect(names()).toEqual(['clicks', 'legacy', 'orders', 'payments']);
  }, 60_000);

  test('a job of a name the other team already runs there is refused, naming both repositories, and nothing is written', async () => {
    const before = fake.writes().length;
    const ordersBefore = live('orders');
    teamB.commit('main', sessionJob('orders'));
    const b = await deploy(teamB);
    expect(b.status).toBe(1);
    expect(b.stdout).toMatch(
      /FlinkSessionJob flink-staging\/orders belongs to repository Acme\/Team-A, and this deploy comes from acme\/team-b/,
    );
    expect(b.stdout).toMatch(/rename the job in one of them .* or give one of them another namespace/);
    expect(writesTo('orders', before)).toEqual([]);
    expect(live('orders')).toEqual(ordersBefore);
    expect(owner('orders')).toBe('Acme/Team-A');
  }, 60_000);

  test('status of the second team: its own jobs, the colliding name as the other repository’s, and none of the first team’s jobs as not in Git', async () => {
    const r = await runCliAsync(['status', '--env', 'staging', '--kubeconfig', kubeconfig], { cwd: teamB.dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}payments {2}job RUNNING/m);
    expect(r.stdout).toContain(
      '    not deployed: FlinkSessionJob flink-staging/orders belongs to repository Acme/Team-A; rename the job or deploy it to another namespace',
    );
    expect(r.stdout).not.toMatch(/not in Git/);
  }, 60_000);
});

describe('a checkout that names no repository', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-cli-no-repo-'));
  beforeAll(() => {
    writeFileSync(path.join(dir, 'streampilot.yaml'), project(true));
    for (const [file, text] of Object.entries(sessionJob('orders'))) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('deploy and status stop with exit 2 before any cluster is reached, saying to add `repository:` or a remote', async () => {
    for (const command of ['deploy', 'status']) {
      // Nothing listens there: a command that got as far as the cluster would say so instead.
      const r = await runCliAsync([command, '--env', 'staging', '--kubeconfig', path.join(dir, 'absent')], {
        cwd: dir,
      });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${command}: cannot tell which repository this is`);
      expect(r.stderr).toContain('add `repository: owner/name` to streampilot.yaml');
      expect(r.stdout).toBe('');
    }
  }, 60_000);
});
