/**
 * The schema a CREATE TABLE declares, as Flink's DefaultSchemaResolver resolves it: physical
 * and metadata columns take their declared type, computed columns the type of their
 * expression (`PROCTIME()` a processing-time attribute), a WATERMARK turns its column into
 * the event-time attribute; `LIKE` merges the source table's schema first
 * (SqlCreateTableConverter / MergeTableLikeUtil: INCLUDING / EXCLUDING / OVERWRITING per feature).
 */
import type { ColumnDef, CreateTable, LikeClause, TableConstraint } from '../sql/model/statements.js';
import type { CatalogColumn, CatalogTable } from './analysis.js';
import { typeOfExpression } from './expression-type.js';
import { NameScope } from './scope.js';
import { UNKNOWN, toSqlType, type SqlType } from './sql-type.js';
import type { SqlUnit } from '../sql/build-units.js';

export const PROCTIME_TYPE: SqlType = {
  root: 'TIMESTAMP_LTZ',
  nullable: false,
  precision: 3,
  timeAttribute: 'proctime',
};

/** A column as the DDL declares it; computed types are filled in by `resolveComputed`. */
export function columnOf(def: ColumnDef, unit: SqlUnit): CatalogColumn {
  const column: CatalogColumn = {
    name: def.name.value,
    type: def.type ? toSqlType(def.type) : UNKNOWN,
    kind: def.columnKind,
    virtual: def.columnKind === 'metadata' && def.virtual === true,
    definition: { unit, column: def },
  };
  if (def.columnKind === 'metadata') column.metadataKey = def.metadataKey?.value ?? def.name.value;
  return column;
}

/** Computed columns' types from the other columns; PROCTIME() is the processing-time attribute. */
export function resolveComputed(columns: CatalogColumn[]): void {
  const scope = new NameScope([{ qualifiers: [], columns, open: false }]);
  for (const c of columns) {
    const e = c.definition?.column.expression;
    if (c.kind !== 'computed' || !e) continue;
    let inner = e;
    while (inner.kind === 'parenthesized') inner = inner.expression;
    if (
      inner.kind === 'call' &&
      inner.name.parts.length === 1 &&
      inner.name.parts[0]!.value.toUpperCase() === 'PROCTIME' &&
      inner.args.length === 0
    ) {
      c.type = { ...PROCTIME_TYPE };
      continue;
    }
    const t = typeOfExpression(e, scope);
    c.type = stripAttribute(t);
  }
}

function stripAttribute(t: SqlType): SqlType {
  if (!t.timeAttribute) return t;
  const copy = { ...t };
  delete copy.timeAttribute;
  return copy;
}

/** Marks the watermark columns as event-time attributes (a top-level column only; nested rowtimes stay untyped). */
export function applyWatermarks(table: CatalogTable): void {
  for (const name of table.watermarkColumns) {
    const c = table.columns.find((x) => x.name === name);
    if (c && c.type.root !== 'UNKNOWN') c.type = { ...c.type, timeAttribute: 'rowtime' };
  }
}

export function primaryKeyOf(
  columns: readonly ColumnDef[],
  constraints: readonly TableConstraint[],
): string[] | undefined {
  const table = constraints.find((c) => c.constraintKind === 'primaryKey');
  if (table) return table.columns.map((c) => c.value);
  const inline = columns.filter((c) => c.primaryKey || c.constraint?.constraintKind === 'primaryKey');
  return inline.length > 0 ? inline.map((c) => c.name.value) : undefined;
}

type Feature =
  'ALL' | 'CONSTRAINTS' | 'DISTRIBUTION' | 'GENERATED' | 'METADATA' | 'OPTIONS' | 'PARTITIONS' | 'WATERMARKS';
type Strategy = 'INCLUDING' | 'EXCLUDING' | 'OVERWRITING';

/** The strategy per feature of a LIKE clause; Flink's default is INCLUDING ALL with OVERWRITING OPTIONS. */
export function likeStrategies(like: LikeClause): Map<Feature, Strategy> {
  const out = new Map<Feature, Strategy>([
    ['CONSTRAINTS', 'INCLUDING'],
    ['DISTRIBUTION', 'INCLUDING'],
    ['GENERATED', 'INCLUDING'],
    ['METADATA', 'INCLUDING'],
    ['OPTIONS', 'OVERWRITING'],
    ['PARTITIONS', 'INCLUDING'],
    ['WATERMARKS', 'INCLUDING'],
  ]);
  for (const raw of like.options) {
    const [strategy, feature] = raw.trim().toUpperCase().split(/\s+/) as [Strategy, Feature];
    if (feature === 'ALL') {
      for (const k of [...out.keys()]) out.set(k, strategy === 'OVERWRITING' ? 'OVERWRITING' : strategy);
    } else out.set(feature, strategy);
  }
  return out;
}

/** The part of a LIKE source's schema a new table inherits. */
export function inheritedFromLike(
  source: CatalogTable,
  like: LikeClause,
): {
  columns: CatalogColumn[];
  watermarkColumns: string[];
  primaryKey?: string[] | undefined;
  options: Map<string, string>;
} {
  const s = likeStrategies(like);
  const columns = source.columns
    .filter(
      (c) =>
        c.kind === 'physical' ||
        (c.kind === 'computed' && s.get('GENERATED') !== 'EXCLUDING') ||
        (c.kind === 'metadata' && s.get('METADATA') !== 'EXCLUDING'),
    )
    .map((c) => ({ ...c, type: stripAttributeUnlessProctime(c.type) }));
  return {
    columns,
    watermarkColumns: s.get('WATERMARKS') === 'EXCLUDING' ? [] : [...source.watermarkColumns],
    primaryKey: s.get('CONSTRAINTS') === 'EXCLUDING' ? undefined : source.primaryKey,
    options: s.get('OPTIONS') === 'EXCLUDING' ? new Map() : new Map(source.options),
  };
}

/** Rowtime comes back from the watermarks the new table keeps; proctime stays with its computed column. */
function stripAttributeUnlessProctime(t: SqlType): SqlType {
  return t.timeAttribute === 'rowtime' ? stripAttribute(t) : t;
}

/** Watermark column names, nested ones (`a.b`) as written with dots: those stay untyped here. */
export function watermarkColumnsOf(create: Pick<CreateTable, 'watermarks'>): string[] {
  return create.watermarks.map((w) => w.column.parts.map((p) => p.value).join('.'));
}
