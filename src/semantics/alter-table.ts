/**
 * `ALTER TABLE` applied to the job's catalog, as Flink's AlterSchemaConverter changes a table:
 * columns added (at the end, FIRST or AFTER a column), modified, dropped or renamed; the
 * watermark, primary key and options set or dropped; the table renamed.
 */
import type { SqlUnit } from '../sql/build-units.js';
import type { AlterTable } from '../sql/model/statements.js';
import type { CatalogColumn, CatalogTable } from './analysis.js';
import type { JobCatalog } from './catalog.js';
import { applyWatermarks, columnOf, resolveComputed } from './table-schema.js';

export function applyAlterTable(catalog: JobCatalog, unit: SqlUnit, s: AlterTable): void {
  const entry = catalog.entry(s.name.parts.map((p) => p.value));
  if (!entry) return;
  const before = entry.table;
  const options = new Map(before.options);
  const table: CatalogTable = {
    ...before,
    columns: before.columns.map((c) => ({ ...c, type: withoutRowtime(c) })),
    watermarkColumns: [...before.watermarkColumns],
    options,
  };
  const change = s.change;
  switch (change.action) {
    case 'rename': {
      const path = catalog.resolve(change.newName.parts.map((p) => p.value));
      if (!path) return;
      catalog.drop(before.path, before.temporary);
      table.path = path;
      break;
    }
    case 'renameColumn': {
      const from = change.column.parts.map((p) => p.value).join('.');
      const to = change.newName.parts.map((p) => p.value).join('.');
      const c = table.columns.find((x) => x.name === from);
      if (c) c.name = to;
      table.watermarkColumns = table.watermarkColumns.map((w) => (w === from ? to : w));
      if (table.primaryKey) table.primaryKey = table.primaryKey.map((k) => (k === from ? to : k));
      break;
    }
    case 'setOptions':
      for (const o of change.options) options.set(o.key.value, o.value.value);
      break;
    case 'resetOptions':
      for (const k of change.keys) options.delete(k.value);
      break;
    case 'add':
    case 'modify':
      for (const item of change.items) {
        if (item.item === 'column') {
          const column = columnOf(item.column, unit);
          const existing = table.columns.findIndex((c) => c.name === column.name);
          if (existing >= 0) table.columns.splice(existing, 1);
          placeColumn(table.columns, column, item.position, change.action === 'modify' ? existing : -1);
        } else if (item.item === 'constraint' && item.constraint.constraintKind === 'primaryKey') {
          table.primaryKey = item.constraint.columns.map((c) => c.value);
        } else if (item.item === 'watermark') {
          table.watermarkColumns = [item.watermark.column.parts.map((p) => p.value).join('.')];
        }
      }
      resolveComputed(table.columns);
      break;
    case 'dropColumns': {
      const names = new Set(change.columns.map((c) => c.parts.map((p) => p.value).join('.')));
      table.columns = table.columns.filter((c) => !names.has(c.name));
      break;
    }
    case 'dropPrimaryKey':
      table.primaryKey = undefined;
      break;
    case 'dropConstraint':
      table.primaryKey = undefined;
      break;
    case 'dropWatermark':
      table.watermarkColumns = [];
      break;
    default:
      return;
  }
  applyWatermarks(table);
  catalog.put({ table, open: entry.open });
}

function withoutRowtime(c: CatalogColumn): CatalogColumn['type'] {
  if (c.type.timeAttribute !== 'rowtime') return c.type;
  const t = { ...c.type };
  delete t.timeAttribute;
  return t;
}

function placeColumn(
  columns: CatalogColumn[],
  column: CatalogColumn,
  position: { first: true } | { after: { value: string } } | undefined,
  previousIndex: number,
): void {
  if (position && 'first' in position) columns.unshift(column);
  else if (position && 'after' in position) {
    const i = columns.findIndex((c) => c.name === position.after.value);
    columns.splice(i < 0 ? columns.length : i + 1, 0, column);
  } else if (previousIndex >= 0) columns.splice(previousIndex, 0, column);
  else columns.push(column);
}
