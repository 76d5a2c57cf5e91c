import { nameKey, type QualifiedName } from '../model/common.js';
import type { Expression, GroupItem, Query, TableRef } from '../model/query.js';
import type { Range } from '../../text/source.js';
import { expressionChildren, tableRefExpressions } from './walk.js';

/** A table (or view) a query reads, as written, with where. */
export interface TableReference {
  name: QualifiedName;
  range: Range;
  /** Read through `FOR SYSTEM_TIME AS OF` (temporal or lookup join). */
  temporal: boolean;
}

/**
 * Every table a query reads: FROM items, joins, temporal joins, subqueries anywhere,
 * `TABLE t` arguments of table functions (window TVFs, PTFs), MATCH_RECOGNIZE input.
 * Not: names of WITH queries in scope, table functions (`LATERAL TABLE(fn(..))`), UNNEST.
 * In source order.
 */
export function tableReferences(q: Query): TableReference[] {
  const out: TableReference[] = [];
  visitQuery(q, new Set(), out);
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** A one-part name that a WITH query in scope defines is that query, not a table. */
function isCte(name: QualifiedName, ctes: ReadonlySet<string>): boolean {
  return name.parts.length === 1 && ctes.has(nameKey(name));
}

function visitQuery(q: Query, ctes: ReadonlySet<string>, out: TableReference[]): void {
  switch (q.kind) {
    case 'select':
      for (const item of q.items) visitExpression(item.expression, ctes, out);
      if (q.from) visitTableRef(q.from, ctes, out);
      for (const e of [q.where, q.having, q.qualify]) if (e) visitExpression(e, ctes, out);
      for (const g of q.groupBy?.items ?? []) visitGroupItem(g, ctes, out);
      for (const w of q.windows)
        for (const e of [...w.spec.partitionBy, ...w.spec.orderBy.map((o) => o.expression)])
          visitExpression(e, ctes, out);
      return;
    case 'values':
      for (const row of q.rows) for (const e of row.values) visitExpression(e, ctes, out);
      return;
    case 'setOperation': {
      // A chain of thousands of UNION ALL is a left-deep tree: walked by a loop.
      const rights: Query[] = [];
      let left: Query = q;
      while (left.kind === 'setOperation') {
        rights.push(left.right);
        left = left.left;
      }
      visitQuery(left, ctes, out);
      for (const right of rights.reverse()) visitQuery(right, ctes, out);
      return;
    }
    case 'with': {
      const scope = new Set(ctes);
      for (const cte of q.ctes) {
        // A WITH query sees the ones before it; itself only when RECURSIVE.
        if (q.recursive) scope.add(cte.name.value);
        visitQuery(cte.query, new Set(scope), out);
        scope.add(cte.name.value);
      }
      visitQuery(q.body, scope, out);
      return;
    }
    case 'ordered':
      visitQuery(q.query, ctes, out);
      for (const o of q.orderBy) visitExpression(o.expression, ctes, out);
      return;
    case 'parenthesized':
      visitQuery(q.query, ctes, out);
      return;
    case 'explicitTable':
      if (!isCte(q.name, ctes)) out.push({ name: q.name, range: q.name.range, temporal: false });
      return;
  }
}

function visitGroupItem(g: GroupItem, ctes: ReadonlySet<string>, out: TableReference[]): void {
  switch (g.kind) {
    case 'groupingSets':
    case 'rollup':
    case 'cube':
      for (const i of g.items) visitGroupItem(i, ctes, out);
      return;
    default:
      visitExpression(g, ctes, out);
  }
}

function visitTableRef(t: TableRef, ctes: ReadonlySet<string>, out: TableReference[]): void {
  switch (t.kind) {
    case 'tableName':
      if (!isCte(t.name, ctes)) out.push({ name: t.name, range: t.name.range, temporal: t.systemTime !== undefined });
      break;
    case 'derived':
      visitQuery(t.query, ctes, out);
      break;
    case 'join': {
      // A chain of joins is a left-deep tree: walked by a loop.
      const joins: Extract<TableRef, { kind: 'join' }>[] = [];
      let left: TableRef = t;
      while (left.kind === 'join') {
        joins.push(left);
        left = left.left;
      }
      visitTableRef(left, ctes, out);
      for (const join of joins.reverse()) {
        visitTableRef(join.right, ctes, out);
        for (const e of tableRefExpressions(join)) visitExpression(e, ctes, out);
      }
      return;
    }
    case 'parenthesizedTable':
      visitTableRef(t.table, ctes, out);
      break;
    case 'matchRecognize':
      visitTableRef(t.input, ctes, out);
      break;
    default:
      break;
  }
  for (const e of tableRefExpressions(t)) visitExpression(e, ctes, out);
}

function visitExpression(e: Expression, ctes: ReadonlySet<string>, out: TableReference[]): void {
  // `a AND a AND …` thousands of times is a left-deep tree: its left side is walked by a loop.
  const rights: Expression[] = [];
  while (e.kind === 'binary') {
    rights.push(e.right);
    e = e.left;
  }
  visitOperand(e, ctes, out);
  for (const right of rights.reverse()) visitExpression(right, ctes, out);
}

function visitOperand(e: Expression, ctes: ReadonlySet<string>, out: TableReference[]): void {
  if (e.kind === 'tableArgument' && e.name && !isCte(e.name, ctes))
    out.push({ name: e.name, range: e.name.range, temporal: false });
  const { expressions, queries } = expressionChildren(e);
  for (const child of expressions) visitExpression(child, ctes, out);
  for (const q of queries) visitQuery(q, ctes, out);
}
