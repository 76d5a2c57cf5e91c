/**
 * The job's catalog as its scripts build it, statement by statement: the current catalog and
 * database (`USE`, `USE CATALOG`), the tables and views created so far (temporary ones shadow
 * permanent ones of the same path, as in Flink's CatalogManager), and which names live in a
 * catalog the check cannot see.
 */
import type { QualifiedName } from '../sql/model/common.js';
import type { CatalogTable, TableLookup } from './analysis.js';

export const DEFAULT_CATALOG = 'default_catalog';
export const DEFAULT_DATABASE = 'default_database';

const pathKey = (path: readonly string[]): string => path.join('\u0000');

/** A table the catalog holds: `open` when its columns may be more than listed (a view over an opaque table). */
export interface Entry {
  table: CatalogTable;
  open: boolean;
}

export class JobCatalog {
  catalog = DEFAULT_CATALOG;
  /** Undefined after `USE CATALOG x` of a catalog whose default database the check cannot know. */
  database: string | undefined = DEFAULT_DATABASE;
  private readonly permanent = new Map<string, Entry>();
  private readonly temporary = new Map<string, Entry>();
  /** `db.*`-style patterns and exact names from the manifest (`tables.external`): opaque. */
  private readonly external: string[][];

  constructor(externalTables: readonly string[] = []) {
    this.external = externalTables.map((t) => t.split('.').map((p) => p.replace(/^`(.*)`$/, '$1')));
  }

  /** `[catalog, database, name]` for a name as written, against the current catalog and database. */
  resolve(parts: readonly string[]): string[] | undefined {
    if (parts.length >= 3) return parts.slice(-3);
    if (parts.length === 2) return [this.catalog, parts[0]!, parts[1]!];
    if (this.database === undefined) return undefined;
    return [this.catalog, this.database, parts[0]!];
  }

  use(parts: readonly string[], catalog: boolean): void {
    if (catalog) {
      this.catalog = parts[parts.length - 1]!;
      // Flink's in-memory default catalog opens `default_database`; other catalogs have their own default.
      this.database = this.catalog === DEFAULT_CATALOG ? DEFAULT_DATABASE : undefined;
    } else if (parts.length >= 2) {
      this.catalog = parts[parts.length - 2]!;
      this.database = parts[parts.length - 1]!;
    } else {
      this.database = parts[0]!;
    }
  }

  put(entry: Entry): void {
    if (entry.open) entry.table.open = true;
    else delete entry.table.open;
    (entry.table.temporary ? this.temporary : this.permanent).set(pathKey(entry.table.path), entry);
  }

  /** Whether a table or view of that path exists among the temporary or the permanent ones. */
  has(path: readonly string[], temporary: boolean): boolean {
    return (temporary ? this.temporary : this.permanent).has(pathKey(path));
  }

  /** Removes what `DROP [TEMPORARY] TABLE|VIEW` names; returns whether something was there. */
  drop(name: readonly string[], temporary: boolean): boolean {
    const path = this.resolve(name);
    if (!path) return false;
    return (temporary ? this.temporary : this.permanent).delete(pathKey(path));
  }

  entry(parts: readonly string[]): Entry | undefined {
    const path = this.resolve(parts);
    if (!path) return undefined;
    const key = pathKey(path);
    return this.temporary.get(key) ?? this.permanent.get(key);
  }

  /** What a name denotes at this point of the job. */
  lookup(name: QualifiedName | readonly string[]): { lookup: TableLookup; entry?: Entry } {
    const parts = Array.isArray(name) ? (name as string[]) : (name as QualifiedName).parts.map((p) => p.value);
    const entry = this.entry(parts);
    if (entry) return { lookup: entry.open ? { kind: 'opaque' } : { kind: 'known', table: entry.table }, entry };
    const path = this.resolve(parts);
    // A name in any catalog but Flink's in-memory default one lives where the check cannot see.
    if (!path || path[0] !== DEFAULT_CATALOG) return { lookup: { kind: 'opaque' } };
    if (this.external.some((e) => matchesExternal(e, path))) return { lookup: { kind: 'opaque' } };
    return { lookup: { kind: 'missing' } };
  }
}

/** `orders`, `db.orders`, `cat.db.orders`, `db.*`, `cat.db.*` against a resolved path. */
function matchesExternal(pattern: readonly string[], path: readonly string[]): boolean {
  const n = pattern.length;
  if (n === 0 || n > 3) return false;
  const tail = path.slice(3 - n);
  return pattern.every((p, i) => p === tail[i] || (p === '*' && i === n - 1));
}
