/**
 * Flink's JobManager REST contract, as Flink publishes it: the OpenAPI 3.0 description
 * `rest_v1_dispatcher.yml` in ../shared/reference/flink-rest (the Flink 2.2 line at the top,
 * the 1.20 line in `flink-1.20/`), read at run time, never copied into this repository.
 *
 * Flink generates that description from its response classes, so each object lists every field
 * Flink can send: an object schema with `properties` and no `additionalProperties` gets
 * `additionalProperties: false`, so a fake that invents or misspells a field (or sends one of a
 * different Flink line) fails. Formats are checked (int32/int64 are integers in range).
 * The error body (`{"errors": [...]}`, Flink's ErrorResponseBody) is not in the description;
 * errorBodyProblems checks it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { repoRoot } from '../repo-root.js';

export const flinkRestDir = path.resolve(repoRoot, '../shared/reference/flink-rest');

/** The Flink release line whose REST description applies. */
export type FlinkRestLine = '2.2' | '1.20';

export function flinkRestSpecPath(line: FlinkRestLine, dir: string = flinkRestDir): string {
  return line === '2.2'
    ? path.join(dir, 'rest_v1_dispatcher.yml')
    : path.join(dir, 'flink-1.20', 'rest_v1_dispatcher.yml');
}

/** Whether the reference descriptions are present (tests skip with a message when not). */
export function flinkRestReferencePresent(dir: string = flinkRestDir): boolean {
  return existsSync(flinkRestSpecPath('2.2', dir)) && existsSync(flinkRestSpecPath('1.20', dir));
}

type Node = Record<string, unknown>;

const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

/** One OpenAPI 3.0 schema node → JSON Schema for ajv (see the file comment). */
function toJsonSchema(node: Node): Node {
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' || key === 'example' || key === 'discriminator') continue;
    if (key === 'properties') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, Node>).map(([k, v]) => [k, toJsonSchema(v)]),
      );
    } else if (SCHEMA_LISTS.has(key)) {
      out[key] = (value as Node[]).map(toJsonSchema);
    } else if (
      key === 'items' ||
      key === 'not' ||
      (key === 'additionalProperties' && typeof value === 'object' && value !== null)
    ) {
      out[key] = toJsonSchema(value as Node);
    } else if (key === '$ref') {
      out[key] = `flink-rest${String(value)}`;
    } else {
      out[key] = value;
    }
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  return out;
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('byte', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  ajv.addFormat('binary', () => true);
  return ajv;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties')
    return `${where} has a field the contract does not know: "${String(params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `${where} ${error.message}: ${JSON.stringify(params.allowedValues)}`;
  return `${where} ${error.message ?? error.keyword}`;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  /** Response schemas by status, compiled on first use (there are a hundred operations). */
  responses: Map<string, Node>;
}

export class FlinkRestContract {
  /** `info.version` of the description, for messages. */
  readonly version: string;
  private readonly operations: Operation[] = [];
  private readonly ajv = newAjv();
  private readonly compiled = new Map<Node, ValidateFunction>();

  constructor(
    readonly line: FlinkRestLine,
    readonly file: string = flinkRestSpecPath(line),
  ) {
    const document = parse(readFileSync(file, 'utf8')) as {
      info: { version: string };
      paths: Record<
        string,
        Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Node }> }> }>
      >;
      components: { schemas: Record<string, Node> };
    };
    this.version = document.info.version;
    const schemas = Object.fromEntries(
      Object.entries(document.components.schemas).map(([k, v]) => [k, toJsonSchema(v)]),
    );
    this.ajv.addSchema({ components: { schemas } }, 'flink-rest');
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const responses = new Map<string, Node>();
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          const schema = response.content?.['application/json']?.schema;
          if (schema) responses.set(status, toJsonSchema(schema));
        }
        const pattern = new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)')}$`,
        );
        this.operations.push({ method: method.toUpperCase(), template, pattern, responses });
      }
    }
    // `/jobs/overview` must win over `/jobs/{jobid}`, as in Flink's router: literal paths first.
    this.operations.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  }

  /**
   * Problems of an answer to `method requestPath` with `status`: [] when the description has a
   * schema for it and the body matches. A path, method or status the description does not
   * document is itself a problem: the fake must not answer what Flink never does.
   */
  responseProblems(method: string, requestPath: string, status: number, body: unknown): string[] {
    const op = this.operations.find((o) => o.method === method && o.pattern.test(requestPath));
    if (!op) return [`${method} ${requestPath} is not an operation of Flink's REST API ${this.version}`];
    const schema = op.responses.get(String(status));
    if (!schema) return [`${method} ${op.template} documents no JSON answer with status ${status}`];
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(describe);
  }
}

/** Flink's ErrorResponseBody: `{"errors": ["..."]}`, every error answer's body. */
export function errorBodyProblems(body: unknown): string[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  const keys = typeof body === 'object' && body !== null ? Object.keys(body) : [];
  if (!Array.isArray(errors) || errors.some((e) => typeof e !== 'string') || keys.length !== 1) {
    return ['an error answer must be exactly {"errors": [string, ...]}'];
  }
  return [];
}

const contracts = new Map<string, FlinkRestContract>();

/** The contract of a Flink line, parsed and compiled once per process. */
export function flinkRestContract(line: FlinkRestLine, dir: string = flinkRestDir): FlinkRestContract {
  const file = flinkRestSpecPath(line, dir);
  let contract = contracts.get(file);
  if (!contract) {
    contract = new FlinkRestContract(line, file);
    contracts.set(file, contract);
  }
  return contract;
}
