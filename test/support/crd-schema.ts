/**
 * Validates objects against Kubernetes CustomResourceDefinitions the way an API server would
 * with `fieldValidation=Strict`, so that tests (and fakes of the API server) reject what a real
 * cluster rejects. The CRDs' structural schemas are OpenAPI v3 with Kubernetes extensions; they
 * are turned into JSON Schema for ajv:
 *
 * - unknown fields: an object schema with `properties` and no `additionalProperties` gets
 *   `additionalProperties: false` (the server prunes unknown fields, or rejects them under
 *   strict field validation; either way a misspelt field never reaches the operator), except
 *   under `x-kubernetes-preserve-unknown-fields`;
 * - `x-kubernetes-int-or-string` → integer or string; `nullable` → null allowed;
 * - `x-kubernetes-embedded-resource` → apiVersion/kind/metadata allowed;
 * - `x-kubernetes-list-type: set|map` (+ `x-kubernetes-list-map-keys`) → uniqueness checks;
 * - `format`: int32/int64 ranges, byte, date-time; formats the server does not check are dropped;
 * - `x-kubernetes-validations` (CEL) cannot be evaluated here: counted in `uncheckedRules`.
 * - the root gets what the server checks for every object: `apiVersion` and `kind` of this CRD,
 *   ObjectMeta with DNS names and label syntax.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { repoRoot } from './repo-root.js';

export { repoRoot };
export const operatorCrdDir = path.resolve(repoRoot, '../shared/reference/flink-operator');

export interface Crd {
  file: string;
  group: string;
  kind: string;
  /** The first served version, e.g. v1beta1. */
  version: string;
  openAPIV3Schema: SchemaObject;
}

export interface CrdValidator {
  kind: string;
  apiVersion: string;
  /** Problems as `<JSON pointer> <message>`; empty when the object is valid. */
  validate(object: unknown): string[];
  /** CEL rules (`x-kubernetes-validations`) this validator could not evaluate. */
  uncheckedRules: number;
}

type Node = Record<string, unknown>;

export function loadCrds(dir: string = operatorCrdDir): Crd[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => {
      const doc = parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
        kind?: string;
        spec?: {
          group: string;
          names: { kind: string };
          versions: { name: string; schema: { openAPIV3Schema: SchemaObject } }[];
        };
      };
      const first = doc.spec?.versions[0];
      if (doc.kind !== 'CustomResourceDefinition' || !doc.spec || !first) {
        throw new Error(`${path.join(dir, file)} is not a CustomResourceDefinition with at least one version.`);
      }
      return {
        file,
        group: doc.spec.group,
        kind: doc.spec.names.kind,
        version: first.name,
        openAPIV3Schema: first.schema.openAPIV3Schema,
      };
    });
}

const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
// Qualified name: optional DNS-subdomain prefix and '/', then a name of at most 63 characters.
const QUALIFIED_NAME =
  '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$';
const LABEL_VALUE = '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$';

const OBJECT_META: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: DNS_SUBDOMAIN, maxLength: 253 },
    namespace: { type: 'string', pattern: DNS_LABEL, maxLength: 63 },
    labels: {
      type: 'object',
      propertyNames: { pattern: QUALIFIED_NAME, maxLength: 317 },
      additionalProperties: { type: 'string', pattern: LABEL_VALUE, maxLength: 63 },
    },
    annotations: {
      type: 'object',
      propertyNames: { pattern: QUALIFIED_NAME, maxLength: 317 },
      additionalProperties: { type: 'string' },
    },
    // Fields the server sets; allowed so objects read back from a cluster validate too.
    generateName: { type: 'string' },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    generation: { type: 'integer' },
    creationTimestamp: { type: 'string' },
    deletionTimestamp: { type: 'string' },
    deletionGracePeriodSeconds: { type: 'integer' },
    finalizers: { type: 'array', items: { type: 'string' } },
    ownerReferences: { type: 'array', items: { type: 'object' } },
    managedFields: { type: 'array', items: { type: 'object' } },
    selfLink: { type: 'string' },
  },
};

const CHECKED_FORMATS = new Set(['int32', 'int64', 'float', 'double', 'byte', 'date-time']);
const SCHEMA_LISTS = new Set(['anyOf', 'allOf', 'oneOf']);
const SCHEMA_ONE = new Set(['items', 'not']);
const DROPPED = new Set(['description', 'default', 'example', 'externalDocs', 'x-kubernetes-validations']);

/** One CRD schema node → JSON Schema for ajv (see the file comment). */
function toJsonSchema(node: Node, counter: { cel: number }): Node {
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'x-kubernetes-validations' && Array.isArray(value)) counter.cel += value.length;
    if (DROPPED.has(key)) continue;
    if (key === 'properties') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, Node>).map(([k, v]) => [k, toJsonSchema(v, counter)]),
      );
    } else if (SCHEMA_LISTS.has(key)) {
      out[key] = (value as Node[]).map((v) => toJsonSchema(v, counter));
    } else if (SCHEMA_ONE.has(key) || (key === 'additionalProperties' && typeof value === 'object' && value !== null)) {
      out[key] = toJsonSchema(value as Node, counter);
    } else if (key === 'format') {
      if (CHECKED_FORMATS.has(value as string)) out[key] = value;
    } else {
      out[key] = value;
    }
  }
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf ??= [{ type: 'integer' }, { type: 'string' }];
  }
  if (node['x-kubernetes-embedded-resource'] === true) {
    const props = (out.properties ??= {}) as Record<string, Node>;
    props.apiVersion ??= { type: 'string' };
    props.kind ??= { type: 'string' };
    props.metadata ??= { type: 'object' };
  }
  if (out.properties && out.additionalProperties === undefined && !preserve) out.additionalProperties = false;
  if (node.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  } else {
    delete out.nullable;
  }
  return out;
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('byte', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/);
  ajv.addVocabulary([
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-int-or-string',
    'x-kubernetes-embedded-resource',
    'x-kubernetes-map-type',
    'x-kubernetes-list-map-keys',
  ]);
  ajv.addKeyword({
    keyword: 'x-kubernetes-list-type',
    type: 'array',
    schemaType: 'string',
    errors: true,
    validate: function listType(this: unknown, listKind: string, data: unknown[], parentSchema?: Node): boolean {
      if (listKind === 'atomic') return true;
      const mapKeys = (parentSchema?.['x-kubernetes-list-map-keys'] as string[] | undefined) ?? [];
      const identity = (item: unknown): string =>
        listKind === 'map'
          ? JSON.stringify(mapKeys.map((k) => (item as Node | null)?.[k] ?? null))
          : JSON.stringify(item);
      const seen = new Set<string>();
      for (const item of data) {
        const id = identity(item);
        if (seen.has(id)) {
          (listType as unknown as { errors: Partial<ErrorObject>[] }).errors = [
            {
              keyword: 'x-kubernetes-list-type',
              message: `has a duplicate ${listKind === 'map' ? `key ${id}` : `item ${id}`}`,
              params: {},
            },
          ];
          return false;
        }
        seen.add(id);
      }
      return true;
    },
  });
  return ajv;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties')
    return `${where} has unknown field "${String(params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `${where} ${error.message}: ${JSON.stringify(params.allowedValues)}`;
  return `${where} ${error.message ?? error.keyword}`;
}

export function crdValidator(crd: Crd): CrdValidator {
  const counter = { cel: 0 };
  const root = toJsonSchema(crd.openAPIV3Schema as Node, counter);
  const apiVersion = `${crd.group}/${crd.version}`;
  const props = (root.properties ??= {}) as Record<string, unknown>;
  props.apiVersion = { const: apiVersion };
  props.kind = { const: crd.kind };
  props.metadata = OBJECT_META;
  root.required = ['apiVersion', 'kind', 'metadata', 'spec'];
  root.additionalProperties = false;
  const compiled: ValidateFunction = newAjv().compile(root);
  return {
    kind: crd.kind,
    apiVersion,
    uncheckedRules: counter.cel,
    validate(object: unknown): string[] {
      if (compiled(object)) return [];
      return (compiled.errors ?? []).map(describe);
    },
  };
}

const cache = new Map<string, Map<string, CrdValidator>>();

/** Validators for every CRD in `dir`, by kind. Compiled once per process (the schemas are large). */
export function operatorValidators(dir: string = operatorCrdDir): Map<string, CrdValidator> {
  let byKind = cache.get(dir);
  if (!byKind) {
    byKind = new Map(loadCrds(dir).map((crd) => [crd.kind, crdValidator(crd)]));
    cache.set(dir, byKind);
  }
  return byKind;
}

/** Validates an object against the CRD of its `kind`; an unknown kind is a problem too. */
export function validateAgainstCrds(object: { kind?: unknown }, dir: string = operatorCrdDir): string[] {
  const validator = operatorValidators(dir).get(String(object.kind));
  if (!validator) return [`/kind "${String(object.kind)}" has no CRD in ${dir}`];
  return validator.validate(object);
}
