/**
 * Finding expressions for the type rules: the function calls anywhere in a statement (computed
 * columns and watermarks included), and the expressions of one SELECT block by clause, without
 * the blocks nested in it (those have their own scope).
 */
import { pushChildExpressions, tableRefExpressions } from '../../sql/analysis/walk.js';
import type {
  CaseExpression,
  Expression,
  FunctionCall,
  SelectQuery,
  SetOperationQuery,
  TableRef,
} from '../../sql/model/query.js';
import type { Statement } from '../../sql/model/statements.js';

const nodeMemo = new WeakMap<Statement, { kind: string; range: { start: number } }[]>();

/** Every node of the statement's tree that has a `kind`, in source order (memoised per statement). */
function kindedNodes(statement: Statement): { kind: string; range: { start: number } }[] {
  let nodes = nodeMemo.get(statement);
  if (nodes) return nodes;
  nodes = [];
  // A walk over the whole tree: calls sit in queries, computed columns, watermarks … alike.
  const stack: unknown[] = [statement];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    if (typeof record.kind === 'string' && node !== statement)
      nodes.push(node as { kind: string; range: { start: number } });
    // for…in, not Object.entries: no array of pairs per node (this walk visits every node of every statement).
    for (const k in record) {
      const v = record[k];
      if (k !== 'range' && typeof v === 'object' && v !== null && Object.hasOwn(record, k)) stack.push(v);
    }
  }
  nodes.sort((a, b) => a.range.start - b.range.start);
  nodeMemo.set(statement, nodes);
  return nodes;
}

/** Every `name(args)` call in a statement, in source order. */
export function functionCallsIn(statement: Statement): FunctionCall[] {
  return kindedNodes(statement).filter((n): n is FunctionCall => n.kind === 'call' && 'args' in n && 'name' in n);
}

/** Every CASE expression and every UNION / INTERSECT / EXCEPT in a statement. */
export function casesIn(statement: Statement): CaseExpression[] {
  return kindedNodes(statement).filter((n): n is CaseExpression => n.kind === 'case' && 'whens' in n);
}

export function setOperationsIn(statement: Statement): SetOperationQuery[] {
  return kindedNodes(statement).filter((n): n is SetOperationQuery => n.kind === 'setOperation');
}

/** Calls `visit` on `expr` and every expression inside it, not entering subqueries. */
export function forEachExpression(expr: Expression, visit: (e: Expression) => void): void {
  const stack: Expression[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    visit(e);
    pushChildExpressions(e, stack);
  }
}

export type Clause = 'select' | 'where' | 'having' | 'qualify' | 'groupBy' | 'on' | 'from';

/** The top-level expressions of a SELECT block, each with the clause it is written in. */
export function blockExpressions(select: SelectQuery): { clause: Clause; expression: Expression }[] {
  const out: { clause: Clause; expression: Expression }[] = [];
  for (const item of select.items) out.push({ clause: 'select', expression: item.expression });
  if (select.from) fromExpressions(select.from, out);
  if (select.where) out.push({ clause: 'where', expression: select.where });
  for (const g of select.groupBy?.items ?? [])
    if (!('kind' in g && isGrouping(g.kind))) out.push({ clause: 'groupBy', expression: g as Expression });
  if (select.having) out.push({ clause: 'having', expression: select.having });
  if (select.qualify) out.push({ clause: 'qualify', expression: select.qualify });
  return out;
}

const isGrouping = (kind: string) => kind === 'groupingSets' || kind === 'rollup' || kind === 'cube';

function fromExpressions(t: TableRef, out: { clause: Clause; expression: Expression }[]): void {
  switch (t.kind) {
    case 'join':
      fromExpressions(t.left, out);
      fromExpressions(t.right, out);
      if (t.on) out.push({ clause: 'on', expression: t.on });
      return;
    case 'parenthesizedTable':
      fromExpressions(t.table, out);
      return;
    case 'matchRecognize':
      // Its expressions see the pattern variables, a scope of their own.
      return;
    default:
      for (const e of tableRefExpressions(t)) out.push({ clause: 'from', expression: e });
  }
}
