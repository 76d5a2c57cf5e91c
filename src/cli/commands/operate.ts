import { hostname, userInfo } from 'node:os';
import { UsageError } from '../../errors.js';
import { createFlinkRest } from '../../flink/rest-client.js';
import { KubeApiError } from '../../kube/client.js';
import { deploySettings, MAX_DEPLOY_TIMEOUT_MS, parseDuration } from '../../manifest/deploy-settings.js';
import { formatOperationText } from '../../report/job-operation-reply.js';
import { checkRepository } from '../../workflows/check-repository.js';
import { operateJobs, type JobOperation } from '../../workflows/operate-jobs.js';
import { parseCommandArgs } from '../args.js';
import { clusterProblem, connectCluster } from '../cluster.js';
import { OPERATE_HELP } from '../help.js';
import type { Io } from '../main.js';
import { environmentNamespace, readProjectFile, requireEnvironment } from '../project-file.js';
import { repositoryIdentity } from '../repository-identity.js';

/**
 * `streampilot restart|suspend|resume --env <env> [job…]`: what `/restart`, `/suspend` and
 * `/resume` do from a pull request, for the on-call engineer at a terminal, through the same
 * workflow. Recorded on each changed object as given by the local user.
 */
export function operateCommand(operation: JobOperation) {
  return async (args: string[], io: Io): Promise<number> => {
    const { values, positionals } = parseCommandArgs(operation, args, {
      env: { type: 'string' },
      dir: { type: 'string' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      timeout: { type: 'string' },
    });
    if (values.help) {
      io.stdout(OPERATE_HELP(operation));
      return 0;
    }
    const root = values.dir ?? '.';
    const project = readProjectFile(root);
    const environment = requireEnvironment(project, values.env, operation);
    const timeoutMs =
      values.timeout !== undefined
        ? timeoutOf(operation, values.timeout)
        : deploySettings(project, environment).timeoutMs;
    const planned = checkRepository(root, { environments: [environment] }).plan.environments[0];
    if (!planned) throw new UsageError(`${operation}: environment ${environment} has no jobs`);
    const known = planned.jobs.filter((j) => j.enabled).map((j) => j.name);
    if (positionals.length === 0)
      throw new UsageError(
        `${operation}: name the jobs to ${operation}`,
        `the jobs of ${environment}: ${known.join(', ') || '(none)'}`,
      );
    const unknown = positionals.filter((j) => !planned.jobs.some((p) => p.name === j));
    if (unknown.length)
      throw new UsageError(
        `${operation}: no job ${unknown.join(', ')} in environment ${environment}`,
        `the jobs of ${environment}: ${known.join(', ') || '(none)'}`,
      );
    const requested = values.context ?? project.environments[environment]!.kubeContext;
    const repository = await repositoryIdentity(root, project, operation);
    const cluster = await connectCluster({
      ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
      ...(requested ? { context: requested } : {}),
      environment,
      namespace: environmentNamespace(project, environment),
    });
    const user = userInfo().username;
    const line = ['streampilot', operation, '--env', environment, ...positionals].join(' ');
    const report = await operateJobs(
      {
        operation,
        environment: { ...planned, kubeContext: cluster.context },
        jobs: [...new Set(positionals)],
        repository,
        audit: { command: line, by: user, at: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
      },
      {
        kube: cluster.kube,
        flink: createFlinkRest(cluster.kube),
        holder: `cli-${user}@${hostname()}-${process.pid} ${operation}`,
        timeoutMs,
        onStage: (job, stage) => {
          if (stage.stage === 'waiting')
            io.stderr(
              `${job}: waiting for ${stage.sha ? `the deploy of ${stage.sha.slice(0, 7)}` : stage.holder} to finish`,
            );
          else if (stage.stage === 'patched') io.stderr(`${job}: asked the operator to ${operation} it`);
          else if (stage.detail) io.stderr(`${job}: ${stage.detail}`);
        },
      },
    ).catch((e: unknown) => {
      throw e instanceof KubeApiError ? clusterProblem(e, cluster.describe, planned.namespace) : e;
    });
    io.stdout(formatOperationText(operation, report));
    return report.jobs.every((j) => j.outcome === 'done' || j.outcome === 'unchanged') ? 0 : 1;
  };
}

function timeoutOf(operation: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0 || ms > MAX_DEPLOY_TIMEOUT_MS)
    throw new UsageError(
      `${operation}: --timeout must be a duration above zero and at most 24h; got \`${value}\``,
      'give a number with its unit: 90s, 10m, 1h or 1h30m',
    );
  return ms;
}
