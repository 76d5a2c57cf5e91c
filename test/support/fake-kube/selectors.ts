/**
 * Label selectors (`a=b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`) and field selectors
 * (`path=value`, `path==value`, `path!=value`), as the API server parses them. A field label the
 * resource does not support is a 400, as on a real server. So is a label key or value the
 * server would refuse in a selector (k8s.io/apimachinery pkg/labels/selector.go, NewRequirement:
 * keys are qualified names, values label values, as
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/ "Syntax and character
 * set" defines them): a selector the fake accepts must also work on a real cluster. `a!=b` and
 * `notin` match objects without the label, as documented there.
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

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** What the API server says of an invalid key or value in a selector, or undefined when it is valid. */
function invalidKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return `key: Invalid value: "${key}": prefix part must be a lowercase RFC 1123 subdomain`;
  if (name.length === 0 || name.length > 63 || !NAME.test(name))
    return `key: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', at most 63 characters, starting and ending with an alphanumeric character`;
  return undefined;
}

function invalidValue(key: string, value: string, index: number): string | undefined {
  if (value.length > 63)
    return `values[${index}][${key}]: Invalid value: "${value}": must be no more than 63 characters`;
  if (value !== '' && !NAME.test(value))
    return `values[${index}][${key}]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  return undefined;
}

function requirement(key: string, values: string[]): void {
  const problem = invalidKey(key) ?? values.map((v, i) => invalidValue(key, v, i)).find(Boolean);
  if (problem) throw badRequest(`unable to parse requirement: ${problem}`);
}

export function labelSelector(selector: string | null): Predicate {
  if (!selector) return () => true;
  const tests = splitTopLevel(selector).map((term): Predicate => {
    const labels = (o: Obj) => ((o.metadata as Obj | undefined)?.labels ?? {}) as Record<string, string>;
    let m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (m) {
      const [, key, op, value] = m as unknown as [string, string, string, string];
      requirement(key, [value]);
      return op === '!=' ? (o) => labels(o)[key] !== value : (o) => labels(o)[key] === value;
    }
    m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) {
      const [, key, op, list] = m as unknown as [string, string, string, string];
      const values = list.split(',').map((v) => v.trim());
      requirement(key, values);
      return op === 'in'
        ? (o) => values.includes(labels(o)[key] ?? '\0')
        : (o) => !values.includes(labels(o)[key] ?? '\0');
    }
    m = /^(!?)([A-Za-z0-9./_-]+)$/.exec(term);
    if (m) {
      const [, not, key] = m as unknown as [string, string, string];
      requirement(key, []);
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
