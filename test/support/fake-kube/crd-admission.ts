/**
 * What the API server does with a custom resource before storing it: unknown fields are pruned
 * (with a `Warning` header, the server default `fieldValidation=Warn`), or silently pruned
 * (`Ignore`), or rejected with 400 (`Strict`); then the object is validated against the CRD's
 * `openAPIV3Schema` (the validator of test/support/crd-schema.ts, from the operator CRDs in
 * ../shared/reference/flink-operator), and rejected with 422 Invalid naming every field.
 */
import { operatorValidators } from '../crd-schema.js';
import { badRequest, invalid, unconvertedError, type StatusCause } from './api-status.js';
import { deletePath, getPath } from './field-set.js';
import type { ResourceType } from './resources.js';

type Obj = Record<string, unknown>;

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

interface Problem {
  path: string[];
  message: string;
}

function fromPointer(pointer: string): string[] {
  if (pointer === '/' || pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `spec.job.args[0]` */
function fieldName(path: string[]): string {
  return path.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function problems(type: ResourceType, object: Obj): Problem[] {
  const validator = operatorValidators().get(type.kind);
  if (!validator) throw new Error(`no CRD for ${type.kind} in the operator reference`);
  return validator.validate(object).map((line) => {
    const space = line.indexOf(' ');
    return { path: fromPointer(line.slice(0, space)), message: line.slice(space + 1) };
  });
}

const UNKNOWN = /^has unknown field "(.*)"$/;

/**
 * Removes unknown fields from `object` per `fieldValidation`; returns the warnings for the
 * `Warning` header. `fieldPrefix` names the request body's fields as the server does.
 */
export function pruneUnknownFields(type: ResourceType, object: Obj, fieldValidation: FieldValidation): string[] {
  const unknown = problems(type, object).flatMap((p) => {
    const m = UNKNOWN.exec(p.message);
    return m ? [[...p.path, m[1]!]] : [];
  });
  if (unknown.length === 0) return [];
  const names = unknown.map(fieldName);
  if (fieldValidation === 'Strict') {
    throw badRequest(
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${names.map((n) => `unknown field "${n}"`).join(', ')}`,
    );
  }
  for (const path of unknown) deletePath(object, path);
  return fieldValidation === 'Warn' ? names.map((n) => `unknown field "${n}"`) : [];
}

/**
 * What a real server answers a server-side apply whose configuration has fields the CRD does not
 * declare, whatever `fieldValidation` says: the configuration cannot be converted to the typed
 * object apply merges (structured-merge-diff), so it is a 500 naming each field, e.g.
 * `failed to create typed patch object (ns/name; flink.apache.org/v1beta1, Kind=FlinkDeployment): .spec.job.foo: field not declared in schema`.
 * Unlike create and update, nothing is pruned. (KubeApi.apply should call this for custom
 * resources instead of pruneUnknownFields.)
 */
export function rejectUndeclaredFields(type: ResourceType, namespace: string, name: string, config: Obj): void {
  const unknown = problems(type, config).flatMap((p) => {
    const m = UNKNOWN.exec(p.message);
    return m ? [`.${fieldName([...p.path, m[1]!])}: field not declared in schema`] : [];
  });
  if (unknown.length === 0) return;
  const detail = unknown.length === 1 ? unknown[0]! : `errors:\n${unknown.map((u) => `  ${u}`).join('\n')}`;
  const gvk = `${type.group}/${type.version}, Kind=${type.kind}`;
  throw unconvertedError(`failed to create typed patch object (${namespace}/${name}; ${gvk}): ${detail}`);
}

function cause(object: Obj, p: Problem): StatusCause | undefined {
  const field = fieldName(p.path);
  const at = getPath(object, p.path);
  const value = JSON.stringify(at.value);
  const required = /^must have required property '(.*)'$/.exec(p.message);
  if (required)
    return { reason: 'FieldValueRequired', message: 'Required value', field: fieldName([...p.path, required[1]!]) };
  const allowed = /^must be equal to one of the allowed values: (.*)$/.exec(p.message);
  if (allowed) {
    const values = (JSON.parse(allowed[1]!) as unknown[]).map((v) => JSON.stringify(v)).join(', ');
    return {
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${value}: supported values: ${values}`,
      field,
    };
  }
  const typed = /^must be (integer|number|string|boolean|object|array|null)(,null)?$/.exec(p.message);
  if (typed) {
    const actual = Array.isArray(at.value) ? 'array' : at.value === null ? 'null' : typeof at.value;
    return {
      reason: 'FieldValueTypeInvalid',
      message: `Invalid value: "${actual}": ${field} in body must be of type ${typed[1]}: "${actual}"`,
      field,
    };
  }
  if (/^must match a schema in anyOf$/.test(p.message)) return undefined;
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${value}: ${field} in body ${p.message}`, field };
}

/** Throws 422 Invalid when `object` does not satisfy its CRD schema. */
export function validateCustomResource(type: ResourceType, object: Obj): void {
  const found = problems(type, object);
  if (found.length === 0) return;
  let causes = found.map((p) => cause(object, p)).filter((c): c is StatusCause => c !== undefined);
  if (causes.length === 0)
    causes = found.map((p) => ({ reason: 'FieldValueInvalid', message: p.message, field: fieldName(p.path) }));
  const name = String(((object.metadata as Obj | undefined)?.name as string | undefined) ?? '');
  throw invalid(type, name, causes);
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** What every kind gets: a name that is a DNS subdomain. */
export function validateObjectMeta(type: ResourceType, object: Obj): void {
  const name = (object.metadata as Obj | undefined)?.name;
  if (typeof name !== 'string' || name === '') {
    throw invalid(type, '', [
      {
        reason: 'FieldValueRequired',
        message: 'Required value: name or generateName is required',
        field: 'metadata.name',
      },
    ]);
  }
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    throw invalid(type, name, [
      {
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
        field: 'metadata.name',
      },
    ]);
  }
}
