/**
 * Flink's built-in aggregate, window (OVER) and table-valued functions: the aggregate section of
 * its SQL docs, FlinkSqlOperatorTable's aggregate and ranking operators, and the window table
 * functions (TUMBLE, HOP, CUMULATE, SESSION) whose columns the scope analysis adds.
 */
import { arrayOf, arg, argOrNull, avg, notNull, nullable, sum, unknown } from './result-types.js';
import { def, type FunctionSpec } from './spec.js';

const A = 'aggregate';
const W = 'window';
const T = 'table';

export const AGGREGATE_FUNCTIONS: FunctionSpec[] = [
  // COUNT(*), COUNT(x), COUNT(DISTINCT a, b): the parser keeps `*` as an argument.
  def(A, 'COUNT', ['any...'], notNull('BIGINT')),
  def(A, 'AVG', ['numeric'], avg),
  def(A, 'SUM', ['numeric|interval'], sum),
  def(A, 'SUM0|$SUM0', ['numeric'], sum),
  def(A, 'MAX', ['any'], argOrNull(0)),
  def(A, 'MIN', ['any'], argOrNull(0)),
  def(A, 'STDDEV_POP|STDDEVPOP', ['numeric'], argOrNull(0)),
  def(A, 'STDDEV_SAMP|STDDEVSAMP|STDDEV', ['numeric'], argOrNull(0)),
  def(A, 'VAR_POP|VARPOP', ['numeric'], argOrNull(0)),
  def(A, 'VAR_SAMP|VARSAMP|VARIANCE', ['numeric'], argOrNull(0)),
  def(A, 'COLLECT', ['any'], (args) => ({ root: 'MULTISET', nullable: false, element: args[0] ?? unknown(args) })),
  def(A, 'FIRST_VALUE|FIRSTVALUE', ['any, any?'], argOrNull(0)),
  def(A, 'LAST_VALUE|LASTVALUE', ['any, any?'], argOrNull(0)),
  def(A, 'LISTAGG', ['string, string?'], nullable('VARCHAR', { length: 2147483647 })),
  def(A, 'ARRAY_AGG', ['any'], (args) => ({ ...arrayOf(arg(0))(args), nullable: true })),
  def(A, 'APPROX_COUNT_DISTINCT', ['any...'], notNull('BIGINT')),
  def(A, 'SINGLE_VALUE', ['any'], argOrNull(0)),
  def(A, 'PERCENTILE', ['numeric, numeric|array, numeric?'], unknown),
  def(A, 'BOOL_AND|EVERY', ['boolean'], nullable('BOOLEAN')),
  def(A, 'BOOL_OR|SOME', ['boolean'], nullable('BOOLEAN')),
  def(W, 'ROW_NUMBER', [''], notNull('BIGINT')),
  def(W, 'RANK', [''], notNull('BIGINT')),
  def(W, 'DENSE_RANK', [''], notNull('BIGINT')),
  def(W, 'CUME_DIST', [''], notNull('DOUBLE')),
  def(W, 'PERCENT_RANK', [''], notNull('DOUBLE')),
  def(W, 'NTILE', ['integer'], notNull('BIGINT')),
  def(W, 'LEAD', ['any, integer?, any?'], argOrNull(0)),
  def(W, 'LAG', ['any, integer?, any?'], argOrNull(0)),
  def(W, 'NTH_VALUE', ['any, integer'], argOrNull(0)),
  // Window table functions (`TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL …))`, named arguments allowed)
  // and the legacy group windows of the same names (`GROUP BY TUMBLE(ts, INTERVAL …)`).
  def(T, 'TUMBLE', ['any, any, any?, any?'], unknown),
  def(T, 'HOP', ['any, any, any, any?, any?'], unknown),
  def(T, 'CUMULATE', ['any, any, any, any, any?'], unknown),
  def(T, 'SESSION', ['any, any, any?'], unknown),
];
