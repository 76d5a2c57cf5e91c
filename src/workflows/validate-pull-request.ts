import { messageOf, hintOf } from '../errors.js';
import type { CheckResult, CheckOptions } from './check-repository.js';
import type { FileChange, RemoteSpec, CachedRepository } from '../git/repository-cache.js';
import {
  completeCheckRun,
  findCheckRun,
  startCheckRun,
  type CheckRunResult,
  type CheckRunTarget,
} from '../github/check-runs.js';
import { findPullRequest } from '../github/find-pull-request.js';
import { installationToken } from '../github/installation-token.js';
import { pullRequestInput } from '../github/pull-request-input.js';
import { upsertStickyComment, type StickyOutcome } from '../github/sticky-comment.js';
import type { RolledBackJob } from '../github/deployment-history.js';
import { formatRolledBackNote } from '../report/rolled-back-note.js';
import { formatHeldByCommandNote, type HeldJobNote } from '../report/held-by-command-note.js';
import type { Plan } from '../plan/types.js';
import type { GitHubClient, RepoRef } from '../github/types.js';
import { formatCheckRun, type JobRow } from '../report/check-run.js';
import type { PullRequestInput } from '../github/types.js';

export type { PullRequestInput };

export const CHECK_NAME = 'StreamPilot / validate';

/** A pull request as the app sees it in a webhook, reduced to what validation needs. */
/** What the plan comparison tells the check run and the pull request. */
export interface PlanDescription {
  /** One row per job in the summary table, with what this pull request does to it. */
  jobs: JobRow[];
  /** The plan comment, starting with its hidden marker. */
  comment: { marker: string; body: string };
}

export interface ValidatePullRequestPorts {
  repositories: { withRepository<T>(spec: RemoteSpec, work: (repo: CachedRepository) => Promise<T>): Promise<T> };
  /**
   * `checkRepository`, possibly run off the event loop under a time and memory budget.
   * `repository` (owner/name) lets a pool share its workers fairly between repositories.
   */
  check: (dir: string, options: CheckOptions, repository?: string) => Promise<CheckResult>;
  describePlan: (input: {
    base: CheckResult;
    head: CheckResult;
    changes: FileChange[];
    pullRequest: PullRequestInput;
  }) => PlanDescription;
  redact: (text: string) => string;
  log: { info(msg: string): void; warn(msg: string): void; error(msg: string): void };
  appId?: number;
  /**
   * The clone URL of a repository (`owner/name`) on the configured GitHub. When set, the URL a
   * webhook or the API names is not used: the token never goes where a payload points.
   */
  cloneUrlOf?: (fullName: string) => string;
  /**
   * Show the run `in_progress` only when the result is not ready by then. Each write costs a
   * second of Probot's throttling, and a 500-job repository checks in about 0.9 s: at 1 s an
   * ordinary push would often pay for an extra write; 1.5 s keeps those to one. Default 1,500 ms.
   */
  inProgressAfterMs?: number;
  maxAnnotations?: number;
  /** Jobs a `/rollback` left on an older commit (the app with clusters): the plan comment says what a merge does to them. */
  rolledBack?: (octokit: GitHubClient, repo: RepoRef) => Promise<RolledBackJob[]>;
  /** Jobs a `/suspend` or `/resume` holds against Git, read from the base plan's clusters (the app with clusters). */
  commandHolds?: (repo: RepoRef, base: Plan) => Promise<HeldJobNote[]>;
}

export interface ValidationOutcome {
  checkRunId: number;
  conclusion: CheckRunResult['conclusion'];
  comment?: StickyOutcome;
  /** Mutating GitHub requests made, for the write budget (throttling spaces them ~1 s apart). */
  writes: number;
}

export interface Checked {
  base: CheckResult;
  head: CheckResult;
  changes: FileChange[];
}

/**
 * Validate a pull request's head against its base and report it: the check run
 * `StreamPilot / validate` on the head SHA, then the sticky plan comment. Problems in the
 * user's repository and failures of the check itself both end in a completed check run.
 */
export async function validatePullRequest(
  octokit: GitHubClient,
  repo: RepoRef,
  pr: PullRequestInput,
  ports: ValidatePullRequestPorts,
): Promise<ValidationOutcome> {
  // 1. The run already on this SHA (a redelivery or a re-run) is updated, not duplicated.
  const existing = await findCheckRun(octokit, repo, pr.headSha, CHECK_NAME);
  const target: CheckRunTarget = {
    name: CHECK_NAME,
    headSha: pr.headSha,
    externalId: String(pr.number),
    ...(existing ? { id: existing.id } : {}),
  };
  let writes = 0;

  // 2. `in_progress` only if the work outlasts the delay: a fast result is created completed.
  let started: Promise<void> | undefined;
  const timer = setTimeout(() => {
    started = startCheckRun(octokit, repo, target).then(
      (id) => {
        target.id = id;
        writes++;
      },
      (e: unknown) =>
        ports.log.warn(`could not mark ${CHECK_NAME} in progress on ${pr.headSha}: ${ports.redact(messageOf(e))}`),
    );
  }, ports.inProgressAfterMs ?? 1500);

  // 3. Fetch, check base and head, compare. Anything thrown becomes the run's failure reason.
  let checked: Checked | undefined;
  let plan: PlanDescription | undefined;
  let report: CheckRunResult;
  try {
    checked = await fetchAndCheck(octokit, repo, pr, ports);
    plan = ports.describePlan({ ...checked, pullRequest: pr });
    report = formatCheckRun({
      diagnostics: checked.head.diagnostics,
      jobs: plan.jobs,
      fork: pr.fork,
      redact: ports.redact,
      ...(ports.maxAnnotations !== undefined ? { maxAnnotations: ports.maxAnnotations } : {}),
    });
  } catch (e) {
    ports.log.error(
      `validating ${repo.owner}/${repo.repo}#${pr.number} at ${pr.headSha} failed: ${ports.redact(messageOf(e))}`,
    );
    report = formatCheckRun({ diagnostics: [], jobs: [], fork: pr.fork, redact: ports.redact, failure: failureOf(e) });
  } finally {
    clearTimeout(timer);
    await started;
  }

  // 4. Complete the run. If GitHub refuses the full result, a plain failure still completes it.
  let checkRunId: number;
  try {
    checkRunId = await completeCheckRun(octokit, repo, target, report);
    writes += Math.max(1, Math.ceil(report.annotations.length / 50));
  } catch (e) {
    ports.log.error(`could not publish the result of ${CHECK_NAME} on ${pr.headSha}: ${ports.redact(messageOf(e))}`);
    report = formatCheckRun({
      diagnostics: [],
      jobs: [],
      fork: pr.fork,
      redact: ports.redact,
      failure: {
        reason: `GitHub refused the check result: ${messageOf(e)}`,
        hint: 'Re-run the check; if it fails again, look at the app log.',
      },
    });
    checkRunId = await completeCheckRun(octokit, repo, target, report);
    writes++;
  }

  // 5. The plan comment, only from a real comparison (a failed check keeps the last good plan), and
  // only for the pull request's current head: a re-run of an older commit, or a synchronize
  // delivered after a newer one, completes its own check run but leaves the comment to the head.
  // Deliveries of one repository run one at a time, so the head read just before writing holds.
  let comment: StickyOutcome | undefined;
  if (plan) {
    const stillCurrent = () => isCurrentHead(octokit, repo, pr, ports);
    const rolledBack = ports.rolledBack
      ? await ports.rolledBack(octokit, repo).catch((e: unknown) => {
          ports.log.warn(`could not read the rolled-back jobs: ${ports.redact(messageOf(e))}`);
          return [];
        })
      : [];
    const held = ports.commandHolds
      ? await ports.commandHolds(repo, checked!.base.plan).catch((e: unknown) => {
          ports.log.warn(`could not read the jobs held by commands: ${ports.redact(messageOf(e))}`);
          return [];
        })
      : [];
    comment = await upsertStickyComment(octokit, repo, pr.number, {
      marker: plan.comment.marker,
      body: ports.redact(
        plan.comment.body +
          formatRolledBackNote(rolledBack, checked!.head.plan) +
          formatHeldByCommandNote(held, checked!.head.plan),
      ),
      stillCurrent,
      ...(ports.appId !== undefined ? { appId: ports.appId } : {}),
    });
    if (comment.action === 'created' || comment.action === 'updated') writes++;
  }
  return { checkRunId, conclusion: report.conclusion, writes, ...(comment ? { comment } : {}) };
}

/** Whether `pr.headSha` is still the pull request's head on GitHub; unknown counts as no (never describe a stale commit). */
async function isCurrentHead(
  octokit: GitHubClient,
  repo: RepoRef,
  pr: PullRequestInput,
  { log, redact }: ValidatePullRequestPorts,
): Promise<boolean> {
  let head: string;
  try {
    head = (await octokit.rest.pulls.get({ ...repo, pull_number: pr.number })).data.head.sha;
  } catch (e) {
    log.warn(
      `plan comment on ${repo.owner}/${repo.repo}#${pr.number} not written: could not read the pull request's head (${redact(messageOf(e))})`,
    );
    return false;
  }
  if (head === pr.headSha) return true;
  log.info(
    `plan comment on ${repo.owner}/${repo.repo}#${pr.number} left alone: ${pr.headSha.slice(0, 12)} was validated but the head is now ${head.slice(0, 12)}`,
  );
  return false;
}

/**
 * Fetch the pull request's base and head and check both. `readBase` sees the base tree while it
 * exists (the comment commands read their permissions there, where the pull request cannot change them).
 */
export async function fetchAndCheck(
  octokit: GitHubClient,
  repo: RepoRef,
  pr: PullRequestInput,
  ports: Pick<ValidatePullRequestPorts, 'repositories' | 'check' | 'cloneUrlOf'>,
  readBase?: (dir: string) => void,
): Promise<Checked> {
  const cloneUrl = ports.cloneUrlOf ? ports.cloneUrlOf(`${repo.owner}/${repo.repo}`) : pr.cloneUrl;
  // The token is for https only; a local path or file:// mirror (tests, mirrors) needs none.
  const token = /^https?:\/\//i.test(cloneUrl) ? await installationToken(octokit) : undefined;
  return ports.repositories.withRepository({ cloneUrl, ...(token ? { token } : {}) }, async (mirror) => {
    await mirror.fetch([pr.baseSha, pr.headSha]);
    const changes = await mirror.changedFiles(pr.baseSha, pr.headSha);
    const baseTree = await mirror.materialise(pr.baseSha);
    try {
      readBase?.(baseTree.dir);
      const headTree = await mirror.materialise(pr.headSha);
      try {
        const fairnessKey = `${repo.owner}/${repo.repo}`;
        const base = await ports.check(baseTree.dir, { gitSha: pr.baseSha }, fairnessKey);
        const head = await ports.check(headTree.dir, { gitSha: pr.headSha }, fairnessKey);
        return { base, head, changes };
      } finally {
        await headTree.dispose();
      }
    } finally {
      await baseTree.dispose();
    }
  });
}

function failureOf(e: unknown): { reason: string; hint?: string } {
  const hint = hintOf(e);
  const name = e instanceof Error && e.name === 'GitError' ? 'git: ' : '';
  return {
    reason: `${name}${messageOf(e)}`,
    ...(hint ? { hint } : { hint: 'Fix the problem above and push again, or re-run the check.' }),
  };
}

/** Which pull request a re-run request (check run or check suite) is about. */
export interface RerunRequest {
  headSha: string;
  /** Pull request numbers the event and the check run name, best first. */
  numbers: number[];
}

/**
 * A re-run from the GitHub UI: validate the commit the check ran on, against its pull request's
 * base. Nothing to do (and nothing written) when no pull request has that commit.
 */
export async function revalidateCommit(
  octokit: GitHubClient,
  repo: RepoRef,
  request: RerunRequest,
  ports: ValidatePullRequestPorts,
): Promise<ValidationOutcome | undefined> {
  const pr = await findPullRequest(octokit, repo, request.headSha, request.numbers);
  if (!pr) {
    ports.log.info(
      `re-run of ${CHECK_NAME} on ${request.headSha} in ${repo.owner}/${repo.repo}: no pull request has this commit, nothing to validate`,
    );
    return undefined;
  }
  return validatePullRequest(octokit, repo, pullRequestInput(pr, request.headSha), ports);
}
