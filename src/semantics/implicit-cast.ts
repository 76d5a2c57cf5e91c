/**
 * Which types Flink converts into which without being asked: its implicit-cast table (flink-table-common,
 * `LogicalTypeCasts.supportsImplicitCast`), its explicit one (`supportsExplicitCast`, what CAST accepts),
 * what a sink column takes from a query column (flink-table-planner, `DynamicSinkUtils
 * .validateSchemaAndApplyImplicitCast`), and the common type of CASE branches and set-operation
 * columns. An UNKNOWN anywhere is accepted: the analysis does not know, so it does not object.
 */
import { MAX_LENGTH, UNKNOWN, isUnknown, type SqlType, type TypeRoot } from './sql-type.js';

type Family =
  | 'CHARACTER_STRING'
  | 'BINARY_STRING'
  | 'NUMERIC'
  | 'EXACT_NUMERIC'
  | 'INTEGER_NUMERIC'
  | 'TIMESTAMP'
  | 'DATETIME'
  | 'INTERVAL';

const FAMILIES: Record<Family, readonly TypeRoot[]> = {
  CHARACTER_STRING: ['CHAR', 'VARCHAR'],
  BINARY_STRING: ['BINARY', 'VARBINARY'],
  INTEGER_NUMERIC: ['TINYINT', 'SMALLINT', 'INT', 'BIGINT'],
  EXACT_NUMERIC: ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'DECIMAL'],
  NUMERIC: ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'DECIMAL', 'FLOAT', 'DOUBLE'],
  TIMESTAMP: ['TIMESTAMP', 'TIMESTAMP_TZ', 'TIMESTAMP_LTZ'],
  DATETIME: ['DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP_TZ', 'TIMESTAMP_LTZ'],
  INTERVAL: ['INTERVAL_YEAR_MONTH', 'INTERVAL_DAY_TIME'],
};

export const isIn = (t: SqlType, family: Family): boolean => FAMILIES[family].includes(t.root);

const ATOMIC_TARGETS: TypeRoot[] = [
  'CHAR',
  'VARCHAR',
  'BOOLEAN',
  'BINARY',
  'VARBINARY',
  'DECIMAL',
  'TINYINT',
  'SMALLINT',
  'INT',
  'BIGINT',
  'FLOAT',
  'DOUBLE',
  'DATE',
  'TIME',
  'TIMESTAMP',
  'TIMESTAMP_TZ',
  'TIMESTAMP_LTZ',
  'INTERVAL_YEAR_MONTH',
  'INTERVAL_DAY_TIME',
];
const CONSTRUCTED: TypeRoot[] = ['ARRAY', 'MULTISET', 'MAP', 'ROW'];
const ALL_PREDEFINED: (TypeRoot | Family)[] = [...ATOMIC_TARGETS];

/** Sources each target accepts, as roots or families; written after LogicalTypeCasts' static table. */
const IMPLICIT: Partial<Record<TypeRoot, (TypeRoot | Family)[]>> = {
  CHAR: ['CHAR'],
  VARCHAR: ['CHARACTER_STRING'],
  BOOLEAN: ['BOOLEAN'],
  BINARY: ['BINARY'],
  VARBINARY: ['BINARY_STRING'],
  DECIMAL: ['NUMERIC'],
  TINYINT: ['TINYINT'],
  SMALLINT: ['TINYINT', 'SMALLINT'],
  INT: ['TINYINT', 'SMALLINT', 'INT'],
  BIGINT: ['INTEGER_NUMERIC'],
  FLOAT: ['INTEGER_NUMERIC', 'FLOAT', 'DECIMAL'],
  DOUBLE: ['NUMERIC'],
  DATE: ['DATE', 'TIMESTAMP'],
  TIME: ['TIME', 'TIMESTAMP'],
  TIMESTAMP: ['TIMESTAMP', 'TIMESTAMP_LTZ'],
  TIMESTAMP_TZ: ['TIMESTAMP_TZ'],
  TIMESTAMP_LTZ: ['TIMESTAMP_LTZ', 'TIMESTAMP'],
  INTERVAL_YEAR_MONTH: ['INTERVAL_YEAR_MONTH'],
  INTERVAL_DAY_TIME: ['INTERVAL_DAY_TIME'],
};

/** What CAST accepts beyond the implicit table (LogicalTypeCasts' `explicitFrom…` entries). */
const EXPLICIT: Partial<Record<TypeRoot, (TypeRoot | Family)[]>> = {
  CHAR: [...ALL_PREDEFINED, ...CONSTRUCTED, 'RAW'],
  VARCHAR: [...ALL_PREDEFINED, ...CONSTRUCTED, 'RAW'],
  BOOLEAN: ['CHARACTER_STRING', 'INTEGER_NUMERIC'],
  BINARY: ['CHARACTER_STRING', 'VARBINARY', 'RAW'],
  VARBINARY: ['CHARACTER_STRING', 'BINARY', 'RAW'],
  DECIMAL: ['CHARACTER_STRING', 'INTERVAL', 'BOOLEAN', 'TIMESTAMP', 'TIMESTAMP_LTZ'],
  TINYINT: ['NUMERIC', 'CHARACTER_STRING', 'INTERVAL', 'BOOLEAN', 'TIMESTAMP', 'TIMESTAMP_LTZ'],
  SMALLINT: ['NUMERIC', 'CHARACTER_STRING', 'INTERVAL', 'BOOLEAN', 'TIMESTAMP', 'TIMESTAMP_LTZ'],
  INT: ['NUMERIC', 'CHARACTER_STRING', 'INTERVAL', 'BOOLEAN', 'TIMESTAMP', 'TIMESTAMP_LTZ'],
  BIGINT: ['NUMERIC', 'CHARACTER_STRING', 'INTERVAL', 'BOOLEAN', 'TIMESTAMP', 'TIMESTAMP_LTZ'],
  FLOAT: ['NUMERIC', 'CHARACTER_STRING', 'BOOLEAN', 'TIMESTAMP', 'TIMESTAMP_LTZ'],
  DOUBLE: ['NUMERIC', 'CHARACTER_STRING', 'BOOLEAN', 'TIMESTAMP', 'TIMESTAMP_LTZ'],
  DATE: ['TIMESTAMP', 'CHARACTER_STRING'],
  TIME: ['TIME', 'TIMESTAMP', 'CHARACTER_STRING'],
  TIMESTAMP: ['DATETIME', 'CHARACTER_STRING', 'NUMERIC'],
  TIMESTAMP_TZ: ['DATETIME', 'CHARACTER_STRING'],
  TIMESTAMP_LTZ: ['DATETIME', 'CHARACTER_STRING', 'NUMERIC'],
  INTERVAL_YEAR_MONTH: ['EXACT_NUMERIC', 'CHARACTER_STRING'],
  INTERVAL_DAY_TIME: ['EXACT_NUMERIC', 'CHARACTER_STRING'],
};

function listed(entries: (TypeRoot | Family)[] | undefined, source: TypeRoot): boolean {
  if (!entries) return false;
  return entries.some((e) => e === source || (e in FAMILIES && FAMILIES[e as Family].includes(source)));
}

/** The parts of a constructed type, in order (a ROW's field types, a MAP's key and value). */
function children(t: SqlType): SqlType[] {
  switch (t.root) {
    case 'ARRAY':
    case 'MULTISET':
      return t.element ? [t.element] : [];
    case 'MAP':
      return t.key && t.value ? [t.key, t.value] : [];
    case 'ROW':
      return (t.fields ?? []).map((f) => f.type);
    default:
      return [];
  }
}

interface CastOptions {
  explicit: boolean;
  /** The sink's view: NOT NULL is checked when rows are written, not when the job is planned. */
  ignoreNullability: boolean;
}

function supportsCasting(source: SqlType, target: SqlType, o: CastOptions): boolean {
  if (isUnknown(source) || isUnknown(target)) return true;
  if (!o.ignoreNullability && !o.explicit && source.nullable && !target.nullable) return false;
  if (source.root === 'NULL') return true;
  // A single-field interval and an exact number convert both ways, even implicitly; which fields an
  // interval type has is not recorded here, so the analysis gives it the benefit of the doubt.
  if (
    (isIn(source, 'INTERVAL') && isIn(target, 'EXACT_NUMERIC')) ||
    (isIn(source, 'EXACT_NUMERIC') && isIn(target, 'INTERVAL'))
  )
    return true;
  const sc = CONSTRUCTED.includes(source.root);
  const tc = CONSTRUCTED.includes(target.root);
  if (sc && tc) {
    if (source.root !== target.root) return false;
    const s = children(source);
    const t = children(target);
    // A constructed type whose parts were not recorded cannot be judged.
    if (s.length === 0 || t.length === 0) return true;
    return s.length === t.length && s.every((c, i) => supportsCasting(c, t[i]!, o));
  }
  if (source.root === 'RAW' || target.root === 'RAW') {
    if (source.root === target.root) return true; // same class or not: not recorded
    if (target.root === 'RAW') return false;
    if (!isIn(target, 'CHARACTER_STRING') && !isIn(target, 'BINARY_STRING')) return false;
  }
  if (listed(IMPLICIT[target.root], source.root)) return true;
  return o.explicit && listed(EXPLICIT[target.root], source.root);
}

/** Flink's `supportsImplicitCast`: a NULL-able value never goes implicitly into a NOT NULL type. */
export function supportsImplicitCast(source: SqlType, target: SqlType): boolean {
  return supportsCasting(source, target, { explicit: false, ignoreNullability: false });
}

/** Flink's `supportsExplicitCast`: what `CAST(x AS t)` accepts. */
export function supportsExplicitCast(source: SqlType, target: SqlType): boolean {
  return supportsCasting(source, target, { explicit: true, ignoreNullability: false });
}

/**
 * How a query column is written into a sink column. Flink first makes the sink's types nullable
 * (DynamicSinkUtils.fixSinkDataType: NOT NULL is enforced per row by `table.exec.sink.not-null-enforcer`),
 * then requires an implicit cast, and adds one unless the types can be used as they are
 * (`supportsAvoidingCast`). A longer string into a VARCHAR(n)/CHAR(n) column is cast (and trimmed or
 * padded at run time per `table.exec.sink.type-length-enforcer`); a time attribute is written as the
 * plain timestamp it holds.
 */
export function sinkAccepts(query: SqlType, sink: SqlType): 'as-is' | 'cast' | 'refused' {
  if (!supportsCasting(query, sink, { explicit: false, ignoreNullability: true })) return 'refused';
  return avoidsCast(query, sink) ? 'as-is' : 'cast';
}

/** `supportsAvoidingCast` without nullability (the sink's types are nullable by then). */
function avoidsCast(s: SqlType, t: SqlType): boolean {
  if (isUnknown(s) || isUnknown(t)) return true;
  if (t.root === 'VARCHAR' && (s.root === 'CHAR' || s.root === 'VARCHAR')) return (s.length ?? 1) <= (t.length ?? 1);
  if (t.root === 'VARBINARY' && (s.root === 'BINARY' || s.root === 'VARBINARY'))
    return (s.length ?? 1) <= (t.length ?? 1);
  if (s.root !== t.root) return false;
  const sc = children(s);
  const tc = children(t);
  if (sc.length > 0 || tc.length > 0) return sc.length === tc.length && sc.every((c, i) => avoidsCast(c, tc[i]!));
  return s.length === t.length && s.precision === t.precision && s.scale === t.scale;
}

/** Coarse groups whose members Calcite (type coercion off, as Flink runs it) never unifies with another group. */
function group(t: SqlType): string {
  if (isIn(t, 'CHARACTER_STRING')) return 'string';
  if (isIn(t, 'BINARY_STRING')) return 'binary';
  if (isIn(t, 'NUMERIC')) return 'numeric';
  if (isIn(t, 'DATETIME')) return 'datetime';
  return t.root;
}

const INTEGER_RANK: Partial<Record<TypeRoot, number>> = { TINYINT: 1, SMALLINT: 2, INT: 3, BIGINT: 4 };
const INTEGER_DIGITS: Partial<Record<TypeRoot, number>> = { TINYINT: 3, SMALLINT: 5, INT: 10, BIGINT: 19 };

/** An exact number as a DECIMAL(p, s) (integers with the digits their range needs). */
export function asDecimal(t: SqlType): { precision: number; scale: number } | undefined {
  if (t.root === 'DECIMAL') return { precision: t.precision ?? 10, scale: t.scale ?? 0 };
  const digits = INTEGER_DIGITS[t.root];
  return digits === undefined ? undefined : { precision: digits, scale: 0 };
}

/** The type without its time attribute: a CASE or UNION over a rowtime yields a plain timestamp. */
export function plain(t: SqlType): SqlType {
  if (!t.timeAttribute) return t;
  const { timeAttribute, ...rest } = t;
  void timeAttribute;
  return rest;
}

function commonOfTwo(a: SqlType, b: SqlType): SqlType | undefined {
  const nullable = a.nullable || b.nullable;
  if (a.root === 'NULL') return { ...plain(b), nullable: true };
  if (b.root === 'NULL') return { ...plain(a), nullable: true };
  // RAW types unify only with the same class, which is not recorded here.
  if (a.root === 'RAW' || b.root === 'RAW') return UNKNOWN;
  if (group(a) !== group(b)) return undefined;
  const plainA = plain(a);
  switch (group(a)) {
    case 'string': {
      const length = Math.max(a.length ?? 1, b.length ?? 1);
      const root = a.root === 'CHAR' && b.root === 'CHAR' ? 'CHAR' : 'VARCHAR';
      return { root, nullable, length: Math.min(length, MAX_LENGTH) };
    }
    case 'binary':
      return { root: 'VARBINARY', nullable, length: Math.max(a.length ?? 1, b.length ?? 1) };
    case 'numeric': {
      if (a.root === 'DOUBLE' || b.root === 'DOUBLE') return { root: 'DOUBLE', nullable };
      if (a.root === 'FLOAT' || b.root === 'FLOAT') return { root: 'FLOAT', nullable };
      if (a.root === 'DECIMAL' || b.root === 'DECIMAL') {
        const da = asDecimal(a)!;
        const db = asDecimal(b)!;
        const scale = Math.max(da.scale, db.scale);
        const precision = Math.min(38, Math.max(da.precision - da.scale, db.precision - db.scale) + scale);
        return { root: 'DECIMAL', nullable, precision, scale };
      }
      return { ...((INTEGER_RANK[a.root] ?? 0) >= (INTEGER_RANK[b.root] ?? 0) ? a : b), nullable };
    }
    case 'datetime':
      // DATE with TIMESTAMP and the like: versions of Calcite differ; not worth a false alarm.
      return a.root === b.root
        ? { ...plainA, nullable, precision: Math.max(a.precision ?? 0, b.precision ?? 0) }
        : UNKNOWN;
    case 'ARRAY':
    case 'MULTISET':
    case 'MAP':
    case 'ROW':
      return a.root === b.root ? { ...plainA, nullable } : undefined;
    default:
      return a.root === b.root ? { ...plainA, nullable } : undefined;
  }
}

/**
 * The type CASE branches or the columns of UNION/INTERSECT/EXCEPT share (Calcite's `leastRestrictive`
 * as FlinkTypeFactory runs it), UNKNOWN when one of them is unknown, undefined when there is none.
 */
export function commonType(types: readonly SqlType[]): SqlType | undefined {
  if (types.length === 0) return UNKNOWN;
  if (types.some(isUnknown)) return UNKNOWN;
  let acc: SqlType = types[0]!;
  for (const t of types.slice(1)) {
    const next = commonOfTwo(acc, t);
    if (!next) return undefined;
    if (isUnknown(next)) return UNKNOWN;
    acc = next;
  }
  return acc;
}
