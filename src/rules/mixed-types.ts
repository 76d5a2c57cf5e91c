import { typeOfExpression } from '../semantics/expression-type.js';
import { commonType } from '../semantics/implicit-cast.js';
import { formatType, type SqlType } from '../semantics/sql-type.js';
import type { Expression, Query, SetOperationQuery } from '../sql/model/query.js';
import type { Range } from '../text/source.js';
import { casesIn, functionCallsIn, setOperationsIn } from './support/expression-walk.js';
import { scopeFor, type ScopedExpression } from './support/expression-scopes.js';
import { jobStatements } from './support/job-statements.js';
import type { Rule } from './types.js';
import { jobAnalysis } from './support/semantic-analysis.js';

/** The first of `types` that shares no type with those before it, or -1. */
function firstConflict(types: readonly SqlType[]): number {
  for (let i = 1; i < types.length; i++) if (commonType(types.slice(0, i + 1)) === undefined) return i;
  return -1;
}

/** The `index`-th item of a query's select list, when it is written there (no `*` before it). */
function selectItemRange(query: Query, index: number): Range | undefined {
  while (query.kind === 'parenthesized' || query.kind === 'ordered') query = query.query;
  if (query.kind !== 'select') return undefined;
  if (query.items.slice(0, index + 1).some((i) => i.expression.kind === 'star')) return undefined;
  return query.items[index]?.range;
}

/**
 * Values that must share one type but have none (Calcite with type coercion off, as Flink runs it):
 * the results of a CASE or the arguments of COALESCE ("Illegal mixing of types in CASE or COALESCE
 * statement"), a column of UNION / INTERSECT / EXCEPT ("Type mismatch in column n of UNION").
 */
export const mixedTypes: Rule = {
  id: 'sql/mixed-types',
  severity: 'error',
  description: 'CASE results, COALESCE arguments or the columns of a UNION/INTERSECT/EXCEPT with no common type',
  check(ctx, report) {
    const analysis = jobAnalysis(ctx);
    const scopeOf = scopeFor(ctx);
    for (const { unit, statement } of jobStatements(ctx)) {
      const groups: { what: string; owner: ScopedExpression; values: Expression[] }[] = [];
      for (const c of casesIn(statement))
        groups.push({
          what: 'the results of this CASE',
          owner: c,
          values: [...c.whens.map((w) => w.then), ...(c.else ? [c.else] : [])],
        });
      for (const call of functionCallsIn(statement))
        if (
          call.name.parts.length === 1 &&
          call.name.parts[0]!.value.toUpperCase() === 'COALESCE' &&
          !analysis.declaredFunctions.has('coalesce')
        )
          groups.push({ what: 'the arguments of COALESCE', owner: call, values: call.args });
      for (const { what, owner, values } of groups) {
        const scope = scopeOf(owner);
        const types = values.map((v) => typeOfExpression(v, scope));
        const i = firstConflict(types);
        if (i < 0) continue;
        const before = commonType(types.slice(0, i));
        report({
          unit,
          range: values[i]!.range,
          message: `${what} have no common type: ${formatType(types[i]!)} here, ${formatType(before ?? types[0]!)} before`,
          hint: 'Flink does not convert between strings, numbers and booleans on its own: CAST the values to one type',
        });
      }
      for (const op of setOperationsIn(statement)) checkSetOperation(op, unit);
    }

    function checkSetOperation(op: SetOperationQuery, unit: (typeof ctx.units)[number]): void {
      const left = analysis.relationOf(op.left);
      const right = analysis.relationOf(op.right);
      if (!left || !right || left.open || right.open || left.columns.length !== right.columns.length) return;
      left.columns.forEach((l, i) => {
        const r = right.columns[i]!;
        if (commonType([l.type, r.type]) !== undefined) return;
        report({
          unit,
          range: selectItemRange(op.right, i) ?? op.right.range,
          message: `column ${i + 1} of this ${op.operator} is ${formatType(l.type)} on the left and ${formatType(r.type)} on the right: they have no common type`,
          hint: `CAST one side so both are the same kind of type, e.g. CAST(… AS ${formatType({ ...l.type, nullable: true })})`,
        });
      });
    }
  },
};
