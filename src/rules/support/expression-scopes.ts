/**
 * Which scope each expression of the job's query blocks is typed in: the analysis gives one scope
 * per SELECT block; an expression outside every block (a VALUES row, a computed column) gets a
 * scope that knows no column, so only what its literals say is known.
 */
import type { JobAnalysis } from '../../semantics/analysis.js';
import type { ExpressionScope } from '../../semantics/expression-type.js';
import { UNKNOWN } from '../../semantics/sql-type.js';
import type { Expression } from '../../sql/model/query.js';
import type { RuleContext } from '../types.js';
import { blockExpressions, forEachExpression } from './expression-walk.js';
import { jobAnalysis } from './semantic-analysis.js';

export const NO_COLUMNS: ExpressionScope = { column: () => UNKNOWN };

const memo = new WeakMap<JobAnalysis, Map<Expression, ExpressionScope>>();

/** The scope an expression is typed in. */
export function scopeFor(ctx: RuleContext): (e: Expression) => ExpressionScope {
  const analysis = jobAnalysis(ctx);
  let scopes = memo.get(analysis);
  if (!scopes) {
    scopes = new Map();
    for (const block of analysis.blocks)
      for (const { expression } of blockExpressions(block.select))
        forEachExpression(expression, (e) => scopes!.set(e, block.scope));
    memo.set(analysis, scopes);
  }
  const known = scopes;
  return (e) => known.get(e) ?? NO_COLUMNS;
}
