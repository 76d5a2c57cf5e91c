/**
 * Every SELECT block of a job, with the ORDER BY written directly on it and whether an
 * enclosing query's columns are visible inside it (a subquery in an expression, a LATERAL
 * item, and everything nested in those). Rules that judge one block at a time read this
 * instead of walking statements themselves.
 */
import { childQuery, pushChildExpressions, tableRefExpressions } from '../../sql/analysis/walk.js';
import type { Expression, OrderItem, Query, SelectQuery, TableRef } from '../../sql/model/query.js';
import type { Statement } from '../../sql/model/statements.js';
import type { RuleContext, SqlUnit } from '../types.js';
import { groupExpressions } from './grouping.js';
import { insertsOf, jobStatements } from './job-statements.js';

export interface SelectBlock {
  unit: SqlUnit;
  select: SelectQuery;
  /** `SELECT … ORDER BY …`: the ORDER BY of the query this block is the body of. */
  orderBy?: OrderItem[];
  /** Columns of an enclosing query may be referenced here (unqualified names may be theirs). */
  correlated: boolean;
}

/** The queries a statement runs or defines. */
export function statementQueries(statement: Statement): Query[] {
  switch (statement.kind) {
    case 'query':
      return [statement.query];
    case 'createTable':
      return statement.asQuery ? [statement.asQuery] : [];
    case 'createView':
    case 'createMaterializedTable':
      return [statement.query];
    case 'alterView':
    case 'alterMaterializedTable':
      return statement.change.action === 'asQuery' ? [statement.change.query] : [];
    case 'explain':
    case 'compilePlan':
      return statementQueries(statement.statement);
    default:
      return insertsOf(statement).map((i) => i.query);
  }
}

interface Pending {
  query: Query;
  correlated: boolean;
  orderBy?: OrderItem[];
}

const memo = new WeakMap<readonly SqlUnit[], SelectBlock[]>();

/** The select blocks of the job, in source order within each unit; computed once per job (rules share it). */
export function selectBlocks(ctx: RuleContext): SelectBlock[] {
  let blocks = memo.get(ctx.units);
  if (!blocks) memo.set(ctx.units, (blocks = collectJob(ctx)));
  return blocks;
}

function collectJob(ctx: RuleContext): SelectBlock[] {
  const out: SelectBlock[] = [];
  for (const { unit, statement } of jobStatements(ctx)) {
    const blocks: SelectBlock[] = [];
    for (const q of statementQueries(statement)) collect(unit, q, blocks);
    blocks.sort((a, b) => a.select.range.start - b.select.range.start);
    out.push(...blocks);
  }
  return out;
}

/** Iterative: generated SQL nests thousands of set operations and subqueries. */
function collect(unit: SqlUnit, root: Query, out: SelectBlock[]): void {
  const pending: Pending[] = [{ query: root, correlated: false }];
  const subqueriesOf = (e: Expression) => {
    if (!LEAVES.has(e.kind)) for (const query of queriesIn(e)) pending.push({ query, correlated: true });
  };
  while (pending.length > 0) {
    const { query: q, correlated, orderBy } = pending.pop()!;
    switch (q.kind) {
      case 'select': {
        out.push({ unit, select: q, correlated, ...(orderBy ? { orderBy } : {}) });
        for (const item of q.items) subqueriesOf(item.expression);
        for (const e of [q.where, q.having, q.qualify]) if (e) subqueriesOf(e);
        for (const g of groupExpressions(q.groupBy)) subqueriesOf(g);
        if (q.from) fromQueries(q.from, correlated, pending, subqueriesOf);
        break;
      }
      case 'values':
        for (const row of q.rows) for (const e of row.values) subqueriesOf(e);
        break;
      case 'setOperation':
        pending.push({ query: q.left, correlated }, { query: q.right, correlated });
        break;
      case 'with':
        for (const cte of q.ctes) pending.push({ query: cte.query, correlated });
        pending.push({ query: q.body, correlated });
        break;
      case 'ordered':
        pending.push({ query: q.query, correlated, ...(q.query.kind === 'select' ? { orderBy: q.orderBy } : {}) });
        for (const o of q.orderBy) subqueriesOf(o.expression);
        break;
      case 'parenthesized':
        pending.push({ query: q.query, correlated });
        break;
      case 'explicitTable':
        break;
    }
  }
}

function fromQueries(
  from: TableRef,
  correlated: boolean,
  pending: Pending[],
  subqueriesOf: (e: Expression) => void,
): void {
  const refs: TableRef[] = [from];
  while (refs.length > 0) {
    const t = refs.pop()!;
    for (const e of tableRefExpressions(t)) subqueriesOf(e);
    switch (t.kind) {
      case 'derived':
        pending.push({ query: t.query, correlated: correlated || t.lateral });
        break;
      case 'join':
        refs.push(t.left, t.right);
        break;
      case 'parenthesizedTable':
        refs.push(t.table);
        break;
      case 'matchRecognize':
        refs.push(t.input);
        break;
      default:
        break;
    }
  }
}

/** Expressions that contain nothing: most of a query, skipped without a walk. */
const LEAVES = new Set<Expression['kind']>(['column', 'literal', 'typedLiteral', 'parameter', 'star', 'default']);

/** The queries nested anywhere in an expression (not inside those queries). */
function queriesIn(e: Expression): Query[] {
  const out: Query[] = [];
  const stack = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (LEAVES.has(x.kind)) continue;
    pushChildExpressions(x, stack);
    const q = childQuery(x);
    if (q) out.push(q);
  }
  return out;
}
