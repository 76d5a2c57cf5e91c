import { isSchemaStatement } from '../semantics/declared-schemas.js';
import { declaredSchemaUnits } from './support/semantic-analysis.js';
import type { Rule } from './types.js';

/**
 * The files of `tables.schemas`: a syntax error there would silently hide the tables it
 * declares, and a statement other than CREATE TABLE / USE would be read by nobody (the
 * runner never runs these files).
 */
export const declaredSchema: Rule = {
  id: 'sql/declared-schema',
  severity: 'error',
  description: 'a `tables.schemas` file that does not parse, or holds statements other than CREATE TABLE and USE',
  check(ctx, report) {
    for (const unit of declaredSchemaUnits(ctx)) {
      for (const issue of unit.parsed.issues)
        report({
          unit,
          range: issue.range,
          message: `${issue.message} (in a declared schema: the tables it declares stay unknown to the check)`,
          hint: issue.hint ?? 'write the catalog tables as CREATE TABLE statements Flink would accept',
        });
      for (const s of unit.parsed.statements) {
        if (isSchemaStatement(s)) continue;
        report({
          unit,
          range: s.range,
          severity: 'warning',
          message: 'this statement is ignored: a declared schema is read for its CREATE TABLE statements only',
          hint: 'a `tables.schemas` file is never run; put statements meant to run in the job’s `sql` files',
        });
      }
    }
  },
};
