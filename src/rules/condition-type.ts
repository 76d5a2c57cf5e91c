import { typeOfExpression } from '../semantics/expression-type.js';
import { formatType, isUnknown } from '../semantics/sql-type.js';
import { blockExpressions, casesIn, type Clause } from './support/expression-walk.js';
import { scopeFor } from './support/expression-scopes.js';
import { jobStatements } from './support/job-statements.js';
import type { Rule } from './types.js';
import { jobAnalysis } from './support/semantic-analysis.js';

const HINT =
  "compare it to something (`x = 1`, `x IS NOT NULL`, `x <> ''`): Flink does not read a number or a string as true or false";

const CLAUSE: Partial<Record<Clause, string>> = {
  where: 'WHERE',
  having: 'HAVING',
  on: 'the ON of a JOIN',
  qualify: 'QUALIFY',
};

/**
 * A WHERE, HAVING, QUALIFY, JOIN … ON or searched CASE WHEN that is not a condition (Calcite's validator: "WHERE clause
 * must be a condition"): Flink does not read a number or a string as true or false.
 */
export const conditionType: Rule = {
  id: 'sql/condition-type',
  severity: 'error',
  description: 'a WHERE, HAVING, QUALIFY, JOIN … ON or CASE WHEN whose expression is not BOOLEAN',
  check(ctx, report) {
    const scopeOf = scopeFor(ctx);
    for (const { unit, statement } of jobStatements(ctx))
      for (const c of casesIn(statement)) {
        // `CASE x WHEN v …` compares; only the searched form's WHENs are conditions.
        if (c.operand) continue;
        const scope = scopeOf(c);
        for (const { when } of c.whens) {
          const type = typeOfExpression(when, scope);
          if (isUnknown(type) || type.root === 'BOOLEAN' || type.root === 'NULL') continue;
          report({
            unit,
            range: when.range,
            message: `CASE WHEN needs a condition (BOOLEAN), but this expression is ${formatType(type)}`,
            hint: HINT,
          });
        }
      }
    for (const block of jobAnalysis(ctx).blocks) {
      for (const { clause, expression } of blockExpressions(block.select)) {
        const where = CLAUSE[clause];
        if (!where) continue;
        const type = typeOfExpression(expression, block.scope);
        if (isUnknown(type) || type.root === 'BOOLEAN' || type.root === 'NULL') continue;
        report({
          unit: block.unit,
          range: expression.range,
          message: `${where} needs a condition (BOOLEAN), but this expression is ${formatType(type)}`,
          hint: HINT,
        });
      }
    }
  },
};
