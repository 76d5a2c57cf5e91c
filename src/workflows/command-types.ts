/** The vocabulary of pull-request comment commands, shared by the workflow and each operation. */
import type { ParsedCommand } from '../commands/parse-command.js';
import type { AccessDecision, DeployTarget } from '../deploy/cluster-access.js';
import type { CommandGitHubClient } from '../github/command-access.js';
import type { PullRequestInput } from '../github/types.js';
import type { RepoRef } from '../github/types.js';
import type { KubeClient } from '../kube/client.js';
import type { ProjectSpec } from '../manifest/types.js';
import type { FlinkRest } from '../deploy/types.js';
import type { Serialise } from './savepoint-jobs.js';
import type { Checked, ValidatePullRequestPorts } from './validate-pull-request.js';
import type { DeployOnMergePorts } from './deploy-on-merge.js';

/** A comment on a pull request, as the `issue_comment.created` webhook gives it. */
export interface CommandComment {
  id: number;
  body: string;
  author: string;
  /** ISO time. */
  createdAt: string;
  htmlUrl: string;
  pullNumber: number;
}

export interface CommentCommandPorts extends ValidatePullRequestPorts {
  /** The app's clusters, for `/status`; without them the reply says the app cannot see them. */
  clusters?: {
    kube: (environment: string, project: ProjectSpec) => KubeClient;
    clusterAccess: (target: DeployTarget) => AccessDecision;
    /** This replica, as written in the job Leases a command holds. */
    identity?: string;
    /** The JobManager REST API, for the root cause of a job that fails after a command. */
    flink?: (kube: KubeClient) => FlinkRest;
    leaseDurationSeconds?: number;
  };
  /**
   * Holds the job's Lease around a command that changes a job, so it never overlaps a deploy of
   * that job (wired to the job Lease by the app; absent: commands are not serialised).
   */
  serialise?: Serialise;
  /** How long `/savepoint` waits for the operator to finish a savepoint (default 10 minutes). */
  savepointTimeoutMs?: number;
  /**
   * What `/deploy` and `/rollback` need beyond the clusters: the registry ports (images are looked
   * up there, never rebuilt) and the deploy's identity and timing. Without it they say they cannot deploy.
   */
  deploy?: Pick<DeployOnMergePorts, 'buildPorts' | 'identity' | 'flink' | 'tuning' | 'appId' | 'cache'>;
  /** Post "running" only when the command takes longer (one write saved on quick ones). Default 1,500 ms. */
  runningAfterMs?: number;
}

export interface CommandOutcome {
  outcome: 'ignored' | 'done' | 'refused' | 'failed' | 'not-available';
  /** GitHub writes made for the command (reactions, the reply and its edits; not a re-validation's own). */
  writes: number;
  replyId?: number;
}

/** Everything an operation (`/status`, `/savepoint`, …) needs, decided before it runs. */
export interface OperationRequest {
  octokit: CommandGitHubClient;
  repo: RepoRef;
  comment: CommandComment;
  command: ParsedCommand;
  /** The environments and jobs the command acts on, resolved and authorised. */
  target: { environments: string[]; jobs: string[] };
  /** Base and head checked: each side's plan (what is deployed after the last merge; what the PR would deploy). */
  checked: Checked;
  /** streampilot.yaml of the base branch: settings the pull request cannot change. */
  base: ProjectSpec;
  input: PullRequestInput;
  ports: CommentCommandPorts;
  /** Replaces the text of the command's one reply (edited in place; cheap to call, but each call is a GitHub write). */
  progress(text: string): Promise<void>;
}

export interface OperationResult {
  outcome: CommandOutcome['outcome'];
  /** The reply's final text (without the header naming the command, added around it). */
  text: string;
}

export type Operation = (request: OperationRequest) => Promise<OperationResult>;
