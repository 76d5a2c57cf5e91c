import { formatType } from '../semantics/sql-type.js';
import type { TableName } from '../sql/model/query.js';
import { displayName, nameParts } from './support/job-statements.js';
import { runtimeModeAt } from './support/runtime-mode.js';
import { jobAnalysis } from './support/semantic-analysis.js';
import { fromItems, mentions, referenceType, surelyNotTimeAttribute, unwrap } from './support/time-attributes.js';
import type { Rule } from './types.js';

/**
 * Connectors whose source is not a `LookupTableSource`: a processing-time join against them is a
 * processing-time temporal join, which Flink does not support ("Processing-time temporal join is
 * not supported yet", `StreamPhysicalTemporalJoinRule`).
 */
const NOT_LOOKUP = new Set([
  'kafka',
  'upsert-kafka',
  'datagen',
  'filesystem',
  'mysql-cdc',
  'postgres-cdc',
  'oracle-cdc',
  'sqlserver-cdc',
  'mongodb-cdc',
]);

/**
 * `JOIN t FOR SYSTEM_TIME AS OF x` in a streaming job, as the planner's temporal-join rules check it:
 * - `x` must be a time attribute of the left side ("Temporal table join currently only supports
 *   'FOR SYSTEM_TIME AS OF' left table's time attribute field");
 * - on event time (a rowtime), the versioned table needs a PRIMARY KEY and a rowtime of its own
 *   ("Event-Time Temporal Table Join requires both primary key and row time attribute in versioned
 *   table", `TemporalJoinRewriteWithUniqueKeyRule` / `StreamPhysicalTemporalJoinRule`);
 * - on processing time, the table must be a lookup source (jdbc, hbase …), not kafka or a CDC table.
 * Views (Flink derives their key, e.g. from a deduplication) and unknown tables are left alone.
 */
export const temporalJoin: Rule = {
  id: 'sql/temporal-join',
  severity: 'error',
  description:
    'FOR SYSTEM_TIME AS OF a column that is not a time attribute, an event-time temporal join against a table without a primary key or rowtime, a processing-time join against a table that is not a lookup source',
  check(ctx, report) {
    const analysis = jobAnalysis(ctx);
    for (const block of analysis.blocks) {
      if (!mentions(block.unit, /\bSYSTEM_TIME\b/i)) continue;
      for (const item of fromItems(block.select.from)) {
        if (item.kind !== 'join') continue;
        const right: TableName | undefined =
          item.right.kind === 'tableName'
            ? item.right
            : item.right.kind === 'parenthesizedTable' && item.right.table.kind === 'tableName'
              ? item.right.table
              : undefined;
        if (!right?.systemTime) continue;
        if (runtimeModeAt(ctx, block.unit, right.range.start) !== 'streaming') continue;
        const time = unwrap(right.systemTime);
        const type = time.kind === 'column' ? referenceType(analysis, time) : undefined;
        if (!type || time.kind !== 'column') continue;
        const tableShown = displayName(nameParts(right.name));
        if (!type.timeAttribute) {
          if (!surelyNotTimeAttribute(analysis, block.select, time, type)) continue;
          report({
            unit: block.unit,
            range: right.systemTime.range,
            message: `FOR SYSTEM_TIME AS OF needs a time attribute of the left table, but this is a plain ${formatType(type)}`,
            hint: 'use the left table’s rowtime (a column with a WATERMARK) for an event-time temporal join, or a PROCTIME() column for a lookup join',
          });
          continue;
        }
        const found = analysis.lookup(right.name);
        if (found.kind !== 'known' || found.table.kind !== 'table') continue;
        const table = found.table;
        if (type.timeAttribute === 'rowtime') {
          // A declared catalog schema may leave out the key or watermark the real table has: only the job's own DDL is trusted here.
          if (!table.definition || !ctx.units.includes(table.definition.unit)) continue;
          const noKey = (table.primaryKey?.length ?? 0) === 0;
          const noRowtime = table.watermarkColumns.length === 0;
          if (!noKey && !noRowtime) continue;
          const lacks =
            noKey && noRowtime
              ? 'has neither a primary key nor a rowtime'
              : noKey
                ? 'has no primary key'
                : 'has no rowtime (no WATERMARK)';
          report({
            unit: block.unit,
            range: right.name.range,
            message: `an event-time temporal join needs a versioned table with a primary key and a rowtime, but \`${tableShown}\` ${lacks}`,
            hint: [
              noKey ? `declare PRIMARY KEY (…) NOT ENFORCED on \`${tableShown}\`` : '',
              noRowtime ? `declare a WATERMARK on \`${tableShown}\`'s event-time column` : '',
              'or join FOR SYSTEM_TIME AS OF a PROCTIME() column against a lookup source',
            ]
              .filter((x) => x !== '')
              .join('; '),
          });
          continue;
        }
        const connector = table.options.get('connector');
        if (connector !== undefined && NOT_LOOKUP.has(connector)) {
          report({
            unit: block.unit,
            range: right.name.range,
            message: `a processing-time join needs a lookup source, but \`${tableShown}\` is a ${connector} table: Flink does not support processing-time temporal joins`,
            hint: `join a lookup source (jdbc, hbase …) FOR SYSTEM_TIME AS OF the PROCTIME() column, or join \`${tableShown}\` FOR SYSTEM_TIME AS OF the left rowtime (an event-time temporal join; it then needs a primary key and a watermark)`,
          });
        }
      }
    }
  },
};
