import type { QueryBlock } from '../semantics/analysis.js';
import { formatType, type SqlType } from '../semantics/sql-type.js';
import type { ColumnRef, Expression, FunctionCall, TableArgument } from '../sql/model/query.js';
import { jobAnalysis } from './support/semantic-analysis.js';
import { runtimeModeAt } from './support/runtime-mode.js';
import {
  callName,
  fromItems,
  isBaseTableName,
  mentions,
  referenceType,
  surelyNotTimeAttribute,
  unwrap,
} from './support/time-attributes.js';
import type { Rule } from './types.js';

const WINDOW_TVFS = new Set(['TUMBLE', 'HOP', 'CUMULATE', 'SESSION']);
const GROUP_WINDOWS = new Set(['TUMBLE', 'HOP', 'SESSION']);

/**
 * A window table function whose DESCRIPTOR names a column that is not a time attribute. The
 * validator (`SqlWindowTableFunction`'s operand checker) wants a TIMESTAMP or TIMESTAMP_LTZ column
 * in any mode; the streaming planner also wants it to be a time attribute (a column with a WATERMARK,
 * or a PROCTIME() column): "The window function requires the timecol is a time attribute type".
 * Batch jobs may window over a plain TIMESTAMP. The legacy group windows (`GROUP BY TUMBLE(ts, …)`)
 * are checked the same way.
 */
export const windowTimeAttribute: Rule = {
  id: 'sql/window-time-attribute',
  severity: 'error',
  description: 'a window table function (TUMBLE, HOP, CUMULATE, SESSION) over a column that is not a time attribute',
  check(ctx, report) {
    const analysis = jobAnalysis(ctx);
    /** `trusted`: a plain TIMESTAMP here surely is no time attribute (it comes straight from a table). */
    const checkColumn = (block: QueryBlock, name: string, column: ColumnRef, trusted: (type: SqlType) => boolean) => {
      const type = referenceType(analysis, column);
      if (!type || type.timeAttribute) return;
      const timestamp = type.root === 'TIMESTAMP' || type.root === 'TIMESTAMP_LTZ';
      if (timestamp && (!trusted(type) || runtimeModeAt(ctx, block.unit, column.range.start) !== 'streaming')) return;
      const shown = column.name.parts.map((p) => p.value).join('.');
      report({
        unit: block.unit,
        range: column.range,
        message: timestamp
          ? `${name} needs a time attribute, but \`${shown}\` is a plain ${formatType(type)}: it has no WATERMARK and is not a PROCTIME() column`
          : `${name} needs a time attribute (TIMESTAMP or TIMESTAMP_LTZ with a WATERMARK, or PROCTIME()), but \`${shown}\` is ${formatType(type)}`,
        hint: timestamp
          ? `declare a WATERMARK FOR ${shown} on its table (event time), or window over a PROCTIME() column (processing time)`
          : `window over the table's rowtime column, or add one: a computed column converting \`${shown}\` (e.g. TO_TIMESTAMP_LTZ) with a WATERMARK on it`,
      });
    };
    for (const block of analysis.blocks) {
      if (!mentions(block.unit, /\b(TUMBLE|HOP|CUMULATE|SESSION)\b/i)) continue;
      for (const item of fromItems(block.select.from)) {
        if (item.kind !== 'tableFunction') continue;
        const call = unwrap(item.call);
        const name = callName(call);
        if (!name || !WINDOW_TVFS.has(name)) continue;
        const column = descriptorColumn(call as FunctionCall);
        if (!column) continue;
        // Trusted only straight from a table: through a view or subquery the analysis may have lost the attribute.
        const table = tableArgument(call as FunctionCall);
        checkColumn(block, name, column, () => table?.name !== undefined && isBaseTableName(analysis, table.name));
      }
      // Legacy group windows: GROUP BY TUMBLE(ts, INTERVAL …) ("Window aggregate can only be defined over a time attribute column").
      for (const item of block.select.groupBy?.items ?? []) {
        const name = callName(item as Expression);
        if (!name || !GROUP_WINDOWS.has(name)) continue;
        const first = (unwrap(item as Expression) as FunctionCall).args[0];
        const column = first ? unwrap(first) : undefined;
        if (column?.kind !== 'column') continue;
        checkColumn(block, name, column, (type) => surelyNotTimeAttribute(analysis, block.select, column, type));
      }
    }
  },
};

/** The column of `DESCRIPTOR(col)`, positional (second argument) or named (TIMECOL => …). */
function descriptorColumn(call: FunctionCall) {
  for (const a of call.args) {
    const value: Expression = a.kind === 'namedArgument' ? a.value : a;
    if (callName(value) !== 'DESCRIPTOR') continue;
    const args = (unwrap(value) as FunctionCall).args;
    const first = args[0] ? unwrap(args[0]) : undefined;
    return args.length === 1 && first?.kind === 'column' ? first : undefined;
  }
  return undefined;
}

function tableArgument(call: FunctionCall): TableArgument | undefined {
  for (const a of call.args) {
    const value = a.kind === 'namedArgument' ? a.value : a;
    if (value.kind === 'tableArgument') return value;
  }
  return undefined;
}
