import type { Identifier } from '../sql/model/common.js';
import type { CatalogColumn, CatalogTable } from '../semantics/analysis.js';
import { didYouMean } from '../text/did-you-mean.js';
import { jobAnalysis } from './support/semantic-analysis.js';
import type { Finding, Rule, SqlUnit } from './types.js';

/**
 * A column named where a table's definition or an INSERT lists columns, which the table does
 * not have — or has, but of a kind that place refuses. Each check follows the place in Flink
 * that refuses it: PRIMARY KEY (DefaultSchemaResolver#validatePrimaryKey: must exist and be
 * physical), WATERMARK FOR (DefaultSchemaResolver#resolveWatermarkSpecs), PARTITIONED BY
 * (SqlCreateTableConverter#verifyPartitioningColumnsExist), DISTRIBUTED BY (CatalogManager:
 * a bucket key must be a physical column), the INSERT column list (Calcite: "Unknown target
 * column", which computed and VIRTUAL metadata columns are too, PartialInsertTest), and the
 * column list of a CTAS, which reorders the query's columns by name (MergeTableAsUtil#reorderColumns).
 */
export const undeclaredColumn: Rule = {
  id: 'sql/undeclared-column',
  severity: 'error',
  description:
    'PRIMARY KEY, WATERMARK FOR, PARTITIONED BY, DISTRIBUTED BY or an INSERT column list names a column the table does not have',
  check(ctx, report) {
    const analysis = jobAnalysis(ctx);
    for (const table of analysis.definitions) {
      const def = table.definition;
      if (!def || def.statement.kind !== 'createTable' || table.open) continue;
      const s = def.statement;
      const check = (id: Identifier, place: string, physicalOnly: boolean) =>
        checkColumn(def.unit, table, id.value, id.range, place, physicalOnly, report);
      for (const c of s.constraints)
        if (c.constraintKind === 'primaryKey') for (const id of c.columns) check(id, 'PRIMARY KEY', true);
      for (const w of s.watermarks) {
        const first = w.column.parts[0];
        if (first) check(first, 'WATERMARK FOR', false);
      }
      for (const id of s.partitionedBy) check(id, 'PARTITIONED BY', false);
      for (const id of s.distribution?.columns ?? []) check(id, 'DISTRIBUTED BY', true);
      const source = s.asQuery ? analysis.relationOf(s.asQuery) : undefined;
      if (source && !source.open)
        for (const id of s.columnNames ?? []) {
          if (source.columns.some((c) => c.name === id.value)) continue;
          const names = source.columns.map((c) => c.name);
          const close = didYouMean(id.value, names);
          report({
            unit: def.unit,
            range: id.range,
            message: `column \`${id.value}\` is not a column of the query${close ? `; did you mean \`${close}\`?` : ''}`,
            hint: `CREATE TABLE … (columns) AS SELECT reorders the query's columns by name: ${names.join(', ')}`,
          });
        }
    }
    for (const write of analysis.writes) {
      const s = write.statement;
      if (s.kind !== 'insert' || !s.targetColumns || !write.sink || write.sink.open) continue;
      const sink = write.sink;
      for (const id of s.targetColumns) {
        const column = sink.columns.find((c) => c.name === id.value);
        if (column && isPersisted(column)) continue;
        const writable = sink.columns.filter(isPersisted).map((c) => c.name);
        const close = column ? undefined : didYouMean(id.value, writable);
        const table = sink.path[sink.path.length - 1]!;
        report({
          unit: write.unit,
          range: id.range,
          message: column
            ? `column \`${id.value}\` of \`${table}\` cannot be written: it is a ${kindText(column)} column`
            : `unknown target column \`${id.value}\`: \`${table}\` has no such column${close ? `; did you mean \`${close}\`?` : ''}`,
          hint: `an INSERT column list names physical and non-VIRTUAL metadata columns: ${writable.join(', ')}`,
        });
      }
    }
  },
};

const isPersisted = (c: CatalogColumn): boolean => c.kind === 'physical' || (c.kind === 'metadata' && !c.virtual);

const kindText = (c: CatalogColumn): string =>
  c.kind === 'computed' ? 'computed' : c.kind === 'metadata' ? 'VIRTUAL metadata' : c.kind;

function checkColumn(
  unit: SqlUnit,
  table: CatalogTable,
  name: string,
  range: Finding['range'],
  place: string,
  physicalOnly: boolean,
  report: (f: Finding) => void,
): void {
  const column = table.columns.find((c) => c.name === name);
  const shown = table.path[table.path.length - 1]!;
  if (!column) {
    const close = didYouMean(
      name,
      table.columns.map((c) => c.name),
    );
    report({
      unit,
      range,
      message: `${place} names column \`${name}\`, which \`${shown}\` does not have${close ? `; did you mean \`${close}\`?` : ''}`,
      hint: close
        ? `Flink compares column names case-sensitively: write \`${close}\``
        : `columns of \`${shown}\`: ${table.columns.map((c) => c.name).join(', ')}`,
    });
    return;
  }
  if (physicalOnly && column.kind !== 'physical')
    report({
      unit,
      range,
      message: `${place} names \`${name}\`, a ${column.kind} column; Flink accepts only physical columns there`,
      hint: `declare \`${name}\` as a physical column, or leave it out of the ${place}`,
    });
}
