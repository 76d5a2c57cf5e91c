import type { EnvironmentDeployReport, JobDeployReport, JobDeployState } from '../deploy/types.js';
import { redact as redactKnownPatterns } from '../text/redact.js';
import {
  adoptedLine,
  FAILING_STATES,
  forceCommand,
  jobOneLiner,
  redactReport,
  shortImage,
  shortSha,
  STATE_WORD,
  stateCounts,
} from './deploy-words.js';

export interface DeployTextOptions {
  color: boolean;
  /** Applied to every text of the report; default: the known secret patterns (tokens, URL credentials, keys). */
  redact?: (text: string) => string;
  /** Lines of each JobManager log tail shown (default 50, the newest). */
  logLines?: number;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/**
 * `streampilot deploy` / `status` output: a header with the counts, one line per job (state,
 * image, Web UI, savepoint restored from — or why it is not running), then the details of each
 * job that needs someone, then the resources no longer in Git.
 */
export function formatDeployText(input: EnvironmentDeployReport, options: DeployTextOptions): string {
  const report = redactReport(input, options.redact ?? ((t) => redactKnownPatterns(t)));
  const color = options.color;
  const out: string[] = [];
  out.push(
    `${paint(color, '1', report.environment)} at ${shortSha(report.sha)}: ${report.failure ? paint(color, '31', 'not deployed') : stateCounts(report.jobs)}`,
  );
  if (report.failure) {
    out.push(`  ${report.failure.reason}`);
    if (report.failure.hint) out.push(`  ${paint(color, '36', 'hint:')} ${report.failure.hint}`);
  }
  const nameWidth = Math.max(0, ...report.jobs.map((j) => j.job.length));
  const stateWidth = Math.max(0, ...report.jobs.map((j) => stateWord(j.state).length));
  for (const job of report.jobs) {
    const state = paint(color, stateColor(job.state), stateWord(job.state).padEnd(stateWidth));
    const rest = jobDetail(job).filter(Boolean).join('  ');
    out.push(`  ${job.job.padEnd(nameWidth)}  ${state}${rest ? `  ${rest}` : ''}`.trimEnd());
  }
  for (const job of report.jobs) {
    if (!FAILING_STATES.has(job.state)) continue;
    out.push(
      '',
      `${paint(color, '1', job.job)}: ${paint(color, '31', STATE_WORD[job.state])}`,
      `  ${jobOneLiner(job)}`,
    );
    if (job.state === 'drift') {
      out.push(`  to resolve: revert the manual change, or let Git win: ${forceCommand(report.environment)}`);
      continue;
    }
    const f = job.failure;
    if (!f) continue;
    if (f.rootCause) out.push('  root cause:', ...indent(f.rootCause.split(/\r?\n/), 4));
    if (f.events.length) out.push('  events:', ...indent(f.events, 4));
    if (f.logTail.length) {
      const max = options.logLines ?? 50;
      const lines = f.logTail.slice(-max);
      out.push(
        `  JobManager log (last ${lines.length} lines${lines.length < f.logTail.length ? ` of ${f.logTail.length}` : ''}):`,
        ...indent(lines, 4),
      );
    }
    if (f.hint) out.push(`  ${paint(color, '36', 'hint:')} ${f.hint}`);
  }
  const adopted = report.jobs.filter((j) => j.adoptedBy !== undefined);
  if (adopted.length) {
    out.push('', 'adopted:');
    for (const job of adopted) out.push(`  ${adoptedLine(job)}`);
  }
  if (report.orphans.length) {
    out.push('', 'no longer in Git:');
    for (const o of report.orphans)
      out.push(
        `  ${o.kind} ${o.namespace}/${o.name}  ${o.pruned ? 'deleted' : 'left running (enable deploy.prune to delete it)'}`,
      );
  }
  return out.join('\n');
}

/** Failing states in capitals, so they stand out without color too. */
function stateWord(state: JobDeployState): string {
  return FAILING_STATES.has(state) ? STATE_WORD[state].toUpperCase() : STATE_WORD[state];
}

function stateColor(state: JobDeployState): string {
  if (FAILING_STATES.has(state)) return '31';
  return state === 'running' || state === 'unchanged' ? '32' : '33';
}

function jobDetail(job: JobDeployReport): string[] {
  if (job.state !== 'running' && job.state !== 'unchanged') return [jobOneLiner(job)];
  const webUi = !job.webUi
    ? undefined
    : job.webUi.via === 'port-forward'
      ? `Web UI: ${job.webUi.command}, then ${job.webUi.url}`
      : job.webUi.url;
  return [
    job.image ? `${shortImage(job.image)}${job.sameImageAs ? ` (same image as ${job.sameImageAs})` : ''}` : '',
    webUi ?? '',
    job.restoredFrom ? `restored from ${job.restoredFrom}` : '',
  ];
}

const indent = (lines: readonly string[], n: number): string[] => lines.map((l) => `${' '.repeat(n)}${l}`);
