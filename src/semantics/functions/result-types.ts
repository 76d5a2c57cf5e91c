/**
 * Small rules that derive a built-in function's result type from its argument types, after the
 * type strategies in Flink's BuiltInFunctionDefinitions and the return-type inferences of
 * FlinkSqlOperatorTable. Anything they cannot derive is UNKNOWN.
 */
import { asDecimal, commonType, isIn, plain } from '../implicit-cast.js';
import { MAX_LENGTH, UNKNOWN, isUnknown, type SqlType, type TypeRoot } from '../sql-type.js';

export type ResultRule = (args: readonly SqlType[]) => SqlType;

const anyNullable = (args: readonly SqlType[]): boolean => args.some((a) => a.nullable);

/** A fixed type, nullable when an argument is. */
export const fixed =
  (root: TypeRoot, extra: Partial<SqlType> = {}): ResultRule =>
  (args) => ({ root, nullable: anyNullable(args), ...extra });

/** A fixed type that is never NULL (COUNT, CURRENT_DATE, RAND …). */
export const notNull =
  (root: TypeRoot, extra: Partial<SqlType> = {}): ResultRule =>
  () => ({ root, ...extra, nullable: false });

/** A fixed type that may be NULL whatever its arguments (parsing functions return NULL on bad input). */
export const nullable =
  (root: TypeRoot, extra: Partial<SqlType> = {}): ResultRule =>
  () => ({ root, ...extra, nullable: true });

export const STRING = fixed('VARCHAR', { length: MAX_LENGTH });
export const STRING_OR_NULL = nullable('VARCHAR', { length: MAX_LENGTH });
export const BOOLEAN = fixed('BOOLEAN');
export const INT = fixed('INT');
export const BIGINT = fixed('BIGINT');
export const DOUBLE = fixed('DOUBLE');
export const BYTES = fixed('VARBINARY', { length: MAX_LENGTH });
export const unknown: ResultRule = () => UNKNOWN;

const STRING_TYPE: SqlType = { root: 'VARCHAR', nullable: true, length: MAX_LENGTH };

/** The type of argument `i` (without its time attribute), nullable when any argument is. */
export const arg =
  (i: number): ResultRule =>
  (args) => {
    const a = args[i];
    return a && !isUnknown(a) ? { ...plain(a), nullable: anyNullable(args) } : UNKNOWN;
  };

/** Argument `i`, always nullable (MIN, MAX, LAG …: no row, or no previous row, gives NULL). */
export const argOrNull =
  (i: number): ResultRule =>
  (args) => {
    const a = args[i];
    return a && !isUnknown(a) ? { ...plain(a), nullable: true } : UNKNOWN;
  };

/** The common type of the arguments from `from` on (COALESCE, GREATEST, IF's branches). */
export const common =
  (from = 0, to?: number): ResultRule =>
  (args) =>
    commonType(args.slice(from, to)) ?? UNKNOWN;

/** COALESCE / IFNULL: the common type, NOT NULL as soon as one argument is. */
export const coalesce: ResultRule = (args) => {
  const t = commonType(args);
  if (!t || isUnknown(t)) return UNKNOWN;
  return { ...t, nullable: args.every((a) => a.nullable) };
};

export const elementOf =
  (i: number): ResultRule =>
  (args) => {
    const e = args[i]?.element;
    return e ? { ...e, nullable: true } : UNKNOWN;
  };

export const arrayOf =
  (of: ResultRule): ResultRule =>
  (args) => ({ root: 'ARRAY', nullable: anyNullable(args), element: of(args) });

export const arrayOfString: ResultRule = (args) => ({
  root: 'ARRAY',
  nullable: anyNullable(args),
  element: STRING_TYPE,
});

export const mapKeys: ResultRule = (args) => {
  const k = args[0]?.key;
  return k ? { root: 'ARRAY', nullable: anyNullable(args), element: k } : UNKNOWN;
};
export const mapValues: ResultRule = (args) => {
  const v = args[0]?.value;
  return v ? { root: 'ARRAY', nullable: anyNullable(args), element: v } : UNKNOWN;
};
export const mapFromArrays: ResultRule = (args) => {
  const k = args[0]?.element;
  const v = args[1]?.element;
  return k && v ? { root: 'MAP', nullable: anyNullable(args), key: k, value: v } : UNKNOWN;
};
export const stringMap: ResultRule = (args) => ({
  root: 'MAP',
  nullable: anyNullable(args),
  key: STRING_TYPE,
  value: STRING_TYPE,
});

/** SUM: integers keep their type, DECIMAL(p, s) widens to DECIMAL(38, s) (Flink's SumAggFunction). */
export const sum: ResultRule = (args) => {
  const a = args[0];
  if (!a || isUnknown(a)) return UNKNOWN;
  if (a.root === 'DECIMAL') return { root: 'DECIMAL', nullable: true, precision: 38, scale: a.scale ?? 0 };
  return isIn(a, 'NUMERIC') ? { ...plain(a), nullable: true } : UNKNOWN;
};

/** AVG: integers keep their type, DECIMAL(p, s) gives DECIMAL(38, max(6, s)) (Flink's AvgAggFunction). */
export const avg: ResultRule = (args) => {
  const a = args[0];
  if (!a || isUnknown(a)) return UNKNOWN;
  if (a.root === 'DECIMAL') return { root: 'DECIMAL', nullable: true, precision: 38, scale: Math.max(6, a.scale ?? 0) };
  return isIn(a, 'NUMERIC') ? { ...plain(a), nullable: true } : UNKNOWN;
};

/** ROUND/TRUNCATE keep the numeric type; a DECIMAL's scale becomes the literal digits, not known here. */
export const rounded: ResultRule = (args) => {
  const a = args[0];
  if (!a || isUnknown(a)) return UNKNOWN;
  if (a.root === 'DECIMAL') {
    const d = asDecimal(a)!;
    return { root: 'DECIMAL', nullable: anyNullable(args), precision: d.precision, scale: d.scale };
  }
  return arg(0)(args);
};
