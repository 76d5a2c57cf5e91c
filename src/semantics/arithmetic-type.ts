/**
 * Result types of `+ - * / %` and `||` as Flink's planner derives them: integers keep the wider
 * operand type, any FLOAT/DOUBLE makes the result approximate, DECIMAL follows Flink's
 * LogicalTypeMerging (findAdditionDecimalType, findMultiplicationDecimalType,
 * findDivisionDecimalType, findModuloDecimalType: precision capped at 38, keeping at least 6
 * fractional digits), and datetime ± interval stays the datetime type. UNKNOWN when an operand
 * is unknown or the operands do not go together (what Flink then says is another rule's business).
 */
import { asDecimal, isIn, plain } from './implicit-cast.js';
import { MAX_LENGTH, UNKNOWN, isUnknown, type SqlType } from './sql-type.js';

const MAX_DECIMAL = 38;
const MIN_ADJUSTED_SCALE = 6;

function decimal(precision: number, scale: number, nullable: boolean): SqlType {
  if (precision > MAX_DECIMAL) {
    const integral = precision - scale;
    scale = Math.max(MAX_DECIMAL - integral, Math.min(scale, MIN_ADJUSTED_SCALE));
    precision = MAX_DECIMAL;
  }
  return { root: 'DECIMAL', nullable, precision, scale };
}

const INTEGER_RANK: Record<string, number> = { TINYINT: 1, SMALLINT: 2, INT: 3, BIGINT: 4 };

function numeric(op: '+' | '-' | '*' | '/' | '%', l: SqlType, r: SqlType, nullable: boolean): SqlType {
  const approx = [l, r].filter((t) => t.root === 'FLOAT' || t.root === 'DOUBLE');
  if (approx.length > 0) {
    const float = approx.every((t) => t.root === 'FLOAT') && l.root !== 'DECIMAL' && r.root !== 'DECIMAL';
    return { root: float ? 'FLOAT' : 'DOUBLE', nullable };
  }
  if (l.root === 'DECIMAL' || r.root === 'DECIMAL') {
    const a = asDecimal(l)!;
    const b = asDecimal(r)!;
    switch (op) {
      case '+':
      case '-': {
        const scale = Math.max(a.scale, b.scale);
        return decimal(Math.max(a.precision - a.scale, b.precision - b.scale) + scale + 1, scale, nullable);
      }
      case '*':
        return decimal(a.precision + b.precision, a.scale + b.scale, nullable);
      case '/': {
        const scale = Math.max(MIN_ADJUSTED_SCALE, a.scale + b.precision + 1);
        return decimal(a.precision - a.scale + b.scale + scale, scale, nullable);
      }
      case '%': {
        const scale = Math.max(a.scale, b.scale);
        return decimal(Math.min(a.precision - a.scale, b.precision - b.scale) + scale, scale, nullable);
      }
    }
  }
  // MOD takes the type of its divisor; the others the wider integer type.
  if (op === '%') return { ...r, nullable };
  return { ...((INTEGER_RANK[l.root] ?? 0) >= (INTEGER_RANK[r.root] ?? 0) ? l : r), nullable };
}

export function arithmeticType(op: '+' | '-' | '*' | '/' | '%', left: SqlType, right: SqlType): SqlType {
  if (isUnknown(left) || isUnknown(right)) return UNKNOWN;
  const l = plain(left);
  const r = plain(right);
  const nullable = l.nullable || r.nullable;
  if (l.root === 'NULL' || r.root === 'NULL') return UNKNOWN;
  if (isIn(l, 'NUMERIC') && isIn(r, 'NUMERIC')) return numeric(op, l, r, nullable);
  const li = isIn(l, 'INTERVAL');
  const ri = isIn(r, 'INTERVAL');
  if (op === '+' || op === '-') {
    if (isIn(l, 'DATETIME') && ri) return { ...l, nullable };
    if (op === '+' && li && isIn(r, 'DATETIME')) return { ...r, nullable };
    if (li && ri && l.root === r.root) return { ...l, nullable };
    return UNKNOWN;
  }
  if (op === '*' && li && isIn(r, 'NUMERIC')) return { ...l, nullable };
  if (op === '*' && ri && isIn(l, 'NUMERIC')) return { ...r, nullable };
  if (op === '/' && li && isIn(r, 'NUMERIC')) return { ...l, nullable };
  return UNKNOWN;
}

/** `a || b`: character strings give a string as long as both, binary strings a binary one. */
export function concatType(left: SqlType, right: SqlType): SqlType {
  if (isUnknown(left) || isUnknown(right)) return UNKNOWN;
  const nullable = left.nullable || right.nullable;
  const length = Math.min(MAX_LENGTH, (left.length ?? 0) + (right.length ?? 0));
  if (isIn(left, 'CHARACTER_STRING') && isIn(right, 'CHARACTER_STRING'))
    return { root: left.root === 'CHAR' && right.root === 'CHAR' ? 'CHAR' : 'VARCHAR', nullable, length };
  if (isIn(left, 'BINARY_STRING') && isIn(right, 'BINARY_STRING'))
    return { root: left.root === 'BINARY' && right.root === 'BINARY' ? 'BINARY' : 'VARBINARY', nullable, length };
  return UNKNOWN;
}
