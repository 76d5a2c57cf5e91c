/**
 * What `/restart`, `/suspend` and `/resume` did, per job: in a pull-request reply (Markdown) and in
 * the terminal (text). Each job's line says what the command meant for its state under its
 * `upgradeMode`, as the operator handles it (docs/content/docs/custom-resource/job-management.md,
 * "Stateful and stateless application upgrades": suspend and restore mechanism per mode).
 */
import type { EnvironmentOperationReport, JobOperation, JobOperationReport } from '../deploy/job-operation.js';
import type { UpgradeMode } from '../kube/types.js';
import { code, webUiText } from './deploy-words.js';

const DONE: Record<JobOperation, string> = { restart: 'restarted', suspend: 'suspended', resume: 'resumed' };
const DOING: Record<JobOperation, string> = { restart: 'restarting', suspend: 'suspending', resume: 'resuming' };
const NOT_DONE: Record<JobOperation, string> = {
  restart: 'not restarted',
  suspend: 'not suspended',
  resume: 'not resumed',
};

/** What the command did (or will do) to the job's state under `mode`; `path` when the status names a savepoint. */
export function stateMeaning(operation: JobOperation, mode: UpgradeMode, path?: string): string {
  const at = path ? ` ${code(path)}` : '';
  switch (operation) {
    case 'restart':
      return mode === 'stateless'
        ? 'upgradeMode `stateless`: cancelled and started again from empty state; its state was dropped'
        : mode === 'savepoint'
          ? `upgradeMode \`savepoint\`: stopped with a savepoint and started again from it${at}; no state was lost`
          : 'upgradeMode `last-state`: stopped keeping its HA metadata, and started again from its latest checkpoint; records since that checkpoint are processed again';
    case 'suspend':
      return mode === 'stateless'
        ? 'upgradeMode `stateless`: cancelled and its state dropped; `/resume` starts it from empty state'
        : mode === 'savepoint'
          ? `upgradeMode \`savepoint\`: stopped with a savepoint${at}; \`/resume\` restores it from there`
          : 'upgradeMode `last-state`: stopped with its HA metadata kept; `/resume` continues from its latest checkpoint';
    case 'resume':
      return mode === 'stateless'
        ? 'upgradeMode `stateless`: started from empty state'
        : mode === 'savepoint'
          ? `upgradeMode \`savepoint\`: restored from the savepoint it was suspended with${at}`
          : 'upgradeMode `last-state`: restored from its latest checkpoint (HA metadata)';
  }
}

function icon(job: JobOperationReport, operation: JobOperation): string {
  switch (job.outcome) {
    case 'done':
      return operation === 'suspend' ? '⏸️' : '✅';
    case 'unchanged':
      return '➖';
    case 'refused':
      return '🙅';
    default:
      return '❌';
  }
}

/** One job, as a Markdown list item (with its detail lines under it). */
function jobMarkdown(operation: JobOperation, job: JobOperationReport): string[] {
  const name = code(job.job);
  const took = job.elapsedMs !== undefined && job.outcome === 'done' ? ` in ${seconds(job.elapsedMs)}` : '';
  const lines: string[] = [];
  switch (job.outcome) {
    case 'done': {
      const path = operation === 'suspend' ? job.savepoint : job.restoredFrom;
      const state = operation === 'suspend' ? 'lifecycle SUSPENDED' : 'job RUNNING';
      const ui = job.webUi ? `, ${webUiMarkdown(job)}` : '';
      lines.push(`- ${icon(job, operation)} ${name} ${DONE[operation]}${took} (${state}${ui})`);
      if (job.upgradeMode) lines.push(`  ${stateMeaning(operation, job.upgradeMode, path)}.`);
      break;
    }
    case 'unchanged':
      lines.push(`- ${icon(job, operation)} ${name} unchanged: ${job.reason ?? 'nothing to do'}.`);
      break;
    case 'refused':
      lines.push(`- ${icon(job, operation)} ${name} ${NOT_DONE[operation]}: ${job.reason ?? 'refused'}.`);
      if (job.hint) lines.push(`  ${capital(job.hint)}.`);
      break;
    case 'failed':
    case 'timed-out': {
      const what = job.failure?.summary ?? job.reason ?? 'it did not finish';
      const verb = job.outcome === 'timed-out' ? 'did not finish in time' : 'failed';
      lines.push(`- ${icon(job, operation)} ${name}: \`/${operation}\` ${verb}: ${what}`);
      if (job.failure?.rootCause) lines.push(`  Root cause: ${code(job.failure.rootCause.split('\n')[0]!)}`);
      const hint = job.failure?.hint ?? job.hint;
      if (hint) lines.push(`  ${capital(hint)}`);
      break;
    }
  }
  return lines;
}

function webUiMarkdown(job: JobOperationReport): string {
  const ui = webUiText(job.webUi!);
  return ui.command ? `Web UI: ${code(ui.command)}, then ${ui.url}` : `[Web UI](${ui.url})`;
}

/** The reply's final text: per environment, per job, what happened. */
export function formatOperationReply(operation: JobOperation, reports: readonly EnvironmentOperationReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    out.push(`**\`/${operation}\` in \`${report.environment}\`**`, '');
    if (report.refused) {
      out.push(`🙅 Nothing was done: ${report.refused.reason} (${report.refused.hint}).`, '');
      continue;
    }
    for (const job of report.jobs) out.push(...jobMarkdown(operation, job));
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** Where each job stands while the command runs (the reply edited in place). */
export interface JobProgress {
  job: string;
  /** `queued`: waiting for the job's Lease; `running`: patched, the operator works on it. */
  stage: 'queued' | 'running';
  /** e.g. `deploy of abc1234 in progress`, `UPGRADING / FINISHED`. */
  detail?: string;
}

export function formatOperationProgress(
  operation: JobOperation,
  environment: string,
  jobs: readonly JobProgress[],
): string {
  const lines = [`⏳ \`/${operation}\` in \`${environment}\`…`, ''];
  for (const job of jobs)
    lines.push(
      job.stage === 'queued'
        ? `- ${code(job.job)} queued: waiting for ${job.detail ?? 'the deploy or command in progress'} to finish`
        : `- ${code(job.job)} ${DOING[operation]}${job.detail ? ` (${job.detail})` : ''}`,
    );
  return lines.join('\n');
}

/** The terminal's version: one line per job, indented detail under it. */
export function formatOperationText(operation: JobOperation, report: EnvironmentOperationReport): string {
  const out = [`${report.environment}:`];
  if (report.refused)
    return [...out, `  nothing was done: ${report.refused.reason}`, `  hint: ${report.refused.hint}`].join('\n');
  for (const job of report.jobs) {
    switch (job.outcome) {
      case 'done': {
        const path = operation === 'suspend' ? job.savepoint : job.restoredFrom;
        out.push(
          `  ${job.job}  ${DONE[operation]}${job.elapsedMs !== undefined ? ` in ${seconds(job.elapsedMs)}` : ''}`,
        );
        if (job.upgradeMode) out.push(`    ${plain(stateMeaning(operation, job.upgradeMode, path))}`);
        if (job.webUi) {
          const ui = webUiText(job.webUi);
          out.push(`    Web UI: ${ui.command ? `${ui.command}, then ${ui.url}` : ui.url}`);
        }
        break;
      }
      case 'unchanged':
        out.push(`  ${job.job}  unchanged: ${plain(job.reason ?? 'nothing to do')}`);
        break;
      case 'refused':
        out.push(`  ${job.job}  ${NOT_DONE[operation]}: ${plain(job.reason ?? 'refused')}`);
        if (job.hint) out.push(`    hint: ${plain(job.hint)}`);
        break;
      default: {
        out.push(
          `  ${job.job}  ${job.outcome === 'timed-out' ? 'did not finish in time' : 'failed'}: ${plain(job.failure?.summary ?? job.reason ?? '')}`,
        );
        if (job.failure?.rootCause) out.push(`    root cause: ${job.failure.rootCause.split('\n')[0]}`);
        const hint = job.failure?.hint ?? job.hint;
        if (hint) out.push(`    hint: ${plain(hint)}`);
      }
    }
  }
  return out.join('\n');
}

/** For the terminal: the pull-request commands named as the CLI's, Markdown's inline code marks dropped. */
function plain(text: string): string {
  return text.replace(/`\/(restart|suspend|resume|status)`/g, 'streampilot $1').replace(/`([^`]*)`/g, '$1');
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
