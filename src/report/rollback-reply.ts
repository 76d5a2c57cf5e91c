import type { JobDeployReport } from '../deploy/types.js';
import { cell, jobOneLiner, shortImage, shortSha, STATE_WORD } from './deploy-words.js';

/** One job of a rollback: where it went back to, and what became of it. */
export interface RollbackRow {
  job: string;
  /** The commit it ran before, when known. */
  from?: string;
  /** The commit it was rolled back to; absent when none was found. */
  to?: string;
  report: JobDeployReport;
}

/** The revert pull request, or why there is none. */
export type RevertOutcome =
  | { number: number; url: string }
  | { problem: string }
  /** The default branch (named) already has these job folders as they now run. */
  | { unchanged: string }
  | undefined;

const RUNNING = new Set(['running', 'unchanged']);

/** A job that is not running what it was rolled back to. */
export function rolledBack(row: RollbackRow): boolean {
  return row.to !== undefined && RUNNING.has(row.report.state);
}

/**
 * `/rollback` (and `streampilot rollback`): a table of the jobs, then what keeps the environment
 * rolled back and how Git catches up. Markdown; the CLI prints it as is.
 */
export function formatRollbackReply(input: {
  environment: string;
  rows: readonly RollbackRow[];
  revert?: RevertOutcome;
}): string {
  const { environment, rows } = input;
  const done = rows.filter(rolledBack);
  const head =
    done.length === rows.length
      ? `⏪ Rolled back ${names(rows)} in \`${environment}\`.`
      : done.length === 0
        ? `😕 Nothing was rolled back in \`${environment}\`.`
        : `⚠️ Rolled back ${names(done)} in \`${environment}\`; not the others.`;
  const out = [head, '', '| job | from | to | outcome |', '| --- | --- | --- | --- |'];
  for (const row of rows) {
    const from = row.from ? `\`${shortSha(row.from)}\`` : '';
    const to = row.to ? `\`${shortSha(row.to)}\`` : '—';
    out.push(`| \`${row.job}\` | ${from} | ${to} | ${outcomeOf(row.report)} |`);
  }
  if (done.length) {
    out.push('');
    const revert = input.revert;
    if (revert && 'unchanged' in revert)
      out.push(
        `\`${revert.unchanged}\` already describes these jobs as they now run: no revert pull request is needed, and the next deploy from Git clears the rolled-back mark.`,
      );
    else if (revert && 'number' in revert)
      out.push(
        `Git still describes the newer jobs: [#${revert.number}](${revert.url}) reverts their folders. Until it merges, \`status\` and the plan comments show \`${environment}\` as rolled back, and a merge that deploys these jobs rolls them forward again.`,
      );
    else
      out.push(
        `Git still describes the newer jobs${revert && 'problem' in revert ? ` (no revert pull request: ${revert.problem})` : ''}. Until a commit brings Git back to what runs, \`status\` and the plan comments show \`${environment}\` as rolled back, and a merge that deploys these jobs rolls them forward again.`,
      );
  }
  return out.join('\n');
}

function outcomeOf(report: JobDeployReport): string {
  const running = RUNNING.has(report.state);
  const icon = running ? '✅' : report.state === 'skipped' ? '⏭️' : '❌';
  const why = jobOneLiner(report);
  const word = STATE_WORD[report.state];
  const words = why.startsWith(word) ? why : why ? `${word}: ${why}` : word;
  const image = running && report.image ? ` on \`${shortImage(report.image)}\`` : '';
  const ui = report.webUi && report.webUi.via !== 'port-forward' ? ` · [Web UI](${report.webUi.url})` : '';
  return cell(`${icon} ${words}${image}${ui}`);
}

function names(rows: readonly { job: string }[]): string {
  return rows.map((r) => `\`${r.job}\``).join(', ');
}

/** No earlier deployment to go back to: nothing ran. */
export function formatNoEarlierDeployment(input: {
  environment: string;
  jobs: readonly { job: string; looked: number }[];
}): string {
  const lines = input.jobs.map(
    (j) =>
      `- \`${j.job}\`: ${j.looked === 0 ? 'no deployment of it is recorded' : `none of its last ${j.looked} deployment${j.looked === 1 ? '' : 's'} before the one running succeeded with another commit`}`,
  );
  return [
    `🤷 There is no earlier successful deployment to roll back to in \`${input.environment}\`:`,
    '',
    ...lines,
    '',
    `Nothing was changed. Name the commit: \`/rollback ${input.jobs.map((j) => j.job).join(' ')} --env ${input.environment} --to <sha>\`.`,
  ].join('\n');
}
