/**
 * Which calls aggregate rows, which are the plain scalar built-ins a grouping check may look
 * inside, and which belong to the legacy group windows. Names from Flink's
 * `BuiltInFunctionDefinitions` and `FlinkSqlOperatorTable` (the aggregate and scalar sections)
 * and Calcite's `SqlStdOperatorTable`; the lists are deliberately incomplete on the scalar side:
 * a call missing there is treated as "could be anything", so the rules stay quiet inside it.
 */
import type { QualifiedName } from '../sql/model/common.js';

/** Built-in aggregate functions (without OVER they collapse rows; GROUPING and friends read the groups). */
const AGGREGATES = new Set([
  'COUNT',
  'SUM',
  'SUM0',
  'AVG',
  'MIN',
  'MAX',
  'STDDEV',
  'STDDEV_POP',
  'STDDEV_SAMP',
  'VARIANCE',
  'VAR_POP',
  'VAR_SAMP',
  'COLLECT',
  'LISTAGG',
  'FIRST_VALUE',
  'LAST_VALUE',
  'ARRAY_AGG',
  'JSON_OBJECTAGG',
  'JSON_ARRAYAGG',
  'APPROX_COUNT_DISTINCT',
  'PERCENTILE',
  'SINGLE_VALUE',
  'BIT_AND',
  'BIT_OR',
  'BIT_XOR',
  'EVERY',
  'SOME',
  'BOOL_AND',
  'BOOL_OR',
  'ANY_VALUE',
  'GROUPING',
  'GROUPING_ID',
  'GROUP_ID',
]);

/**
 * Built-in scalar functions: a column inside one of them is as grouped as the column itself.
 * Only names no user function can shadow without a CREATE FUNCTION the job would show.
 */
const SCALARS = new Set([
  'ABS',
  'MOD',
  'SQRT',
  'POWER',
  'POW',
  'LN',
  'LOG',
  'LOG10',
  'LOG2',
  'EXP',
  'CEIL',
  'CEILING',
  'FLOOR',
  'ROUND',
  'TRUNCATE',
  'SIGN',
  'SIN',
  'COS',
  'TAN',
  'RAND',
  'RAND_INTEGER',
  'UPPER',
  'LOWER',
  'INITCAP',
  'CHAR_LENGTH',
  'CHARACTER_LENGTH',
  'LENGTH',
  'CONCAT',
  'CONCAT_WS',
  'LPAD',
  'RPAD',
  'LTRIM',
  'RTRIM',
  'REPLACE',
  'REPEAT',
  'REVERSE',
  'SPLIT_INDEX',
  'REGEXP_REPLACE',
  'REGEXP_EXTRACT',
  'REGEXP',
  'SUBSTR',
  'LEFT',
  'RIGHT',
  'LOCATE',
  'INSTR',
  'MD5',
  'SHA1',
  'SHA256',
  'TO_BASE64',
  'FROM_BASE64',
  'HEX',
  'COALESCE',
  'NULLIF',
  'IF',
  'IFNULL',
  'IS_ALPHA',
  'IS_DECIMAL',
  'IS_DIGIT',
  'GREATEST',
  'LEAST',
  'DATE_FORMAT',
  'TO_DATE',
  'TO_TIMESTAMP',
  'TO_TIMESTAMP_LTZ',
  'FROM_UNIXTIME',
  'UNIX_TIMESTAMP',
  'TIMESTAMPDIFF',
  'CONVERT_TZ',
  'YEAR',
  'QUARTER',
  'MONTH',
  'WEEK',
  'DAYOFYEAR',
  'DAYOFMONTH',
  'DAYOFWEEK',
  'HOUR',
  'MINUTE',
  'SECOND',
  'DATE_ADD',
  'DATE_SUB',
  'DATEDIFF',
  'CARDINALITY',
  'ELEMENT',
  'MAP_KEYS',
  'MAP_VALUES',
  'ARRAY_CONTAINS',
  'ARRAY_DISTINCT',
  'ARRAY_JOIN',
  'UUID',
  'HASH_CODE',
]);

/** Legacy group-window functions (`GROUP BY TUMBLE(ts, …)`) and their auxiliaries (`TUMBLE_START(ts, …)`). */
const GROUP_WINDOWS = new Set(['TUMBLE', 'HOP', 'SESSION']);
const GROUP_WINDOW_AUXILIARIES = /^(TUMBLE|HOP|SESSION)_(START|END|ROWTIME|PROCTIME)$/;

/**
 * Unquoted identifiers Calcite reads as niladic functions when no column has the name
 * (our parser keeps some of them as column references).
 */
const NILADIC = new Set([
  'PI',
  'USER',
  'CURRENT_USER',
  'SESSION_USER',
  'SYSTEM_USER',
  'CURRENT_ROLE',
  'CURRENT_PATH',
  'CURRENT_CATALOG',
  'CURRENT_SCHEMA',
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
  'LOCALTIME',
  'LOCALTIMESTAMP',
]);

/** The functions a job adds: what its scripts declare, and whether a module may add any name. */
export interface FunctionEnvironment {
  declared: ReadonlySet<string>;
  modulesLoaded: boolean;
}

/** An unqualified built-in name that the job did not take over with a function of its own. */
function builtinName(name: QualifiedName, env: FunctionEnvironment): string | undefined {
  if (name.parts.length !== 1 || env.modulesLoaded) return undefined;
  const part = name.parts[0]!;
  if (env.declared.has(part.value.toLowerCase())) return undefined;
  return part.value.toUpperCase();
}

export function isBuiltinAggregate(name: QualifiedName, env: FunctionEnvironment): boolean {
  const n = builtinName(name, env);
  return n !== undefined && AGGREGATES.has(n);
}

export function isBuiltinScalar(name: QualifiedName, env: FunctionEnvironment): boolean {
  const n = builtinName(name, env);
  return n !== undefined && SCALARS.has(n);
}

export function isGroupWindow(name: QualifiedName): boolean {
  return name.parts.length === 1 && GROUP_WINDOWS.has(name.parts[0]!.value.toUpperCase());
}

export function isGroupWindowAuxiliary(name: QualifiedName): boolean {
  return name.parts.length === 1 && GROUP_WINDOW_AUXILIARIES.test(name.parts[0]!.value.toUpperCase());
}

export function isNiladicFunctionName(name: QualifiedName): boolean {
  return name.parts.length === 1 && !name.parts[0]!.quoted && NILADIC.has(name.parts[0]!.value.toUpperCase());
}

/** Special-syntax calls that aggregate. */
export function isAggregateSpecialCall(name: string): boolean {
  const n = name.toUpperCase();
  return n === 'JSON_OBJECTAGG' || n === 'JSON_ARRAYAGG';
}
