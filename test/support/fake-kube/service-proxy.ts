/**
 * The API server's service proxy, `/api/v1/namespaces/{ns}/services/{id}/proxy/{path}`, where
 * `id` is `name`, `name:port` or `scheme:name:port` and `port` is a service port's number or
 * name. It follows kube-apiserver's `ResourceLocation` for services and apimachinery's proxy
 * transport: a port number the Service does not declare is a 503 "no service port N found", a
 * Service without endpoints a 503 "no endpoints available", a backend that cannot be dialled a
 * 503 "error trying to reach service: …"; a missing Service a 404 NotFound. Anything else is the
 * backend's own answer, status and body passed through.
 *
 * There is no kubelet or kube-proxy here: a test says where a service port's endpoints listen,
 * `endpoints.set('ns/name:8081', 'http://127.0.0.1:PORT')`.
 */
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApiError, badRequest, methodNotAllowed } from './api-status.js';
import type { KubeApi } from './kube-api.js';
import { findKind } from './resources.js';

type Obj = Record<string, unknown>;

export interface ServiceProxyRoute {
  namespace: string;
  /** `name`, `name:port` or `scheme:name:port`, decoded. */
  id: string;
  /** The path after `/proxy`, as sent (still percent-encoded): '' or starting with '/'. */
  rest: string;
}

const PROXY_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)\/proxy(\/.*)?$/;

export function matchServiceProxy(pathname: string): ServiceProxyRoute | undefined {
  const m = PROXY_PATH.exec(pathname);
  if (!m) return undefined;
  return { namespace: decodeURIComponent(m[1]!), id: decodeURIComponent(m[2]!), rest: m[3] ?? '' };
}

function serviceUnavailable(message: string): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'ServiceUnavailable',
    code: 503,
  });
}

/** utilnet.SplitSchemeNamePort: `name`, `name:port`, `scheme:name:port` (scheme '', http or https). */
function splitId(id: string): { name: string; port: string } | undefined {
  const parts = id.split(':');
  let name: string;
  let port = '';
  if (parts.length === 1) [name] = parts as [string];
  else if (parts.length === 2) [name, port] = parts as [string, string];
  else if (parts.length === 3 && ['', 'http', 'https'].includes(parts[0]!))
    [, name, port] = parts as [string, string, string];
  else return undefined;
  return name ? { name, port } : undefined;
}

interface ServicePort {
  name?: string;
  port: number;
}

/** The service port number `portSpec` selects, or the ApiError the real server answers. */
function resolvePort(service: Obj, id: string, name: string, portSpec: string): number {
  const ports = ((service.spec as Obj | undefined)?.ports ?? []) as ServicePort[];
  if (/^\d+$/.test(portSpec)) {
    const found = ports.find((p) => p.port === Number(portSpec));
    if (!found) throw serviceUnavailable(`no service port ${portSpec} found for service "${name}"`);
    return found.port;
  }
  // A port name, or none: the unnamed port (a single-port service's port may go unnamed).
  const found = ports.find((p) => (p.name ?? '') === portSpec);
  if (!found) throw serviceUnavailable(`no endpoints available for service "${id}"`);
  return found.port;
}

/** Answers one proxied request; settles once the backend's answer is written (or refused). */
export async function proxyToService(
  api: KubeApi,
  endpoints: ReadonlyMap<string, string>,
  req: IncomingMessage,
  res: ServerResponse,
  route: ServiceProxyRoute,
  search: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req.method ?? '');
  const split = splitId(route.id);
  if (!split) throw badRequest(`invalid service request "${route.id}"`);
  const service = api.read(findKind('v1', 'Service')!, route.namespace, split.name);
  const port = resolvePort(service, route.id, split.name, split.port);
  const backend = endpoints.get(`${route.namespace}/${split.name}:${port}`);
  if (!backend) throw serviceUnavailable(`no endpoints available for service "${split.name}"`);

  const target = new URL(`${route.rest || '/'}${search}`, backend);
  await new Promise<void>((resolve, reject) => {
    const upstream = request(
      target,
      { method: req.method, headers: { accept: req.headers.accept ?? '*/*' } },
      (answer) => {
        const headers: Record<string, string> = {};
        for (const h of ['content-type', 'cache-control', 'location']) {
          const v = answer.headers[h];
          if (typeof v === 'string') headers[h] = v;
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', reject);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      const cause =
        error.code === 'ECONNREFUSED' ? `dial tcp ${target.host}: connect: connection refused` : error.message;
      reject(serviceUnavailable(`error trying to reach service: ${cause}`));
    });
    upstream.end();
  });
}
