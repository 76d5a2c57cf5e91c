import { plural } from '../text/plural.js';
import type { Diagnostic } from '../diagnostics.js';
import type { CheckRunResult } from '../github/check-runs.js';
import type { JobBuildOutcome } from '../image/types.js';
import { CHECK_OUTPUT_LIMIT } from './check-run.js';

/** One environment's builds, as `buildImages` returned them. */
export interface EnvironmentBuild {
  environment: string;
  outcomes: readonly JobBuildOutcome[];
  diagnostics: readonly Diagnostic[];
}

export interface BuildCheckRunReport {
  environments: readonly EnvironmentBuild[];
  /** A problem that stopped the build itself (git failure, unreadable streampilot.yaml, registry settings). */
  failure?: { reason: string; hint?: string };
  /** Applied to every text that leaves: check output is public to everyone who can read the repo. */
  redact?: (text: string) => string;
}

/** Errors listed in the summary; beyond this a count says how many more there are. */
const LISTED_ERRORS = 20;

/**
 * The `StreamPilot / build` check run: one table row per environment and job with what
 * happened to its image (reference and digest — what a deploy pins). Pure.
 */
export function formatBuildCheckRun(report: BuildCheckRunReport): CheckRunResult {
  const clean = report.redact ?? ((t: string) => t);
  if (report.failure) {
    const summary = [
      `**The build could not run:** ${cell(report.failure.reason)}`,
      ...(report.failure.hint ? ['', `What to do: ${report.failure.hint}`] : []),
    ].join('\n');
    return { conclusion: 'failure', title: 'Build failed', summary: limit(clean(summary)), annotations: [] };
  }
  if (report.environments.length === 0) {
    return {
      conclusion: 'success',
      title: 'Nothing to build',
      summary: 'No environment in `streampilot.yaml` has `deployOn: merge`: no image is built on a merge.',
      annotations: [],
    };
  }

  const outcomes = report.environments.flatMap((e) => e.outcomes);
  const errors = uniqueErrors(report.environments.flatMap((e) => e.diagnostics));
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  const built = outcomes.filter((o) => o.status === 'built').length;
  const reused = outcomes.filter((o) => o.status === 'reused').length;
  const noImage = outcomes.filter((o) => o.status === 'no-image').length;
  const conclusion = failed > 0 || errors.length > 0 ? 'failure' : 'success';
  const title =
    conclusion === 'failure'
      ? `${plural(failed, 'job')} failed, ${plural(errors.length, 'error')}`
      : `${built} built, ${reused} reused${noImage > 0 ? `, ${noImage} without image` : ''}`;

  const lines = [
    '| environment | job | status | image | digest | builder | uploaded |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const env of report.environments) {
    if (env.outcomes.length === 0) lines.push(`| ${cell(env.environment)} | — | no jobs | | | | |`);
    for (const o of env.outcomes) lines.push(`| ${cell(env.environment)} | ${cell(o.job)} | ${row(o)} |`);
  }
  if (errors.length > 0) {
    lines.push('', `**${plural(errors.length, 'error')}** in the repository (jobs with errors are not built):`, '');
    for (const d of errors.slice(0, LISTED_ERRORS))
      lines.push(`- \`${d.file}:${d.line}:${d.column}\` ${d.message}${d.hint ? ` — ${d.hint}` : ''}`);
    if (errors.length > LISTED_ERRORS)
      lines.push(`- … and ${errors.length - LISTED_ERRORS} more: run \`streampilot check\` to see them all.`);
  }
  return { conclusion, title, summary: limit(clean(lines.join('\n'))), annotations: [] };
}

function row(o: JobBuildOutcome): string {
  switch (o.status) {
    case 'built':
    case 'reused':
      return `${o.status} | \`${o.image.reference}\` | \`${o.image.digest}\` | ${o.builder} | ${o.image.bytesUploaded} B`;
    case 'exists':
    case 'would-build':
      return `${o.status} | \`${o.reference}\` | | ${o.builder} | |`;
    case 'no-image': {
      // The digest column holds what a deploy pins, as for built images.
      const at = o.image.lastIndexOf('@');
      const [reference, digest] = at > 0 ? [o.image.slice(0, at), o.image.slice(at + 1)] : [o.image, ''];
      return `no image: SQL in a ConfigMap, runs on the base image | \`${reference}\` | ${digest ? `\`${digest}\`` : ''} | — | 0 B`;
    }
    case 'skipped':
      return `skipped: ${cell(o.reason)} | | | |`;
    case 'failed':
      return `**failed** at ${cell(o.step)}: ${cell(o.message)}${o.hint ? ` (${cell(o.hint)})` : ''} | | | |`;
  }
}

/** Every environment checks the same files: a manifest error would otherwise be listed once per environment. */
function uniqueErrors(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, Diagnostic>();
  for (const d of diagnostics)
    if (d.severity === 'error') seen.set(`${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`, d);
  return [...seen.values()];
}

/** A table cell holds one line and no column separator. */
const cell = (text: string): string => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
const limit = (text: string): string =>
  text.length <= CHECK_OUTPUT_LIMIT
    ? text
    : `${text.slice(0, CHECK_OUTPUT_LIMIT - 60)}\n\n… (cut at GitHub's limit of ${CHECK_OUTPUT_LIMIT} characters)`;
