import { displayName, firstLine, jobStatements, nameParts, shortParts } from './support/job-statements.js';
import type { Rule } from './types.js';

/**
 * DROP in a job script runs every time the job (re)starts — on each deploy, restart and
 * failover of the JobManager — and deletes catalog objects other jobs may use. DROP TEMPORARY
 * (table, view, function, system function) is harmless wherever it stands: temporary objects
 * live in the job's own session, so it can only remove what this script created, and
 * `DROP TEMPORARY … IF EXISTS` before a CREATE is a no-op.
 */
export const dropStatement: Rule = {
  id: 'sql/drop-statement',
  severity: 'error',
  description: 'a DROP statement in a job script runs on every start of the job',
  check(ctx, report) {
    for (const { unit, statement } of jobStatements(ctx)) {
      if (statement.kind !== 'drop' || statement.temporary) continue;
      const what = statement.objectType.toUpperCase();
      report({
        unit,
        range: firstLine(unit.text, statement.range),
        message: `DROP ${what} \`${displayName(shortParts(nameParts(statement.name)))}\` runs every time this job starts (each deploy, restart and failover) and deletes the ${what.toLowerCase()} from its catalog`,
        hint: 'change catalogs outside the job (a one-off SQL client session or a migration), and keep the job script to what the job creates and runs',
      });
    }
  },
};
