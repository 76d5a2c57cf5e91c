import { messageOf } from '../errors.js';
import { applyJob } from '../deploy/apply-job.js';
import { findOrphans, pruneOrphans } from '../deploy/find-orphans.js';
import { followRollout } from '../deploy/follow-rollout.js';
import { acquireJobLease, LeaseWaitTimeout } from '../deploy/job-lease.js';
import { progressOf, reachedGoal, type FlinkObject, type RolloutGoal } from '../deploy/rollout-status.js';
import { pruneSqlConfigMaps } from '../deploy/prune-sql-configmaps.js';
import { missingSecrets } from '../deploy/verify-secrets.js';
import type {
  DeployedRef,
  EnvironmentDeployReport,
  FlinkRest,
  FlinkRestTarget,
  JobDeployReport,
  OrphanReport,
  WebUiLink,
} from '../deploy/types.js';
import { webUiLink } from '../deploy/web-ui-link.js';
import type { KubeClient } from '../kube/client.js';
import { ANNOTATION, repositoryLabel } from '../render/object-meta.js';
import { ownershipOf } from '../deploy/repository-ownership.js';
import type { PreparedJob } from './prepare-deploy.js';
import { suspendDisabled } from './suspend-disabled.js';
import { mapBounded } from '../text/map-bounded.js';
import { reportOf } from '../deploy/rollout-report.js';
import { restTarget } from '../flink/rest-target.js';

/** Records each real deploy somewhere people look (GitHub Deployments in the app; nothing in the CLI). */
export interface DeployRecorder {
  /** A job is about to be written to the cluster; returns an id to finish it with. */
  started(job: PreparedJob): Promise<number | undefined>;
  finished(id: number, report: JobDeployReport): Promise<void>;
}

export interface DeployEnvironmentOptions {
  environment: string;
  /**
   * The repository deploying, `owner/name` (the jobs' objects carry it too): orphans are looked
   * for among its objects only, as another repository may share the namespace and environment name.
   */
  repository: string;
  /** The commit being deployed. */
  sha: string;
  kubeContext?: string;
  /** Take over fields other managers changed (drift) instead of reporting them. */
  force: boolean;
  /** Delete resources of jobs no longer in Git, instead of only reporting them. */
  prune: boolean;
  timeoutMs: number;
  /** Jobs deployed at once (default 4): rollouts are waits, so a merge of 50 jobs is not 50 waits in a row. */
  concurrency?: number;
  leaseDurationSeconds?: number;
  /** How often a waiting lease is looked at again. */
  leasePollMs?: number;
  /** Only these jobs were asked for (CLI `deploy job…`): orphans are not looked for then. */
  partial?: boolean;
  /** The environment's own namespace, searched for orphans besides the jobs' (a namespace whose jobs all left Git). */
  namespace?: string;
}

export interface DeployEnvironmentPorts {
  kube: KubeClient;
  flink?: FlinkRest;
  /** This process, as named in the Leases it holds. */
  identity: string;
  /** True when commit `a` is newer than commit `b` (b is an ancestor of a). */
  isNewer(a: string, b: string): Promise<boolean>;
  recorder?: DeployRecorder;
  progress: (line: string) => void;
}

/**
 * Deploy one environment: for each job, take its Lease, apply its objects (drift is reported,
 * not overwritten, unless forced), follow the rollout to RUNNING or a failure with its reason,
 * and link its Web UI; then look for resources of jobs no longer in Git. Every job ends with a
 * state: nothing is left "in progress".
 */
export async function deployEnvironment(
  jobs: readonly PreparedJob[],
  options: DeployEnvironmentOptions,
  ports: DeployEnvironmentPorts,
): Promise<EnvironmentDeployReport> {
  const reports = (await mapBounded(jobs, options.concurrency ?? 4, (job) => deployJob(job, options, ports))).filter(
    (r): r is JobDeployReport => r !== undefined,
  );
  let orphans: OrphanReport[] = [];
  try {
    orphans = options.partial ? [] : await orphansOf(jobs, options, ports);
  } catch (e) {
    // The jobs' outcomes stand; only the orphan list is missing, and the next deploy looks again.
    ports.progress(`${options.environment}: could not look for resources of jobs no longer in Git: ${messageOf(e)}`);
  }
  return { environment: options.environment, sha: options.sha, jobs: reports, orphans };
}

async function deployJob(
  input: PreparedJob,
  options: DeployEnvironmentOptions,
  ports: DeployEnvironmentPorts,
): Promise<JobDeployReport | undefined> {
  let prepared: Exclude<PreparedJob, { disabled: unknown }>;
  try {
    const ready = 'disabled' in input ? await suspendDisabled(ports.kube, input, options.environment) : input;
    // Disabled and absent: as before, such a job has no row.
    if (!ready) return undefined;
    prepared = ready;
  } catch (e) {
    const reason = messageOf(e);
    return {
      job: input.job.name,
      kind: input.kind,
      namespace: input.job.namespace,
      state: 'interrupted',
      failure: {
        summary: `could not look for the disabled job in the cluster: ${reason}`,
        events: [],
        logTail: [],
        hint: 'Check that the cluster is reachable, then push again or run `streampilot deploy`.',
      },
    };
  }
  const { job, kind } = prepared;
  const goal = job.state === 'suspended' ? 'suspended' : 'running';
  const base: JobDeployReport = {
    job: job.name,
    kind,
    namespace: job.namespace,
    state: 'skipped',
    ...(prepared.image ? { image: prepared.image } : {}),
  };
  if ('skip' in prepared) return { ...base, reason: prepared.skip };
  const started = Date.now();
  const say = (line: string) => ports.progress(`${options.environment}/${job.name}: ${line}`);
  const ref: DeployedRef = {
    apiVersion: prepared.objects.resource.apiVersion,
    kind,
    namespace: job.namespace,
    name: job.name,
  };

  // Before the Lease and any write: a pod whose Secret or key is missing never starts, and the
  // operator would report it only as a deployment that does not become ready.
  let secrets: Awaited<ReturnType<typeof missingSecrets>>;
  try {
    secrets = await missingSecrets(ports.kube, job, prepared.objects);
  } catch (e) {
    const reason = `the Secrets it needs could not be looked up: ${messageOf(e)}`;
    say(`not deployed: ${reason}`);
    return {
      ...base,
      state: 'interrupted',
      failure: {
        summary: `not deployed: ${reason}`,
        events: [],
        logTail: [],
        hint: 'Check that the cluster is reachable, then push again or run `streampilot deploy`.',
      },
      elapsedMs: Date.now() - started,
    };
  }
  if (secrets.problems.length > 0) {
    say(`not applied: ${secrets.problems.join('; ')}`);
    return {
      ...base,
      state: 'apply-failed',
      failure: {
        summary: `not applied: ${secrets.problems.join('; ')}`,
        events: [],
        logTail: [],
        ...(secrets.hint ? { hint: secrets.hint } : {}),
      },
      elapsedMs: Date.now() - started,
    };
  }

  let acquired: Awaited<ReturnType<typeof acquireJobLease>>;
  try {
    acquired = await acquireJobLease(
      ports.kube,
      { namespace: job.namespace, environment: options.environment, job: job.name },
      options.sha,
      {
        identity: ports.identity,
        isNewer: ports.isNewer,
        ...(options.leaseDurationSeconds ? { leaseDurationSeconds: options.leaseDurationSeconds } : {}),
        ...(options.leasePollMs ? { pollMs: options.leasePollMs } : {}),
        waitTimeoutMs: options.timeoutMs,
      },
    );
  } catch (e) {
    // Another deploy of this job held it for the whole timeout, or the cluster stopped answering.
    const reason = messageOf(e);
    const hint =
      e instanceof LeaseWaitTimeout
        ? e.hint
        : 'Check that the cluster is reachable, then push again or run `streampilot deploy`.';
    say(`not deployed: ${reason}`);
    return {
      ...base,
      state: e instanceof LeaseWaitTimeout ? 'timed-out' : 'interrupted',
      failure: { summary: `not deployed: ${reason}`, events: [], logTail: [], hint },
      elapsedMs: Date.now() - started,
    };
  }
  if (acquired.status === 'superseded') {
    say(`superseded by ${short(acquired.by)}`);
    return { ...base, state: 'superseded', supersededBy: acquired.by, elapsedMs: Date.now() - started };
  }
  const lease = acquired.lease;
  try {
    // A slower replica must not roll a job back to an older commit than the one already there.
    const live = await ports.kube.get(ref);
    // Another repository's commit says nothing about ours: applyJob refuses that object instead.
    const sameRepository = live !== undefined && ownershipOf(live, prepared.objects.resource).status !== 'foreign';
    const liveSha = sameRepository ? live.metadata?.annotations?.[ANNOTATION.gitSha] : undefined;
    if (liveSha && liveSha !== options.sha && (await ports.isNewer(liveSha, options.sha))) {
      say(`already at the newer commit ${short(liveSha)}`);
      return { ...base, state: 'superseded', supersededBy: liveSha, elapsedMs: Date.now() - started };
    }

    let deploymentId: number | undefined;
    const applied = await applyJob(ports.kube, prepared.objects, {
      force: options.force,
      beforeWrite: async () => {
        deploymentId = await ports.recorder?.started(prepared);
      },
    });
    const adopted = (applied.status === 'applied' || applied.status === 'unchanged') && applied.adopted;
    if (adopted) say(`adopted: it had no repository label; it belongs to ${options.repository} from now on`);
    const finish = async (report: JobDeployReport): Promise<JobDeployReport> => {
      const full = {
        ...report,
        ...(adopted ? { adoptedBy: options.repository } : {}),
        ...(deploymentId !== undefined ? { deploymentId } : {}),
        elapsedMs: Date.now() - started,
      };
      if (deploymentId !== undefined) await ports.recorder?.finished(deploymentId, full);
      return full;
    };

    switch (applied.status) {
      case 'drift':
        say(`not applied: ${applied.fields.length} field(s) changed outside Git`);
        return finish({ ...base, state: 'drift', drift: applied.fields });
      case 'failed':
        say(`not applied: ${applied.reason}`);
        return finish({
          ...base,
          state: 'apply-failed',
          failure: {
            summary: applied.reason,
            events: [],
            logTail: [],
            ...(applied.hint ? { hint: applied.hint } : {}),
          },
        });
      case 'unchanged': {
        const status = statusOf(applied.object);
        if (reachedGoal(applied.object as unknown as FlinkObject, goal)) {
          say(goal === 'suspended' ? 'unchanged (suspended)' : 'unchanged');
          if (goal === 'suspended') return finish({ ...base, state: 'suspended', ...status });
          return finish({ ...base, state: 'unchanged', ...status, ...(await link(job, ports, options)) });
        }
        // Nothing to apply, but the job is not running (an earlier rollout failed or is still
        // under way): a deploy answers for what runs, so it follows it like a new one.
        say(
          `unchanged, but ${[status.lifecycleState, status.jobState].filter(Boolean).join(' / ') || 'not running'}; waiting for ${goalWord(goal)}`,
        );
        break;
      }
      case 'applied':
        say(`applied (generation ${applied.generation}); waiting for ${goalWord(goal)}`);
        break;
    }
    const outcome = await followRollout(
      ports.kube,
      {
        ref,
        generation: applied.generation,
        goal,
        ...restTargetOf(prepared),
        ...(options.kubeContext ? { kubeContext: options.kubeContext } : {}),
      },
      {
        timeoutMs: options.timeoutMs,
        signal: lease.superseded,
        ...(ports.flink ? { flink: ports.flink } : {}),
        onProgress: (p) =>
          say([p.lifecycleState, p.jobState, p.jobManagerDeploymentStatus].filter(Boolean).join(' / ')),
      },
    );
    say(outcome.status);
    if (outcome.status === 'running' && prepared.objects.companions.length > 0) {
      const pruned = await pruneSqlConfigMaps(
        ports.kube,
        { namespace: job.namespace, environment: options.environment, name: job.name },
        prepared.objects.companions,
      ).catch(() => []);
      if (pruned.length > 0) say(`deleted the ConfigMaps of earlier versions: ${pruned.join(', ')}`);
    }
    const report = reportOf(outcome, lease.supersededBy());
    // An unchanged job that turns out fine was not deployed by this commit: it stays "unchanged".
    const state = applied.status === 'unchanged' && report.state === 'running' ? 'unchanged' : report.state;
    // A suspended job has no JobManager, so no Web UI to link.
    return finish({ ...base, ...report, state, ...(goal === 'running' ? await link(job, ports, options) : {}) });
  } catch (e) {
    // A cluster that stops answering mid-deploy still ends this job with a reason.
    const reason = messageOf(e);
    say(`interrupted: ${reason}`);
    return {
      ...base,
      state: 'interrupted',
      failure: {
        summary: `the deploy was interrupted: ${reason}`,
        events: [],
        logTail: [],
        hint: 'Look at the job in the cluster; push again or run `streampilot deploy` to finish it.',
      },
      elapsedMs: Date.now() - started,
    };
  } finally {
    await lease.release().catch(() => undefined);
  }
}

function goalWord(goal: RolloutGoal): string {
  return goal === 'suspended' ? 'SUSPENDED' : 'RUNNING';
}

function statusOf(object: unknown): Pick<JobDeployReport, 'lifecycleState' | 'jobState'> {
  const { lifecycleState, jobState } = progressOf(object as FlinkObject);
  return { ...(lifecycleState ? { lifecycleState } : {}), ...(jobState ? { jobState } : {}) };
}

/** The JobManager a job's REST calls go to: its own cluster, or its session cluster. */
function restTargetOf(prepared: Pick<PreparedJob, 'job'>): { restTarget: FlinkRestTarget } {
  return {
    restTarget: restTarget(
      prepared.job.namespace,
      prepared.job.mode === 'session' ? (prepared.job.sessionCluster ?? prepared.job.name) : prepared.job.name,
    ),
  };
}

async function link(
  job: PreparedJob['job'],
  ports: DeployEnvironmentPorts,
  options: DeployEnvironmentOptions,
): Promise<{ webUi?: WebUiLink }> {
  try {
    const found = await webUiLink(ports.kube, job, options.kubeContext);
    return found ? { webUi: found } : {};
  } catch {
    // A link is a convenience: failing to read the service never fails the deploy.
    return {};
  }
}

async function orphansOf(
  jobs: readonly PreparedJob[],
  options: DeployEnvironmentOptions,
  ports: DeployEnvironmentPorts,
): Promise<OrphanReport[]> {
  const namespaces = [
    ...new Set([...(options.namespace ? [options.namespace] : []), ...jobs.map((j) => j.job.namespace)]),
  ];
  if (namespaces.length === 0) return [];
  const repository = repositoryLabel(options.repository);
  const found = await findOrphans(ports.kube, {
    environment: options.environment,
    namespaces,
    jobs: new Set(jobs.map((j) => j.job.name)),
    repository,
  });
  if (found.length === 0) return [];
  if (options.prune) return pruneOrphans(ports.kube, found, repository);
  return found.map((ref) => ({ kind: ref.kind, namespace: ref.namespace, name: ref.name, pruned: false }));
}

const short = (sha: string) => sha.slice(0, 7);
