/**
 * The API server's write semantics, in process: create, replace (PUT), merge patch,
 * server-side apply, status subresource, delete; with resourceVersion preconditions,
 * generation, managedFields, pruning and schema validation. The HTTP layer (fake-kube.ts)
 * and the simulated operator both go through here, so both produce the same watch events.
 */
import { randomUUID } from 'node:crypto';
import { alreadyExists, applyConflict, badRequest, notFound, staleResourceVersion } from './api-status.js';
import {
  pruneUnknownFields,
  rejectUndeclaredFields,
  validateCustomResource,
  validateObjectMeta,
  type FieldValidation,
} from './crd-admission.js';
import { validateBuiltIn } from './builtin-validation.js';
import { deepEqual } from './field-set.js';
import { applyConfiguration, recordUpdate, type Scope, type WriteContext } from './managed-fields.js';
import { meta, type ObjectStore } from './object-store.js';
import { apiVersionOf, type ResourceType } from './resources.js';
import { fieldSelector, labelSelector } from './selectors.js';

type Obj = Record<string, unknown>;

export interface WriteOptions {
  fieldManager: string;
  fieldValidation?: FieldValidation;
  dryRun?: boolean;
}

export interface WriteResult {
  object: Obj;
  created: boolean;
  /** For the `Warning` response header. */
  warnings: string[];
}

export interface ListOptions {
  labelSelector?: string | null;
  fieldSelector?: string | null;
}

const SERVER_METADATA = [
  'uid',
  'creationTimestamp',
  'generation',
  'resourceVersion',
  'managedFields',
  'namespace',
  'name',
];

function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const out: Obj =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? structuredClone(target as Obj) : {};
  for (const [k, v] of Object.entries(patch as Obj)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function withoutMetaAndStatus(object: Obj): Obj {
  const { metadata: _m, status: _s, ...rest } = object;
  return rest;
}

/**
 * A validating admission webhook: throws an ApiError to deny a CREATE or UPDATE of the main
 * resource. The server calls it after the schema check, dry runs included (webhooks declared
 * `sideEffects: None` are called for dry runs), never for `/status` writes.
 */
export type ValidatingWebhook = (type: ResourceType, object: Obj) => void;

/** Cluster-scoped kinds (Node) are addressed with the namespace ''. */
export class KubeApi {
  readonly webhooks: ValidatingWebhook[] = [];

  constructor(
    readonly store: ObjectStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  read(type: ResourceType, namespace: string, name: string): Obj {
    const found = this.store.get(type, namespace, name);
    if (!found) throw notFound(type, name);
    return found;
  }

  list(
    type: ResourceType,
    namespace: string | undefined,
    options: ListOptions = {},
  ): { items: Obj[]; resourceVersion: string } {
    const byLabel = labelSelector(options.labelSelector ?? null);
    const byField = fieldSelector(options.fieldSelector ?? null, type.fieldLabels);
    return {
      items: this.store.list(type, namespace).filter((o) => byLabel(o) && byField(o)),
      resourceVersion: String(this.store.currentRevision),
    };
  }

  create(type: ResourceType, namespace: string, body: Obj, options: WriteOptions): WriteResult {
    const object = structuredClone(body);
    this.checkIdentity(type, namespace, undefined, object);
    const name = String(meta(object).name ?? '');
    if (this.store.get(type, namespace, name)) throw alreadyExists(type, name);
    const warnings = type.crd ? pruneUnknownFields(type, object, options.fieldValidation ?? 'Warn') : [];
    if (type.statusSubresource) delete object.status;
    const m = meta(object);
    for (const k of SERVER_METADATA) if (k !== 'name' && k !== 'namespace') delete m[k];
    if (type.namespaced) m.namespace = namespace;
    else delete m.namespace;
    m.uid = randomUUID();
    m.creationTimestamp = timestamp(this.now());
    if (type.crd) m.generation = 1;
    this.validate(type, object);
    recordUpdate(undefined, object, this.context(type, options.fieldManager, 'main'));
    if (options.dryRun) return { object, created: true, warnings };
    return { object: this.store.put(type, object, 'ADDED'), created: true, warnings };
  }

  /** PUT of the main resource (`scope` main) or of `/status`. */
  replace(
    type: ResourceType,
    namespace: string,
    name: string,
    body: Obj,
    options: WriteOptions,
    scope: Scope = 'main',
  ): WriteResult {
    const previous = this.read(type, namespace, name);
    const incoming = structuredClone(body);
    this.checkIdentity(type, namespace, name, incoming);
    const requested = meta(incoming).resourceVersion;
    if (requested === undefined || requested === '') {
      // Custom resources refuse unconditional updates; core objects allow them.
      if (type.crd) throw badRequest(`metadata.resourceVersion: Invalid value: 0x0: must be specified for an update`);
    } else if (String(requested) !== meta(previous).resourceVersion) {
      throw staleResourceVersion(type, name);
    }
    const warnings = type.crd ? pruneUnknownFields(type, incoming, options.fieldValidation ?? 'Warn') : [];
    return this.commit(type, previous, this.merge(type, previous, incoming, scope), options, scope, warnings);
  }

  /** `application/merge-patch+json` (and strategic merge for core kinds, close enough for the maps we use). */
  patch(
    type: ResourceType,
    namespace: string,
    name: string,
    patch: Obj,
    options: WriteOptions,
    scope: Scope = 'main',
  ): WriteResult {
    const previous = this.read(type, namespace, name);
    const requested = (patch.metadata as Obj | undefined)?.resourceVersion;
    if (requested !== undefined && String(requested) !== meta(previous).resourceVersion)
      throw staleResourceVersion(type, name);
    const incoming = mergePatch(previous, patch) as Obj;
    const warnings = type.crd ? pruneUnknownFields(type, incoming, options.fieldValidation ?? 'Warn') : [];
    return this.commit(type, previous, this.merge(type, previous, incoming, scope), options, scope, warnings);
  }

  /** Server-side apply (`application/apply-patch+yaml`); creates the object when it does not exist. */
  apply(
    type: ResourceType,
    namespace: string,
    name: string,
    config: Obj,
    options: WriteOptions & { force: boolean },
    scope: Scope = 'main',
  ): WriteResult {
    const incoming = structuredClone(config);
    this.checkIdentity(type, namespace, name, incoming);
    const previous = this.store.get(type, namespace, name);
    if (!previous && scope === 'status') throw notFound(type, name);
    const requested = meta(incoming).resourceVersion;
    if (requested !== undefined && (!previous || String(requested) !== meta(previous).resourceVersion))
      throw staleResourceVersion(type, name);
    delete meta(incoming).resourceVersion;
    // A real server builds a typed patch from the CRD's schema first: an undeclared field is a 500
    // whatever fieldValidation says, and nothing is pruned.
    if (type.crd) rejectUndeclaredFields(type, namespace, name, incoming);
    const warnings: string[] = [];
    const base: Obj = previous ?? {
      apiVersion: apiVersionOf(type),
      kind: type.kind,
      metadata: {
        name,
        ...(type.namespaced ? { namespace } : {}),
        uid: randomUUID(),
        creationTimestamp: timestamp(this.now()),
        ...(type.crd ? { generation: 1 } : {}),
      },
    };
    const outcome = applyConfiguration(base, incoming, options.force, this.context(type, options.fieldManager, scope));
    if (!outcome.ok) throw applyConflict(type, outcome.conflicts);
    const next = outcome.object;
    if (!previous) {
      this.validate(type, next);
      if (options.dryRun) return { object: next, created: true, warnings };
      return { object: this.store.put(type, next, 'ADDED'), created: true, warnings };
    }
    return this.commit(type, previous, next, options, scope, warnings, false);
  }

  delete(type: ResourceType, namespace: string, name: string): Obj {
    const gone = this.store.remove(type, namespace, name);
    if (!gone) throw notFound(type, name);
    return gone;
  }

  private context(type: ResourceType, manager: string, scope: Scope): WriteContext {
    return {
      manager,
      scope,
      apiVersion: apiVersionOf(type),
      hasStatusSubresource: type.statusSubresource,
      time: timestamp(this.now()),
    };
  }

  /** The stored object a write of `incoming` produces: server metadata kept, and spec or status left alone per scope. */
  private merge(type: ResourceType, previous: Obj, incoming: Obj, scope: Scope): Obj {
    let next: Obj;
    if (scope === 'status') {
      next = structuredClone(previous);
      if (incoming.status === undefined) delete next.status;
      else next.status = structuredClone(incoming.status);
    } else {
      next = structuredClone(incoming);
      if (type.statusSubresource) {
        if (previous.status === undefined) delete next.status;
        else next.status = structuredClone(previous.status);
      }
    }
    const m = meta(next);
    const pm = meta(previous);
    for (const k of SERVER_METADATA) {
      if (pm[k] === undefined) delete m[k];
      else m[k] = structuredClone(pm[k]);
    }
    next.apiVersion = apiVersionOf(type);
    next.kind = type.kind;
    return next;
  }

  private commit(
    type: ResourceType,
    previous: Obj,
    next: Obj,
    options: WriteOptions,
    scope: Scope,
    warnings: string[],
    trackAsUpdate = true,
  ): WriteResult {
    if (type.crd && !deepEqual(withoutMetaAndStatus(previous), withoutMetaAndStatus(next))) {
      meta(next).generation = Number(meta(previous).generation ?? 1) + 1;
    }
    this.validate(type, next, scope);
    if (trackAsUpdate) recordUpdate(previous, next, this.context(type, options.fieldManager, scope));
    const comparable = (o: Obj) => {
      const c = structuredClone(o);
      const fields = (meta(c).managedFields ?? []) as Obj[];
      for (const entry of fields) delete entry.time;
      delete meta(c).resourceVersion;
      return c;
    };
    // A write that changes nothing is a no-op: same resourceVersion, no watch event.
    if (deepEqual(comparable(previous), comparable(next))) return { object: previous, created: false, warnings };
    if (options.dryRun) return { object: next, created: false, warnings };
    return { object: this.store.put(type, next, 'MODIFIED'), created: false, warnings };
  }

  private validate(type: ResourceType, object: Obj, scope: Scope = 'main'): void {
    validateObjectMeta(type, object);
    if (type.crd) validateCustomResource(type, object);
    else validateBuiltIn(type, object);
    if (scope === 'main') for (const webhook of this.webhooks) webhook(type, object);
  }

  private checkIdentity(type: ResourceType, namespace: string, name: string | undefined, body: Obj): void {
    if (body.apiVersion !== undefined && body.apiVersion !== apiVersionOf(type)) {
      throw badRequest(
        `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersionOf(type)})`,
      );
    }
    if (body.kind !== undefined && body.kind !== type.kind) {
      throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${type.kind})`);
    }
    body.apiVersion = apiVersionOf(type);
    body.kind = type.kind;
    const m = meta(body);
    // The server clears the namespace of a cluster-scoped object rather than refusing it.
    if (!type.namespaced) delete m.namespace;
    else if (m.namespace !== undefined && m.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    if (name !== undefined) {
      if (m.name === undefined) m.name = name;
      else if (m.name !== name)
        throw badRequest(`the name of the object (${String(m.name)}) does not match the name on the URL (${name})`);
    }
  }
}
