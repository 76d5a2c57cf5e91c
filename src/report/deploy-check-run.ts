import type { EnvironmentDeployReport, FailureReason, JobDeployReport } from '../deploy/types.js';
import type { CheckRunResult } from '../github/check-runs.js';
import { CHECK_OUTPUT_LIMIT } from './check-run.js';
import {
  adoptedLine,
  cell,
  code,
  codeBlock,
  deployConclusion,
  driftList,
  FAILING_STATES,
  forceCommand,
  jobOneLiner,
  redactReport,
  shortImage,
  shortSha,
  STATE_WORD,
  stateCounts,
} from './deploy-words.js';
import { plural } from '../text/plural.js';

/** The check run of one environment's deploy on the merge commit. */
export const deployCheckRunName = (environment: string): string => `StreamPilot / deploy ${environment}`;

export interface DeployCheckRunOptions {
  /** Applied to every text of the report before it is rendered: check runs are public to whoever reads the repository. */
  redact: (text: string) => string;
  /** Characters of the summary (default GitHub's 65,535). */
  maxLength?: number;
}

/** How much of each failure to show; the renderer steps down these until the summary fits. */
interface Detail {
  /** Lines of each JobManager log tail; undefined: all of them. */
  logLines?: number;
  eventLines?: number;
  rootCauseLines?: number;
}

const DETAIL_LEVELS: readonly Detail[] = [
  {},
  { logLines: 50 },
  { logLines: 20 },
  { logLines: 5 },
  { logLines: 0, eventLines: 10, rootCauseLines: 20 },
  { logLines: 0, eventLines: 3, rootCauseLines: 5 },
];

/**
 * The `StreamPilot / deploy <env>` check run: a table with one row per job (state, image, Web
 * UI, savepoint restored from), then a section per job that needs someone — why it failed
 * (summary, root cause, events, JobManager log, hint) or what drifted and how to resolve it —
 * then the resources no longer in Git. Pure. Stays under GitHub's summary limit by shortening
 * the log tails first, and says so.
 */
export function formatDeployCheckRun(input: EnvironmentDeployReport, options: DeployCheckRunOptions): CheckRunResult {
  const maxLength = options.maxLength ?? CHECK_OUTPUT_LIMIT;
  const report = redactReport(input, options.redact);
  const conclusion = deployConclusion(report);
  const title = report.failure
    ? `${report.environment}: not deployed — ${firstLine(report.failure.reason)}`.slice(0, 250)
    : `${report.environment}: ${stateCounts(report.jobs)}`;

  let summary: string | undefined;
  for (const [i, detail] of DETAIL_LEVELS.entries()) {
    const text = renderSummary(report, detail, i > 0);
    if (text.length <= maxLength) {
      summary = text;
      break;
    }
  }
  // Even without logs it is too long (hundreds of jobs): cut at a line, and say where.
  summary ??= cutAtLine(
    renderSummary(report, DETAIL_LEVELS.at(-1)!, true),
    maxLength,
    `\n\n… cut here at GitHub's limit of ${CHECK_OUTPUT_LIMIT.toLocaleString('en-US')} characters; run ${code(`streampilot status --env ${report.environment}`)} for the rest.`,
  );
  return { conclusion, title: options.redact(title), summary: options.redact(summary), annotations: [] };
}

function renderSummary(report: EnvironmentDeployReport, detail: Detail, shortened: boolean): string {
  const out: string[] = [];
  out.push(
    `**${report.environment}** at ${code(shortSha(report.sha))}: ${report.failure ? 'not deployed' : stateCounts(report.jobs)}.`,
    '',
  );
  if (report.failure) {
    out.push(`**The environment could not be deployed:** ${report.failure.reason}`, '');
    if (report.failure.hint) out.push(`What to do: ${report.failure.hint}`, '');
  }
  if (shortened && detail.logLines !== undefined) {
    out.push(
      `> Logs are shortened${detail.logLines > 0 ? ` to their last ${plural(detail.logLines, 'line')}` : ' (left out)'}${detail.eventLines !== undefined ? ', events and root causes too,' : ''} to stay under GitHub's ${CHECK_OUTPUT_LIMIT.toLocaleString('en-US')}-character limit; ${code(`streampilot status --env ${report.environment}`)} shows everything.`,
      '',
    );
  }
  if (report.jobs.length > 0) {
    out.push('| job | state | image | Web UI | restored from |', '| --- | --- | --- | --- | --- |');
    for (const job of report.jobs) out.push(tableRow(job));
    out.push('');
  }
  for (const job of report.jobs) {
    if (job.state === 'drift') out.push(...driftSection(job, report.environment));
    else if (FAILING_STATES.has(job.state)) out.push(...failureSection(job, detail));
  }
  const adopted = report.jobs.filter((j) => j.adoptedBy !== undefined);
  if (adopted.length > 0) {
    out.push('### Adopted', '');
    for (const job of adopted) out.push(`- ${adoptedLine(job)}.`);
    out.push('');
  }
  if (report.orphans.length > 0) {
    out.push('### No longer in Git', '');
    for (const o of report.orphans)
      out.push(
        `- ${o.kind} ${code(`${o.namespace}/${o.name}`)}: ${o.pruned ? 'deleted.' : 'left running; enable `deploy.prune` to delete it.'}`,
      );
    out.push('');
  }
  return out.join('\n').trimEnd();
}

function tableRow(job: JobDeployReport): string {
  const state = stateCell(job);
  const image = job.image
    ? `${code(shortImage(job.image))}${job.sameImageAs ? ` (same image as ${job.sameImageAs})` : ''}`
    : '—';
  const webUi = !job.webUi
    ? '—'
    : job.webUi.via === 'port-forward'
      ? `${code(job.webUi.command)} then ${job.webUi.url}`
      : `[Flink Web UI](${job.webUi.url})`;
  const restored = job.restoredFrom ? code(job.restoredFrom) : '—';
  return `| ${cell(job.job)} | ${cell(state)} | ${cell(image)} | ${cell(webUi)} | ${cell(restored)} |`;
}

function stateCell(job: JobDeployReport): string {
  const word = STATE_WORD[job.state];
  if (FAILING_STATES.has(job.state)) return `**${word}**`;
  if (job.state === 'superseded') return job.supersededBy ? `superseded by ${code(shortSha(job.supersededBy))}` : word;
  if (job.state === 'skipped') return job.reason ? `skipped: ${job.reason}` : word;
  return word;
}

function failureSection(job: JobDeployReport, detail: Detail): string[] {
  const out = [`### ${job.job}: ${STATE_WORD[job.state]}`, '', jobOneLiner(job), ''];
  const f: FailureReason | undefined = job.failure;
  const where = [
    job.lifecycleState && `lifecycle ${code(job.lifecycleState)}`,
    job.jobState && `job ${code(job.jobState)}`,
  ]
    .filter(Boolean)
    .join(', ');
  if (where) out.push(`Operator status at the end: ${where}.`, '');
  if (!f) return out;
  if (f.rootCause)
    out.push('Root cause (from Flink):', '', codeBlock(firstLines(f.rootCause, detail.rootCauseLines)), '');
  if (f.events.length > 0) {
    const events =
      detail.eventLines !== undefined && f.events.length > detail.eventLines
        ? f.events.slice(-detail.eventLines)
        : f.events;
    out.push('Events:', '');
    if (events.length < f.events.length)
      out.push(`- … ${plural(f.events.length - events.length, 'earlier event')} left out`);
    for (const e of events) out.push(`- ${e.replace(/\r?\n/g, ' ')}`);
    out.push('');
  }
  if (f.logTail.length > 0 && detail.logLines !== 0) {
    const lines =
      detail.logLines !== undefined && f.logTail.length > detail.logLines
        ? f.logTail.slice(-detail.logLines)
        : f.logTail;
    const label =
      lines.length < f.logTail.length
        ? `JobManager log: last ${plural(lines.length, 'line')} of ${f.logTail.length} (shortened to fit)`
        : `JobManager log: last ${plural(lines.length, 'line')}`;
    out.push(`<details><summary>${escapeHtml(label)}</summary>`, '', codeBlock(lines.join('\n')), '', '</details>', '');
  } else if (f.logTail.length > 0) {
    out.push(`JobManager log: ${plural(f.logTail.length, 'line')} left out to fit.`, '');
  }
  if (f.hint) out.push(`What to do: ${f.hint}`, '');
  return out;
}

function driftSection(job: JobDeployReport, environment: string): string[] {
  const out = [
    `### ${job.job}: drift`,
    '',
    `The live ${job.kind} in namespace ${code(job.namespace)} was changed outside Git, so nothing was applied:`,
    '',
  ];
  if (job.drift && job.drift.length > 0) {
    out.push('| field | changed by |', '| --- | --- |');
    for (const d of job.drift) out.push(`| ${cell(code(d.field))} | ${cell(code(d.manager))} |`);
  } else out.push(driftList(job));
  out.push(
    '',
    `To resolve, either revert the manual change (set the fields back to what Git says, so the next deploy applies cleanly), or let Git win and take the fields over: ${code(forceCommand(environment))}.`,
    '',
  );
  return out;
}

function firstLines(text: string, max: number | undefined): string {
  const lines = text.split(/\r?\n/);
  if (max === undefined || lines.length <= max) return text;
  return [...lines.slice(0, max), `… ${plural(lines.length - max, 'more line')}`].join('\n');
}

/** Cut before a section when one starts in the second half (no code fence left open), else at a line. */
function cutAtLine(text: string, max: number, note: string): string {
  const room = text.slice(0, Math.max(0, max - note.length));
  const section = room.lastIndexOf('\n### ');
  const end = section > room.length / 2 ? section : room.lastIndexOf('\n');
  return `${end > 0 ? room.slice(0, end) : room}${note}`;
}

const firstLine = (s: string): string => s.split(/\r?\n/)[0] ?? '';
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
