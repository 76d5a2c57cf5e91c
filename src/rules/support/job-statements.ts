/**
 * The statements of a job in the order Flink runs them (files in manifest order), each with
 * the unit it comes from — the shape every cross-statement rule walks.
 */
import type { QualifiedName } from '../../sql/model/common.js';
import type { CreateTable, Insert, Statement, TableOption } from '../../sql/model/statements.js';
import { LineMap, type Range } from '../../text/source.js';
import type { RuleContext, SqlUnit } from '../types.js';

export interface Located<S> {
  unit: SqlUnit;
  statement: S;
}

// Keyed by the units array: most rules walk the job's statements, and one list serves them all.
const located = new WeakMap<readonly SqlUnit[], readonly Located<Statement>[]>();

export function jobStatements(ctx: RuleContext): readonly Located<Statement>[] {
  let list = located.get(ctx.units);
  if (!list) {
    list = ctx.units.flatMap((unit) => unit.parsed.statements.map((statement) => ({ unit, statement })));
    located.set(ctx.units, list);
  }
  return list;
}

/**
 * Every INSERT that runs: top level, inside statement sets, and the one under
 * EXPLAIN / COMPILE PLAN (those plan without running, but name tables all the same).
 */
export function insertsOf(statement: Statement): Insert[] {
  switch (statement.kind) {
    case 'insert':
      return [statement];
    case 'statementSet':
      return statement.statements;
    case 'explain':
    case 'compilePlan':
      return insertsOf(statement.statement);
    default:
      return [];
  }
}

/** Options of a statement that carries a WITH list (tables, catalogs, databases …). */
export function withOptionsOf(statement: Statement): TableOption[] {
  switch (statement.kind) {
    case 'createTable':
    case 'createCatalog':
    case 'createDatabase':
    case 'createModel':
    case 'createMaterializedTable':
    case 'loadModule':
    case 'alterDatabase':
      return statement.options;
    case 'alterTable':
    case 'alterCatalog':
    case 'alterModel':
    case 'alterMaterializedTable':
      return statement.change.action === 'setOptions' || statement.change.action === 'resumeWith'
        ? statement.change.options
        : [];
    default:
      return [];
  }
}

/** The option with that key (Flink keys are case-sensitive). */
export function optionNamed(options: readonly TableOption[], key: string): TableOption | undefined {
  return options.find((o) => o.key.value === key);
}

export function optionMap(options: readonly TableOption[]): Map<string, string> {
  return new Map(options.map((o) => [o.key.value, o.value.value]));
}

/** From the first option's start to the last option's end: the WITH list's contents. */
export function optionsRange(table: Pick<CreateTable, 'options' | 'name'>): Range {
  const first = table.options[0];
  const last = table.options[table.options.length - 1];
  return first && last ? { start: first.range.start, end: last.range.end } : table.name.range;
}

export const nameParts = (name: QualifiedName): string[] => name.parts.map((p) => p.value);

/** Flink's defaults: an unqualified name lives in `default_catalog.default_database`. */
const DEFAULT_PREFIX = ['default_catalog', 'default_database'];

/** The name with the default catalog/database spelled out dropped: `default_catalog.default_database.t` → `t`. */
export function shortParts(parts: readonly string[]): string[] {
  if (parts.length === 3 && parts[0] === DEFAULT_PREFIX[0] && parts[1] === DEFAULT_PREFIX[1]) return [parts[2]!];
  if (parts.length === 2 && parts[0] === DEFAULT_PREFIX[1]) return [parts[1]!];
  return [...parts];
}

/**
 * Whether two names may denote the same table. Without tracking `USE db` precisely we match
 * when one name is a suffix of the other (`orders` ~ `shop.orders`): a missed report is
 * cheaper than a false alarm that blocks a pull request.
 */
export function sameTable(a: readonly string[], b: readonly string[]): boolean {
  const x = shortParts(a);
  const y = shortParts(b);
  const n = Math.min(x.length, y.length);
  for (let i = 1; i <= n; i++) if (x[x.length - i] !== y[y.length - i]) return false;
  return true;
}

export const displayName = (parts: readonly string[]): string =>
  parts.map((p) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? p : '`' + p.replace(/`/g, '``') + '`')).join('.');

/** The part of `range` on its first line: keeps an annotation on a long statement to one line. */
export function firstLine(text: string, range: Range): Range {
  const nl = text.slice(range.start, range.end).search(/[\r\n]/);
  return nl < 0 ? range : { start: range.start, end: range.start + nl };
}

// One line index per unit: rules call `whereIs` once per finding, and counting newlines from the
// start of the file each time made 9,000 duplicate tables in one file take seconds (quadratic).
const lineMaps = new WeakMap<SqlUnit, LineMap>();

/** `file:line` of an offset in a unit's parsed text, for messages that point at another statement. */
export function whereIs(unit: SqlUnit, offset: number): string {
  let lines = lineMaps.get(unit);
  if (!lines) lineMaps.set(unit, (lines = new LineMap(unit.original)));
  const original = Math.min(unit.toOriginal(offset), unit.original.length);
  return `${unit.file}:${lines.position(original).line}`;
}
