/**
 * The typed statement model every validation rule reads. Parser-neutral: no rule sees
 * tokens or a parser's own tree. Every node has its range in the parsed text.
 *
 * The interfaces below are the contract the rules and the renderer depend on; the
 * statement parser may add fields and statement kinds, but not rename these.
 */
import type { Identifier, Node, QualifiedName } from './common.js';
import type { Expression, Hint, Query } from './query.js';
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
  /** Inline constraint details: `[CONSTRAINT name] PRIMARY KEY|UNIQUE [NOT] ENFORCED`. */
  constraint?: TableConstraint;
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
  /** `CREATE TABLE t (a, b) ... AS SELECT`: names only, reordering the query's columns (then `columns` is empty). */
  columnNames?: Identifier[];
  distribution?: Distribution;
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
  /** `EXECUTE INSERT ...` */
  execute?: boolean;
  /** `UPSERT INTO` (Calcite's spelling; Flink treats it as INSERT). */
  upsert?: boolean;
  /** `/*+ OPTIONS(...) *\/` hints after the target table, as Q's parseTableHints returns them. */
  hints?: Hint[];
}

/** `EXECUTE STATEMENT SET BEGIN ... END;` or `BEGIN STATEMENT SET; ... END;` */
export interface StatementSet extends Node {
  kind: 'statementSet';
  form: 'execute' | 'begin';
  statements: Insert[];
  /** `BEGIN STATEMENT SET;` whose `END;` never came before the end of the script. */
  unclosed?: boolean;
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
  comment?: StringLiteral;
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
  ifNotExists: boolean;
}

export interface CreateCatalog extends Node {
  kind: 'createCatalog';
  name: Identifier;
  options: TableOption[];
  ifNotExists: boolean;
  comment?: StringLiteral;
}

/** DROP TABLE/VIEW/FUNCTION/CATALOG/DATABASE/MODEL/MATERIALIZED TABLE ... */
export interface Drop extends Node {
  kind: 'drop';
  objectType: string;
  name: QualifiedName;
  ifExists: boolean;
  temporary: boolean;
  /** DROP TEMPORARY SYSTEM FUNCTION */
  system?: boolean;
  /** DROP DATABASE ... RESTRICT|CASCADE */
  cascade?: 'RESTRICT' | 'CASCADE';
}

/** A query run on its own (`SELECT ...` at top level). */
export interface QueryStatement extends Node {
  kind: 'query';
  query: Query;
  /** Written `EXECUTE SELECT ...`: the same query, with Flink's optional EXECUTE prefix. */
  execute?: boolean;
}

export type Statement =
  | CreateTable
  | Insert
  | StatementSet
  | SetStatement
  | CreateView
  | CreateFunction
  | CreateCatalog
  | Drop
  | QueryStatement
  | OtherStatement;

// ---------------------------------------------------------------------------------------
// Additions beyond the frozen contract above: every other statement Flink's parser accepts.
// ---------------------------------------------------------------------------------------

/** `DISTRIBUTED BY [HASH|RANGE] (cols) [INTO n BUCKETS]` or `DISTRIBUTED INTO n BUCKETS` (Flink 2.0+). */
export interface Distribution extends Node {
  algorithm?: 'HASH' | 'RANGE';
  columns: Identifier[];
  buckets?: number;
}

/** `RESET;` or `RESET 'key';` */
export interface ResetStatement extends Node {
  kind: 'reset';
  key?: StringLiteral;
}

export interface CreateDatabase extends Node {
  kind: 'createDatabase';
  name: QualifiedName;
  ifNotExists: boolean;
  comment?: StringLiteral;
  options: TableOption[];
}

/** `CREATE [TEMPORARY] MODEL [IF NOT EXISTS] m [INPUT (...)] [OUTPUT (...)] [COMMENT '..'] WITH (...)` (Flink 2.0+). */
export interface CreateModel extends Node {
  kind: 'createModel';
  name: QualifiedName;
  orReplace: boolean;
  temporary: boolean;
  ifNotExists: boolean;
  input: ColumnDef[];
  output: ColumnDef[];
  comment?: StringLiteral;
  options: TableOption[];
  asQuery?: Query;
}

/** `CREATE [OR ALTER] MATERIALIZED TABLE t ... [FRESHNESS = INTERVAL ...] [REFRESH_MODE = ...] AS query` (Flink 1.20+). */
export interface CreateMaterializedTable extends Node {
  kind: 'createMaterializedTable';
  name: QualifiedName;
  orAlter: boolean;
  ifNotExists: boolean;
  /** `(a, b)`: names only, reordering the query's columns (then `columns` is empty). */
  columnNames?: Identifier[];
  columns: ColumnDef[];
  watermarks: Watermark[];
  constraints: TableConstraint[];
  comment?: StringLiteral;
  partitionedBy: Identifier[];
  distribution?: Distribution;
  options: TableOption[];
  freshness?: Expression;
  refreshMode?: 'FULL' | 'CONTINUOUS';
  query: Query;
}

/** One change of `ALTER TABLE t ...`. */
export type AlterTableAction =
  | { action: 'rename'; newName: QualifiedName }
  | { action: 'renameColumn'; column: QualifiedName; newName: QualifiedName }
  | { action: 'setOptions'; options: TableOption[] }
  | { action: 'resetOptions'; keys: StringLiteral[] }
  | {
      /** ADD or MODIFY of columns, constraints, a watermark or the distribution. */
      action: 'add' | 'modify';
      items: AlterSchemaItem[];
      /** `ADD (a INT, b STRING)` rather than `ADD a INT`. */
      parenthesised: boolean;
    }
  | { action: 'dropColumns'; columns: QualifiedName[]; parenthesised: boolean }
  | { action: 'dropPrimaryKey' }
  | { action: 'dropConstraint'; name: Identifier }
  | { action: 'dropWatermark' }
  | { action: 'dropDistribution' }
  | { action: 'compact' }
  | {
      action: 'dropPartitions' | 'addPartitions';
      partitions: { spec: PartitionSpec[]; options: TableOption[] }[];
      ifExists: boolean;
    };

export interface PartitionSpec {
  column: Identifier;
  value: Expression;
}

export type AlterSchemaItem =
  | { item: 'column'; column: ColumnDef; position?: { first: true } | { after: Identifier } }
  | { item: 'constraint'; constraint: TableConstraint }
  | { item: 'watermark'; watermark: Watermark }
  | { item: 'distribution'; distribution: Distribution };

export interface AlterTable extends Node {
  kind: 'alterTable';
  name: QualifiedName;
  ifExists: boolean;
  change: AlterTableAction;
}

export interface AlterMaterializedTable extends Node {
  kind: 'alterMaterializedTable';
  name: QualifiedName;
  change:
    | { action: 'suspend' | 'resume' }
    | { action: 'resumeWith'; options: TableOption[] }
    | { action: 'refresh'; partition?: PartitionSpec[] }
    | { action: 'setFreshness'; freshness: Expression }
    | { action: 'setRefreshMode'; refreshMode: 'FULL' | 'CONTINUOUS' }
    | { action: 'asQuery'; query: Query }
    | { action: 'setOptions'; options: TableOption[] }
    | { action: 'resetOptions'; keys: StringLiteral[] };
}

export interface AlterView extends Node {
  kind: 'alterView';
  name: QualifiedName;
  change: { action: 'rename'; newName: QualifiedName } | { action: 'asQuery'; query: Query };
}

export interface AlterFunction extends Node {
  kind: 'alterFunction';
  name: QualifiedName;
  temporary: boolean;
  system: boolean;
  ifExists: boolean;
  className: StringLiteral;
  language?: string;
}

export interface AlterDatabase extends Node {
  kind: 'alterDatabase';
  name: QualifiedName;
  options: TableOption[];
}

export interface AlterCatalog extends Node {
  kind: 'alterCatalog';
  name: Identifier;
  change:
    | { action: 'setOptions'; options: TableOption[] }
    | { action: 'resetOptions'; keys: StringLiteral[] }
    | { action: 'comment'; comment: StringLiteral };
}

export interface AlterModel extends Node {
  kind: 'alterModel';
  name: QualifiedName;
  ifExists: boolean;
  change:
    | { action: 'rename'; newName: QualifiedName }
    | { action: 'setOptions'; options: TableOption[] }
    | { action: 'resetOptions'; keys: StringLiteral[] };
}

/** `[NOT] LIKE|ILIKE 'pattern'` of SHOW statements. */
export interface ShowLike extends Node {
  not: boolean;
  caseInsensitive: boolean;
  pattern: StringLiteral;
}

/**
 * SHOW ... : `object` is the upper-case words after SHOW (`TABLES`, `CURRENT CATALOG`,
 * `CREATE TABLE`, `FULL MODULES`, `USER FUNCTIONS` …).
 */
export interface Show extends Node {
  kind: 'show';
  object: string;
  /** SHOW CREATE TABLE t, SHOW COLUMNS FROM t, SHOW PARTITIONS t … */
  name?: QualifiedName;
  /** `FROM|IN db` of SHOW TABLES/VIEWS/FUNCTIONS/…; for SHOW COLUMNS the table is `name`. */
  from?: { preposition: 'FROM' | 'IN'; name: QualifiedName };
  partition?: PartitionSpec[];
  like?: ShowLike;
}

/** DESCRIBE/DESC [EXTENDED] [CATALOG|DATABASE|FUNCTION|MODEL] name, DESCRIBE JOB 'id'. */
export interface Describe extends Node {
  kind: 'describe';
  extended: boolean;
  /** Undefined for a table or view. */
  objectType?: 'CATALOG' | 'DATABASE' | 'FUNCTION' | 'MODEL' | 'JOB';
  name?: QualifiedName;
  jobId?: StringLiteral;
}

export interface Use extends Node {
  kind: 'use';
  catalog: boolean;
  name: QualifiedName;
}

export interface UseModules extends Node {
  kind: 'useModules';
  modules: Identifier[];
}

export interface LoadModule extends Node {
  kind: 'loadModule';
  name: Identifier;
  options: TableOption[];
}

export interface UnloadModule extends Node {
  kind: 'unloadModule';
  name: Identifier;
}

/** ADD JAR 'path'. */
export interface AddJar extends Node {
  kind: 'addJar';
  path: StringLiteral;
}

/** REMOVE JAR 'path'. */
export interface RemoveJar extends Node {
  kind: 'removeJar';
  path: StringLiteral;
}

/** EXPLAIN [PLAN FOR | detail, ...] statement. */
export interface Explain extends Node {
  kind: 'explain';
  planFor: boolean;
  /** ESTIMATED_COST, CHANGELOG_MODE, JSON_EXECUTION_PLAN, PLAN_ADVICE (upper case). */
  details: string[];
  /** A CreateTable here is always a CTAS/RTAS (it has `asQuery`). */
  statement: QueryStatement | Insert | StatementSet | CreateTable;
  /** `EXPLAIN STATEMENT SET BEGIN ... END` (statement set written without EXECUTE). */
  bareStatementSet?: boolean;
}

/** COMPILE PLAN 'file' [IF NOT EXISTS] FOR insert-or-statement-set. */
export interface CompilePlan extends Node {
  kind: 'compilePlan';
  /** COMPILE AND EXECUTE PLAN */
  andExecute: boolean;
  file: StringLiteral;
  ifNotExists: boolean;
  statement: Insert | StatementSet;
}

/** EXECUTE PLAN 'file'. */
export interface ExecutePlan extends Node {
  kind: 'executePlan';
  file: StringLiteral;
}

/** ANALYZE TABLE t [PARTITION (...)] COMPUTE STATISTICS [FOR COLUMNS a, b | FOR ALL COLUMNS]. */
export interface Analyze extends Node {
  kind: 'analyze';
  name: QualifiedName;
  partition?: { column: Identifier; value?: Expression }[];
  columns?: Identifier[] | 'all';
}

/** CALL proc(args). */
export interface Call extends Node {
  kind: 'call';
  procedure: QualifiedName;
  arguments: Expression[];
}

export interface Truncate extends Node {
  kind: 'truncate';
  name: QualifiedName;
}

export interface Delete extends Node {
  kind: 'delete';
  target: QualifiedName;
  alias?: Identifier;
  where?: Expression;
}

export interface Update extends Node {
  kind: 'update';
  target: QualifiedName;
  alias?: Identifier;
  assignments: { column: Identifier; value: Expression }[];
  where?: Expression;
}

/** SHOW JOBS is a Show; STOP JOB 'id' [WITH SAVEPOINT] [WITH DRAIN]. */
export interface StopJob extends Node {
  kind: 'stopJob';
  jobId: StringLiteral;
  withSavepoint: boolean;
  withDrain: boolean;
}

/** A lone `END;` closing a `BEGIN STATEMENT SET;` opened in an earlier script (SQL client sessions). */
export interface EndStatementSet extends Node {
  kind: 'endStatementSet';
}

export type OtherStatement =
  | EndStatementSet
  | ResetStatement
  | CreateDatabase
  | CreateModel
  | CreateMaterializedTable
  | AlterTable
  | AlterMaterializedTable
  | AlterView
  | AlterFunction
  | AlterDatabase
  | AlterCatalog
  | AlterModel
  | Show
  | Describe
  | Use
  | UseModules
  | LoadModule
  | UnloadModule
  | AddJar
  | RemoveJar
  | Explain
  | CompilePlan
  | ExecutePlan
  | Analyze
  | Call
  | Truncate
  | Delete
  | Update
  | StopJob;
