/**
 * Which scope each expression of the job's query blocks is typed in: the analysis gives one scope
 * per SELECT block; an expression outside every block (a VALUES row, a computed column) gets a
 * scope that knows no column, so only what its literals say is known.
 */
import type { JobAnalysis } from '../../semantics/analysis.js';
import type { ExpressionScope } from '../../semantics/expression-type.js';
import { UNKNOWN } from '../../semantics/sql-type.js';
import type { CaseExpression, Expression, FunctionCall } from '../../sql/model/query.js';
import type { RuleContext } from '../types.js';
import { pushChildExpressions } from '../../sql/analysis/walk.js';
import { blockExpressions } from './expression-walk.js';
import { jobAnalysis } from './semantic-analysis.js';

export const NO_COLUMNS: ExpressionScope = { column: () => UNKNOWN };

/** What the type rules ask about: a call (its arguments) or a CASE (its branches). */
export type ScopedExpression = FunctionCall | CaseExpression;

const memo = new WeakMap<JobAnalysis, Map<Expression, ExpressionScope>>();

/**
 * The scope a call or a CASE is typed in, and so each of its operands: a walk that does not
 * enter subqueries reaches an operand only through its parent, so both share one block. Only
 * these nodes are indexed (a map of every expression of the job was one of the analysis'
 * largest allocations).
 */
export function scopeFor(ctx: RuleContext): (e: ScopedExpression) => ExpressionScope {
  const analysis = jobAnalysis(ctx);
  let scopes = memo.get(analysis);
  if (!scopes) {
    const index = new Map<Expression, ExpressionScope>();
    const stack: Expression[] = [];
    for (const block of analysis.blocks)
      for (const { expression } of blockExpressions(block.select)) {
        // Every expression of the clause, not entering subqueries (those are blocks of their own).
        stack.push(expression);
        while (stack.length > 0) {
          const e = stack.pop()!;
          if (e.kind === 'call' || e.kind === 'case') index.set(e, block.scope);
          pushChildExpressions(e, stack);
        }
      }
    memo.set(analysis, (scopes = index));
  }
  const known = scopes;
  return (e) => known.get(e) ?? NO_COLUMNS;
}
