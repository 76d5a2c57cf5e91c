/**
 * Name resolution in one query block, as Calcite's validator does it for Flink: a column is
 * looked up in the FROM items of its own block first, then in the enclosing blocks (correlated
 * subqueries). Identifiers compare case-sensitively (Flink keeps unquoted casing and matches
 * exactly). A qualifier is an alias, or a suffix of a table's path when it has no alias.
 */
import type { ColumnRef } from '../sql/model/query.js';
import type { ExpressionScope } from './expression-type.js';
import type { RelationColumn } from './analysis.js';
import { UNKNOWN, type SqlType } from './sql-type.js';

/** A FROM item as a block sees it. */
export interface Source {
  /** Names that qualify its columns: `[alias]`, or `[name]`, `[db, name]`, `[catalog, db, name]`. */
  qualifiers: string[][];
  columns: RelationColumn[];
  /** It may have columns that are not listed (an opaque table, an unknown table function). */
  open: boolean;
}

export type Resolution =
  /** A column this scope knows (its type may still be UNKNOWN). */
  | { kind: 'column'; type: SqlType; column: RelationColumn }
  /** Possibly a column of something the analysis cannot see into: nothing to say. */
  | { kind: 'unknown' }
  /** No such column: `part` is the index of the name part that does not exist. */
  | { kind: 'missing'; part: number; name: string; qualifier?: string; candidates: string[] }
  | { kind: 'ambiguous'; part: number; name: string; qualifiers: string[] }
  | { kind: 'unknownQualifier'; part: number; qualifier: string; candidates: string[] };

export interface ScopeOptions {
  /** Names a USING or NATURAL join merged: unqualified, they are one column, not ambiguous. */
  merged?: ReadonlySet<string>;
  /** Select-list aliases, consulted before the FROM items (ORDER BY) or after them (GROUP BY, HAVING). */
  aliases?: RelationColumn[];
  aliasesFirst?: boolean;
}

/** A reference's name parts as strings. */
function partsOf(ref: ColumnRef): string[] {
  const parts: string[] = [];
  for (const p of ref.name.parts) parts.push(p.value);
  return parts;
}

export class NameScope implements ExpressionScope {
  constructor(
    readonly sources: readonly Source[],
    readonly parent?: NameScope,
    readonly options: ScopeOptions = {},
  ) {}

  column(ref: ColumnRef): SqlType | undefined {
    const r = this.resolve(partsOf(ref));
    if (r.kind === 'column') return r.type;
    if (r.kind === 'unknown' || r.kind === 'ambiguous') return UNKNOWN;
    return undefined;
  }

  /** Whether a column of this scope or an enclosing one might exist unlisted. */
  get open(): boolean {
    return this.sources.some((s) => s.open) || (this.parent?.open ?? false);
  }

  resolve(parts: readonly string[]): Resolution {
    const own = this.resolveHere(parts);
    if (own.kind === 'column' || own.kind === 'unknown' || own.kind === 'ambiguous') return own;
    if (this.parent) {
      const outer = this.parent.resolve(parts);
      if (outer.kind === 'column' || outer.kind === 'unknown' || outer.kind === 'ambiguous') return outer;
      if (own.kind === 'unknownQualifier' && outer.kind === 'missing') return outer;
    }
    return own;
  }

  // Runs for every column reference, once per rule that types it: it allocates only what it returns.
  private resolveHere(parts: readonly string[]): Resolution {
    const aliases = this.options.aliases;
    if (aliases && this.options.aliasesFirst && parts.length === 1) {
      const a = columnNamed(aliases, parts[0]!);
      if (a) return { kind: 'column', type: a.type, column: a };
    }
    const sources = this.sources;
    // Qualified: the longest qualifier the name starts with.
    for (let k = Math.min(parts.length - 1, 3); k >= 1; k--) {
      const source = qualifiedSource(sources, parts, k);
      if (!source) continue;
      const name = parts[k]!;
      const column = columnNamed(source.columns, name);
      if (column) return columnWithFields(column, parts, k + 1);
      if (source.open) return { kind: 'unknown' };
      return {
        kind: 'missing',
        part: k,
        name,
        qualifier: parts.slice(0, k).join('.'),
        candidates: source.columns.map((c) => c.name),
      };
    }
    const name = parts[0]!;
    let first: RelationColumn | undefined;
    let count = 0;
    for (const source of sources)
      for (const column of source.columns)
        if (column.name === name) {
          first ??= column;
          count++;
        }
    if (count === 1 || (count > 1 && this.options.merged?.has(name))) return columnWithFields(first!, parts, 1);
    if (count > 1) {
      const qualifiers: string[] = [];
      for (const source of sources)
        for (const column of source.columns)
          if (column.name === name) qualifiers.push(source.qualifiers[0]?.join('.') ?? '?');
      return { kind: 'ambiguous', part: 0, name, qualifiers };
    }
    if (aliases && !this.options.aliasesFirst && parts.length === 1) {
      const a = columnNamed(aliases, name);
      if (a) return { kind: 'column', type: a.type, column: a };
    }
    for (const s of sources) if (s.open) return { kind: 'unknown' };
    if (parts.length > 1)
      return {
        kind: 'unknownQualifier',
        part: 0,
        qualifier: name,
        candidates: sources.flatMap((s) => (s.qualifiers[0] ? [s.qualifiers[0].join('.')] : [])),
      };
    return {
      kind: 'missing',
      part: 0,
      name,
      candidates: [...sources.flatMap((s) => s.columns.map((c) => c.name)), ...(aliases ?? []).map((a) => a.name)],
    };
  }
}

/** The first column of that name (loops, not `find`: no closure per lookup). */
function columnNamed(columns: readonly RelationColumn[], name: string): RelationColumn | undefined {
  for (const c of columns) if (c.name === name) return c;
  return undefined;
}

/** The first source one of whose qualifiers is the first `k` parts of the name. */
function qualifiedSource(sources: readonly Source[], parts: readonly string[], k: number): Source | undefined {
  for (const s of sources) for (const q of s.qualifiers) if (isQualifier(q, parts, k)) return s;
  return undefined;
}

/** Whether the qualifier `q` is the first `k` parts of a name. */
function isQualifier(q: readonly string[], parts: readonly string[], k: number): boolean {
  if (q.length !== k) return false;
  for (let i = 0; i < k; i++) if (q[i] !== parts[i]) return false;
  return true;
}

/** A column, then ROW fields by name (`parts` from `from` on); a field the type does not list is UNKNOWN, never an error here. */
function columnWithFields(column: RelationColumn, parts: readonly string[], from: number): Resolution {
  let type: SqlType = column.type;
  for (let i = from; i < parts.length; i++) {
    const f = parts[i];
    const field = type.root === 'ROW' ? type.fields?.find((x) => x.name === f) : undefined;
    if (!field) return { kind: 'column', type: UNKNOWN, column };
    type = field.type;
  }
  return { kind: 'column', type, column };
}
