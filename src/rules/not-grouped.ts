import { nameText } from '../sql/model/common.js';
import type { ColumnRef, Expression, SelectQuery, TableRef } from '../sql/model/query.js';
import { analysisOf, type Relation } from '../semantics/analysis.js';
import {
  aggregateCallsIn,
  functionEnvironment,
  groupExpressions,
  type FunctionEnvironment,
  type LocalColumn,
  ungroupedColumns,
} from './support/grouping.js';
import { selectBlocks, type SelectBlock } from './support/select-blocks.js';
import { sameExpression } from '../semantics/same-expression.js';
import type { Finding, Rule } from './types.js';

/**
 * A SELECT that aggregates (GROUP BY, HAVING, or an aggregate in its select list) may only use
 * a column in SELECT, HAVING and ORDER BY when it is grouped or inside an aggregate: Calcite's
 * validator fails with "Expression 'x' is not being grouped" (`SqlValidatorImpl` with
 * `AggChecker`). Flink's conformance (`FlinkSqlConformance`) allows neither SELECT aliases
 * nor ordinals in GROUP BY or HAVING, only in ORDER BY. Window aggregations
 * (`GROUP BY window_start, window_end` over a window table function) are the same check, so a
 * column they select without grouping it is reported here with a window-specific hint.
 */
export const notGrouped: Rule = {
  id: 'sql/not-grouped',
  severity: 'error',
  description: 'an aggregating SELECT uses a column that is neither in GROUP BY nor inside an aggregate function',
  check(ctx, report) {
    const env = functionEnvironment(ctx);
    const inputs = new Map<SelectQuery, Relation>();
    for (const b of analysisOf(ctx.units).blocks) inputs.set(b.select, b.input);
    for (const block of selectBlocks(ctx)) {
      for (const f of findingsOf(block, env, inputs.get(block.select))) report(f);
    }
  },
};

function findingsOf(block: SelectBlock, env: FunctionEnvironment, input: Relation | undefined): Finding[] {
  const s = block.select;
  // Without FROM every column is unknown: `sql/unknown-column`'s to report, not ours.
  if (!s.from) return [];
  const groups = groupExpressions(s.groupBy);
  // GROUP BY 1 groups by the constant in Flink (no ordinals), which users never mean: too
  // unusual a query to reason about, so nothing is said about it.
  if (groups.some((g) => g.kind === 'literal')) return [];
  const aggregates = s.items.flatMap((i) => aggregateCallsIn(i.expression, env));
  if (!s.groupBy && !s.having && aggregates.length === 0) return [];

  const local = localColumns(block, input);
  const seen = new Set<string>();
  const out: Finding[] = [];
  const check = (e: Expression, clause: 'SELECT' | 'HAVING' | 'ORDER BY') => {
    for (const ref of ungroupedColumns(e, groups, env, local)) {
      const shown = nameText(ref.name);
      if (seen.has(shown)) continue;
      seen.add(shown);
      out.push(finding(block, ref, shown, clause, aggregates[0]?.range));
    }
  };
  for (const item of s.items) check(item.expression, 'SELECT');
  if (s.having) {
    // `HAVING n > 1` with `COUNT(*) AS n`: no such column in Flink, whose HAVING sees no aliases.
    const aliasOnly = (ref: ColumnRef) =>
      !block.correlated &&
      ref.name.parts.length === 1 &&
      aliasNamed(s, ref.name.parts[0]!.value) !== undefined &&
      !input?.columns.some((c) => c.name === ref.name.parts[0]!.value);
    const havingLocal = (ref: ColumnRef) => local(ref) || aliasOnly(ref);
    for (const ref of ungroupedColumns(s.having, groups, env, havingLocal)) {
      const shown = nameText(ref.name);
      if (seen.has(shown)) continue;
      seen.add(shown);
      out.push(finding(block, ref, shown, 'HAVING', aggregates[0]?.range));
    }
  }
  for (const o of block.orderBy ?? []) {
    if (orderRefersToOutput(o.expression, s)) continue;
    check(o.expression, 'ORDER BY');
  }
  return out;
}

/** ORDER BY may name a select item by alias or position, or repeat its expression. */
function orderRefersToOutput(e: Expression, s: SelectQuery): boolean {
  if (e.kind === 'literal' && e.literalKind === 'number') return true;
  if (e.kind === 'column' && e.name.parts.length === 1) {
    const name = e.name.parts[0]!.value;
    if (s.items.some((i) => i.alias?.value === name)) return true;
  }
  return s.items.some((i) => sameExpression(i.expression, e));
}

function finding(
  block: SelectBlock,
  ref: ColumnRef,
  shown: string,
  clause: string,
  aggregate: { start: number; end: number } | undefined,
): Finding {
  const s = block.select;
  const aliasUsed = aliasGroupedOn(s, ref) ?? (clause === 'HAVING' ? aliasNamed(s, shown) : undefined);
  const text = block.unit.text;
  const where = clause === 'SELECT' ? '' : ` in ${clause}`;
  let message: string;
  let hint: string;
  if (aliasUsed) {
    message = `\`${shown}\`${where} is not grouped: Flink does not accept the SELECT alias \`${aliasUsed}\` in ${clause === 'HAVING' ? 'HAVING' : 'GROUP BY'}`;
    hint = `repeat the expression itself in ${clause === 'HAVING' ? 'HAVING' : 'GROUP BY'} instead of its alias (Flink fails with "Expression '${shown}' is not being grouped" or "Column '${aliasUsed}' not found")`;
  } else if (isWindowAggregation(s)) {
    message = `\`${shown}\`${where} is neither grouped nor aggregated in this window aggregation`;
    hint = `add \`${shown}\` to GROUP BY next to window_start and window_end, or aggregate it (MAX(${shown}), LAST_VALUE(${shown}) …); Flink fails with "Expression '${shown}' is not being grouped"`;
  } else if (!s.groupBy) {
    const agg = aggregate ? text.slice(aggregate.start, aggregate.end) : 'an aggregate';
    message = `\`${shown}\`${where} is not aggregated, but this SELECT aggregates all rows into one (${agg}, no GROUP BY)`;
    hint = `add GROUP BY ${shown}, or aggregate it too (MAX(${shown}) …); Flink fails with "Expression '${shown}' is not being grouped"`;
  } else {
    message = `\`${shown}\`${where} is neither in GROUP BY nor inside an aggregate function`;
    hint = `add \`${shown}\` to GROUP BY, or aggregate it (MAX(${shown}), FIRST_VALUE(${shown}) …); Flink fails with "Expression '${shown}' is not being grouped"`;
  }
  return { unit: block.unit, range: ref.name.range, message, hint };
}

/** `SELECT a + 1 AS x … GROUP BY x`: the select item holding `ref` has an alias GROUP BY names. */
function aliasGroupedOn(s: SelectQuery, ref: ColumnRef): string | undefined {
  const item = s.items.find((i) => i.range.start <= ref.range.start && ref.range.end <= i.range.end);
  const alias = item?.alias?.value;
  if (!alias) return undefined;
  const grouped = groupExpressions(s.groupBy).some(
    (g) => g.kind === 'column' && g.name.parts.length === 1 && g.name.parts[0]!.value === alias,
  );
  return grouped ? alias : undefined;
}

function aliasNamed(s: SelectQuery, name: string): string | undefined {
  return s.items.some((i) => i.alias?.value === name) ? name : undefined;
}

const WINDOW_TVFS = new Set(['TUMBLE', 'HOP', 'CUMULATE', 'SESSION']);

function isWindowAggregation(s: SelectQuery): boolean {
  let from = s.from;
  while (from?.kind === 'parenthesizedTable') from = from.table;
  if (from?.kind !== 'tableFunction' || from.call.kind !== 'call') return false;
  const name = from.call.name.parts[from.call.name.parts.length - 1]!.value.toUpperCase();
  const grouped = new Set(
    groupExpressions(s.groupBy).flatMap((g) =>
      g.kind === 'column' ? [g.name.parts[g.name.parts.length - 1]!.value] : [],
    ),
  );
  return WINDOW_TVFS.has(name) && grouped.has('window_start') && grouped.has('window_end');
}

/**
 * Which references are this block's own columns. Without correlation every unqualified name is
 * (an unknown one is `sql/unknown-column`'s to report, and still an error); a qualified one
 * when its qualifier names a FROM item here. Inside a subquery an unqualified name may belong
 * to the enclosing query: only when the analysis lists it among this block's inputs.
 */
function localColumns(block: SelectBlock, input: Relation | undefined): LocalColumn {
  const qualifiers = fromQualifiers(block.select.from);
  const known = input && !input.open ? input : undefined;
  return (ref) => {
    const parts = ref.name.parts.map((p) => p.value);
    if (parts.length === 1) {
      if (known) return known.columns.some((c) => c.name === parts[0]);
      return !block.correlated;
    }
    if (parts.length === 2 && qualifiers.has(parts[0]!)) {
      return !known || known.columns.some((c) => c.name === parts[1] && (!c.qualifier || c.qualifier === parts[0]));
    }
    return false;
  };
}

/** Names that qualify columns of a FROM clause: aliases, or a table's own name when it has none. */
function fromQualifiers(from: TableRef | undefined): Set<string> {
  const out = new Set<string>();
  const stack = from ? [from] : [];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.kind === 'join') {
      stack.push(t.left, t.right);
      continue;
    }
    if (t.alias) out.add(t.alias.name.value);
    else if (t.kind === 'tableName') out.add(t.name.parts[t.name.parts.length - 1]!.value);
    else if (t.kind === 'parenthesizedTable') stack.push(t.table);
  }
  return out;
}
