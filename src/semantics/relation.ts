/**
 * The columns each query of the job produces and the scope of each SELECT block, computed
 * once: FROM items (tables, views, CTEs, subqueries, joins, LATERAL, UNNEST, table functions,
 * window table functions, MATCH_RECOGNIZE), select lists with `*` expanded, set operations.
 * Every column reference met on the way is resolved and recorded for the name rules.
 */
import type { SqlUnit } from '../sql/build-units.js';
import type { Identifier, QualifiedName } from '../sql/model/common.js';
import type {
  ColumnRef,
  Expression,
  FunctionCall,
  GroupItem,
  JoinRef,
  MatchRecognizeRef,
  Pattern,
  Query,
  SelectQuery,
  TableAlias,
  TableArgument,
  TableRef,
  WindowSpec,
} from '../sql/model/query.js';
import { childQuery, pushChildExpressions } from '../sql/analysis/walk.js';
import type { QueryBlock, Relation, RelationColumn, TableLookup } from './analysis.js';
import type { JobCatalog } from './catalog.js';
import { typeOfExpression } from './expression-type.js';
import { NameScope, type Resolution, type Source } from './scope.js';
import { UNKNOWN, formatType, type SqlType } from './sql-type.js';
import { windowTableFunctionColumns, isWindowTableFunction } from './window-functions.js';

/** A column reference of the job and what it resolved to. */
export interface ColumnReference {
  unit: SqlUnit;
  ref: ColumnRef;
  resolution: Resolution;
}

/** What the walk records for the whole job. */
export interface Records {
  blocks: QueryBlock[];
  references: ColumnReference[];
  relations: Map<Query, Relation>;
  /** Table names read in queries, with what they denoted at that point of the job. */
  lookups: Map<QualifiedName, TableLookup>;
}

export const OPEN: Relation = Object.freeze({ columns: [], open: true }) as Relation;

/** Outside any WITH (shared: a WITH copies the map it extends, never writes into it). */
export const NO_CTES: ReadonlyMap<string, Relation> = new Map();

/** Names Calcite turns into niladic function calls when no column has that name. */
const NILADIC_IDENTIFIERS = new Set(['PI', 'CURRENT_ROW_TIMESTAMP', 'E']);

/** The relation a catalog entry exposes to queries. */
export function relationOfTable(catalog: JobCatalog, name: readonly string[]): Relation | undefined {
  const entry = catalog.entry(name);
  if (!entry) return undefined;
  return {
    columns: entry.table.columns.map((c) => ({ name: c.name, type: c.type })),
    open: entry.open,
  };
}

/** The scope of each SELECT block, for the ORDER BY that follows it. */
const blockScopes = new WeakMap<Records, Map<SelectQuery, NameScope>>();

export class QueryAnalyzer {
  /** Sub-expressions waiting to be walked (see `operand`). */
  private readonly children: Expression[] = [];

  private get scopes(): Map<SelectQuery, NameScope> {
    let m = blockScopes.get(this.records);
    if (!m) blockScopes.set(this.records, (m = new Map()));
    return m;
  }

  constructor(
    private readonly catalog: JobCatalog,
    private readonly unit: SqlUnit,
    private readonly records: Records,
  ) {}

  /** The relation a query produces; `outer` is the scope of the block it is nested in. */
  query(q: Query, outer?: NameScope, ctes: ReadonlyMap<string, Relation> = NO_CTES): Relation {
    const r = this.queryUncached(q, outer, ctes);
    this.records.relations.set(q, r);
    return r;
  }

  private queryUncached(q: Query, outer: NameScope | undefined, ctes: ReadonlyMap<string, Relation>): Relation {
    switch (q.kind) {
      case 'select':
        return this.select(q, outer, ctes).output;
      case 'values': {
        const scope = new NameScope([], outer);
        const first = q.rows[0];
        for (const row of q.rows) for (const v of row.values) this.expression(v, scope, ctes);
        const columns = (first?.values ?? []).map((v, i) => ({
          name: `EXPR$${i}`,
          type: q.rows.length === 1 ? materialized(typeOfExpression(v, scope)) : UNKNOWN,
        }));
        return { columns, open: false };
      }
      case 'setOperation': {
        // Left-deep chains of thousands of UNION ALL: walked by a loop.
        const rights: Query[] = [];
        let left: Query = q;
        while (left.kind === 'setOperation') {
          rights.push(left.right);
          left = left.left;
        }
        let result = this.query(left, outer, ctes);
        for (const right of rights.reverse()) result = unionOf(result, this.query(right, outer, ctes));
        return result;
      }
      case 'with': {
        const scope = new Map(ctes);
        for (const cte of q.ctes) {
          const r = this.query(cte.query, outer, scope);
          scope.set(cte.name.value, renamed(r, cte.columns));
        }
        return this.query(q.body, outer, scope);
      }
      case 'ordered': {
        const inner = this.query(q.query, outer, ctes);
        const block = innermostSelect(q.query);
        const blockScope = block ? this.scopes.get(block) : undefined;
        const base = blockScope instanceof NameScope ? blockScope : new NameScope([], outer);
        const scope = new NameScope(base.sources, base.parent, {
          ...base.options,
          aliases: inner.columns,
          aliasesFirst: true,
        });
        const lenient = inner.open ? new NameScope([{ qualifiers: [], columns: [], open: true }], scope) : scope;
        for (const o of q.orderBy) this.expression(o.expression, lenient, ctes);
        return inner;
      }
      case 'parenthesized':
        return this.query(q.query, outer, ctes);
      case 'explicitTable':
        return this.tableName(q.name, ctes).relation;
    }
  }

  /** A SELECT block: its FROM, its scope, its output. */
  select(q: SelectQuery, outer: NameScope | undefined, ctes: ReadonlyMap<string, Relation>): QueryBlock {
    const from = q.from ? this.from(q.from, outer, ctes, []) : { sources: [], merged: new Set<string>() };
    const scope = new NameScope(from.sources, outer, { merged: from.merged });
    const input: Relation = {
      columns: from.sources.flatMap((s) => s.columns),
      open: from.sources.some((s) => s.open),
    };
    const columns: RelationColumn[] = [];
    let open = false;
    for (let i = 0; i < q.items.length; i++) {
      const item = q.items[i]!;
      const e = item.expression;
      if (e.kind === 'star') {
        const expanded = this.star(e.qualifier, from.sources, from.merged);
        if (!expanded) open = true;
        else {
          columns.push(...expanded.columns);
          open ||= expanded.open;
        }
        continue;
      }
      this.expression(e, scope, ctes);
      columns.push({ name: item.alias?.value ?? derivedName(e, i), type: outputType(e, scope) });
    }
    const output: Relation = { columns, open };
    // GROUP BY and HAVING fall back on select aliases: when Flink would refuse one, saying nothing is a miss, not a false alarm.
    const grouped = new NameScope(from.sources, outer, { merged: from.merged, aliases: columns });
    if (q.where) this.expression(q.where, scope, ctes);
    for (const g of q.groupBy?.items ?? []) this.groupItem(g, grouped, ctes);
    if (q.having) this.expression(q.having, grouped, ctes);
    if (q.qualify) this.expression(q.qualify, grouped, ctes);
    for (const w of q.windows) this.windowSpec(w.spec, scope, ctes);
    if (isAggregating(q)) for (const c of columns) c.type = materialized(c.type);
    const block: QueryBlock = { unit: this.unit, select: q, scope, input, output };
    this.records.blocks.push(block);
    this.scopes.set(q, scope);
    return block;
  }

  private groupItem(g: GroupItem, scope: NameScope, ctes: ReadonlyMap<string, Relation>): void {
    if (g.kind === 'groupingSets' || g.kind === 'rollup' || g.kind === 'cube') {
      for (const i of g.items) this.groupItem(i, scope, ctes);
      return;
    }
    this.expression(g as Expression, scope, ctes);
  }

  private windowSpec(w: WindowSpec, scope: NameScope, ctes: ReadonlyMap<string, Relation>): void {
    for (const e of [...w.partitionBy, ...w.orderBy.map((o) => o.expression)]) this.expression(e, scope, ctes);
  }

  /** `*` or `t.*`: the columns it stands for; undefined when the qualifier is not known here. */
  private star(
    qualifier: QualifiedName | undefined,
    sources: readonly Source[],
    merged: ReadonlySet<string>,
  ): Relation | undefined {
    if (qualifier) {
      const q = qualifier.parts.map((p) => p.value);
      const s = sources.find((x) => x.qualifiers.some((y) => y.length === q.length && y.every((p, i) => p === q[i])));
      return s ? { columns: s.columns.map((c) => ({ ...c })), open: s.open } : undefined;
    }
    // USING / NATURAL columns appear once, first (Calcite's expansion of `*` over such joins).
    const columns: RelationColumn[] = [];
    const seen = new Set<string>();
    for (const s of sources)
      for (const c of s.columns) {
        if (merged.has(c.name)) {
          if (seen.has(c.name)) continue;
          seen.add(c.name);
        }
        columns.push({ ...c });
      }
    return { columns, open: sources.some((s) => s.open) };
  }

  /** Walks an expression: records its column references, analyzes its subqueries. */
  expression(e: Expression, scope: NameScope, ctes: ReadonlyMap<string, Relation>): void {
    if (e.kind !== 'binary') {
      this.operand(e, scope, ctes);
      return;
    }
    // `a AND b AND …` thousands deep is a left-deep tree: its left spine is walked by a loop, the
    // right operands waiting on the shared stack (see `operand`), innermost last.
    const stack = this.children;
    const from = stack.length;
    while (e.kind === 'binary') {
      stack.push(e.right);
      e = e.left;
    }
    const to = stack.length;
    this.operand(e, scope, ctes);
    for (let i = to - 1; i >= from; i--) this.expression(stack[i]!, scope, ctes);
    stack.length = from;
  }

  private operand(e: Expression, scope: NameScope, ctes: ReadonlyMap<string, Relation>): void {
    if (e.kind === 'column') {
      this.reference(e, scope);
      return;
    }
    if (e.kind === 'tableArgument') {
      // Only window table functions' inputs are analyzed with their own scope (see tableFunction).
      if (e.query) this.query(e.query, scope, ctes);
      return;
    }
    // The children go on one stack shared by the whole walk, not on an array per node: this call
    // reads its slice while the calls it makes push and pop above it.
    const stack = this.children;
    const from = stack.length;
    pushChildExpressions(e, stack);
    const to = stack.length;
    for (let i = from; i < to; i++) this.expression(stack[i]!, scope, ctes);
    stack.length = from;
    const q = childQuery(e);
    if (q) this.query(q, scope, ctes);
  }

  private reference(ref: ColumnRef, scope: NameScope): void {
    const parts = ref.name.parts.map((p) => p.value);
    let resolution = scope.resolve(parts);
    if (
      resolution.kind === 'missing' &&
      parts.length === 1 &&
      resolution.part === 0 &&
      NILADIC_IDENTIFIERS.has(parts[0]!.toUpperCase())
    )
      resolution = { kind: 'unknown' };
    this.records.references.push({ unit: this.unit, ref, resolution });
  }

  /** The FROM clause as the sources a block sees, left to right (LATERAL items see those before them). */
  private from(
    t: TableRef,
    outer: NameScope | undefined,
    ctes: ReadonlyMap<string, Relation>,
    left: readonly Source[],
  ): { sources: Source[]; merged: Set<string> } {
    switch (t.kind) {
      case 'join':
        return this.join(t, outer, ctes, left);
      case 'parenthesizedTable': {
        const inner = this.from(t.table, outer, ctes, left);
        if (!t.alias) return inner;
        return { sources: [aliased(flatten(inner.sources, inner.merged), t.alias)], merged: new Set() };
      }
      default:
        return { sources: [this.item(t, outer, ctes, left)], merged: new Set() };
    }
  }

  private join(
    t: JoinRef,
    outer: NameScope | undefined,
    ctes: ReadonlyMap<string, Relation>,
    before: readonly Source[],
  ): { sources: Source[]; merged: Set<string> } {
    // Left-deep chains of joins: walked by a loop.
    const joins: JoinRef[] = [];
    let l: TableRef = t;
    while (l.kind === 'join') {
      joins.push(l);
      l = l.left;
    }
    const first = this.from(l, outer, ctes, before);
    const sources = first.sources;
    const merged = first.merged;
    for (const join of joins.reverse()) {
      const leftSources = [...sources];
      const right = this.from(join.right, outer, ctes, [...before, ...sources]);
      const leftNames = new Set(sources.flatMap((s) => s.columns.map((c) => c.name)));
      if (join.using) for (const u of join.using) merged.add(u.value);
      if (join.natural)
        for (const s of right.sources) for (const c of s.columns) if (leftNames.has(c.name)) merged.add(c.name);
      for (const m of right.merged) merged.add(m);
      sources.push(...right.sources);
      if (join.on) this.expression(join.on, new NameScope([...sources], outer, { merged }), ctes);
      if (join.using) this.usingColumns(join.using, leftSources, right.sources);
    }
    return { sources, merged };
  }

  /** USING columns must exist on both sides (Calcite: "Column 'x' not found in any table"): recorded as references. */
  private usingColumns(using: Identifier[], left: readonly Source[], right: readonly Source[]): void {
    for (const id of using) {
      const ref: ColumnRef = { kind: 'column', range: id.range, name: { range: id.range, parts: [id] } };
      const sides = [new NameScope(left), new NameScope(right)].map((scope) => scope.resolve([id.value]));
      // Calcite refuses a USING column missing on a side, or not unique on one.
      const resolution =
        sides.find((r) => r.kind === 'missing') ?? sides.find((r) => r.kind === 'ambiguous') ?? sides[0]!;
      this.records.references.push({ unit: this.unit, ref, resolution });
    }
  }

  private item(
    t: TableRef,
    outer: NameScope | undefined,
    ctes: ReadonlyMap<string, Relation>,
    left: readonly Source[],
  ): Source {
    switch (t.kind) {
      case 'tableName': {
        const { relation, qualifiers } = this.tableName(t.name, ctes);
        // `FOR SYSTEM_TIME AS OF` sees the join's left side; time travel on its own takes a constant.
        if (t.systemTime) {
          const sources = left.length > 0 ? [...left] : [{ qualifiers: [], columns: [], open: true }];
          this.expression(t.systemTime, new NameScope(sources, outer), ctes);
        }
        return t.alias ? aliased({ qualifiers, ...relation }, t.alias) : { qualifiers, ...relation };
      }
      case 'derived': {
        const scope = t.lateral ? new NameScope([...left], outer) : outer;
        const r = this.query(t.query, scope, ctes);
        return t.alias ? aliased({ qualifiers: [], ...r }, t.alias) : { qualifiers: [], ...r };
      }
      case 'tableFunction': {
        const scope = new NameScope([...left], outer);
        const r = this.tableFunction(t.call, scope, ctes);
        // Without an alias, a window TVF's columns may be qualified by its input table's name: saying
        // nothing about `orders.id` there risks a miss, never a false alarm.
        return t.alias
          ? aliased({ qualifiers: [], ...r }, t.alias)
          : { qualifiers: this.inputQualifiers(t.call, ctes), ...r };
      }
      case 'unnest': {
        const scope = new NameScope([...left], outer);
        for (const a of t.args) this.expression(a, scope, ctes);
        const r = unnestRelation(
          t.args.map((a) => typeOfExpression(a, scope)),
          t.withOrdinality,
        );
        return t.alias ? aliased({ qualifiers: [], ...r }, t.alias) : { qualifiers: [], ...r, open: true };
      }
      case 'matchRecognize': {
        const r = this.matchRecognize(t, outer, ctes, left);
        return t.alias ? aliased({ qualifiers: [], ...r }, t.alias) : { qualifiers: [], ...r };
      }
      case 'join':
      case 'parenthesizedTable': {
        const inner = this.from(t, outer, ctes, left);
        return flatten(inner.sources, inner.merged);
      }
    }
  }

  /** A table, view or WITH query by name, with the qualifiers its columns take. */
  tableName(name: QualifiedName, ctes: ReadonlyMap<string, Relation>): { relation: Relation; qualifiers: string[][] } {
    const parts = name.parts.map((p) => p.value);
    if (parts.length === 1) {
      const cte = ctes.get(parts[0]!);
      if (cte) return { relation: copy(cte), qualifiers: [parts] };
    }
    const found = this.catalog.lookup(parts);
    this.records.lookups.set(name, found.lookup);
    const path = found.entry?.table.path ?? this.catalog.resolve(parts) ?? parts;
    const qualifiers = [path.slice(-1), path.slice(-2), path.slice(-3)];
    if (!found.entry) return { relation: { columns: [], open: true }, qualifiers };
    return {
      relation: {
        columns: found.entry.table.columns.map((c) => ({ name: c.name, type: c.type })),
        open: found.entry.open,
      },
      qualifiers,
    };
  }

  /** `TABLE(fn(...))`: window table functions are known; any other function's columns are not. */
  private tableFunction(call: Expression, scope: NameScope, ctes: ReadonlyMap<string, Relation>): Relation {
    if (call.kind !== 'call' || !isWindowTableFunction(call)) {
      this.expression(call, scope, ctes);
      return { columns: [], open: true };
    }
    return this.windowTableFunction(call, scope, ctes);
  }

  /** What may qualify a window TVF's output when it has no alias: its input table's name. */
  private inputQualifiers(call: Expression, ctes: ReadonlyMap<string, Relation>): string[][] {
    if (call.kind !== 'call' || !isWindowTableFunction(call)) return [];
    const arg = call.args
      .map((a) => (a.kind === 'namedArgument' ? a.value : a))
      .find((a) => a.kind === 'tableArgument');
    if (arg?.kind !== 'tableArgument' || !arg.name) return [];
    const parts = arg.name.parts.map((p) => p.value);
    if (parts.length === 1 && ctes.has(parts[0]!)) return [parts];
    const path = this.catalog.resolve(parts) ?? parts;
    return [path.slice(-1), path.slice(-2), path.slice(-3)];
  }

  // Loops rather than map/find/spread chains: this function was among the costliest to optimize.
  private windowTableFunction(call: FunctionCall, scope: NameScope, ctes: ReadonlyMap<string, Relation>): Relation {
    const args: Expression[] = [];
    for (const a of call.args) args.push(a.kind === 'namedArgument' ? a.value : a);
    let tableArg: TableArgument | undefined;
    for (const a of args)
      if (a.kind === 'tableArgument') {
        tableArg = a;
        break;
      }
    let input: Source = { qualifiers: [], columns: [], open: true };
    if (tableArg) {
      if (tableArg.name) {
        const { relation, qualifiers } = this.tableName(tableArg.name, ctes);
        input = { qualifiers, columns: relation.columns, open: relation.open };
      } else if (tableArg.query) {
        const r = this.query(tableArg.query, scope, ctes);
        input = { qualifiers: [], columns: r.columns, open: r.open };
      }
      const inputScope = new NameScope([input], scope.parent);
      for (const e of tableArg.partitionBy) this.expression(e, inputScope, ctes);
      for (const o of tableArg.orderBy) this.expression(o.expression, inputScope, ctes);
    }
    const inputScope = new NameScope([input], scope.parent);
    let timeColumn: SqlType | undefined;
    for (const a of args) {
      if (a.kind === 'tableArgument') continue;
      if (a.kind === 'call' && a.name.parts.length === 1 && a.name.parts[0]!.value.toUpperCase() === 'DESCRIPTOR') {
        for (const d of a.args) {
          this.expression(d, inputScope, ctes);
          if (d.kind === 'column' && timeColumn === undefined) timeColumn = inputScope.column(d) ?? UNKNOWN;
        }
        continue;
      }
      this.expression(a, scope, ctes);
    }
    const columns: RelationColumn[] = [];
    for (const c of input.columns) columns.push({ ...c });
    for (const c of windowTableFunctionColumns(timeColumn ?? UNKNOWN)) columns.push(c);
    return { columns, open: input.open };
  }

  private matchRecognize(
    t: MatchRecognizeRef,
    outer: NameScope | undefined,
    ctes: ReadonlyMap<string, Relation>,
    left: readonly Source[],
  ): Relation {
    const input = this.from(t.input, outer, ctes, left);
    const flat = flatten(input.sources, input.merged);
    const inputScope = new NameScope(input.sources, outer, { merged: input.merged });
    for (const e of [...t.partitionBy, ...t.orderBy.map((o) => o.expression)]) this.expression(e, inputScope, ctes);
    // In MEASURES and DEFINE, pattern variables qualify the input's columns.
    const variables = [...patternVariables(t.pattern), ...t.subsets.map((s) => s.name.value)];
    const rows = new NameScope([{ ...flat, qualifiers: [...flat.qualifiers, ...variables.map((v) => [v])] }], outer);
    for (const d of t.define) this.expression(d.condition, rows, ctes);
    const measures: RelationColumn[] = t.measures.map((m, i) => {
      this.expression(m.expression, rows, ctes);
      return { name: m.alias?.value ?? derivedName(m.expression, i), type: measureType(m.expression, rows, flat) };
    });
    if (t.within) this.expression(t.within, rows, ctes);
    const partition: RelationColumn[] = t.partitionBy.flatMap((e) => {
      if (e.kind !== 'column') return [];
      const name = e.name.parts[e.name.parts.length - 1]!.value;
      return [{ name, type: inputScope.column(e) ?? UNKNOWN }];
    });
    if (t.rowsPerMatch === 'ALL ROWS PER MATCH')
      return { columns: [...flat.columns.map((c) => ({ ...c })), ...measures], open: flat.open };
    return { columns: [...partition, ...measures], open: false };
  }
}

/**
 * MATCH_ROWTIME() / MATCH_PROCTIME() in MEASURES are time attributes; every other measure is
 * materialized, even `A.ts` of a rowtime column (RelTimeIndicatorConverter#visitMatch).
 */
function measureType(e: Expression, scope: NameScope, input: Source): SqlType {
  if (e.kind === 'call' && e.name.parts.length === 1) {
    const fn = e.name.parts[0]!.value.toUpperCase();
    if (fn === 'MATCH_PROCTIME')
      return { root: 'TIMESTAMP_LTZ', nullable: false, precision: 3, timeAttribute: 'proctime' };
    if (fn === 'MATCH_ROWTIME') {
      const arg = e.args[0];
      const rowtime = arg
        ? typeOfExpression(arg, scope)
        : input.columns.find((c) => c.type.timeAttribute === 'rowtime')?.type;
      if (!rowtime || rowtime.root === 'UNKNOWN') return UNKNOWN;
      return { root: rowtime.root, nullable: false, precision: 3, timeAttribute: 'rowtime' };
    }
  }
  return materialized(typeOfExpression(e, scope));
}

function patternVariables(p: Pattern, out: string[] = []): string[] {
  switch (p.kind) {
    case 'variable':
      out.push(p.name.value);
      break;
    case 'alternation':
      for (const a of p.alternatives) patternVariables(a, out);
      break;
    case 'concatenation':
    case 'permute':
      for (const a of p.items) patternVariables(a, out);
      break;
    case 'quantified':
      patternVariables(p.term, out);
      break;
    case 'group':
      if (p.pattern) patternVariables(p.pattern, out);
      break;
    case 'exclusion':
      patternVariables(p.pattern, out);
      break;
  }
  return out;
}

/**
 * A select item's type. A plain column keeps its time attribute; Flink materializes time
 * attributes through other expressions (RelTimeIndicatorConverter), so computed ones lose it.
 */
function outputType(e: Expression, scope: NameScope): SqlType {
  let inner = e;
  while (inner.kind === 'parenthesized') inner = inner.expression;
  const t = typeOfExpression(e, scope);
  return inner.kind === 'column' ? t : materialized(t);
}

export function materialized(t: SqlType): SqlType {
  if (!t.timeAttribute) return t;
  const { timeAttribute, ...rest } = t;
  void timeAttribute;
  return rest;
}

/** Calcite's name for a select item without an alias: a column's last name, else `EXPR$<index>`. */
export function derivedName(e: Expression, index: number): string {
  if (e.kind === 'column') return e.name.parts[e.name.parts.length - 1]!.value;
  return `EXPR$${index}`;
}

/** A non-windowed aggregation materializes time attributes of its output (only window_time of a window aggregation survives). */
function isAggregating(q: SelectQuery): boolean {
  return q.groupBy !== undefined && !q.groupBy.items.some(isWindowBound);
}

function isWindowBound(g: GroupItem): boolean {
  if (g.kind === 'groupingSets' || g.kind === 'rollup' || g.kind === 'cube') return g.items.some(isWindowBound);
  if (g.kind !== 'column') return false;
  const last = g.name.parts[g.name.parts.length - 1]!.value;
  return last === 'window_start' || last === 'window_end' || last === 'window_time';
}

function innermostSelect(q: Query): SelectQuery | undefined {
  while (q.kind === 'parenthesized') q = q.query;
  return q.kind === 'select' ? q : undefined;
}

function copy(r: Relation): Relation {
  return { columns: r.columns.map((c) => ({ ...c })), open: r.open };
}

/** A relation's columns renamed by a column list (`AS t(a, b)`, `WITH q(a, b) AS`). */
export function renamed(r: Relation, names: readonly Identifier[] | undefined): Relation {
  if (!names) return r;
  return {
    columns: names.map((n, i) => ({ name: n.value, type: r.columns[i]?.type ?? UNKNOWN })),
    open: false,
  };
}

function aliased(s: Source, alias: TableAlias): Source {
  const r = renamed(s, alias.columns);
  return { qualifiers: [[alias.name.value]], columns: r.columns, open: alias.columns ? false : s.open };
}

function flatten(sources: readonly Source[], merged: ReadonlySet<string>): Source {
  const seen = new Set<string>();
  const columns: RelationColumn[] = [];
  for (const s of sources)
    for (const c of s.columns) {
      if (merged.has(c.name)) {
        if (seen.has(c.name)) continue;
        seen.add(c.name);
      }
      columns.push(c);
    }
  return { qualifiers: [], columns, open: sources.some((s) => s.open) };
}

/** Set operations: the left side's names; a type only when every side agrees on it. */
function unionOf(a: Relation, b: Relation): Relation {
  if (a.open || b.open) return { columns: a.columns, open: true };
  return {
    columns: a.columns.map((c, i) => {
      const other = b.columns[i]?.type;
      return { name: c.name, type: other && formatType(other) === formatType(c.type) ? c.type : UNKNOWN };
    }),
    open: false,
  };
}

/** UNNEST: an array's elements (a ROW's fields spread), a map's key and value, then the ordinal. */
function unnestRelation(types: readonly SqlType[], withOrdinality: boolean): Relation {
  const columns: RelationColumn[] = [];
  let open = false;
  for (const t of types) {
    if ((t.root === 'ARRAY' || t.root === 'MULTISET') && t.element) {
      if (t.element.root === 'ROW' && t.element.fields)
        columns.push(...t.element.fields.map((f) => ({ name: f.name, type: f.type })));
      else columns.push({ name: `EXPR$${columns.length}`, type: t.element });
    } else if (t.root === 'MAP' && t.key && t.value) {
      columns.push({ name: 'KEY', type: t.key }, { name: 'VALUE', type: t.value });
    } else open = true;
  }
  if (withOrdinality) columns.push({ name: 'ORDINALITY', type: { root: 'INT', nullable: false } });
  return { columns, open };
}
