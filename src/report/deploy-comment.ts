import type { EnvironmentDeployReport, JobDeployReport } from '../deploy/types.js';
import {
  cell,
  code,
  codeBlock,
  FAILING_STATES,
  forceCommand,
  jobOneLiner,
  redactReport,
  shortSha,
  STATE_WORD,
  stateCounts,
} from './deploy-words.js';
import { plural } from '../text/plural.js';
import { GITHUB_COMMENT_LIMIT } from './plan-comment.js';

/** First line of the deploy comment: how the app finds its own comment to edit it in place. */
export const DEPLOY_COMMENT_MARKER = '<!-- streampilot:deploy -->';

export interface DeployCommentOptions {
  /** The merge commit that was deployed. */
  sha: string;
  /** Environment → the html_url of its `StreamPilot / deploy <env>` check run. */
  checkRunUrls?: Record<string, string>;
  /** Applied to every text of the reports: the comment is public to whoever reads the pull request. */
  redact: (text: string) => string;
  /** Characters of the whole body (default GitHub's limit). */
  maxLength?: number;
}

/** Lines of a root cause in the comment; the check run has the rest. */
const ROOT_CAUSE_LINES = 15;

/**
 * The merged pull request's deploy comment: per environment its outcome, a row per job with
 * its Web UI, the one line that says why a job is not running and the root cause, and a link
 * to the check run for the details (events, logs). Pure. Within GitHub's comment limit: root
 * causes go first, then rows, each time with a note saying so.
 */
export function formatDeployComment(
  reports: readonly EnvironmentDeployReport[],
  options: DeployCommentOptions,
): string {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const clean = reports.map((r) => redactReport(r, options.redact));
  const urls = options.checkRunUrls ?? {};
  const render = (withRootCauses: boolean, maxRows: number) => {
    const out = [DEPLOY_COMMENT_MARKER, `## StreamPilot deploy of ${code(shortSha(options.redact(options.sha)))}`, ''];
    if (clean.length === 0) out.push('No environment deploys on merge: nothing was deployed.');
    for (const report of clean)
      out.push(...environmentBlock(report, urls[report.environment], withRootCauses, maxRows));
    if (!withRootCauses && clean.some((r) => r.jobs.some((j) => j.failure?.rootCause))) {
      out.push(
        `> Root causes are left out to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit; the check runs have them.`,
      );
    }
    return options.redact(out.join('\n').trimEnd());
  };
  const most = Math.max(0, ...clean.map((r) => r.jobs.length));
  for (const attempt of [() => render(true, most), () => render(false, most)]) {
    const body = attempt();
    if (body.length <= maxLength) return body;
  }
  // Hundreds of jobs: fewer rows per environment until it fits.
  let rows = most;
  let body = render(false, rows);
  while (body.length > maxLength && rows > 0) {
    rows = Math.floor(rows / 2);
    body = render(false, rows);
  }
  return body.length <= maxLength ? body : `${body.slice(0, maxLength - 40)}\n\n… (cut at the size limit)`;
}

function environmentBlock(
  report: EnvironmentDeployReport,
  checkRunUrl: string | undefined,
  withRootCauses: boolean,
  maxRows: number,
): string[] {
  const details = checkRunUrl ? ` — [details](${checkRunUrl})` : '';
  const outcome = report.failure ? 'not deployed' : stateCounts(report.jobs);
  const out = [`### ${report.environment}: ${outcome}${details}`, ''];
  if (report.failure) {
    out.push(
      `**Not deployed:** ${report.failure.reason}${report.failure.hint ? `\nWhat to do: ${report.failure.hint}` : ''}`,
      '',
    );
  }
  if (report.jobs.length > 0) {
    out.push('| job | outcome | Web UI |', '| --- | --- | --- |');
    for (const job of report.jobs.slice(0, maxRows))
      out.push(`| ${cell(job.job)} | ${cell(outcomeCell(job, report.environment))} | ${cell(webUiCell(job))} |`);
    if (report.jobs.length > maxRows)
      out.push(
        `| … ${plural(report.jobs.length - maxRows, 'more job')} | left out at GitHub's size limit: see the check run | |`,
      );
    out.push('');
  }
  if (withRootCauses) {
    for (const job of report.jobs.slice(0, maxRows)) {
      const f = job.failure;
      if (!FAILING_STATES.has(job.state) || !f || (!f.rootCause && !f.hint)) continue;
      out.push(
        `<details><summary>${escapeHtml(`${job.job}: root cause${f.rootCause ? '' : ' unknown'}`)}</summary>`,
        '',
      );
      if (f.rootCause) out.push(codeBlock(firstLines(f.rootCause, ROOT_CAUSE_LINES)), '');
      if (f.hint) out.push(`What to do: ${f.hint}`, '');
      out.push('</details>', '');
    }
  }
  const left = report.orphans.filter((o) => !o.pruned).length;
  const pruned = report.orphans.length - left;
  if (left > 0)
    out.push(
      `${plural(left, 'resource')} no longer in Git ${left === 1 ? 'was' : 'were'} left running; enable \`deploy.prune\` to delete ${left === 1 ? 'it' : 'them'}.`,
      '',
    );
  if (pruned > 0)
    out.push(`${plural(pruned, 'resource')} no longer in Git ${pruned === 1 ? 'was' : 'were'} deleted.`, '');
  return out;
}

function outcomeCell(job: JobDeployReport, environment: string): string {
  const word = STATE_WORD[job.state];
  switch (job.state) {
    case 'running':
      return job.restoredFrom ? `running, restored from ${code(job.restoredFrom)}` : word;
    case 'unchanged':
      return word;
    case 'drift':
      return `**${word}**: ${jobOneLiner(job)} — ${code(forceCommand(environment))} lets Git win`;
    case 'superseded':
    case 'skipped':
    case 'suspended':
      return jobOneLiner(job);
    default:
      return `**${word}**: ${jobOneLiner(job)}`;
  }
}

function webUiCell(job: JobDeployReport): string {
  if (!job.webUi) return '—';
  if (job.webUi.via === 'port-forward') return `${code(job.webUi.command)} then ${job.webUi.url}`;
  return `[Flink Web UI](${job.webUi.url})`;
}

function firstLines(text: string, max: number): string {
  const lines = text.split(/\r?\n/);
  return lines.length <= max
    ? text
    : [...lines.slice(0, max), `… ${plural(lines.length - max, 'more line')} in the check run`].join('\n');
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
