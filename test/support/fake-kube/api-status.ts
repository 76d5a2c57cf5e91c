/**
 * `metav1.Status` failures as the Kubernetes API server returns them (reason, code, details
 * with causes), thrown by the fake's handlers and written as the response body.
 */
import { apiVersionOf, type ResourceType } from './resources.js';

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
  constructor(readonly status: Status, readonly headers: Record<string, string> = {}) {
    super(status.message);
  }
}

function failure(code: number, reason: string, message: string, details?: Status['details']): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
}

/** `flinkdeployments.flink.apache.org`, or `configmaps` for the core group: how the server names a resource in messages. */
export function qualifiedResource(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

export function notFound(type: ResourceType, name: string): ApiError {
  return failure(404, 'NotFound', `${qualifiedResource(type)} "${name}" not found`, { name, group: type.group, kind: type.plural });
}

export function alreadyExists(type: ResourceType, name: string): ApiError {
  return failure(409, 'AlreadyExists', `${qualifiedResource(type)} "${name}" already exists`, { name, group: type.group, kind: type.plural });
}

export function staleResourceVersion(type: ResourceType, name: string): ApiError {
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: type.group, kind: type.plural },
  );
}

export interface FieldConflict {
  manager: string;
  /** `.spec.job.parallelism` */
  field: string;
}

/** Server-side apply conflicts, one cause per (field, manager), message grouped per manager. */
export function applyConflict(type: ResourceType, conflicts: FieldConflict[]): ApiError {
  const apiVersion = apiVersionOf(type);
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.field]);
  const parts = [...byManager].map(([manager, fields]) =>
    fields.length === 1 ? `conflict with "${manager}" using ${apiVersion}: ${fields[0]}` : `conflicts with "${manager}" using ${apiVersion}:\n${fields.map((f) => `- ${f}`).join('\n')}`,
  );
  const n = conflicts.length;
  return failure(409, 'Conflict', `Apply failed with ${n} conflict${n === 1 ? '' : 's'}: ${parts.join('\n')}`, {
    causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with "${c.manager}" using ${apiVersion}`, field: c.field })),
  });
}

export function invalid(type: ResourceType, name: string, causes: StatusCause[]): ApiError {
  const list = causes.map((c) => `${c.field}: ${c.message}`);
  const summary = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return failure(422, 'Invalid', `${type.kind}${type.group ? `.${type.group}` : ''} "${name}" is invalid: ${summary}`, {
    name, group: type.group, kind: type.kind, causes,
  });
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
  return failure(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${method})`);
}

export function unauthorized(): ApiError {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

export function pathNotFound(): ApiError {
  return failure(404, 'NotFound', 'the server could not find the requested resource');
}

export function expired(requested: number, oldest: number): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${requested} (${oldest})`, reason: 'Expired', code: 410 };
}
