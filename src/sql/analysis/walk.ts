import type { Expression, Query, SpecialCallPart, TableRef, WindowSpec } from '../model/query.js';
import type { Identifier } from '../model/common.js';

/** What a walk over a query reports: each nested query (with its own scope) and each table reference in FROM. */
export interface QueryVisitor {
  query(q: Query): void;
}

function windowExpressions(w: WindowSpec | Identifier | undefined): Expression[] {
  if (!w || 'value' in w) return [];
  const out = [...w.partitionBy, ...w.orderBy.map((o) => o.expression)];
  if (w.frame) {
    if (w.frame.start.offset) out.push(w.frame.start.offset);
    if (w.frame.end?.offset) out.push(w.frame.end.offset);
  }
  return out;
}

function isExpression(p: SpecialCallPart): p is Expression {
  return p.kind !== 'keyword' && p.kind !== 'dataType';
}

/** The direct sub-expressions of an expression, and the queries nested directly in it. */
export function expressionChildren(e: Expression): { expressions: Expression[]; queries: Query[] } {
  const expressions: Expression[] = [];
  const queries: Query[] = [];
  switch (e.kind) {
    case 'unary':
      expressions.push(e.operand);
      break;
    case 'binary':
    case 'distinctFrom':
      expressions.push(e.left, e.right);
      break;
    case 'is':
      expressions.push(e.operand);
      break;
    case 'like':
      expressions.push(e.operand, e.pattern, ...(e.escape ? [e.escape] : []));
      break;
    case 'between':
      expressions.push(e.operand, e.low, e.high);
      break;
    case 'in':
    case 'quantified':
      expressions.push(e.operand, ...(e.list ?? []));
      if (e.query) queries.push(e.query);
      break;
    case 'exists':
    case 'subquery':
      queries.push(e.query);
      break;
    case 'parenthesized':
      expressions.push(e.expression);
      break;
    case 'row':
      expressions.push(...e.items);
      break;
    case 'collection':
      expressions.push(...(e.items ?? []));
      if (e.query) queries.push(e.query);
      break;
    case 'case':
      if (e.operand) expressions.push(e.operand);
      for (const w of e.whens) expressions.push(w.when, w.then);
      if (e.else) expressions.push(e.else);
      break;
    case 'cast':
      expressions.push(e.operand);
      break;
    case 'call':
      expressions.push(
        ...e.args,
        ...(e.orderBy ?? []).map((o) => o.expression),
        ...(e.withinGroup ?? []).map((o) => o.expression),
      );
      if (e.filter) expressions.push(e.filter);
      expressions.push(...windowExpressions(e.over));
      break;
    case 'specialCall':
      expressions.push(...e.parts.filter(isExpression));
      if (e.filter) expressions.push(e.filter);
      expressions.push(...windowExpressions(e.over));
      break;
    case 'index':
      expressions.push(e.base, e.index);
      break;
    case 'field':
      expressions.push(e.base);
      break;
    case 'namedArgument':
      expressions.push(e.value);
      break;
    case 'tableArgument':
      expressions.push(...e.partitionBy, ...e.orderBy.map((o) => o.expression));
      if (e.query) queries.push(e.query);
      break;
    case 'interval':
      expressions.push(e.value);
      break;
    default:
      break;
  }
  return { expressions, queries };
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
