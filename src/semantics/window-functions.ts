/**
 * Flink's window table functions (TUMBLE, HOP, CUMULATE, SESSION): their output is the input
 * table's columns plus `window_start`, `window_end` (TIMESTAMP(3) NOT NULL) and `window_time`,
 * which keeps the time attribute of the column named in DESCRIPTOR (Flink's
 * SqlWindowTableFunction#inferRowType in flink-table-planner).
 */
import type { FunctionCall } from '../sql/model/query.js';
import type { RelationColumn } from './analysis.js';
import { UNKNOWN, type SqlType } from './sql-type.js';

const WINDOW_FUNCTIONS = new Set(['TUMBLE', 'HOP', 'CUMULATE', 'SESSION']);

export function isWindowTableFunction(call: FunctionCall): boolean {
  return call.name.parts.length === 1 && WINDOW_FUNCTIONS.has(call.name.parts[0]!.value.toUpperCase());
}

/** The columns a window table function appends, given the type of its time column. */
export function windowTableFunctionColumns(timeColumn: SqlType): RelationColumn[] {
  const bound: SqlType = { root: 'TIMESTAMP', nullable: false, precision: 3 };
  const windowTime: SqlType = timeColumn.root === 'UNKNOWN' ? UNKNOWN : { ...timeColumn, nullable: false };
  return [
    { name: 'window_start', type: bound },
    { name: 'window_end', type: { ...bound } },
    { name: 'window_time', type: windowTime },
  ];
}
