/**
 * followRollout against the fake API server (through the real `@kubernetes/client-node`) with the
 * simulated operator driving status through the lifecycle of the Flink Kubernetes Operator 1.15
 * CRDs in ../shared/reference/flink-operator (status written through `/status`, so validated
 * against them), and the kubelet's pod states, events and logs. Flink's REST API is an in-memory
 * FlinkRest here, shaped after `GET /jobs/{jobid}/exceptions` of
 * ../shared/reference/flink-rest/rest_v1_dispatcher.yml (exceptionHistory entries: exceptionName
 * and stacktrace); the end-to-end tests use the HTTP fake.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followRollout, type FollowOptions } from '../../src/deploy/follow-rollout.js';
import { isReconciled } from '../../src/deploy/rollout-status.js';
import type {
  DeployedRef,
  FlinkJobExceptions,
  FlinkRest,
  FlinkRestTarget,
  RolloutOutcome,
  RolloutProgress,
} from '../../src/deploy/types.js';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import type { FlinkDeployment, FlinkSessionJob } from '../../src/kube/types.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'streampilot';
const IMAGE =
  'registry.example.com/jobs/orders@sha256:4c5e8a37b2f3c3d3c1f8f0b0f4f5d9e3a1c2b3d4e5f60718293a4b5c6d7e8f90';
const JOB_ID = '8f2c1e4d5a6b7c8d9e0f1a2b3c4d5e6f';
const crdsPresent = existsSync(operatorCrdDir);

function deployment(name: string, parallelism = 2): FlinkDeployment {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkDeployment',
    metadata: { name, namespace: NS, labels: { 'app.kubernetes.io/managed-by': 'streampilot' } },
    spec: {
      image: IMAGE,
      imagePullPolicy: 'IfNotPresent',
      flinkVersion: 'v1_20',
      serviceAccount: 'flink',
      flinkConfiguration: {
        'taskmanager.numberOfTaskSlots': '2',
        // The operator refuses a savepoint upgrade mode without both directories.
        'state.checkpoints.dir': 's3://flink-state/checkpoints',
        'state.savepoints.dir': 's3://flink-state/savepoints',
      },
      jobManager: { resource: { cpu: 1, memory: '2048m' } },
      taskManager: { resource: { cpu: 1, memory: '2048m' } },
      job: {
        jarURI: 'local:///opt/flink/usrlib/sql-runner.jar',
        args: ['/opt/flink/usrlib/sql/main.sql'],
        parallelism,
        upgradeMode: 'savepoint',
        state: 'running',
      },
    },
  };
}

const refOf = (name: string, kind: DeployedRef['kind'] = 'FlinkDeployment'): DeployedRef => ({
  apiVersion: 'flink.apache.org/v1beta1',
  kind,
  namespace: NS,
  name,
});
const restOf = (name: string): FlinkRestTarget => ({ namespace: NS, service: `${name}-rest`, port: 8081 });

/** `/jobs/{id}/exceptions` reduced as the HTTP client reduces it, from a table of failed jobs. */
class MemoryFlinkRest implements FlinkRest {
  readonly calls: { target: FlinkRestTarget; jobId: string }[] = [];
  constructor(private readonly answer: (jobId: string) => Promise<FlinkJobExceptions | undefined>) {}
  jobExceptions(target: FlinkRestTarget, jobId: string): Promise<FlinkJobExceptions | undefined> {
    this.calls.push({ target, jobId });
    return this.answer(jobId);
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const give = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > give) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let fake: FakeKube;
let dir: string;
let kube: KubeClient;

beforeAll(async () => {
  if (!crdsPresent) return;
  fake = await startFakeKube();
  dir = mkdtempSync(path.join(tmpdir(), 'follow-rollout-test-'));
  kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
});

afterAll(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function apply(object: KubernetesObject): Promise<number> {
  const stored = await kube.applyServerSide(object, { fieldManager: 'streampilot' });
  return Number(stored.metadata?.generation);
}

function watchCount(name: string): number {
  return fake.requests.filter((r) => r.query.watch === 'true' && r.query.fieldSelector === `metadata.name=${name}`)
    .length;
}

/** Starts following and waits until the watch is open, so the test's next status change is a live event. */
async function follow(
  name: string,
  generation: number,
  options: Partial<FollowOptions> = {},
  kind: DeployedRef['kind'] = 'FlinkDeployment',
) {
  const progress: RolloutProgress[] = [];
  let settled = false;
  const before = watchCount(name);
  const outcome = followRollout(
    kube,
    { ref: refOf(name, kind), generation, restTarget: restOf(name), kubeContext: 'prod' },
    {
      timeoutMs: 20_000,
      podCheckIntervalMs: 50,
      onProgress: (p) => progress.push(p),
      ...options,
    },
  ).finally(() => {
    settled = true;
  });
  await until(() => settled || watchCount(name) > before, `the watch of ${name}`);
  return { outcome, progress, settled: () => settled };
}

function failureOf(outcome: RolloutOutcome) {
  if (outcome.status !== 'failed' && outcome.status !== 'timed-out')
    throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome.failure;
}

describe.skipIf(!crdsPresent)(
  `followRollout${crdsPresent ? '' : ' (skipped: ../shared/reference/flink-operator not present)'}`,
  () => {
    describe('success', () => {
      it('a new job: DEPLOYED, then STABLE and RUNNING, with its progress and job id', async () => {
        const generation = await apply(deployment('fresh'));
        const f = await follow('fresh', generation);
        fake.operator.deployed(NS, 'fresh');
        await until(() => f.progress.length === 1, 'DEPLOYED');
        fake.operator.running(NS, 'fresh', { jobId: JOB_ID });
        const outcome = await f.outcome;
        expect(outcome).toMatchObject({ status: 'running', jobId: JOB_ID, lifecycleState: 'STABLE' });
        expect(outcome).not.toHaveProperty('restoredFrom');
        expect(f.progress).toEqual([
          { lifecycleState: 'DEPLOYED', jobState: 'RECONCILING', jobManagerDeploymentStatus: 'DEPLOYING' },
          { lifecycleState: 'STABLE', jobState: 'RUNNING', jobManagerDeploymentStatus: 'READY' },
        ]);
      });

      it('an upgrade: the previous generation running is not our success; RUNNING again, restored from the upgrade savepoint', async () => {
        await apply(deployment('upgraded'));
        fake.operator.deployed(NS, 'upgraded');
        fake.operator.running(NS, 'upgraded');
        const generation = await apply(deployment('upgraded', 4));
        expect(generation).toBe(2);

        const f = await follow('upgraded', generation);
        expect(f.settled()).toBe(false);
        const savepoint = 's3://flink-savepoints/upgraded/savepoint-3f2a1b-6c1d9e0a7f42';
        fake.operator.upgrading(NS, 'upgraded', { savepoint });
        fake.operator.deployed(NS, 'upgraded');
        fake.operator.running(NS, 'upgraded', { jobId: JOB_ID });
        const outcome = await f.outcome;
        expect(outcome).toMatchObject({ status: 'running', jobId: JOB_ID, restoredFrom: savepoint });
        expect(f.progress.map((p) => p.lifecycleState)).toEqual(['STABLE', 'UPGRADING', 'DEPLOYED', 'STABLE']);
      });

      it("a stateless change does not claim the previous upgrade's savepoint", async () => {
        await apply(deployment('stateless'));
        fake.operator.deployed(NS, 'stateless');
        fake.operator.running(NS, 'stateless', { restoredFrom: 's3://flink-savepoints/stateless/savepoint-old' });
        const generation = await apply(deployment('stateless', 3));
        const f = await follow('stateless', generation);
        fake.operator.upgrading(NS, 'stateless');
        fake.operator.deployed(NS, 'stateless');
        fake.operator.running(NS, 'stateless');
        const outcome = await f.outcome;
        expect(outcome.status).toBe('running');
        expect(outcome).not.toHaveProperty('restoredFrom');
      });

      it('an older operator without observedGeneration: the generation from lastReconciledSpec, the savepoint from savepointInfo', async () => {
        fake.operator.legacyStatus = true;
        try {
          await apply(deployment('legacy'));
          fake.operator.deployed(NS, 'legacy');
          fake.operator.running(NS, 'legacy');
          const generation = await apply(deployment('legacy', 3));
          const f = await follow('legacy', generation);
          expect(f.settled()).toBe(false);
          const savepoint = 'hdfs:///flink/savepoints/legacy/savepoint-77aa01';
          fake.operator.upgrading(NS, 'legacy', { savepoint });
          fake.operator.deployed(NS, 'legacy');
          fake.operator.running(NS, 'legacy');
          const live = (await kube.get<{ status: { observedGeneration?: number } } & KubernetesObject>(
            refOf('legacy'),
          ))!;
          expect(live.status.observedGeneration).toBeUndefined();
          expect(await f.outcome).toMatchObject({ status: 'running', restoredFrom: savepoint });
        } finally {
          fake.operator.legacyStatus = false;
        }
      });

      it('an object already RUNNING at our generation is running at once', async () => {
        const generation = await apply(deployment('already'));
        fake.operator.deployed(NS, 'already');
        fake.operator.running(NS, 'already', { jobId: JOB_ID });
        const outcome = await followRollout(kube, { ref: refOf('already'), generation }, { timeoutMs: 20_000 });
        expect(outcome).toMatchObject({ status: 'running', jobId: JOB_ID, lifecycleState: 'STABLE' });
      });

      it('a session job on its session cluster', async () => {
        const cluster = deployment('session-cluster') as unknown as {
          spec: Record<string, unknown>;
        } & KubernetesObject;
        delete cluster.spec.job;
        await apply(cluster);
        fake.operator.deployed(NS, 'session-cluster');
        fake.operator.running(NS, 'session-cluster');
        const job: FlinkSessionJob = {
          apiVersion: 'flink.apache.org/v1beta1',
          kind: 'FlinkSessionJob',
          metadata: { name: 'session-orders', namespace: NS, labels: {} },
          spec: {
            deploymentName: 'session-cluster',
            flinkConfiguration: {},
            job: {
              // The operator fetches a session job's jar itself, by default over https only.
              jarURI: 'https://artifacts.example.com/flink/sql-runner.jar',
              parallelism: 1,
              upgradeMode: 'stateless',
              state: 'running',
            },
          },
        };
        const generation = await apply(job);
        const f = await follow('session-orders', generation, {}, 'FlinkSessionJob');
        fake.operator.deployed(NS, 'session-orders', 'FlinkSessionJob');
        fake.operator.running(NS, 'session-orders', { jobId: JOB_ID }, 'FlinkSessionJob');
        expect(await f.outcome).toMatchObject({ status: 'running', jobId: JOB_ID });
        expect(f.progress.at(-1)).toEqual({ lifecycleState: 'STABLE', jobState: 'RUNNING' });
      });
    });

    describe('failures, with their reason', () => {
      it('the image cannot be pulled: the image, the kubelet and operator events, where to look', async () => {
        const generation = await apply(deployment('no-image'));
        const f = await follow('no-image', generation);
        fake.operator.deployed(NS, 'no-image');
        fake.operator.imagePullBackOff(NS, 'no-image');
        const outcome = await f.outcome;
        expect(outcome.status).toBe('failed');
        const failure = failureOf(outcome);
        expect(failure.summary).toBe(`the JobManager image cannot be pulled: ${IMAGE}`);
        expect(failure.events).toEqual([
          `Failed: Failed to pull image "${IMAGE}": rpc error: code = NotFound desc = failed to pull and unpack image "${IMAGE}": not found`,
          'Failed: Error: ErrImagePull',
          'Failed: Error: ImagePullBackOff',
          `DeploymentFailed: Back-off pulling image "${IMAGE}"`,
        ]);
        expect(failure.logTail).toEqual([]);
        expect(failure.hint).toContain('imagePullSecrets of service account "flink"');
      });

      it('a JobManager that keeps crashing: exit code, BackOff event, and the log of its previous run', async () => {
        const generation = await apply(deployment('crashing'));
        const f = await follow('crashing', generation, { logTailLines: 3 });
        fake.operator.deployed(NS, 'crashing');
        const lastRun = [
          'INFO  Starting StandaloneApplicationClusterEntryPoint',
          'INFO  Loading configuration property: taskmanager.numberOfTaskSlots, 2',
          'ERROR Could not start cluster entrypoint StandaloneApplicationClusterEntryPoint.',
          'org.apache.flink.table.api.ValidationException: Table orders not found',
          '\tat org.apache.flink.table.catalog.CatalogManager.getTableOrError(CatalogManager.java:712)',
        ];
        fake.operator.crashLoop(NS, 'crashing', lastRun, { exitCode: 1 });
        const failure = failureOf(await f.outcome);
        expect(failure.summary).toBe('the JobManager keeps crashing (CrashLoopBackOff, exit code 1)');
        expect(failure.logTail).toEqual(lastRun.slice(-3));
        expect(failure.events).toEqual([
          expect.stringMatching(/^BackOff: Back-off restarting failed container flink-main-container in pod crashing-/),
        ]);
        expect(failure.hint).toMatch(
          /^the log tail is from its last run; the whole log: kubectl --context prod -n streampilot logs crashing-\S+ -c flink-main-container --previous$/,
        );
      });

      it('a crash loop only the pods show (the status says DEPLOYED): found by looking at the pods', async () => {
        const generation = await apply(deployment('quiet-crash'));
        fake.operator.deployed(NS, 'quiet-crash');
        const f = await follow('quiet-crash', generation);
        fake.operator.crashLoop(NS, 'quiet-crash', ['java.lang.OutOfMemoryError: Java heap space'], {
          exitCode: 137,
          terminationReason: 'OOMKilled',
          reportInStatus: false,
        });
        const outcome = await f.outcome;
        expect(outcome).toMatchObject({ status: 'failed', lifecycleState: 'DEPLOYED', jobState: 'RECONCILING' });
        const failure = failureOf(outcome);
        expect(failure.summary).toBe('the JobManager keeps crashing (CrashLoopBackOff, OOMKilled, exit code 137)');
        expect(failure.hint).toBe('the JobManager ran out of memory: raise jobManager.resource.memory');
        expect(failure.logTail).toEqual(['java.lang.OutOfMemoryError: Java heap space']);
      });

      it("a statement StreamPilot's runner reports as failed: the report names its repository file and line", async () => {
        const generation = await apply(deployment('bad-statement'));
        fake.operator.deployed(NS, 'bad-statement');
        const f = await follow('bad-statement', generation);
        fake.operator.crashLoop(
          NS,
          'bad-statement',
          [
            'streampilot-runner: running the statement at jobs/orders/main.sql:1',
            "streampilot-runner: statement at jobs/orders/main.sql:14 failed: org.apache.flink.table.api.ValidationException: Object 'orderz' not found",
            'Exception in thread "main" dev.streampilot.runner.Main$StatementFailedException: streampilot-runner: statement at jobs/orders/main.sql:14 failed: …',
          ],
          { exitCode: 1, reportInStatus: false },
        );
        const failure = failureOf(await f.outcome);
        expect(failure.statement).toEqual({
          file: 'jobs/orders/main.sql',
          line: 14,
          cause: "org.apache.flink.table.api.ValidationException: Object 'orderz' not found",
        });
        expect(failure.summary).toBe(
          "the statement at jobs/orders/main.sql:14 failed: org.apache.flink.table.api.ValidationException: Object 'orderz' not found",
        );
      });

      it("a failed job: Flink's root cause from the REST API, the job id, the JobManager log", async () => {
        const generation = await apply(deployment('dividing'));
        const flink = new MemoryFlinkRest(async (jobId) =>
          jobId === JOB_ID
            ? {
                rootException: 'java.lang.ArithmeticException: / by zero',
                stacktrace:
                  'java.lang.ArithmeticException: / by zero\n\tat org.example.Ratio.eval(Ratio.java:14)\n\tat StreamExecCalc$11.processElement(Unknown Source)\n',
                timestamp: 1767225600000,
              }
            : undefined,
        );
        const f = await follow('dividing', generation, { flink, logTailLines: 2 });
        fake.operator.deployed(NS, 'dividing');
        const pod = fake.operator.jobManagerPod(NS, 'dividing')!;
        fake.logs.set(NS, String((pod.metadata as { name: string }).name), 'flink-main-container', [
          'INFO  Job orders switched to RUNNING',
          'INFO  Job orders switched from state RUNNING to FAILING',
          'INFO  Job orders switched from state FAILING to FAILED',
        ]);
        fake.operator.failed(NS, 'dividing', { message: 'Job failed', jobId: JOB_ID });
        const outcome = await f.outcome;
        expect(outcome).toMatchObject({
          status: 'failed',
          jobId: JOB_ID,
          lifecycleState: 'FAILED',
          jobState: 'FAILED',
        });
        const failure = failureOf(outcome);
        expect(failure.summary).toBe('the job failed: java.lang.ArithmeticException: / by zero');
        expect(failure.rootCause).toBe(
          'java.lang.ArithmeticException: / by zero\n\tat org.example.Ratio.eval(Ratio.java:14)\n\tat StreamExecCalc$11.processElement(Unknown Source)',
        );
        expect(flink.calls).toEqual([{ target: restOf('dividing'), jobId: JOB_ID }]);
        expect(failure.logTail).toEqual([
          'INFO  Job orders switched from state RUNNING to FAILING',
          'INFO  Job orders switched from state FAILING to FAILED',
        ]);
        expect(failure.events).toEqual(['JobStatusChanged: Job status changed from RUNNING to FAILED: Job failed']);
      });

      it("a failed job whose JobManager is gone (REST unreachable): the operator's error instead", async () => {
        const generation = await apply(deployment('unreachable'));
        const flink = new MemoryFlinkRest(async () => undefined);
        const f = await follow('unreachable', generation, { flink });
        fake.operator.deployed(NS, 'unreachable');
        fake.operator.failed(NS, 'unreachable', {
          message: 'java.lang.ClassNotFoundException: org.example.udf.Ratio',
          jobId: JOB_ID,
        });
        const failure = failureOf(await f.outcome);
        expect(failure.summary).toBe('the job failed: java.lang.ClassNotFoundException: org.example.udf.Ratio');
        expect(failure).not.toHaveProperty('rootCause');
        expect(failure.hint).toContain(
          'kubectl --context prod -n streampilot logs -l app=unreachable,component=jobmanager',
        );
        expect(flink.calls).toHaveLength(1);
      });

      it('a REST API that never answers does not hold the outcome back', async () => {
        const generation = await apply(deployment('hanging-rest'));
        const flink = new MemoryFlinkRest(() => new Promise(() => undefined));
        const f = await follow('hanging-rest', generation, { flink, diagnosisReadTimeoutMs: 50 });
        fake.operator.deployed(NS, 'hanging-rest');
        fake.operator.failed(NS, 'hanging-rest', { message: 'Job failed', jobId: JOB_ID });
        const failure = failureOf(await f.outcome);
        expect(failure.summary).toBe('the job failed: Job failed');
        expect(flink.calls).toHaveLength(1);
      });

      it('an error in the status', async () => {
        const generation = await apply(deployment('erroring'));
        const f = await follow('erroring', generation);
        fake.operator.deployed(NS, 'erroring');
        fake.operator.patchStatus(NS, 'erroring', {
          error: JSON.stringify({
            type: 'org.apache.flink.kubernetes.operator.exception.ReconciliationException',
            message:
              'org.apache.flink.runtime.rest.util.RestClientException: [Internal server error., <Exception on server side: Could not allocate the required slot>]',
            additionalMetadata: {},
            throwableList: [],
          }),
        });
        const failure = failureOf(await f.outcome);
        expect(failure.summary).toBe(
          'the operator reported an error: org.apache.flink.runtime.rest.util.RestClientException: [Internal server error., <Exception on server side: Could not allocate the required slot>]',
        );
      });

      it('a spec the operator rejects: it never reconciles our generation, the validation error is the reason', async () => {
        await apply(deployment('rejected'));
        fake.operator.deployed(NS, 'rejected');
        fake.operator.running(NS, 'rejected');
        const generation = await apply(deployment('rejected', 3));
        const f = await follow('rejected', generation);
        fake.operator.rejected(NS, 'rejected', 'Job parallelism must be larger than 0');
        const outcome = await f.outcome;
        const failure = failureOf(outcome);
        expect(failure.summary).toBe('the operator rejected the spec: Job parallelism must be larger than 0');
        expect(failure.events).toEqual(['ValidationError: Job parallelism must be larger than 0']);
        expect(outcome).toMatchObject({ status: 'failed', lifecycleState: 'STABLE', jobState: 'RUNNING' });
      });

      it('the object deleted while following', async () => {
        const generation = await apply(deployment('deleted'));
        const f = await follow('deleted', generation);
        fake.operator.deployed(NS, 'deleted');
        await until(() => f.progress.length === 1, 'DEPLOYED');
        await kube.delete(refOf('deleted'));
        const failure = failureOf(await f.outcome);
        expect(failure.summary).toBe('the FlinkDeployment streampilot/deleted was deleted while waiting for it to run');
      });
    });

    describe('timeouts', () => {
      it('no RUNNING in time: the last state seen, in the summary', async () => {
        const generation = await apply(deployment('slow'));
        fake.operator.deployed(NS, 'slow');
        const outcome = await followRollout(
          kube,
          { ref: refOf('slow'), generation },
          { timeoutMs: 300, podCheckIntervalMs: 50 },
        );
        expect(outcome).toMatchObject({ status: 'timed-out', lifecycleState: 'DEPLOYED', jobState: 'RECONCILING' });
        const failure = failureOf(outcome);
        expect(failure.summary).toBe(
          'no RUNNING after 300 ms: lifecycle DEPLOYED, job RECONCILING, JobManager DEPLOYING',
        );
        expect(failure.hint).toContain('raise the deploy timeout');
      });

      it('an operator that never picks up the change', async () => {
        await apply(deployment('ignored'));
        fake.operator.deployed(NS, 'ignored');
        fake.operator.running(NS, 'ignored');
        const generation = await apply(deployment('ignored', 5));
        const outcome = await followRollout(kube, { ref: refOf('ignored'), generation }, { timeoutMs: 300 });
        expect(outcome.status).toBe('timed-out');
        expect(failureOf(outcome).summary).toBe(
          'the operator did not pick up the change within 300 ms (waiting for generation 2, it has reconciled generation 1)',
        );
        expect(failureOf(outcome).hint).toContain('watching namespace "streampilot"');
      });
    });

    describe('what ends real watches', () => {
      it('the server ending the watch mid-rollout', async () => {
        const generation = await apply(deployment('ended'));
        const f = await follow('ended', generation);
        fake.operator.deployed(NS, 'ended');
        await until(() => f.progress.length === 1, 'DEPLOYED');
        const watches = watchCount('ended');
        fake.endWatches();
        await until(() => watchCount('ended') > watches, 'the watch to resume');
        fake.operator.running(NS, 'ended', { jobId: JOB_ID });
        expect(await f.outcome).toMatchObject({ status: 'running', jobId: JOB_ID });
      });

      it('410 Expired after a compaction', async () => {
        const generation = await apply(deployment('compacted'));
        const f = await follow('compacted', generation);
        fake.operator.deployed(NS, 'compacted');
        await until(() => f.progress.length === 1, 'DEPLOYED');
        await apply(deployment('compacted-neighbour'));
        fake.compact();
        const before = fake.requests.length;
        fake.endWatches();
        await until(
          () =>
            fake.requests
              .slice(before)
              .some(
                (r) =>
                  r.query.watch === 'true' &&
                  r.query.fieldSelector === 'metadata.name=compacted' &&
                  r.query.resourceVersion === undefined,
              ),
          'the watch from now',
        );
        expect(
          fake.requests.slice(before).some((r) => r.method === 'GET' && r.path.endsWith('/flinkdeployments/compacted')),
        ).toBe(true);
        fake.operator.running(NS, 'compacted');
        expect((await f.outcome).status).toBe('running');
      });

      it('an API server that goes away: a failure saying the watch was lost', async () => {
        const gone = await startFakeKube();
        const other = mkdtempSync(path.join(tmpdir(), 'follow-rollout-gone-'));
        try {
          const client = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(other, gone) }));
          const stored = await client.applyServerSide<KubernetesObject>(deployment('stranded'), {
            fieldManager: 'streampilot',
          });
          const outcome = followRollout(
            client,
            { ref: refOf('stranded'), generation: Number(stored.metadata?.generation) },
            {
              timeoutMs: 20_000,
              watch: { retryDelayMs: 5, maxRetries: 1 },
              diagnosisReadTimeoutMs: 1000,
            },
          );
          await until(() => gone.requests.some((r) => r.query.watch === 'true'), 'the watch');
          await gone.close();
          const failure = failureOf(await outcome);
          expect(failure.summary).toMatch(
            /^lost the watch of FlinkDeployment streampilot\/stranded: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(gave up after 2 attempts in a row\)$/,
          );
          expect(failure.hint).toBe(
            'the job may still be starting: check it with kubectl -n streampilot get flinkdeployment stranded',
          );
        } finally {
          rmSync(other, { recursive: true, force: true });
        }
      });
    });

    it('an abort (a newer commit took over) ends the follow as cancelled', async () => {
      const generation = await apply(deployment('superseded'));
      const stop = new AbortController();
      const f = await follow('superseded', generation, { signal: stop.signal });
      fake.operator.deployed(NS, 'superseded');
      await until(() => f.progress.length === 1, 'DEPLOYED');
      stop.abort();
      const outcome = await f.outcome;
      expect(outcome.status).toBe('cancelled');
    });
  },
);

describe('isReconciled', () => {
  const object = (status: Record<string, unknown>, generation = 3) => ({
    metadata: { generation },
    spec: { image: 'a', job: { parallelism: 2, state: 'running' } },
    status,
  });

  it('operator 1.15: observedGeneration', () => {
    expect(isReconciled(object({ observedGeneration: 3 }), 3)).toBe(true);
    expect(isReconciled(object({ observedGeneration: 2 }), 3)).toBe(false);
  });

  it('older operators: the generation recorded with the reconciled spec', () => {
    const spec = (generation: number) =>
      JSON.stringify({
        spec: {},
        resource_metadata: { apiVersion: 'flink.apache.org/v1beta1', metadata: { generation } },
      });
    expect(isReconciled(object({ reconciliationStatus: { lastReconciledSpec: spec(3) } }), 3)).toBe(true);
    expect(isReconciled(object({ reconciliationStatus: { lastReconciledSpec: spec(2) } }), 3)).toBe(false);
  });

  it('the oldest: the bare reconciled spec must hold every live field (it also holds defaults)', () => {
    const reconciled = (parallelism: number, state = 'running') =>
      JSON.stringify({ image: 'a', imagePullPolicy: null, job: { parallelism, state, upgradeMode: 'stateless' } });
    expect(isReconciled(object({ reconciliationStatus: { lastReconciledSpec: reconciled(2) } }), 3)).toBe(true);
    expect(isReconciled(object({ reconciliationStatus: { lastReconciledSpec: reconciled(1) } }), 3)).toBe(false);
    expect(isReconciled(object({ reconciliationStatus: { lastReconciledSpec: reconciled(2, 'suspended') } }), 3)).toBe(
      false,
    );
    expect(isReconciled(object({}), 3)).toBe(false);
  });
});
