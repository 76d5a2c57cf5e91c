/**
 * One deploy at a time per (environment, job), across every replica of the app, through a
 * Kubernetes Lease in the job's namespace; and when two commits race, the newer one wins.
 *
 * The Lease records the commit of its holder (`streampilot.dev/git-sha`, kept after release as
 * the last commit that deployed through it) and the newest commit waiting for it
 * (`streampilot.dev/wanted-by`). A waiter with a newer commit writes itself there; the holder
 * sees it when it renews and stops following its rollout (`superseded`), then releases; the
 * waiter takes the Lease. A commit older than the holder's, or than the one waiting, or than
 * the last one deployed, is superseded without waiting. Every write is conditional on the
 * resourceVersion read, so two replicas never both believe they hold it.
 */
import { createHash } from 'node:crypto';
import type { V1Lease } from '@kubernetes/client-node';
import { KubeApiError, type KubeClient } from '../kube/client.js';

export const LEASE_ANNOTATION = {
  /** The holder's commit; after release, the last commit deployed through this Lease. */
  gitSha: 'streampilot.dev/git-sha',
  /** The newest commit waiting for the Lease. */
  wantedBy: 'streampilot.dev/wanted-by',
} as const;

/** Field manager of the `wanted-by` annotation, the one write made to a Lease someone else holds. */
const WAITER_MANAGER = 'streampilot-lease-waiter';

export interface JobLeaseTarget {
  namespace: string;
  environment: string;
  job: string;
}

export interface AcquireJobLeaseOptions {
  /** This process, as written in `holderIdentity`. */
  identity: string;
  /** True when commit `a` is newer than commit `b`. A failure counts as "not newer". */
  isNewer: (a: string, b: string) => Promise<boolean>;
  /** Default 30. A holder that stops renewing loses the Lease after this long. */
  leaseDurationSeconds?: number;
  /** How often a waiter looks at the Lease again (default 2000 ms). */
  pollMs?: number;
  /** How often the holder renews and looks for a newer commit (default a third of the duration). */
  renewMs?: number;
  /** Stops waiting: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Give up waiting after this long: rejects with LeaseWaitTimeout (default: wait as long as it takes). */
  waitTimeoutMs?: number;
}

export interface HeldLease {
  /** Aborts when a newer commit asks for this Lease (or the Lease was lost): stop, report superseded, release. */
  superseded: AbortSignal;
  /** The commit that superseded this deploy, once `superseded` has aborted. */
  supersededBy(): string | undefined;
  /** Stops renewing and frees the Lease for the next deploy. Safe to call twice. */
  release(): Promise<void>;
}

export type LeaseAcquisition = { status: 'acquired'; lease: HeldLease } | { status: 'superseded'; by: string };

/** Waiting for the Lease took longer than `waitTimeoutMs`. */
export class LeaseWaitTimeout extends Error {
  constructor(
    readonly lease: string,
    readonly holder: string,
    readonly holderSha: string | undefined,
    readonly hint = 'the other deploy of this job is still running; retry once it has finished',
  ) {
    super(`timed out waiting for Lease ${lease}, held by ${holder}${holderSha ? ` deploying ${holderSha}` : ''}`);
    this.name = 'LeaseWaitTimeout';
  }
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_NAME = 253;

/**
 * `streampilot.<environment>.<job>`: dots, because a job name never has one, so no two
 * (environment, job) pairs share a name. An environment that is not DNS material (upper case,
 * `_`) is lower-cased and dashed, with a hash of the pair to keep it apart from its look-alikes.
 */
export function jobLeaseName(environment: string, job: string): string {
  const plain = `streampilot.${environment}.${job}`;
  if (plain.length <= MAX_NAME && DNS_SUBDOMAIN.test(plain)) return plain;
  const hash = createHash('sha256').update(`${environment}\0${job}`).digest('hex').slice(0, 10);
  const dashed = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const stem = `streampilot.${dashed(environment) || 'env'}.${dashed(job) || 'job'}`
    .slice(0, MAX_NAME - hash.length - 1)
    .replace(/[-.]+$/, '');
  return `${stem}-${hash}`;
}

interface LeaseState {
  holder: string;
  /** Held and not expired. */
  held: boolean;
  holderSha?: string;
  wantedBy?: string;
}

function stateOf(lease: V1Lease, now: number): LeaseState {
  const spec = lease.spec ?? {};
  const annotations = lease.metadata?.annotations ?? {};
  const holder = spec.holderIdentity ?? '';
  const renewed = spec.renewTime ?? spec.acquireTime;
  const expires = renewed ? new Date(renewed).getTime() + (spec.leaseDurationSeconds ?? 0) * 1000 : 0;
  return {
    holder,
    held: holder !== '' && expires >= now,
    ...(annotations[LEASE_ANNOTATION.gitSha] ? { holderSha: annotations[LEASE_ANNOTATION.gitSha] } : {}),
    ...(annotations[LEASE_ANNOTATION.wantedBy] ? { wantedBy: annotations[LEASE_ANNOTATION.wantedBy] } : {}),
  };
}

function withAnnotations(lease: V1Lease, set: Record<string, string>, remove: string[] = []): V1Lease {
  const annotations = { ...(lease.metadata?.annotations ?? {}), ...set };
  for (const key of remove) delete annotations[key];
  return { ...lease, metadata: { ...lease.metadata, annotations } };
}

const isConflict = (e: unknown) => e instanceof KubeApiError && e.code === 409;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    // Not unref'd: someone awaits this wait, and a CLI with nothing else to do must not exit under it.
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Takes the Lease of `target` for commit `sha`:
 *
 * - free or expired: taken (`acquired`), unless a newer commit is waiting for it or was the
 *   last one deployed through it (`superseded` by that commit);
 * - held for a newer commit: `superseded` at once;
 * - held for an older commit: asks for it (`wanted-by`), waits for the holder to release it or
 *   to expire, then takes it;
 * - held for the same commit (a redelivery): waits, so the same deploy never runs twice at once.
 *
 * The holder renews in the background until `release()`.
 */
export async function acquireJobLease(
  kube: KubeClient,
  target: JobLeaseTarget,
  sha: string,
  options: AcquireJobLeaseOptions,
): Promise<LeaseAcquisition> {
  const name = jobLeaseName(target.environment, target.job);
  const { namespace } = target;
  const duration = options.leaseDurationSeconds ?? 30;
  const pollMs = options.pollMs ?? 2000;
  const deadline = options.waitTimeoutMs !== undefined ? Date.now() + options.waitTimeoutMs : undefined;
  const newer = async (a: string | undefined, b: string): Promise<boolean> => {
    if (!a || a === b) return false;
    try {
      return await options.isNewer(a, b);
    } catch {
      return false;
    }
  };

  for (;;) {
    options.signal?.throwIfAborted();
    const lease = await kube.getLease(namespace, name);
    if (!lease) {
      const created = await kube
        .createLease({ namespace, name, holderIdentity: options.identity, leaseDurationSeconds: duration })
        .catch((e: unknown) => {
          if (isConflict(e)) return undefined;
          throw e;
        });
      if (!created) continue;
      const recorded = await recordSha(kube, created, options.identity, sha);
      if (recorded) return { status: 'acquired', lease: await hold(kube, recorded, sha, options, duration, newer) };
      continue;
    }

    const state = stateOf(lease, Date.now());
    if (await newer(state.holderSha, sha)) return { status: 'superseded', by: state.holderSha! };
    if (await newer(state.wantedBy, sha)) return { status: 'superseded', by: state.wantedBy! };

    if (!state.held) {
      // What waited for it was at most this commit: served.
      const claim = withAnnotations(lease, { [LEASE_ANNOTATION.gitSha]: sha }, [LEASE_ANNOTATION.wantedBy]);
      const taken = await kube.renewLease(claim, options.identity, duration).catch((e: unknown) => {
        if (isConflict(e)) return undefined;
        throw e;
      });
      if (taken) return { status: 'acquired', lease: await hold(kube, taken, sha, options, duration, newer) };
      continue;
    }

    if (state.wantedBy !== sha && state.holderSha !== sha && (!state.wantedBy || (await newer(sha, state.wantedBy)))) {
      // Conditional on what was read: of two waiters writing at once, the older re-reads and sees the newer.
      await kube
        .applyServerSide(
          {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: {
              name,
              namespace,
              ...(lease.metadata?.resourceVersion ? { resourceVersion: lease.metadata.resourceVersion } : {}),
              annotations: { [LEASE_ANNOTATION.wantedBy]: sha },
            },
          },
          { fieldManager: WAITER_MANAGER, force: true },
        )
        .catch((e: unknown) => {
          if (!isConflict(e)) throw e;
        });
      continue;
    }
    if (deadline !== undefined && Date.now() >= deadline)
      throw new LeaseWaitTimeout(`${namespace}/${name}`, state.holder, state.holderSha);
    await sleep(deadline !== undefined ? Math.max(0, Math.min(pollMs, deadline - Date.now())) : pollMs, options.signal);
  }
}

/**
 * A Lease we just created: writes our commit on it. Undefined when it is no longer ours (it
 * can only be lost by expiring before this write).
 */
async function recordSha(
  kube: KubeClient,
  created: V1Lease,
  identity: string,
  sha: string,
): Promise<V1Lease | undefined> {
  let lease: V1Lease | undefined = created;
  for (let attempt = 0; attempt < 5 && lease; attempt++) {
    if (
      lease.spec?.holderIdentity !== identity ||
      (lease.metadata?.annotations?.[LEASE_ANNOTATION.gitSha] ?? sha) !== sha
    )
      return undefined;
    try {
      return await kube.renewLease(withAnnotations(lease, { [LEASE_ANNOTATION.gitSha]: sha }), identity);
    } catch (e) {
      // A waiter wrote `wanted-by` in between: read again and keep it.
      if (!isConflict(e)) throw e;
      lease = await kube.getLease(created.metadata?.namespace ?? '', created.metadata?.name ?? '');
    }
  }
  return undefined;
}

async function hold(
  kube: KubeClient,
  acquired: V1Lease,
  sha: string,
  options: AcquireJobLeaseOptions,
  duration: number,
  newer: (a: string | undefined, b: string) => Promise<boolean>,
): Promise<HeldLease> {
  const namespace = acquired.metadata?.namespace ?? '';
  const name = acquired.metadata?.name ?? '';
  const controller = new AbortController();
  let by: string | undefined;
  let current = acquired;
  let timer: NodeJS.Timeout | undefined;
  let renewing: Promise<void> | undefined;
  let released = false;

  const supersede = (commit: string) => {
    if (controller.signal.aborted) return;
    by = commit;
    controller.abort(new Error(`superseded by ${commit}`));
  };
  const ours = (lease: V1Lease | undefined) =>
    lease?.spec?.holderIdentity === options.identity && lease.metadata?.annotations?.[LEASE_ANNOTATION.gitSha] === sha;
  const checkWanted = async () => {
    const wanted = current.metadata?.annotations?.[LEASE_ANNOTATION.wantedBy];
    if (await newer(wanted, sha)) supersede(wanted!);
  };

  const renew = async () => {
    try {
      current = await kube.renewLease(current, options.identity, duration);
    } catch (e) {
      if (!isConflict(e)) return; // The cluster may answer again before the Lease expires: the next tick retries.
      const fresh = await kube.getLease(namespace, name);
      if (!ours(fresh)) {
        // Lost (it expired while we could not renew, and someone took it): whatever we are doing is no longer serialised.
        supersede(fresh?.metadata?.annotations?.[LEASE_ANNOTATION.gitSha] ?? 'another deploy');
        released = true;
        return;
      }
      current = await kube.renewLease(fresh!, options.identity, duration).catch(() => fresh!);
    }
    await checkWanted();
  };
  const schedule = () => {
    if (released) return;
    timer = setTimeout(
      () => {
        renewing = renew()
          .catch(() => undefined)
          .finally(() => {
            renewing = undefined;
            schedule();
          });
      },
      options.renewMs ?? (duration * 1000) / 3,
    );
    // The deploy keeps the process busy while it holds the Lease; renewing alone must not keep it alive.
    timer.unref();
  };

  await checkWanted();
  schedule();

  return {
    superseded: controller.signal,
    supersededBy: () => by,
    async release() {
      if (released) {
        clearTimeout(timer);
        return;
      }
      released = true;
      clearTimeout(timer);
      await renewing;
      for (let attempt = 0; attempt < 5; attempt++) {
        const fresh = await kube.getLease(namespace, name);
        if (!ours(fresh)) return;
        try {
          // Keeps `git-sha`: the last commit deployed through this Lease, which older commits yield to.
          await kube.renewLease(fresh!, '', duration);
          return;
        } catch (e) {
          if (!isConflict(e)) throw e;
        }
      }
    },
  };
}
