/**
 * The Kubernetes port: the few calls the deploy needs, over `@kubernetes/client-node`.
 * Everything takes and returns plain objects; API failures become `KubeApiError`, which carries
 * the server's Status (reason, causes) and never the request's credentials.
 */
import {
  ApiException,
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  V1MicroTime,
  Watch,
  type Configuration,
  type CoreV1Event,
  type KubernetesObject,
  type RequestContext,
  type V1Lease,
  type V1Pod,
  type V1Node,
  type V1Service,
} from '@kubernetes/client-node';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { ConfigError, DomainError } from '../errors.js';

/** Where the cluster is: a kubeconfig file and context, or the pod's in-cluster service account. */
export interface KubeTarget {
  /** Path of a kubeconfig file; default: `$KUBECONFIG` or `~/.kube/config`. */
  kubeconfigPath?: string;
  /** A context of that kubeconfig; default: its current context. */
  context?: string;
  /** Use the service account of the pod StreamPilot runs in. */
  inCluster?: boolean;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** A failure the API server reported (its Status), or the cluster could not be reached (code 0). */
export class KubeApiError extends DomainError {
  constructor(
    message: string,
    /** HTTP status: 404, 409 (Conflict / AlreadyExists), 410 (watch too old), 422 (Invalid)…; 0 when unreachable. */
    readonly code: number,
    /** The Status reason: NotFound, Conflict, AlreadyExists, Invalid, Expired, BadRequest… */
    readonly reason: string,
    /** Per-field causes: for an apply conflict, one per (field, manager); for Invalid, one per field. */
    readonly causes: StatusCause[] = [],
  ) {
    super(message);
  }
}

interface StatusBody {
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: StatusCause[] };
}

function fromStatus(status: StatusBody, fallbackCode: number): KubeApiError {
  return new KubeApiError(
    status.message ?? `the API server answered ${fallbackCode}`,
    status.code ?? fallbackCode,
    status.reason ?? 'Unknown',
    status.details?.causes ?? [],
  );
}

function translate(error: unknown, doing: string): KubeApiError {
  if (error instanceof KubeApiError) return error;
  if (error instanceof ApiException) {
    const body = (typeof error.body === 'string' ? safeJson(error.body) : error.body) as StatusBody | undefined;
    if (body && typeof body === 'object' && (body.message || body.reason)) return fromStatus(body, error.code);
    return new KubeApiError(`${doing}: the API server answered ${error.code}`, error.code, 'Unknown');
  }
  const e = error as { statusCode?: number; message?: string };
  if (typeof e?.statusCode === 'number')
    return new KubeApiError(`${doing}: the API server answered ${e.statusCode}`, e.statusCode, 'Unknown');
  return new KubeApiError(`${doing}: ${e?.message ?? String(error)}`, 0, 'Unreachable');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads the kubeconfig (or in-cluster config) and selects the context. Problems are ConfigErrors naming the file and context. */
export function loadKubeConfig(target: KubeTarget = {}): KubeConfig {
  const kc = new KubeConfig();
  if (target.inCluster) {
    try {
      kc.loadFromCluster();
    } catch (error) {
      throw new ConfigError(
        `cannot use the in-cluster Kubernetes configuration: ${(error as Error).message}`,
        'run StreamPilot in a pod with a service account, or give a kubeconfig and context',
      );
    }
    return kc;
  }
  if (!target.kubeconfigPath && !process.env.KUBECONFIG && !existsSync(path.join(homedir(), '.kube', 'config'))) {
    // client-node would make up a context named "loaded-context" pointing nowhere: say what is missing instead.
    throw new ConfigError(
      'there is no kubeconfig: KUBECONFIG is not set and ~/.kube/config does not exist',
      'pass --kubeconfig <file>, or set KUBECONFIG to the kubeconfig of the cluster',
    );
  }
  const where = target.kubeconfigPath ?? 'in $KUBECONFIG or ~/.kube/config';
  try {
    if (target.kubeconfigPath) kc.loadFromFile(target.kubeconfigPath);
    else kc.loadFromDefault();
  } catch (error) {
    throw new ConfigError(
      `cannot read the kubeconfig ${where}: ${(error as Error).message}`,
      'check the path and that the file is a kubeconfig (YAML with clusters, users and contexts)',
    );
  }
  if (target.context) {
    const names = kc.getContexts().map((c) => c.name);
    if (!names.includes(target.context)) {
      throw new ConfigError(
        `the kubeconfig ${where} has no context "${target.context}"`,
        `use one of: ${names.join(', ') || '(none)'}`,
      );
    }
    kc.setCurrentContext(target.context);
  }
  if (!kc.getCurrentCluster()) {
    throw new ConfigError(
      `the kubeconfig ${where} has no cluster for context "${kc.getCurrentContext()}"`,
      'set current-context, or give a context that names a cluster',
    );
  }
  return kc;
}

/**
 * KubernetesObjectApi with two additions: every write asks for `fieldValidation=Strict`, so a
 * misspelt field is an error instead of being silently pruned by the server; and the collection
 * path of a kind (from discovery) for watches.
 */
class ObjectApi extends KubernetesObjectApi {
  static forConfig(kc: KubeConfig): ObjectApi {
    const api = kc.makeApiClient(ObjectApi);
    api.setDefaultNamespace(kc);
    return api;
  }

  protected override async requestPromise<T extends KubernetesObject>(
    context: RequestContext,
    type?: string,
    options?: Configuration,
  ): Promise<T> {
    if (context.getHttpMethod() !== 'GET' && context.getHttpMethod() !== 'DELETE')
      context.setQueryParam('fieldValidation', 'Strict');
    return super.requestPromise<T>(context, type, options);
  }

  collectionPath(apiVersion: string, kind: string, namespace: string): Promise<string> {
    return this.specUriPath({ apiVersion, kind, metadata: { namespace } }, 'list');
  }
}

export interface ApplyOptions {
  fieldManager: string;
  /** Take ownership of fields other managers own (a deliberate overwrite of drift). */
  force?: boolean;
  dryRun?: boolean;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface WatchEvent<T = KubernetesObject> {
  type: WatchEventType;
  object: T;
}

export interface WatchHandle {
  stop(): void;
  /** Settles when the stream ends: resolves when stopped or closed by the server, rejects with KubeApiError (410 Expired: start again from a fresh read). */
  done: Promise<void>;
}

export interface LeaseSpec {
  namespace: string;
  name: string;
  holderIdentity: string;
  leaseDurationSeconds: number;
}

/** A service port, reached through the API server's service proxy. */
export interface ServiceProxyTarget {
  namespace: string;
  service: string;
  port: number;
}

export interface ProxyAnswer {
  status: number;
  body: string;
}

const PROXY_TIMEOUT_MS = 15_000;

export interface KubeClient {
  /** Server-side apply of `object` (create or update), returning the object as stored. */
  applyServerSide<T extends KubernetesObject>(object: T, options: ApplyOptions): Promise<T>;
  /**
   * JSON merge patch (RFC 7386) of one object as `fieldManager`, as `kubectl patch --type merge`:
   * fields the patch does not name stay as they are, and the manager takes ownership of the ones
   * it changes. A `metadata.resourceVersion` in the patch makes it conditional (409 Conflict when
   * the object changed since it was read).
   */
  mergePatch<T extends KubernetesObject>(
    ref: ObjectRef,
    patch: Record<string, unknown>,
    options: { fieldManager: string },
  ): Promise<T>;
  /** The object, or undefined when it does not exist. */
  get<T extends KubernetesObject>(ref: ObjectRef): Promise<T | undefined>;
  /** Objects of a kind in a namespace matching a label selector (e.g. everything StreamPilot manages there). */
  list<T extends KubernetesObject>(
    apiVersion: string,
    kind: string,
    namespace: string,
    labelSelector?: string,
  ): Promise<T[]>;
  /** Deletes the object; false when it was already gone. */
  delete(ref: ObjectRef): Promise<boolean>;
  /** The cluster's nodes (their addresses make NodePort URLs). */
  listNodes(): Promise<V1Node[]>;
  /** Watches one object from `resourceVersion` (default: its current state as ADDED first). */
  watch<T extends KubernetesObject>(
    ref: ObjectRef & { resourceVersion?: string },
    onEvent: (event: WatchEvent<T>) => void,
  ): Promise<WatchHandle>;
  getLease(namespace: string, name: string): Promise<V1Lease | undefined>;
  /** Creates the lease held by `holderIdentity`; a KubeApiError 409 AlreadyExists when someone created it first. */
  createLease(spec: LeaseSpec): Promise<V1Lease>;
  /**
   * Renews `lease` (as last read) for `holderIdentity`, taking it over when the holder changes.
   * A KubeApiError 409 Conflict when the lease changed since it was read.
   */
  renewLease(lease: V1Lease, holderIdentity: string, leaseDurationSeconds?: number): Promise<V1Lease>;
  /** Events about an object, oldest first. */
  listEvents(object: { namespace: string; name: string; kind?: string }): Promise<CoreV1Event[]>;
  listPods(namespace: string, labelSelector: string): Promise<V1Pod[]>;
  getService(namespace: string, name: string): Promise<V1Service | undefined>;
  /**
   * The key names of Secret `namespace/name`, or undefined when it does not exist: an existence
   * check, the only reading of a Secret StreamPilot does. The values the API server sends are
   * dropped here and never leave this call.
   */
  secretKeys(namespace: string, name: string): Promise<string[] | undefined>;
  /** The last `tailLines` of a container's log (`previous`: of its last terminated run). */
  podLogs(
    pod: { namespace: string; name: string },
    options: { container?: string; tailLines?: number; previous?: boolean },
  ): Promise<string>;
  /**
   * GET `path` (e.g. `/jobs/<id>/exceptions?maxExceptions=1`) of a service port through the API
   * server's service proxy, so it works from outside the cluster. Every HTTP answer is returned,
   * the backend's and the proxy's own (503 no endpoints, 404 no such service) alike, except a
   * 401/403 of the API server (credentials, or RBAC without `get` on `services/proxy`), thrown as
   * KubeApiError. A KubeApiError code 0 when the API server cannot be reached or does not answer
   * within `timeoutMs` (default 15 s).
   */
  proxyGet(target: ServiceProxyTarget, path: string, options?: { timeoutMs?: number }): Promise<ProxyAnswer>;
}

/**
 * The generated `connectGetNamespacedServiceProxyWithPath` URL-encodes the slashes of the path
 * and throws on every non-2xx answer, so the request is built here, with the kubeconfig's TLS
 * and credentials applied by the KubeConfig itself.
 */
async function serviceProxyGet(
  kc: KubeConfig,
  target: ServiceProxyTarget,
  path: string,
  timeoutMs: number,
): Promise<ProxyAnswer> {
  const doing = `reaching port ${target.port} of service ${target.namespace}/${target.service} through the Kubernetes API server`;
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeApiError(`${doing}: the kubeconfig names no cluster`, 0, 'Unreachable');
  const options: RequestOptions = { method: 'GET', headers: { Accept: 'application/json, */*' } };
  try {
    await kc.applyToHTTPSOptions(options);
  } catch (error) {
    throw translate(error, doing);
  }
  const queryAt = path.indexOf('?');
  const pathPart = queryAt < 0 ? path : path.slice(0, queryAt);
  const query = queryAt < 0 ? '' : path.slice(queryAt);
  const segments = pathPart.split('/').filter(Boolean).map(encodeURIComponent);
  const trailing = pathPart.endsWith('/') && segments.length > 0 ? '/' : '';
  const url = new URL(cluster.server);
  // A server URL may carry a path prefix (Rancher, some gateways): the API is below it.
  const prefix = url.pathname.replace(/\/+$/, '');
  url.pathname = `${prefix}/api/v1/namespaces/${encodeURIComponent(target.namespace)}/services/${encodeURIComponent(target.service)}:${target.port}/proxy/${segments.join('/')}${trailing}`;
  url.search = query;
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;

  const answer = await new Promise<ProxyAnswer>((resolve, reject) => {
    const req = send(url, options, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 100) / 10} s`)));
    req.on('error', reject);
    req.end();
  }).catch((error: unknown) => {
    throw new KubeApiError(`${doing}: ${(error as Error)?.message ?? String(error)}`, 0, 'Unreachable');
  });
  if (answer.status === 401 || answer.status === 403) {
    const status = safeJson(answer.body) as (StatusBody & { kind?: string }) | undefined;
    if (status?.kind === 'Status') throw fromStatus(status, answer.status);
  }
  return answer;
}

/**
 * client-node 1.4.0 makes a new agent, so a new TLS connection, for every request: a deploy's
 * dozen requests per job spent a third of their CPU in handshakes. Agents made from the same
 * options are shared and keep their connections alive; options that change (a rotated client
 * certificate) get an agent of their own. Idle pooled sockets are unref'd by Node, so a CLI
 * still exits at once.
 */
function shareAgents(kc: KubeConfig): void {
  const target = kc as unknown as { createAgent(cluster: unknown, options: Record<string, unknown>): unknown };
  const create = target.createAgent.bind(kc);
  const agents = new Map<string, unknown>();
  target.createAgent = (cluster, options) => {
    const key = JSON.stringify([cluster, options]);
    let agent = agents.get(key);
    if (!agent) {
      agent = create(cluster, { ...options, keepAlive: true });
      agents.set(key, agent);
    }
    return agent;
  };
}

export function createKubeClient(kc: KubeConfig): KubeClient {
  shareAgents(kc);
  const objects = ObjectApi.forConfig(kc);
  const core = kc.makeApiClient(CoreV1Api);
  const coordination = kc.makeApiClient(CoordinationV1Api);

  async function orUndefined<T>(call: () => Promise<T>, doing: string): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      const e = translate(error, doing);
      if (e.code === 404) return undefined;
      throw e;
    }
  }

  async function wrap<T>(call: () => Promise<T>, doing: string): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw translate(error, doing);
    }
  }

  return {
    applyServerSide: (object, options) =>
      wrap(
        () =>
          objects.patch(
            structuredClone(object),
            undefined,
            options.dryRun ? 'All' : undefined,
            options.fieldManager,
            options.force ?? false,
            PatchStrategy.ServerSideApply,
          ),
        `applying ${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`,
      ),

    mergePatch: <T extends KubernetesObject>(
      ref: ObjectRef,
      patch: Record<string, unknown>,
      options: { fieldManager: string },
    ) =>
      wrap(
        () =>
          objects.patch<T>(
            {
              ...patch,
              apiVersion: ref.apiVersion,
              kind: ref.kind,
              metadata: { ...(patch.metadata as object | undefined), name: ref.name, namespace: ref.namespace },
            } as T,
            undefined,
            undefined,
            options.fieldManager,
            undefined,
            PatchStrategy.MergePatch,
          ),
        `patching ${ref.kind} ${ref.namespace}/${ref.name}`,
      ),

    get: (ref) =>
      orUndefined(
        () =>
          objects.read({
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: { namespace: ref.namespace, name: ref.name },
          }),
        `reading ${ref.kind} ${ref.namespace}/${ref.name}`,
      ),

    list: async <T extends KubernetesObject>(
      apiVersion: string,
      kind: string,
      namespace: string,
      labelSelector?: string,
    ) =>
      (
        await wrap(
          () => objects.list<T>(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector),
          `listing ${kind} in ${namespace}`,
        )
      ).items,

    delete: async (ref) =>
      (await orUndefined(
        () =>
          objects.delete({
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: { namespace: ref.namespace, name: ref.name },
          }),
        `deleting ${ref.kind} ${ref.namespace}/${ref.name}`,
      )) !== undefined,

    listNodes: async () => (await wrap(() => core.listNode(), 'listing nodes')).items,

    async watch<T extends KubernetesObject>(
      ref: ObjectRef & { resourceVersion?: string },
      onEvent: (event: WatchEvent<T>) => void,
    ): Promise<WatchHandle> {
      const doing = `watching ${ref.kind} ${ref.namespace}/${ref.name}`;
      const path = await wrap(() => objects.collectionPath(ref.apiVersion, ref.kind, ref.namespace), doing);
      let settle!: (error?: KubeApiError) => void;
      const done = new Promise<void>((resolve, reject) => {
        settle = (error) => (error ? reject(error) : resolve());
      });
      let failure: KubeApiError | undefined;
      const controller = await new Watch(kc).watch(
        path,
        { fieldSelector: `metadata.name=${ref.name}`, resourceVersion: ref.resourceVersion, allowWatchBookmarks: true },
        (type: string, object: unknown) => {
          if (failure) return;
          if (type === 'ERROR') {
            failure = fromStatus(object as StatusBody, 500);
            controller?.abort();
            return;
          }
          onEvent({ type: type as WatchEventType, object: object as T });
        },
        (error: unknown) => {
          if (failure) settle(failure);
          else if (error && (error as { name?: string }).name !== 'AbortError') settle(translate(error, doing));
          else settle();
        },
      );
      return { stop: () => controller.abort(), done };
    },

    getLease: (namespace, name) =>
      orUndefined(() => coordination.readNamespacedLease({ namespace, name }), `reading lease ${namespace}/${name}`),

    createLease: (spec) => {
      const now = new V1MicroTime();
      return wrap(
        () =>
          coordination.createNamespacedLease({
            namespace: spec.namespace,
            body: {
              apiVersion: 'coordination.k8s.io/v1',
              kind: 'Lease',
              metadata: { name: spec.name, namespace: spec.namespace },
              spec: {
                holderIdentity: spec.holderIdentity,
                leaseDurationSeconds: spec.leaseDurationSeconds,
                acquireTime: now,
                renewTime: now,
                leaseTransitions: 0,
              },
            },
          }),
        `creating lease ${spec.namespace}/${spec.name}`,
      );
    },

    renewLease: (lease, holderIdentity, leaseDurationSeconds) => {
      const namespace = lease.metadata?.namespace ?? '';
      const name = lease.metadata?.name ?? '';
      const now = new V1MicroTime();
      const spec = lease.spec ?? {};
      const takeover = spec.holderIdentity !== holderIdentity;
      return wrap(
        () =>
          coordination.replaceNamespacedLease({
            namespace,
            name,
            body: {
              ...lease,
              spec: {
                ...spec,
                holderIdentity,
                ...((leaseDurationSeconds ?? spec.leaseDurationSeconds) !== undefined
                  ? { leaseDurationSeconds: leaseDurationSeconds ?? spec.leaseDurationSeconds }
                  : {}),
                // Dates read back are plain Dates; a server parses only microsecond timestamps.
                acquireTime: takeover ? now : spec.acquireTime ? new V1MicroTime(spec.acquireTime) : now,
                renewTime: now,
                leaseTransitions: (spec.leaseTransitions ?? 0) + (takeover ? 1 : 0),
              },
            },
          }),
        `renewing lease ${namespace}/${name}`,
      );
    },

    listEvents: async (object) => {
      const selector = [
        `involvedObject.name=${object.name}`,
        ...(object.kind ? [`involvedObject.kind=${object.kind}`] : []),
      ].join(',');
      const list = await wrap(
        () => core.listNamespacedEvent({ namespace: object.namespace, fieldSelector: selector }),
        `listing events of ${object.namespace}/${object.name}`,
      );
      const when = (e: CoreV1Event) =>
        new Date(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? 0).getTime();
      return [...list.items].sort((a, b) => when(a) - when(b));
    },

    listPods: async (namespace, labelSelector) =>
      (
        await wrap(
          () => core.listNamespacedPod({ namespace, labelSelector }),
          `listing pods in ${namespace} (${labelSelector})`,
        )
      ).items,

    getService: (namespace, name) =>
      orUndefined(() => core.readNamespacedService({ namespace, name }), `reading service ${namespace}/${name}`),

    secretKeys: async (namespace, name) => {
      const secret = await orUndefined(
        () => core.readNamespacedSecret({ namespace, name }),
        `looking up secret ${namespace}/${name}`,
      );
      if (!secret) return undefined;
      // `stringData` is write-only: the server has merged it into `data`, which is all there is to read.
      return Object.keys(secret.data ?? {});
    },

    podLogs: (pod, options) =>
      wrap(
        () =>
          core.readNamespacedPodLog({
            namespace: pod.namespace,
            name: pod.name,
            ...(options.container ? { container: options.container } : {}),
            ...(options.tailLines !== undefined ? { tailLines: options.tailLines } : {}),
            ...(options.previous ? { previous: true } : {}),
          }),
        `reading the log of pod ${pod.namespace}/${pod.name}`,
      ),

    proxyGet: (target, path, options) => serviceProxyGet(kc, target, path, options?.timeoutMs ?? PROXY_TIMEOUT_MS),
  };
}
