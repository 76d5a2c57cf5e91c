import { formatType } from '../semantics/sql-type.js';
import type { JobAnalysis } from '../semantics/analysis.js';
import type { SqlType } from '../semantics/sql-type.js';
import type { ColumnRef, Query } from '../sql/model/query.js';
import { insertsOf, jobStatements } from './support/job-statements.js';
import { runtimeModeAt } from './support/runtime-mode.js';
import { jobAnalysis } from './support/semantic-analysis.js';
import { mentions, referenceType, surelyNotTimeAttribute, unwrap } from './support/time-attributes.js';
import type { Rule } from './types.js';

/**
 * ORDER BY without LIMIT in a streaming job: the planner can only sort an unbounded stream by a
 * time attribute, ascending (`StreamPhysicalTemporalSortRule`); any other sort fails with "Sort on
 * a non-time-attribute field is not supported". With a LIMIT it is a Top-N (a SortLimit), which
 * is allowed. Only the query an INSERT, CTAS or SELECT statement runs is checked: Calcite drops an
 * ORDER BY without LIMIT inside a subquery. Batch jobs sort anything.
 */
export const streamingOrderBy: Rule = {
  id: 'sql/streaming-order-by',
  severity: 'error',
  description: 'ORDER BY without LIMIT on something other than a time attribute (ascending) in a streaming job',
  check(ctx, report) {
    const analysis = jobAnalysis(ctx);
    for (const { unit, statement } of jobStatements(ctx)) {
      if (!mentions(unit, /\bORDER\b/i)) continue;
      const own: Query[] = insertsOf(statement).map((i) => i.query);
      if (statement.kind === 'query') own.push(statement.query);
      if (statement.kind === 'createTable' && statement.asQuery) own.push(statement.asQuery);
      for (const query of own) {
        const ordered = outermostOrder(query);
        if (!ordered || ordered.orderBy.length === 0) continue;
        const limited = ordered.fetch !== undefined || (ordered.limit !== undefined && ordered.limit !== 'ALL');
        if (limited || runtimeModeAt(ctx, unit, ordered.range.start) !== 'streaming') continue;
        const first = ordered.orderBy[0]!;
        const key = unwrap(first.expression);
        const type = key.kind === 'column' ? referenceType(analysis, key) : undefined;
        if (!type || key.kind !== 'column') continue;
        if (type.timeAttribute ? first.direction !== 'DESC' : !notTimeAttribute(analysis, ordered.query, key, type))
          continue;
        report({
          unit,
          range: first.range,
          message: type.timeAttribute
            ? 'a streaming query can only be sorted by a time attribute ascending, not DESC'
            : `a streaming query can only be sorted by a time attribute (ascending), but it is sorted by a ${formatType(type)}`,
          hint: "sort by the rowtime column ASC first, add a LIMIT (a Top-N, whose result updates), or run the job in batch mode (SET 'execution.runtime-mode' = 'batch')",
        });
      }
    }
  },
};

function outermostOrder(q: Query): Extract<Query, { kind: 'ordered' }> | undefined {
  switch (q.kind) {
    case 'ordered':
      return q;
    case 'parenthesized':
      return outermostOrder(q.query);
    case 'with':
      return outermostOrder(q.body);
    default:
      return undefined;
  }
}

/**
 * The sort key is surely no time attribute: checked against the select block it sorts. An alias of
 * a computed select item is left alone when it is a timestamp (PROCTIME() AS pt stays one in Flink).
 */
function notTimeAttribute(analysis: JobAnalysis, sorted: Query, key: ColumnRef, type: SqlType): boolean {
  let q = sorted;
  while (q.kind === 'parenthesized') q = q.query;
  if (q.kind !== 'select') return type.root !== 'TIMESTAMP' && type.root !== 'TIMESTAMP_LTZ';
  if (key.name.parts.length === 1) {
    const item = q.items.find((i) => i.alias?.value === key.name.parts[0]!.value);
    if (item && unwrap(item.expression).kind !== 'column')
      return type.root !== 'TIMESTAMP' && type.root !== 'TIMESTAMP_LTZ';
  }
  return surelyNotTimeAttribute(analysis, q, key, type);
}
