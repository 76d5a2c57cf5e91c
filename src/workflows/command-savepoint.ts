/** `/savepoint [job…] [--env E]`: a savepoint of each job through the operator, answered with where it is. */
import {
  formatSavepointNoCluster,
  formatSavepointNotAllowed,
  formatSavepointReply,
} from '../report/savepoint-reply.js';
import type { PlannedJob } from '../plan/types.js';
import type { OperationRequest, OperationResult } from './command-types.js';
import { savepointJobs, savepointsVerdict } from './savepoint-jobs.js';

export async function savepointOperation({
  repo,
  comment,
  command,
  target,
  checked,
  base,
  ports,
}: OperationRequest): Promise<OperationResult> {
  const environment = target.environments[0]!;
  if (!ports.clusters) return { outcome: 'refused', text: formatSavepointNoCluster(environment, target.jobs) };
  const repository = `${repo.owner}/${repo.repo}`;
  // What is deployed is the base branch's job; a job only the pull request adds is looked up as it would be deployed.
  const deployed = checked.base.plan.environments.find((e) => e.name === environment);
  const proposed = checked.head.plan.environments.find((e) => e.name === environment);
  const jobs = target.jobs.map(
    (name) =>
      (deployed?.jobs.find((j) => j.name === name) ?? proposed?.jobs.find((j) => j.name === name)) as PlannedJob,
  );
  const planned = deployed ?? proposed!;
  const decision = ports.clusters.clusterAccess({
    repository,
    environment,
    context: planned.kubeContext,
    namespaces: [...new Set(jobs.map((j) => j.job.namespace))],
  });
  if (!decision.allowed) return { outcome: 'refused', text: formatSavepointNotAllowed(decision.reason, decision.hint) };
  const results = await savepointJobs({
    environment,
    jobs,
    repository,
    kube: ports.clusters.kube(environment, base),
    audit: { command: command.line, by: comment.author, at: comment.createdAt, url: comment.htmlUrl },
    holder: `${ports.clusters.identity ?? 'streampilot'} ${command.line.slice(0, 60)} by @${comment.author}`,
    ...(ports.serialise ? { serialise: ports.serialise } : {}),
    ...(ports.savepointTimeoutMs !== undefined ? { timeoutMs: ports.savepointTimeoutMs } : {}),
  });
  return {
    outcome: savepointsVerdict(results),
    text: ports.redact(formatSavepointReply(environment, results, 'markdown')),
  };
}
