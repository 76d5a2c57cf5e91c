/**
 * A command (`/restart`, `/suspend`, `/resume`) on a job holds the same Lease a deploy of that
 * job holds (job-lease.ts), so a command never runs while a deploy of the job rolls out, nor a
 * deploy while a command does. A command is no commit, so it stays out of the deploys' ordering:
 *
 * - it waits for any holder, deploy or command, whatever its commit (a deploy never supersedes a
 *   command, and a command never makes a deploy give up);
 * - it keeps the Lease's annotations as they are: `git-sha` (the last commit deployed through it,
 *   which older commits yield to) and `wanted-by` (the newest deploy waiting), so the deploys
 *   that wait behind a command order themselves exactly as they would behind a deploy;
 * - while it holds the Lease, deploys see a holder and wait (`acquireJobLease` waits for a holder
 *   whose commit is not newer than theirs, and the command's `git-sha` is the last deployed one).
 *
 * Every write is conditional on the resourceVersion read, as in job-lease.ts.
 */
import type { V1Lease } from '@kubernetes/client-node';
import { KubeApiError, type KubeClient } from '../kube/client.js';
import { jobLeaseName, LeaseWaitTimeout, LEASE_ANNOTATION, type JobLeaseTarget } from './job-lease.js';

export interface CommandLeaseOptions {
  /** Default 30. A command whose process dies frees the job after this long. */
  leaseDurationSeconds?: number;
  /** How often a waiting command looks at the Lease again (default 2000 ms). */
  pollMs?: number;
  /** How often the holder renews (default a third of the duration). */
  renewMs?: number;
  /** Give up waiting after this long: rejects with LeaseWaitTimeout (default: wait as long as it takes). */
  waitTimeoutMs?: number;
  /** Called once when the command has to wait, with who holds the job. */
  onWait?: (holder: { identity: string; sha?: string }) => void;
}

const isConflict = (e: unknown) => e instanceof KubeApiError && e.code === 409;

function heldBySomeone(lease: V1Lease, now: number): boolean {
  const spec = lease.spec ?? {};
  if (!spec.holderIdentity) return false;
  const renewed = spec.renewTime ?? spec.acquireTime;
  const expires = renewed ? new Date(renewed).getTime() + (spec.leaseDurationSeconds ?? 0) * 1000 : 0;
  return expires >= now;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` while holding the job's Lease as `holder` (write it so that `kubectl get lease`
 * says who: e.g. `<replica> /suspend by @wendy`). `fn`'s signal aborts when the Lease is lost
 * (the command stopped renewing for longer than the duration and someone else took it): the
 * command is no longer serialised and should stop following. Released after `fn`, however it ends.
 */
export async function withCommandLease<T>(
  kube: KubeClient,
  target: JobLeaseTarget,
  holder: string,
  fn: (signal: AbortSignal) => Promise<T>,
  options: CommandLeaseOptions = {},
): Promise<T> {
  const name = jobLeaseName(target.environment, target.job);
  const { namespace } = target;
  const duration = options.leaseDurationSeconds ?? 30;
  const deadline = options.waitTimeoutMs !== undefined ? Date.now() + options.waitTimeoutMs : undefined;
  let told = false;

  let current: V1Lease | undefined;
  while (!current) {
    const lease = await kube.getLease(namespace, name);
    if (!lease) {
      current = await kube
        .createLease({ namespace, name, holderIdentity: holder, leaseDurationSeconds: duration })
        .catch((e: unknown) => {
          if (isConflict(e)) return undefined;
          throw e;
        });
      continue;
    }
    if (!heldBySomeone(lease, Date.now())) {
      // Annotations kept: the command takes the Lease, not the deploys' place in their order.
      current = await kube.renewLease(lease, holder, duration).catch((e: unknown) => {
        if (isConflict(e)) return undefined;
        throw e;
      });
      continue;
    }
    const sha = lease.metadata?.annotations?.[LEASE_ANNOTATION.gitSha];
    if (deadline !== undefined && Date.now() >= deadline)
      throw new LeaseWaitTimeout(
        `${namespace}/${name}`,
        lease.spec?.holderIdentity ?? '',
        sha,
        'a deploy or another command of this job is still running; give the command again once it has finished',
      );
    if (!told) {
      told = true;
      options.onWait?.({ identity: lease.spec?.holderIdentity ?? '', ...(sha ? { sha } : {}) });
    }
    const poll = options.pollMs ?? 2000;
    await sleep(deadline !== undefined ? Math.max(0, Math.min(poll, deadline - Date.now())) : poll);
  }

  const lost = new AbortController();
  let stopped = false;
  let renewing: Promise<void> | undefined;
  const ours = (lease: V1Lease | undefined) => lease?.spec?.holderIdentity === holder;
  const renew = async () => {
    try {
      current = await kube.renewLease(current!, holder, duration);
    } catch (e) {
      if (!isConflict(e)) return; // The next tick retries; the Lease lasts `duration` meanwhile.
      // A deploy wrote `wanted-by` while waiting: read again, keep it, and renew.
      const fresh = await kube.getLease(namespace, name);
      if (!ours(fresh)) {
        lost.abort(new Error(`lost the Lease ${namespace}/${name} to ${fresh?.spec?.holderIdentity || 'nobody'}`));
        stopped = true;
        return;
      }
      current = await kube.renewLease(fresh!, holder, duration).catch(() => fresh!);
    }
  };
  const timer = setInterval(
    () => {
      if (stopped || renewing) return;
      renewing = renew()
        .catch(() => undefined)
        .finally(() => (renewing = undefined));
    },
    options.renewMs ?? (duration * 1000) / 3,
  );
  // The command's own work keeps the process busy; renewing alone must not.
  timer.unref();

  try {
    return await fn(lost.signal);
  } finally {
    stopped = true;
    clearInterval(timer);
    await renewing;
    await release(kube, namespace, name, holder, duration).catch(() => undefined);
  }
}

async function release(kube: KubeClient, namespace: string, name: string, holder: string, duration: number) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const fresh = await kube.getLease(namespace, name);
    if (fresh?.spec?.holderIdentity !== holder) return;
    try {
      await kube.renewLease(fresh, '', duration);
      return;
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }
}
