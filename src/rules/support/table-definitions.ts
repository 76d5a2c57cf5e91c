/**
 * What the script itself says about a table's columns: enough to know how many columns an
 * INSERT without a column list must provide.
 */
import type { ColumnDef, CreateTable } from '../../sql/model/statements.js';
import { nameParts, shortParts } from './job-statements.js';
import { outputColumnCount } from './query-analysis.js';

export const tableKey = (table: Pick<CreateTable, 'name'>): string => shortParts(nameParts(table.name)).join('\u0000');

/**
 * Columns an INSERT writes when it lists none: physical and non-VIRTUAL metadata columns.
 * Computed and VIRTUAL metadata columns cannot be written.
 */
export const isWritable = (c: ColumnDef): boolean =>
  c.columnKind === 'physical' || (c.columnKind === 'metadata' && !c.virtual);

/**
 * Names of the writable columns, in order; undefined when the script does not say (a LIKE
 * of a table it did not create, a CTAS whose query width is unknown).
 */
export function writableColumns(
  table: CreateTable,
  earlier: ReadonlyMap<string, CreateTable>,
  depth = 0,
): string[] | undefined {
  const own = table.columns.filter(isWritable).map((c) => c.name.value);
  if (table.asQuery) {
    if (table.columns.length > 0) return undefined;
    const n = outputColumnCount(table.asQuery);
    return n === undefined ? undefined : Array.from({ length: n }, (_, i) => `#${i + 1}`);
  }
  if (!table.like) return own;
  const source = earlier.get(shortParts(nameParts(table.like.source)).join('\u0000'));
  if (!source || depth > 20) return undefined;
  const inherited = writableColumns(source, earlier, depth + 1);
  if (!inherited) return undefined;
  // LIKE always copies physical columns; metadata columns unless excluded (default INCLUDING ALL).
  const opts = table.like.options.map((o) => o.replace(/\s+/g, ' ').toUpperCase());
  const excludesMetadata =
    opts.includes('EXCLUDING METADATA') || (opts.includes('EXCLUDING ALL') && !opts.includes('INCLUDING METADATA'));
  const sourcePhysical = new Set(source.columns.filter((c) => c.columnKind === 'physical').map((c) => c.name.value));
  const kept = excludesMetadata
    ? inherited.filter((n) => sourcePhysical.has(n) || !source.columns.some((c) => c.name.value === n))
    : inherited;
  return [...kept, ...own];
}
