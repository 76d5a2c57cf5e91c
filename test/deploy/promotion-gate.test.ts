// Promotion's rule, read from what the earlier environment's cluster runs (see src/deploy/promotion-gate.ts).
import { describe, expect, it } from 'vitest';
import { promotionGate } from '../../src/deploy/promotion-gate.js';
import type { JobStatus } from '../../src/deploy/types.js';

const sha = 'def5678901234567890123456789012345678901';
const older = 'abc1234901234567890123456789012345678901';
const image = `ghcr.io/acme/orders:c0ffee@sha256:${'a'.repeat(64)}`;
const running = (job: string, extra: Partial<JobStatus> = {}): JobStatus => ({
  job,
  kind: 'FlinkDeployment',
  namespace: 'flink-staging',
  deployed: true,
  gitSha: sha,
  lifecycleState: 'STABLE',
  jobState: 'RUNNING',
  image,
  ...extra,
});
const gate = (jobs: JobStatus[], names = jobs.map((j) => j.job), options: { suspended?: boolean } = {}) =>
  promotionGate({
    after: 'staging',
    sha,
    jobs: names.map((name) => ({ name, inAfter: true, suspended: options.suspended ?? false })),
    status: { environment: 'staging', jobs, orphans: [] },
  });

describe('promotion gate: the earlier environment runs the commit healthy', () => {
  it('passes a job running this commit, STABLE, and hands on the image it runs', () => {
    expect(gate([running('orders')])).toEqual([{ job: 'orders', status: 'proven', image }]);
  });

  it.each([
    ['another commit', running('orders', { gitSha: older }), 'staging runs `orders` at abc1234, not def5678'],
    ['a failed job', running('orders', { jobState: 'FAILED' }), "staging's job `orders` is FAILED / STABLE"],
    [
      'a rollout under way',
      running('orders', { lifecycleState: 'DEPLOYED' }),
      "staging's job `orders` is RUNNING / DEPLOYED",
    ],
    [
      'an operator error',
      running('orders', { error: 'ImagePullBackOff' }),
      "staging's job `orders` is RUNNING / STABLE: ImagePullBackOff",
    ],
    ['no resource', { ...running('orders'), deployed: false }, 'staging does not run `orders`'],
    [
      'no commit annotation',
      (({ gitSha: _gone, ...rest }) => rest)(running('orders')),
      'staging runs `orders` from no known commit (no streampilot.dev/git-sha annotation)',
    ],
    [
      "another repository's job",
      running('orders', { deployed: false, otherRepository: 'acme/other' }),
      "staging's `orders` belongs to acme/other",
    ],
  ])('refuses %s, saying what is missing', (_case, status, problem) => {
    expect(gate([status as JobStatus])).toEqual([{ job: 'orders', status: 'missing', problem }]);
  });

  it('refuses a job the cluster does not list at all', () => {
    expect(gate([], ['orders'])).toEqual([
      { job: 'orders', status: 'missing', problem: 'staging does not run `orders`' },
    ]);
  });

  it('a job Git suspends in the earlier environment counts when it is SUSPENDED there', () => {
    const suspended = running('orders', { lifecycleState: 'SUSPENDED', jobState: 'FINISHED' });
    expect(gate([suspended], ['orders'], { suspended: true })[0]!.status).toBe('proven');
    expect(gate([running('orders')], ['orders'], { suspended: true })[0]!.status).toBe('missing');
  });

  it('a job the earlier environment does not have is not waited for', () => {
    const checks = promotionGate({
      after: 'staging',
      sha,
      jobs: [{ name: 'audit', inAfter: false, suspended: false }],
      status: { environment: 'staging', jobs: [], orphans: [] },
    });
    expect(checks).toEqual([{ job: 'audit', status: 'not-there' }]);
  });
});
