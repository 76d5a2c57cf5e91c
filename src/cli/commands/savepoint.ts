import { userInfo } from 'node:os';
import { UsageError } from '../../errors.js';
import { KubeApiError } from '../../kube/client.js';
import { parseDuration } from '../../manifest/deploy-settings.js';
import { formatSavepointReply } from '../../report/savepoint-reply.js';
import { didYouMean } from '../../text/did-you-mean.js';
import { checkRepository } from '../../workflows/check-repository.js';
import { savepointJobs, savepointsVerdict } from '../../workflows/savepoint-jobs.js';
import { parseCommandArgs } from '../args.js';
import { clusterProblem, connectCluster } from '../cluster.js';
import { SAVEPOINT_HELP } from '../help.js';
import type { Io } from '../main.js';
import { environmentNamespace, readProjectFile, requireEnvironment } from '../project-file.js';
import { repositoryIdentity } from '../repository-identity.js';

/** Longest wait the command accepts: a savepoint that takes longer is the operator's to finish. */
const MAX_TIMEOUT_MS = 60 * 60_000;

/** `streampilot savepoint --env <env> [job…]`: what `/savepoint` does, from a terminal. */
export async function savepointCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('savepoint', args, {
    env: { type: 'string' },
    dir: { type: 'string' },
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    timeout: { type: 'string' },
  });
  if (values.help) {
    io.stdout(SAVEPOINT_HELP);
    return 0;
  }
  const timeoutMs = values.timeout !== undefined ? timeoutOf(values.timeout) : undefined;
  const root = values.dir ?? '.';
  const project = readProjectFile(root);
  const environment = requireEnvironment(project, values.env, 'savepoint');
  const planned = checkRepository(root, { environments: [environment] }).plan.environments[0];
  if (!planned) throw new UsageError(`savepoint: environment ${environment} has no jobs`);
  const enabled = planned.jobs.filter((j) => j.enabled);
  const names = enabled.map((j) => j.name);
  for (const job of positionals)
    if (!names.includes(job)) {
      const guess = didYouMean(job, names);
      throw new UsageError(
        `savepoint: no job \`${job}\` runs in environment ${environment}${guess ? `; did you mean \`${guess}\`?` : ''}`,
        `the jobs there: ${names.join(', ') || '(none)'}`,
      );
    }
  const jobs = positionals.length ? enabled.filter((j) => positionals.includes(j.name)) : enabled;
  if (!jobs.length) throw new UsageError(`savepoint: no job runs in environment ${environment}`);
  const requested = values.context ?? project.environments[environment]!.kubeContext;
  const repository = await repositoryIdentity(root, project, 'savepoint');
  const cluster = await connectCluster({
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    ...(requested ? { context: requested } : {}),
    environment,
    namespace: environmentNamespace(project, environment),
  });
  io.stderr(`Taking a savepoint of ${jobs.map((j) => j.name).join(', ')} in ${environment}…`);
  const results = await savepointJobs({
    environment,
    jobs,
    repository,
    kube: cluster.kube,
    audit: {
      command: ['streampilot savepoint', `--env ${environment}`, ...positionals].join(' '),
      by: localUser(),
      at: new Date().toISOString(),
    },
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    onProgress: (job, state) => io.stderr(`${job}: ${state.toLowerCase().replace(/_/g, ' ')}`),
  }).catch((e: unknown) => {
    throw e instanceof KubeApiError ? clusterProblem(e, cluster.describe, planned.namespace) : e;
  });
  io.stdout(formatSavepointReply(environment, results, 'text'));
  return savepointsVerdict(results) === 'done' ? 0 : 1;
}

/** Who gave the command, for the annotations on what it changes. */
function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

function timeoutOf(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0 || ms > MAX_TIMEOUT_MS)
    throw new UsageError(
      `savepoint: --timeout must be a duration above zero and at most 1h; got \`${value}\``,
      'give a number with its unit: 90s, 10m or 1h',
    );
  return ms;
}
