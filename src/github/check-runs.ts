import type { CheckAnnotation, CheckConclusion, CheckRunData, GitHubClient, RepoRef } from './types.js';

/** GitHub accepts at most 50 annotations per create or update request; more are appended. */
export const ANNOTATIONS_PER_REQUEST = 50;

/** Where a check run lives, and whether it exists yet. */
export interface CheckRunTarget {
  name: string;
  headSha: string;
  /** Set when a run with this name already exists on the head SHA: it is updated, not duplicated. */
  id?: number;
  /** Stored on the run so a re-run request can find its pull request again (also from forks). */
  externalId?: string;
}

export interface CheckRunResult {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
}

type Checks = Pick<GitHubClient['rest']['checks'], 'listForRef' | 'create' | 'update'>;
type ChecksClient = { rest: { checks: Checks } };

/** The newest run called `name` on `headSha`, if any (one read, no write). */
export async function findCheckRun(
  octokit: ChecksClient,
  repo: RepoRef,
  headSha: string,
  name: string,
): Promise<CheckRunData | undefined> {
  const { data } = await octokit.rest.checks.listForRef({
    ...repo,
    ref: headSha,
    check_name: name,
    filter: 'latest',
    per_page: 100,
  });
  return data.check_runs.find((run) => run.name === name && run.head_sha === headSha);
}

/** Show the run as in progress (creating it if needed); returns its id. One write. */
export async function startCheckRun(
  octokit: ChecksClient,
  repo: RepoRef,
  target: CheckRunTarget,
  now: Date = new Date(),
): Promise<number> {
  const common = {
    status: 'in_progress' as const,
    started_at: now.toISOString(),
    ...(target.externalId ? { external_id: target.externalId } : {}),
  };
  if (target.id !== undefined) {
    // A redelivery or re-run reuses the run already on this SHA: the pull request shows one.
    await octokit.rest.checks.update({ ...repo, check_run_id: target.id, ...common });
    return target.id;
  }
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: target.name,
    head_sha: target.headSha,
    ...common,
  });
  return data.id;
}

/**
 * Complete the run with its result, creating it when it does not exist yet. Annotations go 50
 * per request; the conclusion travels with the last batch, so a run reads `completed` only once
 * every annotation is on it. Writes: one per 50 annotations (at least one).
 */
export async function completeCheckRun(
  octokit: ChecksClient,
  repo: RepoRef,
  target: CheckRunTarget,
  result: CheckRunResult,
  now: () => Date = () => new Date(),
): Promise<number> {
  const batches = chunk(result.annotations, ANNOTATIONS_PER_REQUEST);
  const output = (annotations: CheckAnnotation[]) => ({
    title: result.title,
    summary: result.summary,
    ...(result.text ? { text: result.text } : {}),
    ...(annotations.length ? { annotations } : {}),
  });
  const extra = target.externalId ? { external_id: target.externalId } : {};
  let id = target.id;
  for (const [i, batch] of batches.entries()) {
    const last = i === batches.length - 1;
    const state = last
      ? { status: 'completed' as const, conclusion: result.conclusion, completed_at: now().toISOString() }
      : { status: 'in_progress' as const };
    if (id === undefined) {
      const { data } = await octokit.rest.checks.create({
        ...repo,
        name: target.name,
        head_sha: target.headSha,
        ...extra,
        ...state,
        output: output(batch),
      });
      id = data.id;
    } else {
      await octokit.rest.checks.update({
        ...repo,
        check_run_id: id,
        ...(i === 0 ? extra : {}),
        ...state,
        output: output(batch),
      });
    }
  }
  return id!;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  if (items.length === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
