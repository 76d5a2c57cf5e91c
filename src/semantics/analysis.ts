/**
 * The contract between the job's semantic analysis and the rules that read it. `analyzeJob`
 * builds the job's catalog (what its scripts create, in run order) and a scope for every query
 * block; rules ask it questions instead of walking SQL themselves. Anything the analysis cannot
 * know is UNKNOWN or `open`, and rules say nothing about it.
 */
import type { SqlUnit } from '../sql/build-units.js';
import type { QualifiedName } from '../sql/model/common.js';
import type { Query, SelectQuery } from '../sql/model/query.js';
import type { ColumnDef, CreateTable, CreateView, Insert } from '../sql/model/statements.js';
import type { ExpressionScope } from './expression-type.js';
import type { SqlType } from './sql-type.js';
import { runAnalysis, type AnalysisOptions } from './job-analysis.js';
import type { ColumnReference } from './relation.js';
import type { NameScope } from './scope.js';

export type { AnalysisOptions, ColumnReference };

export interface CatalogColumn {
  name: string;
  /** Declared type; for computed columns the expression's type (UNKNOWN when it cannot be known). */
  type: SqlType;
  kind: 'physical' | 'computed' | 'metadata';
  /** VIRTUAL metadata: read, never written. */
  virtual: boolean;
  /** Metadata key (`FROM 'key'`, else the column name). */
  metadataKey?: string;
  /** Where it was declared, when declared in a script of the job. */
  definition?: { unit: SqlUnit; column: ColumnDef };
}

export interface CatalogTable {
  kind: 'table' | 'view';
  /** Fully qualified as resolved against the current catalog and database: [catalog, database, name]. */
  path: string[];
  columns: CatalogColumn[];
  /** Column names of the primary key, when declared. */
  primaryKey?: string[] | undefined;
  /** Columns with a WATERMARK (their type carries `timeAttribute: 'rowtime'`). */
  watermarkColumns: string[];
  /** WITH options, keys as written (lower case by convention), values unescaped. */
  options: ReadonlyMap<string, string>;
  temporary: boolean;
  /** The statement that made it, when it is in the job's scripts. */
  definition?: { unit: SqlUnit; statement: CreateTable | CreateView };
  /** Its columns may be more than listed (a LIKE of an opaque table, a view over one): `lookup` calls it opaque. */
  open?: boolean;
  /** Views and CTAS: the query. */
  query?: Query | undefined;
}

/** A name the analysis looked up: a table it knows, one it knows exists but not its columns, or none. */
export type TableLookup =
  | { kind: 'known'; table: CatalogTable }
  /** A catalog table without a declared schema, a table of a `LOAD MODULE`d world…: every rule stays quiet. */
  | { kind: 'opaque' }
  | { kind: 'missing' };

export interface RelationColumn {
  name: string;
  type: SqlType;
  /** The alias or table name that qualifies it in this scope. */
  qualifier?: string;
}

/** The columns a FROM item or a query produces. */
export interface Relation {
  columns: RelationColumn[];
  /** More columns may exist than listed (an opaque table, `SELECT *` over one): no "unknown column" then. */
  open: boolean;
}

/** One SELECT block with what its expressions can see. */
export interface QueryBlock {
  unit: SqlUnit;
  select: SelectQuery;
  /** Resolves the columns of its FROM (and of enclosing blocks, for correlated subqueries). */
  scope: ExpressionScope & Pick<NameScope, 'resolve'>;
  /** What its FROM produces (the input of WHERE, GROUP BY, SELECT). */
  input: Relation;
  /** What it outputs. */
  output: Relation;
}

/** An INSERT (or CTAS) and the sink it writes. */
export interface SinkWrite {
  unit: SqlUnit;
  statement: Insert | CreateTable;
  /** The query whose rows are written. */
  query: Query;
  /** The sink table; absent when it is opaque or unknown. */
  sink?: CatalogTable | undefined;
  /**
   * The sink columns the query's columns fill, in order: persisted columns only (computed and
   * VIRTUAL metadata columns are never written), narrowed to the INSERT's column list when given.
   */
  targetColumns?: CatalogColumn[] | undefined;
  /** The query's output; `open` when unknown. */
  output: Relation;
}

export interface JobAnalysis {
  lookup(name: QualifiedName): TableLookup;
  blocks: readonly QueryBlock[];
  writes: readonly SinkWrite[];
  /** The output of any query of the job (a subquery, a view's body, an INSERT's query). */
  relationOf(query: Query): Relation | undefined;
  /** Functions the scripts declare (CREATE FUNCTION), lower-cased simple names. */
  declaredFunctions: ReadonlySet<string>;
  /** True after `LOAD MODULE` (any function name may then exist): function rules stay quiet. */
  modulesLoaded: boolean;
  /** Every column reference of the job's queries and DDL expressions, and what it resolved to. */
  references: readonly ColumnReference[];
  /** Every table and view a statement of the job defines, in run order (a redefinition is a new entry). */
  definitions: readonly CatalogTable[];
}

const analyses = new WeakMap<readonly SqlUnit[], { options: AnalysisOptions; analysis: JobAnalysis }[]>();

const sameOptions = (a: AnalysisOptions, b: AnalysisOptions): boolean =>
  a.declaredSchemas === b.declaredSchemas &&
  (a.externalTables ?? []).length === (b.externalTables ?? []).length &&
  (a.externalTables ?? []).every((t, i) => t === b.externalTables?.[i]);

/**
 * The analysis of a job's units, computed once per list of units and options (rules share it).
 * Rules pass what the job declares (`tables.external`, declared schemas) through `options`;
 * without them catalog tables are unknown names, about which every rule stays quiet too.
 */
export function analysisOf(units: readonly SqlUnit[], options: AnalysisOptions = {}): JobAnalysis {
  let list = analyses.get(units);
  if (!list) analyses.set(units, (list = []));
  const hit = list.find((x) => sameOptions(x.options, options));
  if (hit) return hit.analysis;
  const analysis = analyzeJob(units, options);
  list.push({ options, analysis });
  return analysis;
}

export function analyzeJob(units: readonly SqlUnit[], options: AnalysisOptions = {}): JobAnalysis {
  return runAnalysis(units, options);
}
