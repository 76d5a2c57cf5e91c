import type { Statement } from '../sql/model/statements.js';
import { firstLine, jobStatements, whereIs } from './support/job-statements.js';
import type { Located } from './support/job-statements.js';
import type { Rule } from './types.js';

/** Top-level statements the SQL runner submits as a Flink job of their own. */
const startsJob = (s: Statement): boolean =>
  s.kind === 'insert' ||
  s.kind === 'statementSet' ||
  (s.kind === 'createTable' && s.asQuery !== undefined) ||
  s.kind === 'executePlan';

/**
 * Each top-level INSERT (and CTAS) outside a statement set becomes its own Flink job. In
 * application mode the cluster is meant for one job: high availability and the operator's
 * upgrade and savepoint handling work on a single job.
 */
export const multipleInserts: Rule = {
  id: 'sql/multiple-inserts',
  severity: 'warning',
  description: 'several INSERTs outside a statement set start several Flink jobs in one application cluster',
  check(ctx, report) {
    if (ctx.job?.mode === 'session') return;
    let first: Located<Statement> | undefined;
    for (const located of jobStatements(ctx)) {
      if (!startsJob(located.statement)) continue;
      if (!first) {
        first = located;
        continue;
      }
      report({
        unit: located.unit,
        range: firstLine(located.unit.text, located.statement.range),
        message: `this statement starts a second Flink job (the first starts at ${whereIs(first.unit, first.statement.range.start)}); an application-mode deployment should run one`,
        hint: 'put the INSERTs in one EXECUTE STATEMENT SET BEGIN ... END; block so they run as a single job, or use mode: session',
      });
    }
  },
};
