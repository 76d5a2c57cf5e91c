import { DEPLOY_TASK, deploymentEnvironment, parsePayload, type DeploymentPayload } from './deployments.js';
import type { DeploymentsClient } from './deployments.js';
import type { RepoRef } from './types.js';

/** One earlier deployment of a job, as a rollback weighs it. */
export interface PastDeployment {
  id: number;
  sha: string;
  createdAt: string;
  /** Some status of it was `success` (a later success marks it `inactive`, so the newest status is not enough). */
  succeeded: boolean;
  payload: DeploymentPayload | undefined;
}

/** How far back a rollback looks: the newest page of a job's deployments. */
export const HISTORY_LOOKBACK = 30;

/**
 * A job's deployments in one environment, newest first, with whether each ever succeeded. Reads
 * one list, then the statuses of each deployment in turn until `enough` says the answer is known
 * (GitHub lists both newest first: GET /repos/{owner}/{repo}/deployments, …/deployments/{id}/statuses).
 */
export async function jobDeploymentHistory(
  octokit: DeploymentsClient,
  repo: RepoRef,
  environment: string,
  job: string,
  enough: (seen: readonly PastDeployment[]) => boolean,
): Promise<PastDeployment[]> {
  const { data } = await octokit.rest.repos.listDeployments({
    ...repo,
    task: DEPLOY_TASK,
    environment: deploymentEnvironment(environment, job),
    per_page: HISTORY_LOOKBACK,
  });
  const seen: PastDeployment[] = [];
  for (const d of data.filter((x) => x.task === DEPLOY_TASK)) {
    const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({
      ...repo,
      deployment_id: d.id,
      per_page: 100,
    });
    seen.push({
      id: d.id,
      sha: d.sha,
      createdAt: d.created_at,
      succeeded: statuses.some((s) => s.state === 'success'),
      payload: parsePayload(d.payload),
    });
    if (enough(seen)) break;
  }
  return seen;
}

/**
 * The deployment a rollback returns to: the newest successful one older than the deployment that
 * put `current` there. Deployments made by a rollback are looked past, so rolling back twice goes
 * further back instead of returning to where the first rollback started. `current` unknown (the
 * cluster has no such job): the newest success is what runs, and the one before it is the answer.
 */
export function previousSuccess(
  history: readonly PastDeployment[],
  current: string | undefined,
): PastDeployment | undefined {
  const original = history.filter((d) => d.succeeded && !d.payload?.rollback);
  const now = current ?? original[0]?.sha;
  if (now === undefined) return undefined;
  const at = original.findIndex((d) => d.sha === now);
  const older = at >= 0 ? original.slice(at + 1) : original;
  return older.find((d) => d.sha !== now);
}
