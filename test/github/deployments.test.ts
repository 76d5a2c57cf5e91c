// GitHub Deployments through a real Octokit (Probot's) against the fake GitHub, which checks
// every request and answer against GitHub's REST description (@octokit/openapi, api.github.com,
// sliced into test/fixtures/github/openapi-slice.json) and implements the documented behaviour:
// 140-character status descriptions, auto_inactive, list filters, newest first.
import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JobDeployReport } from '../../src/deploy/types.js';
import {
  createJobDeployment,
  DEPLOY_TASK,
  findInFlightDeployments,
  fitDescription,
  jobDeploymentStatus,
  parsePayload,
  setDeploymentStatus,
  type JobDeploymentInput,
} from '../../src/github/deployments.js';
import { redact } from '../../src/text/redact.js';
import { newAppCredentials } from '../support/app-process.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/fake-github.js';

const credentials = newAppCredentials(778);
const repo = { owner: 'acme', repo: 'flink-jobs' };
const sha1 = '1'.repeat(40);
const sha2 = '2'.repeat(40);
let fake: FakeGitHub;
let octokit: InstanceType<typeof ProbotOctokit>;
let repoCounter = 0;

const job = (over: Partial<JobDeploymentInput> = {}): JobDeploymentInput => ({
  environment: 'staging',
  job: 'orders',
  kind: 'FlinkDeployment',
  namespace: 'flink-staging',
  name: 'orders',
  sha: sha1,
  ...over,
});

beforeAll(async () => {
  fake = await startFakeGitHub({ appId: credentials.appId, publicKey: credentials.publicKey });
  octokit = new ProbotOctokit({
    auth: { appId: credentials.appId, privateKey: credentials.privateKey, installationId: 41 },
    baseUrl: fake.apiUrl,
    throttle: { enabled: false },
    retry: { enabled: false },
  });
});

afterAll(async () => {
  await fake?.close();
});

// Each test gets its own repository, so deployments of one test never count in another.
beforeEach(() => {
  repo.repo = `flink-jobs-${++repoCounter}`;
  fake.addRepository({ owner: 'acme', name: repo.repo, installationId: 41, cloneUrl: 'file:///nowhere' });
});

const full = () => `${repo.owner}/${repo.repo}`;

describe('createJobDeployment', () => {
  it('creates one deployment per environment and job, on the SHA itself, ungated, with the payload a restart needs', async () => {
    const id = await createJobDeployment(octokit, repo, job({ kubeContext: 'kind-staging', pullRequest: 7 }));
    await createJobDeployment(octokit, repo, job({ job: 'payments', name: 'payments' }));
    await createJobDeployment(octokit, repo, job({ environment: 'production', namespace: 'flink-prod' }));

    expect(fake.violations).toEqual([]);
    const [orders, payments, production] = fake.deploymentsFor(full());
    expect(orders).toMatchObject({
      id,
      environment: 'staging/orders',
      task: DEPLOY_TASK,
      ref: sha1,
      sha: sha1,
      transient_environment: false,
      production_environment: false,
    });
    expect(orders!.payload).toEqual({
      streampilot: {
        environment: 'staging',
        job: 'orders',
        kind: 'FlinkDeployment',
        namespace: 'flink-staging',
        name: 'orders',
        kubeContext: 'kind-staging',
        sha: sha1,
        pullRequest: 7,
      },
    });
    expect(payments!.environment).toBe('staging/payments');
    expect(production).toMatchObject({ environment: 'production/orders', production_environment: true });
    const sent = fake.requests
      .filter((r) => r.operationId === 'repos/create-deployment')
      .map((r) => r.body as Record<string, unknown>);
    expect(
      sent.every(
        (b) => b.auto_merge === false && Array.isArray(b.required_contexts) && b.required_contexts.length === 0,
      ),
    ).toBe(true);
  });

  it("is not held back by the commit's own check runs (our deploy check run is in progress while we create it)", async () => {
    // Omitting required_contexts makes GitHub check every context of the commit and answer 409
    // while one is not successful; the fake does the same with its check runs.
    await octokit.rest.checks.create({
      ...repo,
      name: 'StreamPilot / deploy staging',
      head_sha: sha2,
      status: 'in_progress',
    });
    const gated = await octokit.rest.repos
      .createDeployment({ ...repo, ref: sha2, auto_merge: false })
      .catch((e: { status: number }) => e);
    expect((gated as { status: number }).status).toBe(409);
    await expect(createJobDeployment(octokit, repo, job({ sha: sha2 }))).resolves.toBeGreaterThan(0);
  });
});

describe('setDeploymentStatus', () => {
  it('reports in_progress, then success with the Web UI as environment_url and the check run as log_url', async () => {
    const id = await createJobDeployment(octokit, repo, job());
    await setDeploymentStatus(octokit, repo, id, {
      state: 'in_progress',
      description: 'Applying and waiting for RUNNING',
    });
    await setDeploymentStatus(octokit, repo, id, {
      state: 'success',
      environmentUrl: 'https://flink.acme.dev/flink-staging/orders/',
      logUrl: 'https://github.com/acme/flink-jobs/runs/5',
      description: 'Running',
    });
    const d = fake.deploymentsFor(full())[0]!;
    expect(d.statuses.map((s) => [s.state, s.environment_url, s.log_url, s.description])).toEqual([
      ['in_progress', '', '', 'Applying and waiting for RUNNING'],
      [
        'success',
        'https://flink.acme.dev/flink-staging/orders/',
        'https://github.com/acme/flink-jobs/runs/5',
        'Running',
      ],
    ]);
    expect(fake.violations).toEqual([]);
  });

  it("cuts a long description to GitHub's 140 characters with an ellipsis and never sends a token in it", async () => {
    const id = await createJobDeployment(octokit, repo, job());
    const token = 'ghs_abcdefghijklmnopqrstuvwxyz0123456789';
    // The token straddles the 140th character: cutting before redacting would leave its start.
    const long = `the job failed: java.lang.RuntimeException: could not clone the lookup table from git, giving up after 3 attempts with ${token} and more text after it`;
    expect(long.indexOf(token)).toBeLessThan(130);
    await setDeploymentStatus(octokit, repo, id, { state: 'failure', description: long });
    const stored = fake.deploymentsFor(full())[0]!.statuses[0]!;
    expect(stored.description.length).toBeLessThanOrEqual(140);
    expect(stored.description.length).toBeGreaterThan(130);
    expect(stored.description.endsWith('…')).toBe(true);
    expect(stored.description).toContain('giving up after 3 attempts with [redacted] and');
    expect(JSON.stringify(fake.requests)).not.toContain('ghs_');
    expect(fake.violations).toEqual([]);
  });

  it("a success retires the same job's earlier deployment, but not another job's in the same environment", async () => {
    const oldOrders = await createJobDeployment(octokit, repo, job());
    const payments = await createJobDeployment(octokit, repo, job({ job: 'payments', name: 'payments' }));
    await setDeploymentStatus(octokit, repo, oldOrders, { state: 'success', description: 'Running' });
    await setDeploymentStatus(octokit, repo, payments, { state: 'success', description: 'Running' });
    const newOrders = await createJobDeployment(octokit, repo, job({ sha: sha2 }));
    await setDeploymentStatus(octokit, repo, newOrders, { state: 'success', description: 'Running' });

    const state = (id: number) => fake.deploymentState(fake.deployments.find((d) => d.id === id)!);
    expect([state(oldOrders), state(payments), state(newOrders)]).toEqual(['inactive', 'success', 'success']);
  });
});

describe('findInFlightDeployments', () => {
  it("finds ours still in progress or never started, with their payload; not finished ones nor other systems'", async () => {
    const running = await createJobDeployment(octokit, repo, job({ kubeContext: 'kind-staging', pullRequest: 9 }));
    await setDeploymentStatus(octokit, repo, running, { state: 'in_progress', description: 'Waiting' });
    const done = await createJobDeployment(octokit, repo, job({ job: 'payments', name: 'payments' }));
    await setDeploymentStatus(octokit, repo, done, { state: 'in_progress', description: 'Waiting' });
    await setDeploymentStatus(octokit, repo, done, { state: 'failure', description: 'Failed' });
    const neverStarted = await createJobDeployment(
      octokit,
      repo,
      job({ job: 'audit', name: 'audit', kind: 'FlinkSessionJob' }),
    );
    const other = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: sha1,
      task: 'deploy',
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
    });
    await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: (other.data as { id: number }).id,
      state: 'in_progress',
    });
    const damaged = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: sha1,
      task: DEPLOY_TASK,
      environment: 'staging/x',
      auto_merge: false,
      required_contexts: [],
      payload: { streampilot: { job: 'x' } },
    });

    const found = await findInFlightDeployments(octokit, repo);
    expect(found.map((d) => [d.id, d.environment, d.state])).toEqual([
      [(damaged.data as { id: number }).id, 'staging/x', 'none'],
      [neverStarted, 'staging/audit', 'none'],
      [running, 'staging/orders', 'in_progress'],
    ]);
    expect(found[0]!.payload).toBeUndefined();
    expect(found[1]!.payload).toMatchObject({ kind: 'FlinkSessionJob', job: 'audit' });
    expect(found[2]!.payload).toEqual({
      environment: 'staging',
      job: 'orders',
      kind: 'FlinkDeployment',
      namespace: 'flink-staging',
      name: 'orders',
      kubeContext: 'kind-staging',
      sha: sha1,
      pullRequest: 9,
    });
    expect(fake.violations).toEqual([]);
  });

  it('looks at the newest 100 deployments only, with one list and one status read each', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 103; i++)
      ids.push(await createJobDeployment(octokit, repo, job({ job: `job-${i}`, name: `job-${i}` })));
    const before = fake.requests.length;
    const found = await findInFlightDeployments(octokit, repo);
    expect(found).toHaveLength(100);
    expect(new Set(found.map((d) => d.id))).toEqual(new Set(ids.slice(3)));
    const reads = fake.requests.slice(before).map((r) => r.operationId);
    expect(reads.filter((r) => r === 'repos/list-deployments')).toHaveLength(1);
    expect(reads.filter((r) => r === 'repos/list-deployment-statuses')).toHaveLength(100);
  });
});

describe('jobDeploymentStatus', () => {
  const base: JobDeployReport = {
    job: 'orders',
    kind: 'FlinkDeployment',
    namespace: 'flink-staging',
    state: 'running',
  };

  it("a running job is a success linking its Web UI; a port-forward gives GitHub no address, since localhost is only the runner's", () => {
    expect(
      jobDeploymentStatus(
        {
          ...base,
          webUi: { via: 'ingress', url: 'https://flink.acme.dev/orders/' },
          restoredFrom: 's3://sp/savepoint-1',
        },
        { logUrl: 'https://github.com/acme/flink-jobs/runs/5' },
      ),
    ).toEqual({
      state: 'success',
      environmentUrl: 'https://flink.acme.dev/orders/',
      logUrl: 'https://github.com/acme/flink-jobs/runs/5',
      description: 'Running, restored from s3://sp/savepoint-1',
    });
    expect(
      jobDeploymentStatus({
        ...base,
        webUi: {
          via: 'port-forward',
          command: 'kubectl -n flink-staging port-forward svc/orders-rest 8081',
          url: 'http://localhost:8081/',
        },
      }).environmentUrl,
    ).toBeUndefined();
  });

  it('a failed job is a failure with its reason; drift and apply errors are errors; a superseded one is inactive', () => {
    expect(
      jobDeploymentStatus({
        ...base,
        state: 'failed',
        failure: { summary: 'the job failed: java.lang.ArithmeticException: / by zero', events: [], logTail: [] },
      }),
    ).toMatchObject({ state: 'failure', description: 'the job failed: java.lang.ArithmeticException: / by zero' });
    expect(
      jobDeploymentStatus({
        ...base,
        state: 'drift',
        drift: [{ field: '.spec.job.parallelism', manager: 'kubectl-edit' }],
      }),
    ).toMatchObject({
      state: 'error',
      description: 'Not applied: changed outside Git (.spec.job.parallelism by kubectl-edit)',
    });
    expect(
      jobDeploymentStatus({ ...base, state: 'superseded', supersededBy: 'abcdef0123456789abcdef0123456789abcdef01' }),
    ).toMatchObject({ state: 'inactive', description: 'Superseded by abcdef012345' });
  });
});

describe('payload and description helpers', () => {
  it('reads a payload GitHub returns as JSON text, and refuses one with a wrong kind', () => {
    const p = {
      streampilot: {
        environment: 'staging',
        job: 'orders',
        kind: 'FlinkDeployment',
        namespace: 'ns',
        name: 'orders',
        sha: sha1,
      },
    };
    expect(parsePayload(JSON.stringify(p))).toEqual(p.streampilot);
    expect(parsePayload({ streampilot: { ...p.streampilot, kind: 'Deployment' } })).toBeUndefined();
    expect(parsePayload('not json')).toBeUndefined();
  });

  it('fits a description on one line of at most 140 characters', () => {
    expect(fitDescription('a\nb   c')).toBe('a b c');
    expect(fitDescription('x'.repeat(141))).toBe(`${'x'.repeat(139)}…`);
    expect(fitDescription(redact('token ghp_abcdefghijklmnopqrstuvwxyz'))).toBe('token [redacted]');
  });
});
