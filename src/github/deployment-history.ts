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

/** A job whose newest deployment is a rollback that succeeded: it runs an older commit than Git describes. */
export interface RolledBackJob {
  environment: string;
  job: string;
  /** The commit it was rolled back to. */
  sha: string;
}

/**
 * The jobs rolled back and not deployed from Git since: among the newest 100 deployments of ours,
 * the newest of each job whose payload says rollback and whose newest status is `success`. One
 * list, then one status read per such deployment (rollbacks are rare).
 */
export async function rolledBackJobs(octokit: DeploymentsClient, repo: RepoRef): Promise<RolledBackJob[]> {
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, task: DEPLOY_TASK, per_page: 100 });
  const newest = new Map<string, (typeof data)[number]>();
  for (const d of data) if (d.task === DEPLOY_TASK && !newest.has(d.environment)) newest.set(d.environment, d);
  const found: RolledBackJob[] = [];
  for (const d of newest.values()) {
    const payload = parsePayload(d.payload);
    if (!payload?.rollback) continue;
    const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({
      ...repo,
      deployment_id: d.id,
      per_page: 1,
    });
    if (statuses[0]?.state === 'success')
      found.push({ environment: payload.environment, job: payload.job, sha: d.sha });
  }
  return found.sort((a, b) => (a.environment + a.job < b.environment + b.job ? -1 : 1));
}
