/**
 * What the streaming rules ask of the analysis: the type a column reference resolved to (with its
 * time attribute), and the FROM items of a SELECT block.
 */
import type { JobAnalysis } from '../../semantics/analysis.js';
import { isUnknown, type SqlType } from '../../semantics/sql-type.js';
import type { SqlUnit } from '../../sql/build-units.js';
import type { QualifiedName } from '../../sql/model/common.js';
import type { ColumnRef, Expression, SelectQuery, TableRef } from '../../sql/model/query.js';

const typesByAnalysis = new WeakMap<JobAnalysis, Map<ColumnRef, SqlType>>();

/** The type a column reference resolved to; undefined when it did not resolve or its type is unknown. */
export function referenceType(analysis: JobAnalysis, ref: ColumnRef): SqlType | undefined {
  let types = typesByAnalysis.get(analysis);
  if (!types) {
    types = new Map();
    for (const r of analysis.references) if (r.resolution.kind === 'column') types.set(r.ref, r.resolution.type);
    typesByAnalysis.set(analysis, types);
  }
  const t = types.get(ref);
  return t && !isUnknown(t) ? t : undefined;
}

/** The type of an expression when it is a (parenthesised) column reference the analysis resolved. */
export function columnExpressionType(analysis: JobAnalysis, e: Expression): SqlType | undefined {
  const u = unwrap(e);
  return u.kind === 'column' ? referenceType(analysis, u) : undefined;
}

export const unwrap = (e: Expression): Expression => (e.kind === 'parenthesized' ? unwrap(e.expression) : e);

/** The FROM items of one block, joins flattened; derived tables are their own blocks and not entered. */
export function* fromItems(t: TableRef | undefined): Generator<TableRef> {
  const stack: TableRef[] = t ? [t] : [];
  while (stack.length > 0) {
    const x = stack.pop()!;
    yield x;
    if (x.kind === 'join') stack.push(x.right, x.left);
    else if (x.kind === 'parenthesizedTable') stack.push(x.table);
    else if (x.kind === 'matchRecognize') stack.push(x.input);
  }
}

/** `name` of a call written with one name part, upper case; undefined for other expressions. */
export function callName(e: Expression): string | undefined {
  const u = unwrap(e);
  return u.kind === 'call' && u.name.parts.length === 1 ? u.name.parts[0]!.value.toUpperCase() : undefined;
}

const isTimestamp = (t: SqlType): boolean => t.root === 'TIMESTAMP' || t.root === 'TIMESTAMP_LTZ';

/**
 * Whether a reference's type tells for sure that it is no time attribute. A non-timestamp type
 * never is one. A TIMESTAMP without a time attribute is trusted only when it comes straight from
 * a table of the job's catalog named in the block's FROM: through a view, a subquery or a CTE the
 * attribute may have been lost by the analysis (PROCTIME() in a view's select list stays one in
 * Flink), and a false alarm is worse than a miss.
 */
export function surelyNotTimeAttribute(
  analysis: JobAnalysis,
  select: SelectQuery,
  ref: ColumnRef,
  type: SqlType,
): boolean {
  if (type.timeAttribute) return false;
  if (!isTimestamp(type)) return true;
  const qualifier = ref.name.parts.length > 1 ? ref.name.parts[ref.name.parts.length - 2]!.value : undefined;
  const items = [...fromItems(select.from)].filter((t) => t.kind !== 'join' && t.kind !== 'parenthesizedTable');
  const candidates = qualifier === undefined ? items : items.filter((t) => qualifierOf(t) === qualifier);
  return candidates.length > 0 && candidates.every((t) => isBaseTable(analysis, t));
}

function qualifierOf(t: TableRef): string | undefined {
  if (t.kind !== 'join' && t.alias) return t.alias.name.value;
  return t.kind === 'tableName' ? t.name.parts[t.name.parts.length - 1]!.value : undefined;
}

function isBaseTable(analysis: JobAnalysis, t: TableRef): boolean {
  if (t.kind !== 'tableName') return false;
  const found = analysis.lookup(t.name);
  return found.kind === 'known' && found.table.kind === 'table' && !found.table.query;
}

/** A window TVF's table argument is a table of the job's catalog (not a view or a subquery). */
export function isBaseTableName(analysis: JobAnalysis, name: QualifiedName): boolean {
  const found = analysis.lookup(name);
  return found.kind === 'known' && found.table.kind === 'table' && !found.table.query;
}

const mentionMemo = new WeakMap<SqlUnit, Map<string, boolean>>();

/**
 * Whether a unit's text mentions a keyword at all (case-insensitively): rules about OVER, window
 * functions or FOR SYSTEM_TIME skip the blocks of a unit that never writes it, which is most of them.
 */
export function mentions(unit: SqlUnit, pattern: RegExp): boolean {
  let memo = mentionMemo.get(unit);
  if (!memo) mentionMemo.set(unit, (memo = new Map()));
  let hit = memo.get(pattern.source);
  if (hit === undefined) memo.set(pattern.source, (hit = pattern.test(unit.text)));
  return hit;
}
