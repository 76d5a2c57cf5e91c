import { describe, expect, test } from 'vitest';
import {
  commonType,
  sinkAccepts,
  supportsExplicitCast,
  supportsImplicitCast,
} from '../../src/semantics/implicit-cast.js';
import { formatType, UNKNOWN } from '../../src/semantics/sql-type.js';
import { rowtime, type } from './type-fixtures.js';

const PROCTIME = { root: 'TIMESTAMP_LTZ', nullable: false, precision: 3, timeAttribute: 'proctime' } as const;

describe("a query column written into a sink column (DynamicSinkUtils' check)", () => {
  // [query column, sink column, expected]
  const cases: [string, string, 'as-is' | 'cast' | 'refused'][] = [
    ['INT', 'INT', 'as-is'],
    ['INT', 'BIGINT', 'cast'],
    ['TINYINT', 'INT', 'cast'],
    ['DECIMAL(10, 2)', 'DOUBLE', 'cast'],
    ['DECIMAL(10, 2)', 'DECIMAL(5, 0)', 'cast'],
    ['BIGINT', 'DECIMAL(20, 0)', 'cast'],
    ['INT', 'FLOAT', 'cast'],
    ['INT', 'INT NOT NULL', 'as-is'],
    ['STRING', 'STRING NOT NULL', 'as-is'],
    ['STRING', 'VARCHAR(10)', 'cast'],
    ['CHAR(3)', 'VARCHAR(10)', 'as-is'],
    ['VARCHAR(20)', 'CHAR(5)', 'refused'],
    ['CHAR(20)', 'CHAR(5)', 'cast'],
    ['TIMESTAMP(6)', 'TIMESTAMP(3)', 'cast'],
    ['TIMESTAMP(3)', 'DATE', 'cast'],
    ['TIMESTAMP_LTZ(3)', 'TIMESTAMP(3)', 'cast'],
    ['TIMESTAMP(3)', 'TIMESTAMP_LTZ(3)', 'cast'],
    ['BYTES', 'VARBINARY(4)', 'cast'],
    ['ARRAY<INT>', 'ARRAY<BIGINT>', 'cast'],
    ['ROW<a INT, b STRING>', 'ROW<x BIGINT, y STRING>', 'cast'],
    ['MAP<STRING, INT>', 'MAP<STRING, BIGINT NOT NULL>', 'cast'],
    ['STRING', 'INT', 'refused'],
    ['INT', 'STRING', 'refused'],
    ['BOOLEAN', 'INT', 'refused'],
    ['INT', 'BOOLEAN', 'refused'],
    ['BIGINT', 'INT', 'refused'],
    ['DOUBLE', 'DECIMAL(10, 2)', 'cast'],
    ['DOUBLE', 'FLOAT', 'refused'],
    ['DATE', 'TIMESTAMP(3)', 'refused'],
    ['STRING', 'TIMESTAMP(3)', 'refused'],
    ['BYTES', 'STRING', 'refused'],
    ['ARRAY<STRING>', 'ARRAY<INT>', 'refused'],
    ['ROW<a INT>', 'ROW<a INT, b INT>', 'refused'],
    ['ARRAY<INT>', 'MAP<INT, INT>', 'refused'],
  ];
  test.each(cases)('%s into %s: %s', (query, sink, expected) => {
    expect(sinkAccepts(type(query), type(sink))).toBe(expected);
  });

  test('a rowtime TIMESTAMP(3) *ROWTIME* goes into TIMESTAMP(3) as it is, a proctime into TIMESTAMP(3) by a cast', () => {
    expect(formatType(rowtime())).toBe('TIMESTAMP(3) *ROWTIME*');
    expect(sinkAccepts(rowtime(), type('TIMESTAMP(3)'))).toBe('as-is');
    expect(sinkAccepts(PROCTIME, type('TIMESTAMP(3)'))).toBe('cast');
    expect(sinkAccepts(rowtime(), type('INT'))).toBe('refused');
  });

  test('an unknown type on either side is never refused', () => {
    expect(sinkAccepts(UNKNOWN, type('INT'))).toBe('as-is');
    expect(sinkAccepts(type('STRING'), UNKNOWN)).toBe('as-is');
    expect(sinkAccepts(type('ARRAY<STRING>'), { root: 'ARRAY', nullable: true, element: UNKNOWN })).not.toBe('refused');
  });

  test('NULL goes anywhere', () => {
    expect(sinkAccepts({ root: 'NULL', nullable: true }, type('INT NOT NULL'))).not.toBe('refused');
  });
});

describe("Flink's implicit and explicit cast tables", () => {
  test('an implicit cast never makes a nullable value NOT NULL; the sink check ignores that (run-time enforcer)', () => {
    expect(supportsImplicitCast(type('INT'), type('BIGINT NOT NULL'))).toBe(false);
    expect(supportsImplicitCast(type('INT NOT NULL'), type('BIGINT'))).toBe(true);
    expect(sinkAccepts(type('INT'), type('BIGINT NOT NULL'))).toBe('cast');
  });

  test('CAST accepts what the implicit table refuses where Flink has an explicit rule, not beyond', () => {
    expect(supportsImplicitCast(type('STRING'), type('INT'))).toBe(false);
    expect(supportsExplicitCast(type('STRING'), type('INT'))).toBe(true);
    expect(supportsExplicitCast(type('INT'), type('STRING'))).toBe(true);
    expect(supportsExplicitCast(type('INT'), type('BOOLEAN'))).toBe(true);
    expect(supportsExplicitCast(type('BOOLEAN'), type('DATE'))).toBe(false);
    expect(supportsExplicitCast(type('DOUBLE'), type('DATE'))).toBe(false);
    expect(supportsExplicitCast(type('DATE'), type('TIMESTAMP(3)'))).toBe(true);
    expect(supportsExplicitCast(type('INT'), type('BYTES'))).toBe(false);
  });
});

describe('the common type of CASE branches and set-operation columns', () => {
  const common = (...ts: string[]) => {
    const t = commonType(ts.map(type));
    return t && formatType(t);
  };
  test('numbers widen, strings take the longest length, NULL joins anything', () => {
    expect(common('INT NOT NULL', 'BIGINT NOT NULL')).toBe('BIGINT NOT NULL');
    expect(common('INT', 'DECIMAL(10, 2)')).toBe('DECIMAL(12, 2)');
    expect(common('INT', 'DOUBLE')).toBe('DOUBLE');
    expect(common('CHAR(3)', 'VARCHAR(10)')).toBe('VARCHAR(10)');
    expect(commonType([{ root: 'NULL', nullable: true }, type('INT NOT NULL')])).toMatchObject({
      root: 'INT',
      nullable: true,
    });
  });
  test('a string and a number, a boolean and a number, bytes and a string have none', () => {
    expect(common('STRING', 'INT')).toBeUndefined();
    expect(common('BOOLEAN', 'INT')).toBeUndefined();
    expect(common('BYTES', 'STRING')).toBeUndefined();
    expect(common('ARRAY<INT>', 'MAP<INT, INT>')).toBeUndefined();
  });
  test('an unknown member, or datetimes of different kinds, are not judged', () => {
    expect(commonType([UNKNOWN, type('INT')])).toBe(UNKNOWN);
    expect(common('DATE', 'TIMESTAMP(3)')).toBe('unknown');
  });
});
