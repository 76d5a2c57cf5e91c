import type { Expression, Query, TableRef, WindowSpec } from '../model/query.js';
import type { Identifier } from '../model/common.js';

/** What a walk over a query reports: each nested query (with its own scope) and each table reference in FROM. */
export interface QueryVisitor {
  query(q: Query): void;
}

function pushWindowExpressions(w: WindowSpec | Identifier | undefined, out: Expression[]): void {
  if (!w || 'value' in w) return;
  for (const p of w.partitionBy) out.push(p);
  for (const o of w.orderBy) out.push(o.expression);
  if (w.frame) {
    if (w.frame.start.offset) out.push(w.frame.start.offset);
    if (w.frame.end?.offset) out.push(w.frame.end.offset);
  }
}

/**
 * Pushes the direct sub-expressions of an expression onto `out`, in source order, and returns
 * `out`. Walks call this for every node of every statement: writing into the caller's array (its
 * own stack, usually) allocates nothing, where a fresh list per node was the analysis' largest
 * allocation.
 */
export function pushChildExpressions(e: Expression, out: Expression[]): Expression[] {
  switch (e.kind) {
    case 'unary':
    case 'is':
    case 'cast':
      out.push(e.operand);
      break;
    case 'field':
      out.push(e.base);
      break;
    case 'binary':
    case 'distinctFrom':
      out.push(e.left, e.right);
      break;
    case 'like':
      out.push(e.operand, e.pattern);
      if (e.escape) out.push(e.escape);
      break;
    case 'between':
      out.push(e.operand, e.low, e.high);
      break;
    case 'in':
    case 'quantified':
      out.push(e.operand);
      if (e.list) for (const x of e.list) out.push(x);
      break;
    case 'parenthesized':
      out.push(e.expression);
      break;
    case 'row':
      for (const x of e.items) out.push(x);
      break;
    case 'collection':
      if (e.items) for (const x of e.items) out.push(x);
      break;
    case 'case':
      if (e.operand) out.push(e.operand);
      for (const w of e.whens) out.push(w.when, w.then);
      if (e.else) out.push(e.else);
      break;
    case 'call':
      for (const x of e.args) out.push(x);
      if (e.orderBy) for (const o of e.orderBy) out.push(o.expression);
      if (e.withinGroup) for (const o of e.withinGroup) out.push(o.expression);
      if (e.filter) out.push(e.filter);
      pushWindowExpressions(e.over, out);
      break;
    case 'specialCall':
      for (const p of e.parts) if (p.kind !== 'keyword' && p.kind !== 'dataType') out.push(p);
      if (e.filter) out.push(e.filter);
      pushWindowExpressions(e.over, out);
      break;
    case 'index':
      out.push(e.base, e.index);
      break;
    case 'namedArgument':
      out.push(e.value);
      break;
    case 'tableArgument':
      for (const x of e.partitionBy) out.push(x);
      for (const o of e.orderBy) out.push(o.expression);
      break;
    case 'interval':
      out.push(e.value);
      break;
    default:
      break;
  }
  return out;
}

/** The query nested directly in an expression (a subquery, `IN (SELECT …)`, `ARRAY(SELECT …)`, `TABLE t`), if any. */
export function childQuery(e: Expression): Query | undefined {
  switch (e.kind) {
    case 'in':
    case 'quantified':
    case 'collection':
    case 'tableArgument':
    case 'exists':
    case 'subquery':
      return e.query;
    default:
      return undefined;
  }
}

/** The direct sub-expressions of an expression, and the queries nested directly in it. */
export function expressionChildren(e: Expression): { expressions: Expression[]; queries: Query[] } {
  const query = childQuery(e);
  return { expressions: pushChildExpressions(e, []), queries: query ? [query] : [] };
}

/** The expressions written directly in a FROM item (not in the queries nested in it). */
export function tableRefExpressions(t: TableRef): Expression[] {
  switch (t.kind) {
    case 'tableName':
      return t.systemTime ? [t.systemTime] : [];
    case 'tableFunction':
      return [t.call];
    case 'unnest':
      return t.args;
    case 'join':
      return t.on ? [t.on] : [];
    case 'matchRecognize':
      return [
        ...t.partitionBy,
        ...t.orderBy.map((o) => o.expression),
        ...t.measures.map((m) => m.expression),
        ...(t.within ? [t.within] : []),
        ...t.define.map((d) => d.condition),
      ];
    default:
      return [];
  }
}
