import type { Diagnostic } from '../diagnostics.js';
import type { EnvironmentComparison, JobComparison, PlanComparison } from '../plan/compare-plans.js';
import type { ReviewerWarning } from '../plan/reviewer-warnings.js';
import { objectDiff } from './object-diff.js';

/** First line of the plan comment: how the app finds its own comment to edit it in place. */
export const PLAN_COMMENT_MARKER = '<!-- streampilot:plan -->';

/** GitHub refuses comment bodies above 65,536 characters; we stay a little below. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface PlanCommentInput {
  comparison: PlanComparison;
  warnings: readonly ReviewerWarning[];
  /** The head's findings; only counted here (they are annotations on the check run). */
  diagnostics: readonly Pick<Diagnostic, 'severity'>[];
  headSha?: string;
  /** Link to the check run with the annotations. */
  checkRunUrl?: string;
  /** Lines of one job's diff before the rest is cut (default 200). */
  maxDiffLines?: number;
  /** Characters of the whole body (default GitHub's limit). */
  maxLength?: number;
}

/**
 * The pull request's plan comment, in markdown: per environment a table of the jobs that
 * change, then the warnings, then each job's object diff folded in `<details>`, then the
 * validation summary. Always at most `maxLength` characters: long diffs are cut, and when the
 * whole is still too long, tables, warnings and diffs are left out from the end with a note.
 */
export function formatPlanComment(input: PlanCommentInput): string {
  const maxLength = input.maxLength ?? GITHUB_COMMENT_LIMIT;
  const maxDiffLines = input.maxDiffLines ?? 200;
  const { comparison } = input;
  const envs = [...comparison.merge, ...comparison.command];

  const head = [
    PLAN_COMMENT_MARKER,
    `## StreamPilot plan${input.headSha ? ` for \`${input.headSha.slice(0, 12)}\`` : ''}`,
    '',
  ];
  const summary = validationSummary(input);
  // Room for the notes that say what was left out.
  const budget = maxLength - join(head).length - summary.length - 600;
  let used = 0;
  const body: string[] = [];
  const fits = (text: string) => used + text.length + 1 <= budget;
  const add = (text: string) => {
    body.push(text);
    used += text.length + 1;
  };
  const cut = new Map<string, number>();
  const leaveOut = (what: string, count: number) => cut.set(what, (cut.get(what) ?? 0) + count);

  if (envs.length === 0) add('No environments: the head has no valid `streampilot.yaml`.\n');
  for (const env of envs) {
    const title = `### ${env.name} — ${env.deployOn === 'merge' ? 'deploys on merge' : `deploys on \`/deploy ${env.name}\``} (namespace \`${env.namespace}\`)`;
    if (!fits(title)) {
      leaveOut('environment table', 1);
      continue;
    }
    add(title);
    add('');
    if (env.jobs.length === 0) {
      add(`No job changes${env.unchanged > 0 ? `; ${plural(env.unchanged, 'job')} unchanged` : ''}.\n`);
      continue;
    }
    add('| job | change | image | parallelism | upgrade mode |');
    add('| --- | --- | --- | --- | --- |');
    let omitted = 0;
    for (const job of env.jobs) {
      const row = tableRow(job);
      if (omitted === 0 && fits(row)) add(row);
      else omitted++;
    }
    if (omitted > 0)
      add(`| … ${plural(omitted, 'more job')} (left out: the comment is at GitHub's size limit) | | | | |`);
    add('');
    if (env.unchanged > 0) add(`${plural(env.unchanged, 'job')} unchanged.\n`);
  }

  if (input.warnings.length > 0) {
    const grouped = groupWarnings(input.warnings);
    const title = '### ⚠️ Before merging';
    if (fits(title)) {
      add(title);
      add('');
      let omitted = 0;
      for (const w of grouped) {
        const line = `- **${w.environments.join(', ')} / \`${w.job}\`**: ${w.message}`;
        if (omitted === 0 && fits(line)) add(line);
        else omitted++;
      }
      if (omitted > 0) add(`- … ${plural(omitted, 'more warning')} left out: the comment is at GitHub's size limit.`);
      add('');
    } else leaveOut('warning', grouped.length);
  }

  const diffs = envs.flatMap((env) => env.jobs.map((job) => ({ env, job })));
  if (diffs.length > 0) {
    const title = '### Kubernetes objects';
    let omitted = 0;
    if (fits(title)) {
      add(title);
      add('');
      for (const { env, job } of diffs) {
        // Once one diff is left out, the later ones are too (and are not computed): no gaps.
        const details = omitted === 0 ? diffDetails(env, job, maxDiffLines) : undefined;
        if (details !== undefined && fits(details)) add(details);
        else omitted++;
      }
    } else omitted = diffs.length;
    if (omitted > 0) leaveOut('object diff', omitted);
  }
  for (const [what, count] of cut) {
    body.push(
      `> ${plural(count, what)} left out to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit; \`streampilot check\` and \`streampilot render <job> --env <environment>\` show everything.`,
      '',
    );
  }
  const text = join([...head, ...body, summary]);
  // The budget above makes this unreachable; it guards GitHub's hard limit if notes ever grow.
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 40)}\n\n… (cut at the size limit)`;
}

function tableRow(job: JobComparison): string {
  const status =
    job.status === 'renamed'
      ? `renamed from \`${job.previousName}\``
      : job.status === 'deleted'
        ? job.disabled
          ? 'disabled (suspended on deploy)'
          : 'deleted (keeps running)'
        : job.status === 'invalid'
          ? '**manifest has errors: nothing applied**'
          : job.status;
  const inputs = job.inputs.length > 0 && job.status !== 'deleted' ? ` (${job.inputs.map(inputLabel).join(', ')})` : '';
  const blocked = job.head?.blocked ? ' — **has errors: nothing applied**' : '';
  const image =
    job.image === 'none'
      ? job.status === 'deleted' || job.status === 'invalid'
        ? '—'
        : 'session cluster'
      : job.head?.sameImageAs
        ? `same image as ${job.head.sameImageAs}`
        : job.image === 'reused'
          ? 'reused'
          : job.status === 'new'
            ? 'built'
            : 'rebuilt';
  const parallelism = change(job.base?.parallelism, job.head?.parallelism);
  const upgrade = change(job.base?.upgradeMode, job.head?.upgradeMode);
  return `| \`${job.name}\` | ${status}${inputs}${blocked} | ${image} | ${parallelism} | ${upgrade} |`;
}

function inputLabel(input: JobComparison['inputs'][number]): string {
  return input === 'podTemplate'
    ? 'pod template'
    : input === 'project'
      ? 'streampilot.yaml'
      : input === 'sql'
        ? 'SQL'
        : input;
}

function change(before: string | number | undefined, after: string | number | undefined): string {
  if (before === undefined) return String(after ?? '—');
  if (after === undefined) return String(before);
  return before === after ? String(after) : `${before} → ${after}`;
}

function diffDetails(env: EnvironmentComparison, job: JobComparison, maxLines: number): string {
  const object = (job.head ?? job.base)!.object;
  const diff = objectDiff(job.base?.object, job.head?.object);
  const shown = diff.lines.slice(0, maxLines);
  if (diff.lines.length > maxLines) shown.push(`… ${diff.lines.length - maxLines} more lines`);
  const body = shown.join('\n');
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  const what = `${object.kind} ${object.metadata.namespace ?? env.namespace}/${object.metadata.name}`;
  const summary = `${env.name} / ${job.name}: ${job.status}, ${what} (+${diff.added} −${diff.removed})`;
  const content =
    diff.lines.length === 0
      ? 'The object is the same; only the image or its inputs changed.'
      : `${fence}diff\n${body}\n${fence}`;
  return `<details><summary>${escapeHtml(summary)}</summary>\n\n${content}\n\n</details>\n`;
}

function validationSummary(input: PlanCommentInput): string {
  const errors = input.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = input.diagnostics.filter((d) => d.severity === 'warning').length;
  const where = input.checkRunUrl ? `the [check run](${input.checkRunUrl})` : 'the check run';
  const verdict =
    errors > 0
      ? `❌ ${plural(errors, 'error')}, ${plural(warnings, 'warning')}: jobs with errors are not deployed.`
      : `✅ no errors, ${plural(warnings, 'warning')}.`;
  return `### Validation\n\n${verdict} Annotations on the lines are on ${where}.\n`;
}

interface GroupedWarning {
  job: string;
  message: string;
  environments: string[];
}

/** The same warning for a job in several environments is listed once, naming them all. */
function groupWarnings(warnings: readonly ReviewerWarning[]): GroupedWarning[] {
  const byKey = new Map<string, GroupedWarning>();
  for (const w of warnings) {
    const key = `${w.job}\u0000${w.kind}\u0000${w.message}`;
    const existing = byKey.get(key);
    if (existing) existing.environments.push(w.environment);
    else byKey.set(key, { job: w.job, message: w.message, environments: [w.environment] });
  }
  return [...byKey.values()];
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function join(lines: readonly string[]): string {
  return lines.join('\n');
}
