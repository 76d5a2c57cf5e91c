import type { GitHubClient, PullRequestData, RepoRef } from './types.js';

type PullsClient = { rest: Pick<GitHubClient['rest'], 'pulls' | 'repos'> };

/**
 * The pull request a re-run request is about. Tries the numbers the event or the check run
 * carries (a check run's `external_id` holds its pull request number, which also covers forks,
 * whose events list no pull requests), then the pull requests GitHub associates with the commit.
 * Reads only.
 */
export async function findPullRequest(
  octokit: PullsClient,
  repo: RepoRef,
  headSha: string,
  numbers: readonly number[],
): Promise<PullRequestData | undefined> {
  for (const number of new Set(numbers)) {
    if (!Number.isSafeInteger(number) || number <= 0) continue;
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
    return data;
  }
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: headSha });
  return data.find((pr) => pr.head.sha === headSha) ?? data[0];
}
