/**
 * The job's statements in run order, applied to its catalog: each CREATE/ALTER/DROP/USE changes
 * what later statements see, and each query is analyzed against the catalog as it stands at
 * that point of the job.
 */
import type { SqlUnit } from '../sql/build-units.js';
import type { BrokenStatement } from '../sql/parser/script.js';
import type { QualifiedName } from '../sql/model/common.js';
import type { Query } from '../sql/model/query.js';
import type { CreateMaterializedTable, CreateTable, CreateView, Insert, Statement } from '../sql/model/statements.js';
import type { CatalogColumn, CatalogTable, JobAnalysis, Relation, SinkWrite, TableLookup } from './analysis.js';
import { JobCatalog } from './catalog.js';
import { NO_CTES, QueryAnalyzer, materialized, renamed, type Records } from './relation.js';
import { NameScope } from './scope.js';
import { UNKNOWN } from './sql-type.js';
import {
  applyWatermarks,
  columnOf,
  inheritedFromLike,
  primaryKeyOf,
  resolveComputed,
  watermarkColumnsOf,
} from './table-schema.js';
import { applyAlterTable } from './alter-table.js';

export interface AnalysisOptions {
  /** The manifest's `tables.external`: names of catalog tables (opaque unless declared). */
  externalTables?: readonly string[];
  /** Declared schemas of catalog tables: DDL the check reads but the runner never runs. */
  declaredSchemas?: readonly SqlUnit[];
}

export function runAnalysis(units: readonly SqlUnit[], options: AnalysisOptions): JobAnalysis {
  const catalog = new JobCatalog(options.externalTables);
  const records: Records = { blocks: [], references: [], relations: new Map(), lookups: new Map() };
  const writes: SinkWrite[] = [];
  const definitions: CatalogTable[] = [];
  const declaredFunctions = new Set<string>();
  let modulesLoaded = false;

  const job = new JobWalker(catalog, records, writes, definitions);
  for (const unit of options.declaredSchemas ?? []) job.declare(unit);
  for (const unit of units) {
    // Statements and broken statements in file order: what a broken one meant to change matters from there on.
    const broken = [...unit.parsed.broken].sort((a, b) => a.range.start - b.range.start);
    let next = 0;
    const brokenBefore = (offset: number) => {
      for (; next < broken.length && broken[next]!.range.start < offset; next++) job.broken(unit, broken[next]!);
    };
    for (const statement of unit.parsed.statements) {
      brokenBefore(statement.range.start);
      if (statement.kind === 'createFunction')
        declaredFunctions.add(statement.name.parts[statement.name.parts.length - 1]!.value.toLowerCase());
      if (statement.kind === 'loadModule') modulesLoaded = true;
      job.statement(unit, statement);
    }
    brokenBefore(Infinity);
  }

  return {
    lookup: (name: QualifiedName): TableLookup => records.lookups.get(name) ?? catalog.lookup(name).lookup,
    blocks: records.blocks,
    writes,
    relationOf: (q: Query): Relation | undefined => records.relations.get(q),
    declaredFunctions,
    modulesLoaded,
    references: records.references,
    definitions,
  };
}

const LEADING_COMMENTS = /^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/;
const ALTER_TARGET =
  /^\s*ALTER\s+(TABLE|VIEW)\s+(?:IF\s+EXISTS\s+)?((?:`[^`]*`|[\w$]+)(?:\s*\.\s*(?:`[^`]*`|[\w$]+))*)/i;

class JobWalker {
  constructor(
    private readonly catalog: JobCatalog,
    private readonly records: Records,
    private readonly writes: SinkWrite[],
    private readonly definitions: CatalogTable[],
  ) {}

  private analyzer(unit: SqlUnit): QueryAnalyzer {
    return new QueryAnalyzer(this.catalog, unit, this.records);
  }

  /** A declared schema's CREATE TABLEs: known tables, neither defined by the job nor reported on. */
  declare(unit: SqlUnit): void {
    for (const s of unit.parsed.statements) {
      if (s.kind === 'use')
        this.catalog.use(
          s.name.parts.map((p) => p.value),
          s.catalog,
        );
      if (s.kind === 'createTable' && !s.asQuery) {
        const table = this.createTable(unit, s);
        if (table) this.catalog.put({ table, open: false });
      }
    }
    this.catalog.use(['default_catalog'], true);
  }

  opaque(unit: SqlUnit, name: QualifiedName): void {
    const path = this.catalog.resolve(name.parts.map((p) => p.value));
    if (!path) return;
    this.catalog.put({
      table: { kind: 'table', path, columns: [], watermarkColumns: [], options: new Map(), temporary: false },
      open: true,
    });
    void unit;
  }

  /**
   * A statement with a syntax error: what a broken CREATE meant to create is opaque, and a broken
   * ALTER may have added or renamed columns, so that table's columns are no longer certain.
   */
  broken(unit: SqlUnit, b: BrokenStatement): void {
    if (b.creates) return this.opaque(unit, b.creates);
    const text = unit.text.slice(b.range.start, b.range.end).replace(LEADING_COMMENTS, '');
    const altered = ALTER_TARGET.exec(text);
    if (altered) this.uncertain(altered[2]!.split('.').map((p) => p.trim().replace(/^`(.*)`$/, '$1')));
  }

  private uncertain(parts: string[]): void {
    const entry = this.catalog.entry(parts);
    if (entry) this.catalog.put({ ...entry, open: true });
  }

  statement(unit: SqlUnit, s: Statement): void {
    switch (s.kind) {
      case 'use':
        this.catalog.use(
          s.name.parts.map((p) => p.value),
          s.catalog,
        );
        return;
      case 'createTable':
        this.define(unit, s);
        return;
      case 'createView':
        this.view(unit, s);
        return;
      case 'createMaterializedTable':
        this.materializedTable(unit, s);
        return;
      case 'insert':
        this.insert(unit, s);
        return;
      case 'statementSet':
        for (const i of s.statements) this.insert(unit, i);
        return;
      case 'query':
        this.analyzer(unit).query(s.query);
        return;
      case 'explain':
      case 'compilePlan': {
        // Planned, not run: its queries are analyzed, but a CTAS under EXPLAIN creates nothing.
        const inner = s.statement;
        if (inner.kind === 'query') this.analyzer(unit).query(inner.query);
        else if (inner.kind === 'insert') this.insert(unit, inner);
        else if (inner.kind === 'statementSet') for (const i of inner.statements) this.insert(unit, i);
        else if (inner.kind === 'createTable' && inner.asQuery) this.analyzer(unit).query(inner.asQuery);
        return;
      }
      case 'drop':
        if (s.objectType.toUpperCase().includes('TABLE') || s.objectType.toUpperCase().includes('VIEW'))
          this.catalog.drop(
            s.name.parts.map((p) => p.value),
            s.temporary,
          );
        return;
      case 'alterTable':
        applyAlterTable(this.catalog, unit, s);
        return;
      case 'alterView': {
        const entry = this.catalog.entry(s.name.parts.map((p) => p.value));
        if (!entry) return;
        if (s.change.action === 'rename') {
          this.catalog.drop(entry.table.path, entry.table.temporary);
          const path = this.catalog.resolve(s.change.newName.parts.map((p) => p.value));
          if (path) this.catalog.put({ ...entry, table: { ...entry.table, path } });
        } else {
          const r = this.analyzer(unit).query(s.change.query);
          const table: CatalogTable = { ...entry.table, columns: viewColumns(r), query: s.change.query };
          this.catalog.put({ table, open: r.open });
        }
        return;
      }
      default:
        return;
    }
  }

  private define(unit: SqlUnit, s: CreateTable): void {
    const path = this.catalog.resolve(s.name.parts.map((p) => p.value));
    // An existing table stays: IF NOT EXISTS keeps it, and without it Flink's CatalogManager refuses the
    // second CREATE (sql/duplicate-table reports that), so later statements still see the first.
    if (path && !s.orReplace && this.catalog.has(path, s.temporary)) {
      if (s.asQuery) this.analyzer(unit).query(s.asQuery);
      return;
    }
    if (s.asQuery) {
      const r = this.analyzer(unit).query(s.asQuery);
      const table = this.ctas(unit, s, r);
      if (!table) return;
      this.definitions.push(table);
      this.catalog.put({ table, open: r.open });
      this.writes.push({
        unit,
        statement: s,
        query: s.asQuery,
        sink: r.open ? undefined : table,
        targetColumns: r.open ? undefined : table.columns.filter(isPersisted),
        output: r,
      });
      return;
    }
    if (!path) return;
    const table = this.createTable(unit, s);
    if (!table) return;
    this.definitions.push(table);
    // A LIKE of a table the check cannot see makes a table whose inherited columns are unknown.
    const likeOpaque =
      s.like !== undefined && this.catalog.entry(s.like.source.parts.map((p) => p.value)) === undefined;
    const likeOpen =
      s.like !== undefined && (likeOpaque || this.catalog.entry(s.like.source.parts.map((p) => p.value))!.open);
    this.catalog.put({ table, open: likeOpen });
  }

  /** A CREATE TABLE (not CTAS) as a catalog table, its expressions' column references recorded. */
  private createTable(unit: SqlUnit, s: CreateTable): CatalogTable | undefined {
    const path = this.catalog.resolve(s.name.parts.map((p) => p.value));
    if (!path) return undefined;
    const likeSource = s.like ? this.catalog.entry(s.like.source.parts.map((p) => p.value)) : undefined;
    if (s.like) this.records.lookups.set(s.like.source, this.catalog.lookup(s.like.source).lookup);
    const inherited = likeSource && s.like ? inheritedFromLike(likeSource.table, s.like) : undefined;
    const own = s.columns.map((c) => columnOf(c, unit));
    // A redefined column replaces the inherited one (OVERWRITING; otherwise sql/duplicate-column reports it).
    const ownNames = inherited ? new Set(own.map((c) => c.name)) : undefined;
    const columns = inherited ? [...inherited.columns.filter((c) => !ownNames!.has(c.name)), ...own] : own;
    resolveComputed(columns);
    const watermarkColumns = [
      ...(s.watermarks.length > 0 ? [] : (inherited?.watermarkColumns ?? [])),
      ...watermarkColumnsOf(s),
    ];
    const options = new Map(inherited?.options ?? []);
    for (const o of s.options) options.set(o.key.value, o.value.value);
    const table: CatalogTable = {
      kind: 'table',
      path,
      columns,
      primaryKey: primaryKeyOf(s.columns, s.constraints) ?? inherited?.primaryKey,
      watermarkColumns,
      options,
      temporary: s.temporary,
      definition: { unit, statement: s },
    };
    applyWatermarks(table);
    primaryKeyNotNull(table);
    // LIKE of a table the check cannot see: its columns are unknown, so are names resolved against them.
    const open = s.like !== undefined && (likeSource === undefined || likeSource.open);
    this.recordDdlReferences(unit, s, table, open);
    return table;
  }

  /** Column references inside computed columns and watermarks resolve against the table's own columns. */
  private recordDdlReferences(unit: SqlUnit, s: CreateTable, table: CatalogTable, open: boolean): void {
    const scope = new NameScope([{ qualifiers: [], columns: table.columns, open }]);
    const analyzer = this.analyzer(unit);
    for (const c of s.columns) if (c.expression) analyzer.expression(c.expression, scope, NO_CTES);
    for (const w of s.watermarks) analyzer.expression(w.expression, scope, NO_CTES);
  }

  /** CTAS: the query's columns, declared columns overriding (same name) or added (new name) as Flink merges them. */
  private ctas(unit: SqlUnit, s: CreateTable, r: Relation): CatalogTable | undefined {
    const path = this.catalog.resolve(s.name.parts.map((p) => p.value));
    if (!path) return undefined;
    // A sink stores timestamps: the query's time attributes are materialized in the new table.
    let columns: CatalogColumn[] = r.columns.map((c) => ({
      name: c.name,
      type: materialized(c.type),
      kind: 'physical',
      virtual: false,
    }));
    if (s.columnNames) {
      const byName = new Map(columns.map((c) => [c.name, c]));
      const named = s.columnNames.map((n) => byName.get(n.value));
      if (named.every((c) => c !== undefined))
        columns = [
          ...named,
          ...columns.filter((c) => !s.columnNames!.some((n) => n.value === c.name)),
        ] as CatalogColumn[];
    }
    // Declared columns the query also yields take the declared definition; new ones come first.
    const added: CatalogColumn[] = [];
    for (const def of s.columns) {
      const declared = columnOf(def, unit);
      const i = columns.findIndex((c) => c.name === declared.name);
      if (i >= 0) columns[i] = declared;
      else added.push(declared);
    }
    columns = [...added, ...columns];
    resolveComputed(columns);
    const table: CatalogTable = {
      kind: 'table',
      path,
      columns,
      primaryKey: primaryKeyOf(s.columns, s.constraints),
      watermarkColumns: watermarkColumnsOf(s),
      options: new Map(s.options.map((o) => [o.key.value, o.value.value])),
      temporary: s.temporary,
      definition: { unit, statement: s },
      query: s.asQuery,
    };
    applyWatermarks(table);
    return table;
  }

  private view(unit: SqlUnit, s: CreateView): void {
    const path = this.catalog.resolve(s.name.parts.map((p) => p.value));
    if (path && this.catalog.has(path, s.temporary)) {
      this.analyzer(unit).query(s.query);
      return;
    }
    const r = renamed(this.analyzer(unit).query(s.query), s.columns);
    if (!path) return;
    const table: CatalogTable = {
      kind: 'view',
      path,
      columns: viewColumns(r),
      watermarkColumns: [],
      options: new Map(),
      temporary: s.temporary,
      definition: { unit, statement: s },
      query: s.query,
    };
    this.definitions.push(table);
    this.catalog.put({ table, open: r.open });
  }

  private materializedTable(unit: SqlUnit, s: CreateMaterializedTable): void {
    const r = this.analyzer(unit).query(s.query);
    const path = this.catalog.resolve(s.name.parts.map((p) => p.value));
    if (!path) return;
    const table: CatalogTable = {
      kind: 'table',
      path,
      columns: viewColumns(r).map((c) => ({ ...c, kind: 'physical' as const })),
      watermarkColumns: [],
      options: new Map(s.options.map((o) => [o.key.value, o.value.value])),
      temporary: false,
    };
    this.catalog.put({ table, open: r.open });
  }

  private insert(unit: SqlUnit, s: Insert): void {
    const output = this.analyzer(unit).query(s.query);
    const found = this.catalog.lookup(s.target);
    this.records.lookups.set(s.target, found.lookup);
    const sink = found.lookup.kind === 'known' ? found.lookup.table : undefined;
    const write: SinkWrite = { unit, statement: s, query: s.query, output };
    if (sink) {
      write.sink = sink;
      write.targetColumns = targetColumnsOf(sink, s);
    }
    this.writes.push(write);
  }
}

/** Flink declares primary key columns NOT NULL (SqlCreateTableConverter / MergeTableLikeUtil). */
function primaryKeyNotNull(table: CatalogTable): void {
  if (!table.primaryKey) return;
  for (const name of table.primaryKey) {
    const c = table.columns.find((x) => x.name === name);
    if (c && c.type.root !== 'UNKNOWN') c.type = { ...c.type, nullable: false };
  }
}

const isPersisted = (c: CatalogColumn): boolean => c.kind === 'physical' || (c.kind === 'metadata' && !c.virtual);

/** The sink columns an INSERT's query fills: its column list, else every persisted column not given a static partition value. */
function targetColumnsOf(sink: CatalogTable, s: Insert): CatalogColumn[] | undefined {
  if (s.targetColumns) {
    const listed = s.targetColumns.map((n) => sink.columns.find((c) => c.name === n.value));
    return listed.every((c) => c !== undefined && isPersisted(c)) ? (listed as CatalogColumn[]) : undefined;
  }
  const fixed = new Set((s.partition ?? []).map((p) => p.column.value));
  return sink.columns.filter((c) => isPersisted(c) && !fixed.has(c.name));
}

/** A view's columns: what its query outputs, time attributes included (Flink keeps them through views). */
function viewColumns(r: Relation): CatalogColumn[] {
  return r.columns.map((c) => ({ name: c.name, type: c.type ?? UNKNOWN, kind: 'physical', virtual: false }));
}
