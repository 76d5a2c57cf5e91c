import type { Statement } from '../sql/model/statements.js';
import { firstLine, jobStatements } from './support/job-statements.js';
import { hasEmptyUnit } from './empty-file.js';
import type { Rule } from './types.js';

/** Statements that start a Flink job that writes somewhere. */
const writes = (s: Statement): boolean =>
  s.kind === 'insert' ||
  s.kind === 'statementSet' ||
  (s.kind === 'createTable' && s.asQuery !== undefined) ||
  s.kind === 'executePlan' ||
  s.kind === 'delete' ||
  s.kind === 'update' ||
  s.kind === 'truncate';

/** A job whose scripts never write anything deploys a cluster that does nothing useful. */
export const noSink: Rule = {
  id: 'sql/no-sink',
  severity: 'error',
  description: 'the job has no INSERT, statement set or CREATE TABLE ... AS SELECT, so it writes nothing',
  wholeJobOnly: true,
  check(ctx, report) {
    const first = ctx.units[0];
    if (!first) return;
    for (const { statement } of jobStatements(ctx)) if (writes(statement)) return;
    // Only a script that parsed: a syntax error may be hiding the INSERT.
    if (ctx.units.some((u) => u.parsed.issues.length > 0)) return;
    // An empty file is reported as such: the INSERT may be what it was meant to hold.
    if (hasEmptyUnit(ctx)) return;
    const located = jobStatements(ctx)[0];
    report({
      unit: located?.unit ?? first,
      range: located ? firstLine(located.unit.text, located.statement.range) : { start: 0, end: 0 },
      message:
        'this job never writes anywhere: its SQL has no INSERT INTO, EXECUTE STATEMENT SET or CREATE TABLE ... AS SELECT',
      hint: 'add the INSERT INTO that moves data into a sink table; SELECT results of a deployed job are not shown anywhere',
    });
  },
};
