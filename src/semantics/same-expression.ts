/**
 * Whether two expressions may be the same, as Calcite's validator compares a SELECT expression
 * with the GROUP BY ones (`SqlNode.equalsDeep` after both are expanded and fully qualified).
 * Without name resolution the comparison leans towards "same": parentheses and back-ticks do
 * not count, function names compare case-insensitively, and two column references are the same
 * when they end in the same column (`t.a` and `a`), or one reads a field of the other (`r` and
 * `r.f`). A rule built on it may miss an error; it does not invent one.
 */
import type { Identifier, QualifiedName } from '../sql/model/common.js';
import type { ColumnRef, Expression } from '../sql/model/query.js';

export function sameExpression(a: Expression, b: Expression): boolean {
  return same(unwrap(a), unwrap(b));
}

/** The names a column reference may stand for: its last part, or any part when it could be a field path. */
export function sameColumn(a: ColumnRef, b: ColumnRef): boolean {
  const last = (r: ColumnRef) => r.name.parts[r.name.parts.length - 1]!.value;
  const has = (r: ColumnRef, name: string) => r.name.parts.some((p) => p.value === name);
  return has(a, last(b)) || has(b, last(a));
}

function unwrap<T>(e: T): T {
  let x = e as unknown as Expression;
  while (x && typeof x === 'object' && x.kind === 'parenthesized') x = x.expression;
  return x as unknown as T;
}

function isNode(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isNode(a) || !isNode(b)) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => same(unwrap(x), unwrap(b[i])));
  }
  if (a.kind !== b.kind) return false;
  if (a.kind === 'column') return sameColumn(a as unknown as ColumnRef, b as unknown as ColumnRef);
  if (isIdentifier(a) && isIdentifier(b)) return a.value === b.value;
  if (a.kind === 'call' && !sameFunctionName(a.name as QualifiedName, b.name as QualifiedName)) return false;
  if (a.kind === 'specialCall' && String(a.name).toUpperCase() !== String(b.name).toUpperCase()) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'range' || ((a.kind === 'call' || a.kind === 'specialCall') && k === 'name')) continue;
    if (!same(unwrap(a[k]), unwrap(b[k]))) return false;
  }
  return true;
}

function isIdentifier(x: Record<string, unknown>): x is Record<string, unknown> & Identifier {
  return typeof x.value === 'string' && typeof x.quoted === 'boolean' && x.kind === undefined;
}

/** Flink resolves built-in function names case-insensitively. */
function sameFunctionName(a: QualifiedName, b: QualifiedName): boolean {
  return (
    a.parts.length === b.parts.length &&
    a.parts.every((p, i) => p.value.toUpperCase() === b.parts[i]!.value.toUpperCase())
  );
}
