import type { Expression, TableRef } from '../sql/model/query.js';
import { pushChildExpressions } from '../sql/analysis/walk.js';
import {
  aggregateCallsIn,
  functionEnvironment,
  groupExpressions,
  isAggregateCall,
  windowedCallsIn,
  type AggregateCall,
  type FunctionEnvironment,
} from './support/grouping.js';
import { selectBlocks, type SelectBlock } from './support/select-blocks.js';
import type { Finding, Rule } from './types.js';

/**
 * Aggregates where Calcite's validator refuses them (`SqlValidatorImpl.validateWhereClause`,
 * `validateGroupClause`, `validateJoin` via `validateNoAggs`, and `AggChecker` for nesting):
 * in WHERE, in GROUP BY, in a join's ON; an aggregate inside another aggregate; a windowed
 * call (`… OVER (…)`) in WHERE, GROUP BY, ON or HAVING. Only built-in aggregates count: a user
 * function may be scalar, and a subquery's aggregates belong to the subquery.
 */
export const aggregatePlacement: Rule = {
  id: 'sql/aggregate-placement',
  severity: 'error',
  description:
    'an aggregate function in WHERE, GROUP BY or ON, nested in another aggregate, or a windowed one in WHERE',
  check(ctx, report) {
    const env = functionEnvironment(ctx);
    for (const block of selectBlocks(ctx)) for (const f of findingsOf(block, env)) report(f);
  },
};

type Clause = 'WHERE' | 'GROUP BY' | 'ON' | 'HAVING';

function findingsOf(block: SelectBlock, env: FunctionEnvironment): Finding[] {
  const s = block.select;
  const out: Finding[] = [];
  const text = block.unit.text;
  const shown = (e: Expression) => text.slice(e.range.start, e.range.end);
  const illegal = (e: Expression, clause: Clause) => {
    if (clause !== 'HAVING') {
      for (const call of aggregateCallsIn(e, env))
        out.push({
          unit: block.unit,
          range: call.range,
          message: `aggregate \`${shown(call)}\` is not allowed in ${clause}`,
          hint: HINTS[clause],
        });
    }
    for (const call of windowedCallsIn(e))
      out.push({
        unit: block.unit,
        range: call.range,
        message: `window function \`${shown(call)}\` is not allowed in ${clause}`,
        hint: 'compute it in a subquery (SELECT …, fn(…) OVER (…) AS x FROM …) and filter on x in the outer query',
      });
  };
  if (s.where) illegal(s.where, 'WHERE');
  for (const g of groupExpressions(s.groupBy)) illegal(g, 'GROUP BY');
  if (s.having) illegal(s.having, 'HAVING');
  for (const on of joinConditions(s.from)) illegal(on, 'ON');
  const nestedIn = [...s.items.map((i) => i.expression), ...(s.having ? [s.having] : [])];
  for (const e of nestedIn)
    for (const [outer, inner] of nestedAggregates(e, env)) out.push(nested(block, outer, inner));
  return out.sort((a, b) => a.range.start - b.range.start);
}

const HINTS: Record<Exclude<Clause, 'HAVING'>, string> = {
  WHERE:
    'WHERE filters rows before they are aggregated: move the condition to HAVING, or aggregate in a subquery and filter its result',
  'GROUP BY': 'GROUP BY takes row values, not aggregates: group by the columns and compute the aggregate in SELECT',
  ON: 'join on row values: aggregate in a subquery first, then join its result',
};

function nested(block: SelectBlock, outer: AggregateCall, inner: AggregateCall): Finding {
  const text = block.unit.text;
  return {
    unit: block.unit,
    range: inner.range,
    message: `aggregate \`${text.slice(inner.range.start, inner.range.end)}\` is nested inside the aggregate \`${outerName(outer)}\``,
    hint: 'aggregate in a subquery first (SELECT k, MAX(x) AS m FROM … GROUP BY k), then aggregate its result in the outer query',
  };
}

function outerName(call: AggregateCall): string {
  return call.kind === 'call' ? call.name.parts.map((p) => p.value).join('.') : call.name;
}

/** Pairs (outer aggregate, aggregate directly inside its arguments), outside nested queries. */
function nestedAggregates(e: Expression, env: FunctionEnvironment): [AggregateCall, AggregateCall][] {
  const out: [AggregateCall, AggregateCall][] = [];
  for (const outer of aggregateCallsIn(e, env)) {
    for (const arg of pushChildExpressions(outer, []))
      for (const inner of aggregateCallsIn(arg, env)) if (isAggregateCall(inner, env)) out.push([outer, inner]);
  }
  return out;
}

function joinConditions(from: TableRef | undefined): Expression[] {
  const out: Expression[] = [];
  const stack = from ? [from] : [];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.kind === 'join') {
      if (t.on) out.push(t.on);
      stack.push(t.left, t.right);
    } else if (t.kind === 'parenthesizedTable') stack.push(t.table);
  }
  return out;
}
