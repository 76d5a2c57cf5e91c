/**
 * The fake operator's admission validation rule by rule: each case breaks one rule of
 * DefaultValidator (flink-kubernetes-operator release-1.15.0) in an otherwise valid resource and
 * expects the webhook's denial with the operator's wording.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../support/fake-kube/api-status.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot } from '../support/fake-kube/operator-autopilot.js';
import { findKind } from '../support/fake-kube/resources.js';

type Obj = Record<string, unknown>;
const NS = 'flink';
const DEPLOYMENT = findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!;
const SESSION_JOB = findKind('flink.apache.org/v1beta1', 'FlinkSessionJob')!;
const DIRS = { 'state.checkpoints.dir': 's3://b/cp', 'state.savepoints.dir': 's3://b/sp' };

function deployment(name: string, change: (spec: Obj & { job: Obj; flinkConfiguration: Obj }) => void = () => {}): Obj {
  const spec = {
    image: 'flink:1.20',
    flinkVersion: 'v1_20',
    serviceAccount: 'flink',
    flinkConfiguration: { ...DIRS } as Obj,
    jobManager: { resource: { cpu: 1, memory: '1600m' } } as Obj,
    taskManager: { resource: { cpu: 1, memory: '1728m' } } as Obj,
    job: { jarURI: 'local:///opt/flink/usrlib/runner.jar', parallelism: 1, upgradeMode: 'savepoint' } as Obj,
  };
  change(spec);
  return { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', metadata: { name }, spec };
}

function sessionJob(name: string, job: Obj, deploymentName = 'session'): Obj {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkSessionJob',
    metadata: { name },
    spec: { deploymentName, job: { parallelism: 1, upgradeMode: 'stateless', ...job } },
  };
}

let fake: FakeKube;
beforeAll(async () => {
  fake = await startFakeKube();
  const session = deployment('session', (s) => delete (s as Obj).job);
  fake.api.create(DEPLOYMENT, NS, session, { fieldManager: 'test' });
  fake.api.create(DEPLOYMENT, NS, deployment('application'), { fieldManager: 'test' });
}, 60_000);
afterAll(async () => fake?.close());

function refusal(write: () => unknown): { code: number; message: string } {
  try {
    write();
  } catch (e) {
    if (e instanceof ApiError) return { code: e.status.code, message: e.status.message };
    throw e;
  }
  throw new Error('the write was accepted');
}

const denied = (message: string) => ({
  code: 403,
  message: `admission webhook "validationwebhook.flink.apache.org" denied the request: ${message}`,
});

describe('the operator webhook refuses a FlinkDeployment', () => {
  const cases: [string, Obj, string][] = [
    [
      'a name longer than 45 characters (validateDeploymentName)',
      deployment('a'.repeat(46)),
      `The FlinkDeployment name: ${'a'.repeat(46)} is invalid, must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123'), and the length must be no more than 45 characters.`,
    ],
    [
      'no flinkVersion (validateFlinkVersion)',
      deployment('no-version', (s) => delete (s as Obj).flinkVersion),
      'Flink Version must be defined.',
    ],
    [
      'kubernetes.namespace in flinkConfiguration (validateFlinkDeploymentConfig)',
      deployment('ns-key', (s) => (s.flinkConfiguration['kubernetes.namespace'] = 'other')),
      'Forbidden Flink config key: kubernetes.namespace',
    ],
    [
      'kubernetes.cluster-id in flinkConfiguration',
      deployment('cluster-id', (s) => (s.flinkConfiguration['kubernetes.cluster-id'] = 'x')),
      'Forbidden Flink config key: kubernetes.cluster-id',
    ],
    [
      'high-availability.cluster-id in flinkConfiguration',
      deployment('ha-id', (s) => (s.flinkConfiguration['high-availability.cluster-id'] = 'x')),
      'Forbidden Flink config key: high-availability.cluster-id',
    ],
    [
      'rollback without HA',
      deployment('rollback', (s) => (s.flinkConfiguration['kubernetes.operator.deployment.rollback.enabled'] = 'true')),
      'HA must be enabled for rollback support.',
    ],
    [
      'an unknown log configuration file (validateLogConfig)',
      deployment('log-conf', (s) => ((s as Obj).logConfiguration = { 'log4j.properties': '' })),
      'Invalid log config key: log4j.properties. Allowed keys are [log4j-console.properties, logback-console.xml]',
    ],
    [
      'savepoint upgrade mode without a checkpoint directory (validateJobSpec)',
      deployment('no-cp', (s) => (s.flinkConfiguration = { 'state.savepoints.dir': 's3://b/sp' })),
      'Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes',
    ],
    [
      'last-state upgrade mode without a checkpoint directory',
      deployment('last-state', (s) => {
        s.flinkConfiguration = {};
        s.job.upgradeMode = 'last-state';
      }),
      'Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes',
    ],
    [
      'savepoint upgrade mode without a savepoint directory',
      deployment('no-sp', (s) => (s.flinkConfiguration = { 'state.checkpoints.dir': 's3://b/cp' })),
      'Job could not be upgraded with savepoint while config key[execution.checkpointing.savepoint-dir] is not set',
    ],
    [
      'periodic savepoints without a savepoint directory',
      deployment('periodic', (s) => {
        s.flinkConfiguration = { 'kubernetes.operator.periodic.savepoint.interval': '1h' };
        s.job.upgradeMode = 'stateless';
      }),
      'Periodic savepoints cannot be enabled when config key[execution.checkpointing.savepoint-dir] is not set',
    ],
    [
      'parallelism 0 (validateJobSpec)',
      deployment('parallelism', (s) => (s.job.parallelism = 0)),
      'Job parallelism must be larger than 0',
    ],
    [
      'TaskManager replicas 0',
      deployment('tm-replicas', (s) => ((s.taskManager as Obj).replicas = 0)),
      'TaskManager replicas must be larger than 0',
    ],
    [
      'no JobManager memory (validateJmSpec)',
      deployment('jm-memory', (s) => (s.jobManager = { resource: { cpu: 1 } })),
      'JobManager resource memory must be defined using `spec.jobManager.resource.memory`',
    ],
    [
      'an unparsable JobManager memory (validateResources)',
      deployment('jm-parse', (s) => (s.jobManager = { resource: { cpu: 1, memory: 'lots' } })),
      'JobManager resource memory parse error: Invalid quantity string format passed',
    ],
    [
      'two JobManagers without HA (validateJmReplicas)',
      deployment('jm-replicas', (s) => ((s.jobManager as Obj).replicas = 2)),
      'High availability should be enabled when starting standby JobManagers.',
    ],
    [
      'no TaskManager memory (validateTmSpec)',
      deployment('tm-memory', (s) => delete (s as Obj).taskManager),
      'TaskManager resource memory must be defined using `spec.taskManager.resource.memory`',
    ],
    [
      'no serviceAccount (validateServiceAccount)',
      deployment('no-sa', (s) => delete (s as Obj).serviceAccount),
      'spec.serviceAccount must be defined. If you use helm, its value should be the same with the name of jobServiceAccount.',
    ],
  ];
  for (const [what, object, message] of cases) {
    it(what, () => {
      expect(refusal(() => fake.api.create(DEPLOYMENT, NS, object, { fieldManager: 'test' }))).toEqual(denied(message));
      expect(fake.store.get(DEPLOYMENT, NS, String((object.metadata as Obj).name))).toBeUndefined();
    });
  }

  it('accepts memory sized in flinkConfiguration instead of the resource, and the deprecated directory keys', () => {
    const sized = deployment('sized-by-config', (s) => {
      s.jobManager = {};
      s.taskManager = {};
      s.flinkConfiguration = {
        'execution.checkpointing.dir': 's3://b/cp',
        'state.savepoints.dir': 's3://b/sp',
        'jobmanager.memory.process.size': '2g',
        'taskmanager.memory.process.size': '2g',
      };
    });
    expect(() => fake.api.create(DEPLOYMENT, NS, sized, { fieldManager: 'test' })).not.toThrow();
  });

  it('refuses an update too, and a dry run, but not a status write', () => {
    const stored = fake.api.read(DEPLOYMENT, NS, 'application');
    const broken = structuredClone(stored);
    (broken.spec as Obj).flinkConfiguration = {};
    expect(
      refusal(() => fake.api.replace(DEPLOYMENT, NS, 'application', broken, { fieldManager: 't', dryRun: true })),
    ).toMatchObject({ code: 403 });
    expect(() => fake.operator.deployed(NS, 'application')).not.toThrow();
  });
});

describe('the operator webhook refuses a FlinkSessionJob', () => {
  const cases: [string, Obj, string][] = [
    [
      'a jarURI whose scheme is not https (validateJarURI)',
      sessionJob('local-jar', { jarURI: 'local:///opt/flink/usrlib/runner.jar' }),
      "jarURI scheme 'local' is not in the allowlist [https]. Configure 'kubernetes.operator.user.artifacts.allowed-schemes' to extend the allowlist.",
    ],
    [
      'a jarURI without a scheme',
      sessionJob('no-scheme', { jarURI: '/opt/flink/runner.jar' }),
      'jarURI must include a scheme',
    ],
    [
      'a jarURI on a cluster-internal host',
      sessionJob('internal', { jarURI: 'https://artifacts.flink.svc/runner.jar' }),
      "jarURI host 'artifacts.flink.svc' resolves to a restricted address",
    ],
    [
      'a session cluster that runs an application (validateNotApplicationCluster)',
      sessionJob('on-application', { jarURI: 'https://repo.example.com/r.jar' }, 'application'),
      'Can not submit session job to application cluster',
    ],
    [
      'a savepoint upgrade mode while the session cluster and job set no directories',
      sessionJob('no-dirs', { jarURI: 'https://repo.example.com/r.jar', upgradeMode: 'savepoint' }, 'bare'),
      'Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes',
    ],
    [
      'an invalid deploymentName',
      sessionJob('bad-cluster', { jarURI: 'https://repo.example.com/r.jar' }, 'Session_1'),
      "The FlinkDeployment name: Session_1 is invalid, must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123'), and the length must be no more than 45 characters.",
    ],
  ];
  beforeAll(() => {
    const bare = deployment('bare', (s) => {
      delete (s as Obj).job;
      s.flinkConfiguration = {};
    });
    fake.api.create(DEPLOYMENT, NS, bare, { fieldManager: 'test' });
  });
  for (const [what, object, message] of cases) {
    it(what, () => {
      expect(refusal(() => fake.api.create(SESSION_JOB, NS, object, { fieldManager: 'test' }))).toEqual(
        denied(message),
      );
    });
  }

  it('accepts an https jar on a public host, with the directories from the session cluster', () => {
    const job = sessionJob('fine', { jarURI: 'https://repo.example.com/r.jar', upgradeMode: 'savepoint' });
    expect(() => fake.api.create(SESSION_JOB, NS, job, { fieldManager: 'test' })).not.toThrow();
  });
});

describe('without the webhook', () => {
  it('the resource is stored and the operator reports the problem in status.error', async () => {
    const bare = await startFakeKube({ operatorWebhook: false });
    const autopilot = startOperatorAutopilot(bare, { stepMs: 5 });
    try {
      bare.api.create(
        DEPLOYMENT,
        NS,
        deployment('unchecked', (s) => (s.flinkConfiguration = {})),
        {
          fieldManager: 'test',
        },
      );
      let error: string | undefined;
      for (let i = 0; i < 200 && !error; i++) {
        await new Promise((r) => setTimeout(r, 10));
        error = (bare.api.read(DEPLOYMENT, NS, 'unchecked').status as Obj | undefined)?.error as string | undefined;
      }
      expect(JSON.parse(error!)).toMatchObject({
        type: 'org.apache.flink.kubernetes.operator.exception.ValidationException',
        message:
          'Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes',
      });
    } finally {
      autopilot.stop();
      await bare.close();
    }
  }, 60_000);
});
