import type { CommandAudit } from '../deploy/command-audit.js';
import { deployConclusion } from '../deploy/deploy-outcome.js';
import { messageOf, hintOf } from '../errors.js';
import type { AccessDecision, DeployTarget } from '../deploy/cluster-access.js';
import type { EnvironmentDeployReport, FlinkRest } from '../deploy/types.js';
import { completeCheckRun, findCheckRun, startCheckRun, type CheckRunTarget } from '../github/check-runs.js';
import { installationToken } from '../github/installation-token.js';
import { upsertStickyComment } from '../github/sticky-comment.js';
import type { GitHubClient, RepoRef } from '../github/types.js';
import type { KubeClient } from '../kube/client.js';
import { DEPLOY_COMMENT_MARKER, formatDeployComment } from '../report/deploy-comment.js';
import { deployCheckRunName, formatDeployCheckRun } from '../report/deploy-check-run.js';
import type { DeploymentsClient } from '../github/deployments.js';
import { deploySettings } from '../manifest/deploy-settings.js';
import type { ProjectSpec } from '../manifest/types.js';
import { buildOnMerge, type BuildOnMergePorts, type MergeInput } from './build-on-merge.js';
import { markSameImages } from '../deploy/same-image.js';
import { deployEnvironment } from './deploy-environment.js';
import { gitHubDeployRecorder } from './github-deploy-recorder.js';
import type { PreparedJob } from './prepare-deploy.js';

export interface DeployOnMergePorts extends BuildOnMergePorts {
  /** The cluster of an environment (its kubeContext, or in-cluster); throws ConfigError naming what is missing. */
  kube: (environment: string, project: ProjectSpec) => KubeClient;
  /** May this repository deploy there? Asked before the cluster is even reached (the app's STREAMPILOT_CLUSTER_ACCESS). */
  clusterAccess: (target: DeployTarget) => AccessDecision;
  flink?: (kube: KubeClient) => FlinkRest;
  /** This replica, as named in the Leases it holds. */
  identity: string;
  appId?: number;
  /**
   * Runs the deploy phase (rollouts take minutes) somewhere other than the caller's queue lane,
   * so pull requests of the repository are validated meanwhile; default: awaited in place.
   */
  schedule?: (work: () => Promise<void>) => void;
  /** Overrides of the project's deploy settings and lease timing (tests). */
  tuning?: { timeoutMs?: number; leaseDurationSeconds?: number; leasePollMs?: number; concurrency?: number };
}

/** Nothing to deploy; the rollouts handed to `ports.schedule`; or, run inline, their reports. */
export type DeployOnMergeOutcome =
  | { status: 'nothing-to-deploy' }
  | { status: 'scheduled' }
  | { status: 'deployed'; reports: EnvironmentDeployReport[] };

/**
 * A merge to the default branch, whole: build the images (check run `StreamPilot / build`),
 * then deploy each environment that deploys on merge, in promotion order (check run
 * `StreamPilot / deploy <env>`, a GitHub Deployment per job), and tell the merged pull request
 * what happened in one comment.
 */
export async function deployOnMerge(
  octokit: GitHubClient & DeploymentsClient,
  repo: RepoRef,
  merge: MergeInput & { htmlUrl?: string },
  ports: DeployOnMergePorts,
): Promise<DeployOnMergeOutcome> {
  const pullRequest = await mergedPullRequest(octokit, repo, merge.sha, ports);
  const provenance = {
    gitSha: merge.sha,
    // The push payload's repository.full_name (owner login / name): every applied object says whose it is.
    repository: `${repo.owner}/${repo.repo}`,
    ...(pullRequest !== undefined ? { pullRequest } : {}),
    ...(merge.htmlUrl ? { commitUrl: `${merge.htmlUrl}/commit/${merge.sha}` } : {}),
  };
  const built = await buildOnMerge(octokit, repo, { ...merge, provenance }, ports);
  if (!built.project || built.deploys.length === 0) return { status: 'nothing-to-deploy' };
  const work: RolloutWork = {
    merge: { ...merge, provenance },
    deploys: built.deploys,
    project: built.project,
    pullRequest,
  };
  if (ports.schedule) {
    ports.schedule(async () => void (await deployEnvironments(octokit, repo, work, ports)));
    return { status: 'scheduled' };
  }
  return { status: 'deployed', reports: (await deployEnvironments(octokit, repo, work, ports)).reports };
}

/** What a merge's rollouts need once its images are built. */
export interface RolloutWork {
  merge: MergeInput & { htmlUrl?: string };
  deploys: { environment: string; namespace: string; jobs: PreparedJob[] }[];
  project: ProjectSpec;
  pullRequest: number | undefined;
  /**
   * Set by a `/deploy` command: who gave it, recorded in each GitHub Deployment. A command
   * answers in its own reply, so the merge's deploy comment is left as the merge wrote it.
   */
  command?: CommandAudit;
  /** Only some of the environment's jobs (a command naming them): resources of other jobs are not orphans then. */
  partial?: boolean;
}

/**
 * The rollouts of built images, one environment after the other: its check run
 * `StreamPilot / deploy <env>` on the commit, a GitHub Deployment per job, the Lease and follow
 * of each job, and (for a merge) the deploy comment on the pull request. Shared by merges and
 * `/deploy` commands, so that a promotion is reported exactly as a merge.
 */
export async function deployEnvironments(
  octokit: GitHubClient & DeploymentsClient,
  repo: RepoRef,
  { merge, deploys, project, pullRequest, command, partial }: RolloutWork,
  ports: DeployOnMergePorts,
): Promise<{ reports: EnvironmentDeployReport[]; checkRunUrls: Record<string, string> }> {
  const reports: EnvironmentDeployReport[] = [];
  const checkRunUrls: Record<string, string> = {};
  for (const { environment, namespace, jobs } of promotionOrder(deploys, project)) {
    const name = deployCheckRunName(environment);
    const existing = await findCheckRun(octokit, repo, merge.sha, name);
    const target: CheckRunTarget = { name, headSha: merge.sha, ...(existing ? { id: existing.id } : {}) };
    target.id = await startCheckRun(octokit, repo, target);
    if (merge.htmlUrl) checkRunUrls[environment] = `${merge.htmlUrl}/runs/${target.id}`;

    const deployed = await deployOne(
      octokit,
      repo,
      environment,
      jobs,
      {
        namespace,
        project,
        merge,
        pullRequest,
        reports,
        ...(checkRunUrls[environment] ? { logUrl: checkRunUrls[environment] } : {}),
        ...(command ? { command } : {}),
        ...(partial ? { partial } : {}),
      },
      ports,
    );
    const report = markSameImages(deployed, reports, project.environments[environment]?.after);
    reports.push(report);
    try {
      await completeCheckRun(octokit, repo, target, formatDeployCheckRun(report, { redact: ports.redact }));
    } catch (e) {
      // A run left in progress would say the deploy never ended: a short result instead, and the log has the rest.
      const reason = ports.redact(messageOf(e));
      ports.log.error(`could not publish the result of ${name} on ${merge.sha}: ${reason}`);
      const short: EnvironmentDeployReport = {
        ...report,
        failure: {
          reason: `GitHub refused the full deploy result (${reason}); the Deployments of each job have their outcome`,
          hint: 'Look at the app log for the whole report.',
        },
      };
      await completeCheckRun(
        octokit,
        repo,
        target,
        formatDeployCheckRun({ ...short, jobs: [] }, { redact: ports.redact }),
      ).catch(() => undefined);
    }
  }

  if (pullRequest !== undefined && !command) {
    const body = formatDeployComment(reports, { sha: merge.sha, checkRunUrls, redact: ports.redact });
    await upsertStickyComment(octokit, repo, pullRequest, {
      marker: DEPLOY_COMMENT_MARKER,
      body,
      ...(ports.appId !== undefined ? { appId: ports.appId } : {}),
    }).catch((e: unknown) =>
      ports.log.warn(`could not comment the deploy on #${pullRequest}: ${ports.redact(messageOf(e))}`),
    );
  }
  return { reports, checkRunUrls };
}

async function deployOne(
  octokit: GitHubClient & DeploymentsClient,
  repo: RepoRef,
  environment: string,
  jobs: PreparedJob[],
  context: {
    namespace: string;
    project: ProjectSpec;
    merge: MergeInput;
    pullRequest: number | undefined;
    reports: EnvironmentDeployReport[];
    logUrl?: string;
    command?: CommandAudit;
    partial?: boolean;
  },
  ports: DeployOnMergePorts,
): Promise<EnvironmentDeployReport> {
  const { project, merge } = context;
  const env = project.environments[environment]!;
  const empty: EnvironmentDeployReport = { environment, sha: merge.sha, jobs: [], orphans: [] };
  // Promotion order: an environment after another deploys only what that one deployed cleanly.
  const before = env.after ? context.reports.find((r) => r.environment === env.after) : undefined;
  if (before && !deployedCleanly(before)) {
    return {
      ...empty,
      failure: {
        reason: `not deployed: ${env.after} comes first (after: ${env.after}), and this commit did not deploy cleanly there`,
        hint: `fix ${env.after} first; the next merge deploys both`,
      },
    };
  }
  // Before any client, Lease or write: the repository names the context and namespaces, the app decides.
  const namespaces = [...new Set([context.namespace, ...jobs.map((j) => j.job.namespace)])];
  const access = ports.clusterAccess({
    repository: `${repo.owner}/${repo.repo}`,
    environment,
    context: env.kubeContext,
    namespaces,
  });
  if (!access.allowed) {
    ports.log.warn(ports.redact(`${access.reason} (${merge.sha})`));
    return { ...empty, failure: { reason: access.reason, hint: access.hint } };
  }
  try {
    const kube = ports.kube(environment, project);
    const settings = deploySettings(project, environment);
    const tuning = ports.tuning ?? {};
    return await deployEnvironment(
      jobs,
      {
        environment,
        repository: `${repo.owner}/${repo.repo}`,
        namespace: context.namespace,
        sha: merge.sha,
        ...(env.kubeContext ? { kubeContext: env.kubeContext } : {}),
        force: false,
        prune: settings.prune,
        ...(context.partial ? { partial: true } : {}),
        timeoutMs: tuning.timeoutMs ?? settings.timeoutMs,
        ...(tuning.concurrency ? { concurrency: tuning.concurrency } : {}),
        ...(tuning.leaseDurationSeconds ? { leaseDurationSeconds: tuning.leaseDurationSeconds } : {}),
        ...(tuning.leasePollMs ? { leasePollMs: tuning.leasePollMs } : {}),
      },
      {
        kube,
        ...(ports.flink ? { flink: ports.flink(kube) } : {}),
        identity: ports.identity,
        isNewer: (a, b) => isNewerCommit(octokit, merge, ports, a, b),
        recorder: gitHubDeployRecorder(octokit, repo, {
          environment,
          sha: merge.sha,
          ...(env.kubeContext ? { kubeContext: env.kubeContext } : {}),
          ...(context.pullRequest !== undefined ? { pullRequest: context.pullRequest } : {}),
          ...(context.logUrl ? { logUrl: context.logUrl } : {}),
          ...(context.command ? { command: context.command } : {}),
          redact: ports.redact,
          log: ports.log,
        }),
        progress: (line) => ports.log.info(ports.redact(line)),
      },
    );
  } catch (e) {
    const message = messageOf(e);
    const hint = hintOf(e) ?? 'check the environment’s kubeContext and the app’s kubeconfig (STREAMPILOT_KUBECONFIG)';
    ports.log.error(`deploying ${environment} at ${merge.sha} failed: ${ports.redact(message)}`);
    return { ...empty, failure: { reason: message, hint } };
  }
}

/**
 * The promotion gate: nothing failed, and nothing was skipped. Unlike the check run's success it
 * lets superseded jobs through — a newer merge is deploying them, and it passes this gate itself.
 */
function deployedCleanly(report: EnvironmentDeployReport): boolean {
  return deployConclusion(report) !== 'failure' && !report.jobs.some((j) => j.state === 'skipped');
}

/** Environments whose `after` is also deployed on merge come after it. */
function promotionOrder<T extends { environment: string }>(deploys: T[], project: ProjectSpec): T[] {
  const names = new Set(deploys.map((d) => d.environment));
  const depth = (name: string, seen = new Set<string>()): number => {
    const after = project.environments[name]?.after;
    if (!after || !names.has(after) || seen.has(after)) return 0;
    seen.add(name);
    return 1 + depth(after, seen);
  };
  return [...deploys].sort((a, b) => depth(a.environment) - depth(b.environment));
}

/** The pull request a merge commit came from, if GitHub knows one. */
async function mergedPullRequest(
  octokit: GitHubClient & DeploymentsClient,
  repo: RepoRef,
  sha: string,
  ports: Pick<BuildOnMergePorts, 'log' | 'redact'>,
): Promise<number | undefined> {
  try {
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
    return data[0]?.number;
  } catch (e) {
    ports.log.warn(`could not find the pull request of ${sha}: ${ports.redact(messageOf(e))}`);
    return undefined;
  }
}

/** `a` is newer than `b` when b is an ancestor of a (both on the default branch). */
async function isNewerCommit(
  octokit: GitHubClient & DeploymentsClient,
  merge: MergeInput,
  ports: BuildOnMergePorts,
  a: string,
  b: string,
): Promise<boolean> {
  if (a === b) return false;
  const token = /^https?:\/\//i.test(merge.cloneUrl) ? await installationToken(octokit) : undefined;
  return ports.repositories.withRepository(
    { cloneUrl: merge.cloneUrl, ...(token ? { token } : {}) },
    async (mirror) => {
      await mirror.fetch([a, b]);
      return (await mirror.mergeBase(a, b)) === b;
    },
  );
}
