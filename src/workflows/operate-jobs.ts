/**
 * `/restart`, `/suspend`, `/resume` (pull-request comments) and `streampilot restart|suspend|resume`
 * (terminal): one workflow. Per job: its Lease (commands and deploys of one job wait for each
 * other), the live object read and judged, a merge patch with who asked, then the rollout followed
 * to the state asked for. Every job ends with an outcome; nothing is left "in progress".
 */
import type { AccessDecision, DeployTarget } from '../deploy/cluster-access.js';
import { COMMAND_FIELD_MANAGER, type CommandAudit } from '../deploy/command-audit.js';
import { withCommandLease } from '../deploy/command-lease.js';
import { followRollout } from '../deploy/follow-rollout.js';
import {
  decide,
  LAST_STATE_PLACEHOLDER,
  notOurs,
  upgradeModeOf,
  type EnvironmentOperationReport,
  type JobOperation,
  type JobOperationReport,
  type LiveJob,
} from '../deploy/job-operation.js';
import { LeaseWaitTimeout } from '../deploy/job-lease.js';
import { restoredFromOf, type FlinkObject } from '../deploy/rollout-status.js';
import type { DeployedRef, FlinkKind, FlinkRest } from '../deploy/types.js';
import { webUiLink } from '../deploy/web-ui-link.js';
import { messageOf } from '../errors.js';
import { restTarget } from '../flink/rest-target.js';
import type { KubeClient } from '../kube/client.js';
import { FLINK_API_VERSION } from '../kube/types.js';
import type { PlannedEnvironment } from '../plan/types.js';
import { mapBounded } from '../text/map-bounded.js';

export type { JobOperation, JobOperationReport };

export interface OperateJobsRequest {
  operation: JobOperation;
  /** The environment as the plan has it (jobs, namespaces, kubeContext). */
  environment: PlannedEnvironment;
  jobs: readonly string[];
  /** `owner/name`: only objects labelled as this repository's are touched. */
  repository: string;
  audit: CommandAudit;
}

/** Where a job stands, for progress replies. */
export type JobStage =
  { stage: 'waiting'; holder: string; sha?: string } | { stage: 'following'; detail: string } | { stage: 'patched' };

export interface OperateJobsPorts {
  kube: KubeClient;
  /** The app's STREAMPILOT_CLUSTER_ACCESS; the CLI has none (the person's own RBAC limits them). */
  clusterAccess?: (target: DeployTarget) => AccessDecision;
  flink?: FlinkRest;
  /** Written as the Lease's holder while the command holds it. */
  holder: string;
  /** How long each job may take to reach the state asked for, Lease wait included. */
  timeoutMs: number;
  leaseDurationSeconds?: number;
  leasePollMs?: number;
  onStage?: (job: string, stage: JobStage) => void;
}

export type OperateJobsResult = EnvironmentOperationReport;

export async function operateJobs(request: OperateJobsRequest, ports: OperateJobsPorts): Promise<OperateJobsResult> {
  const { environment } = request;
  const planned = request.jobs.map((name) => environment.jobs.find((j) => j.name === name));
  const namespaces = [...new Set(planned.flatMap((j) => (j ? [j.job.namespace] : [])))];
  if (ports.clusterAccess) {
    const decision = ports.clusterAccess({
      repository: request.repository,
      environment: environment.name,
      context: environment.kubeContext,
      namespaces,
    });
    if (!decision.allowed)
      return { environment: environment.name, refused: { reason: decision.reason, hint: decision.hint }, jobs: [] };
  }
  const pairs = request.jobs.map((name, i) => ({ name, job: planned[i] }));
  const jobs = await mapBounded(pairs, 4, async ({ name, job }): Promise<JobOperationReport> => {
    if (!job)
      return {
        job: name,
        kind: 'FlinkDeployment',
        namespace: environment.namespace,
        outcome: 'refused',
        reason: `no job \`${name}\` in environment \`${environment.name}\``,
      };
    return operateJob(request, ports, job);
  });
  return { environment: environment.name, jobs };
}

async function operateJob(
  request: OperateJobsRequest,
  ports: OperateJobsPorts,
  job: PlannedEnvironment['jobs'][number],
): Promise<JobOperationReport> {
  const started = Date.now();
  const kind: FlinkKind = job.mode === 'session' ? 'FlinkSessionJob' : 'FlinkDeployment';
  const ref: DeployedRef = { apiVersion: FLINK_API_VERSION, kind, namespace: job.job.namespace, name: job.name };
  const base = { job: job.name, kind, namespace: ref.namespace };
  const where = `${ref.namespace}/${ref.name}`;
  const elapsed = () => ({ elapsedMs: Date.now() - started });
  try {
    return await withCommandLease(
      ports.kube,
      { namespace: ref.namespace, environment: request.environment.name, job: job.name },
      ports.holder,
      async (lost) => {
        const live = await ports.kube.get<LiveJob & FlinkObject & { apiVersion: string; kind: string }>(ref);
        if (!live)
          return {
            ...base,
            outcome: 'refused' as const,
            reason: `it is not deployed (there is no ${kind} ${where})`,
            hint: 'a merge (or `/deploy`) deploys it first',
            ...elapsed(),
          };
        const foreign = notOurs(live, request.repository, kind, where);
        if (foreign) return { ...base, outcome: 'refused' as const, reason: foreign, ...elapsed() };
        const upgradeMode = upgradeModeOf(live);
        const decision = decide(request.operation, live, request.audit);
        if (decision.kind === 'answer')
          return {
            ...base,
            upgradeMode,
            outcome: decision.outcome,
            reason: decision.reason,
            ...(decision.hint ? { hint: decision.hint } : {}),
            ...states(live),
            ...elapsed(),
          };
        const patched = await ports.kube.mergePatch<LiveJob & FlinkObject>(ref, decision.patch, {
          fieldManager: COMMAND_FIELD_MANAGER,
        });
        ports.onStage?.(job.name, { stage: 'patched' });
        const cluster = kind === 'FlinkSessionJob' ? (job.job.sessionCluster ?? job.name) : job.name;
        const outcome = await followRollout(
          ports.kube,
          {
            ref,
            generation: patched.metadata?.generation ?? 1,
            goal: decision.goal,
            restTarget: restTarget(ref.namespace, cluster),
            ...(request.environment.kubeContext ? { kubeContext: request.environment.kubeContext } : {}),
          },
          {
            timeoutMs: Math.max(1000, ports.timeoutMs - (Date.now() - started)),
            signal: lost,
            ...(ports.flink ? { flink: ports.flink } : {}),
            onProgress: (p) =>
              ports.onStage?.(job.name, {
                stage: 'following',
                detail: [p.lifecycleState, p.jobState].filter(Boolean).join(' / '),
              }),
          },
        );
        switch (outcome.status) {
          case 'running': {
            // Read once more: a resume restores from the savepoint its suspend recorded, which the follow counts as old.
            const now = await ports.kube.get<FlinkObject>(ref).catch(() => undefined);
            const restored = restoredFromOf(now?.status) ?? outcome.restoredFrom;
            const webUi = await webUiLink(ports.kube, job.job, request.environment.kubeContext).catch(() => undefined);
            return {
              ...base,
              upgradeMode,
              outcome: 'done' as const,
              jobState: 'RUNNING',
              lifecycleState: outcome.lifecycleState,
              ...(restored && restored !== LAST_STATE_PLACEHOLDER && upgradeMode !== 'stateless'
                ? { restoredFrom: restored }
                : {}),
              ...(webUi ? { webUi } : {}),
              ...elapsed(),
            };
          }
          case 'suspended':
            return {
              ...base,
              upgradeMode,
              outcome: 'done' as const,
              lifecycleState: outcome.lifecycleState,
              ...(outcome.savepoint && outcome.savepoint !== LAST_STATE_PLACEHOLDER
                ? { savepoint: outcome.savepoint }
                : {}),
              ...elapsed(),
            };
          case 'cancelled':
            return {
              ...base,
              upgradeMode,
              outcome: 'failed' as const,
              reason:
                'the command lost the job’s Lease while it waited for the operator (the cluster did not answer for too long)',
              hint: '`/status` shows what the job does now',
              ...elapsed(),
            };
          case 'failed':
          case 'timed-out':
            return {
              ...base,
              upgradeMode,
              outcome: outcome.status,
              failure: outcome.failure,
              ...(outcome.lifecycleState ? { lifecycleState: outcome.lifecycleState } : {}),
              ...(outcome.jobState ? { jobState: outcome.jobState } : {}),
              ...elapsed(),
            };
        }
      },
      {
        ...(ports.leaseDurationSeconds ? { leaseDurationSeconds: ports.leaseDurationSeconds } : {}),
        ...(ports.leasePollMs ? { pollMs: ports.leasePollMs } : {}),
        waitTimeoutMs: ports.timeoutMs,
        onWait: (holder) =>
          ports.onStage?.(job.name, {
            stage: 'waiting',
            holder: holder.identity,
            ...(holder.sha ? { sha: holder.sha } : {}),
          }),
      },
    );
  } catch (e) {
    return {
      ...base,
      outcome: e instanceof LeaseWaitTimeout ? 'timed-out' : 'failed',
      reason: e instanceof LeaseWaitTimeout ? `${messageOf(e)}: nothing was changed` : messageOf(e),
      ...(e instanceof LeaseWaitTimeout ? { hint: e.hint } : {}),
      ...elapsed(),
    };
  }
}

function states(live: LiveJob): Pick<JobOperationReport, 'lifecycleState' | 'jobState'> {
  const s = live.status;
  return {
    ...(s?.lifecycleState ? { lifecycleState: s.lifecycleState } : {}),
    ...(s?.jobStatus?.state ? { jobState: s.jobStatus.state } : {}),
  };
}
