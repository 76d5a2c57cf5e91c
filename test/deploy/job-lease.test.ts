/**
 * The deploy Lease against the fake API server through the real client. The contract: the
 * coordination.k8s.io/v1 Lease (holderIdentity, renewTime as MicroTime, leaseDurationSeconds),
 * optimistic concurrency by resourceVersion (409 Conflict on a stale write), server-side apply
 * of the `wanted-by` annotation (https://kubernetes.io/docs/reference/using-api/server-side-apply/).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { V1Lease } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acquireJobLease,
  jobLeaseName,
  LeaseWaitTimeout,
  type AcquireJobLeaseOptions,
  type LeaseAcquisition,
} from '../../src/deploy/job-lease.js';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { findKind } from '../support/fake-kube/resources.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-prod';
const LEASE = findKind('coordination.k8s.io/v1', 'Lease')!;
/** The history of main, oldest first. */
const HISTORY = ['c0ffee1', 'c0ffee2', 'c0ffee3', 'c0ffee4'];
const [OLDEST, OLDER, NEWER, NEWEST] = HISTORY as [string, string, string, string];

let fake: FakeKube;
let dir: string;
let kube: KubeClient;

beforeAll(async () => {
  fake = await startFakeKube();
  dir = mkdtempSync(path.join(tmpdir(), 'job-lease-test-'));
  kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
});

afterAll(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const asked: [string, string][] = [];
async function isNewer(a: string, b: string): Promise<boolean> {
  asked.push([a, b]);
  return HISTORY.indexOf(a) > HISTORY.indexOf(b);
}

function options(identity: string, extra: Partial<AcquireJobLeaseOptions> = {}): AcquireJobLeaseOptions {
  return { identity, isNewer, leaseDurationSeconds: 30, pollMs: 10, renewMs: 20, ...extra };
}

const target = (job: string) => ({ namespace: NS, environment: 'prod', job });

function lease(job: string): V1Lease & { metadata: { annotations?: Record<string, string> } } {
  return fake.api.read(LEASE, NS, jobLeaseName('prod', job)) as never;
}

const aborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the deploy workflow does with a Lease: follow the rollout (`workMs`) unless superseded
 * first, then release. Returns how it ended.
 */
async function deploy(job: string, sha: string, identity: string, workMs: number): Promise<string> {
  const got = await acquireJobLease(kube, target(job), sha, options(identity));
  if (got.status === 'superseded') return `superseded by ${got.by}`;
  await Promise.race([aborted(got.lease.superseded), pause(workMs)]);
  const by = got.lease.supersededBy();
  await got.lease.release();
  return by ? `superseded by ${by} while deploying` : 'deployed';
}

describe('acquireJobLease', () => {
  it('takes a free Lease in the job namespace, recording the commit; release lets the next deploy in', async () => {
    const first = await acquireJobLease(kube, target('orders'), OLDER, options('replica-a'));
    expect(first.status).toBe('acquired');
    expect(lease('orders').spec?.holderIdentity).toBe('replica-a');
    expect(lease('orders').metadata.annotations?.['streampilot.dev/git-sha']).toBe(OLDER);

    const second = acquireJobLease(kube, target('orders'), NEWER, options('replica-b'));
    await expect.poll(() => lease('orders').metadata.annotations?.['streampilot.dev/wanted-by']).toBe(NEWER);
    await (first as Extract<LeaseAcquisition, { status: 'acquired' }>).lease.release();

    const next = await second;
    expect(next.status).toBe('acquired');
    expect(lease('orders').spec?.holderIdentity).toBe('replica-b');
    expect(lease('orders').metadata.annotations).toMatchObject({ 'streampilot.dev/git-sha': NEWER });
    await (next as Extract<LeaseAcquisition, { status: 'acquired' }>).lease.release();
    expect(lease('orders').spec?.holderIdentity).toBe('');
  });

  it('a newer commit supersedes the holder: its signal aborts naming the newer commit, and it keeps the Lease until it releases', async () => {
    const old = await acquireJobLease(kube, target('payments'), OLDER, options('replica-a'));
    if (old.status !== 'acquired') throw new Error('expected to acquire');
    const newer = acquireJobLease(kube, target('payments'), NEWER, options('replica-b'));

    await aborted(old.lease.superseded);
    expect(old.lease.supersededBy()).toBe(NEWER);
    expect(lease('payments').spec?.holderIdentity).toBe('replica-a');
    await old.lease.release();
    expect((await newer).status).toBe('acquired');
    expect(asked).toContainEqual([NEWER, OLDER]);
    await ((await newer) as Extract<LeaseAcquisition, { status: 'acquired' }>).lease.release();
  });

  it('an older commit arriving while a newer one holds the Lease is superseded at once', async () => {
    const holder = await acquireJobLease(kube, target('clicks'), NEWER, options('replica-a'));
    if (holder.status !== 'acquired') throw new Error('expected to acquire');
    expect(await acquireJobLease(kube, target('clicks'), OLDER, options('replica-b'))).toEqual({
      status: 'superseded',
      by: NEWER,
    });
    expect(holder.lease.superseded.aborted).toBe(false);
    await holder.lease.release();
  });

  it('an older commit arriving after a newer one was deployed is superseded: it would roll the job back', async () => {
    const newer = await acquireJobLease(kube, target('sessions'), NEWER, options('replica-a'));
    if (newer.status !== 'acquired') throw new Error('expected to acquire');
    await newer.lease.release();
    expect(await acquireJobLease(kube, target('sessions'), OLDER, options('replica-b'))).toEqual({
      status: 'superseded',
      by: NEWER,
    });
    expect((await acquireJobLease(kube, target('sessions'), NEWEST, options('replica-b'))).status).toBe('acquired');
  });

  it('asks isNewer rather than assuming: the same race with the history reversed ends the other way', async () => {
    const reversed = async (a: string, b: string) => HISTORY.indexOf(a) < HISTORY.indexOf(b);
    const holder = await acquireJobLease(kube, target('reversed'), NEWER, options('replica-a', { isNewer: reversed }));
    if (holder.status !== 'acquired') throw new Error('expected to acquire');
    const other = acquireJobLease(kube, target('reversed'), OLDER, options('replica-b', { isNewer: reversed }));
    await aborted(holder.lease.superseded);
    expect(holder.lease.supersededBy()).toBe(OLDER);
    await holder.lease.release();
    expect((await other).status).toBe('acquired');
  });

  it.each([
    ['at the same time', 0],
    ['the older first', 1],
    ['the newer first', -1],
  ])('two merges racing (%s): the newer deploys, the older reports superseded', async (_order, stagger) => {
    const job = `race-${stagger + 1}`;
    const older = pause(Math.max(0, -stagger) * 30).then(() => deploy(job, OLDEST, 'replica-a', 10_000));
    const newer = pause(Math.max(0, stagger) * 30).then(() => deploy(job, NEWEST, 'replica-b', 50));
    const [olderEnded, newerEnded] = await Promise.all([older, newer]);
    expect(newerEnded).toBe('deployed');
    expect(olderEnded).toMatch(new RegExp(`^superseded by ${NEWEST}`));
    expect(lease(job).metadata.annotations?.['streampilot.dev/git-sha']).toBe(NEWEST);
  });

  it('takes over the Lease of a holder that died (expired), counting the transition', async () => {
    fake.api.create(
      LEASE,
      NS,
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: jobLeaseName('prod', 'abandoned'),
          namespace: NS,
          annotations: { 'streampilot.dev/git-sha': OLDER },
        },
        spec: {
          holderIdentity: 'replica-that-died',
          leaseDurationSeconds: 30,
          acquireTime: '2024-05-01T10:00:00.000000Z',
          renewTime: '2024-05-01T10:00:20.000000Z',
          leaseTransitions: 3,
        },
      },
      { fieldManager: 'streampilot' },
    );
    const got = await acquireJobLease(kube, target('abandoned'), NEWER, options('replica-b'));
    expect(got.status).toBe('acquired');
    expect(lease('abandoned').spec).toMatchObject({ holderIdentity: 'replica-b', leaseTransitions: 4 });
    await (got as Extract<LeaseAcquisition, { status: 'acquired' }>).lease.release();
  });

  it('renewing keeps the Lease past its duration: a waiter never gets it while the holder lives', async () => {
    const short = { leaseDurationSeconds: 1, renewMs: 100 };
    const holder = await acquireJobLease(kube, target('long-running'), OLDER, options('replica-a', short));
    if (holder.status !== 'acquired') throw new Error('expected to acquire');
    const renewals = () =>
      fake
        .writes()
        .filter((r) => r.method === 'PUT' && r.path.endsWith(`/leases/${jobLeaseName('prod', 'long-running')}`)).length;
    const waited = await acquireJobLease(
      kube,
      target('long-running'),
      OLDER,
      options('replica-b', { ...short, waitTimeoutMs: 1500 }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(waited).toBeInstanceOf(LeaseWaitTimeout);
    expect((waited as LeaseWaitTimeout).message).toContain('replica-a');
    expect(lease('long-running').spec?.holderIdentity).toBe('replica-a');

    await holder.lease.release();
    const afterRelease = renewals();
    await pause(300);
    // Released: no timer keeps writing the Lease.
    expect(renewals()).toBe(afterRelease);
  });

  it('a redelivery of the commit being deployed waits instead of running it twice', async () => {
    const first = await acquireJobLease(kube, target('redelivered'), NEWER, options('replica-a'));
    if (first.status !== 'acquired') throw new Error('expected to acquire');
    let settled = false;
    const again = acquireJobLease(kube, target('redelivered'), NEWER, options('replica-b')).finally(
      () => (settled = true),
    );
    await pause(100);
    expect(settled).toBe(false);
    expect(first.lease.superseded.aborted).toBe(false);
    await first.lease.release();
    expect((await again).status).toBe('acquired');
  });

  it('stops waiting when its signal aborts', async () => {
    const holder = await acquireJobLease(kube, target('cancelled-wait'), OLDER, options('replica-a'));
    if (holder.status !== 'acquired') throw new Error('expected to acquire');
    const controller = new AbortController();
    const waiting = acquireJobLease(
      kube,
      target('cancelled-wait'),
      OLDER,
      options('replica-b', { signal: controller.signal }),
    );
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    await holder.lease.release();
  });
});

describe('jobLeaseName', () => {
  it('is readable, and no two (environment, job) pairs share one', () => {
    expect(jobLeaseName('prod', 'orders')).toBe('streampilot.prod.orders');
    expect(jobLeaseName('prod-eu', 'orders')).not.toBe(jobLeaseName('prod', 'eu-orders'));
    expect(jobLeaseName('Prod_EU', 'orders')).not.toBe(jobLeaseName('prod-eu', 'orders'));
  });

  it('is always a DNS subdomain of at most 253 characters', () => {
    const dns = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
    for (const [env, job] of [
      ['Prod_EU', 'orders'],
      ['a..b', 'x'],
      ['E'.repeat(63), 'j'.repeat(63)],
      ['_', 'orders'],
    ] as const) {
      const name = jobLeaseName(env, job);
      expect(name).toMatch(dns);
      expect(name.length).toBeLessThanOrEqual(253);
    }
  });
});
