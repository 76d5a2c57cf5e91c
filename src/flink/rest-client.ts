/**
 * Flink's JobManager REST API, for what the operator's status lacks (the root cause of a
 * failure). A failed JobManager is often gone or restarting, so every call answers undefined
 * when Flink cannot be asked (no endpoints, no such job, unreachable, timed out) and never throws
 * for it: the deploy reports what it has.
 *
 * - createFlinkRest: through the Kubernetes API server's service proxy, so it works wherever
 *   StreamPilot runs (a laptop, CI, another cluster) with only the kubeconfig. It needs RBAC
 *   `get` on `services/proxy` in the job's namespace.
 * - directFlinkRest: straight to the service, for StreamPilot running inside the cluster.
 */
import type { FlinkRest, FlinkRestTarget } from './types.js';
import type { KubeClient } from '../kube/client.js';
import { jobExceptionsFrom } from './job-exceptions.js';

export interface FlinkRestOptions {
  /** How long one call may take; default 10 s. */
  timeoutMs?: number;
  /** Told why a call answered undefined (e.g. for a debug log); never given credentials. */
  onUnavailable?: (reason: string) => void;
}

const DEFAULT_TIMEOUT_MS = 10_000;

const JOB_ID = /^[0-9a-fA-F]{32}$/;

/** Only the newest failure is reported, so only it is asked for. */
function exceptionsPath(jobId: string): string {
  return `/jobs/${jobId}/exceptions?maxExceptions=1`;
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function describe(target: FlinkRestTarget): string {
  return `service ${target.namespace}/${target.service}:${target.port}`;
}

export function createFlinkRest(kube: Pick<KubeClient, 'proxyGet'>, options: FlinkRestOptions = {}): FlinkRest {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return restOver((target, path) => kube.proxyGet(target, path, { timeoutMs }), options);
}

/** `http://<service>.<namespace>:<port>`: the service's address from a pod of the same cluster. */
export function inClusterBaseUrl(target: FlinkRestTarget): string {
  return `http://${target.service}.${target.namespace}:${target.port}`;
}

export function directFlinkRest(
  baseUrlFor: (target: FlinkRestTarget) => string = inClusterBaseUrl,
  options: FlinkRestOptions = {},
): FlinkRest {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return restOver(async (target, path) => {
    const response = await fetch(`${baseUrlFor(target).replace(/\/+$/, '')}${path}`, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { Accept: 'application/json' },
    });
    return { status: response.status, body: await response.text() };
  }, options);
}

/** The REST calls over one way of sending a GET; whatever goes wrong is `undefined`, said through onUnavailable. */
function restOver(
  get: (target: FlinkRestTarget, path: string) => Promise<{ status: number; body: string }>,
  options: FlinkRestOptions,
): FlinkRest {
  return {
    async jobExceptions(target, jobId) {
      if (!JOB_ID.test(jobId)) {
        options.onUnavailable?.(`"${jobId}" is not a Flink job id (32 hexadecimal digits)`);
        return undefined;
      }
      let answer: { status: number; body: string };
      try {
        answer = await get(target, exceptionsPath(jobId));
      } catch (error) {
        options.onUnavailable?.(
          `Flink's REST API (${describe(target)}) could not be asked: ${(error as Error).message}`,
        );
        return undefined;
      }
      if (answer.status !== 200) {
        options.onUnavailable?.(
          `Flink's REST API (${describe(target)}) answered ${answer.status} for the exceptions of job ${jobId}`,
        );
        return undefined;
      }
      return jobExceptionsFrom(parse(answer.body));
    },
  };
}
