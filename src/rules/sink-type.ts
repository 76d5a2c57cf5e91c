import { sinkAccepts } from '../semantics/implicit-cast.js';
import { formatType } from '../semantics/sql-type.js';
import type { Query } from '../sql/model/query.js';
import type { Range } from '../text/source.js';
import { selectListRange } from './insert-column-count.js';
import { displayName } from './support/job-statements.js';
import type { Rule } from './types.js';
import { jobAnalysis } from './support/semantic-analysis.js';

/** Where the `index`-th column of a query is written: its select item, when the list has no `*` before it. */
function columnRange(query: Query, index: number): Range | undefined {
  while (query.kind !== 'select') {
    if (query.kind === 'setOperation') query = query.left;
    else if (query.kind === 'with') query = query.body;
    else if (query.kind === 'ordered' || query.kind === 'parenthesized') query = query.query;
    else if (query.kind === 'values') return query.rows[0]?.values[index]?.range;
    else return undefined;
  }
  if (query.items.slice(0, index + 1).some((i) => i.expression.kind === 'star')) return undefined;
  return query.items[index]?.range;
}

/**
 * INSERT INTO / CREATE TABLE … AS whose query column cannot go into its sink column (DynamicSinkUtils
 * .validateSchemaAndApplyImplicitCast: "Column types of query result and sink for … do not match").
 * Flink casts implicitly only where nothing is lost (INT into BIGINT, DECIMAL into DOUBLE, a longer
 * string into VARCHAR(n), which it trims at run time); NOT NULL is enforced per row, not here.
 */
export const sinkType: Rule = {
  id: 'sql/sink-type',
  severity: 'error',
  description: "an INSERT or CTAS whose query column's type cannot be implicitly cast to its sink column's type",
  check(ctx, report) {
    for (const write of jobAnalysis(ctx).writes) {
      const { sink, targetColumns, output } = write;
      if (!sink || !targetColumns || output.open || output.columns.length !== targetColumns.length) continue;
      const sinkName = displayName(sink.path.slice(-1));
      targetColumns.forEach((target, i) => {
        const column = output.columns[i]!;
        if (sinkAccepts(column.type, target.type) !== 'refused') return;
        const sinkType = formatType({ ...target.type, nullable: true });
        report({
          unit: write.unit,
          range: columnRange(write.query, i) ?? selectListRange(write.query) ?? write.query.range,
          message: `column types of query result and sink \`${sinkName}\` do not match: sink column \`${target.name}\` (position ${i + 1}) is ${formatType(target.type)}, the query gives ${formatType(column.type)}${column.name ? ` (\`${column.name}\`)` : ''}`,
          hint: `Flink casts implicitly only where no value is lost; if the conversion is what you mean, write it: CAST(${column.name || '…'} AS ${sinkType})`,
        });
      });
    }
  },
};
