/**
 * The typed statement model every validation rule reads. Parser-neutral: no rule sees
 * tokens or a parser's own tree. Every node has its range in the parsed text.
 *
 * The interfaces below are the contract the rules and the renderer depend on; the
 * statement parser may add fields and statement kinds, but not rename these.
 */
import type { Identifier, Node, QualifiedName } from './common.js';
import type { Expression, Query } from './query.js';
import type { DataType } from './types.js';

/** A string literal as written: `value` unescaped. */
export interface StringLiteral extends Node {
  value: string;
}

/** One `'key' = 'value'` of a WITH (...) list. */
export interface TableOption extends Node {
  key: StringLiteral;
  value: StringLiteral;
}

export interface ColumnDef extends Node {
  /** physical: `name TYPE`; computed: `name AS expr`; metadata: `name TYPE METADATA [FROM 'key'] [VIRTUAL]`. */
  columnKind: 'physical' | 'computed' | 'metadata';
  name: Identifier;
  type?: DataType;
  expression?: Expression;
  metadataKey?: StringLiteral;
  virtual?: boolean;
  comment?: StringLiteral;
  /** Inline `PRIMARY KEY NOT ENFORCED` on the column. */
  primaryKey?: boolean;
}

export interface Watermark extends Node {
  column: QualifiedName;
  expression: Expression;
}

export interface TableConstraint extends Node {
  constraintKind: 'primaryKey' | 'unique';
  name?: Identifier;
  columns: Identifier[];
  enforced: boolean;
}

export interface LikeClause extends Node {
  source: QualifiedName;
  /** e.g. `EXCLUDING ALL`, `INCLUDING WATERMARKS`, `OVERWRITING OPTIONS`, as written (upper case). */
  options: string[];
}

export interface CreateTable extends Node {
  kind: 'createTable';
  name: QualifiedName;
  orReplace: boolean;
  temporary: boolean;
  ifNotExists: boolean;
  columns: ColumnDef[];
  watermarks: Watermark[];
  constraints: TableConstraint[];
  comment?: StringLiteral;
  partitionedBy: Identifier[];
  options: TableOption[];
  like?: LikeClause;
  /** CTAS / RTAS: `CREATE [OR REPLACE] TABLE t WITH (...) AS SELECT ...`. */
  asQuery?: Query;
}

export interface Insert extends Node {
  kind: 'insert';
  overwrite: boolean;
  target: QualifiedName;
  /** `INSERT INTO t (a, b) ...` */
  targetColumns?: Identifier[];
  /** `PARTITION (k = v, ...)` static partition columns. */
  partition?: { column: Identifier; value: Expression }[];
  query: Query;
}

/** `EXECUTE STATEMENT SET BEGIN ... END;` or `BEGIN STATEMENT SET; ... END;` */
export interface StatementSet extends Node {
  kind: 'statementSet';
  form: 'execute' | 'begin';
  statements: Insert[];
}

/** `SET;` (list), `SET 'key' = 'value';`. Key and value unescaped. */
export interface SetStatement extends Node {
  kind: 'set';
  key?: StringLiteral;
  value?: StringLiteral;
}

export interface CreateView extends Node {
  kind: 'createView';
  name: QualifiedName;
  temporary: boolean;
  ifNotExists: boolean;
  columns?: Identifier[];
  query: Query;
}

export interface CreateFunction extends Node {
  kind: 'createFunction';
  name: QualifiedName;
  temporary: boolean;
  system: boolean;
  className: StringLiteral;
  language?: string;
  usingJars: StringLiteral[];
}

export interface CreateCatalog extends Node {
  kind: 'createCatalog';
  name: Identifier;
  options: TableOption[];
}

/** DROP TABLE/VIEW/FUNCTION/CATALOG/DATABASE/MODEL/MATERIALIZED TABLE ... */
export interface Drop extends Node {
  kind: 'drop';
  objectType: string;
  name: QualifiedName;
  ifExists: boolean;
  temporary: boolean;
}

/** A query run on its own (`SELECT ...` at top level). */
export interface QueryStatement extends Node {
  kind: 'query';
  query: Query;
}

export type Statement = CreateTable | Insert | StatementSet | SetStatement | CreateView | CreateFunction | CreateCatalog | Drop | QueryStatement;
