import { existsSync, readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostics.js';
import { didYouMean, didYouMeanSuffix } from '../text/did-you-mean.js';
import { excerpt, quote } from '../text/quote.js';
import { baseName, diagnosticAtPath, formatPath, rangeOf, type YamlPath, type YamlSource } from './yaml-document.js';
import { compareDiagnostics, diagnosticAt } from '../diagnostics.js';
import validateJobSchema from './generated/job-schema-validator.js';
import validateProjectSchema from './generated/project-schema-validator.js';

export type ManifestKind = 'project' | 'job';

const SCHEMA_RULE = 'manifest/schema';

type Schema = Record<string, unknown>;

/**
 * The JSON Schemas shipped in `schemas/`, read from the package at run time: src/manifest and
 * dist/manifest are two levels below the package root; a bundle (one file in dist/ or action/dist/)
 * is one or two levels below it.
 */
export function manifestSchema(kind: ManifestKind): Schema {
  const cached = schemas.get(kind);
  if (cached) return cached;
  const candidates = ['../../schemas/', '../schemas/'].map(
    (dir) => new URL(`${dir}${kind}.schema.json`, import.meta.url),
  );
  const found = candidates.find((url) => existsSync(url));
  if (!found)
    throw new Error(
      `StreamPilot is installed without its schemas: ${kind}.schema.json is in none of ${candidates.map((u) => u.pathname).join(', ')}`,
    );
  const schema = JSON.parse(readFileSync(found, 'utf8')) as Schema;
  schemas.set(kind, schema);
  return schema;
}

const schemas = new Map<ManifestKind, Schema>();

/** A validator ajv wrote: true when the data fits; otherwise `errors` says why. */
interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

// Generated ahead of time by `npm run generate:validators` (scripts/generate-validators.mjs, which
// says why they are committed): compiling the schemas here cost every process ~135 ms of CPU.
const validators: Record<ManifestKind, SchemaValidator> = { job: validateJobSchema, project: validateProjectSchema };

/** Every schema error of a parsed manifest, positioned at the YAML node it is about. */
export function validateManifest(source: YamlSource, kind: ManifestKind): Diagnostic[] {
  const validate = validators[kind];
  if (validate(source.value)) return [];
  const errors = pruneUnionBranches(validate.errors ?? []);
  // One diagnostic per node: a value of the wrong type also fails its enum or pattern, and
  // the type error is the one that says what to do.
  const typeFailed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of errors) {
    if (error.keyword === 'propertyNames') continue; // its inner error, which names the key, is reported
    if (error.keyword !== 'type' && typeFailed.has(error.instancePath) && error.propertyName === undefined) continue;
    const d = describe(source, kind, error);
    const id = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(d);
  }
  return out.sort(compareDiagnostics);
}

/**
 * A value that may take several shapes (`build: configmap` or `build: { builder: docker }`)
 * fails every branch of its `anyOf`, and the branches' errors contradict each other ("must be a
 * string", "must be a mapping"). When the value has the type of exactly one branch and that
 * branch objects to something inside it, only that branch's errors are kept (`build.builder`
 * must be one of …); otherwise only the union's own error, which `describe` words as the list
 * of shapes allowed.
 */
function pruneUnionBranches(errors: ErrorObject[]): ErrorObject[] {
  let out = errors;
  for (const union of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const prefix = `${union.schemaPath}/`;
    const branches = Array.isArray(union.schema) ? (union.schema as Schema[]) : [];
    const fitting = branches.flatMap((branch, i) => (typeFits(branch.type, union.data) ? [i] : []));
    const inside = (e: ErrorObject) => e.schemaPath.startsWith(prefix);
    const keep = fitting.length === 1 ? `${prefix}${fitting[0]}/` : undefined;
    const kept = keep === undefined ? [] : out.filter((e) => e.schemaPath.startsWith(keep));
    if (
      kept.length > 0 &&
      kept.every(
        (e) =>
          e.instancePath !== union.instancePath || e.keyword === 'additionalProperties' || e.keyword === 'required',
      )
    ) {
      out = out.filter((e) => e !== union && (!inside(e) || kept.includes(e)));
    } else {
      out = out.filter((e) => !inside(e));
    }
  }
  return out;
}

function typeFits(type: unknown, data: unknown): boolean {
  if (type === undefined) return true;
  const kind = data === null ? 'null' : Array.isArray(data) ? 'array' : typeof data;
  const types = Array.isArray(type) ? type : [type];
  return types.some(
    (t) => t === kind || (t === 'integer' && Number.isInteger(data)) || (t === 'number' && kind === 'number'),
  );
}

/** `\`configmap\` or a mapping (key: value lines)`: the shapes the branches of a union allow. */
function unionShapes(branches: Schema[]): { words: string[]; values: string[] } {
  const words: string[] = [];
  const values: string[] = [];
  for (const branch of branches) {
    const allowed = Array.isArray(branch.enum) ? branch.enum : 'const' in branch ? [branch.const] : undefined;
    if (allowed) {
      values.push(...allowed.map(String));
      words.push(...allowed.map((v) => `\`${String(v)}\``));
    } else if (typeof branch.type === 'string') words.push(typeName(branch.type));
  }
  return { words, values };
}

/** `write \`build: configmap\` or \`build: { builder: …, dockerfile: … }\``: one example per branch. */
function unionExamples(path: YamlPath, schema: unknown): string | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string' || !Array.isArray(schema)) return undefined;
  const examples = (schema as Schema[]).flatMap((branch) => {
    if (Array.isArray(branch.enum)) return branch.enum.map((v) => `\`${key}: ${String(v)}\``);
    const props = Object.keys((branch.properties ?? {}) as Schema);
    return branch.type === 'object' && props.length > 0
      ? [`\`${key}: { ${props.map((p) => `${p}: …`).join(', ')} }\``]
      : [];
  });
  return examples.length > 0 ? `write ${examples.join(' or ')}` : undefined;
}

function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describe(source: YamlSource, kind: ManifestKind, error: ErrorObject): Diagnostic {
  const path: YamlPath = pointerToPath(error.instancePath);
  const file = baseName(source.file);
  const where = path.length === 0 ? file : `\`${formatPath(path)}\``;
  const name = `\`${formatPath(path)}\``;
  const params = error.params as Record<string, unknown>;
  const parentSchema = (error.parentSchema ?? {}) as Schema;
  const found = describeValue(source, path, error.data);
  const at = (target: 'key' | 'value', message: string, hint?: string, p: YamlPath = path): Diagnostic =>
    diagnosticAtPath(source, p, target, { severity: 'error', rule: SCHEMA_RULE, message, hint });

  if (error.propertyName !== undefined) {
    // propertyNames: the key itself is malformed.
    const message = `invalid key ${quote(error.propertyName)} in ${where}: it ${patternMessage(error) ?? error.message ?? 'is not allowed'}`;
    return at('key', message, undefined, [...path, error.propertyName]);
  }

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((parentSchema.properties ?? {}) as Schema);
      const suffix = didYouMeanSuffix(key, allowed);
      const hint = allowed.length ? `allowed keys here: ${allowed.join(', ')}` : undefined;
      return at('key', `unknown key ${quote(key)} in ${where}${suffix}`, hint, [...path, key]);
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const described = propertyDescription(kind, parentSchema, missing);
      const message = `missing required key \`${missing}\` in ${where}`;
      if (path.length === 0) {
        // The root mapping has no key: point at its first line.
        return diagnosticAt(source.file, source.lines, rangeOf(source, [], 'key'), {
          severity: 'error',
          rule: SCHEMA_RULE,
          message,
          hint: described,
        });
      }
      return at('key', message, described);
    }
    case 'type': {
      const expected = typeName(String(params.type));
      const hint = typeHint(source, path, String(params.type), error.data);
      if (path.length === 0) {
        return diagnosticAt(source.file, source.lines, rangeOf(source, [], 'value'), {
          severity: 'error',
          rule: SCHEMA_RULE,
          // The value is not quoted here, not even in part: a whole file that is not a mapping may be
          // anything (a .env a link pointed to once), and its kind is enough to say what is wrong.
          message:
            error.data === null || error.data === undefined
              ? `${file} is empty; it must be a mapping`
              : `${file} must be a mapping of keys to values; found ${kindOf(error.data)}`,
          hint:
            kind === 'job'
              ? 'start from: apiVersion: streampilot.dev/v1, kind: FlinkSqlJob, name: <folder name>, sql: [main.sql]'
              : 'start from: apiVersion: streampilot.dev/v1, kind: Project, environments: { staging: {} }',
        });
      }
      return at('value', `${name} must be ${expected}; found ${found}`, hint);
    }
    case 'enum': {
      const allowed = ((params.allowedValues as unknown[]) ?? []).map(String);
      const guess = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      return at(
        'value',
        `${name} must be one of ${allowed.join(', ')}; found ${found}`,
        guess ? `did you mean \`${guess}\`?` : undefined,
      );
    }
    case 'const': {
      const expected = String(params.allowedValue);
      const hint =
        path[0] === 'kind'
          ? kind === 'job'
            ? 'job manifests live in jobs/<name>/job.yaml and have kind: FlinkSqlJob'
            : 'streampilot.yaml at the repository root has kind: Project'
          : undefined;
      return at('value', `${name} must be \`${expected}\`; found ${found}`, hint);
    }
    case 'pattern':
      return at('value', `${name} ${patternMessage(error) ?? `must match ${String(params.pattern)}`}; found ${found}`);
    case 'minItems':
      return at(
        'value',
        `${name} must list at least ${String(params.limit)} ${Number(params.limit) === 1 ? 'entry' : 'entries'}`,
      );
    case 'minProperties':
      return at(
        'value',
        `${name} must have at least ${String(params.limit)} ${Number(params.limit) === 1 ? 'entry' : 'entries'}`,
      );
    case 'minLength':
      return at('value', `${name} must not be empty`);
    case 'maxLength':
      return at(
        'value',
        `${name} must be at most ${String(params.limit)} characters; found ${String(error.data).length}`,
      );
    case 'minimum':
      return at('value', `${name} must be at least ${String(params.limit)}; found ${found}`);
    case 'maximum':
      return at(
        'value',
        `${name} must be at most ${String(params.limit)}; found ${found}`,
        typeof parentSchema.maximumHint === 'string' ? parentSchema.maximumHint : undefined,
      );
    case 'exclusiveMinimum':
      return at('value', `${name} must be greater than ${String(params.limit)}; found ${found}`);
    case 'anyOf':
    case 'oneOf': {
      const { words, values } = unionShapes(Array.isArray(error.schema) ? (error.schema as Schema[]) : []);
      const guess = typeof error.data === 'string' ? didYouMean(error.data, values) : undefined;
      const alternatives =
        words.length > 1
          ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
          : (words[0] ?? 'something else');
      return at(
        'value',
        `${name} must be ${alternatives}; found ${found}`,
        guess ? `did you mean \`${guess}\`?` : unionExamples(path, error.schema),
      );
    }
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j));
      const item = Array.isArray(error.data) ? error.data[later] : undefined;
      return at('value', `${name} lists ${quote(String(item))} more than once`, 'remove the repeated entry', [
        ...path,
        later,
      ]);
    }
    default:
      return at('value', `${name} ${error.message ?? 'is invalid'}`);
  }
}

function patternMessage(error: ErrorObject): string | undefined {
  const schema = error.parentSchema as Schema | undefined;
  const m = schema?.patternErrorMessage;
  return typeof m === 'string' ? m : undefined;
}

/** The schema's description of a missing key, followed through a `$ref`, as a hint. */
function propertyDescription(kind: ManifestKind, parentSchema: Schema, key: string): string | undefined {
  const prop = (parentSchema.properties as Record<string, Schema> | undefined)?.[key];
  if (!prop) return undefined;
  const resolved = resolveRef(kind, prop);
  return typeof resolved.description === 'string' ? `\`${key}\`: ${resolved.description}` : undefined;
}

export function resolveRef(kind: ManifestKind, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = manifestSchema(kind);
  for (const segment of ref.slice(2).split('/')) node = (node as Schema | undefined)?.[segment];
  return (node as Schema | undefined) ?? schema;
}

function typeName(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping (key: value lines)';
    case 'array':
      return 'a list';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'a string';
    default:
      return type;
  }
}

/** `the number \`1.2\` (written \`1.20\`)`, `a list`, `nothing`: what the user wrote, in their terms. */
function describeValue(source: YamlSource, path: YamlPath, data: unknown): string {
  const written = writtenText(source, path);
  if (data === null || data === undefined) return 'nothing';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string')
    return written !== undefined && /^["']/.test(written) && written.length <= 80
      ? `the quoted string ${quote(written)}`
      : quote(data);
  const shown = `the ${typeof data} ${quote(String(data))}`;
  return written !== undefined && written !== String(data) ? `${shown} (written ${quote(written)})` : shown;
}

/** What a value is, without any of it: `a string`, `the number …` is not said either. */
function kindOf(data: unknown): string {
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'string')
    return data.includes('\n') ? 'several lines of plain text' : 'a single line of plain text';
  return typeof data === 'object' ? 'a mapping' : `a ${typeof data}`;
}

function writtenText(source: YamlSource, path: YamlPath): string | undefined {
  const range = rangeOf(source, path, 'value');
  const text = source.text.slice(range.start, range.end);
  return text.includes('\n') ? undefined : text;
}

/** Flink configuration keys that take a Duration (`checkpointing.interval`, `…timeout`, `…delay`, `…ttl`). */
const DURATION_KEY = /(?:^|[.-])(?:interval|timeout|delay|min-pause|ttl|retention|backoff|period|max-drift)$/i;

function typeHint(source: YamlSource, path: YamlPath, expected: string, data: unknown): string | undefined {
  const written = writtenText(source, path) ?? String(data);
  if (expected === 'string' && (typeof data === 'number' || typeof data === 'boolean')) {
    const inConfiguration = path.includes('flinkConfiguration');
    const key = String(path[path.length - 1]);
    // Flink's TimeUtils.parseDuration reads a number without a unit as milliseconds.
    if (inConfiguration && typeof data === 'number' && DURATION_KEY.test(key))
      return `write it as a duration with a unit, e.g. "${excerpt(written)} s" or "${excerpt(written)} ms" (Flink reads a bare number as milliseconds, so "${excerpt(written)}" would mean ${excerpt(written)} ms)`;
    const why = inConfiguration ? 'Flink configuration values are strings' : 'YAML reads it as a ' + typeof data;
    return `quote it: "${excerpt(written)}" (${why})`;
  }
  if (
    (expected === 'integer' || expected === 'number') &&
    typeof data === 'string' &&
    data.trim() !== '' &&
    !Number.isNaN(Number(data))
  ) {
    return `remove the quotes: ${excerpt(data)}`;
  }
  if (expected === 'boolean' && typeof data === 'string' && /^(true|false|yes|no|on|off|y|n)$/i.test(data)) {
    return /^["']/.test(written)
      ? 'write true or false without quotes'
      : `write true or false: YAML 1.2 reads ${quote(written)} as text`;
  }
  if (expected === 'array' && typeof data === 'string') return `write it as a list: [${excerpt(data)}]`;
  if (expected === 'object' && (data === null || data === undefined))
    return `give it at least one key, or remove ${quote(String(path[path.length - 1]))}`;
  return undefined;
}
