/** `/status`: what each environment's cluster runs now, as the base branch describes it. */
import { messageOf } from '../errors.js';
import { formatNoClusterAccess, formatStatusReply } from '../report/command-reply.js';
import type { OperationRequest, OperationResult } from './command-types.js';
import { environmentStatus } from './environment-status.js';

export async function statusOperation({
  repo,
  target,
  checked,
  base,
  ports,
}: OperationRequest): Promise<OperationResult> {
  const plan = checked.base.plan;
  if (!ports.clusters) return { outcome: 'refused', text: formatNoClusterAccess(target.environments) };
  const clusters = ports.clusters;
  const results = await Promise.all(
    target.environments.map(async (environment) => {
      const planned = plan.environments.find((e) => e.name === environment)!;
      const enabled = planned.jobs.filter((j) => j.enabled);
      const decision = clusters.clusterAccess({
        repository: `${repo.owner}/${repo.repo}`,
        environment,
        context: planned.kubeContext,
        namespaces: [...new Set([planned.namespace, ...enabled.map((j) => j.job.namespace)])],
      });
      if (!decision.allowed) return { environment, problem: `${decision.reason} (${decision.hint})` };
      try {
        const kube = clusters.kube(environment, base!);
        const status = await environmentStatus(planned, kube, {
          repository: `${repo.owner}/${repo.repo}`,
          ...(planned.kubeContext ? { kubeContext: planned.kubeContext } : {}),
        });
        return { environment, status };
      } catch (e) {
        return { environment, problem: `could not read the cluster: ${ports.redact(messageOf(e))}` };
      }
    }),
  );
  return { outcome: 'done', text: formatStatusReply(results) };
}
