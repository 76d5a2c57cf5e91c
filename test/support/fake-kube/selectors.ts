/**
 * Label selectors (`a=b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`) and field selectors
 * (`path=value`, `path==value`, `path!=value`), as the API server parses them. A field label the
 * resource does not support is a 400, as on a real server.
 */
import { badRequest } from './api-status.js';

type Obj = Record<string, unknown>;
export type Predicate = (object: Obj) => boolean;

function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

export function labelSelector(selector: string | null): Predicate {
  if (!selector) return () => true;
  const tests = splitTopLevel(selector).map((term): Predicate => {
    const labels = (o: Obj) => ((o.metadata as Obj | undefined)?.labels ?? {}) as Record<string, string>;
    let m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (m) {
      const [, key, op, value] = m as unknown as [string, string, string, string];
      return op === '!=' ? (o) => labels(o)[key] !== value : (o) => labels(o)[key] === value;
    }
    m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) {
      const [, key, op, list] = m as unknown as [string, string, string, string];
      const values = list.split(',').map((v) => v.trim());
      return op === 'in'
        ? (o) => values.includes(labels(o)[key] ?? '\0')
        : (o) => !values.includes(labels(o)[key] ?? '\0');
    }
    m = /^(!?)([A-Za-z0-9./_-]+)$/.exec(term);
    if (m) {
      const [, not, key] = m as unknown as [string, string, string];
      return not ? (o) => !(key in labels(o)) : (o) => key in labels(o);
    }
    throw badRequest(`unable to parse requirement: invalid label selector "${selector}"`);
  });
  return (o) => tests.every((t) => t(o));
}

function fieldValue(object: Obj, path: string): string {
  let cur: unknown = object;
  for (const p of path.split('.')) cur = typeof cur === 'object' && cur !== null ? (cur as Obj)[p] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
}

export function fieldSelector(selector: string | null, supported: string[]): Predicate {
  if (!selector) return () => true;
  const allowed = new Set(['metadata.name', 'metadata.namespace', ...supported]);
  const tests = splitTopLevel(selector).map((term): Predicate => {
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, path, op, value] = m as unknown as [string, string, string, string];
    if (!allowed.has(path)) throw badRequest(`field label not supported: ${path}`);
    return op === '!=' ? (o) => fieldValue(o, path) !== value : (o) => fieldValue(o, path) === value;
  });
  return (o) => tests.every((t) => t(o));
}
