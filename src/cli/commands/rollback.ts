import { hostname, userInfo } from 'node:os';
import { createBuildPorts } from '../../image/build-ports.js';
import { UsageError } from '../../errors.js';
import { createFlinkRest } from '../../flink/rest-client.js';
import { resolveLocalCommit, withLocalTree } from '../../git/local-tree.js';
import { FLINK_API_VERSION } from '../../kube/types.js';
import { deploySettings } from '../../manifest/deploy-settings.js';
import { ANNOTATION, LABEL, repositoryLabel } from '../../render/object-meta.js';
import { formatRollbackReply, rolledBack, type RollbackRow } from '../../report/rollback-reply.js';
import { checkRepository } from '../../workflows/check-repository.js';
import { rollbackJobs } from '../../workflows/rollback-jobs.js';
import { parseCommandArgs } from '../args.js';
import { ROLLBACK_HELP } from '../help.js';
import type { Io } from '../main.js';
import { connectCluster } from '../cluster.js';
import { repositoryIdentity } from '../repository-identity.js';
import { environmentNamespace, readProjectFile, requireEnvironment } from '../project-file.js';

/**
 * `streampilot rollback --env <env> [job…] --to <sha>`: the app's `/rollback` from a terminal. The
 * CLI has no GitHub Deployments history, and the cluster keeps only the commit that runs now (on
 * the resource and its Lease), not the ones before: so the commit is always named.
 */
export async function rollbackCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('rollback', args, {
    env: { type: 'string' },
    to: { type: 'string' },
    dir: { type: 'string' },
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
  });
  if (values.help) {
    io.stdout(ROLLBACK_HELP);
    return 0;
  }
  const root = values.dir ?? '.';
  const project = readProjectFile(root);
  const environment = requireEnvironment(project, values.env, 'rollback');
  if (!values.to)
    throw new UsageError(
      'rollback: --to <sha> is required: from a terminal StreamPilot cannot see the earlier deployments (GitHub Deployments), and the cluster records only the commit that runs now',
      `name the commit to return to, e.g. \`streampilot rollback --env ${environment} --to <sha>\` (\`git log\` of the job folder lists them; the app's \`/rollback\` finds it by itself)`,
    );
  const sha = await resolveLocalCommit(root, values.to);
  const namespace = environmentNamespace(project, environment);
  const planned = checkRepository(root, { environments: [environment] }).plan.environments[0];
  const known = planned?.jobs.filter((j) => j.enabled).map((j) => j.name) ?? [];
  const unknown = positionals.filter((j) => !known.includes(j));
  if (unknown.length)
    throw new UsageError(
      `rollback: no job ${unknown.join(', ')} in environment ${environment}`,
      `jobs there: ${known.join(', ') || '(none)'}`,
    );
  const jobs = positionals.length ? positionals : known;
  const requested = values.context ?? project.environments[environment]!.kubeContext;
  const repository = await repositoryIdentity(root, project, 'rollback');
  const { kube, context } = await connectCluster({
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    ...(requested ? { context: requested } : {}),
    environment,
    namespace,
  });
  const current = await Promise.all(
    jobs.map(async (name) => {
      const job = planned?.jobs.find((j) => j.name === name);
      const kind = job?.mode === 'session' ? 'FlinkSessionJob' : 'FlinkDeployment';
      const live = await kube.get({
        apiVersion: FLINK_API_VERSION,
        kind,
        namespace: job?.job.namespace ?? namespace,
        name,
      });
      const ours = live?.metadata?.labels?.[LABEL.repository] === repositoryLabel(repository);
      return ours ? live?.metadata?.annotations?.[ANNOTATION.gitSha] : undefined;
    }),
  );
  const user = userInfo().username;
  const reports = await rollbackJobs(
    jobs.map((job, i) => ({ job, sha, ...(current[i] ? { from: current[i] } : {}) })),
    {
      environment,
      repository,
      namespace,
      kubeContext: context,
      timeoutMs: deploySettings(project, environment).timeoutMs,
      audit: {
        command: `streampilot rollback --env ${environment}${positionals.length ? ` ${positionals.join(' ')}` : ''} --to ${values.to}`,
        by: user,
        at: new Date().toISOString(),
      },
    },
    {
      checkout: (at, work) => withLocalTree(root, at, work),
      buildPorts: (then) => createBuildPorts(then, { progress: (line) => io.stderr(line), docker: 'none' }),
      kube,
      flink: createFlinkRest(kube),
      identity: `cli-${user}@${hostname()}-${process.pid}`,
      progress: (line) => io.stderr(line),
    },
  );
  const rows: RollbackRow[] = jobs.map((job, i) => ({
    job,
    to: sha,
    ...(current[i] ? { from: current[i] } : {}),
    report: reports.flatMap((r) => r.jobs).find((j) => j.job === job)!,
  }));
  io.stdout(formatRollbackReply({ environment, rows }));
  return rows.every(rolledBack) ? 0 : 1;
}
