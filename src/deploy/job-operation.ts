/**
 * `/restart`, `/suspend` and `/resume` on one live FlinkDeployment / FlinkSessionJob: whether the
 * command applies to the job as the cluster has it, and the merge patch that asks the operator for
 * it. The operator does the work (apache/flink-kubernetes-operator):
 *
 * - restart: `spec.restartNonce` changed to another non-null value is an UPGRADE spec change
 *   (AbstractFlinkSpec: `@SpecDiff(onNullIgnore = true)`, default type UPGRADE), which
 *   AbstractJobReconciler#reconcileSpecChange carries out as a suspend by the upgrade mode's
 *   mechanism followed by a restore (getJobUpgrade, restoreJob);
 * - suspend / resume: `spec.job.state` running → suspended, suspended → running (the same method;
 *   docs/content/docs/custom-resource/job-management.md, "Stateful and stateless application upgrades").
 */
import type { UpgradeMode } from '../kube/types.js';
import { ANNOTATION, LABEL, repositoryLabel } from '../render/object-meta.js';
import { COMMAND_ANNOTATION, commandAuditAnnotations, type CommandAudit } from './command-audit.js';
import type { FailureReason, FlinkKind, WebUiLink } from './types.js';

export type JobOperation = 'restart' | 'suspend' | 'resume';
export const JOB_OPERATIONS: readonly JobOperation[] = ['restart', 'suspend', 'resume'];

export interface JobOperationReport {
  job: string;
  kind: FlinkKind;
  namespace: string;
  outcome:
    /** Done as asked, and the operator reached the state. */
    | 'done'
    /** Nothing to do (already suspended, already running). */
    | 'unchanged'
    /** Not done: the job is not in a state the command applies to, not deployed, or not this repository's. */
    | 'refused'
    | 'failed'
    | 'timed-out';
  upgradeMode?: UpgradeMode;
  /** Why it was refused, or why nothing changed. */
  reason?: string;
  hint?: string;
  failure?: FailureReason;
  /** Suspend under upgradeMode savepoint: the savepoint the job stopped with. */
  savepoint?: string;
  /** Restart / resume: the savepoint the job started from. */
  restoredFrom?: string;
  lifecycleState?: string;
  jobState?: string;
  webUi?: WebUiLink;
  elapsedMs?: number;
}

/** A command's outcome in one environment. */
export interface EnvironmentOperationReport {
  environment: string;
  /** Set when nothing could be done in the environment (cluster access refused). */
  refused?: { reason: string; hint: string };
  jobs: JobOperationReport[];
}

/** The fields of a live resource this module reads. */
export interface LiveJob {
  metadata?: {
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: { restartNonce?: number | null; job?: { state?: string; upgradeMode?: string } };
  status?: {
    lifecycleState?: string;
    jobStatus?: { state?: string; upgradeSavepointPath?: string };
  };
}

export type Decision =
  | { kind: 'patch'; patch: Record<string, unknown>; goal: 'running' | 'suspended' }
  | { kind: 'answer'; outcome: 'refused' | 'unchanged'; reason: string; hint?: string };

/** The command that last changed the job, as its annotations record it. */
export function lastCommandOf(live: LiveJob): CommandAudit | undefined {
  const a = live.metadata?.annotations ?? {};
  const command = a[COMMAND_ANNOTATION.command];
  const by = a[COMMAND_ANNOTATION.by];
  const at = a[COMMAND_ANNOTATION.at];
  if (!command || !by || !at) return undefined;
  return { command, by, at, ...(a[COMMAND_ANNOTATION.url] ? { url: a[COMMAND_ANNOTATION.url] } : {}) };
}

/** Is the live object this repository's? Else why not, in words. */
export function notOurs(live: LiveJob, repository: string, kind: FlinkKind, where: string): string | undefined {
  const owner = live.metadata?.labels?.[LABEL.repository];
  if (owner === repositoryLabel(repository)) return undefined;
  if (owner === undefined)
    return `the ${kind} ${where} has no \`${LABEL.repository}\` label: StreamPilot did not deploy it from ${repository}, so it leaves it alone`;
  const theirs = live.metadata?.annotations?.[ANNOTATION.repository] ?? `the repository labelled ${owner}`;
  return `the ${kind} ${where} belongs to ${theirs}, not ${repository}`;
}

/**
 * What `operation` means for the job as it is live: a patch (the audit annotations with it, and
 * the resourceVersion read, so the patch applies to the state judged here), or an answer.
 */
export function decide(operation: JobOperation, live: LiveJob, audit: CommandAudit): Decision {
  const desired = live.spec?.job?.state === 'suspended' ? 'suspended' : 'running';
  const jobState = live.status?.jobStatus?.state;
  const suspendedBy = describeSuspension(live);
  const metadata = {
    ...(live.metadata?.resourceVersion ? { resourceVersion: live.metadata.resourceVersion } : {}),
    // Every key written, so an older command's URL never stays next to a newer command from the terminal.
    annotations: { [COMMAND_ANNOTATION.url]: null, ...commandAuditAnnotations(audit) },
  };
  switch (operation) {
    case 'restart': {
      if (desired === 'suspended')
        return {
          kind: 'answer',
          outcome: 'refused',
          reason: `it is suspended${suspendedBy}, so there is nothing to restart`,
          hint: '`/resume` starts it again',
        };
      // Any other non-null value restarts; the time keeps it moving forward and unique per command.
      const previous = typeof live.spec?.restartNonce === 'number' ? live.spec.restartNonce : 0;
      const nonce = Math.max(Date.parse(audit.at) || Date.now(), previous + 1);
      return { kind: 'patch', patch: { metadata, spec: { restartNonce: nonce } }, goal: 'running' };
    }
    case 'suspend':
      if (desired === 'suspended')
        return { kind: 'answer', outcome: 'unchanged', reason: `it is already suspended${suspendedBy}` };
      return { kind: 'patch', patch: { metadata, spec: { job: { state: 'suspended' } } }, goal: 'suspended' };
    case 'resume':
      if (desired === 'running')
        return jobState === 'RUNNING'
          ? { kind: 'answer', outcome: 'unchanged', reason: 'it is not suspended: it runs (job RUNNING)' }
          : {
              kind: 'answer',
              outcome: 'refused',
              reason: `it is not suspended (job ${jobState ?? 'not started yet'}, lifecycle ${live.status?.lifecycleState ?? 'unknown'}), so there is nothing to resume`,
              hint: '`/restart` restarts a job that runs or failed; `/status` shows what runs',
            };
      return { kind: 'patch', patch: { metadata, spec: { job: { state: 'running' } } }, goal: 'running' };
  }
}

/** ` (by /suspend of @wendy at …)` when a command suspended it; empty otherwise. */
function describeSuspension(live: LiveJob): string {
  const last = lastCommandOf(live);
  if (!last || !/^\/?(streampilot\s+)?suspend\b/.test(last.command)) return '';
  return ` (\`${last.command}\` by ${last.by} at ${last.at})`;
}

/** The upgrade mode the operator acts on: the live spec's (the CRD's default is stateless). */
export function upgradeModeOf(live: LiveJob): UpgradeMode {
  const mode = live.spec?.job?.upgradeMode;
  return mode === 'savepoint' || mode === 'last-state' ? mode : 'stateless';
}

/**
 * The operator's last-state restore records this placeholder as the "savepoint" it restored from
 * (ApplicationReconciler#deploy, AbstractJobReconciler.LAST_STATE_DUMMY_SP_PATH): not a path.
 */
export const LAST_STATE_PLACEHOLDER = 'KUBERNETES_OPERATOR_LAST_STATE';
