import { typeOfExpression, type ExpressionScope } from '../semantics/expression-type.js';
import { formatType, isUnknown, toSqlType, UNKNOWN, type SqlType } from '../semantics/sql-type.js';
import type { ColumnDef, CreateMaterializedTable, CreateTable, Watermark } from '../sql/model/statements.js';
import type { Expression } from '../sql/model/query.js';
import type { CatalogColumn } from '../semantics/analysis.js';
import { jobStatements } from './support/job-statements.js';
import { jobAnalysis } from './support/semantic-analysis.js';
import type { Finding, Rule, SqlUnit } from './types.js';

/**
 * A WATERMARK on a column Flink cannot make a rowtime (`DefaultSchemaResolver.validateTimeColumn`):
 * it must be TIMESTAMP(p) or TIMESTAMP_LTZ(p) with p from 0 to 3 (`TIMESTAMP` alone is
 * TIMESTAMP(6)), and not a processing-time column (`AS PROCTIME()`). The watermark expression
 * must have such a type too, and the same type root as the column (`validateWatermarkExpression`).
 * Columns the table inherits through LIKE, and types the analysis cannot know, are left alone.
 */
export const watermarkType: Rule = {
  id: 'sql/watermark-type',
  severity: 'error',
  description: 'a WATERMARK on a column (or with an expression) that is not TIMESTAMP(p)/TIMESTAMP_LTZ(p) with p ≤ 3',
  check(ctx, report) {
    const analysis = jobAnalysis(ctx);
    for (const { unit, statement } of jobStatements(ctx)) {
      if (statement.kind !== 'createTable' && statement.kind !== 'createMaterializedTable') continue;
      if (statement.watermarks.length === 0) continue;
      // Columns a LIKE brings in, as the job's catalog resolved them.
      const inherited = (name: string): CatalogColumn | undefined =>
        statement.kind === 'createTable' && statement.like
          ? analysis.definitions
              .find((d) => d.definition?.statement === statement)
              ?.columns.find((c) => c.name === name)
          : undefined;
      for (const w of statement.watermarks) checkWatermark(unit, statement, w, inherited, report);
    }
  },
};

const isProctimeCall = (e: Expression): boolean =>
  e.kind === 'parenthesized'
    ? isProctimeCall(e.expression)
    : e.kind === 'call' && e.name.parts.length === 1 && e.name.parts[0]!.value.toUpperCase() === 'PROCTIME';

/** Flink's `canBeTimeAttributeType` and the precision limit of a rowtime. */
const isRowtimeType = (t: SqlType): boolean =>
  (t.root === 'TIMESTAMP' || t.root === 'TIMESTAMP_LTZ') && (t.precision ?? 6) <= 3;

const REQUIREMENT = 'a watermark needs TIMESTAMP(p) or TIMESTAMP_LTZ(p) with a precision p from 0 to 3';

function checkWatermark(
  unit: SqlUnit,
  table: CreateTable | CreateMaterializedTable,
  w: Watermark,
  inherited: (name: string) => CatalogColumn | undefined,
  report: (f: Finding) => void,
): void {
  if (w.column.parts.length !== 1) return;
  const name = w.column.parts[0]!.value;
  const columns = table.columns;
  const column = columnNamed(columns, name);
  const from = column ? undefined : inherited(name);
  if (!column && !from) return;
  const def = column ?? from!.definition?.column;
  const proctime =
    from?.type.timeAttribute === 'proctime' ||
    (def?.columnKind === 'computed' && def.expression !== undefined && isProctimeCall(def.expression));
  if (proctime) {
    report({
      unit,
      range: w.column.range,
      message: `\`${name}\` is a processing-time column (AS PROCTIME()): it cannot have a watermark`,
      hint: 'put the WATERMARK on an event-time column (a TIMESTAMP(3) or TIMESTAMP_LTZ(3) of the data); processing time needs none',
    });
    return;
  }
  const scope = ownColumnsScope(columns);
  const type = column ? columnType(column, scope) : withoutTimeAttribute(from!.type);
  if (isUnknown(type)) return;
  if (!isRowtimeType(type)) {
    const fix =
      type.root === 'TIMESTAMP' || type.root === 'TIMESTAMP_LTZ'
        ? `declare it ${type.root}(3)${type.root === 'TIMESTAMP' && column?.type?.kind === 'atomic' && column.type.precision === undefined ? ' (TIMESTAMP alone is TIMESTAMP(6))' : ''}`
        : type.root === 'BIGINT'
          ? `add a computed column, e.g. \`${name}_ts AS TO_TIMESTAMP_LTZ(${name}, 3)\`, and put the WATERMARK on it`
          : `add a computed column, e.g. \`${name}_ts AS CAST(${name} AS TIMESTAMP(3))\`, and put the WATERMARK on it`;
    report({
      unit,
      range: w.column.range,
      message: `the watermark column \`${name}\` is ${formatType(type)}: ${REQUIREMENT}`,
      hint: fix,
    });
    return;
  }
  const output = typeOfExpression(w.expression, scope);
  if (isUnknown(output)) return;
  if (!isRowtimeType(output)) {
    report({
      unit,
      range: w.expression.range,
      message: `the watermark expression is ${formatType(output)}: ${REQUIREMENT}`,
      hint: `a watermark is usually the column minus a delay: \`${name} - INTERVAL '5' SECOND\``,
    });
  } else if (output.root !== type.root) {
    report({
      unit,
      range: w.expression.range,
      message: `the watermark expression is ${formatType(output)} but the column \`${name}\` is ${formatType(type)}: Flink needs the same type`,
      hint: `make both TIMESTAMP or both TIMESTAMP_LTZ (a CAST in the expression)`,
    });
  }
}

function columnType(column: ColumnDef, scope: ExpressionScope): SqlType {
  if (column.type) return toSqlType(column.type);
  if (column.expression) return typeOfExpression(column.expression, scope);
  return UNKNOWN;
}

/** The table's own columns, for its computed columns and watermark expression. */
function ownColumnsScope(columns: readonly ColumnDef[]): ExpressionScope {
  const seen = new Set<string>();
  const scope: ExpressionScope = {
    column(ref) {
      if (ref.name.parts.length !== 1) return undefined;
      const name = ref.name.parts[0]!.value;
      const c = columnNamed(columns, name);
      if (!c || seen.has(name)) return c ? UNKNOWN : undefined;
      seen.add(name);
      try {
        return columnType(c, scope);
      } finally {
        seen.delete(name);
      }
    },
  };
  return scope;
}

/** The column of that name, the last when declared twice (sql/duplicate-column reports that); no map per watermark. */
function columnNamed(columns: readonly ColumnDef[], name: string): ColumnDef | undefined {
  for (let i = columns.length - 1; i >= 0; i--) if (columns[i]!.name.value === name) return columns[i];
  return undefined;
}

function withoutTimeAttribute(t: SqlType): SqlType {
  const copy = { ...t };
  delete copy.timeAttribute;
  return copy;
}
