import type { PullRequestData, PullRequestInput } from './types.js';

/**
 * A webhook's or the API's pull request, reduced to what validation needs. `headSha` overrides
 * the pull request's current head: a re-run validates the commit the check run belongs to.
 */
export function pullRequestInput(pr: PullRequestData, headSha: string = pr.head.sha): PullRequestInput {
  return {
    number: pr.number,
    baseSha: pr.base.sha,
    headSha,
    cloneUrl: pr.base.repo.clone_url,
    // A deleted fork has no head repository: still not ours to build.
    fork: pr.head.repo === null || pr.head.repo.full_name !== pr.base.repo.full_name,
  };
}
