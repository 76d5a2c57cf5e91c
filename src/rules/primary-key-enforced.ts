import type { Statement, TableConstraint } from '../sql/model/statements.js';
import { jobStatements } from './support/job-statements.js';
import type { Rule } from './types.js';

/**
 * Constraints Flink refuses when it validates a CREATE or ALTER TABLE (the parser's
 * `SqlConstraintValidator.validate`): a PRIMARY KEY that is not declared NOT ENFORCED (Flink does
 * not own the data, so it cannot check the key, and ENFORCED is the default), and UNIQUE, which
 * Flink does not support at all.
 */
export const primaryKeyEnforced: Rule = {
  id: 'sql/primary-key-enforced',
  severity: 'error',
  description: 'a PRIMARY KEY without NOT ENFORCED, or a UNIQUE constraint: Flink refuses both',
  check(ctx, report) {
    for (const { unit, statement } of jobStatements(ctx)) {
      for (const constraint of constraintsOf(statement)) {
        if (constraint.constraintKind !== 'unique' && !constraint.enforced) continue;
        const columns = constraint.columns.map((c) => c.value).join(', ');
        if (constraint.constraintKind === 'unique') {
          report({
            unit,
            range: constraint.range,
            message: 'Flink does not support UNIQUE constraints',
            hint: `remove it; if (${columns}) is the table's key, declare PRIMARY KEY (${columns}) NOT ENFORCED`,
          });
        } else if (constraint.enforced) {
          report({
            unit,
            range: constraint.range,
            message: 'a PRIMARY KEY must be declared NOT ENFORCED: Flink accepts no other mode',
            hint: `write PRIMARY KEY (${columns}) NOT ENFORCED; Flink does not own the data, so it never checks the key (ENFORCED is the default when nothing is written)`,
          });
        }
      }
    }
  },
};

function constraintsOf(statement: Statement): TableConstraint[] {
  switch (statement.kind) {
    case 'createTable':
    case 'createMaterializedTable': {
      // Every CREATE TABLE of the job comes through here: a loop, not a flatMap and a spread per column.
      const out: TableConstraint[] = [];
      for (const c of statement.columns) if (c.constraint) out.push(c.constraint);
      for (const c of statement.constraints) out.push(c);
      return out.sort((a, b) => a.range.start - b.range.start);
    }
    case 'alterTable': {
      const change = statement.change;
      if (change.action !== 'add' && change.action !== 'modify') return [];
      return change.items.flatMap((i) =>
        i.item === 'constraint'
          ? [i.constraint]
          : i.item === 'column' && i.column.constraint
            ? [i.column.constraint]
            : [],
      );
    }
    default:
      return [];
  }
}
