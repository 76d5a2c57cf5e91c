/**
 * The typed model of Flink SQL queries and expressions (Calcite's query grammar plus
 * Flink's extensions). Every node carries its range in the parsed text.
 *
 * Parentheses the user wrote are kept as nodes (`parenthesized`), so the printer can
 * reproduce the exact grouping and a round trip parse -> print -> parse yields the same tree.
 */
import type { Identifier, Node, QualifiedName } from './common.js';
import type { DataType } from './types.js';

// ---------------------------------------------------------------------------------------
// Queries

export type Query =
  SelectQuery | ValuesQuery | SetOperationQuery | WithQuery | OrderedQuery | ParenthesizedQuery | ExplicitTableQuery;

export interface SelectQuery extends Node {
  kind: 'select';
  hints: Hint[];
  quantifier?: 'DISTINCT' | 'ALL';
  items: SelectItem[];
  from?: TableRef;
  where?: Expression;
  groupBy?: GroupBy;
  having?: Expression;
  windows: NamedWindow[];
  qualify?: Expression;
}

export interface SelectItem extends Node {
  expression: Expression;
  alias?: Identifier;
}

export interface ValuesQuery extends Node {
  kind: 'values';
  rows: ValuesRow[];
}

/** One row of VALUES: `(1, 'a')`, `ROW(1, 'a')` or a single expression `1`. */
export interface ValuesRow extends Node {
  values: Expression[];
}

export interface SetOperationQuery extends Node {
  kind: 'setOperation';
  operator: 'UNION' | 'INTERSECT' | 'EXCEPT';
  quantifier?: 'ALL' | 'DISTINCT';
  left: Query;
  right: Query;
}

export interface WithQuery extends Node {
  kind: 'with';
  recursive: boolean;
  ctes: CommonTableExpression[];
  body: Query;
}

export interface CommonTableExpression extends Node {
  name: Identifier;
  columns?: Identifier[];
  query: Query;
}

/** A query with ORDER BY and/or LIMIT / OFFSET / FETCH. */
export interface OrderedQuery extends Node {
  kind: 'ordered';
  query: Query;
  orderBy: OrderItem[];
  /** Row counts are whole numbers or `?` parameters. */
  limit?: Expression | 'ALL';
  offset?: Expression;
  fetch?: Expression;
}

export interface ParenthesizedQuery extends Node {
  kind: 'parenthesized';
  query: Query;
}

/** `TABLE t` as a whole query. */
export interface ExplicitTableQuery extends Node {
  kind: 'explicitTable';
  name: QualifiedName;
}

export interface OrderItem extends Node {
  expression: Expression;
  direction?: 'ASC' | 'DESC';
  nulls?: 'FIRST' | 'LAST';
}

export interface GroupBy extends Node {
  quantifier?: 'ALL' | 'DISTINCT';
  items: GroupItem[];
}

/** A grouping expression, or GROUPING SETS / ROLLUP / CUBE; `()` is a row with no values. */
export type GroupItem = Expression | GroupingConstruct;

export interface GroupingConstruct extends Node {
  kind: 'groupingSets' | 'rollup' | 'cube';
  items: GroupItem[];
}

export interface NamedWindow extends Node {
  name: Identifier;
  spec: WindowSpec;
}

// ---------------------------------------------------------------------------------------
// Hints: `/*+ OPTIONS('k'='v'), LOOKUP('table'='d') */`

export interface Hint extends Node {
  name: Identifier;
  /** Present when the hint was written with parentheses (possibly empty). */
  options?: HintOption[];
}

/** `'k' = 'v'` (key set) or a bare `value` (list form). */
export interface HintOption extends Node {
  key?: HintValue;
  value: HintValue;
}

export interface HintValue extends Node {
  form: 'identifier' | 'string' | 'number';
  /** Unescaped text. */
  text: string;
}

// ---------------------------------------------------------------------------------------
// FROM

export type TableRef =
  TableName | DerivedTable | TableFunctionRef | UnnestRef | JoinRef | ParenthesizedTableRef | MatchRecognizeRef;

export interface TableAlias extends Node {
  name: Identifier;
  columns?: Identifier[];
}

export interface TableName extends Node {
  kind: 'tableName';
  name: QualifiedName;
  hints: Hint[];
  /** `FOR SYSTEM_TIME AS OF expr` (temporal / lookup joins). */
  systemTime?: Expression;
  alias?: TableAlias;
}

/** `(SELECT ...) AS t`, `LATERAL (SELECT ...)`, `(VALUES ...) AS t(a, b)`. */
export interface DerivedTable extends Node {
  kind: 'derived';
  lateral: boolean;
  query: Query;
  alias?: TableAlias;
}

/** `TABLE(fn(...))`, `LATERAL TABLE(fn(...))`, window TVFs `TABLE(TUMBLE(TABLE t, ...))`. */
export interface TableFunctionRef extends Node {
  kind: 'tableFunction';
  lateral: boolean;
  /** Written `FROM fn(...)` without the `TABLE(...)` wrapper (Flink accepts both). */
  bare?: boolean;
  call: Expression;
  alias?: TableAlias;
}

export interface UnnestRef extends Node {
  kind: 'unnest';
  lateral: boolean;
  args: Expression[];
  withOrdinality: boolean;
  alias?: TableAlias;
}

export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' | 'COMMA' | 'LEFT SEMI' | 'LEFT ANTI';

export interface JoinRef extends Node {
  kind: 'join';
  joinType: JoinType;
  /** `LEFT OUTER JOIN` vs `LEFT JOIN`, `INNER JOIN` vs `JOIN` are the same join; kept for printing only. */
  natural: boolean;
  left: TableRef;
  right: TableRef;
  on?: Expression;
  using?: Identifier[];
}

export interface ParenthesizedTableRef extends Node {
  kind: 'parenthesizedTable';
  table: TableRef;
  alias?: TableAlias;
}

export interface MatchRecognizeRef extends Node {
  kind: 'matchRecognize';
  input: TableRef;
  partitionBy: Expression[];
  orderBy: OrderItem[];
  measures: SelectItem[];
  rowsPerMatch?: 'ONE ROW PER MATCH' | 'ALL ROWS PER MATCH';
  /** `SKIP TO NEXT ROW`, `SKIP PAST LAST ROW`, `SKIP TO FIRST A`, `SKIP TO LAST A`, `SKIP TO A`. */
  afterMatch?: {
    mode: 'TO NEXT ROW' | 'PAST LAST ROW' | 'TO FIRST' | 'TO LAST' | 'TO';
    variable?: Identifier;
    range: Node['range'];
  };
  strictStart: boolean;
  strictEnd: boolean;
  pattern: Pattern;
  within?: Expression;
  subsets: { name: Identifier; variables: Identifier[]; range: Node['range'] }[];
  define: { variable: Identifier; condition: Expression; range: Node['range'] }[];
  alias?: TableAlias;
}

export type Pattern =
  | PatternAlternation
  | PatternConcatenation
  | PatternQuantified
  | PatternVariable
  | PatternGroup
  | PatternPermute
  | PatternExclusion;

export interface PatternAlternation extends Node {
  kind: 'alternation';
  alternatives: Pattern[];
}
export interface PatternConcatenation extends Node {
  kind: 'concatenation';
  items: Pattern[];
}
export interface PatternQuantified extends Node {
  kind: 'quantified';
  term: Pattern;
  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{,m}`, `{n,m}`. */
  min: number;
  max?: number;
  /** How it was written: `*`, `+`, `?` or `{}` (braces). */
  form: '*' | '+' | '?' | '{}';
  reluctant: boolean;
}
export interface PatternVariable extends Node {
  kind: 'variable';
  name: Identifier;
}
export interface PatternGroup extends Node {
  kind: 'group';
  pattern?: Pattern;
}
export interface PatternPermute extends Node {
  kind: 'permute';
  items: Pattern[];
}
export interface PatternExclusion extends Node {
  kind: 'exclusion';
  pattern: Pattern;
}

// ---------------------------------------------------------------------------------------
// Expressions

export type Expression =
  | Literal
  | TypedLiteral
  | IntervalLiteral
  | ColumnRef
  | Star
  | Parameter
  | UnaryExpression
  | BinaryExpression
  | IsExpression
  | DistinctFromExpression
  | LikeExpression
  | BetweenExpression
  | InExpression
  | QuantifiedComparison
  | ExistsExpression
  | SubqueryExpression
  | ParenthesizedExpression
  | RowExpression
  | CollectionExpression
  | CaseExpression
  | CastExpression
  | FunctionCall
  | SpecialCall
  | IndexExpression
  | FieldExpression
  | NamedArgument
  | TableArgument
  | ModelReference
  | DefaultExpression;

export interface Literal extends Node {
  kind: 'literal';
  literalKind: 'number' | 'string' | 'binary' | 'boolean' | 'null' | 'unknown';
  /** Numbers as written; strings unescaped, adjacent literals concatenated; TRUE/FALSE/NULL/UNKNOWN upper case. */
  value: string;
  /** String prefix: N, U&, _charset (binary literals use literalKind 'binary'). */
  prefix?: string;
}

/** `DATE '2024-01-01'`, `TIME '10:00:00'`, `TIMESTAMP '...'`, `TIMESTAMP WITH LOCAL TIME ZONE '...'`. */
export interface TypedLiteral extends Node {
  kind: 'typedLiteral';
  type: string;
  value: string;
}

export interface IntervalQualifier extends Node {
  /** Unit as written, upper case (`DAY`, `MINUTES` …). */
  start: string;
  startPrecision?: number;
  /** Second precision of `SECOND(p, f)`. */
  fractionalPrecision?: number;
  end?: string;
  endPrecision?: number;
}

/** `INTERVAL '10' MINUTE`, `INTERVAL -'1' DAY`, `INTERVAL '1 10:00' DAY TO MINUTE`. */
export interface IntervalLiteral extends Node {
  kind: 'interval';
  sign?: '-' | '+';
  /** The string literal, or for `INTERVAL 5 DAY` (non-standard but accepted by Calcite) the expression. */
  value: Expression;
  qualifier: IntervalQualifier;
}

/** A column or a path `t.col.field` — without a catalog the parser cannot tell them apart. */
export interface ColumnRef extends Node {
  kind: 'column';
  name: QualifiedName;
}

/** `*` or `t.*`. */
export interface Star extends Node {
  kind: 'star';
  qualifier?: QualifiedName;
}

/** `?` dynamic parameter. */
export interface Parameter extends Node {
  kind: 'parameter';
}

export interface UnaryExpression extends Node {
  kind: 'unary';
  /** FINAL and RUNNING prefix MATCH_RECOGNIZE measures. */
  operator: '-' | '+' | 'NOT' | 'FINAL' | 'RUNNING';
  operand: Expression;
}

export type BinaryOperator =
  'OR' | 'AND' | '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=' | '||' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpression extends Node {
  kind: 'binary';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
}

/** `x IS [NOT] NULL|TRUE|FALSE|UNKNOWN|EMPTY|A SET|JSON [VALUE|OBJECT|ARRAY|SCALAR]`. */
export interface IsExpression extends Node {
  kind: 'is';
  not: boolean;
  operand: Expression;
  test:
    | 'NULL'
    | 'TRUE'
    | 'FALSE'
    | 'UNKNOWN'
    | 'EMPTY'
    | 'A SET'
    | 'JSON'
    | 'JSON VALUE'
    | 'JSON OBJECT'
    | 'JSON ARRAY'
    | 'JSON SCALAR';
}

export interface DistinctFromExpression extends Node {
  kind: 'distinctFrom';
  not: boolean;
  left: Expression;
  right: Expression;
}

export interface LikeExpression extends Node {
  kind: 'like';
  operator: 'LIKE' | 'ILIKE' | 'SIMILAR TO' | 'RLIKE';
  not: boolean;
  operand: Expression;
  pattern: Expression;
  escape?: Expression;
}

export interface BetweenExpression extends Node {
  kind: 'between';
  not: boolean;
  symmetry?: 'SYMMETRIC' | 'ASYMMETRIC';
  operand: Expression;
  low: Expression;
  high: Expression;
}

export interface InExpression extends Node {
  kind: 'in';
  not: boolean;
  operand: Expression;
  list?: Expression[];
  query?: Query;
}

/** `x = ANY (SELECT ...)`, `x > ALL (...)`, `x < SOME (...)`. */
export interface QuantifiedComparison extends Node {
  kind: 'quantified';
  operator: '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=';
  quantifier: 'ANY' | 'SOME' | 'ALL';
  operand: Expression;
  query?: Query;
  list?: Expression[];
}

export interface ExistsExpression extends Node {
  kind: 'exists';
  query: Query;
}

/** A scalar subquery `(SELECT ...)`. */
export interface SubqueryExpression extends Node {
  kind: 'subquery';
  query: Query;
}

export interface ParenthesizedExpression extends Node {
  kind: 'parenthesized';
  expression: Expression;
}

/** `ROW(a, b)` (explicit) or `(a, b)`. */
export interface RowExpression extends Node {
  kind: 'row';
  explicit: boolean;
  items: Expression[];
}

/** `ARRAY[...]`, `ARRAY(SELECT ...)`, `MAP[k, v, ...]`, `MAP(SELECT ...)`, `MULTISET[...]`. */
export interface CollectionExpression extends Node {
  kind: 'collection';
  collection: 'ARRAY' | 'MAP' | 'MULTISET';
  items?: Expression[];
  query?: Query;
}

export interface CaseExpression extends Node {
  kind: 'case';
  operand?: Expression;
  whens: { when: Expression; then: Expression; range: Node['range'] }[];
  else?: Expression;
}

export interface CastExpression extends Node {
  kind: 'cast';
  function: 'CAST' | 'TRY_CAST';
  operand: Expression;
  type: DataType;
}

export interface WindowFrameBound extends Node {
  bound: 'UNBOUNDED PRECEDING' | 'UNBOUNDED FOLLOWING' | 'CURRENT ROW' | 'PRECEDING' | 'FOLLOWING';
  offset?: Expression;
}

export interface WindowSpec extends Node {
  /** `OVER (w ORDER BY ...)`: the window it refines. */
  base?: Identifier;
  partitionBy: Expression[];
  orderBy: OrderItem[];
  frame?: { unit: 'ROWS' | 'RANGE'; start: WindowFrameBound; end?: WindowFrameBound; range: Node['range'] };
  /** `ALLOW PARTIAL` (true) / `DISALLOW PARTIAL` (false). */
  partial?: boolean;
}

export interface FunctionCall extends Node {
  kind: 'call';
  name: QualifiedName;
  /** False for niladic functions written without parentheses: CURRENT_TIMESTAMP, LOCALTIME … */
  parens: boolean;
  quantifier?: 'DISTINCT' | 'ALL';
  args: Expression[];
  /** `ARRAY_AGG(x ORDER BY y)`, `JSON_ARRAYAGG(x ORDER BY y)`. */
  orderBy?: OrderItem[];
  nullTreatment?: 'IGNORE NULLS' | 'RESPECT NULLS';
  withinGroup?: OrderItem[];
  filter?: Expression;
  over?: WindowSpec | Identifier;
}

/** A keyword inside a special-syntax call: `FROM`, `BOTH`, `RETURNING`, `NULL ON EMPTY`, `,` … */
export interface CallKeyword extends Node {
  kind: 'keyword';
  text: string;
}

export interface CallType extends Node {
  kind: 'dataType';
  type: DataType;
}

export type SpecialCallPart = Expression | CallKeyword | CallType;

/**
 * Functions with their own syntax inside the parentheses: EXTRACT(DAY FROM x),
 * POSITION(a IN b), SUBSTRING(x FROM 1 FOR 2), TRIM(BOTH 'x' FROM y), OVERLAY(...),
 * FLOOR(x TO DAY), TIMESTAMPADD(DAY, 1, x), the JSON functions. The parts are kept in order.
 */
export interface SpecialCall extends Node {
  kind: 'specialCall';
  name: string;
  parts: SpecialCallPart[];
  /** JSON_OBJECTAGG / JSON_ARRAYAGG aggregate clauses. */
  filter?: Expression;
  over?: WindowSpec | Identifier;
}

/** `arr[1]`, `map['k']`. */
export interface IndexExpression extends Node {
  kind: 'index';
  base: Expression;
  index: Expression;
}

/** `(expr).field`, `arr[1].field`. */
export interface FieldExpression extends Node {
  kind: 'field';
  base: Expression;
  field: Identifier;
}

/** `name => value` in a call. */
export interface NamedArgument extends Node {
  kind: 'namedArgument';
  name: Identifier;
  value: Expression;
}

/** `TABLE t [PARTITION BY ...] [ORDER BY ...]` or `TABLE(subquery)` as a function argument (window TVFs, PTFs). */
export interface TableArgument extends Node {
  kind: 'tableArgument';
  name?: QualifiedName;
  query?: Query;
  partitionBy: Expression[];
  orderBy: OrderItem[];
}

/** `MODEL m` as a call argument (`ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(f))`). */
export interface ModelReference extends Node {
  kind: 'model';
  name: QualifiedName;
}

/** `DEFAULT` as a call argument. */
export interface DefaultExpression extends Node {
  kind: 'default';
}
