import { UsageError } from '../../errors.js';
import { KubeApiError } from '../../kube/client.js';
import { formatStatusText, isHealthy } from '../../report/format-status.js';
import { checkRepository } from '../../workflows/check-repository.js';
import { environmentStatus } from '../../workflows/environment-status.js';
import { parseCommandArgs } from '../args.js';
import { STATUS_HELP } from '../help.js';
import type { Io } from '../main.js';
import { clusterProblem, connectCluster } from '../cluster.js';
import { repositoryIdentity } from '../repository-identity.js';
import { environmentNamespace, readProjectFile, requireEnvironment } from '../project-file.js';

/** `streampilot status --env <env>`: what the cluster runs for each job of the repository. */
export async function statusCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('status', args, {
    env: { type: 'string' },
    dir: { type: 'string' },
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    format: { type: 'string' },
  });
  if (values.help) {
    io.stdout(STATUS_HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`status: unexpected argument \`${positionals[0]}\``, 'run `streampilot status --help`');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(
      `status: --format must be text or json; got \`${format}\``,
      'use --format json for a machine-readable answer, or leave it out for text',
    );
  const root = values.dir ?? '.';
  const project = readProjectFile(root);
  const environment = requireEnvironment(project, values.env, 'status');
  const requested = values.context ?? project.environments[environment]!.kubeContext;
  const repository = await repositoryIdentity(root, project, 'status');
  const cluster = await connectCluster({
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    ...(requested ? { context: requested } : {}),
    environment,
    namespace: environmentNamespace(project, environment),
  });
  const planned = checkRepository(root, { environments: [environment] }).plan.environments[0];
  if (!planned) throw new UsageError(`status: environment ${environment} has nothing to show`);
  const status = await environmentStatus(planned, cluster.kube, { kubeContext: cluster.context, repository }).catch(
    (e: unknown) => {
      // The cluster answered the first read; one that fails later is still the cluster's problem, not ours.
      throw e instanceof KubeApiError ? clusterProblem(e, cluster.describe, planned.namespace) : e;
    },
  );
  io.stdout(format === 'json' ? JSON.stringify(status, null, 2) : formatStatusText(status));
  return status.jobs.every(isHealthy) ? 0 : 1;
}
