import type { KubeClient } from '../kube/client.js';
import { FLINK_API_VERSION } from '../kube/types.js';
import { LABEL, MANAGED_BY } from '../render/object-meta.js';
import { RenderError } from '../render/render-error.js';
import { renderDeployObjects } from '../render/render-deploy-objects.js';
import type { PreparedJob } from './prepare-deploy.js';

type Disabled = Extract<PreparedJob, { disabled: unknown }>;
type Live = { metadata?: { labels?: Record<string, string> }; spec?: { image?: unknown } };

/**
 * `enabled: false` for an environment: the job must not run there. A resource of ours that
 * runs already is suspended (the operator stops the job, with a savepoint under upgradeMode
 * savepoint, and keeps the resource and its state), never deleted: the job is still in Git,
 * and `enabled: true` resumes it where it stopped. Deleting stays what pruning does to jobs
 * removed from Git. What is applied is the job as Git renders it, suspended, on the image it
 * runs now (a disabled job is not built, and a suspended one pulls nothing).
 *
 * Returns the job ready to apply, skipped with the reason when it cannot be, or undefined when
 * nothing of it is there: a job never deployed to an environment it is disabled in is no news.
 */
export async function suspendDisabled(
  kube: KubeClient,
  prepared: Disabled,
  environment: string,
): Promise<Exclude<PreparedJob, Disabled> | undefined> {
  const { kind } = prepared;
  const job = { ...prepared.job, state: 'suspended' as const };
  const live = await kube.get<Live>({ apiVersion: FLINK_API_VERSION, kind, namespace: job.namespace, name: job.name });
  const labels = live?.metadata?.labels ?? {};
  if (!live) return undefined;
  if (labels[LABEL.managedBy] !== MANAGED_BY || labels[LABEL.environment] !== environment)
    return {
      job,
      kind,
      skip: `\`enabled: false\` for ${environment}, and the ${kind} ${job.namespace}/${job.name} there is not one StreamPilot deployed for it: left as it is`,
    };
  const image = typeof live.spec?.image === 'string' ? live.spec.image : '';
  try {
    const objects = renderDeployObjects(job, {
      image,
      script: prepared.disabled.script,
      ...prepared.disabled.provenance,
    });
    return { job, kind, objects, ...(image ? { image } : {}) };
  } catch (e) {
    if (e instanceof RenderError)
      return { job, kind, skip: `\`enabled: false\`, but it cannot be rendered to suspend it: ${e.message}` };
    throw e;
  }
}
