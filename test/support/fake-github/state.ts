/** The fake's in-memory GitHub: what tests arrange and what they read back. */

export interface FakeRepository {
  id: number;
  owner: string;
  name: string;
  installationId: number;
  /** A git directory on disk: head_sha of a check run must be a commit in it, like on GitHub. */
  gitDir?: string;
  cloneUrl: string;
  defaultBranch: string;
  private: boolean;
  /** full name of the parent when this repository is a fork. */
  forkOf?: string;
}

export interface FakeAnnotation {
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

export interface FakeCheckRun {
  id: number;
  repository: string;
  name: string;
  head_sha: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  details_url: string | null;
  external_id: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation sent, appended across the create and each update, as GitHub keeps them. */
  annotations: FakeAnnotation[];
  /** How many requests wrote to it (1 for a create, +1 per update). */
  writes: number;
  /** Position in the fake's request log of the last request that wrote it. */
  lastWrite: number;
}

export interface FakeComment {
  id: number;
  repository: string;
  issue_number: number;
  body: string;
  /** The login of the author: the app's bot user for comments the app wrote. */
  user: string;
  created_at: string;
  updated_at: string;
  /** How many times it was edited after creation. */
  edits: number;
}

export interface FakePullRequest {
  repository: string;
  number: number;
  title: string;
  head: { sha: string; ref: string; repository: string };
  base: { sha: string; ref: string };
  user: string;
  /** Merged as this commit on the base branch (GitHub's `merge_commit_sha`); absent: open. */
  mergedAs?: string;
  /** Closed without a merge. */
  closed?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path below /api/v3, without the query. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  operationId: string | undefined;
  status: number;
  auth: 'jwt' | 'installation' | 'none' | 'invalid';
}

export interface ContractViolation {
  method: string;
  path: string;
  status: number;
  problems: string[];
}

export type FakeDeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export interface FakeDeploymentStatus {
  id: number;
  state: FakeDeploymentState;
  description: string;
  environment: string;
  environment_url: string;
  log_url: string;
  created_at: string;
  /** true: added by GitHub itself (auto_inactive), not by a request. */
  automatic: boolean;
}

export interface FakeDeployment {
  id: number;
  repository: string;
  sha: string;
  /** The ref as the request named it (branch, tag or SHA); `sha` is what it resolved to. */
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  /** Changes when a status names another environment; `original_environment` keeps the first. */
  environment: string;
  original_environment: string;
  description: string | null;
  transient_environment: boolean;
  production_environment: boolean;
  created_at: string;
  updated_at: string;
  /** Oldest first, as they were created (GitHub lists them newest first). */
  statuses: FakeDeploymentStatus[];
}
