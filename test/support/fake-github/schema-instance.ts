import type { OpenApiContract } from './openapi-contract.js';

type JsonObject = Record<string, unknown>;

/**
 * The smallest value a schema accepts: required properties only, null where null is allowed,
 * the first enum value. GitHub's objects have dozens of required fields the app never reads;
 * generating them from the contract keeps the fake's answers valid without hand-written filler,
 * and the fields that matter are then set from the fake's state.
 */
export function minimalInstance(contract: OpenApiContract, schema: JsonObject, urlBase: string, depth = 0): unknown {
  if (depth > 40) throw new Error('schema nests too deep for a minimal instance');
  const s = contract.deref(schema as never) as JsonObject;
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) {
    const options = (s.anyOf ?? s.oneOf) as JsonObject[];
    // Nested: null when allowed (the least to say). At the top the caller wants the object itself.
    if (depth > 0 && options.some((o) => o.type === 'null')) return null;
    return minimalInstance(
      contract,
      options.find((o) => o.type !== 'null')!,
      urlBase,
      depth + 1,
    );
  }
  if (Array.isArray(s.allOf)) {
    return Object.assign(
      {},
      ...(s.allOf as JsonObject[]).map((part) => minimalInstance(contract, part, urlBase, depth + 1)),
    );
  }
  if (Array.isArray(s.enum)) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object':
    case undefined: {
      if (!s.properties && type === undefined) return {};
      const props = (s.properties ?? {}) as Record<string, JsonObject>;
      const out: JsonObject = {};
      for (const name of (s.required ?? []) as string[]) {
        const prop = props[name];
        out[name] = prop ? minimalInstance(contract, prop, urlBase, depth + 1) : null;
      }
      return out;
    }
    case 'array':
      return [];
    case 'string':
      if (s.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (s.format === 'uri') return `${urlBase}/placeholder`;
      return '';
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      throw new Error(`no minimal instance for schema type ${String(type)}`);
  }
}
