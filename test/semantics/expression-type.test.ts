import { describe, expect, test } from 'vitest';
import { typeOfExpression } from '../../src/semantics/expression-type.js';
import { formatType } from '../../src/semantics/sql-type.js';
import { expression, rowtime, scopeOf } from './type-fixtures.js';

const scope = scopeOf({
  id: 'INT NOT NULL',
  big: 'BIGINT',
  price: 'DECIMAL(10, 2)',
  rate: 'DOUBLE',
  name: 'STRING',
  code: 'VARCHAR(5) NOT NULL',
  ok: 'BOOLEAN',
  d: 'DATE',
  ts: rowtime(),
  tags: 'ARRAY<STRING>',
  attrs: 'MAP<STRING, INT>',
  addr: 'ROW<city STRING, zip INT NOT NULL> NOT NULL',
  ud: { root: 'UNKNOWN', nullable: true },
});

const typeOf = (sql: string) => formatType(typeOfExpression(expression(sql), scope));

describe('literals are typed as Flink types them', () => {
  test.each([
    ['1', 'INT NOT NULL'],
    ['3000000000', 'BIGINT NOT NULL'],
    ['99999999999999999999', 'DECIMAL(20, 0) NOT NULL'],
    ['1.50', 'DECIMAL(3, 2) NOT NULL'],
    ['0.5', 'DECIMAL(1, 1) NOT NULL'],
    ['1e3', 'DOUBLE NOT NULL'],
    ["'abc'", 'CHAR(3) NOT NULL'],
    ["X'0a0b'", 'BINARY(2) NOT NULL'],
    ['TRUE', 'BOOLEAN NOT NULL'],
    ['NULL', 'NULL'],
    ["DATE '2024-01-01'", 'DATE NOT NULL'],
    ["TIMESTAMP '2024-01-01 10:00:00.123'", 'TIMESTAMP(3) NOT NULL'],
    ["TIMESTAMP '2024-01-01 10:00:00'", 'TIMESTAMP(0) NOT NULL'],
    ["INTERVAL '10' MINUTE", 'INTERVAL DAY TO SECOND NOT NULL'],
    ["INTERVAL '1' YEAR", 'INTERVAL YEAR TO MONTH NOT NULL'],
  ])('%s is %s', (sql, expected) => expect(typeOf(sql)).toBe(expected));
});

describe('operators', () => {
  test.each([
    ['id + 1', 'INT NOT NULL'],
    ['id + big', 'BIGINT'],
    ['price + 1', 'DECIMAL(13, 2)'],
    ['price * price', 'DECIMAL(20, 4)'],
    ['price / 3', 'DECIMAL(21, 13)'],
    ['id + rate', 'DOUBLE'],
    ['id / 2', 'INT NOT NULL'],
    ['id % big', 'BIGINT'],
    ['-price', 'DECIMAL(10, 2)'],
    ["name || 'x'", 'STRING'],
    ["code || 'ab'", 'VARCHAR(7) NOT NULL'],
    ['id > 1', 'BOOLEAN NOT NULL'],
    ['big > 1 AND ok', 'BOOLEAN'],
    ['NOT ok', 'BOOLEAN'],
    ['name IS NULL', 'BOOLEAN NOT NULL'],
    ["name LIKE 'a%'", 'BOOLEAN'],
    ['id BETWEEN 1 AND 2', 'BOOLEAN NOT NULL'],
    ['id IN (1, 2)', 'BOOLEAN NOT NULL'],
    ["ts + INTERVAL '1' HOUR", 'TIMESTAMP(3)'],
    ["d - INTERVAL '1' DAY", 'DATE'],
  ])('%s is %s', (sql, expected) => expect(typeOf(sql)).toBe(expected));

  test('arithmetic on a time attribute gives a plain timestamp: it is no longer a time attribute', () => {
    expect(typeOfExpression(expression("ts - INTERVAL '5' SECOND"), scope).timeAttribute).toBeUndefined();
    expect(typeOf('ts')).toBe('TIMESTAMP(3) *ROWTIME*');
  });
});

describe('CASE, COALESCE, CAST, constructors and access', () => {
  test.each([
    ["CASE WHEN ok THEN 'a' ELSE 'bcd' END", 'CHAR(3) NOT NULL'],
    ["CASE WHEN ok THEN 'a' END", 'CHAR(1)'],
    ['CASE WHEN ok THEN id ELSE big END', 'BIGINT'],
    ['CASE id WHEN 1 THEN price ELSE 0 END', 'DECIMAL(12, 2)'],
    ['COALESCE(big, 0)', 'BIGINT NOT NULL'],
    ['NULLIF(id, 0)', 'INT'],
    ['CAST(name AS INT)', 'INT'],
    ['CAST(id AS STRING)', 'STRING NOT NULL'],
    ['TRY_CAST(id AS BIGINT)', 'BIGINT'],
    ['ROW(id, name)', 'ROW<EXPR$0 INT NOT NULL, EXPR$1 STRING> NOT NULL'],
    ['ARRAY[1, 2]', 'ARRAY<INT NOT NULL> NOT NULL'],
    ["MAP['a', 1]", 'MAP<CHAR(1) NOT NULL, INT NOT NULL> NOT NULL'],
    ['tags[1]', 'STRING'],
    ["attrs['k']", 'INT'],
    ['(addr).zip', 'INT NOT NULL'],
  ])('%s is %s', (sql, expected) => expect(typeOf(sql)).toBe(expected));

  test('CASE branches with no common type are unknown here (sql/mixed-types reports them)', () => {
    expect(typeOf("CASE WHEN ok THEN 'a' ELSE 1 END")).toBe('unknown');
  });
});

describe('functions', () => {
  test.each([
    ['COUNT(*)', 'BIGINT NOT NULL'],
    ['SUM(id)', 'INT'],
    ['SUM(price)', 'DECIMAL(38, 2)'],
    ['AVG(price)', 'DECIMAL(38, 6)'],
    ['MAX(name)', 'STRING'],
    ['ROW_NUMBER() OVER (ORDER BY ts)', 'BIGINT NOT NULL'],
    ['CHAR_LENGTH(name)', 'INT'],
    ['upper(code)', 'VARCHAR(5) NOT NULL'],
    ["DATE_FORMAT(ts, 'yyyy')", 'STRING'],
    ["TO_TIMESTAMP('2024-01-01 00:00:00')", 'TIMESTAMP(3)'],
    ['CURRENT_TIMESTAMP', 'TIMESTAMP_LTZ(3) NOT NULL'],
    ['PROCTIME()', 'TIMESTAMP_LTZ(3) NOT NULL *PROCTIME*'],
    ['EXTRACT(DAY FROM d)', 'BIGINT'],
    ['SUBSTRING(name FROM 1 FOR 2)', 'STRING'],
    ["JSON_VALUE(name, '$.a' RETURNING INT)", 'INT'],
    ['FLOOR(ts TO HOUR)', 'TIMESTAMP(3)'],
    ['TIMESTAMPDIFF(DAY, d, d)', 'INT'],
    ['CARDINALITY(tags)', 'INT'],
  ])('%s is %s', (sql, expected) => expect(typeOf(sql)).toBe(expected));

  test('user functions, qualified names and anything over an unknown column are unknown', () => {
    expect(typeOf('my_udf(id)')).toBe('unknown');
    expect(typeOf('cat.db.fn(id)')).toBe('unknown');
    expect(typeOf('ud + 1')).toBe('unknown');
    expect(typeOf('UPPER(ud)')).toBe('unknown');
    expect(typeOf('missing_column')).toBe('unknown');
  });

  test('a result that does not depend on an unknown argument is still known', () => {
    expect(typeOf('CHAR_LENGTH(ud)')).toBe('INT');
    expect(typeOf('COUNT(ud)')).toBe('BIGINT NOT NULL');
  });
});
