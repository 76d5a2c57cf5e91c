import type { EnvironmentStatus, JobStatus } from './types.js';

/** One job of a promotion, as the earlier (`after`) environment runs it. */
export type PromotionCheck =
  /** The earlier environment runs this commit of the job healthy; `image` is what it runs (pinned by digest). */
  | { job: string; status: 'proven'; image?: string }
  /** The earlier environment has no such job (disabled or absent there): nothing to wait for. */
  | { job: string; status: 'not-there' }
  /** Not yet: what is missing, in a sentence naming the environment. */
  | { job: string; status: 'missing'; problem: string };

export interface PromotionGateInput {
  /** The earlier environment's name (`after:`). */
  after: string;
  /** The commit to promote. */
  sha: string;
  /** The jobs to promote; `inAfter` false when the earlier environment does not run that job at all. */
  jobs: readonly { name: string; inAfter: boolean; suspended: boolean }[];
  /** What the earlier environment's cluster runs now. */
  status: EnvironmentStatus;
}

/**
 * Promotion's rule: a job goes to an environment only once the environment it comes after runs
 * the same commit of it, healthy — the annotation every deploy writes (`streampilot.dev/git-sha`)
 * names the commit, the operator's status says RUNNING and STABLE (or SUSPENDED for a job Git
 * suspends). Read from the cluster, not from GitHub: what runs now, not what once deployed. Pure.
 */
export function promotionGate(input: PromotionGateInput): PromotionCheck[] {
  const byJob = new Map(input.status.jobs.map((j) => [j.job, j]));
  return input.jobs.map((job): PromotionCheck => {
    if (!job.inAfter) return { job: job.name, status: 'not-there' };
    const live = byJob.get(job.name);
    const problem = live ? problemOf(live, input, job.suspended) : `${input.after} does not run \`${job.name}\``;
    if (problem) return { job: job.name, status: 'missing', problem };
    return { job: job.name, status: 'proven', ...(live?.image ? { image: live.image } : {}) };
  });
}

function problemOf(live: JobStatus, input: PromotionGateInput, suspended: boolean): string | undefined {
  const { after, sha } = input;
  const name = `\`${live.job}\``;
  if (live.otherRepository) return `${after}'s ${name} belongs to ${live.otherRepository}`;
  if (!live.deployed) return `${after} does not run ${name}`;
  if (!live.gitSha) return `${after} runs ${name} from no known commit (no streampilot.dev/git-sha annotation)`;
  if (live.gitSha !== sha) return `${after} runs ${name} at ${short(live.gitSha)}, not ${short(sha)}`;
  const state = [live.jobState, live.lifecycleState].filter(Boolean).join(' / ') || 'no state yet';
  const healthy = suspended
    ? live.lifecycleState === 'SUSPENDED'
    : live.jobState === 'RUNNING' && live.lifecycleState === 'STABLE' && !live.error;
  if (!healthy) return `${after}'s job ${name} is ${state}${live.error ? `: ${live.error}` : ''}`;
  return undefined;
}

const short = (sha: string) => sha.slice(0, 7);
