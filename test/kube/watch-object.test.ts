/**
 * watchObject against the fake API server through the real `@kubernetes/client-node`. The
 * contract is the Kubernetes watch semantics (https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes):
 * resuming from a resourceVersion, BOOKMARK events, 410 Gone once the history is compacted, and
 * the server ending a watch at any time.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient, KubeApiError, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import type { FlinkDeployment } from '../../src/kube/types.js';
import { watchObject } from '../../src/kube/watch-object.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube, type KubeRequest } from '../support/fake-kube/fake-kube.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'streampilot';
const crdsPresent = existsSync(operatorCrdDir);

type Stored = FlinkDeployment & { metadata: { resourceVersion: string }; status?: { lifecycleState?: string } };

function deployment(name: string, parallelism = 2): FlinkDeployment {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkDeployment',
    metadata: { name, namespace: NS, labels: { 'app.kubernetes.io/managed-by': 'streampilot' } },
    spec: {
      image: 'registry.example.com/jobs/orders@sha256:4c5e8a37b2f3c3d3c1f8f0b0f4f5d9e3a1c2b3d4e5f60718293a4b5c6d7e8f90',
      imagePullPolicy: 'IfNotPresent',
      flinkVersion: 'v1_20',
      serviceAccount: 'flink',
      // The operator refuses a savepoint upgrade mode without both directories.
      flinkConfiguration: {
        'state.checkpoints.dir': 's3://flink-state/checkpoints',
        'state.savepoints.dir': 's3://flink-state/savepoints',
      },
      jobManager: { resource: { cpu: 1, memory: '2048m' } },
      taskManager: { resource: { cpu: 1, memory: '2048m' } },
      job: {
        jarURI: 'local:///opt/flink/usrlib/sql-runner.jar',
        parallelism,
        upgradeMode: 'savepoint',
        state: 'running',
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

async function until(condition: () => boolean, what: string): Promise<void> {
  const give = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > give) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function watchesOf(fake: FakeKube, name: string): KubeRequest[] {
  return fake.requests.filter((r) => r.query.watch === 'true' && r.query.fieldSelector === `metadata.name=${name}`);
}

let fake: FakeKube;
let dir: string;
let kube: KubeClient;

beforeAll(async () => {
  if (!crdsPresent) return;
  fake = await startFakeKube();
  dir = mkdtempSync(path.join(tmpdir(), 'watch-object-test-'));
  kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
});

afterAll(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!crdsPresent)(
  `watchObject${crdsPresent ? '' : ' (skipped: ../shared/reference/flink-operator not present)'}`,
  () => {
    it('delivers the current state, then changes; after the server ends the stream it resumes from the last resourceVersion', async () => {
      await kube.applyServerSide(deployment('resume'), { fieldManager: 'streampilot' });
      const seen: string[] = [];
      const versions: string[] = [];
      const done = watchObject<Stored>(kube, ref('resume'), (o) => {
        seen.push(o?.status?.lifecycleState ?? '-');
        versions.push(o?.metadata.resourceVersion ?? '');
        return o?.status?.lifecycleState === 'STABLE' ? 'stop' : undefined;
      });
      await until(() => watchesOf(fake, 'resume').length === 1, 'the watch');
      fake.operator.deployed(NS, 'resume');
      await until(() => seen.includes('DEPLOYED'), 'DEPLOYED');

      fake.endWatches();
      await until(() => watchesOf(fake, 'resume').length === 2, 'the watch to resume');
      fake.operator.running(NS, 'resume');
      await done;

      expect(seen).toEqual(['-', 'DEPLOYED', 'STABLE']);
      const [first, second] = watchesOf(fake, 'resume');
      expect(first!.query.resourceVersion).toBe(versions[0]);
      expect(second!.query.resourceVersion).toBe(versions[1]);
    });

    it('a BOOKMARK moves the resume point without a callback', async () => {
      await kube.applyServerSide(deployment('bookmarked'), { fieldManager: 'streampilot' });
      let calls = 0;
      const stop = new AbortController();
      const done = watchObject<Stored>(
        kube,
        ref('bookmarked'),
        () => {
          calls += 1;
        },
        { signal: stop.signal },
      );
      await until(() => watchesOf(fake, 'bookmarked').length === 1, 'the watch');
      await kube.applyServerSide(deployment('someone-else'), { fieldManager: 'streampilot' });
      const bookmarkVersion = String(fake.store.currentRevision);
      fake.bookmark();
      // The bookmark and the end of the stream travel on the same connection, in order.
      await new Promise((r) => setTimeout(r, 100));
      fake.endWatches();
      await until(() => watchesOf(fake, 'bookmarked').length === 2, 'the watch to resume');
      stop.abort();
      await done;
      expect(watchesOf(fake, 'bookmarked')[1]!.query.resourceVersion).toBe(bookmarkVersion);
      expect(calls).toBe(1);
    });

    it('410 Expired: reads the object again and watches from the current state', async () => {
      await kube.applyServerSide(deployment('expiring'), { fieldManager: 'streampilot' });
      const seen: string[] = [];
      const done = watchObject<Stored>(kube, ref('expiring'), (o) => {
        seen.push(o?.status?.lifecycleState ?? '-');
        return o?.status?.lifecycleState === 'STABLE' ? 'stop' : undefined;
      });
      await until(() => watchesOf(fake, 'expiring').length === 1, 'the watch');
      fake.operator.deployed(NS, 'expiring');
      await until(() => seen.includes('DEPLOYED'), 'DEPLOYED');
      await kube.applyServerSide(deployment('unrelated-change'), { fieldManager: 'streampilot' });
      fake.compact();
      const before = fake.requests.length;
      fake.endWatches();
      // Resumed from a compacted resourceVersion (410), then a fresh read, then a watch from now.
      await until(
        () => watchesOf(fake, 'expiring').filter((w) => w.query.resourceVersion === undefined).length === 1,
        'the watch from the current state',
      );
      fake.operator.running(NS, 'expiring');
      await done;

      const after = fake.requests
        .slice(before)
        .map((r) =>
          `${r.method} ${r.path.split('/').slice(-1)[0]} ${r.query.watch ? `watch rv=${r.query.resourceVersion ?? 'none'}` : ''}`.trim(),
        );
      expect(after.slice(0, 3)).toEqual([
        expect.stringMatching(/^GET flinkdeployments watch rv=\d+$/),
        'GET expiring',
        'GET flinkdeployments watch rv=none',
      ]);
      expect(seen.at(-1)).toBe('STABLE');
    });

    it('reports a missing object, then its creation; and its deletion', async () => {
      const seen: string[] = [];
      const done = watchObject<Stored>(kube, ref('comes-and-goes'), (o) => {
        seen.push(o ? 'present' : 'absent');
        return seen.length === 3 ? 'stop' : undefined;
      });
      await until(() => watchesOf(fake, 'comes-and-goes').length === 1, 'the watch');
      await kube.applyServerSide(deployment('comes-and-goes'), { fieldManager: 'streampilot' });
      await until(() => seen.length === 2, 'the creation');
      await kube.delete(ref('comes-and-goes'));
      await done;
      expect(seen).toEqual(['absent', 'present', 'absent']);
    });

    it('restarts a watch that stays silent, from where it was', async () => {
      const applied = (await kube.applyServerSide(deployment('silent'), { fieldManager: 'streampilot' })) as Stored;
      const stop = new AbortController();
      const done = watchObject(kube, ref('silent'), () => undefined, { signal: stop.signal, idleRestartMs: 100 });
      await until(() => watchesOf(fake, 'silent').length >= 2, 'a second watch');
      stop.abort();
      await done;
      expect(
        watchesOf(fake, 'silent')
          .map((w) => w.query.resourceVersion)
          .slice(0, 2),
      ).toEqual([applied.metadata.resourceVersion, applied.metadata.resourceVersion]);
    });

    it('an exception of the callback ends the watch with that exception', async () => {
      await kube.applyServerSide(deployment('throwing'), { fieldManager: 'streampilot' });
      const error = await watchObject(kube, ref('throwing'), () => {
        throw new RangeError('the caller broke');
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RangeError);
    });

    it('an abort while connecting or watching resolves at once', async () => {
      const stop = new AbortController();
      stop.abort();
      await watchObject(kube, ref('never-read'), () => undefined, { signal: stop.signal });
      expect(fake.requests.some((r) => r.path.endsWith('/never-read'))).toBe(false);
    });

    it('a refused request (401) is not retried', async () => {
      const other = mkdtempSync(path.join(tmpdir(), 'watch-object-401-'));
      try {
        const wrong = createKubeClient(
          loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(other, { ...fake, token: 'not-the-token' }) }),
        );
        const before = fake.requests.length;
        const error = await watchObject(wrong, ref('secret'), () => undefined, { retryDelayMs: 1, maxRetries: 5 }).then(
          () => undefined,
          (e: unknown) => e as KubeApiError,
        );
        expect(error).toBeInstanceOf(KubeApiError);
        expect(error!.code).toBe(401);
        expect(error!.message).toMatch(/^cannot watch FlinkDeployment streampilot\/secret: /);
        expect(fake.requests.length - before).toBe(1);
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    });

    it('a server that goes away: retries a bounded number of times, then fails saying what was lost', async () => {
      const gone = await startFakeKube();
      const other = mkdtempSync(path.join(tmpdir(), 'watch-object-gone-'));
      try {
        const client = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(other, gone) }));
        await client.applyServerSide(deployment('orphaned'), { fieldManager: 'streampilot' });
        const done = watchObject(client, ref('orphaned'), () => undefined, { retryDelayMs: 5, maxRetries: 2 }).then(
          () => undefined,
          (e: unknown) => e as KubeApiError,
        );
        await until(() => watchesOf(gone, 'orphaned').length === 1, 'the watch');
        await gone.close();
        const error = await done;
        expect(error).toBeInstanceOf(KubeApiError);
        expect(error!.code).toBe(0);
        expect(error!.message).toMatch(
          /^lost the watch of FlinkDeployment streampilot\/orphaned: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(gave up after 3 attempts in a row\)$/,
        );
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    });
  },
);
