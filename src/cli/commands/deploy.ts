import { deployConclusion } from '../../deploy/deploy-outcome.js';
import { hostname, userInfo } from 'node:os';
import { createBuildPorts } from '../../image/build-ports.js';
import { DiskCache } from '../../cache/result-cache.js';
import { ConfigError, UsageError } from '../../errors.js';
import { createFlinkRest } from '../../flink/rest-client.js';
import { headCommit, isNewerLocalCommit } from '../../git/local-commits.js';
import { formatDeployText } from '../../report/format-deploy-text.js';
import { formatDiagnosticsText } from '../../report/format-text.js';
import {
  deploySettings,
  MAX_DEPLOY_TIMEOUT,
  MAX_DEPLOY_TIMEOUT_MS,
  parseDuration,
} from '../../manifest/deploy-settings.js';
import { buildImages, CONFIGURATION_STEP } from '../../workflows/build-images.js';
import { deployEnvironment } from '../../workflows/deploy-environment.js';
import { prepareDeploy } from '../../workflows/prepare-deploy.js';
import { parseCommandArgs } from '../args.js';
import { DEPLOY_HELP } from '../help.js';
import type { Io } from '../main.js';
import { connectCluster } from '../cluster.js';
import { repositoryIdentity } from '../repository-identity.js';
import { environmentNamespace, readProjectFile, requireEnvironment } from '../project-file.js';

/** `streampilot deploy --env <env> [job...]`: build, apply, follow; what the app does on a merge, from a terminal. */
export async function deployCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('deploy', args, {
    env: { type: 'string' },
    dir: { type: 'string' },
    force: { type: 'boolean' },
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    timeout: { type: 'string' },
    'git-sha': { type: 'string' },
    'no-cache': { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(DEPLOY_HELP);
    return 0;
  }
  const root = values.dir ?? '.';
  const project = readProjectFile(root);
  const environment = requireEnvironment(project, values.env, 'deploy');
  const settings = deploySettings(project, environment);
  const timeoutMs = values.timeout !== undefined ? timeoutOf(values.timeout) : settings.timeoutMs;
  const requested = values.context ?? project.environments[environment]!.kubeContext;
  const repository = await repositoryIdentity(root, project, 'deploy');
  // The cluster is checked before anything is built: a wrong context, server or credentials cost no build.
  const { kube, context } = await connectCluster({
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    ...(requested ? { context: requested } : {}),
    environment,
    namespace: environmentNamespace(project, environment),
  });
  const sha = values['git-sha'] ?? (await headCommit(root));
  const cache = values['no-cache'] ? {} : { cache: new DiskCache() };
  const jobs = positionals.length > 0 ? { jobs: positionals } : {};

  const ports = await createBuildPorts(project, { progress: (line) => io.stderr(line), docker: 'if-reachable' });
  const built = await buildImages(root, { environment, push: true, ...jobs, ...cache }, ports);
  if (built.diagnostics.length > 0) io.stderr(formatDiagnosticsText(built.diagnostics, built.sources));
  // A configuration problem (no registry.repository) stops the deploy before anything is applied, as a wrong
  // context does: exit 2, and the cluster is left as it was.
  const unconfigured = built.outcomes.find((o) => o.status === 'failed' && o.step === CONFIGURATION_STEP);
  if (unconfigured?.status === 'failed')
    throw new ConfigError(`${unconfigured.job} cannot be built: ${unconfigured.message}`, unconfigured.hint);
  const prepared = built.environment
    ? prepareDeploy(built.environment, built.outcomes, { repository, ...(sha ? { gitSha: sha } : {}) })
    : [];

  // No STREAMPILOT_CLUSTER_ACCESS here: that map protects the app's own credentials from the repositories it
  // serves; the CLI deploys with the kubeconfig of the person running it, and their RBAC is the limit.
  const report = await deployEnvironment(
    prepared,
    {
      environment,
      repository,
      namespace: environmentNamespace(project, environment),
      sha: sha ?? 'local',
      kubeContext: context,
      force: values.force === true,
      prune: settings.prune,
      timeoutMs,
      partial: positionals.length > 0,
    },
    {
      kube,
      flink: createFlinkRest(kube),
      identity: `cli-${userInfo().username}@${hostname()}-${process.pid}`,
      isNewer: (a, b) => isNewerLocalCommit(root, a, b),
      progress: (line) => io.stderr(line),
    },
  );
  io.stdout(formatDeployText(report, { color: io.isTTY && !process.env.NO_COLOR }));
  // Exit 0 only when the check run would say success: every job runs this commit.
  return deployConclusion(report) === 'success' ? 0 : 1;
}

function timeoutOf(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0)
    throw new UsageError(
      `deploy: --timeout must be a duration above zero; got \`${value}\``,
      'give a number with its unit: 90s, 10m, 1h or 1h30m',
    );
  if (ms > MAX_DEPLOY_TIMEOUT_MS)
    throw new UsageError(
      `deploy: --timeout must be at most ${MAX_DEPLOY_TIMEOUT}; got \`${value}\``,
      'give the time a job needs to reach RUNNING, e.g. 10m',
    );
  return ms;
}
