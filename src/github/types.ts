/**
 * The slice of Octokit the GitHub ports use. Probot's installation Octokit satisfies it
 * structurally (endpoint methods under `octokit.rest.*`); unit tests pass a recording fake.
 * Field names follow GitHub's REST API (OpenAPI description, api.github.com).
 */

export interface RepoRef {
  owner: string;
  repo: string;
}

export type CheckStatus = 'queued' | 'in_progress' | 'completed';
export type CheckConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckAnnotation[];
}

export interface CheckRunData {
  id: number;
  name: string;
  head_sha: string;
  status: string | null;
  conclusion?: string | null;
  external_id?: string | null;
  html_url?: string | null;
}

export interface IssueCommentData {
  id: number;
  body?: string;
  user: { login: string; type?: string } | null;
  performed_via_github_app?: { id: number } | null;
}

export interface PullRequestData {
  number: number;
  head: { sha: string; ref: string; repo: { clone_url: string; full_name: string; fork: boolean } | null };
  base: { sha: string; ref: string; repo: { clone_url: string; full_name: string } };
}

interface Response<T> {
  data: T;
}

/** Request parameters: Octokit's methods take any further parameter, hence the index signature. */
type Params<T> = RepoRef & T & { [parameter: string]: unknown };

export interface GitHubClient {
  rest: {
    checks: {
      listForRef(
        params: Params<{ ref: string; check_name?: string; filter?: 'latest' | 'all'; per_page?: number }>,
      ): Promise<Response<{ total_count: number; check_runs: CheckRunData[] }>>;
      create(
        params: Params<{
          name: string;
          head_sha: string;
          status?: CheckStatus;
          conclusion?: CheckConclusion;
          external_id?: string;
          started_at?: string;
          completed_at?: string;
          output?: CheckOutput;
        }>,
      ): Promise<Response<CheckRunData>>;
      update(
        params: Params<{
          check_run_id: number;
          status?: CheckStatus;
          conclusion?: CheckConclusion;
          external_id?: string;
          started_at?: string;
          completed_at?: string;
          output?: CheckOutput;
        }>,
      ): Promise<Response<CheckRunData>>;
    };
    issues: {
      listComments(
        params: Params<{ issue_number: number; per_page?: number; page?: number }>,
      ): Promise<Response<IssueCommentData[]>>;
      createComment(params: Params<{ issue_number: number; body: string }>): Promise<Response<IssueCommentData>>;
      updateComment(params: Params<{ comment_id: number; body: string }>): Promise<Response<IssueCommentData>>;
    };
    pulls: {
      get(params: Params<{ pull_number: number }>): Promise<Response<PullRequestData>>;
    };
    repos: {
      listPullRequestsAssociatedWithCommit(
        params: Params<{ commit_sha: string }>,
      ): Promise<Response<PullRequestData[]>>;
    };
  };
  /** Octokit's auth hook: with `{ type: 'installation' }` it yields the installation token. */
  auth(options?: Record<string, unknown>): Promise<unknown>;
}

/** A pull request, reduced to what validating it needs. */
export interface PullRequestInput {
  number: number;
  baseSha: string;
  headSha: string;
  /** The base repository's clone URL: the head commit is reachable there too (refs/pull/N/head), also for forks. */
  cloneUrl: string;
  /** Head repository differs from base: validated, never built or deployed. */
  fork: boolean;
}
