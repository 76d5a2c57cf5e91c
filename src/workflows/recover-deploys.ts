import { messageOf } from '../errors.js';
import type { AccessDecision, DeployTarget } from '../deploy/cluster-access.js';
import { followRollout } from '../deploy/follow-rollout.js';
import { acquireJobLease } from '../deploy/job-lease.js';
import type { DeployedRef, EnvironmentDeployReport, FlinkRest, JobDeployReport } from '../deploy/types.js';
import { webUiLink } from '../deploy/web-ui-link.js';
import { completeCheckRun, findCheckRun } from '../github/check-runs.js';
import {
  findInFlightDeployments,
  jobDeploymentStatus,
  setDeploymentStatus,
  type DeploymentsClient,
  type InFlightDeployment,
} from '../github/deployments.js';
import type { GitHubClient, RepoRef } from '../github/types.js';
import type { KubeClient } from '../kube/client.js';
import { FLINK_API_VERSION } from '../kube/types.js';
import { deployCheckRunName, formatDeployCheckRun } from '../report/deploy-check-run.js';
import { ANNOTATION, LABEL, repositoryLabel } from '../render/object-meta.js';
import type { ResolvedJob } from '../manifest/types.js';
import { BUILD_CHECK_NAME } from './build-on-merge.js';
import { reportOf } from '../deploy/rollout-report.js';
import { restTarget } from '../flink/rest-target.js';

export interface RecoverDeploysPorts {
  /** The cluster a deployment's payload names (its kubeContext, or in-cluster). */
  kube: (kubeContext: string | undefined) => KubeClient;
  /** The app's STREAMPILOT_CLUSTER_ACCESS: a Deployment's payload is writable by anyone who can push, so it is asked again. */
  clusterAccess: (target: DeployTarget) => AccessDecision;
  flink?: (kube: KubeClient) => FlinkRest;
  identity: string;
  /** How long a resumed job may still take. */
  timeoutMs: number;
  leaseDurationSeconds?: number;
  redact: (text: string) => string;
  log: { info(msg: string): void; warn(msg: string): void };
}

/**
 * After a restart: every GitHub Deployment of ours still in progress was left by a process that
 * died mid-deploy. Each is finished — its rollout followed to the end when its commit reached the
 * cluster — or reported: never applied (interrupted), or overtaken by a newer commit
 * (superseded). The deploy check runs they belong to are completed with the resumed jobs.
 */
export async function recoverDeploys(
  octokit: GitHubClient & DeploymentsClient,
  repo: RepoRef,
  ports: RecoverDeploysPorts,
): Promise<EnvironmentDeployReport[]> {
  const inFlight = await findInFlightDeployments(octokit, repo);
  if (inFlight.length === 0) return [];
  ports.log.info(`${repo.owner}/${repo.repo}: resuming ${inFlight.length} deploy(s) left in progress`);
  const groups = new Map<string, { environment: string; sha: string; jobs: JobDeployReport[] }>();
  await Promise.all(
    inFlight.map(async (deployment) => {
      const report = await resumeOne(repo, deployment, ports);
      await setDeploymentStatus(octokit, repo, deployment.id, jobDeploymentStatus(report), ports.redact).catch(
        (e: unknown) =>
          ports.log.warn(`could not record the outcome of deployment ${deployment.id}: ${ports.redact(messageOf(e))}`),
      );
      const environment = deployment.payload?.environment ?? deployment.environment;
      const key = `${environment}@${deployment.sha}`;
      const group = groups.get(key) ?? { environment, sha: deployment.sha, jobs: [] };
      group.jobs.push(report);
      groups.set(key, group);
    }),
  );
  const reports: EnvironmentDeployReport[] = [];
  for (const group of groups.values()) {
    const report: EnvironmentDeployReport = {
      environment: group.environment,
      sha: group.sha,
      jobs: group.jobs,
      orphans: [],
    };
    reports.push(report);
    const run = await findCheckRun(octokit, repo, group.sha, deployCheckRunName(group.environment));
    if (run && run.status !== 'completed') {
      await completeCheckRun(
        octokit,
        repo,
        { name: run.name, headSha: group.sha, id: run.id },
        formatDeployCheckRun(report, { redact: ports.redact }),
      );
    }
  }
  return reports;
}

/**
 * A merge whose build or deploy check run on the default branch's head is still in progress,
 * with no Deployment left to resume: the process died before its first write to the cluster
 * (while building, or waiting for a Lease). Its SHA, for the merge to be run again — idempotent:
 * images are reused, unchanged jobs left alone, and Leases keep it from racing a live replica.
 */
export async function unfinishedMerge(
  octokit: GitHubClient,
  repo: RepoRef,
  defaultBranch: string,
  resumed: readonly EnvironmentDeployReport[],
): Promise<string | undefined> {
  const { data } = await octokit.rest.checks.listForRef({
    ...repo,
    ref: defaultBranch,
    filter: 'latest',
    per_page: 100,
  });
  const ours = (name: string) => name === BUILD_CHECK_NAME || name.startsWith(deployCheckRunName(''));
  const stuck = data.check_runs.filter((run) => ours(run.name) && run.status !== 'completed');
  // Runs the recovery of its Deployments just completed are not stuck any more.
  const open = stuck.filter(
    (run) => !resumed.some((r) => r.sha === run.head_sha && run.name === deployCheckRunName(r.environment)),
  );
  return open[0]?.head_sha;
}

async function resumeOne(
  repo: RepoRef,
  deployment: InFlightDeployment,
  ports: RecoverDeploysPorts,
): Promise<JobDeployReport> {
  const payload = deployment.payload;
  if (!payload) {
    return {
      job: deployment.environment,
      kind: 'FlinkDeployment',
      namespace: '',
      state: 'interrupted',
      failure: {
        summary: 'StreamPilot restarted mid-deploy, and this deployment does not say which job it was',
        events: [],
        logTail: [],
        hint: 'Push again, or run `streampilot deploy`.',
      },
    };
  }
  const base: JobDeployReport = {
    job: payload.job,
    kind: payload.kind,
    namespace: payload.namespace,
    state: 'interrupted',
  };
  const redeploy = `push again, or run \`streampilot deploy --env ${payload.environment} ${payload.job}\``;
  const access = ports.clusterAccess({
    repository: `${repo.owner}/${repo.repo}`,
    environment: payload.environment,
    context: payload.kubeContext,
    namespaces: [payload.namespace],
  });
  if (!access.allowed)
    return {
      ...base,
      failure: {
        summary: `StreamPilot restarted mid-deploy and did not resume it: ${access.reason}`,
        events: [],
        logTail: [],
        hint: access.hint,
      },
    };
  try {
    const kube = ports.kube(payload.kubeContext);
    const ref: DeployedRef = {
      apiVersion: FLINK_API_VERSION,
      kind: payload.kind,
      namespace: payload.namespace,
      name: payload.name,
    };
    const live = await kube.get<{
      apiVersion: string;
      kind: string;
      metadata?: { generation?: number; annotations?: Record<string, string>; labels?: Record<string, string> };
      spec?: { image?: string; deploymentName?: string; job?: { state?: string } };
    }>(ref);
    // Another repository's job of the same name: its commit is no newer one of ours, and its rollout not ours to follow.
    const owner = live?.metadata?.labels?.[LABEL.repository];
    if (owner !== undefined && owner !== repositoryLabel(`${repo.owner}/${repo.repo}`)) {
      const theirs = live?.metadata?.annotations?.[ANNOTATION.repository] ?? `the repository labelled ${owner}`;
      return {
        ...base,
        failure: {
          summary: `StreamPilot restarted mid-deploy, and ${payload.kind} ${payload.namespace}/${payload.name} now belongs to repository ${theirs}: this deploy was not resumed`,
          events: [],
          logTail: [],
          hint: 'rename the job in one of the two repositories, or deploy it to another namespace',
        },
      };
    }
    const liveSha = live?.metadata?.annotations?.[ANNOTATION.gitSha];
    if (!live || !liveSha) {
      return {
        ...base,
        failure: {
          summary: `StreamPilot restarted before ${payload.job} was applied: nothing of this deploy reached the cluster`,
          events: [],
          logTail: [],
          hint: redeploy,
        },
      };
    }
    const image = live.spec?.image ? { image: live.spec.image } : {};
    // Deploys only ever move a resource forward (Lease, newer-commit check): another commit there is a newer one.
    if (liveSha !== payload.sha) return { ...base, ...image, state: 'superseded', supersededBy: liveSha };

    const acquired = await acquireJobLease(
      kube,
      { namespace: payload.namespace, environment: payload.environment, job: payload.job },
      payload.sha,
      {
        identity: ports.identity,
        isNewer: async () => false,
        ...(ports.leaseDurationSeconds ? { leaseDurationSeconds: ports.leaseDurationSeconds } : {}),
        waitTimeoutMs: ports.timeoutMs,
      },
    );
    if (acquired.status === 'superseded') return { ...base, ...image, state: 'superseded', supersededBy: acquired.by };
    try {
      const cluster = payload.kind === 'FlinkSessionJob' ? (live.spec?.deploymentName ?? payload.name) : payload.name;
      const outcome = await followRollout(
        kube,
        {
          ref,
          generation: live.metadata?.generation ?? 1,
          // A deploy that was suspending the job (state: suspended, enabled: false) waits for that.
          goal: live.spec?.job?.state === 'suspended' ? 'suspended' : 'running',
          restTarget: restTarget(payload.namespace, cluster),
          ...(payload.kubeContext ? { kubeContext: payload.kubeContext } : {}),
        },
        {
          timeoutMs: ports.timeoutMs,
          signal: acquired.lease.superseded,
          ...(ports.flink ? { flink: ports.flink(kube) } : {}),
        },
      );
      // The link needs only the names: the service is read from the cluster.
      const job = {
        name: payload.name,
        namespace: payload.namespace,
        mode: payload.kind === 'FlinkSessionJob' ? 'session' : 'application',
        ...(live.spec?.deploymentName ? { sessionCluster: live.spec.deploymentName } : {}),
      } as ResolvedJob;
      const webUi = await webUiLink(kube, job, payload.kubeContext).catch(() => undefined);
      return {
        ...base,
        ...image,
        ...reportOf(outcome, acquired.lease.supersededBy()),
        ...(webUi ? { webUi } : {}),
        deploymentId: deployment.id,
      };
    } finally {
      await acquired.lease.release().catch(() => undefined);
    }
  } catch (e) {
    const reason = messageOf(e);
    return {
      ...base,
      failure: {
        summary: `StreamPilot restarted mid-deploy and could not resume it: ${reason}`,
        events: [],
        logTail: [],
        hint: redeploy,
      },
    };
  }
}
