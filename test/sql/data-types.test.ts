import { describe, expect, test } from 'vitest';
import { tokenize } from '../../src/sql/lexer.js';
import type { DataType } from '../../src/sql/model/types.js';
import { Cursor, ParseError } from '../../src/sql/parser/cursor.js';
import { parseDataType } from '../../src/sql/parser/data-type.js';
import { printDataType } from '../../src/sql/printer/data-type.js';

function parse(text: string, flinkVersion = '1.20'): { type: DataType; rest: string } {
  const { tokens } = tokenize(text);
  const c = new Cursor(tokens, text, { flinkVersion });
  const type = parseDataType(c);
  return { type, rest: text.slice(c.peek().start) };
}

function error(text: string): ParseError {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`expected ${text} to be rejected`);
}

describe('parseDataType', () => {
  test.each([
    ['INT', 'INT'],
    ['INTEGER', 'INT'],
    ['DEC(10, 2)', 'DECIMAL(10, 2)'],
    ['NUMERIC(5)', 'DECIMAL(5)'],
    ['CHARACTER VARYING(20)', 'VARCHAR(20)'],
    ['DOUBLE PRECISION', 'DOUBLE'],
    ['BINARY VARYING(4)', 'VARBINARY(4)'],
    ['STRING', 'STRING'],
    ['BYTES', 'BYTES'],
    ['TIMESTAMP(3)', 'TIMESTAMP(3)'],
    ['TIMESTAMP(3) WITHOUT TIME ZONE', 'TIMESTAMP(3)'],
    ['TIMESTAMP(3) WITH LOCAL TIME ZONE', 'TIMESTAMP(3) WITH LOCAL TIME ZONE'],
    ['TIMESTAMP_LTZ(6)', 'TIMESTAMP_LTZ(6)'],
    ['TIME(0)', 'TIME(0)'],
    ['INTERVAL DAY(2) TO SECOND(3)', 'INTERVAL DAY(2) TO SECOND(3)'],
    ['INTERVAL YEAR TO MONTH', 'INTERVAL YEAR TO MONTH'],
    ['INTERVAL SECOND(3)', 'INTERVAL SECOND(3)'],
    ['ARRAY<INT NOT NULL>', 'ARRAY<INT NOT NULL>'],
    ['INT ARRAY', 'ARRAY<INT>'],
    ['STRING MULTISET NOT NULL', 'MULTISET<STRING> NOT NULL'],
    ['MAP<STRING, ARRAY<ROW<a INT>>>', 'MAP<STRING, ARRAY<ROW<a INT>>>'],
    ["ROW<a INT NOT NULL 'the a', `b c` STRING>", "ROW<a INT NOT NULL 'the a', `b c` STRING>"],
    ['ROW(a INT, b STRING)', 'ROW<a INT, b STRING>'],
    ['ROW<>', 'ROW<>'],
    ["RAW('java.lang.Object', 'AAE=')", "RAW('java.lang.Object', 'AAE=')"],
    ['cat.db.my_type', 'cat.db.my_type'],
    ['BIGINT NULL', 'BIGINT'],
  ])('%s reads as %s and prints back to the same type', (text, printed) => {
    const { type, rest } = parse(text);
    expect(rest).toBe('');
    expect(printDataType(type)).toBe(printed);
    expect(printDataType(parse(printed).type)).toBe(printed);
  });

  test('the model keeps precision, scale, nullability and ranges', () => {
    const { type } = parse('DECIMAL(10, 2) NOT NULL');
    expect(type).toEqual({
      kind: 'atomic',
      name: 'DECIMAL',
      precision: 10,
      scale: 2,
      nullable: false,
      range: { start: 0, end: 23 },
    });
    const row = parse("ROW<id BIGINT, tags ARRAY<STRING> 'labels'>").type;
    expect(row.kind).toBe('row');
    if (row.kind !== 'row') return;
    expect(row.fields.map((f) => [f.name.value, f.type.kind, f.comment?.value])).toEqual([
      ['id', 'atomic', undefined],
      ['tags', 'collection', 'labels'],
    ]);
    expect(row.fields[1]!.range).toEqual({ start: 15, end: 42 });
  });

  test('stops before what follows the type', () => {
    expect(parse('INT PRIMARY KEY').rest).toBe('PRIMARY KEY');
    expect(parse("STRING COMMENT 'x'").rest).toBe("COMMENT 'x'");
    expect(parse('TIMESTAMP(3) METADATA').rest).toBe('METADATA');
  });

  test("errors say what is wrong, in the user's words", () => {
    expect(error('MAP<STRING>').message).toBe(
      'expected `,` after the key type of MAP (MAP<KEY_TYPE, VALUE_TYPE>), found `>`',
    );
    expect(error('ARRAY<INT').message).toMatch(
      /^expected `>` after the element type of ARRAY, found the end of the script/,
    );
    expect(error('INTERVAL MONTH TO YEAR').message).toBe('INTERVAL MONTH TO YEAR is not a valid interval type');
    expect(error("'STRING'").hint).toMatch(/without quotes/);
    expect(error('BOOLEAN(1)').message).toBe('BOOLEAN takes no length or precision');
    const e = error('TIMESTAMP WITH TIME ZONE');
    expect(e.message).toBe('Flink does not support TIMESTAMP WITH TIME ZONE');
    expect(e.range).toEqual({ start: 15, end: 24 });
    expect(error('ROW<a INT b STRING>').message).toBe('expected `,` or `>` after field `a`, found `b`');
  });
});
