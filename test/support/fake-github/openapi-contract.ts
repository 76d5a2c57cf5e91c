import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { repoRoot } from '../repo-root.js';

/**
 * GitHub's REST contract as published in @octokit/openapi (api.github.com description), cut down
 * to the operations the app uses by scripts/github-openapi-slice.mjs. Everything the fake accepts
 * or answers goes through here.
 */
export const SLICE_PATH = path.join(repoRoot, 'test', 'fixtures', 'github', 'openapi-slice.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OperationMatch {
  operationId: string;
  method: string;
  /** The templated path, e.g. /repos/{owner}/{repo}/check-runs. */
  template: string;
  pathParams: Record<string, string>;
}

export interface ContractProblem {
  /** Where in the request: path, query or body. */
  where: 'path' | 'query' | 'body';
  message: string;
}

interface CompiledOperation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  paramNames: string[];
  queryNames: string[];
  pathParams: ValidateFunction;
  query: ValidateFunction;
  body: ValidateFunction | undefined;
  bodyRequired: boolean;
  responses: Map<string, ValidateFunction>;
}

export class OpenApiContract {
  readonly document: JsonObject;
  readonly source: { package: string; version: string };
  private readonly operations: CompiledOperation[] = [];

  constructor(document: JsonObject = JSON.parse(readFileSync(SLICE_PATH, 'utf8')) as JsonObject) {
    this.document = openApi30ToJsonSchema(document) as JsonObject;
    const src = document['x-streampilot-source'] as { package: string; version: string } | undefined;
    this.source = src ?? { package: 'unknown', version: 'unknown' };
    // Bodies are JSON and must match as sent; path and query values arrive as strings and GitHub
    // reads "42" as the integer 42, so those are coerced.
    const strict = newAjv(false);
    const coercing = newAjv(true);
    strict.addSchema(this.document, 'openapi');
    coercing.addSchema(this.document, 'openapi');
    const paths = this.document.paths as Record<string, Record<string, JsonObject>>;
    for (const [template, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        const params = ((op.parameters ?? []) as JsonObject[]).map((p) => this.deref(p));
        const paramNames: string[] = [];
        const pattern = new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
            paramNames.push(name);
            // {ref} may hold slashes (refs/heads/main) but every other parameter is one segment.
            return name === 'ref' ? '(.+)' : '([^/]+)';
          })}$`,
        );
        const group = (where: string): JsonObject => ({
          type: 'object',
          properties: Object.fromEntries(
            params.filter((p) => p.in === where).map((p) => [p.name as string, p.schema as Json]),
          ),
          required: params.filter((p) => p.in === where && p.required === true).map((p) => p.name as Json),
        });
        const pointer = `openapi#/paths/${escapePointer(template)}/${method}`;
        const bodySchema = (op.requestBody as JsonObject | undefined)?.content as JsonObject | undefined;
        const responses = new Map<string, ValidateFunction>();
        for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, JsonObject>)) {
          const resolved = this.deref(response);
          const json = (resolved.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined;
          if (!json?.schema) continue;
          const at = response.$ref ? `openapi${response.$ref as string}` : `${pointer}/responses/${status}`;
          responses.set(status, strict.compile({ $ref: `${at}/content/application~1json/schema` }));
        }
        this.operations.push({
          operationId: op.operationId as string,
          method: method.toUpperCase(),
          template,
          pattern,
          paramNames,
          queryNames: params.filter((p) => p.in === 'query').map((p) => p.name as string),
          pathParams: coercing.compile(group('path')),
          query: coercing.compile(group('query')),
          body: bodySchema?.['application/json']
            ? strict.compile({ $ref: `${pointer}/requestBody/content/application~1json/schema` })
            : undefined,
          bodyRequired: (op.requestBody as JsonObject | undefined)?.required === true,
          responses,
        });
      }
    }
  }

  get operationIds(): string[] {
    return this.operations.map((o) => o.operationId);
  }

  match(method: string, pathname: string): OperationMatch | undefined {
    for (const op of this.operations) {
      if (op.method !== method.toUpperCase()) continue;
      const m = op.pattern.exec(pathname);
      if (!m) continue;
      const pathParams = Object.fromEntries(op.paramNames.map((name, i) => [name, decodeURIComponent(m[i + 1]!)]));
      return { operationId: op.operationId, method: op.method, template: op.template, pathParams };
    }
    return undefined;
  }

  /** Problems with a request GitHub would answer 422 (or 400 for the path) to; empty when valid. */
  validateRequest(
    operationId: string,
    request: { pathParams: Record<string, string>; query: Record<string, string>; body: unknown },
  ): ContractProblem[] {
    const op = this.operation(operationId);
    const problems: ContractProblem[] = [];
    const pathParams: Record<string, unknown> = { ...request.pathParams };
    if (!op.pathParams(pathParams)) problems.push(...describe('path', op.pathParams.errors));
    const query: Record<string, unknown> = { ...request.query };
    if (!op.query(query)) problems.push(...describe('query', op.query.errors));
    if (request.body === undefined) {
      if (op.bodyRequired) problems.push({ where: 'body', message: 'a JSON body is required' });
    } else if (!op.body) {
      // GitHub ignores bodies of operations that take none; nothing to check.
    } else if (!op.body(request.body)) problems.push(...describe('body', op.body.errors));
    return problems;
  }

  /**
   * Octokit's flat parameters (`{ owner, repo, check_run_id, status, output }`) split the way
   * Octokit sends them: path parameters into the URL, query parameters into the query string
   * (both as strings), everything else into the JSON body.
   */
  octokitRequest(
    operationId: string,
    params: Record<string, unknown>,
  ): { pathParams: Record<string, string>; query: Record<string, string>; body: unknown } {
    const op = this.operation(operationId);
    const pathParams: Record<string, string> = {};
    const query: Record<string, string> = {};
    const body: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(params)) {
      if (value === undefined) continue;
      if (op.paramNames.includes(name)) pathParams[name] = String(value);
      else if (op.queryNames.includes(name)) query[name] = String(value);
      else body[name] = value;
    }
    return { pathParams, query, body: op.body && Object.keys(body).length > 0 ? body : undefined };
  }

  /** Problems with a response the fake is about to send: a fake answering off-contract is a bug. */
  validateResponse(operationId: string, status: number, body: unknown): string[] {
    const op = this.operation(operationId);
    const validate = op.responses.get(String(status));
    if (!validate)
      return op.responses.size && status < 300
        ? [`status ${status} is not a documented response of ${operationId}`]
        : [];
    return validate(body) ? [] : describe('body', validate.errors).map((p) => p.message);
  }

  /** The schema of a component, e.g. componentSchema('check-run'). */
  componentSchema(name: string): JsonObject {
    const schema = ((this.document.components as JsonObject).schemas as JsonObject)[name];
    if (!schema) throw new Error(`no component schema ${name} in the slice`);
    return schema as JsonObject;
  }

  /** Follows a local $ref ("#/components/...") to its target. */
  deref(value: JsonObject): JsonObject {
    let current = value;
    for (let hops = 0; typeof current.$ref === 'string'; hops++) {
      if (hops > 20) throw new Error(`$ref loop at ${current.$ref}`);
      const parts = (current.$ref as string).replace(/^#\//, '').split('/').map(unescapePointer);
      let target: Json = this.document;
      for (const part of parts) target = (target as JsonObject)[part] as Json;
      if (target === undefined) throw new Error(`dangling ${current.$ref}`);
      current = target as JsonObject;
    }
    return current;
  }

  private operation(operationId: string): CompiledOperation {
    const op = this.operations.find((o) => o.operationId === operationId);
    if (!op) throw new Error(`operation ${operationId} is not in the slice`);
    return op;
  }
}

function newAjv(coerce: boolean): Ajv {
  // strict: false because OpenAPI adds keywords JSON Schema does not know (example, x-github…).
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: coerce, validateFormats: true });
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (s: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  });
  ajv.addFormat('uri', { type: 'string', validate: (s: string) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(s) });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  // GitHub's "name with owner" (pulls.create's head_repo): `owner/name`.
  ajv.addFormat('repo.nwo', { type: 'string', validate: (s: string) => /^[\w.-]+\/[\w.-]+$/.test(s) });
  return ajv;
}

/**
 * OpenAPI 3.0's `nullable: true` is not JSON Schema: Ajv's own support refuses it next to an
 * `enum` without null or without a `type`, both of which GitHub's description does. Rewriting it
 * as "null, or the schema" keeps the meaning exactly.
 */
function openApi30ToJsonSchema(value: Json): Json {
  if (Array.isArray(value)) return value.map(openApi30ToJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = openApi30ToJsonSchema(v);
  // GitHub answers "" for a URL never set, and its schemas say so (`format: uri, default: ""`,
  // e.g. a deployment status's target_url): the schema's own default is a valid value.
  const emptyUri = out.format === 'uri' && out.default === '';
  if (emptyUri) delete out.default;
  let schema: JsonObject = out;
  if (out.nullable === true) {
    delete out.nullable;
    schema = { anyOf: [{ type: 'null' }, out] };
  }
  return emptyUri ? { anyOf: [schema, { const: '' }] } : schema;
}

function describe(where: ContractProblem['where'], errors: ErrorObject[] | null | undefined): ContractProblem[] {
  return (errors ?? []).map((e) => ({
    where,
    message: `${where}${e.instancePath || ''} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? `: ${(e.params.allowedValues as unknown[]).join(', ')}` : ''}${e.params && 'missingProperty' in e.params ? ` (${String(e.params.missingProperty)})` : ''}`,
  }));
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1').replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
