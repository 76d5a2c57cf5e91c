import type { Token } from '../lexer.js';
import type { AtomicType, AtomicTypeName, DataType, IntervalUnit, RowField, StringValue } from '../model/types.js';
import type { Cursor } from './cursor.js';
import { nested } from './depth.js';

/**
 * Flink's data type grammar (Calcite's type names plus Flink's STRING, BYTES,
 * TIMESTAMP_LTZ, ARRAY<T>, MULTISET<T>, MAP<K, V>, ROW<...>, RAW(...)), with `NOT NULL`
 * at any depth and the postfix `T ARRAY` / `T MULTISET` forms.
 */
export function parseDataType(c: Cursor): DataType {
  // Element and field types recurse through here: ARRAY<ARRAY<…>> is bounded like parentheses.
  return nested(c, () => parseDataTypeHere(c));
}

function parseDataTypeHere(c: Cursor): DataType {
  const start = c.peek().start;
  let type = parseBaseType(c);
  type = withNullability(c, type);
  while (c.isKeyword('ARRAY') || c.isKeyword('MULTISET')) {
    const collection = c.next().upper as 'ARRAY' | 'MULTISET';
    type = withNullability(c, {
      kind: 'collection',
      collection,
      element: type,
      nullable: true,
      range: c.rangeFrom(start),
    });
  }
  return type;
}

/** Whether a data type can start here (for callers that must decide before parsing). */
export function isDataTypeStart(c: Cursor): boolean {
  const t = c.peek();
  if (t.kind === 'ident') return SIMPLE_TYPES.has(t.upper) || STRUCTURED_STARTS.has(t.upper) || c.isIdentifier();
  return t.kind === 'quoted' || t.kind === 'variable';
}

const SIMPLE_TYPES = new Map<string, AtomicTypeName>([
  ['CHAR', 'CHAR'],
  ['CHARACTER', 'CHAR'],
  ['VARCHAR', 'VARCHAR'],
  ['STRING', 'STRING'],
  ['BINARY', 'BINARY'],
  ['VARBINARY', 'VARBINARY'],
  ['BYTES', 'BYTES'],
  ['DECIMAL', 'DECIMAL'],
  ['DEC', 'DECIMAL'],
  ['NUMERIC', 'DECIMAL'],
  ['TINYINT', 'TINYINT'],
  ['SMALLINT', 'SMALLINT'],
  ['INT', 'INT'],
  ['INTEGER', 'INT'],
  ['BIGINT', 'BIGINT'],
  ['FLOAT', 'FLOAT'],
  ['REAL', 'REAL'],
  ['DOUBLE', 'DOUBLE'],
  ['BOOLEAN', 'BOOLEAN'],
  ['DATE', 'DATE'],
  ['TIME', 'TIME'],
  ['TIMESTAMP', 'TIMESTAMP'],
  ['TIMESTAMP_LTZ', 'TIMESTAMP_LTZ'],
  ['NULL', 'NULL'],
]);

const STRUCTURED_STARTS = new Set(['INTERVAL', 'ARRAY', 'MULTISET', 'MAP', 'ROW', 'RAW']);

/** Which parameters each type takes: none, a length/precision, or precision and scale. */
const PARAMETERS: Partial<Record<AtomicTypeName, 'length' | 'precisionScale'>> = {
  CHAR: 'length',
  VARCHAR: 'length',
  BINARY: 'length',
  VARBINARY: 'length',
  DECIMAL: 'precisionScale',
  TIME: 'length',
  TIMESTAMP: 'length',
  TIMESTAMP_LTZ: 'length',
};

const INTERVAL_UNITS: readonly IntervalUnit[] = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'];

function withNullability(c: Cursor, type: DataType): DataType {
  if (c.isKeywords('NOT', 'NULL')) {
    c.next();
    c.next();
    return { ...type, nullable: false, range: c.rangeFrom(type.range.start) };
  }
  if (c.isKeyword('NULL')) {
    c.next();
    return { ...type, nullable: true, range: c.rangeFrom(type.range.start) };
  }
  return type;
}

function parseBaseType(c: Cursor): DataType {
  const t = c.peek();
  const start = t.start;
  if (t.kind === 'ident') {
    switch (t.upper) {
      case 'ARRAY':
      case 'MULTISET': {
        c.next();
        openAngle(c, t);
        const element = parseDataType(c);
        closeAngle(c, `the element type of ${t.upper}`);
        return { kind: 'collection', collection: t.upper, element, nullable: true, range: c.rangeFrom(start) };
      }
      case 'MAP': {
        if (!c.isOp('<', 1)) break; // a user type called `map`
        c.next();
        c.next();
        const key = parseDataType(c);
        c.expectOp(',', 'the key type of MAP (MAP<KEY_TYPE, VALUE_TYPE>)');
        const value = parseDataType(c);
        closeAngle(c, 'the value type of MAP');
        return { kind: 'map', key, value, nullable: true, range: c.rangeFrom(start) };
      }
      case 'ROW':
        return parseRowType(c);
      case 'RAW': {
        if (!c.isOp('(', 1)) break;
        c.next();
        c.next();
        const className = stringValue(c, "the class name of RAW (RAW('class', 'snapshot'))");
        let snapshot: StringValue | undefined;
        if (c.acceptOp(',')) snapshot = stringValue(c, 'the serializer snapshot of RAW');
        c.expectOp(')');
        return { kind: 'raw', className, ...(snapshot ? { snapshot } : {}), nullable: true, range: c.rangeFrom(start) };
      }
      case 'INTERVAL':
        return parseIntervalType(c);
      default: {
        const name = SIMPLE_TYPES.get(t.upper);
        if (name) return parseAtomicType(c, name);
      }
    }
  }
  if (c.isIdentifier()) {
    const name = c.qualifiedName('a data type');
    return { kind: 'named', name, nullable: true, range: name.range };
  }
  if (t.kind === 'string' || t.kind === 'dquoted') {
    c.fail(
      `expected a data type (INT, STRING, TIMESTAMP(3) …), found ${t.kind === 'string' ? `'${t.value}'` : `"${t.value}"`}`,
      t,
      'data types are written without quotes, e.g. `STRING`',
    );
  }
  return c.expected(['a data type (INT, STRING, TIMESTAMP(3) …)']);
}

function parseAtomicType(c: Cursor, name: AtomicTypeName): AtomicType {
  const first = c.next();
  const start = first.start;
  // Two-word spellings.
  if (name === 'CHAR' && c.acceptKeyword('VARYING')) name = 'VARCHAR';
  else if (name === 'BINARY' && c.acceptKeyword('VARYING')) name = 'VARBINARY';
  else if (name === 'DOUBLE') c.acceptKeyword('PRECISION');
  const type: AtomicType = { kind: 'atomic', name, nullable: true, range: c.rangeFrom(start) };
  const params = PARAMETERS[name];
  if (c.isOp('(')) {
    if (!params) c.fail(`${name} takes no length or precision`, c.peek(), `write just \`${name}\``);
    c.next();
    type.precision = integer(
      c,
      name === 'DECIMAL'
        ? 'the precision of DECIMAL'
        : `the ${name === 'TIME' || name.startsWith('TIMESTAMP') ? 'precision' : 'length'} of ${name}`,
    );
    if (params === 'precisionScale' && c.acceptOp(',')) type.scale = integer(c, 'the scale of DECIMAL');
    c.expectOp(')', `${name}(${type.precision}${type.scale !== undefined ? ', ' + type.scale : ''}`);
  }
  if (name === 'TIME' || name === 'TIMESTAMP') {
    if (c.acceptKeyword('WITHOUT')) {
      c.expectKeyword('TIME');
      c.expectKeyword('ZONE');
    } else if (c.isKeyword('WITH') && (c.isKeyword('LOCAL', 1) || c.isKeyword('TIME', 1))) {
      c.next();
      if (!c.acceptKeyword('LOCAL')) {
        // Flink's grammar only continues WITH with LOCAL, so the error points at TIME.
        const timeToken = c.next();
        c.expectKeyword('ZONE');
        c.fail(
          `Flink does not support ${name} WITH TIME ZONE`,
          c.rangeFrom(timeToken.start),
          `use ${name} WITH LOCAL TIME ZONE (or TIMESTAMP_LTZ)`,
        );
      }
      c.expectKeyword('TIME');
      c.expectKeyword('ZONE');
      type.timeZone = 'local';
    }
  }
  type.range = c.rangeFrom(start);
  return type;
}

function parseIntervalType(c: Cursor): DataType {
  const start = c.next().start;
  const unitToken = c.peek();
  const from = intervalUnit(c, 'an interval unit (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND) after `INTERVAL`');
  const result: DataType = { kind: 'interval', from, nullable: true, range: c.rangeFrom(start) };
  if (c.acceptOp('(')) {
    result.fromPrecision = integer(c, `the precision of ${from}`);
    // Calcite: SECOND(p, fractional precision)
    if (from === 'SECOND' && c.acceptOp(',')) result.toPrecision = integer(c, 'the fractional precision of SECOND');
    c.expectOp(')');
  }
  if (c.acceptKeyword('TO')) {
    const toToken = c.peek();
    const to = intervalUnit(c, 'an interval unit after `TO`');
    if (
      INTERVAL_UNITS.indexOf(to) <= INTERVAL_UNITS.indexOf(from) ||
      (from === 'YEAR') !== (to === 'MONTH') ||
      from === 'MONTH'
    ) {
      c.fail(
        `INTERVAL ${from} TO ${to} is not a valid interval type`,
        { start: unitToken.start, end: toToken.end },
        'valid ranges are YEAR TO MONTH, DAY TO HOUR|MINUTE|SECOND, HOUR TO MINUTE|SECOND and MINUTE TO SECOND',
      );
    }
    result.to = to;
    if (to === 'SECOND' && c.acceptOp('(')) {
      result.toPrecision = integer(c, 'the fractional precision of SECOND');
      c.expectOp(')');
    }
  }
  result.range = c.rangeFrom(start);
  return result;
}

function intervalUnit(c: Cursor, what: string): IntervalUnit {
  const t = c.peek();
  if (t.kind === 'ident' && (INTERVAL_UNITS as readonly string[]).includes(t.upper)) {
    c.next();
    return t.upper as IntervalUnit;
  }
  return c.expected([what]);
}

function parseRowType(c: Cursor): DataType {
  const start = c.next().start;
  const fields: RowField[] = [];
  if (c.acceptOp('<>')) return { kind: 'row', fields, nullable: true, range: c.rangeFrom(start) };
  const angle = c.isOp('<');
  if (!angle && !c.isOp('(')) c.expected(['`<` or `(` after `ROW` (ROW<name TYPE, ...>)']);
  c.next();
  const close = angle ? '>' : ')';
  if (!c.isOp(close)) {
    do {
      const fieldStart = c.peek().start;
      const name = c.identifier('a field name');
      const type = parseDataType(c);
      const field: RowField = { name, type, range: c.rangeFrom(fieldStart) };
      if (c.peek().kind === 'string') {
        field.comment = stringValue(c, 'a field comment');
        field.range = c.rangeFrom(fieldStart);
      }
      fields.push(field);
    } while (c.acceptOp(','));
  }
  if (angle) closeAngle(c, `field \`${fields[fields.length - 1]?.name.value ?? ''}\``, true);
  else if (!c.isOp(')')) c.expected(['`,` or `)`'], `field \`${fields[fields.length - 1]?.name.value ?? ''}\``);
  else c.next();
  return { kind: 'row', fields, nullable: true, range: c.rangeFrom(start) };
}

function openAngle(c: Cursor, keyword: Token): void {
  if (!c.isOp('<')) c.expected([`\`<\` (${keyword.upper}<ELEMENT_TYPE>)`]);
  c.next();
}

function closeAngle(c: Cursor, after: string, listContinues = false): void {
  if (c.isOp('>')) {
    c.next();
    return;
  }
  c.expected(listContinues ? ['`,` or `>`'] : ['`>`'], after);
}

function integer(c: Cursor, what: string): number {
  const t = c.peek();
  if (t.kind === 'number' && /^\d+$/.test(t.value)) {
    c.next();
    return Number(t.value);
  }
  return c.expected([what]);
}

/** A string literal; adjacent literals form one value, as in SQL ('ab' 'cd' is 'abcd'). */
function stringValue(c: Cursor, what: string): StringValue {
  const t = c.peek();
  if (t.kind !== 'string') c.expected([what]);
  c.next();
  let value = t.value;
  let end = t.end;
  while (c.peek().kind === 'string') {
    const more = c.next();
    value += more.value;
    end = more.end;
  }
  return { value, range: { start: t.start, end } };
}
