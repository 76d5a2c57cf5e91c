import type { RestoreFromSpec } from '../manifest/types.js';
import type { EnvironmentComparison, JobComparison, PlanComparison } from './compare-plans.js';

export type ReviewerWarningKind =
  | 'state-dropped'
  | 'state-compatibility'
  | 'parallelism-stateless'
  | 'upgrade-mode-changed'
  | 'job-deleted'
  | 'job-disabled'
  | 'job-renamed'
  | 'job-suspended'
  | 'restore-from-savepoint';

/** Something a reviewer must know before merging: what happens to a running job's state or life. */
export interface ReviewerWarning {
  kind: ReviewerWarningKind;
  environment: string;
  job: string;
  /** One line: what happens and why, and what to do when there is something to do. */
  message: string;
}

/** The warnings of every environment of a comparison, merge-deployed environments first. */
export function reviewerWarnings(comparison: PlanComparison): ReviewerWarning[] {
  return [...comparison.merge, ...comparison.command].flatMap((env) =>
    env.jobs.flatMap((job) => jobWarnings(env, job)),
  );
}

function jobWarnings(env: EnvironmentComparison, job: JobComparison): ReviewerWarning[] {
  const out: ReviewerWarning[] = [];
  const warn = (kind: ReviewerWarningKind, message: string) =>
    out.push({ kind, environment: env.name, job: job.name, message });
  if (job.status === 'deleted' && job.disabled) {
    warn(
      'job-disabled',
      `\`enabled: false\` for ${env.name}: the deploy suspends the running job (${suspendWords(job.base?.upgradeMode)}); its ${job.base?.object.kind ?? 'resource'} and state stay in namespace ${env.namespace}, and \`enabled: true\` resumes it. To delete it, remove it from Git and prune.`,
    );
    return out;
  }
  if (job.status === 'deleted') {
    warn(
      'job-deleted',
      `the job is removed from the repository, but StreamPilot does not delete running jobs: it keeps running in namespace ${env.namespace} until its ${job.base?.object.kind ?? 'resource'} is deleted (unless pruning is on).`,
    );
    return out;
  }
  if (job.status === 'renamed') {
    warn(
      'job-renamed',
      `renamed from ${job.previousName}: ${job.name} starts as a new job without ${job.previousName}'s state, and ${job.previousName} keeps running until it is deleted; to carry the state over, start ${job.name} from a savepoint of ${job.previousName}: \`restoreFrom: { savepoint: <its path> }\` in ${job.head?.dir ?? `jobs/${job.name}`}/job.yaml (under \`environments.${env.name}\` for this environment only).`,
    );
    return out;
  }
  const restore = job.head?.job.restoreFrom;
  if (
    restore &&
    (job.status === 'new' || (job.status === 'changed' && !sameRestore(job.base?.job.restoreFrom, restore)))
  ) {
    warn(
      'restore-from-savepoint',
      job.status === 'new'
        ? `the job starts from savepoint ${restore.savepoint} (restoreFrom).`
        : `restoreFrom changes: the job restarts from savepoint ${restore.savepoint}, and the state it built since that savepoint is dropped.`,
    );
  }
  if (job.status !== 'changed' || !job.base || !job.head) return out;
  if (job.head.job.state === 'suspended' && job.base.job.state !== 'suspended') {
    warn(
      'job-suspended',
      `\`state: suspended\`: the operator stops the job (${suspendWords(job.head.upgradeMode)}) and keeps its resource and state; \`state: running\` resumes it.`,
    );
  }
  const before = job.base.upgradeMode;
  const after = job.head.upgradeMode;
  if (before !== after) {
    const why =
      after === 'stateless'
        ? 'the next upgrade and every later one start without state.'
        : before === 'stateless'
          ? 'the job has no savepoint yet: this first upgrade under the new mode starts from a savepoint or checkpoint that the stateless run may not have (check state.savepoints.dir / checkpoints).'
          : 'the operator takes the state across upgrades differently from now on.';
    warn('upgrade-mode-changed', `upgradeMode changes from ${before} to ${after}: ${why}`);
  }
  if (job.sqlChanged) {
    if (after === 'stateless') {
      warn(
        'state-dropped',
        'the query changed and upgradeMode is stateless: the job restarts with empty state (windows, joins and aggregates start over; sources restart from their startup position).',
      );
    } else if (job.queryShapeChanged !== false) {
      const shape =
        job.queryShapeChanged === undefined
          ? 'the SQL changed (its texts were not available to tell whether only connector options did)'
          : 'the query shape changed';
      warn(
        'state-compatibility',
        `${shape} under upgradeMode ${after}: Flink may not map the old state to the new operators; check that the ${after === 'savepoint' ? 'savepoint' : 'last checkpoint'} is compatible, or set \`allowNonRestoredState: true\` in job.yaml to drop the state it cannot map.`,
      );
    }
  }
  if (after === 'stateless' && job.base.parallelism !== job.head.parallelism && !job.sqlChanged) {
    warn(
      'parallelism-stateless',
      `parallelism changes from ${job.base.parallelism} to ${job.head.parallelism} under upgradeMode stateless: the job restarts with empty state to rescale.`,
    );
  }
  return out;
}

/** How the operator stops a job it suspends, by upgrade mode (its job-management docs: "Suspend Mechanism"). */
function suspendWords(upgradeMode: string | undefined): string {
  return upgradeMode === 'stateless'
    ? 'cancelled: upgradeMode stateless keeps no state'
    : upgradeMode === 'last-state'
      ? 'cancelled, keeping its last checkpoint'
      : 'with a savepoint';
}

function sameRestore(a: RestoreFromSpec | undefined, b: RestoreFromSpec): boolean {
  return a !== undefined && a.savepoint === b.savepoint && (a.redeploy ?? 0) === (b.redeploy ?? 0);
}
