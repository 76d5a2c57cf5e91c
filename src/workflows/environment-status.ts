import { findOrphans } from '../deploy/find-orphans.js';
import { parseOperatorError } from '../deploy/rollout-status.js';
import type { DeployedRef, FlinkKind } from '../deploy/types.js';
import { webUiLink } from '../deploy/web-ui-link.js';
import type { KubeClient } from '../kube/client.js';
import { FLINK_API_VERSION } from '../kube/types.js';
import type { PlannedEnvironment } from '../plan/types.js';
import { ANNOTATION, LABEL, repositoryLabel } from '../render/object-meta.js';
import type { EnvironmentStatus, JobStatus } from '../deploy/types.js';
import { COMMAND_ANNOTATION } from '../deploy/command-audit.js';
import { rollbackMarkOf } from '../deploy/rollback-marker.js';
import { lastCommandOf } from '../deploy/job-operation.js';

export type { EnvironmentStatus, JobStatus };

interface LiveResource {
  metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: { image?: string; job?: { state?: string } };
  status?: { lifecycleState?: string; jobStatus?: { state?: string }; error?: string };
}

/**
 * What runs in an environment, read from the cluster: each job's operator status, provenance and
 * Web UI. Only `repository`'s objects count: a job of the same name another repository deployed
 * is not this one's (its status says whose it is), nor is another repository's job an orphan. Reads only.
 */
export async function environmentStatus(
  environment: PlannedEnvironment,
  kube: KubeClient,
  options: { kubeContext?: string; repository: string },
): Promise<EnvironmentStatus> {
  const repository = repositoryLabel(options.repository);
  // A disabled job is still in Git: listed when a (suspended) resource of it is there, never an orphan.
  const all = environment.jobs;
  const listed = await Promise.all(
    all.map(async (planned): Promise<JobStatus> => {
      const kind: FlinkKind = planned.mode === 'session' ? 'FlinkSessionJob' : 'FlinkDeployment';
      const ref: DeployedRef = {
        apiVersion: FLINK_API_VERSION,
        kind,
        namespace: planned.job.namespace,
        name: planned.name,
      };
      const live = await kube.get<LiveResource & { apiVersion: string; kind: string }>(ref);
      const base: JobStatus = { job: planned.name, kind, namespace: ref.namespace, deployed: Boolean(live) };
      if (!live) return base;
      const annotations = live.metadata?.annotations ?? {};
      const owner = live.metadata?.labels?.[LABEL.repository];
      if (owner !== undefined && owner !== repository) {
        return { ...base, deployed: false, otherRepository: annotations[ANNOTATION.repository] ?? owner };
      }
      const mark = rollbackMarkOf(annotations);
      const by = annotations[COMMAND_ANNOTATION.by];
      const at = annotations[COMMAND_ANNOTATION.at];
      const rolledBack = mark ? { ...mark, ...(by ? { by } : {}), ...(at ? { at } : {}) } : undefined;
      const link = await webUiLink(kube, planned.job, options.kubeContext).catch(() => undefined);
      return {
        ...base,
        ...(live.status?.lifecycleState ? { lifecycleState: live.status.lifecycleState } : {}),
        ...(live.status?.jobStatus?.state ? { jobState: live.status.jobStatus.state } : {}),
        ...(live.status?.error ? { error: parseOperatorError(live.status.error)?.message ?? live.status.error } : {}),
        ...(live.spec?.image ? { image: live.spec.image } : {}),
        ...(annotations[ANNOTATION.gitSha] ? { gitSha: annotations[ANNOTATION.gitSha] } : {}),
        ...(annotations[ANNOTATION.pullRequest] ? { pullRequest: annotations[ANNOTATION.pullRequest] } : {}),
        ...(link ? { webUi: link } : {}),
        ...(rolledBack ? { rolledBack } : {}),
        ...heldByCommand(live, planned.enabled ? planned.job.state : 'suspended'),
      };
    }),
  );
  const jobs = listed.filter((status, i) => all[i]!.enabled || status.deployed);
  const namespaces = [...new Set([environment.namespace, ...all.map((j) => j.job.namespace)])];
  const orphans = (
    await findOrphans(kube, {
      environment: environment.name,
      namespaces,
      jobs: new Set(all.map((j) => j.name)),
      repository,
    })
  ).map((ref) => ({ kind: ref.kind, namespace: ref.namespace, name: ref.name, pruned: false }));
  return { environment: environment.name, jobs, orphans };
}

/** The live job state differs from Git's, and the last command recorded on the object is what set it. */
function heldByCommand(live: LiveResource, gitState: 'running' | 'suspended'): Pick<JobStatus, 'heldByCommand'> {
  const state = live.spec?.job?.state === 'suspended' ? 'suspended' : 'running';
  const last = lastCommandOf(live);
  if (state === gitState || !last) return {};
  return { heldByCommand: { state, gitState, command: last.command, by: last.by, at: last.at } };
}
