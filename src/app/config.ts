import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CLUSTER_ACCESS_SETTING, parseClusterAccess, type ClusterAccess } from '../deploy/cluster-access.js';
import { ConfigError } from '../errors.js';
import { environmentSecrets } from '../text/environment-secrets.js';
import { DEFAULT_WEBHOOK_MAX_BYTES } from './webhook-receiver.js';
import { registryHostPin } from '../registry/credentials.js';
import { DEFAULT_CHECK_BUDGET, type CheckBudget } from './check-budget.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** The app's settings, read once from the environment (Probot's standard names plus ours). */
export interface AppConfig {
  appId: number;
  privateKey: string;
  webhookSecret: string;
  port: number;
  host?: string;
  /** REST API root: https://api.github.com, or `<GHE_PROTOCOL>://<GHE_HOST>/api/v3`. */
  baseUrl: string;
  logLevel: LogLevel;
  /** Repository mirrors and the result cache live here. */
  dataDir: string;
  /** Every value that must never be printed: the key, the webhook secret, registry passwords. */
  secrets: string[];
  /** Deploying: the kubeconfig whose contexts environments name; absent: in-cluster, or no deploys outside a cluster. */
  kubeconfigPath?: string;
  /** True when the app runs in a pod (its service account deploys to environments without kubeContext). */
  inCluster: boolean;
  /** Largest webhook body accepted, in bytes (STREAMPILOT_WEBHOOK_MAX_BYTES; default GitHub's 25 MB cap). */
  webhookMaxBytes: number;
  /** Seconds a deploy Lease lasts without renewal (a crashed replica's deploys are taken over after it). */
  leaseDurationSeconds: number;
  /** Which repositories may deploy to which contexts and namespaces; absent: every deploy is refused. */
  clusterAccess?: ClusterAccess;
  /** Time and heap one check may use (STREAMPILOT_CHECK_TIMEOUT_SECONDS, STREAMPILOT_CHECK_MEMORY_MB). */
  checkBudget: CheckBudget;
  /** Checks run at once, one worker thread each (STREAMPILOT_CHECK_WORKERS). */
  checkWorkers: number;
}

/** Reads and checks the environment; a missing or bad setting is a ConfigError naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv): AppConfig {
  const appId = Number(required(env, 'APP_ID', 'the numeric App ID from the app settings page'));
  if (!Number.isSafeInteger(appId) || appId <= 0)
    throw new ConfigError(
      `APP_ID must be a positive integer; found ${JSON.stringify(env.APP_ID)}`,
      'copy the App ID from the GitHub App settings page',
    );
  const privateKey = readPrivateKey(env);
  const webhookSecret = required(env, 'WEBHOOK_SECRET', 'the webhook secret entered when registering the app');
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number (0-65535); found ${JSON.stringify(env.PORT)}`);
  const logLevel = (env.LOG_LEVEL || 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; found ${JSON.stringify(env.LOG_LEVEL)}`);
  const config: AppConfig = {
    appId,
    privateKey,
    webhookSecret,
    port,
    baseUrl: baseUrl(env),
    logLevel,
    dataDir: path.resolve(env.STREAMPILOT_DATA_DIR || path.join(tmpdir(), 'streampilot')),
    // The key as given (base64 or escaped) as well as decoded: either form may surface.
    secrets: [privateKey, ...(env.PRIVATE_KEY ? [env.PRIVATE_KEY] : []), webhookSecret, ...environmentSecrets(env)],
    inCluster: Boolean(env.KUBERNETES_SERVICE_HOST),
    leaseDurationSeconds: leaseSeconds(env),
    webhookMaxBytes: webhookMaxBytes(env),
    checkBudget: {
      timeoutMs:
        wholeNumber(
          env,
          'STREAMPILOT_CHECK_TIMEOUT_SECONDS',
          DEFAULT_CHECK_BUDGET.timeoutMs / 1000,
          1,
          3600,
          'seconds',
        ) * 1000,
      memoryMb: wholeNumber(env, 'STREAMPILOT_CHECK_MEMORY_MB', DEFAULT_CHECK_BUDGET.memoryMb, 64, 65536, 'megabytes'),
    },
    checkWorkers: wholeNumber(env, 'STREAMPILOT_CHECK_WORKERS', 2, 1, 64, 'worker threads'),
  };
  const kubeconfig = env.STREAMPILOT_KUBECONFIG || env.KUBECONFIG;
  if (kubeconfig) config.kubeconfigPath = path.resolve(kubeconfig);
  if (env.HOST) config.host = env.HOST;
  if ((env.STREAMPILOT_REGISTRY_USERNAME || env.STREAMPILOT_REGISTRY_PASSWORD) && !registryHostPin(env)) {
    // Otherwise any merged registry.repository would receive them.
    throw new ConfigError(
      'STREAMPILOT_REGISTRY_USERNAME/_PASSWORD are set but STREAMPILOT_REGISTRY_HOST is not',
      'set STREAMPILOT_REGISTRY_HOST to the registry (host[:port]) they are for: the app sends them to no other registry',
    );
  }
  const access = readClusterAccess(env);
  if (access) config.clusterAccess = access;
  return config;
}

/** Inline JSON (starts with `{`), or the path of a JSON or YAML file (a mounted ConfigMap). */
function readClusterAccess(env: NodeJS.ProcessEnv): ClusterAccess | undefined {
  const raw = env[CLUSTER_ACCESS_SETTING]?.trim();
  if (!raw) return undefined;
  if (raw.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      throw new ConfigError(
        `${CLUSTER_ACCESS_SETTING} is not valid JSON (${(e as Error).message})`,
        'write inline JSON, or the path of a JSON or YAML file',
      );
    }
    return parseClusterAccess(value);
  }
  let text: string;
  try {
    text = readFileSync(raw, 'utf8');
  } catch (e) {
    throw new ConfigError(
      `${CLUSTER_ACCESS_SETTING}: cannot read ${raw} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      'point it at a JSON or YAML file, or write the mapping inline as JSON',
    );
  }
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(
      `${CLUSTER_ACCESS_SETTING}: ${raw} is not valid YAML or JSON (${(e as Error).message.split('\n')[0]})`,
    );
  }
  return parseClusterAccess(value, `${CLUSTER_ACCESS_SETTING} (${raw})`);
}

function leaseSeconds(env: NodeJS.ProcessEnv): number {
  const raw = env.STREAMPILOT_LEASE_SECONDS;
  if (raw === undefined || raw === '') return 30;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 3600)
    throw new ConfigError(
      `STREAMPILOT_LEASE_SECONDS must be a whole number of seconds between 1 and 3600; found ${JSON.stringify(raw)}`,
    );
  return value;
}

function webhookMaxBytes(env: NodeJS.ProcessEnv): number {
  const raw = env.STREAMPILOT_WEBHOOK_MAX_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_WEBHOOK_MAX_BYTES;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1024 || value > DEFAULT_WEBHOOK_MAX_BYTES) {
    throw new ConfigError(
      `STREAMPILOT_WEBHOOK_MAX_BYTES must be a whole number of bytes between 1024 and ${DEFAULT_WEBHOOK_MAX_BYTES}; found ${JSON.stringify(raw)}`,
      "leave it unset for GitHub's 25 MB cap",
    );
  }
  return value;
}

function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  unit: string,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(
      `${name} must be a whole number of ${unit} between ${min} and ${max}; found ${JSON.stringify(raw)}`,
      `unset it for the default, ${fallback}`,
    );
  return value;
}

function required(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '')
    throw new ConfigError(`${name} is not set`, `set ${name} to ${what} (see .env.example)`);
  return value;
}

function readPrivateKey(env: NodeJS.ProcessEnv): string {
  let key: string;
  let from: string;
  if (env.PRIVATE_KEY) {
    from = 'PRIVATE_KEY';
    key = env.PRIVATE_KEY.replace(/\\n/g, '\n');
    // Platforms without multi-line variables get the key base64-encoded, as Probot accepts it.
    if (!key.includes('-----BEGIN')) key = Buffer.from(key, 'base64').toString('utf8');
  } else if (env.PRIVATE_KEY_PATH) {
    from = 'PRIVATE_KEY_PATH';
    try {
      key = readFileSync(env.PRIVATE_KEY_PATH, 'utf8');
    } catch (e) {
      throw new ConfigError(
        `PRIVATE_KEY_PATH: cannot read ${env.PRIVATE_KEY_PATH} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        'point it at the .pem file downloaded from the app settings page',
      );
    }
  } else {
    throw new ConfigError(
      'PRIVATE_KEY or PRIVATE_KEY_PATH is not set',
      'set PRIVATE_KEY_PATH to the .pem file downloaded from the app settings page',
    );
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/.test(key)) {
    // Never echo the value: it may be a real key in the wrong format.
    throw new ConfigError(
      `${from} does not hold a PEM private key (expected -----BEGIN … PRIVATE KEY----- … -----END … PRIVATE KEY-----)`,
      'use the .pem file GitHub generated for the app, unchanged',
    );
  }
  return key;
}

function baseUrl(env: NodeJS.ProcessEnv): string {
  if (!env.GHE_HOST) return 'https://api.github.com';
  const protocol = (env.GHE_PROTOCOL || 'https').toLowerCase();
  if (protocol !== 'https' && protocol !== 'http')
    throw new ConfigError(`GHE_PROTOCOL must be https or http; found ${JSON.stringify(env.GHE_PROTOCOL)}`);
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(env.GHE_HOST))
    throw new ConfigError(
      `GHE_HOST must be a host name with an optional port, without scheme or path; found ${JSON.stringify(env.GHE_HOST)}`,
      'e.g. GHE_HOST=github.example.com',
    );
  return `${protocol}://${env.GHE_HOST}/api/v3`;
}
