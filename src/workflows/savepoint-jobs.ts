/**
 * `/savepoint` and `streampilot savepoint`: a savepoint of each named job of one environment,
 * taken through the operator, each job's outcome reported on its own. The jobs are independent,
 * so they are savepointed at the same time; one job's failure does not stop the others.
 */
import type { CommandAudit } from '../deploy/command-audit.js';
import { withCommandLease } from '../deploy/command-lease.js';
import type { JobLeaseTarget } from '../deploy/job-lease.js';
import { triggerSavepoint, type JobSavepoint } from '../deploy/trigger-savepoint.js';
import type { FlinkKind } from '../deploy/types.js';
import { messageOf } from '../errors.js';
import type { KubeClient } from '../kube/client.js';
import type { PlannedJob } from '../plan/types.js';

export type { JobSavepoint } from '../deploy/trigger-savepoint.js';

/** Runs `fn` while holding the job's Lease, so a command never overlaps a deploy of the same job. */
export type Serialise = <T>(target: JobLeaseTarget, fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;

export interface SavepointJobsInput {
  environment: string;
  /** The jobs as planned for the environment (where each lives, its mode and upgrade mode). */
  jobs: readonly PlannedJob[];
  /** `owner/name`: only this repository's jobs are touched. */
  repository: string;
  kube: KubeClient;
  audit: CommandAudit;
  /** How each job is serialised with deploys and other commands; default: the job's Lease, held as `holder`. */
  serialise?: Serialise;
  /** Who holds the job's Lease meanwhile (default: the command and who gave it). */
  holder?: string;
  timeoutMs?: number;
  pollMs?: number;
  /** A job's savepoint moved on (IN_PROGRESS). */
  onProgress?: (job: string, state: string) => void;
}

export async function savepointJobs(input: SavepointJobsInput): Promise<JobSavepoint[]> {
  const holder = input.holder ?? `${input.audit.command.slice(0, 60)} by ${input.audit.by}`;
  const serialise: Serialise = input.serialise ?? ((target, fn) => withCommandLease(input.kube, target, holder, fn));
  return Promise.all(
    input.jobs.map(async (planned): Promise<JobSavepoint> => {
      const kind: FlinkKind = planned.mode === 'session' ? 'FlinkSessionJob' : 'FlinkDeployment';
      const namespace = planned.job.namespace;
      const run = (signal?: AbortSignal) =>
        triggerSavepoint(
          input.kube,
          { job: planned.name, environment: input.environment, namespace, kind, repository: input.repository },
          {
            audit: input.audit,
            ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
            ...(input.pollMs !== undefined ? { pollMs: input.pollMs } : {}),
            ...(signal ? { signal } : {}),
            onProgress: (state) => input.onProgress?.(planned.name, state),
          },
        );
      try {
        const outcome = await serialise({ namespace, environment: input.environment, job: planned.name }, run);
        return { job: planned.name, namespace, kind, outcome };
      } catch (e) {
        return { job: planned.name, namespace, kind, outcome: { kind: 'error', message: messageOf(e) } };
      }
    }),
  );
}

/** The command's overall outcome: every savepoint taken, nothing written (all refused), or some went wrong. */
export function savepointsVerdict(results: readonly JobSavepoint[]): 'done' | 'refused' | 'failed' {
  if (results.every((r) => r.outcome.kind === 'completed')) return 'done';
  const refusals = new Set(['not-deployed', 'other-repository', 'not-running', 'no-savepoint-dir']);
  if (results.every((r) => r.outcome.kind === 'completed' || refusals.has(r.outcome.kind))) return 'refused';
  return 'failed';
}
