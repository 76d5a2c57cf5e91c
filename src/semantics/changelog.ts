/**
 * Changelog-mode inference: does a query produce only inserts, or also updates and deletes?
 * It follows the planner's `FlinkChangelogModeInferenceProgram` (its ModifyKindSet visitor) over
 * the statement model instead of a physical plan:
 * - sources: their connector and format (`connectors/changelog.ts`); views, CTEs and subqueries
 *   recursively; VALUES inserts only.
 * - regular GROUP BY aggregation, SELECT DISTINCT, a global aggregate (StreamPhysicalGroupAggregate)
 *   update (and delete when their input updates); window TVF aggregations and legacy group windows
 *   (StreamPhysicalWindowAggregate, GroupWindowAggregate) insert only whatever they read.
 * - regular joins: inner joins pass on what their inputs produce, outer and anti joins may produce
 *   every change (StreamPhysicalJoin); interval and window joins insert only; temporal and lookup
 *   joins pass on their left side; LATERAL TABLE and UNNEST pass on theirs.
 * - ROW_NUMBER filtered to a rank: Top-N updates (StreamPhysicalRank); the deduplication that keeps
 *   the first row on processing time inserts only (the Deduplicate case of the 1.x program: only
 *   proctime first-row dedup does not update); keeping the last row, or on rowtime, updates; a
 *   window Top-N / dedup (PARTITION BY window_start, window_end) inserts only.
 * - OVER aggregates and MATCH_RECOGNIZE insert only; UNION ALL unites; UNION/INTERSECT/EXCEPT
 *   aggregate; ORDER BY … LIMIT is a SortLimit (every change), LIMIT alone passes on its input.
 * Whatever it cannot tell (an opaque table, a column type it does not know, a construct not
 * modelled here) is `unknown`, and the rules say nothing.
 */
import type { SqlUnit } from '../sql/build-units.js';
import type { QualifiedName } from '../sql/model/common.js';
import type {
  ColumnRef,
  Expression,
  FunctionCall,
  GroupItem,
  JoinRef,
  OrderItem,
  Query,
  SelectQuery,
  TableRef,
} from '../sql/model/query.js';
import type { SourceChangelog } from '../connectors/changelog.js';
import { childQuery, pushChildExpressions } from '../sql/analysis/walk.js';
import type { Range } from '../text/source.js';
import type { TimeAttribute } from './sql-type.js';

/** The operator that makes a query's result change rows it already emitted. */
export interface ChangeProducer {
  /** As a user would name it: `GROUP BY aggregation`, `LEFT JOIN`, `Top-N (ROW_NUMBER)` … */
  operator: string;
  unit: SqlUnit;
  range: Range;
  /** What would make the result insert-only, in a few words each. */
  fixes: string[];
  /** The columns the changes are keyed by (GROUP BY, PARTITION BY), when they are plain columns. */
  key?: string[];
}

export type Changelog =
  | { kind: 'insert-only' }
  | { kind: 'updating'; deletes: boolean; producer: ChangeProducer }
  /**
   * An operator that reads inserts only (an OVER aggregate, MATCH_RECOGNIZE, an interval or window
   * join, a window Top-N) fed updates: the planner refuses the query whatever its sink
   * ("OverAggregate doesn't support consuming update and delete changes").
   */
  | { kind: 'refused'; consumer: ChangeProducer; producer: ChangeProducer }
  | { kind: 'unknown' };

/** Results that end the inference of whatever reads them: unknown, or already refused. */
type Final = Extract<Changelog, { kind: 'unknown' | 'refused' }>;
const isFinal = (c: Changelog): c is Final => c.kind === 'unknown' || c.kind === 'refused';

/** What a name in FROM denotes, for the inference. */
export type ChangelogTable =
  | { kind: 'source'; mode: SourceChangelog; connector?: string }
  | { kind: 'view'; query: Query; unit: SqlUnit }
  | { kind: 'unknown' };

export interface ChangelogEnvironment {
  table(name: QualifiedName): ChangelogTable;
  /**
   * Whether a column reference of a SELECT block (one of its FROM's columns) is a time attribute:
   * `none` when it surely is not, undefined when that cannot be known.
   */
  timeAttribute(select: SelectQuery, ref: ColumnRef): TimeAttribute | 'none' | undefined;
}

const INSERT_ONLY: Changelog = { kind: 'insert-only' };
const UNKNOWN: Changelog = { kind: 'unknown' };

const AGGREGATES = new Set([
  'COUNT',
  'SUM',
  'SUM0',
  'MIN',
  'MAX',
  'AVG',
  'STDDEV',
  'STDDEV_POP',
  'STDDEV_SAMP',
  'VAR_POP',
  'VAR_SAMP',
  'VARIANCE',
  'COLLECT',
  'LISTAGG',
  'ARRAY_AGG',
  'FIRST_VALUE',
  'LAST_VALUE',
  'JSON_OBJECTAGG',
  'JSON_ARRAYAGG',
  'BIT_AND',
  'BIT_OR',
  'BIT_XOR',
]);
const RANKS = new Set(['ROW_NUMBER', 'RANK', 'DENSE_RANK']);
const WINDOW_TVFS = new Set(['TUMBLE', 'HOP', 'CUMULATE', 'SESSION']);

const GROUP_FIXES = [
  'aggregate per window instead (GROUP BY window_start, window_end over TUMBLE/HOP/CUMULATE): a window emits each result once',
];
const JOIN_FIXES = [
  'an interval join (a time bound between both sides’ rowtimes) or a temporal join (FOR SYSTEM_TIME AS OF) emits each row once',
];
const UPSERT_SOURCE_FIXES: string[] = [];

/** Infers what a query produces, in the unit it is written in. */
export function changelogOf(query: Query, unit: SqlUnit, env: ChangelogEnvironment): Changelog {
  return new Inference(env).query(query, unit, new Map());
}

type Ctes = ReadonlyMap<string, { query: Query; unit: SqlUnit }>;

const nameOf = (call: FunctionCall): string => call.name.parts[call.name.parts.length - 1]!.value.toUpperCase();

/** Unites the modes of inputs read side by side (UNION ALL, inner joins): the first updating one names the producer. */
function unite(modes: Changelog[]): Changelog {
  const refused = modes.find((m) => m.kind === 'refused');
  if (refused) return refused;
  if (modes.some((m) => m.kind === 'unknown')) return UNKNOWN;
  const updating = modes.filter((m): m is Extract<Changelog, { kind: 'updating' }> => m.kind === 'updating');
  if (updating.length === 0) return INSERT_ONLY;
  return { ...updating[0]!, deletes: updating.some((u) => u.deletes) };
}

/** The source text between two nodes, trimmed: `LEFT JOIN`, `UNION` … */
function between(unit: SqlUnit, start: number, end: number): Range {
  const text = unit.text.slice(start, end);
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  return end - trail > start + lead ? { start: start + lead, end: end - trail } : { start, end: Math.max(start, end) };
}

/** Appends the calls in `e` (outside subqueries) to `out`, outermost first. */
function collectCalls(e: Expression, out: FunctionCall[]): void {
  if (e.kind === 'column' || e.kind === 'literal') return;
  const stack: Expression[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.kind === 'call') out.push(x);
    pushChildExpressions(x, stack);
  }
}

function columnsIn(e: Expression): ColumnRef[] {
  const out: ColumnRef[] = [];
  const stack: Expression[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.kind === 'column') out.push(x);
    pushChildExpressions(x, stack);
  }
  return out;
}

const lastPart = (ref: ColumnRef): string => ref.name.parts[ref.name.parts.length - 1]!.value;

const unwrap = (e: Expression): Expression => (e.kind === 'parenthesized' ? unwrap(e.expression) : e);

function unwrapQuery(q: Query): Query {
  return q.kind === 'parenthesized' ? unwrapQuery(q.query) : q;
}

/** `GROUP BY window_start, window_end` (a window TVF aggregation) or a legacy `GROUP BY TUMBLE(ts, …)`. */
function isWindowGrouping(select: SelectQuery): boolean {
  const names = new Set<string>();
  let groupWindow = false;
  const visit = (items: readonly GroupItem[]) => {
    for (const item of items) {
      if (item.kind === 'groupingSets' || item.kind === 'rollup' || item.kind === 'cube') {
        visit(item.items);
        continue;
      }
      const e = unwrap(item as Expression);
      if (e.kind === 'column') names.add(lastPart(e).toLowerCase());
      if (e.kind === 'call' && ['TUMBLE', 'HOP', 'SESSION'].includes(nameOf(e))) groupWindow = true;
    }
  };
  visit(select.groupBy?.items ?? []);
  return groupWindow || (names.has('window_start') && names.has('window_end'));
}

class Inference {
  private depth = 0;
  constructor(private readonly env: ChangelogEnvironment) {}

  query(q: Query, unit: SqlUnit, ctes: Ctes): Changelog {
    if (++this.depth > 200) return UNKNOWN;
    try {
      return this.queryInner(q, unit, ctes);
    } finally {
      this.depth--;
    }
  }

  private queryInner(q: Query, unit: SqlUnit, ctes: Ctes): Changelog {
    switch (q.kind) {
      case 'select':
        return this.select(q, unit, ctes);
      case 'values':
        return INSERT_ONLY;
      case 'parenthesized':
        return this.query(q.query, unit, ctes);
      case 'explicitTable':
        return this.named(q.name, unit, ctes);
      case 'with': {
        const scope = new Map(ctes);
        for (const cte of q.ctes) scope.set(cte.name.value, { query: cte.query, unit });
        return q.recursive ? UNKNOWN : this.query(q.body, unit, scope);
      }
      case 'setOperation': {
        const inputs = unite([this.query(q.left, unit, ctes), this.query(q.right, unit, ctes)]);
        if (q.operator === 'UNION' && q.quantifier === 'ALL') return inputs;
        if (isFinal(inputs)) return inputs;
        return {
          kind: 'updating',
          deletes: q.operator !== 'UNION' || inputs.kind === 'updating',
          producer: {
            operator: q.operator === 'UNION' ? 'UNION (without ALL, which removes duplicates)' : q.operator,
            unit,
            range: between(unit, q.left.range.end, q.right.range.start),
            fixes: q.operator === 'UNION' ? ['UNION ALL keeps duplicates and passes rows on as they come'] : [],
          },
        };
      }
      case 'ordered': {
        const input = this.query(q.query, unit, ctes);
        const limited = q.limit !== undefined || q.fetch !== undefined;
        if (q.orderBy.length === 0 || !limited) return input;
        if (isFinal(input)) return input;
        return {
          kind: 'updating',
          deletes: true,
          producer: {
            operator: 'ORDER BY … LIMIT (a running Top-N)',
            unit,
            range: between(unit, q.query.range.end, q.range.end),
            fixes: [
              'a window Top-N (ROW_NUMBER() OVER (PARTITION BY window_start, window_end …)) emits each result once',
            ],
          },
        };
      }
    }
  }

  private named(name: QualifiedName, unit: SqlUnit, ctes: Ctes): Changelog {
    if (name.parts.length === 1) {
      const cte = ctes.get(name.parts[0]!.value);
      if (cte) return this.query(cte.query, cte.unit, ctes);
    }
    const table = this.env.table(name);
    switch (table.kind) {
      case 'view':
        return this.query(table.query, table.unit, new Map());
      case 'unknown':
        return UNKNOWN;
      case 'source':
        if (table.mode === 'insert-only') return INSERT_ONLY;
        if (table.mode === 'unknown') return UNKNOWN;
        return {
          kind: 'updating',
          deletes: true,
          producer: {
            operator: `${table.connector ?? 'changelog'} source \`${name.parts.map((p) => p.value).join('.')}\``,
            unit,
            range: name.range,
            fixes: UPSERT_SOURCE_FIXES,
          },
        };
    }
  }

  private select(select: SelectQuery, unit: SqlUnit, ctes: Ctes): Changelog {
    const rank = this.rankShape(select, unit, ctes);
    if (rank) return rank;
    let input = select.from ? this.from(select.from, select, unit, ctes) : INSERT_ONLY;
    if (isFinal(input)) return input;
    // Subqueries in expressions: IN/EXISTS are semi joins (they pass on what both sides produce),
    // NOT IN/NOT EXISTS anti joins (every change); scalar subqueries are not modelled.
    const expressions = select.items.map((i) => i.expression);
    if (select.where) expressions.push(select.where);
    if (select.having) expressions.push(select.having);
    for (const e of expressions) {
      const sub = this.subqueries(e, unit, ctes);
      if (isFinal(sub)) return sub;
      // Uniting with inserts only changes nothing (most expressions have no subquery).
      if (sub !== INSERT_ONLY) input = unite([input, sub]);
    }
    if (select.qualify) return UNKNOWN;
    const itemCalls: FunctionCall[] = [];
    for (const item of select.items) collectCalls(item.expression, itemCalls);
    const overCalls = itemCalls.filter((c) => c.over !== undefined);
    if (overCalls.some((c) => RANKS.has(nameOf(c)))) return UNKNOWN;
    const aggregates = itemCalls.filter((c) => c.over === undefined && AGGREGATES.has(nameOf(c)));
    const grouped = select.groupBy !== undefined || aggregates.length > 0 || select.having !== undefined;
    if (grouped) {
      if (select.groupBy && isWindowGrouping(select)) return INSERT_ONLY;
      const range = select.groupBy?.range ?? aggregates[0]?.range ?? select.range;
      return {
        kind: 'updating',
        deletes: input.kind === 'updating',
        producer: {
          operator: select.groupBy ? 'GROUP BY aggregation' : 'aggregation without GROUP BY',
          unit,
          range,
          fixes: GROUP_FIXES,
          ...plainColumns((select.groupBy?.items ?? []) as Expression[]),
        },
      };
    }
    if (select.quantifier === 'DISTINCT') {
      const first = select.items[0];
      return {
        kind: 'updating',
        deletes: input.kind === 'updating',
        producer: {
          operator: 'SELECT DISTINCT',
          unit,
          range: between(unit, select.range.start, first ? first.range.start : select.range.end),
          fixes: ['deduplicate per window instead (GROUP BY window_start, window_end, … over a window TVF)'],
        },
      };
    }
    // OVER aggregates read inserts only and insert only (StreamPhysicalOverAggregate).
    if (overCalls.length > 0)
      return insertOnlyInput(input, {
        operator: 'OVER aggregation',
        unit,
        range: overCalls[0]!.range,
        fixes: ['aggregate per window (a window TVF reads updates) instead of OVER'],
      });
    return input;
  }

  private subqueries(e: Expression, unit: SqlUnit, ctes: Ctes): Changelog {
    if (e.kind === 'column' || e.kind === 'literal') return INSERT_ONLY;
    let out: Changelog = INSERT_ONLY;
    const stack: Expression[] = [e];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if ((x.kind === 'in' || x.kind === 'exists') && 'query' in x && x.query) {
        const sub = this.query(x.query, unit, ctes);
        const negated = x.kind === 'in' && x.not;
        if (isFinal(sub)) return sub;
        if (negated)
          return {
            kind: 'updating',
            deletes: true,
            producer: {
              operator: 'NOT IN subquery (an anti join)',
              unit,
              range: x.range,
              fixes: ['filter against a temporal or lookup join (FOR SYSTEM_TIME AS OF) instead'],
            },
          };
        out = unite([out, sub]);
        continue;
      }
      if (x.kind === 'unary' && x.operator === 'NOT' && unwrap(x.operand).kind === 'exists') {
        return {
          kind: 'updating',
          deletes: true,
          producer: {
            operator: 'NOT EXISTS subquery (an anti join)',
            unit,
            range: x.range,
            fixes: ['filter against a temporal or lookup join (FOR SYSTEM_TIME AS OF) instead'],
          },
        };
      }
      if (childQuery(x)) return UNKNOWN;
      pushChildExpressions(x, stack);
    }
    return out;
  }

  private from(t: TableRef, select: SelectQuery, unit: SqlUnit, ctes: Ctes): Changelog {
    switch (t.kind) {
      case 'tableName':
        // OPTIONS hints may change the connector's format or mode for this read.
        if (t.hints.some((h) => h.name.value.toUpperCase() === 'OPTIONS')) return UNKNOWN;
        return this.named(t.name, unit, ctes);
      case 'derived':
        return this.query(t.query, unit, ctes);
      case 'parenthesizedTable':
        return this.from(t.table, select, unit, ctes);
      case 'matchRecognize': {
        const input = this.from(t.input, select, unit, ctes);
        return insertOnlyInput(input, {
          operator: 'MATCH_RECOGNIZE',
          unit,
          range: keyword(unit, t.input.range.end, t.range.end, 'MATCH_RECOGNIZE'),
          fixes: [],
        });
      }
      case 'tableFunction': {
        // A window TVF passes on what its table argument produces; other table functions are not modelled.
        const call = unwrap(t.call);
        if (call.kind !== 'call' || !WINDOW_TVFS.has(nameOf(call))) return UNKNOWN;
        const arg = call.args
          .map((a) => (a.kind === 'namedArgument' ? a.value : a))
          .find((a) => a.kind === 'tableArgument');
        if (!arg || arg.kind !== 'tableArgument') return UNKNOWN;
        if (arg.name) return this.named(arg.name, unit, ctes);
        return arg.query ? this.query(arg.query, unit, ctes) : UNKNOWN;
      }
      case 'unnest':
        return INSERT_ONLY;
      case 'join':
        return this.join(t, select, unit, ctes);
    }
  }

  private join(join: JoinRef, select: SelectQuery, unit: SqlUnit, ctes: Ctes): Changelog {
    const left = this.from(join.left, select, unit, ctes);
    const right = join.right;
    // Temporal and lookup joins, LATERAL TABLE and UNNEST pass on what the left side produces.
    if (right.kind === 'tableName' && right.systemTime) return left;
    if (right.kind === 'unnest' || (right.kind === 'tableFunction' && right.lateral)) return left;
    if (right.kind === 'tableFunction' && !WINDOW_TVFS.has(nameOfRef(right))) return left;
    const inputs = unite([left, this.from(right, select, unit, ctes)]);
    if (isFinal(inputs)) return inputs;
    const outer = join.joinType === 'LEFT' || join.joinType === 'RIGHT' || join.joinType === 'FULL';
    if (!outer && join.joinType !== 'LEFT ANTI') return inputs;
    // Window joins and interval joins insert only; anything else outer is a regular join.
    const windowed = this.isWindowJoin(join);
    const interval = windowed ? 'yes' : this.isIntervalJoin(join, select);
    if (interval === 'unknown') return UNKNOWN;
    if (interval === 'yes')
      return insertOnlyInput(inputs, {
        operator: windowed ? 'window join' : 'interval join',
        unit,
        range: between(unit, join.left.range.end, join.right.range.start),
        fixes: ['a regular join or a temporal join (FOR SYSTEM_TIME AS OF) reads updates'],
      });
    return {
      kind: 'updating',
      deletes: true,
      producer: {
        operator: `${join.joinType === 'LEFT ANTI' ? 'anti' : join.joinType} JOIN (a regular outer join retracts the rows it padded with NULLs)`,
        unit,
        range: between(unit, join.left.range.end, join.right.range.start),
        fixes: JOIN_FIXES,
      },
    };
  }

  /** `ON l.window_start = r.window_start AND l.window_end = r.window_end`. */
  private isWindowJoin(join: JoinRef): boolean {
    if (!join.on) return false;
    const names = new Set(columnsIn(join.on).map((c) => lastPart(c).toLowerCase()));
    return names.has('window_start') && names.has('window_end');
  }

  /** A range condition between columns in ON: an interval join when they are time attributes. */
  private isIntervalJoin(join: JoinRef, select: SelectQuery): 'yes' | 'no' | 'unknown' {
    if (!join.on) return 'no';
    const ranged: ColumnRef[] = [];
    const stack: Expression[] = [join.on];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x.kind === 'between') ranged.push(...columnsIn(x));
      else if (x.kind === 'binary' && ['<', '<=', '>', '>='].includes(x.operator)) ranged.push(...columnsIn(x));
      else pushChildExpressions(x, stack);
    }
    if (ranged.length === 0) return 'no';
    let unknown = false;
    for (const ref of ranged) {
      const attribute = this.env.timeAttribute(select, ref);
      if (attribute === undefined) unknown = true;
      else if (attribute !== 'none') return 'yes';
    }
    return unknown ? 'unknown' : 'no';
  }

  /**
   * `SELECT … FROM (SELECT …, ROW_NUMBER() OVER (PARTITION BY … ORDER BY …) AS rn FROM t) WHERE rn <= N`:
   * Top-N, deduplication or their window variants. Undefined when the block is not of that shape.
   */
  private rankShape(select: SelectQuery, unit: SqlUnit, ctes: Ctes): Changelog | undefined {
    const from = select.from;
    if (!from || from.kind !== 'derived' || !select.where) return undefined;
    const inner = unwrapQuery(from.query);
    if (inner.kind !== 'select') return undefined;
    const rankItem = inner.items.find((i) => {
      const e = unwrap(i.expression);
      return e.kind === 'call' && RANKS.has(nameOf(e)) && e.over !== undefined;
    });
    if (!rankItem) return undefined;
    const call = unwrap(rankItem.expression) as FunctionCall;
    const alias = rankItem.alias?.value;
    const bound = alias === undefined ? undefined : rankBound(select.where, alias);
    if (bound === undefined) return UNKNOWN;
    if (!call.over || 'value' in call.over) return UNKNOWN;
    const spec = call.over;
    const input = inner.from ? this.from(inner.from, inner, unit, ctes) : INSERT_ONLY;
    if (isFinal(input)) return input;
    const partition = new Set(
      spec.partitionBy.flatMap((e) =>
        unwrap(e).kind === 'column' ? [lastPart(unwrap(e) as ColumnRef).toLowerCase()] : [],
      ),
    );
    // Window Top-N and window deduplication read and write inserts only.
    if (partition.has('window_start') && partition.has('window_end'))
      return insertOnlyInput(input, {
        operator: 'window Top-N / deduplication',
        unit,
        range: call.range,
        fixes: ['a Top-N without window (PARTITION BY other columns) reads updates'],
      });
    const dedup = this.dedupKind(call, spec.orderBy, inner, bound);
    if (dedup === 'unknown') return UNKNOWN;
    // A Rank over updates updates; the source of the updates is the one to name.
    if (dedup === 'first-proctime' && input.kind === 'insert-only') return INSERT_ONLY;
    if (dedup === 'first-proctime' && input.kind === 'updating') return { ...input, deletes: true };
    const operator =
      dedup === 'last'
        ? 'deduplication keeping the last row (ROW_NUMBER … ORDER BY … DESC = 1)'
        : dedup === 'first-rowtime'
          ? 'deduplication on event time (ROW_NUMBER … ORDER BY a rowtime)'
          : 'Top-N (ROW_NUMBER … ORDER BY a column that is not a time attribute)';
    return {
      kind: 'updating',
      deletes: true,
      producer: {
        operator,
        unit,
        range: call.range,
        ...plainColumns(spec.partitionBy),
        fixes: [
          dedup === 'top-n'
            ? 'a window Top-N (PARTITION BY window_start, window_end) emits each result once'
            : 'keeping the first row on processing time (ORDER BY a PROCTIME() column ASC) inserts only',
        ],
      },
    };
  }

  private dedupKind(
    call: FunctionCall,
    orderBy: readonly OrderItem[],
    inner: SelectQuery,
    bound: number,
  ): 'first-proctime' | 'first-rowtime' | 'last' | 'top-n' | 'unknown' {
    const first = orderBy[0];
    if (!first) return 'unknown';
    const e = unwrap(first.expression);
    if (e.kind !== 'column') return 'unknown';
    const attribute = this.env.timeAttribute(inner, e);
    if (attribute === undefined) return 'unknown';
    const isDedup = nameOf(call) === 'ROW_NUMBER' && bound === 1 && orderBy.length === 1 && attribute !== 'none';
    if (!isDedup) return 'top-n';
    if (first.direction === 'DESC') return 'last';
    return attribute === 'proctime' ? 'first-proctime' : 'first-rowtime';
  }
}

/** `{ key }` when every expression is a plain column (and there is one). */
function plainColumns(items: readonly Expression[]): { key?: string[] } {
  const names = items.map((i) => unwrap(i)).map((e) => (e.kind === 'column' ? lastPart(e) : undefined));
  return names.length > 0 && names.every((n) => n !== undefined) ? { key: names as string[] } : {};
}

/** An operator that reads inserts only: refused when its input updates. */
function insertOnlyInput(input: Changelog, consumer: ChangeProducer): Changelog {
  if (input.kind === 'insert-only') return INSERT_ONLY;
  if (input.kind === 'updating') return { kind: 'refused', consumer, producer: input.producer };
  return input;
}

/** The range of a keyword between two offsets (MATCH_RECOGNIZE), or that whole span when it is not found. */
function keyword(unit: SqlUnit, start: number, end: number, word: string): Range {
  const at = unit.text.slice(start, end).toUpperCase().indexOf(word);
  return at < 0 ? between(unit, start, end) : { start: start + at, end: start + at + word.length };
}

function nameOfRef(t: Extract<TableRef, { kind: 'tableFunction' }>): string {
  const call = unwrap(t.call);
  return call.kind === 'call' ? nameOf(call) : '';
}

/** The N of `rn = N`, `rn <= N`, `rn < N + 1`, `rn BETWEEN 1 AND N` in WHERE (ANDed); undefined when absent. */
function rankBound(where: Expression, alias: string): number | undefined {
  const conjuncts: Expression[] = [];
  const stack: Expression[] = [where];
  while (stack.length > 0) {
    const x = unwrap(stack.pop()!);
    if (x.kind === 'binary' && x.operator === 'AND') stack.push(x.left, x.right);
    else conjuncts.push(x);
  }
  const isAlias = (e: Expression) => {
    const u = unwrap(e);
    return u.kind === 'column' && lastPart(u) === alias;
  };
  const num = (e: Expression): number | undefined => {
    const u = unwrap(e);
    return u.kind === 'literal' && u.literalKind === 'number' ? Number(u.value) : undefined;
  };
  for (const c of conjuncts) {
    if (c.kind === 'between' && !c.not && isAlias(c.operand)) return num(c.high);
    if (c.kind !== 'binary') continue;
    const [ref, value, op] = isAlias(c.left)
      ? [c.left, num(c.right), c.operator]
      : isAlias(c.right)
        ? [c.right, num(c.left), flip(c.operator)]
        : [undefined, undefined, c.operator];
    if (!ref || value === undefined) continue;
    if (op === '=' || op === '<=') return value;
    if (op === '<') return value - 1;
  }
  return undefined;
}

function flip(op: string): string {
  return op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
}
