import type { Diagnostic } from '../diagnostics.js';
import type { CheckRunResult } from '../github/check-runs.js';
import type { CheckAnnotation } from '../github/types.js';

/** GitHub's limit on a check run's `output.summary` and `output.text`. */
export const CHECK_OUTPUT_LIMIT = 65_535;
/** Annotations beyond this are listed in the text, not annotated: 10 requests of 50 at most. */
export const DEFAULT_MAX_ANNOTATIONS = 500;

/** How a job fares in this pull request, as the comparison of base and head says. */
export type { JobChangeStatus as JobChange } from '../plan/compare-plans.js';
import type { JobChangeStatus as JobChange } from '../plan/compare-plans.js';
import { excerpt, MAX_MESSAGE_CHARS } from '../text/quote.js';

export interface JobRow {
  name: string;
  /** The job's folder, repository-relative (`jobs/orders`): findings under it belong to it. */
  dir: string;
  change?: JobChange;
}

export interface CheckRunReport {
  diagnostics: readonly Diagnostic[];
  jobs: readonly JobRow[];
  fork: boolean;
  /** A problem that stopped the check itself (git failure, unreadable repository): conclusion failure. */
  failure?: { reason: string; hint?: string };
  maxAnnotations?: number;
  /** Applied to every text that leaves: check output is public to everyone who can read the repo. */
  redact?: (text: string) => string;
}

const LEVEL = { error: 'failure', warning: 'warning', info: 'notice' } as const;
const RANK = { error: 0, warning: 1, info: 2 } as const;

/** The check run's conclusion, title, summary table, overflow text and annotations. Pure. */
export function formatCheckRun(report: CheckRunReport): CheckRunResult {
  const clean = report.redact ?? ((t: string) => t);
  const max = report.maxAnnotations ?? DEFAULT_MAX_ANNOTATIONS;
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
  const failed = errors > 0 || report.failure !== undefined;

  // Errors first, so a cap on a huge pull request drops notes before problems.
  const ordered = [...report.diagnostics].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const annotated = ordered.slice(0, max);
  const overflow = ordered.slice(max);
  const annotations = annotated.map((d) => toAnnotation(d, clean));

  const title = report.failure
    ? clean(`Could not validate: ${firstLine(report.failure.reason)}`).slice(0, 1000)
    : errors + warnings === 0
      ? 'No problems found'
      : `${count(errors, 'error')}, ${count(warnings, 'warning')}`;

  const parts: string[] = [];
  if (report.fork)
    parts.push(
      '> This pull request comes from a fork. StreamPilot validates it, but nothing is built or deployed from forks, and no secret is used.\n',
    );
  if (report.failure) {
    parts.push(`**StreamPilot could not validate this commit.**\n\n${quote(clean(report.failure.reason))}\n`);
    if (report.failure.hint) parts.push(`What to do: ${clean(report.failure.hint)}\n`);
  }
  if (overflow.length)
    parts.push(
      `${report.diagnostics.length} findings: the first ${annotated.length} are annotated on their lines, the other ${overflow.length} are listed below.\n`,
    );
  const table = jobTable(report.jobs, report.diagnostics);
  const summary = fitTable(parts.join('\n'), table);

  const result: CheckRunResult = {
    conclusion: failed ? 'failure' : 'success',
    title,
    summary: clean(summary),
    annotations,
  };
  if (overflow.length) result.text = clean(overflowText(overflow));
  return result;
}

function toAnnotation(d: Diagnostic, clean: (t: string) => string): CheckAnnotation {
  const startLine = Math.max(1, d.line);
  const endLine = Math.max(startLine, d.endLine);
  const a: CheckAnnotation = {
    path: d.file,
    start_line: startLine,
    end_line: endLine,
    annotation_level: LEVEL[d.severity],
    title: d.rule,
    // As in the CLI's output: one excerpt-bounded line for the message and one for the hint.
    message: clean(
      d.hint
        ? `${excerpt(d.message, MAX_MESSAGE_CHARS)}\n\nhint: ${excerpt(d.hint, MAX_MESSAGE_CHARS)}`
        : excerpt(d.message, MAX_MESSAGE_CHARS),
    ),
  };
  // GitHub takes columns only on one-line annotations; ours end exclusive, GitHub's inclusive.
  if (startLine === endLine && d.column >= 1) {
    a.start_column = d.column;
    a.end_column = Math.max(d.column, d.endColumn - 1);
  }
  return a;
}

interface Row {
  name: string;
  change: string;
  errors: number;
  warnings: number;
}

function jobTable(jobs: readonly JobRow[], diagnostics: readonly Diagnostic[]): Row[] {
  const rows = new Map<string, Row>();
  const byDir = new Map(jobs.map((j) => [j.dir, j]));
  // The innermost job folder holding the file: walk up its parent folders (no scan of every job).
  const jobOf = (file: string): JobRow | undefined => {
    for (
      let dir = file;
      dir.includes('/') || dir !== '';
      dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : ''
    ) {
      const job = byDir.get(dir);
      if (job) return job;
    }
    return undefined;
  };
  for (const job of jobs) rows.set(job.name, { name: job.name, change: job.change ?? '', errors: 0, warnings: 0 });
  for (const d of diagnostics) {
    const job = jobOf(d.file);
    const key = job?.name ?? `(${d.file})`;
    const row = rows.get(key) ?? { name: key, change: '', errors: 0, warnings: 0 };
    if (d.severity === 'error') row.errors++;
    if (d.severity === 'warning') row.warnings++;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** Changed jobs and jobs with findings get a row; the rest are counted in one line. */
function fitTable(intro: string, rows: Row[]): string {
  const shown = rows.filter((r) => (r.change !== '' && r.change !== 'unchanged') || r.errors + r.warnings > 0);
  shown.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || a.name.localeCompare(b.name));
  const quiet = rows.length - shown.length;
  const head = '| job | in this pull request | status | errors | warnings |\n| --- | --- | --- | --: | --: |\n';
  const tail = quiet > 0 ? `\n${count(quiet, 'other job')} unchanged, without findings.\n` : '';
  let out = `${intro}${intro ? '\n' : ''}${shown.length ? head : rows.length ? '' : 'No jobs in this repository.\n'}`;
  const budget = CHECK_OUTPUT_LIMIT - tail.length - 200;
  for (const [i, r] of shown.entries()) {
    const line = `| ${escapeCell(r.name)} | ${r.change === 'invalid' ? 'manifest has errors' : r.change || '—'} | ${r.errors ? ':x: failing' : r.warnings ? ':warning: warnings' : ':white_check_mark: ok'} | ${r.errors} | ${r.warnings} |\n`;
    if (out.length + line.length > budget) {
      out += `\n… and ${count(shown.length - i, 'more job')} (summary limit reached).\n`;
      break;
    }
    out += line;
  }
  return (out + tail).slice(0, CHECK_OUTPUT_LIMIT);
}

function overflowText(rest: readonly Diagnostic[]): string {
  const lines: string[] = ['Findings beyond the annotation limit:', ''];
  let size = lines.join('\n').length;
  for (const [i, d] of rest.entries()) {
    const line = `- \`${d.file}:${d.line}:${d.column}\` ${d.severity} ${d.rule}: ${firstLine(d.message)}`;
    if (size + line.length + 100 > CHECK_OUTPUT_LIMIT) {
      lines.push(`- … and ${rest.length - i} more`);
      break;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const firstLine = (s: string) => s.split('\n')[0] ?? '';
const quote = (s: string) =>
  s
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
const escapeCell = (s: string) => s.replace(/\|/g, '\\|');
