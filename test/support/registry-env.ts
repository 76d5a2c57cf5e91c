import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { skipReasonFor } from './docker-env.js';
import { freePort } from './free-port.js';

/**
 * The test registry: Debian's `docker-registry` (distribution 2.x) with htpasswd (Basic) auth
 * on loopback, plain HTTP (Docker treats 127.0.0.0/8 registries as insecure without flags).
 *
 * In CI, `.ci/run` starts it and exports STREAMPILOT_TEST_REGISTRY (host:port),
 * STREAMPILOT_TEST_REGISTRY_USER, STREAMPILOT_TEST_REGISTRY_PASSWORD and
 * STREAMPILOT_TEST_REGISTRY_LOG (its log file, with one access-log line per request).
 * Elsewhere, the same variables are honoured; without them a private registry is started for
 * this test process when the binaries are installed, and stopped with it. Otherwise the
 * registry is absent and `skipReason` says so — except in CI, where it must fail instead.
 */
export interface TestRegistry {
  /** host:port, e.g. 127.0.0.1:5000 — the registry part of image references. */
  host: string;
  username: string;
  password: string;
  /** The registry's log, when known: what `registryRequests` reads. */
  logFile: string | undefined;
}

export interface RegistryEnv {
  registry: TestRegistry | undefined;
  skipReason: string | undefined;
  problem: string | undefined;
}

export interface RegistryRequest {
  method: string;
  /** Path and query, e.g. /v2/jobs/orders/blobs/uploads/ */
  path: string;
  status: number;
}

/**
 * Every request the registry logged, in order (its access-log lines). Take the length
 * before an action and slice after it to see what that action sent.
 */
export function registryRequests(registry: TestRegistry): RegistryRequest[] {
  if (!registry.logFile)
    throw new Error('this test registry has no known log file (set STREAMPILOT_TEST_REGISTRY_LOG)');
  const out: RegistryRequest[] = [];
  for (const line of readFileSync(registry.logFile, 'utf8').split('\n')) {
    const m = /^\S+ \S+ \S+ \[[^\]]+\] "([A-Z]+) (\S+) HTTP\/[0-9.]+" (\d{3}) /.exec(line);
    if (m) out.push({ method: m[1]!, path: m[2]!, status: Number(m[3]) });
  }
  return out;
}

/** `Basic …` header value for direct HTTP calls to the registry. */
export function basicAuth(registry: TestRegistry): string {
  return `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`;
}

const onPath = (binary: string) =>
  (process.env.PATH ?? '').split(':').some((dir) => existsSync(path.join(dir, binary)));

async function answers(host: string): Promise<boolean> {
  try {
    const res = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(1000) });
    await res.body?.cancel();
    return res.status === 401;
  } catch {
    return false;
  }
}

async function startPrivateRegistry(): Promise<TestRegistry> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-test-registry-'));
  const username = 'streampilot';
  const password = randomBytes(12).toString('hex');
  const host = `127.0.0.1:${await freePort()}`;
  writeFileSync(path.join(dir, 'htpasswd'), execFileSync('htpasswd', ['-Bbn', username, password]));
  writeFileSync(
    path.join(dir, 'registry.yml'),
    [
      'version: 0.1',
      'log: { level: info, formatter: json }',
      `storage: { filesystem: { rootdirectory: ${dir}/data }, delete: { enabled: true } }`,
      `http: { addr: "${host}" }`,
      `auth: { htpasswd: { realm: streampilot-test, path: ${dir}/htpasswd } }`,
      '',
    ].join('\n'),
  );
  const logFile = path.join(dir, 'registry.log');
  // A watchdog shell stops the registry when this test process goes away, however it ends.
  const script = `docker-registry serve "$1" >"$2" 2>&1 & r=$!; while kill -0 ${process.pid} 2>/dev/null && kill -0 $r 2>/dev/null; do sleep 1; done; kill $r 2>/dev/null; rm -rf "$3"`;
  const child = spawn('sh', ['-c', script, 'sh', path.join(dir, 'registry.yml'), logFile, dir], {
    stdio: 'ignore',
    detached: true,
  });
  child.unref();
  process.once('exit', () => {
    try {
      if (child.pid) process.kill(child.pid);
    } catch {
      // already gone
    }
  });
  for (let i = 0; i < 50 && !(await answers(host)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await answers(host)))
    throw new Error(
      `docker-registry did not start on ${host}: ${existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : 'no log'}`,
    );
  return { host, username, password, logFile };
}

async function probe(): Promise<RegistryEnv> {
  const env = process.env;
  let registry: TestRegistry | undefined;
  let problem: string | undefined;
  if (env.STREAMPILOT_TEST_REGISTRY) {
    registry = {
      host: env.STREAMPILOT_TEST_REGISTRY,
      username: env.STREAMPILOT_TEST_REGISTRY_USER ?? '',
      password: env.STREAMPILOT_TEST_REGISTRY_PASSWORD ?? '',
      logFile: env.STREAMPILOT_TEST_REGISTRY_LOG || undefined,
    };
    if (!(await answers(registry.host)))
      problem = `the test registry STREAMPILOT_TEST_REGISTRY=${registry.host} does not answer with 401 on /v2/`;
  } else if (env.CI === 'true') {
    problem = 'STREAMPILOT_TEST_REGISTRY is not set: .ci/run should have started the test registry';
  } else if (!onPath('docker-registry') || !onPath('htpasswd')) {
    problem = 'test registry absent (install docker-registry and apache2-utils, or set STREAMPILOT_TEST_REGISTRY)';
  } else {
    try {
      registry = await startPrivateRegistry();
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
  }
  return { registry: problem ? undefined : registry, problem, skipReason: skipReasonFor(problem, env) };
}

export const registryEnv: RegistryEnv = await probe();
