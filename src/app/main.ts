import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { createNodeMiddleware, createProbot } from 'probot';
import { createDockerBuilder } from '../build/docker-builder.js';
import { RegistryBuilder } from '../build/registry-builder.js';
import type { ImageBuilder } from '../build/types.js';
import { DiskCache } from '../cache/result-cache.js';
import { ConfigError, StreamPilotError } from '../errors.js';
import { RepositoryCache } from '../git/repository-cache.js';
import { createMavenResolver } from '../maven/maven-resolver.js';
import { mavenRepositories } from '../maven/maven-repositories.js';
import { resolveCredentials } from '../registry/credentials.js';
import { parseImageName } from '../registry/image-name.js';
import { redact } from '../report/redact.js';
import type { ProjectSpec } from '../spec/types.js';
import type { BuildPorts } from '../workflows/build-images.js';
import { checkRepository } from '../workflows/check-repository.js';
import { streamPilotApp, type AppPorts } from './app.js';
import { readConfig } from './config.js';
import { DeliveryQueue } from './delivery-queue.js';
import { describePlan } from './describe-plan.js';
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
  const worker = compiled ? createWorkerCheck(resultsDir) : undefined;
  const inProcessCache = new DiskCache(resultsDir);
  const ports: AppPorts = {
    repositories: new RepositoryCache(path.join(config.dataDir, 'repositories'), { log: (line) => log.debug(clean(line)) }),
    check: worker ? worker.check : async (dir, options) => checkRepository(dir, { ...options, cache: inProcessCache }),
    describePlan,
    redact: clean,
    appId: config.appId,
    buildPorts: (project) => buildPorts(project, path.join(config.dataDir, 'maven'), (line) => log.debug(clean(line))),
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

/**
 * The build ports for one project's settings. Registry credentials come from the app's
 * environment (STREAMPILOT_REGISTRY_USERNAME / _PASSWORD, redacted by the logger); the Docker
 * builder exists only when an engine answers, so a job needing one fails saying so.
 */
async function buildPorts(project: ProjectSpec, mavenCacheDir: string, progress: (line: string) => void): Promise<BuildPorts> {
  if (!project.registry?.repository) throw new ConfigError('streampilot.yaml has no `registry.repository`: there is nowhere to push images', 'add `registry: { repository: ghcr.io/<org>/flink-jobs }` to streampilot.yaml');
  const targetRegistry = parseImageName(project.registry.repository).registry;
  const engine = new Docker();
  const reachable = await engine.ping().then(
    () => true,
    () => false,
  );
  let docker: ImageBuilder | undefined;
  if (reachable) {
    const auth = await resolveCredentials(targetRegistry);
    docker = createDockerBuilder({ docker: engine, ...(auth ? { credentials: { [targetRegistry]: auth } } : {}) });
  }
  return {
    registry: new RegistryBuilder({ targetRegistry, insecure: project.registry.insecure === true }),
    ...(docker ? { docker } : {}),
    maven: createMavenResolver({ repositories: mavenRepositories(project.maven), cacheDir: mavenCacheDir }),
    progress,
  };
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
