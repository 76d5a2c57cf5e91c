/**
 * The type of an expression in a scope. This first version knows column references only;
 * everything else is UNKNOWN (so no rule speaks about it).
 */
import type { ColumnRef, Expression } from '../sql/model/query.js';
import { UNKNOWN, type SqlType } from './sql-type.js';

/** What an expression can see: the columns of the relations in its FROM (and outer queries). */
export interface ExpressionScope {
  /** The type of a column reference; UNKNOWN when the scope cannot know it, undefined when it does not exist. */
  column(ref: ColumnRef): SqlType | undefined;
}

export function typeOfExpression(expr: Expression, scope: ExpressionScope): SqlType {
  switch (expr.kind) {
    case 'column':
      return scope.column(expr) ?? UNKNOWN;
    case 'parenthesized':
      return typeOfExpression(expr.expression, scope);
    default:
      return UNKNOWN;
  }
}
