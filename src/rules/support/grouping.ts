/**
 * What the aggregation rules share: the GROUP BY expressions of a block, the aggregate calls
 * of an expression, and the column references an aggregated block uses outside both
 * (Calcite's `AggChecker`, run by `SqlValidatorImpl` on SELECT, HAVING and ORDER BY).
 */
import { pushChildExpressions } from '../../sql/analysis/walk.js';
import type {
  ColumnRef,
  Expression,
  FunctionCall,
  GroupBy,
  GroupItem,
  GroupingConstruct,
  SpecialCall,
} from '../../sql/model/query.js';
import { analysisOf } from '../../semantics/analysis.js';
import {
  type FunctionEnvironment,
  isAggregateSpecialCall,
  isBuiltinAggregate,
  isBuiltinScalar,
  isGroupWindowAuxiliary,
  isNiladicFunctionName,
} from '../../semantics/grouping-functions.js';
import { sameColumn, sameExpression } from '../../semantics/same-expression.js';
import type { RuleContext } from '../types.js';

export type { FunctionEnvironment };

/** Functions the job declares (any CREATE FUNCTION, whatever its scope) and whether it loads modules. */
export function functionEnvironment(ctx: RuleContext): FunctionEnvironment {
  // The analysis walks the same statements and records exactly these (semantics/job-analysis.ts).
  const analysis = analysisOf(ctx.units);
  return { declared: analysis.declaredFunctions, modulesLoaded: analysis.modulesLoaded };
}

/** Every expression grouped on, GROUPING SETS / ROLLUP / CUBE and `(a, b)` rows flattened. */
export function groupExpressions(groupBy: GroupBy | undefined): Expression[] {
  const out: Expression[] = [];
  const stack: GroupItem[] = [...(groupBy?.items ?? [])].reverse();
  while (stack.length > 0) {
    const g = stack.pop()!;
    if (isGroupingConstruct(g)) {
      stack.push(...[...g.items].reverse());
      continue;
    }
    if (g.kind === 'row' && !g.explicit) stack.push(...[...g.items].reverse());
    else if (g.kind === 'parenthesized') stack.push(g.expression);
    else out.push(g);
  }
  return out;
}

function isGroupingConstruct(g: GroupItem): g is GroupingConstruct {
  return g.kind === 'groupingSets' || g.kind === 'rollup' || g.kind === 'cube';
}

export type AggregateCall = FunctionCall | SpecialCall;

const NO_CALLS: readonly AggregateCall[] = Object.freeze([]);

/** A built-in aggregate used as one (not as a window function with OVER). */
export function isAggregateCall(e: Expression, env: FunctionEnvironment): e is AggregateCall {
  if (e.kind === 'call') return !e.over && isBuiltinAggregate(e.name, env);
  if (e.kind === 'specialCall') return !e.over && isAggregateSpecialCall(e.name);
  return false;
}

/** A function with OVER: it computes per row, whatever it aggregates. */
export function isWindowed(e: Expression): boolean {
  return (e.kind === 'call' || e.kind === 'specialCall') && e.over !== undefined;
}

/**
 * The aggregate calls of an expression that belong to its block: not those of nested queries,
 * not those inside another aggregate (see `nestedAggregates`), not windowed ones.
 */
export function aggregateCallsIn(e: Expression, env: FunctionEnvironment): readonly AggregateCall[] {
  // Most select items are plain columns or literals: no walk, no list.
  if (e.kind === 'column' || e.kind === 'literal') return NO_CALLS;
  const out: AggregateCall[] = [];
  const stack = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (isAggregateCall(x, env)) out.push(x);
    else pushChildExpressions(x, stack);
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** Windowed calls (`… OVER (…)`) of an expression, outside nested queries. */
export function windowedCallsIn(e: Expression): readonly Expression[] {
  if (e.kind === 'column' || e.kind === 'literal') return NO_CALLS;
  const out: Expression[] = [];
  const stack = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (isWindowed(x)) out.push(x);
    else pushChildExpressions(x, stack);
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** Does this column reference belong to the block being checked (not to an enclosing query)? */
export type LocalColumn = (ref: ColumnRef) => boolean;

/**
 * The column references of `e` that are neither grouped nor inside an aggregate, in source
 * order. Quiet (returns none for) whatever it cannot judge: calls it does not know (a user
 * function may aggregate), `*`, subqueries, windowed calls, columns of enclosing queries.
 */
export function ungroupedColumns(
  e: Expression,
  groups: readonly Expression[],
  env: FunctionEnvironment,
  local: LocalColumn,
): ColumnRef[] {
  const out: ColumnRef[] = [];
  const groupColumns = groups.filter((g): g is ColumnRef => g.kind === 'column');
  const stack = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (groups.some((g) => sameExpression(g, x))) continue;
    switch (x.kind) {
      case 'column':
        if (isNiladicFunctionName(x.name) || !local(x)) continue;
        if (!groupColumns.some((g) => sameColumn(g, x))) out.push(x);
        continue;
      case 'call':
        if (x.over || isBuiltinAggregate(x.name, env) || isGroupWindowAuxiliary(x.name)) continue;
        if (!x.parens || isBuiltinScalar(x.name, env)) stack.push(...x.args);
        continue;
      case 'specialCall':
        if (x.over || isAggregateSpecialCall(x.name)) continue;
        pushChildExpressions(x, stack);
        continue;
      case 'star':
      case 'subquery':
      case 'exists':
      case 'tableArgument':
      case 'model':
        continue;
      default:
        pushChildExpressions(x, stack);
    }
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}
