import { analysisOf } from '../semantics/analysis.js';
import { typeOfExpression } from '../semantics/expression-type.js';
import { formatType, isUnknown } from '../semantics/sql-type.js';
import { blockExpressions, type Clause } from './support/expression-walk.js';
import type { Rule } from './types.js';

const CLAUSE: Partial<Record<Clause, string>> = {
  where: 'WHERE',
  having: 'HAVING',
  on: 'the ON of a JOIN',
  qualify: 'QUALIFY',
};

/**
 * A WHERE, HAVING, QUALIFY or JOIN … ON that is not a condition (Calcite's validator: "WHERE clause
 * must be a condition"): Flink does not read a number or a string as true or false.
 */
export const conditionType: Rule = {
  id: 'sql/condition-type',
  severity: 'error',
  description: 'a WHERE, HAVING, QUALIFY or JOIN … ON whose expression is not BOOLEAN',
  check(ctx, report) {
    for (const block of analysisOf(ctx.units).blocks) {
      for (const { clause, expression } of blockExpressions(block.select)) {
        const where = CLAUSE[clause];
        if (!where) continue;
        const type = typeOfExpression(expression, block.scope);
        if (isUnknown(type) || type.root === 'BOOLEAN' || type.root === 'NULL') continue;
        report({
          unit: block.unit,
          range: expression.range,
          message: `${where} needs a condition (BOOLEAN), but this expression is ${formatType(type)}`,
          hint: "compare it to something (`x = 1`, `x IS NOT NULL`, `x <> ''`): Flink does not read a number or a string as true or false",
        });
      }
    }
  },
};
