/**
 * Contract tests of the fake Kubernetes API server, driven through the real
 * `@kubernetes/client-node` via src/kube/client.ts. The contract is the Kubernetes API
 * conventions (https://kubernetes.io/docs/reference/using-api/api-concepts/, server-side apply:
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/) and the Flink Kubernetes
 * Operator 1.15 CRDs in ../shared/reference/flink-operator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CoordinationV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  type KubeConfig,
  type KubernetesObject,
  type V1Lease,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import {
  createKubeClient,
  KubeApiError,
  loadKubeConfig,
  type KubeClient,
  type WatchEvent,
} from '../../src/kube/client.js';
import type { FlinkDeployment } from '../../src/kube/types.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'streampilot';
const MANAGER = { fieldManager: 'streampilot' };

type Stored = FlinkDeployment & {
  // client-node deserialises ObjectMeta: timestamps become Dates.
  metadata: {
    uid: string;
    resourceVersion: string;
    generation: number;
    creationTimestamp: Date;
    managedFields: ManagedField[];
  };
  status?: Record<string, unknown> & { lifecycleState?: string; jobStatus?: { state?: string } };
};
interface ManagedField {
  manager: string;
  operation: string;
  subresource?: string;
  time: Date;
  fieldsV1: object;
}

function deployment(name: string, job: Partial<FlinkDeployment['spec']['job']> = {}): FlinkDeployment {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkDeployment',
    metadata: {
      name,
      namespace: NS,
      labels: { 'app.kubernetes.io/managed-by': 'streampilot' },
      annotations: { 'streampilot.dev/git-sha': 'a1b2c3' },
    },
    spec: {
      image: 'registry.example.com/jobs/orders@sha256:4c5e8a37b2f3c3d3c1f8f0b0f4f5d9e3a1c2b3d4e5f60718293a4b5c6d7e8f90',
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
        parallelism: 2,
        upgradeMode: 'savepoint',
        state: 'running',
        ...job,
      },
    },
  };
}

const ref = (name: string) => ({
  apiVersion: 'flink.apache.org/v1beta1',
  kind: 'FlinkDeployment',
  namespace: NS,
  name,
});

async function rejection(promise: Promise<unknown>): Promise<KubeApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KubeApiError);
  return error as KubeApiError;
}

function owners(object: Stored, ...field: string[]): string[] {
  return object.metadata.managedFields
    .filter((m) => {
      let cur: unknown = m.fieldsV1 as unknown;
      for (const f of field) cur = (cur as Record<string, unknown> | undefined)?.[`f:${f}`];
      return cur !== undefined;
    })
    .map((m) => `${m.manager}/${m.operation}${m.subresource ? `/${m.subresource}` : ''}`);
}

let fake: FakeKube;
let dir: string;
let kc: KubeConfig;
let kube: KubeClient;

beforeAll(async () => {
  fake = await startFakeKube();
  dir = mkdtempSync(path.join(tmpdir(), 'fake-kube-test-'));
  kc = loadKubeConfig({
    kubeconfigPath: writeTestKubeconfig(dir, fake, [
      { name: 'prod', namespace: NS },
      { name: 'staging', namespace: 'staging' },
    ]),
    context: 'prod',
  });
  kube = createKubeClient(kc);
});

afterAll(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('kubeconfig', () => {
  it('names the file and the contexts it has when the context is unknown', () => {
    const file = path.join(dir, 'kubeconfig');
    expect(() => loadKubeConfig({ kubeconfigPath: file, context: 'production' })).toThrow(ConfigError);
    try {
      loadKubeConfig({ kubeconfigPath: file, context: 'production' });
    } catch (error) {
      expect((error as ConfigError).message).toContain(file);
      expect((error as ConfigError).message).toContain('"production"');
      expect((error as ConfigError).hint).toBe('use one of: prod, staging');
    }
  });

  it('rejects a client with the wrong token (401) without printing either token', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'fake-kube-bad-'));
    try {
      const wrongToken = 'not-the-token-0123456789';
      const bad = createKubeClient(
        loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(other, { ...fake, token: wrongToken }) }),
      );
      const error = await rejection(bad.get(ref('anything')));
      expect(error.code).toBe(401);
      const printed = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
      expect(printed).not.toContain(wrongToken);
      expect(printed).not.toContain(fake.token);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('server-side apply', () => {
  it('creates the object with server metadata and records the field manager', async () => {
    const created = (await kube.applyServerSide(deployment('apply-create'), MANAGER)) as Stored;
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.creationTimestamp).toBeInstanceOf(Date);
    expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(owners(created, 'spec', 'job', 'parallelism')).toEqual(['streampilot/Apply']);
    expect(owners(created, 'metadata', 'annotations', 'streampilot.dev/git-sha')).toEqual(['streampilot/Apply']);
    const request = fake.writes().at(-1)!;
    expect(request).toMatchObject({
      method: 'PATCH',
      path: `/apis/flink.apache.org/v1beta1/namespaces/${NS}/flinkdeployments/apply-create`,
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager: 'streampilot', force: 'false', fieldValidation: 'Strict' },
      status: 201,
    });
    expect((await kube.get<Stored>(ref('apply-create')))?.spec.job.parallelism).toBe(2);
  });

  it('updates on a changed field and bumps generation; an identical apply changes nothing', async () => {
    const first = (await kube.applyServerSide(deployment('apply-update'), MANAGER)) as Stored;
    const second = (await kube.applyServerSide(deployment('apply-update', { parallelism: 4 }), MANAGER)) as Stored;
    expect(second.spec.job.parallelism).toBe(4);
    expect(second.metadata.generation).toBe(2);
    expect(Number(second.metadata.resourceVersion)).toBeGreaterThan(Number(first.metadata.resourceVersion));
    const third = (await kube.applyServerSide(deployment('apply-update', { parallelism: 4 }), MANAGER)) as Stored;
    expect(third.metadata.resourceVersion).toBe(second.metadata.resourceVersion);
    expect(third.metadata.generation).toBe(2);
  });

  it('removes a field the applier owned alone and no longer applies', async () => {
    await kube.applyServerSide(deployment('apply-remove', { allowNonRestoredState: true }), MANAGER);
    const after = (await kube.applyServerSide(deployment('apply-remove'), MANAGER)) as Stored;
    expect(after.spec.job).not.toHaveProperty('allowNonRestoredState');
  });

  it('reports a field another manager changed as a conflict naming field and manager; force takes it over', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const live = (await kube.applyServerSide(deployment('drift'), MANAGER)) as Stored;
    // What `kubectl edit` does: a PUT of the whole object as field manager kubectl-edit.
    const edited = structuredClone(live);
    edited.spec.job.parallelism = 8;
    await objects.replace(edited as unknown as KubernetesObject, undefined, undefined, 'kubectl-edit');

    const afterEdit = (await kube.get<Stored>(ref('drift')))!;
    expect(owners(afterEdit, 'spec', 'job', 'parallelism')).toEqual(['kubectl-edit/Update']);
    expect(owners(afterEdit, 'spec', 'job', 'upgradeMode')).toEqual(['streampilot/Apply']);

    const conflict = await rejection(kube.applyServerSide(deployment('drift', { parallelism: 2 }), MANAGER));
    expect(conflict.code).toBe(409);
    expect(conflict.reason).toBe('Conflict');
    expect(conflict.causes).toEqual([
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "kubectl-edit" using flink.apache.org/v1beta1',
        field: '.spec.job.parallelism',
      },
    ]);
    expect(conflict.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-edit" using flink.apache.org/v1beta1: .spec.job.parallelism',
    );
    expect((await kube.get<Stored>(ref('drift')))!.spec.job.parallelism).toBe(8);

    // Applying the value already there is no conflict: both managers own it.
    const shared = (await kube.applyServerSide(deployment('drift', { parallelism: 8 }), MANAGER)) as Stored;
    expect(owners(shared, 'spec', 'job', 'parallelism').sort()).toEqual(['kubectl-edit/Update', 'streampilot/Apply']);

    const forced = (await kube.applyServerSide(deployment('drift', { parallelism: 2 }), {
      ...MANAGER,
      force: true,
    })) as Stored;
    expect(forced.spec.job.parallelism).toBe(2);
    expect(owners(forced, 'spec', 'job', 'parallelism')).toEqual(['streampilot/Apply']);
  });
});

describe('schema validation against the operator CRDs', () => {
  it('rejects an invalid FlinkDeployment with 422 naming each field, and stores nothing', async () => {
    const bad = deployment('invalid-job') as unknown as { spec: { job: Record<string, unknown> } };
    bad.spec.job.upgradeMode = 'sometimes';
    bad.spec.job.parallelism = '4';
    const error = await rejection(kube.applyServerSide(bad as unknown as FlinkDeployment, MANAGER));
    expect(error.code).toBe(422);
    expect(error.reason).toBe('Invalid');
    expect(error.causes.map((c) => c.field).sort()).toEqual(['spec.job.parallelism', 'spec.job.upgradeMode']);
    expect(error.causes.find((c) => c.field === 'spec.job.upgradeMode')).toMatchObject({
      reason: 'FieldValueNotSupported',
      message: expect.stringMatching(/^Unsupported value: "sometimes": supported values: .*"last-state"/),
    });
    expect(error.message).toMatch(/^FlinkDeployment\.flink\.apache\.org "invalid-job" is invalid: /);
    expect(await kube.get(ref('invalid-job'))).toBeUndefined();
  });

  it('rejects what the committed CRD rejects even when the operator code knows it (flinkVersion v2_3)', async () => {
    const d = deployment('too-new');
    (d.spec as { flinkVersion: string }).flinkVersion = 'v2_3';
    const error = await rejection(kube.applyServerSide(d, MANAGER));
    expect(error.causes).toEqual([
      expect.objectContaining({ field: 'spec.flinkVersion', reason: 'FieldValueNotSupported' }),
    ]);
  });

  it('an unknown field: a server-side apply is refused naming it (as the real server does, whatever fieldValidation says); a create without strict validation is pruned', async () => {
    const misspelt = deployment('unknown-field') as unknown as { spec: { job: Record<string, unknown> } };
    misspelt.spec.job.parallellism = 3;
    const error = await rejection(kube.applyServerSide(misspelt as unknown as FlinkDeployment, MANAGER));
    expect(error.code).toBe(500);
    expect(error.message).toContain('.spec.job.parallellism: field not declared in schema');

    // A client that does not ask for strict validation (kubectl create --validate=false): pruned.
    const plain = KubernetesObjectApi.makeApiClient(kc);
    await plain.create(misspelt as unknown as KubernetesObject);
    expect((await kube.get<Stored>(ref('unknown-field')))!.spec.job).not.toHaveProperty('parallellism');
  });

  it('rejects a name a real server rejects', async () => {
    const error = await rejection(kube.applyServerSide(deployment('orders_job'), MANAGER));
    expect(error.code).toBe(422);
  });
});

describe('status subresource', () => {
  it('spec writes leave status alone, status writes leave spec alone and do not bump generation', async () => {
    await kube.applyServerSide(deployment('status-split'), MANAGER);
    fake.operator.deployed(NS, 'status-split');
    fake.operator.running(NS, 'status-split', { jobId: 'a'.repeat(32) });

    const withStatus = deployment('status-split', { parallelism: 3 }) as FlinkDeployment & { status?: unknown };
    withStatus.status = { lifecycleState: 'FAILED' };
    const applied = (await kube.applyServerSide(withStatus, MANAGER)) as Stored;
    expect(applied.spec.job.parallelism).toBe(3);
    expect(applied.status?.lifecycleState).toBe('STABLE');
    expect(applied.metadata.generation).toBe(2);

    const custom = kc.makeApiClient(CustomObjectsApi);
    const body = structuredClone(applied);
    body.spec.job.parallelism = 99;
    body.status = { ...body.status, lifecycleState: 'UPGRADING' };
    const written = (await custom.replaceNamespacedCustomObjectStatus({
      group: 'flink.apache.org',
      version: 'v1beta1',
      namespace: NS,
      plural: 'flinkdeployments',
      name: 'status-split',
      body,
      fieldManager: 'kubectl-edit',
    })) as Stored;
    expect(written.status?.lifecycleState).toBe('UPGRADING');
    expect(written.spec.job.parallelism).toBe(3);
    expect(written.metadata.generation).toBe(2);
    expect(owners(written, 'status', 'lifecycleState')).toEqual(['kubectl-edit/Update/status']);
    expect(owners(written, 'status', 'jobStatus', 'state')).toEqual(['flink-kubernetes-operator/Update/status']);
  });

  it('validates status against the CRD too', async () => {
    await kube.applyServerSide(deployment('status-invalid'), MANAGER);
    expect(() => fake.operator.patchStatus(NS, 'status-invalid', { lifecycleState: 'HAPPY' })).toThrow(
      /status\.lifecycleState/,
    );
  });
});

describe('optimistic concurrency', () => {
  it('a PUT with a stale resourceVersion is 409 Conflict', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const read = (await kube.applyServerSide(deployment('stale'), MANAGER)) as Stored;
    const first = structuredClone(read);
    first.spec.job.parallelism = 5;
    await objects.replace(first as unknown as KubernetesObject, undefined, undefined, 'someone');
    const second = structuredClone(read);
    second.spec.job.parallelism = 6;
    const error = await objects.replace(second as unknown as KubernetesObject, undefined, undefined, 'someone').then(
      () => undefined,
      (e: unknown) => e as { code: number; body: unknown },
    );
    expect(error?.code).toBe(409);
    const status = (typeof error?.body === 'string' ? JSON.parse(error.body) : error?.body) as {
      reason: string;
      message: string;
    };
    expect(status.reason).toBe('Conflict');
    expect(status.message).toBe(
      'Operation cannot be fulfilled on flinkdeployments.flink.apache.org "stale": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect((await kube.get<Stored>(ref('stale')))!.spec.job.parallelism).toBe(5);
  });
});

describe('watch', () => {
  async function collect(
    name: string,
    resourceVersion: string | undefined,
    count: number,
  ): Promise<WatchEvent<Stored>[]> {
    const events: WatchEvent<Stored>[] = [];
    let release!: () => void;
    const enough = new Promise<void>((r) => (release = r));
    const handle = await kube.watch<Stored>(
      { ...ref(name), ...(resourceVersion !== undefined ? { resourceVersion } : {}) },
      (e) => {
        events.push(e);
        if (events.length >= count) release();
      },
    );
    await Promise.race([enough, handle.done, new Promise((r) => setTimeout(r, 5000))]);
    handle.stop();
    await handle.done;
    return events;
  }

  it('replays ADDED and MODIFIED in order from a resourceVersion, only for the named object', async () => {
    const created = (await kube.applyServerSide(deployment('watched'), MANAGER)) as Stored;
    await kube.applyServerSide(deployment('not-watched'), MANAGER);
    await kube.applyServerSide(deployment('watched', { parallelism: 3 }), MANAGER);
    fake.operator.deployed(NS, 'watched');
    fake.operator.running(NS, 'watched');

    const fromCreation = await collect('watched', created.metadata.resourceVersion, 3);
    expect(
      fromCreation.map((e) => [
        e.type,
        e.object.metadata.name,
        e.object.status?.lifecycleState ?? null,
        e.object.spec.job.parallelism,
      ]),
    ).toEqual([
      ['MODIFIED', 'watched', null, 3],
      ['MODIFIED', 'watched', 'DEPLOYED', 3],
      ['MODIFIED', 'watched', 'STABLE', 3],
    ]);
    const fromNow = await collect('watched', undefined, 1);
    expect(fromNow.map((e) => [e.type, e.object.status?.jobStatus?.state])).toEqual([['ADDED', 'RUNNING']]);
  });

  it('streams changes made after it started', async () => {
    const created = (await kube.applyServerSide(deployment('live-watch'), MANAGER)) as Stored;
    const events: string[] = [];
    let release!: () => void;
    const enough = new Promise<void>((r) => (release = r));
    const handle = await kube.watch<Stored>(
      { ...ref('live-watch'), resourceVersion: created.metadata.resourceVersion },
      (e) => {
        events.push(`${e.type} ${e.object.status?.lifecycleState ?? '-'}`);
        if (events.length === 2) release();
      },
    );
    fake.operator.deployed(NS, 'live-watch');
    fake.operator.failed(NS, 'live-watch', { message: 'java.lang.ClassNotFoundException: org.example.Udf' });
    await Promise.race([enough, new Promise((r) => setTimeout(r, 5000))]);
    handle.stop();
    await handle.done;
    expect(events).toEqual(['MODIFIED DEPLOYED', 'MODIFIED FAILED']);
    const failed = (await kube.get<Stored>(ref('live-watch')))!;
    expect(JSON.parse(String(failed.status?.error))).toMatchObject({
      message: 'java.lang.ClassNotFoundException: org.example.Udf',
    });
  });

  it('a too-old resourceVersion ends the watch with 410 Expired', async () => {
    const created = (await kube.applyServerSide(deployment('expired'), MANAGER)) as Stored;
    await kube.applyServerSide(deployment('expired', { parallelism: 3 }), MANAGER);
    fake.compact();
    const seen: string[] = [];
    const handle = await kube.watch({ ...ref('expired'), resourceVersion: created.metadata.resourceVersion }, (e) =>
      seen.push(e.type),
    );
    const error = await rejection(handle.done);
    expect(error.code).toBe(410);
    expect(error.reason).toBe('Expired');
    expect(seen).toEqual([]);
  });
});

describe('leases', () => {
  it('create, conflict on create, renew, stale renew, takeover', async () => {
    const lease = await kube.createLease({
      namespace: NS,
      name: 'deploy-prod-orders',
      holderIdentity: 'bot-a',
      leaseDurationSeconds: 30,
    });
    expect(lease.spec?.holderIdentity).toBe('bot-a');
    const taken = await rejection(
      kube.createLease({
        namespace: NS,
        name: 'deploy-prod-orders',
        holderIdentity: 'bot-b',
        leaseDurationSeconds: 30,
      }),
    );
    expect([taken.code, taken.reason]).toEqual([409, 'AlreadyExists']);

    const renewed = await kube.renewLease(lease, 'bot-a');
    expect(Number(renewed.metadata?.resourceVersion)).toBeGreaterThan(Number(lease.metadata?.resourceVersion));
    expect(renewed.spec?.leaseTransitions).toBe(0);

    const stale = await rejection(kube.renewLease(lease, 'bot-b'));
    expect([stale.code, stale.reason]).toEqual([409, 'Conflict']);

    const takenOver = await kube.renewLease((await kube.getLease(NS, 'deploy-prod-orders'))!, 'bot-b', 15);
    expect(takenOver.spec).toMatchObject({ holderIdentity: 'bot-b', leaseDurationSeconds: 15, leaseTransitions: 1 });
    // What went over the wire: MicroTime with six fractional digits, as the server requires.
    const renewal = fake
      .writes()
      .filter((r) => r.method === 'PUT' && r.path.endsWith('/leases/deploy-prod-orders'))
      .at(-1)!;
    expect((renewal.body as { spec: { renewTime: string } }).spec.renewTime).toMatch(/T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  });

  it('rejects a lease time with milliseconds, as a real server does (MicroTime)', async () => {
    const raw = kc.makeApiClient(CoordinationV1Api);
    // A plain Date serialises with milliseconds (toISOString), which Go's MicroTime cannot parse.
    const body: V1Lease = { metadata: { name: 'millis' }, spec: { holderIdentity: 'x', renewTime: new Date() } };
    const error = await raw.createNamespacedLease({ namespace: NS, body }).then(
      () => undefined,
      (e: unknown) => e as { code: number },
    );
    expect(error?.code).toBe(400);
  });
});

describe('events and pod logs', () => {
  it('CrashLoopBackOff: the JobManager pod, its BackOff event, and the last lines of its previous log', async () => {
    await kube.applyServerSide(deployment('crashing'), MANAGER);
    fake.operator.deployed(NS, 'crashing');
    const log = [
      'Starting StandaloneApplicationClusterEntryPoint',
      'Loading configuration',
      'ERROR Could not start cluster entrypoint',
      'java.lang.IllegalStateException: table orders not found',
    ];
    fake.operator.crashLoop(NS, 'crashing', log);

    const [pod] = await kube.listPods(NS, 'app=crashing,component=jobmanager');
    expect(pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    const events = await kube.listEvents({ namespace: NS, name: pod!.metadata!.name!, kind: 'Pod' });
    expect(events.map((e) => [e.type, e.reason])).toContainEqual(['Warning', 'BackOff']);
    expect(events.every((e) => e.involvedObject.name === pod!.metadata!.name)).toBe(true);

    const tail = await kube.podLogs(
      { namespace: NS, name: pod!.metadata!.name! },
      { container: 'flink-main-container', tailLines: 2, previous: true },
    );
    expect(tail).toBe(`${log[2]}\n${log[3]}\n`);
    const status = (await kube.get<Stored>(ref('crashing')))!.status!;
    expect(status.jobManagerDeploymentStatus).toBe('ERROR');
  });

  it('ImagePullBackOff: kubelet events name the image; the REST service exists', async () => {
    await kube.applyServerSide(deployment('no-image'), MANAGER);
    fake.operator.deployed(NS, 'no-image');
    fake.operator.imagePullBackOff(NS, 'no-image');
    const [pod] = await kube.listPods(NS, 'app=no-image,component=jobmanager');
    expect(pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
    const events = await kube.listEvents({ namespace: NS, name: pod!.metadata!.name! });
    expect(events.some((e) => e.reason === 'Failed' && e.message?.includes(deployment('x').spec.image))).toBe(true);
    const deploymentEvents = await kube.listEvents({ namespace: NS, name: 'no-image', kind: 'FlinkDeployment' });
    expect(deploymentEvents.map((e) => e.reason)).toContain('DeploymentFailed');
    expect((await kube.getService(NS, 'no-image-rest'))?.spec?.ports?.[0]?.port).toBe(8081);
  });

  it('rejects a field selector the resource does not support, and a missing pod log is 404', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const error = await objects
      .list('v1', 'Event', NS, undefined, undefined, undefined, 'involvedObject.color=red')
      .then(
        () => undefined,
        (e: unknown) => e as { code: number },
      );
    expect(error?.code).toBe(400);
    const missing = await rejection(kube.podLogs({ namespace: NS, name: 'no-such-pod' }, { tailLines: 10 }));
    expect(missing.code).toBe(404);
  });
});

describe('request log', () => {
  it('records writes in order with their manager and outcome', async () => {
    const before = fake.writes().length;
    await kube.applyServerSide(deployment('logged'), MANAGER);
    await rejection(kube.applyServerSide(deployment('logged', { parallelism: 0.5 as unknown as number }), MANAGER));
    const log = fake
      .writes()
      .slice(before)
      .map((r) => [r.method, r.path.split('/').at(-1), r.query.fieldManager, r.status]);
    expect(log).toEqual([
      ['PATCH', 'logged', 'streampilot', 201],
      ['PATCH', 'logged', 'streampilot', 422],
    ]);
  });
});

describe('label selectors', () => {
  const labelled = (name: string, labels: Record<string, string>) => {
    const object = deployment(name);
    object.metadata.labels = labels;
    return kube.applyServerSide(object, MANAGER);
  };
  const listed = async (selector: string) =>
    (await kube.list('flink.apache.org/v1beta1', 'FlinkDeployment', NS, selector)).map((o) => o.metadata!.name).sort();

  it('selects by every equality term, and `!=` also matches objects without the label', async () => {
    await labelled('sel-team-a', { 'streampilot.dev/environment': 'staging', 'streampilot.dev/repository': 'a1' });
    await labelled('sel-team-b', { 'streampilot.dev/environment': 'staging', 'streampilot.dev/repository': 'b2' });
    await labelled('sel-unlabelled', { 'streampilot.dev/environment': 'staging' });
    expect(await listed('streampilot.dev/environment=staging,streampilot.dev/repository=a1')).toEqual(['sel-team-a']);
    expect(await listed('streampilot.dev/environment=staging,streampilot.dev/repository!=a1')).toEqual([
      'sel-team-b',
      'sel-unlabelled',
    ]);
    expect(await listed('streampilot.dev/environment=staging,!streampilot.dev/repository')).toEqual(['sel-unlabelled']);
  });

  it('refuses with 400 a value no label could have (over 63 characters, or other characters), as the API server does', async () => {
    const list = (selector: string) => kube.list('flink.apache.org/v1beta1', 'FlinkDeployment', NS, selector);
    const tooLong = await rejection(list(`repo=${'a'.repeat(64)}`));
    expect(tooLong.code).toBe(400);
    expect(tooLong.message).toMatch(/must be no more than 63 characters/);
    expect((await rejection(list('repo=acme/jobs'))).code).toBe(400);
  });
});
