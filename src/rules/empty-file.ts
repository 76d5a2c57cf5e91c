import type { Rule, RuleContext, SqlUnit } from './types.js';

/** A file with no statement and no syntax error: empty, blank, or only comments. */
export const isEmptyUnit = (unit: SqlUnit): boolean =>
  unit.parsed.statements.length === 0 && unit.parsed.issues.length === 0;

/** Whether a job's files include an empty one (whole-job rules then leave the explaining to this rule). */
export const hasEmptyUnit = (ctx: RuleContext): boolean => ctx.units.some(isEmptyUnit);

/**
 * An empty SQL file is almost always a file saved before it was written or emptied by a bad
 * merge. Said plainly, instead of what follows from it ("no sink", or every table the file
 * should have created reported unknown in the next file: `no-sink` and `unknown-table` stay
 * quiet while a file of the job is empty). An error in a job, whose script it is; a warning for
 * a loose file, which may be a notes file.
 */
export const emptyFile: Rule = {
  id: 'sql/empty-file',
  severity: 'error',
  description: 'a SQL file with no statement in it (empty, blank or only comments)',
  check(ctx, report) {
    for (const unit of ctx.units) {
      if (!isEmptyUnit(unit)) continue;
      const blank = unit.original.trim() === '';
      report({
        unit,
        range: { start: 0, end: 0 },
        severity: ctx.wholeJob ? 'error' : 'warning',
        message: blank
          ? 'the file is empty: it has no SQL statement'
          : 'the file is empty: it has only comments, no SQL statement',
        hint: ctx.job
          ? "write the job's statements into it, or remove it from the `sql` list in job.yaml"
          : 'write the statements into it, or leave the file out',
      });
    }
  },
};
