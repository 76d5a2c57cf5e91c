/**
 * `metav1.Status` failures as the Kubernetes API server returns them (reason, code, details
 * with causes), thrown by the fake's handlers and written as the response body.
 */
import type { ResourceType } from './resources.js';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: Status,
    readonly headers: Record<string, string> = {},
  ) {
    super(status.message);
  }
}

function failure(code: number, reason: string, message: string, details?: Status['details']): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });
}

/** `flinkdeployments.flink.apache.org`, or `configmaps` for the core group: how the server names a resource in messages. */
export function qualifiedResource(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

export function notFound(type: ResourceType, name: string): ApiError {
  return failure(404, 'NotFound', `${qualifiedResource(type)} "${name}" not found`, {
    name,
    group: type.group,
    kind: type.plural,
  });
}

export function alreadyExists(type: ResourceType, name: string): ApiError {
  return failure(409, 'AlreadyExists', `${qualifiedResource(type)} "${name}" already exists`, {
    name,
    group: type.group,
    kind: type.plural,
  });
}

export function staleResourceVersion(type: ResourceType, name: string): ApiError {
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: type.group, kind: type.plural },
  );
}

/** A field an apply would change that another manager owns: the manager as the server identifies it, and the field. */
export interface FieldConflict {
  manager: string;
  operation: 'Apply' | 'Update';
  /** The version that manager wrote with: part of an Update manager's identity. */
  apiVersion: string;
  subresource?: 'status';
  /** `.spec.job.parallelism` */
  field: string;
}

/**
 * How the server names a manager in conflict messages: an Update manager with the version it
 * used (`"kubectl-edit" using flink.apache.org/v1beta1`), an applier by name only (its
 * identity leaves the version out, so it stays the same manager across versions).
 */
function printManager(c: FieldConflict): string {
  const name = `${JSON.stringify(c.manager)}${c.subresource ? ` with subresource ${JSON.stringify(c.subresource)}` : ''}`;
  return c.operation === 'Update' ? `${name} using ${c.apiVersion}` : name;
}

/** The manager identity the server groups and sorts conflicts by: ManagedFieldsEntry JSON without time and fields. */
function managerIdentity(c: FieldConflict): string {
  return JSON.stringify({
    manager: c.manager,
    operation: c.operation,
    ...(c.operation === 'Update' ? { apiVersion: c.apiVersion } : {}),
    ...(c.subresource ? { subresource: c.subresource } : {}),
  });
}

/**
 * Server-side apply conflicts, one cause per (field, manager). The message names the one
 * conflict, or lists them under each manager, managers sorted by identity.
 */
export function applyConflict(_type: ResourceType, conflicts: FieldConflict[]): ApiError {
  const sorted = [...conflicts].sort(
    (a, b) => compare(managerIdentity(a), managerIdentity(b)) || compare(a.field, b.field),
  );
  const n = sorted.length;
  let message: string;
  if (n === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(sorted[0]!)}: ${sorted[0]!.field}`;
  } else {
    const lines: string[] = [];
    let previous: string | undefined;
    for (const c of sorted) {
      const id = managerIdentity(c);
      if (id !== previous) lines.push(`conflicts with ${printManager(c)}:`);
      previous = id;
      lines.push(`- ${c.field}`);
    }
    message = `Apply failed with ${n} conflicts: ${lines.join('\n')}`;
  }
  return failure(409, 'Conflict', message, {
    causes: sorted.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${printManager(c)}`,
      field: c.field,
    })),
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function invalid(type: ResourceType, name: string, causes: StatusCause[]): ApiError {
  const list = causes.map((c) => `${c.field}: ${c.message}`);
  const summary = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return failure(422, 'Invalid', `${type.kind}${type.group ? `.${type.group}` : ''} "${name}" is invalid: ${summary}`, {
    name,
    group: type.group,
    kind: type.kind,
    causes,
  });
}

/**
 * An error the server did not turn into a Status of its own (the typed conversion of an apply
 * configuration): a 500 with the error's text and no reason.
 */
export function unconvertedError(message: string): ApiError {
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 } as Omit<
    Status,
    'reason'
  >;
  return new ApiError(status as Status);
}

export function badRequest(message: string): ApiError {
  return failure(400, 'BadRequest', message);
}

export function unsupportedMediaType(contentType: string): ApiError {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format (${contentType}) - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
  );
}

export function methodNotAllowed(method: string): ApiError {
  return failure(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource (${method})`,
  );
}

export function unauthorized(): ApiError {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

export function pathNotFound(): ApiError {
  return failure(404, 'NotFound', 'the server could not find the requested resource');
}

export function expired(requested: number, oldest: number): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `too old resource version: ${requested} (${oldest})`,
    reason: 'Expired',
    code: 410,
  };
}

/**
 * A validating webhook's denial as the API server relays it (apiserver
 * `webhookerrors.ToStatusErr`): the webhook's status code (the operator's JOSDK
 * `NotAllowedException(String)` sets 403) and its message prefixed with the webhook's name; the
 * operator's status carries no reason.
 */
export function webhookDenied(webhook: string, message: string, code = 403): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `admission webhook "${webhook}" denied the request: ${message}`,
    reason: '',
    code,
  });
}
