import { COMMAND_FIELD_MANAGER } from '../deploy/command-audit.js';
import type {
  EnvironmentDeployReport,
  FailureReason,
  JobDeployReport,
  JobDeployState,
  WebUiLink,
} from '../deploy/types.js';

/**
 * The words every deploy report (check run, pull request comment, CLI) uses for the same
 * facts, so the three never disagree on what a state is called or what counts as a failure.
 */

/** A job's state as a person reads it: words, no emoji. */
export const STATE_WORD: Record<JobDeployState, string> = {
  running: 'running',
  suspended: 'suspended',
  unchanged: 'unchanged',
  failed: 'failed',
  'timed-out': 'timed out',
  drift: 'drift',
  'apply-failed': 'not applied',
  interrupted: 'interrupted',
  superseded: 'superseded',
  skipped: 'skipped',
};

/** Order of the counts in a title: the good news, then the problems, then the rest. */
const COUNT_ORDER: readonly JobDeployState[] = [
  'running',
  'suspended',
  'unchanged',
  'failed',
  'timed-out',
  'drift',
  'apply-failed',
  'interrupted',
  'superseded',
  'skipped',
];

export { deployConclusion, FAILING_STATES, type DeployConclusion } from '../deploy/deploy-outcome.js';

/** `3 running, 1 failed`; `nothing to deploy` without jobs. */
export function stateCounts(jobs: readonly JobDeployReport[]): string {
  if (jobs.length === 0) return 'nothing to deploy';
  return COUNT_ORDER.map((state) => [state, jobs.filter((j) => j.state === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${STATE_WORD[state]}`)
    .join(', ');
}

/** The one line that says why a job is not running (empty for running jobs). */
export function jobOneLiner(job: JobDeployReport): string {
  switch (job.state) {
    case 'running':
    case 'unchanged':
      return '';
    case 'suspended':
      return job.suspendedWith ? `suspended with savepoint ${job.suspendedWith}` : 'suspended, as Git asks';
    case 'failed':
    case 'timed-out':
    case 'apply-failed':
    case 'interrupted':
      return job.failure?.summary ?? job.reason ?? DEFAULT_REASON[job.state];
    case 'drift':
      return `changed outside Git: ${driftList(job)}; nothing was applied`;
    case 'superseded':
      return job.supersededBy ? `superseded by ${shortSha(job.supersededBy)}` : 'superseded by a newer commit';
    case 'skipped':
      return job.reason ? `skipped: ${job.reason}` : 'skipped';
  }
}

const DEFAULT_REASON = {
  failed: 'the job failed',
  'timed-out': 'timed out waiting for the job to run',
  'apply-failed': 'the Kubernetes API server did not accept the resource',
  interrupted: 'StreamPilot stopped before the job was running',
} as const;

export function driftList(job: JobDeployReport): string {
  const fields = job.drift ?? [];
  return fields.length
    ? fields
        .map((f) =>
          f.manager === COMMAND_FIELD_MANAGER
            ? `${f.field} (by a StreamPilot command: \`/suspend\`, \`/resume\` or \`streampilot suspend|resume\`)`
            : `${f.field} (by ${f.manager})`,
        )
        .join(', ')
    : 'fields owned by another field manager';
}

/** What to run to let Git win over a manual change. */
export const forceCommand = (environment: string): string => `streampilot deploy --env ${environment} --force`;

export const shortSha = (sha: string): string => sha.slice(0, 12);

/**
 * `repository@sha256:abcdef12…`: the registry host and most of the digest left out; enough to
 * tell two images apart at a glance. A tag reference keeps its tag.
 */
export function shortImage(image: string): string {
  const [name, digest] = image.split('@', 2) as [string, string | undefined];
  const parts = name.split('/');
  // A first segment with a dot, a port or `localhost` is a registry host, not part of the name.
  const repository = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!) ? parts.slice(1).join('/') : name;
  if (!digest) return repository;
  const [algorithm, hex = ''] = digest.split(':', 2);
  return `${repository}@${algorithm}:${hex.slice(0, 8)}${hex.length > 8 ? '…' : ''}`;
}

/** The Web UI as a link, or what to paste for a port-forward. */
export function webUiText(webUi: WebUiLink): { url: string; command?: string } {
  return webUi.via === 'port-forward' ? { url: webUi.url, command: webUi.command } : { url: webUi.url };
}

/**
 * A copy of the report with every text passed through `redact` — logs, events, root causes
 * and reasons can carry tokens. Done before anything is cut to size, so a cut can never leave
 * half a secret that `redact` would no longer recognise.
 */
export function redactReport(
  report: EnvironmentDeployReport,
  redact: (text: string) => string,
): EnvironmentDeployReport {
  const r = redact;
  const failure = (f: FailureReason): FailureReason => ({
    summary: r(f.summary),
    ...(f.rootCause !== undefined ? { rootCause: r(f.rootCause) } : {}),
    events: f.events.map(r),
    // Per line and as a whole: a secret spread over lines (a PEM key) is caught by the second.
    logTail: f.logTail.length === 0 ? [] : r(f.logTail.map(r).join('\n')).split('\n'),
    ...(f.hint !== undefined ? { hint: r(f.hint) } : {}),
  });
  const webUi = (w: WebUiLink): WebUiLink =>
    w.via === 'port-forward' ? { via: w.via, command: r(w.command), url: r(w.url) } : { via: w.via, url: r(w.url) };
  return {
    environment: r(report.environment),
    sha: r(report.sha),
    jobs: report.jobs.map((j) => ({
      ...j,
      job: r(j.job),
      namespace: r(j.namespace),
      ...(j.image !== undefined ? { image: r(j.image) } : {}),
      ...(j.sameImageAs !== undefined ? { sameImageAs: r(j.sameImageAs) } : {}),
      ...(j.webUi !== undefined ? { webUi: webUi(j.webUi) } : {}),
      ...(j.restoredFrom !== undefined ? { restoredFrom: r(j.restoredFrom) } : {}),
      ...(j.lifecycleState !== undefined ? { lifecycleState: r(j.lifecycleState) } : {}),
      ...(j.jobState !== undefined ? { jobState: r(j.jobState) } : {}),
      ...(j.failure !== undefined ? { failure: failure(j.failure) } : {}),
      ...(j.drift !== undefined ? { drift: j.drift.map((d) => ({ field: r(d.field), manager: r(d.manager) })) } : {}),
      ...(j.supersededBy !== undefined ? { supersededBy: r(j.supersededBy) } : {}),
      ...(j.adoptedBy !== undefined ? { adoptedBy: r(j.adoptedBy) } : {}),
      ...(j.reason !== undefined ? { reason: r(j.reason) } : {}),
    })),
    orphans: report.orphans.map((o) => ({ ...o, namespace: r(o.namespace), name: r(o.name) })),
    ...(report.failure
      ? {
          failure: {
            reason: r(report.failure.reason),
            ...(report.failure.hint !== undefined ? { hint: r(report.failure.hint) } : {}),
          },
        }
      : {}),
  };
}

/** Markdown inline code that survives backticks inside. */
export function code(text: string): string {
  const oneLine = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${oneLine} ${fence}` : `${fence}${oneLine}${fence}`;
}

/** A fenced block that survives fences inside. */
export function codeBlock(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

/** A table cell holds one line and no column separator. */
export const cell = (text: string): string => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

/** Why a job's objects changed hands without anyone asking: said once, on the deploy that adopted them. */
export function adoptedLine(job: JobDeployReport): string {
  return `${job.kind} ${job.namespace}/${job.job} had no repository label (deployed before StreamPilot recorded one): adopted by ${job.adoptedBy ?? 'this repository'}, whose deploys alone see, change and prune it from now on`;
}
