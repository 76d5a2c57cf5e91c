import type { EnvironmentDeployReport, JobDeployState } from './types.js';

/**
 * The one place that decides whether a deploy succeeded. The check run's conclusion, the
 * promotion gate of deploy-on-merge and the CLI's exit code all read it, each naming how it
 * differs.
 */

/** States that make a deploy fail: the job is not running the commit and someone must act. */
export const FAILING_STATES: ReadonlySet<JobDeployState> = new Set([
  'failed',
  'timed-out',
  'apply-failed',
  'drift',
  'interrupted',
]);

export type DeployConclusion = 'success' | 'failure' | 'neutral';

/**
 * success: every job runs this commit (running or unchanged) or is suspended as it asks; failure: the environment could
 * not be deployed or a job failed; neutral: nothing failed but not everything runs this commit
 * (superseded by a newer merge, or skipped).
 */
export function deployConclusion(report: EnvironmentDeployReport): DeployConclusion {
  if (report.failure || report.jobs.some((j) => FAILING_STATES.has(j.state))) return 'failure';
  // A job suspended as Git asks is where Git wants it, as much as a running one.
  return report.jobs.every((j) => j.state === 'running' || j.state === 'unchanged' || j.state === 'suspended')
    ? 'success'
    : 'neutral';
}
