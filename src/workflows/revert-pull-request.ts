import type { CommandAudit } from '../deploy/command-audit.js';
import type { RepoRef } from '../github/types.js';

/** The slice of Octokit the revert pull request uses (git data and pulls). */
export interface RevertClient {
  rest: Record<string, unknown>;
}

export interface RevertRequest {
  environment: string;
  /** Each job's folder as Git has it now, and the commit whose folder it goes back to. */
  jobs: { job: string; to: string; dir: string | undefined }[];
  audit: CommandAudit;
  pullRequest: number;
}

/** Not written yet: the reply says Git still describes the newer jobs. */
export async function openRevertPullRequest(
  _octokit: RevertClient,
  _repo: RepoRef,
  _request: RevertRequest,
): Promise<{ number: number; url: string } | { problem: string } | undefined> {
  return undefined;
}
