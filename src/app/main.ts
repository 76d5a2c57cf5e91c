import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProbot, ProbotOctokit } from 'probot';
import { createBuildPorts } from '../image/build-ports.js';
import { DiskCache } from '../cache/result-cache.js';
import { checkClusterAccess, CLUSTER_ACCESS_SETTING, type DeployTarget } from '../deploy/cluster-access.js';
import { detailOf, messageOf, StreamPilotError } from '../errors.js';
import { cloneUrlOn, githubWebOrigin } from '../git/github-host.js';
import { RepositoryCache } from '../git/repository-cache.js';
import { redact, registerSecrets } from '../text/redact.js';
import { checkRepository } from '../workflows/check-repository.js';
import { enqueueMerge, streamPilotApp, type AppPorts } from './app.js';
import { readConfig } from './config.js';
import { DeliveryQueue } from './delivery-queue.js';
import { describePlan } from './describe-plan.js';
import { createFlinkRest } from '../flink/rest-client.js';
import { kubePorts, replicaIdentity } from './kube-ports.js';
import { recoverCommandsOnStart } from './recover-commands-on-start.js';
import { recoverOnStart } from './recover-on-start.js';
import { redactingOctokit } from './redacting-octokit.js';
import { DEFAULT_DEPLOY_TIMEOUT_MS } from '../manifest/deploy-settings.js';
import { createLogger } from './logger.js';
import { createWebhookReceiver } from './webhook-receiver.js';
import { createCheckPool } from './check-pool.js';
import { rolledBackJobs } from '../github/deployment-history.js';
import { commandHolds } from '../workflows/command-holds.js';
import type { DeploymentsClient } from '../github/deployments.js';

const WEBHOOK_PATH = '/api/github/webhooks';

/**
 * `npm start`: the GitHub App as an HTTP server. Webhooks at POST /api/github/webhooks
 * (size bounded and signature verified by webhook-receiver.ts, then handed to Probot), GET /healthz
 * for probes. Translates the
 * environment into ports and nothing else; a bad setting exits 2 naming the variable.
 */
async function main(): Promise<void> {
  // A .env in the working folder fills in what the environment does not set (as Probot's own runner does).
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = readConfig(process.env);
  // Every redact() in the process knows these from now on, including code that passes none.
  registerSecrets(config.secrets);
  // Registered above: no call needs the list again (each would re-derive its escaped forms per line).
  const clean = (text: string) => redact(text);
  const log = createLogger(config.logLevel);

  // Compiled (dist/) the check runs in a worker thread; from sources (tests) in process.
  const compiled = fileURLToPath(import.meta.url).endsWith('.js');
  const resultsDir = path.join(config.dataDir, 'results');
  const worker = compiled
    ? createCheckPool({
        cacheDir: resultsDir,
        workers: config.checkWorkers,
        budget: config.checkBudget,
        secrets: config.secrets,
      })
    : undefined;
  const inProcessCache = new DiskCache(resultsDir);
  const kube =
    config.kubeconfigPath || config.inCluster
      ? kubePorts({
          kubeconfigPath: config.kubeconfigPath,
          inCluster: config.inCluster,
          addSecrets: (values) => (config.secrets.push(...values), registerSecrets(values)),
        })
      : undefined;
  const identity = replicaIdentity();
  const webOrigin = githubWebOrigin(config.baseUrl);
  const ports: AppPorts = {
    repositories: new RepositoryCache(path.join(config.dataDir, 'repositories'), {
      log: (line) => log.debug(clean(line)),
      allowedOrigin: webOrigin,
    }),
    cloneUrlOf: (fullName) => cloneUrlOn(webOrigin, fullName),
    check: worker ? worker.check : async (dir, options) => checkRepository(dir, { ...options, cache: inProcessCache }),
    describePlan,
    redact: clean,
    appId: config.appId,
    buildPorts: (project) =>
      createBuildPorts(project, {
        mavenCacheDir: path.join(config.dataDir, 'maven'),
        progress: (line) => log.debug(clean(line)),
        docker: 'if-reachable',
      }),
    // Without a kubeconfig or a cluster around it, the app builds on merge and deploys nothing.
    ...(kube
      ? {
          // Only an app that reaches clusters rolls back: the plan comment looks for rollbacks then.
          rolledBack: (octokit, repo) => rolledBackJobs(octokit as unknown as DeploymentsClient, repo),
          commandHolds: (repo, base) =>
            commandHolds(base, `${repo.owner}/${repo.repo}`, {
              kube: kube.forContext,
              clusterAccess: (target) => checkClusterAccess(config.clusterAccess, target),
            }),
          deploy: {
            kube: kube.kube,
            clusterAccess: (target) => checkClusterAccess(config.clusterAccess, target),
            flink: createFlinkRest,
            identity,
            tuning: { leaseDurationSeconds: config.leaseDurationSeconds },
          },
        }
      : {}),
  };

  const probot = createProbot({
    env: {},
    overrides: {
      Octokit: ProbotOctokit.plugin(redactingOctokit),
      appId: config.appId,
      privateKey: config.privateKey,
      secret: config.webhookSecret,
      baseUrl: config.baseUrl,
      log,
      logLevel: config.logLevel === 'silent' ? 'fatal' : config.logLevel,
    },
  });
  const queue = new DeliveryQueue((id, e) =>
    log.error(`delivery ${id} failed and may be redelivered: ${clean(detailOf(e))}`),
  );
  await probot.load(streamPilotApp(ports, queue), { cwd: process.cwd(), addHandler: () => {} });
  const webhooks = createWebhookReceiver({
    secret: config.webhookSecret,
    maxBodyBytes: config.webhookMaxBytes,
    // Not probot.receive: it logs every event whole at debug level (a 25 MB payload, 25 MB of log).
    receive: (delivery) => {
      log.debug(
        `delivery ${delivery.id} (${delivery.name}${typeof delivery.payload.action === 'string' ? `.${delivery.payload.action.slice(0, 40)}` : ''}) received`,
      );
      return probot.webhooks.receive(delivery as Parameters<typeof probot.webhooks.receive>[0]);
    },
    log: { warn: (m) => log.warn(clean(m)), error: (m) => log.error(clean(m)) },
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const pathname = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '');
    if (req.method === 'GET' && pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (pathname === WEBHOOK_PATH) return webhooks(req, res);
    res.writeHead(404, { 'content-type': 'text/plain', connection: 'close' }).end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(
    `StreamPilot listening on port ${port}: webhooks at ${WEBHOOK_PATH}, API ${config.baseUrl}, data in ${config.dataDir}`,
  );
  const commandLog = { info: (m: string) => log.info(clean(m)), warn: (m: string) => log.warn(clean(m)) };
  recoverCommandsOnStart(probot, queue, { appId: config.appId, redact: clean, log: commandLog }).catch((e: unknown) =>
    log.error(`could not look for commands left running: ${clean(messageOf(e))}`),
  );
  if (!kube) log.info('deploys are off: set STREAMPILOT_KUBECONFIG (or run in a cluster) to deploy on merge');
  else {
    if (!config.clusterAccess)
      log.warn(
        `${CLUSTER_ACCESS_SETTING} is not set: every deploy is refused until it maps repositories to the contexts and namespaces they may deploy to`,
      );
    const recovery = {
      kube: (context: string | undefined) => kube.forContext(context, context ?? 'in-cluster'),
      clusterAccess: (target: DeployTarget) => checkClusterAccess(config.clusterAccess, target),
      flink: createFlinkRest,
      identity,
      timeoutMs: DEFAULT_DEPLOY_TIMEOUT_MS,
      leaseDurationSeconds: config.leaseDurationSeconds,
      redact: clean,
    };
    const recoveryLog = {
      info: (m: string) => log.info(clean(m)),
      warn: (m: string) => log.warn(clean(m)),
      error: (m: string) => log.error(clean(m)),
    };
    recoverOnStart(probot, queue, recovery, recoveryLog, (work) => void enqueueMerge(queue, ports, work)).catch(
      (e: unknown) => log.error(`could not look for deploys left in progress: ${clean(messageOf(e))}`),
    );
  }

  const stop = (signal: string) => {
    log.info(`${signal}: finishing queued work, then stopping`);
    server.close();
    void queue
      .idle()
      .then(() => worker?.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  // One line naming what is wrong; never the value of a secret.
  if (e instanceof StreamPilotError) {
    process.stderr.write(`streampilot: ${e.message}${e.hint ? `; ${e.hint}` : ''}\n`);
    process.exit(e.exitCode);
  }
  process.stderr.write(`streampilot: cannot start: ${redact(messageOf(e))}\n`);
  process.exit(3);
});
