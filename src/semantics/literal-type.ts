/**
 * Types of literals as Calcite gives them in Flink: `1` INT, `3000000000` BIGINT, `1.50` DECIMAL(3, 2),
 * `1e3` DOUBLE, `'abc'` CHAR(3), `X'0a'` BINARY(1), `TIMESTAMP '2024-01-01 10:00:00.123'` TIMESTAMP(3) —
 * all NOT NULL; `NULL` has the NULL type, `UNKNOWN` is a nullable BOOLEAN.
 */
import type { IntervalLiteral, Literal, TypedLiteral } from '../sql/model/query.js';
import { UNKNOWN, type SqlType } from './sql-type.js';

const INT_MAX = 2147483647n;
const BIGINT_MAX = 9223372036854775807n;

export function typeOfLiteral(lit: Literal): SqlType {
  switch (lit.literalKind) {
    case 'number':
      return typeOfNumber(lit.value);
    case 'string':
      return { root: 'CHAR', nullable: false, length: [...lit.value].length };
    case 'binary': {
      const hex = lit.value.replace(/^[xX]'|'$/g, '').replace(/[^0-9a-fA-F]/g, '');
      return { root: 'BINARY', nullable: false, length: Math.ceil(hex.length / 2) };
    }
    case 'boolean':
      return { root: 'BOOLEAN', nullable: false };
    case 'unknown':
      return { root: 'BOOLEAN', nullable: true };
    case 'null':
      return { root: 'NULL', nullable: true };
  }
}

function typeOfNumber(text: string): SqlType {
  const t = text.replace(/^[+-]/, '');
  if (/[eE]/.test(t)) return { root: 'DOUBLE', nullable: false };
  if (t.includes('.')) {
    const [whole = '', fraction = ''] = t.split('.');
    const digits = (whole + fraction).replace(/^0+/, '');
    const scale = fraction.length;
    return { root: 'DECIMAL', nullable: false, precision: Math.max(digits.length, scale, 1), scale };
  }
  if (!/^\d+$/.test(t)) return UNKNOWN;
  const n = BigInt(t);
  if (n <= INT_MAX) return { root: 'INT', nullable: false };
  if (n <= BIGINT_MAX) return { root: 'BIGINT', nullable: false };
  return { root: 'DECIMAL', nullable: false, precision: t.replace(/^0+/, '').length, scale: 0 };
}

/** The fractional-second digits of a time or timestamp literal: its precision. */
function fractionDigits(value: string): number {
  const m = /\.(\d+)\s*$/.exec(value.trim());
  return m ? m[1]!.length : 0;
}

export function typeOfTypedLiteral(lit: TypedLiteral): SqlType {
  switch (lit.type) {
    case 'DATE':
      return { root: 'DATE', nullable: false };
    case 'TIME':
      return { root: 'TIME', nullable: false, precision: fractionDigits(lit.value) };
    case 'TIMESTAMP':
      return { root: 'TIMESTAMP', nullable: false, precision: fractionDigits(lit.value) };
    case 'TIMESTAMP WITH LOCAL TIME ZONE':
      return { root: 'TIMESTAMP_LTZ', nullable: false, precision: fractionDigits(lit.value) };
    default:
      return UNKNOWN;
  }
}

export function typeOfInterval(lit: IntervalLiteral): SqlType {
  const unit = lit.qualifier.start;
  const yearMonth = unit.startsWith('YEAR') || unit.startsWith('MONTH') || unit.startsWith('QUARTER');
  return { root: yearMonth ? 'INTERVAL_YEAR_MONTH' : 'INTERVAL_DAY_TIME', nullable: false };
}
