/**
 * The deploy's vocabulary, shared by its steps (apply, follow the rollout, lease, Web UI link,
 * orphans) and by the reports (check run, PR comment, GitHub Deployments, CLI). Steps return
 * these values; only the workflow decides what they mean for the user.
 */
import type { FlinkResourceObject } from '../kube/types.js';
import type { FailedStatement } from './runner-failure.js';

export type { FlinkJobExceptions, FlinkRest, FlinkRestTarget } from '../flink/types.js';
export type { CompanionObject, DeployObjects } from '../render/types.js';

export type FlinkKind = 'FlinkDeployment' | 'FlinkSessionJob';

/** Where a job's operator resource lives. */
export interface DeployedRef {
  apiVersion: string;
  kind: FlinkKind;
  namespace: string;
  name: string;
}

/** A field our apply would set that another field manager owns with a different value (e.g. `kubectl edit`). */
export interface DriftedField {
  /** Path as the API server names it, e.g. `.spec.job.parallelism`. */
  field: string;
  /** The other manager, e.g. `kubectl-edit`. */
  manager: string;
}

export type ApplyResult =
  /** Applied; `generation` is the spec generation the operator must reach. */
  | {
      status: 'applied';
      object: FlinkResourceObject;
      generation: number;
      created: boolean;
      forcedFields: DriftedField[];
      /** The objects had no repository label (applied before StreamPilot recorded one): this repository took them. */
      adopted?: boolean;
    }
  /** The live spec already equals the rendered one: nothing written but an adoption's label. */
  | { status: 'unchanged'; object: FlinkResourceObject; generation: number; adopted?: boolean }
  /** Not applied: other managers changed fields we set. Forcing takes them over. */
  | { status: 'drift'; fields: DriftedField[] }
  /** The API server refused the object or could not be reached. */
  | { status: 'failed'; reason: string; hint?: string };

/** Why a job is not running: what a person needs to act without opening a terminal. */
export interface FailureReason {
  /** One line, e.g. `the job failed: java.lang.ArithmeticException: / by zero`. */
  summary: string;
  /** The root cause from Flink's REST API (`/jobs/{id}/exceptions`), first lines of the trace. */
  rootCause?: string;
  /** Warning events of the resource and its pods, oldest first, one line each. */
  events: string[];
  /** Last lines of the JobManager log (of its last terminated run when it crash-loops). */
  logTail: string[];
  hint?: string;
  /** The statement StreamPilot's SQL runner reported as failed, by repository path and line. */
  statement?: FailedStatement;
}

/** The operator's view while we wait, for progress output. */
export interface RolloutProgress {
  lifecycleState?: string;
  jobState?: string;
  jobManagerDeploymentStatus?: string;
}

export type RolloutOutcome =
  | { status: 'running'; jobId?: string; lifecycleState: string; restoredFrom?: string; elapsedMs: number }
  | {
      status: 'failed';
      failure: FailureReason;
      jobId?: string;
      lifecycleState?: string;
      jobState?: string;
      elapsedMs: number;
    }
  | { status: 'timed-out'; failure: FailureReason; lifecycleState?: string; jobState?: string; elapsedMs: number }
  /** `spec.job.state: suspended` took effect; `savepoint`: the one the operator stopped it with. */
  | { status: 'suspended'; lifecycleState: string; savepoint?: string; elapsedMs: number }
  /** The follow was aborted through its signal (a newer commit took over). */
  | { status: 'cancelled'; elapsedMs: number };

export type WebUiLink =
  | { via: 'ingress' | 'node-port' | 'load-balancer'; url: string }
  /** ClusterIP: no address reaches it from outside; the command to paste, and the local URL it opens. */
  | { via: 'port-forward'; command: string; url: string };

/** What happened to one job in one environment: the row of every report. */
export type JobDeployState =
  | 'running'
  /** Stopped as Git asks (`state: suspended`, or `enabled: false` for a job that ran): resource and state kept. */
  | 'suspended'
  | 'unchanged'
  | 'failed'
  | 'timed-out'
  | 'drift'
  | 'apply-failed'
  | 'superseded'
  | 'skipped'
  | 'interrupted';

export interface JobDeployReport {
  job: string;
  kind: FlinkKind;
  namespace: string;
  state: JobDeployState;
  /** The image as applied (pinned by digest); absent for session jobs. */
  image?: string;
  /** An environment deployed before this one in the same merge that runs this very image (by digest). */
  sameImageAs?: string;
  webUi?: WebUiLink;
  /** Savepoint the job was restored from on this upgrade. */
  restoredFrom?: string;
  /** Savepoint the job was suspended with. */
  suspendedWith?: string;
  /** The live `lifecycleState` / `jobStatus.state` at the end. */
  lifecycleState?: string;
  jobState?: string;
  failure?: FailureReason;
  drift?: DriftedField[];
  /** The commit that superseded this deploy. */
  supersededBy?: string;
  /** Why it was skipped (errors in the job, build failed, disabled…). */
  reason?: string;
  /** The GitHub Deployment recording it, when there is one. */
  deploymentId?: number;
  /** The job's objects had no repository label (deployed before StreamPilot recorded one): this repository took them. */
  adoptedBy?: string;
  elapsedMs?: number;
}

/** A resource StreamPilot deployed earlier whose job is no longer in Git. */
export interface OrphanReport {
  kind: FlinkKind;
  namespace: string;
  name: string;
  /** true: deleted (the project enables pruning); false: reported and left running. */
  pruned: boolean;
}

export interface EnvironmentDeployReport {
  environment: string;
  sha: string;
  jobs: JobDeployReport[];
  orphans: OrphanReport[];
  /** The environment could not be deployed at all (no kubeconfig context, cluster unreachable…). */
  failure?: { reason: string; hint?: string };
}

/** One job as the cluster runs it, for `streampilot status`. */
export interface JobStatus {
  job: string;
  kind: FlinkKind;
  namespace: string;
  /** False when the cluster has no resource for the job (or only another repository's, see otherRepository). */
  deployed: boolean;
  /** The resource of that name belongs to this other repository (`owner/name`): a name collision. */
  otherRepository?: string;
  lifecycleState?: string;
  jobState?: string;
  /** The operator's error message, when status.error is set. */
  error?: string;
  image?: string;
  /** The commit and pull request the live resource was applied from (its annotations). */
  gitSha?: string;
  pullRequest?: string;
  webUi?: WebUiLink;
  /** A rollback put an older commit there than Git describes (deploy/rollback-marker.ts); gone when Git catches up. */
  rolledBack?: { to: string; from?: string; by?: string; at?: string };
  /**
   * A command (`/suspend`, `/resume`, `streampilot suspend`) set the job's state against what Git
   * says: the next deploy reports the field as drift and leaves it (see job-operation.ts).
   */
  heldByCommand?: {
    state: 'running' | 'suspended';
    gitState: 'running' | 'suspended';
    command: string;
    by: string;
    at: string;
  };
}

export interface EnvironmentStatus {
  environment: string;
  jobs: JobStatus[];
  orphans: OrphanReport[];
}
