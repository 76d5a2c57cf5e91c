/**
 * Finding expressions for the type rules: the function calls anywhere in a statement (computed
 * columns and watermarks included), and the expressions of one SELECT block by clause, without
 * the blocks nested in it (those have their own scope).
 */
import { tableRefExpressions } from '../../sql/analysis/walk.js';
import type {
  CaseExpression,
  Expression,
  FunctionCall,
  SelectQuery,
  SetOperationQuery,
  TableRef,
} from '../../sql/model/query.js';
import type { Statement } from '../../sql/model/statements.js';

/** The nodes the type rules look for, in source order. */
interface StatementNodes {
  calls: FunctionCall[];
  cases: CaseExpression[];
  setOperations: SetOperationQuery[];
}

const nodeMemo = new WeakMap<Statement, StatementNodes>();

/**
 * The calls, CASEs and set operations anywhere in a statement's tree, each list in source order
 * (memoised per statement: three rules ask, and keeping only these kinds spares a list of every node).
 */
function statementNodes(statement: Statement): StatementNodes {
  let nodes = nodeMemo.get(statement);
  if (nodes) return nodes;
  nodes = { calls: [], cases: [], setOperations: [] };
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
    if (node !== statement) {
      if (record.kind === 'call' && 'args' in record && 'name' in record) nodes.calls.push(node as FunctionCall);
      else if (record.kind === 'case' && 'whens' in record) nodes.cases.push(node as CaseExpression);
      else if (record.kind === 'setOperation') nodes.setOperations.push(node as SetOperationQuery);
    }
    // for…in, not Object.entries: no array of pairs per node (this walk visits every node of every statement).
    for (const k in record) {
      const v = record[k];
      if (k !== 'range' && typeof v === 'object' && v !== null && Object.hasOwn(record, k)) stack.push(v);
    }
  }
  // Stable sorts: nodes starting at one offset keep the walk's order, as one sort of every node gave.
  const byStart = (a: { range: { start: number } }, b: { range: { start: number } }) => a.range.start - b.range.start;
  nodes.calls.sort(byStart);
  nodes.cases.sort(byStart);
  nodes.setOperations.sort(byStart);
  nodeMemo.set(statement, nodes);
  return nodes;
}

/** Every `name(args)` call in a statement, in source order. */
export function functionCallsIn(statement: Statement): readonly FunctionCall[] {
  return statementNodes(statement).calls;
}

/** Every CASE expression and every UNION / INTERSECT / EXCEPT in a statement. */
export function casesIn(statement: Statement): readonly CaseExpression[] {
  return statementNodes(statement).cases;
}

export function setOperationsIn(statement: Statement): readonly SetOperationQuery[] {
  return statementNodes(statement).setOperations;
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
