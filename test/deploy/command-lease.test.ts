/**
 * The Lease a command holds on a job (src/deploy/command-lease.ts) beside the deploys' (job-lease.ts),
 * against the fake API server through the real client: a coordination.k8s.io/v1 Lease, writes
 * conditional on resourceVersion (409 on a stale write), `wanted-by` written by server-side apply.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCommandLease } from '../../src/deploy/command-lease.js';
import { acquireJobLease, jobLeaseName, LEASE_ANNOTATION, LeaseWaitTimeout } from '../../src/deploy/job-lease.js';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { findKind } from '../support/fake-kube/resources.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-prod';
const LEASE = findKind('coordination.k8s.io/v1', 'Lease')!;
const HISTORY = ['c0ffee1', 'c0ffee2', 'c0ffee3'];
const isNewer = async (a: string, b: string) => HISTORY.indexOf(a) > HISTORY.indexOf(b);
const target = (job: string) => ({ namespace: NS, environment: 'prod', job });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let fake: FakeKube;
let dir: string;
let kube: KubeClient;

beforeAll(async () => {
  fake = await startFakeKube();
  dir = mkdtempSync(path.join(tmpdir(), 'command-lease-test-'));
  kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
});
afterAll(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const lease = (job: string) =>
  fake.api.read(LEASE, NS, jobLeaseName('prod', job)) as {
    spec: { holderIdentity?: string };
    metadata: { annotations?: Record<string, string> };
  };

describe('withCommandLease', () => {
  it('a deploy that comes while a command holds the job waits for it, is not superseded, and the command is not cut short', async () => {
    const deployed = await acquireJobLease(kube, target('orders'), HISTORY[0]!, { identity: 'replica-a', isNewer });
    if (deployed.status !== 'acquired') throw new Error('expected the first deploy to take the Lease');
    await deployed.lease.release();

    const events: string[] = [];
    let deploy: Promise<string> | undefined;
    const result = await withCommandLease(
      kube,
      target('orders'),
      'replica-b /suspend by @wendy',
      async (signal) => {
        expect(lease('orders').spec.holderIdentity).toBe('replica-b /suspend by @wendy');
        deploy = acquireJobLease(kube, target('orders'), HISTORY[1]!, {
          identity: 'replica-c',
          isNewer,
          pollMs: 20,
        }).then(async (got) => {
          events.push(`deploy ${got.status}`);
          if (got.status === 'acquired') await got.lease.release();
          return got.status;
        });
        // Long enough for the deploy to ask (wanted-by) and for the command to renew over it.
        await pause(400);
        expect(lease('orders').metadata.annotations?.[LEASE_ANNOTATION.wantedBy]).toBe(HISTORY[1]);
        events.push(`command done, aborted: ${signal.aborted}`);
        return 'suspended';
      },
      { pollMs: 20, renewMs: 50 },
    );
    expect(result).toBe('suspended');
    expect(await deploy).toBe('acquired');
    expect(events).toEqual(['command done, aborted: false', 'deploy acquired']);
    // The command never wrote a commit: the order of deploys is the deploys' own.
    expect(lease('orders').metadata.annotations?.[LEASE_ANNOTATION.gitSha]).toBe(HISTORY[1]);
  });

  it('a command waits for a command, and releases the job even when its work throws', async () => {
    const order: string[] = [];
    const first = withCommandLease(
      kube,
      target('clicks'),
      'one',
      async () => {
        order.push('one starts');
        await pause(200);
        order.push('one ends');
        throw new Error('the cluster went away');
      },
      { pollMs: 20 },
    );
    await pause(50);
    const second = withCommandLease(
      kube,
      target('clicks'),
      'two',
      async () => {
        order.push('two starts');
        return 'ok';
      },
      { pollMs: 20, onWait: (holder) => order.push(`two waits for ${holder.identity}`) },
    );
    await expect(first).rejects.toThrow('the cluster went away');
    expect(await second).toBe('ok');
    expect(order).toEqual(['one starts', 'two waits for one', 'one ends', 'two starts']);
    expect(lease('clicks').spec.holderIdentity ?? '').toBe('');
  });

  it('gives up after waitTimeoutMs with what holds the job, having changed nothing', async () => {
    const held = await acquireJobLease(kube, target('payments'), HISTORY[2]!, { identity: 'replica-a', isNewer });
    if (held.status !== 'acquired') throw new Error('expected the deploy to take the Lease');
    let ran = false;
    const waiting = withCommandLease(
      kube,
      target('payments'),
      'command',
      async () => {
        ran = true;
      },
      { pollMs: 20, waitTimeoutMs: 200 },
    );
    await expect(waiting).rejects.toBeInstanceOf(LeaseWaitTimeout);
    await expect(waiting).rejects.toThrow(`held by replica-a deploying ${HISTORY[2]}`);
    expect(ran).toBe(false);
    await held.lease.release();
  });
});
