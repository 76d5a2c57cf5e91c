import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeMiddleware, createProbot } from 'probot';
import { createBuildPorts } from '../build/build-ports.js';
import { DiskCache } from '../cache/result-cache.js';
import { StreamPilotError } from '../errors.js';
import { RepositoryCache } from '../git/repository-cache.js';
import { redact } from '../report/redact.js';
import { checkRepository } from '../workflows/check-repository.js';
import { enqueueMerge, streamPilotApp, type AppPorts } from './app.js';
import { readConfig } from './config.js';
import { DeliveryQueue } from './delivery-queue.js';
import { describePlan } from './describe-plan.js';
import { createFlinkRest } from '../flink/rest-client.js';
import { kubePorts, replicaIdentity } from './kube-ports.js';
import { recoverOnStart } from './recover-on-start.js';
import { DEFAULT_DEPLOY_TIMEOUT_MS } from '../spec/deploy-settings.js';
import { createLogger } from './logger.js';
import { createWorkerCheck } from './worker-check.js';

const WEBHOOK_PATH = '/api/github/webhooks';

/**
 * `npm start`: the GitHub App as an HTTP server. Webhooks at POST /api/github/webhooks
 * (signature verified by @octokit/webhooks), GET /healthz for probes. Translates the
 * environment into ports and nothing else; a bad setting exits 2 naming the variable.
 */
async function main(): Promise<void> {
  // A .env in the working folder fills in what the environment does not set (as Probot's own runner does).
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = readConfig(process.env);
  const clean = (text: string) => redact(text, config.secrets);
  const log = createLogger(config.logLevel, config.secrets);

  // Compiled (dist/) the check runs in a worker thread; from sources (tests) in process.
  const compiled = fileURLToPath(import.meta.url).endsWith('.js');
  const resultsDir = path.join(config.dataDir, 'results');
  const worker = compiled ? createWorkerCheck({ cacheDir: resultsDir, workers: config.checkWorkers, budget: config.checkBudget }) : undefined;
  const inProcessCache = new DiskCache(resultsDir);
  const kube = config.kubeconfigPath || config.inCluster ? kubePorts({ kubeconfigPath: config.kubeconfigPath, inCluster: config.inCluster, addSecrets: (values) => config.secrets.push(...values) }) : undefined;
  const identity = replicaIdentity();
  const ports: AppPorts = {
    repositories: new RepositoryCache(path.join(config.dataDir, 'repositories'), { log: (line) => log.debug(clean(line)) }),
    check: worker ? worker.check : async (dir, options) => checkRepository(dir, { ...options, cache: inProcessCache }),
    describePlan,
    redact: clean,
    appId: config.appId,
    buildPorts: (project) => createBuildPorts(project, { mavenCacheDir: path.join(config.dataDir, 'maven'), progress: (line) => log.debug(clean(line)), docker: 'if-reachable' }),
    // Without a kubeconfig or a cluster around it, the app builds on merge and deploys nothing.
    ...(kube ? { deploy: { kube: kube.kube, flink: createFlinkRest, identity, tuning: { leaseDurationSeconds: config.leaseDurationSeconds } } } : {}),
  };

  const probot = createProbot({
    env: {},
    overrides: { appId: config.appId, privateKey: config.privateKey, secret: config.webhookSecret, baseUrl: config.baseUrl, log, logLevel: config.logLevel === 'silent' ? 'fatal' : config.logLevel },
  });
  const queue = new DeliveryQueue((id, e) => log.error(`delivery ${id} failed and may be redelivered: ${clean(e instanceof Error ? (e.stack ?? e.message) : String(e))}`));
  const middleware = await createNodeMiddleware(streamPilotApp(ports, queue), { probot, webhooksPath: WEBHOOK_PATH });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && (req.url === '/healthz' || req.url?.startsWith('/healthz?'))) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    void middleware(req, res, () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(`StreamPilot listening on port ${port}: webhooks at ${WEBHOOK_PATH}, API ${config.baseUrl}, data in ${config.dataDir}`);
  if (!kube) log.info('deploys are off: set STREAMPILOT_KUBECONFIG (or run in a cluster) to deploy on merge');
  else {
    const recovery = { kube: (context: string | undefined) => kube.forContext(context, context ?? 'in-cluster'), flink: createFlinkRest, identity, timeoutMs: DEFAULT_DEPLOY_TIMEOUT_MS, leaseDurationSeconds: config.leaseDurationSeconds, redact: clean };
    const recoveryLog = { info: (m: string) => log.info(clean(m)), warn: (m: string) => log.warn(clean(m)), error: (m: string) => log.error(clean(m)) };
    recoverOnStart(probot, queue, recovery, recoveryLog, (work) => void enqueueMerge(queue, ports, work)).catch((e: unknown) => log.error(`could not look for deploys left in progress: ${clean(e instanceof Error ? e.message : String(e))}`));
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
  process.stderr.write(`streampilot: cannot start: ${redact(e instanceof Error ? e.message : String(e))}\n`);
  process.exit(3);
});
