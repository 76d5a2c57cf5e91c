// The savepoint workflow shared by /savepoint and `streampilot savepoint`: each job under the job
// Lease when a `serialise` port is given, and one job's failure reported without stopping the others.
import { describe, expect, test } from 'vitest';
import type { JobLeaseTarget } from '../../src/deploy/job-lease.js';
import { KubeApiError, type KubeClient } from '../../src/kube/client.js';
import type { PlannedJob } from '../../src/plan/types.js';
import { savepointJobs, savepointsVerdict, type Serialise } from '../../src/workflows/savepoint-jobs.js';
import { resolvedJob } from '../support/resolved-job.js';

const planned = (name: string, namespace: string, mode: 'application' | 'session' = 'application'): PlannedJob =>
  ({ name, mode, enabled: true, job: resolvedJob({ name, namespace, mode }) }) as unknown as PlannedJob;

/** A cluster where nothing is deployed, except that reading `broken` fails. */
const cluster = (reads: string[]): KubeClient =>
  ({
    get: async (ref: { kind: string; namespace: string; name: string }) => {
      reads.push(`${ref.kind} ${ref.namespace}/${ref.name}`);
      if (ref.name === 'broken') throw new KubeApiError('flinkdeployments is forbidden', 403, 'Forbidden');
      return undefined;
    },
  }) as unknown as KubeClient;

const audit = { command: '/savepoint', by: 'wendy', at: '2026-12-06T06:00:00Z' };

describe('savepointJobs', () => {
  test('each job runs inside the serialise port, with its own Lease target', async () => {
    const held: JobLeaseTarget[] = [];
    const serialise: Serialise = async (target, fn) => {
      held.push(target);
      return fn(new AbortController().signal);
    };
    const reads: string[] = [];
    const results = await savepointJobs({
      environment: 'staging',
      jobs: [planned('orders', 'flink-staging'), planned('fraud', 'flink-sessions', 'session')],
      repository: 'acme/flink-jobs',
      kube: cluster(reads),
      audit,
      serialise,
    });
    expect(held).toEqual([
      { namespace: 'flink-staging', environment: 'staging', job: 'orders' },
      { namespace: 'flink-sessions', environment: 'staging', job: 'fraud' },
    ]);
    expect(reads).toEqual(['FlinkDeployment flink-staging/orders', 'FlinkSessionJob flink-sessions/fraud']);
    expect(results.map((r) => r.outcome.kind)).toEqual(['not-deployed', 'not-deployed']);
    expect(savepointsVerdict(results)).toBe('refused');
  });

  test('a job whose cluster read fails is reported as an error; the others still get their answer', async () => {
    const results = await savepointJobs({
      environment: 'staging',
      jobs: [planned('broken', 'flink-staging'), planned('orders', 'flink-staging')],
      repository: 'acme/flink-jobs',
      kube: cluster([]),
      audit,
      // The Lease is another test's subject (and this stub cluster has none): run each job at once.
      serialise: (_target, fn) => fn(new AbortController().signal),
    });
    expect(results.map((r) => [r.job, r.outcome])).toEqual([
      ['broken', { kind: 'error', message: 'flinkdeployments is forbidden' }],
      ['orders', { kind: 'not-deployed' }],
    ]);
    expect(savepointsVerdict(results)).toBe('failed');
  });

  test("a Lease that cannot be had is that job's error, not a crash of the command", async () => {
    const results = await savepointJobs({
      environment: 'staging',
      jobs: [planned('orders', 'flink-staging')],
      repository: 'acme/flink-jobs',
      kube: cluster([]),
      audit,
      serialise: () => Promise.reject(new Error('the Lease of orders is held by deploy 3f1c2a9 (timed out waiting)')),
    });
    expect(results[0]!.outcome).toEqual({
      kind: 'error',
      message: 'the Lease of orders is held by deploy 3f1c2a9 (timed out waiting)',
    });
  });
});
