import type { JobDeployReport, RolloutOutcome } from './types.js';

/** A rollout's outcome as a report row. */
export function reportOf(
  outcome: RolloutOutcome,
  supersededBy: string | undefined,
): Partial<JobDeployReport> & Pick<JobDeployReport, 'state'> {
  switch (outcome.status) {
    case 'running':
      return {
        state: 'running',
        lifecycleState: outcome.lifecycleState,
        jobState: 'RUNNING',
        ...(outcome.restoredFrom ? { restoredFrom: outcome.restoredFrom } : {}),
      };
    case 'suspended':
      return {
        state: 'suspended',
        lifecycleState: outcome.lifecycleState,
        ...(outcome.savepoint ? { suspendedWith: outcome.savepoint } : {}),
      };
    case 'failed':
    case 'timed-out':
      return {
        state: outcome.status,
        failure: outcome.failure,
        ...(outcome.lifecycleState ? { lifecycleState: outcome.lifecycleState } : {}),
        ...(outcome.jobState ? { jobState: outcome.jobState } : {}),
      };
    case 'cancelled':
      return { state: 'superseded', ...(supersededBy ? { supersededBy } : {}) };
  }
}
