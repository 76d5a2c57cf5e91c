import type { EnvironmentStatus, JobStatus } from '../deploy/types.js';

/** `streampilot status`: one block per job, then orphans. */
export function formatStatusText(status: EnvironmentStatus): string {
  const lines = [`${status.environment}:`];
  if (status.jobs.length === 0) lines.push('  no job deploys to this environment');
  for (const job of status.jobs) {
    lines.push(`  ${job.job}  ${stateOf(job)}`);
    if (job.otherRepository) {
      lines.push(
        `    not deployed: ${job.kind} ${job.namespace}/${job.job} belongs to repository ${job.otherRepository}; rename the job or deploy it to another namespace`,
      );
      continue;
    }
    if (!job.deployed) {
      lines.push(`    not deployed: no ${job.kind} ${job.namespace}/${job.job}`);
      continue;
    }
    if (job.error) lines.push(`    error: ${job.error}`);
    if (job.heldByCommand) lines.push(`    ${heldByCommandText(job.heldByCommand)}`);
    if (job.image) lines.push(`    image: ${job.image}`);
    if (job.gitSha) lines.push(`    commit: ${job.gitSha}${job.pullRequest ? ` (#${job.pullRequest})` : ''}`);
    if (job.rolledBack) lines.push(`    ${rolledBackLine(job.rolledBack)}`);
    if (job.webUi)
      lines.push(
        `    Web UI: ${job.webUi.via === 'port-forward' ? `${job.webUi.command}, then ${job.webUi.url}` : job.webUi.url}`,
      );
  }
  for (const orphan of status.orphans) {
    lines.push(`  ${orphan.name}  not in Git: ${orphan.kind} ${orphan.namespace}/${orphan.name} is still deployed`);
  }
  return lines.join('\n');
}

/** `rolled back to abc… (from def…) by wendy at …; Git describes a newer commit until it catches up`. */
export function rolledBackLine(mark: NonNullable<JobStatus['rolledBack']>): string {
  return `rolled back to ${mark.to.slice(0, 12)}${mark.from ? ` (from ${mark.from.slice(0, 12)})` : ''}${mark.by ? ` by ${mark.by}` : ''}${mark.at ? ` at ${mark.at}` : ''}; Git describes a newer commit until a commit brings it back`;
}

export function isHealthy(job: JobStatus): boolean {
  return job.deployed && job.jobState === 'RUNNING' && !job.error;
}

/** Both states named: the job's and the resource's can read the same (`FAILED`) and mean different things. */
function stateOf(job: JobStatus): string {
  if (!job.deployed) return 'missing';
  return [
    job.jobState ? `job ${job.jobState}` : 'no job state yet',
    job.lifecycleState ? `lifecycle ${job.lifecycleState}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * Why a job is not in the state Git gives it, and what a merge does about it: a deploy never
 * takes a command's field back silently (apply-job.ts reports it as drift).
 */
export function heldByCommandText(held: NonNullable<JobStatus['heldByCommand']>): string {
  const undo = held.state === 'suspended' ? 'resume' : 'suspend';
  return `${held.state} by \`${held.command}\` (${held.by}, ${held.at}); Git says ${held.gitState}: a merge leaves it ${held.state} and reports .spec.job.state as drift, until \`/${undo}\` (or \`streampilot ${undo}\`)`;
}
