/**
 * A fake Kubernetes API server over HTTPS on 127.0.0.1, for driving the real
 * `@kubernetes/client-node` in tests. It follows the Kubernetes API conventions
 * (https://kubernetes.io/docs/reference/using-api/api-concepts/, server-side apply, watch,
 * resourceVersion, Status errors) and validates Flink custom resources against the operator
 * CRDs in ../shared/reference/flink-operator. What it serves:
 *
 * - discovery (`/api`, `/api/v1`, `/apis`, `/apis/{group}/{version}`, `/version`);
 * - namespaced CRUD, list (label/field selectors) and watch for the types in resources.ts, and
 *   cluster-scoped Nodes (`/api/v1/nodes`);
 * - `PATCH` as server-side apply (`application/apply-patch+yaml`) or merge patch;
 * - the `/status` subresource, and `/log` of pods;
 * - the service proxy (`/api/v1/namespaces/{ns}/services/{name}:{port}/proxy/{path}`), to the
 *   endpoints a test registers in `serviceEndpoints` (see service-proxy.ts);
 * - bearer-token authentication (401 otherwise).
 *
 * Every request is logged in order (`requests`), and `operator` simulates the Flink operator
 * and the kubelet moving objects through their lifecycle.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import {
  ApiError,
  badRequest,
  expired,
  methodNotAllowed,
  pathNotFound,
  unauthorized,
  unsupportedMediaType,
} from './api-status.js';
import type { FieldValidation } from './crd-admission.js';
import { withoutKinds } from './installed-crds.js';
import { KubeApi, type WriteResult } from './kube-api.js';
import type { Scope } from './managed-fields.js';
import { ObjectStore, meta, type StoredEvent } from './object-store.js';
import { PodLogs } from './pod-logs.js';
import {
  apiGroupList,
  apiResourceList,
  apiVersionOf,
  coreVersions,
  findKind,
  findResource,
  type ResourceType,
} from './resources.js';
import { fieldSelector, labelSelector } from './selectors.js';
import { selfSignedCertificate } from './self-signed-cert.js';
import { matchServiceProxy, proxyToService } from './service-proxy.js';
import { SimulatedOperator } from './simulated-operator.js';
import type { OperatorConfig } from './operator-validation.js';
import { operatorWebhook } from './operator-webhook.js';

type Obj = Record<string, unknown>;

export interface KubeRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  contentType?: string;
  /** The parsed request body of writes. */
  body?: unknown;
  status: number;
}

export interface FakeKubeOptions {
  /** Bearer token the server accepts (default: a random one). */
  token?: string;
  now?: () => Date;
  /**
   * The operator's validating webhook (installed by its Helm chart by default): refuses a
   * FlinkDeployment / FlinkSessionJob the operator would not run, as the real one does. `false`:
   * no webhook, the resource is stored and the operator's controller reports the problem in
   * `status.error` instead (see operator-autopilot.ts). An object: the operator's settings.
   */
  operatorWebhook?: false | OperatorConfig;
  /** Kinds whose CRD is not installed, e.g. `['FlinkStateSnapshot']` for an operator before 1.10 (installed-crds.ts). */
  withoutCrds?: string[];
}

export interface FakeKube {
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** PEM of the server's self-signed certificate, the CA a kubeconfig trusts. */
  caPem: string;
  token: string;
  /** In-process access to the same objects, e.g. to seed or inspect state. */
  api: KubeApi;
  store: ObjectStore;
  operator: SimulatedOperator;
  /** The operator's settings its validation reads; undefined webhook: none installed. */
  operatorConfig: OperatorConfig;
  operatorWebhookInstalled: boolean;
  logs: PodLogs;
  /**
   * Where each service port's endpoints listen, for the service proxy: key
   * `<namespace>/<service>:<port number>`, value a base URL such as `http://127.0.0.1:PORT`.
   * A Service with no entry has no endpoints (its proxy answers 503).
   */
  serviceEndpoints: Map<string, string>;
  /** Adds a cluster Node with these addresses (as the kubelet reports them), Ready unless `ready: false`. */
  addNode(node: NodeSeed): Obj;
  /** Every request, in arrival order (watch requests logged when they start). */
  requests: KubeRequest[];
  /** Writes only (POST, PUT, PATCH, DELETE), in order. */
  writes(): KubeRequest[];
  /** Forget history older than now: watches from an older resourceVersion get 410 Gone. */
  compact(): void;
  /** Send a BOOKMARK to every watch that asked for bookmarks. */
  bookmark(): void;
  /** Ends every open watch, as a server does when a watch times out. */
  endWatches(): void;
  close(): Promise<void>;
}

export interface NodeSeed {
  name: string;
  /** `status.addresses`, e.g. `{ type: 'ExternalIP', address: '203.0.113.7' }`. */
  addresses: { type: 'ExternalIP' | 'InternalIP' | 'Hostname' | 'ExternalDNS' | 'InternalDNS'; address: string }[];
  ready?: boolean;
}

interface Route {
  type: ResourceType;
  namespace?: string | undefined;
  name?: string | undefined;
  subresource?: string | undefined;
}

const FIELD_VALIDATIONS = new Set(['Strict', 'Warn', 'Ignore']);

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseRoute(parts: string[]): Route | 'discovery' | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1]) {
    [group, version, rest] = ['', parts[1], parts.slice(2)];
  } else if (parts[0] === 'apis' && parts[1] && parts[2]) {
    [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  } else return undefined;
  if (rest.length === 0) return 'discovery';
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const type = findResource(group, version, rest[2]!);
    if (!type || !type.namespaced || rest.length > 5) return undefined;
    return { type, namespace: rest[1], name: rest[3], subresource: rest[4] };
  }
  const type = findResource(group, version, rest[0]!);
  if (!type || rest.length > 3) return undefined;
  // A namespaced kind's collection across all namespaces; a cluster-scoped kind lives under ''.
  if (rest.length === 1) return { type };
  return type.namespaced ? undefined : { type, namespace: '', name: rest[1], subresource: rest[2] };
}

function listKind(type: ResourceType, items: Obj[], resourceVersion: string): Obj {
  // Core lists carry no kind/apiVersion per item; custom resource lists do.
  const shaped = type.group ? items : items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
  return { apiVersion: apiVersionOf(type), kind: `${type.kind}List`, metadata: { resourceVersion }, items: shaped };
}

export async function startFakeKube(options: FakeKubeOptions = {}): Promise<FakeKube> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const store = new ObjectStore();
  const api = new KubeApi(store, options.now);
  const logs = new PodLogs();
  const operator = new SimulatedOperator(api, logs);
  const operatorConfig = options.operatorWebhook === false ? {} : (options.operatorWebhook ?? {});
  if (options.operatorWebhook !== false) api.webhooks.push(operatorWebhook(store, operatorConfig));
  const requests: KubeRequest[] = [];
  const absentKinds = new Set(options.withoutCrds ?? []);
  const serviceEndpoints = new Map<string, string>();
  const watches = new Set<{ res: ServerResponse; bookmarks: boolean; type: ResourceType }>();
  const { cert, key } = selfSignedCertificate();

  function log(req: IncomingMessage, url: URL, status: number, body?: unknown): void {
    const contentType = req.headers['content-type'];
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(contentType ? { contentType } : {}),
      ...(body !== undefined ? { body } : {}),
      status,
    });
  }

  function startWatch(req: IncomingMessage, res: ServerResponse, url: URL, route: Route): void {
    const q = url.searchParams;
    const byLabel = labelSelector(q.get('labelSelector'));
    const byField = fieldSelector(q.get('fieldSelector'), route.type.fieldLabels);
    const matches = (e: StoredEvent) =>
      e.resource === route.type &&
      (route.namespace === undefined || meta(e.object).namespace === route.namespace) &&
      byLabel(e.object) &&
      byField(e.object);
    const from = q.get('resourceVersion') ?? '';
    const fromNumber = Number(from);
    if (from !== '' && !Number.isInteger(fromNumber))
      throw badRequest(`resourceVersion: Invalid value: "${from}": must be an integer`);
    log(req, url, 200);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    // Clients wait for the headers before reading events; a quiet watch must still send them.
    res.flushHeaders();
    const write = (type: string, object: unknown) => res.write(`${JSON.stringify({ type, object })}\n`);
    if (from !== '' && from !== '0') {
      const replay = store.since(route.type, fromNumber);
      if (replay === 'expired') {
        write('ERROR', expired(fromNumber, store.oldestWatchable));
        res.end();
        return;
      }
      for (const e of replay) if (matches(e)) write(e.type, e.object);
    } else {
      // No resourceVersion (or 0): the current state as synthetic ADDED events, then changes.
      const current = api.list(route.type, route.namespace, {
        labelSelector: q.get('labelSelector'),
        fieldSelector: q.get('fieldSelector'),
      });
      for (const o of current.items) write('ADDED', o);
    }
    const watch = {
      res,
      bookmarks: q.get('allowWatchBookmarks') === 'true' || q.get('allowWatchBookmarks') === '1',
      type: route.type,
    };
    watches.add(watch);
    const unsubscribe = store.subscribe((e) => {
      // A watch ended by endWatches() is only forgotten on 'close', a tick later.
      if (!res.writableEnded && matches(e)) write(e.type, e.object);
    });
    const timeout = Number(q.get('timeoutSeconds') ?? 0);
    const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
    const stop = () => {
      unsubscribe();
      watches.delete(watch);
      if (timer) clearTimeout(timer);
    };
    res.on('close', stop);
    req.on('close', stop);
  }

  function writeOptions(
    req: IncomingMessage,
    q: URLSearchParams,
  ): { fieldManager: string; fieldValidation: FieldValidation; dryRun: boolean } {
    const fieldValidation = q.get('fieldValidation') ?? 'Warn';
    if (!FIELD_VALIDATIONS.has(fieldValidation)) {
      throw badRequest(
        `fieldValidation: Unsupported value: "${fieldValidation}": supported values: "Ignore", "Warn", "Strict"`,
      );
    }
    const dryRun = q.get('dryRun');
    if (dryRun !== null && dryRun !== 'All')
      throw badRequest(`dryRun: Unsupported value: "${dryRun}": supported values: "All"`);
    const fieldManager = q.get('fieldManager') ?? (req.headers['user-agent'] ?? 'unknown').split('/')[0]!;
    if (fieldManager.length > 128) throw badRequest('fieldManager: Too long: must have at most 128 bytes');
    return { fieldManager, fieldValidation: fieldValidation as FieldValidation, dryRun: dryRun === 'All' };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, ctx: { body?: unknown }): Promise<void> {
    if (req.headers.authorization !== `Bearer ${token}`) throw unauthorized();
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const q = url.searchParams;

    if (method === 'GET') {
      if (url.pathname === '/api') return send(res, 200, coreVersions());
      if (url.pathname === '/apis') return send(res, 200, apiGroupList());
      if (url.pathname === '/version') return send(res, 200, { major: '1', minor: '33', gitVersion: 'v1.33.0-fake' });
    }
    const proxy = matchServiceProxy(url.pathname);
    if (proxy) return proxyToService(api, serviceEndpoints, req, res, proxy, url.search);
    const route = parseRoute(parts);
    if (route === 'discovery') {
      const list =
        method === 'GET'
          ? apiResourceList(parts[0] === 'api' ? '' : parts[1]!, parts[0] === 'api' ? parts[1]! : parts[2]!)
          : undefined;
      if (!list) throw pathNotFound();
      return send(res, 200, withoutKinds(list, absentKinds));
    }
    if (!route || absentKinds.has(route.type.kind)) throw pathNotFound();
    const { type, namespace, name, subresource } = route;

    if (subresource !== undefined && subresource !== 'status' && !type.extraSubresources.includes(subresource))
      throw pathNotFound();
    if (subresource === 'status' && !type.statusSubresource) throw pathNotFound();

    if (name === undefined) {
      if (method === 'GET') {
        if (q.get('watch') === 'true' || q.get('watch') === '1') return startWatch(req, res, url, route);
        const { items, resourceVersion } = api.list(type, namespace, {
          labelSelector: q.get('labelSelector'),
          fieldSelector: q.get('fieldSelector'),
        });
        return send(res, 200, listKind(type, items, resourceVersion));
      }
      const createIn = type.namespaced ? namespace : '';
      if (method === 'POST' && createIn !== undefined) {
        const body = (ctx.body = parseJson(await readBody(req)));
        return respondWrite(res, api.create(type, createIn, body, writeOptions(req, q)));
      }
      throw methodNotAllowed(method);
    }
    if (namespace === undefined) throw pathNotFound();

    if (subresource === 'log') {
      if (method !== 'GET') throw methodNotAllowed(method);
      const pod = api.read(type, namespace, name);
      const text = logs.read(pod, {
        container: q.get('container') ?? undefined,
        previous: q.get('previous') === 'true',
        tailLines: q.has('tailLines') ? Number(q.get('tailLines')) : undefined,
      });
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(text);
      return;
    }

    const scope: Scope = subresource === 'status' ? 'status' : 'main';
    switch (method) {
      case 'GET':
        return send(res, 200, api.read(type, namespace, name));
      case 'PUT': {
        const body = (ctx.body = parseJson(await readBody(req)));
        return respondWrite(res, api.replace(type, namespace, name, body, writeOptions(req, q), scope));
      }
      case 'PATCH': {
        const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
        const raw = await readBody(req);
        const opts = writeOptions(req, q);
        const force = q.get('force');
        if (contentType === 'application/apply-patch+yaml') {
          if (!q.get('fieldManager'))
            throw badRequest(
              'PATCH requests with apply content type must specify a fieldManager: fieldManager is required for apply patch',
            );
          const config = (ctx.body = parseApply(raw));
          return respondWrite(
            res,
            api.apply(type, namespace, name, config, { ...opts, force: force === 'true' }, scope),
          );
        }
        if (force !== null) throw badRequest('force: Invalid value: "true": may not be specified for non-apply patch');
        const mergeLike =
          contentType === 'application/merge-patch+json' ||
          (contentType === 'application/strategic-merge-patch+json' && !type.crd);
        if (!mergeLike) throw unsupportedMediaType(contentType);
        const patch = (ctx.body = parseJson(raw));
        return respondWrite(res, api.patch(type, namespace, name, patch, opts, scope));
      }
      case 'DELETE': {
        if (subresource) throw methodNotAllowed(method);
        const gone = api.delete(type, namespace, name);
        return send(res, 200, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: { name, group: type.group, kind: type.plural, uid: meta(gone).uid },
        });
      }
      default:
        throw methodNotAllowed(method);
    }
  }

  function respondWrite(res: ServerResponse, result: WriteResult): void {
    const headers: Record<string, string[]> = result.warnings.length
      ? { Warning: result.warnings.map((w) => `299 - ${JSON.stringify(w)}`) }
      : {};
    send(res, result.created ? 201 : 200, result.object, headers);
  }

  const server: Server = createServer({ cert, key }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    // The body is logged with the outcome, so a rejected write is in the log too.
    const ctx: { body?: unknown } = {};
    handle(req, res, url, ctx)
      .then(() => {
        const isWatch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
        if (!isWatch) log(req, url, res.statusCode, ctx.body);
      })
      .catch((error: unknown) => {
        const status =
          error instanceof ApiError
            ? error.status
            : {
                kind: 'Status',
                apiVersion: 'v1',
                metadata: {},
                status: 'Failure',
                message: String((error as Error)?.message ?? error),
                reason: 'InternalError',
                code: 500,
              };
        if (!res.headersSent) send(res, status.code, status);
        else res.end();
        log(req, url, status.code, ctx.body);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}`,
    caPem: cert,
    token,
    api,
    store,
    operator,
    operatorConfig,
    operatorWebhookInstalled: options.operatorWebhook !== false,
    logs,
    serviceEndpoints,
    addNode: (node) => {
      const type = findKind('v1', 'Node')!;
      api.create(
        type,
        '',
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: node.name, labels: { 'kubernetes.io/hostname': node.name } },
        },
        { fieldManager: 'kubelet' },
      );
      const status = {
        addresses: node.addresses,
        conditions: [
          {
            type: 'Ready',
            status: node.ready === false ? 'False' : 'True',
            reason: node.ready === false ? 'KubeletNotReady' : 'KubeletReady',
          },
        ],
      };
      return api.patch(type, '', node.name, { status }, { fieldManager: 'kubelet' }, 'status').object;
    },
    requests,
    writes: () => requests.filter((r) => r.method !== 'GET'),
    compact: () => store.compact(),
    bookmark: () => {
      for (const w of watches) {
        if (w.bookmarks && !w.res.writableEnded) {
          w.res.write(
            `${JSON.stringify({ type: 'BOOKMARK', object: { apiVersion: apiVersionOf(w.type), kind: w.type.kind, metadata: { resourceVersion: String(store.currentRevision) } } })}\n`,
          );
        }
      }
    },
    endWatches: () => {
      for (const w of watches) w.res.end();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const w of watches) w.res.end();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function parseJson(raw: string): Obj {
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Obj;
  } catch (error) {
    throw badRequest(`the body of the request could not be decoded as a JSON object: ${(error as Error).message}`);
  }
}

function parseApply(raw: string): Obj {
  try {
    const value = parseYaml(raw) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Obj;
  } catch (error) {
    throw badRequest(`error decoding YAML: ${(error as Error).message}`);
  }
}
