import { describe, expect, test } from 'vitest';
import { builtInFunction, checkCall, isBuiltInFunction, resultOf } from '../../src/semantics/functions/index.js';
import { formatType, UNKNOWN } from '../../src/semantics/sql-type.js';
import { type } from './type-fixtures.js';

const spec = (name: string) => {
  const s = builtInFunction(name);
  if (!s) throw new Error(`${name} is not in the catalog`);
  return s;
};

describe('the catalog of built-in functions', () => {
  test('names resolve without case, by SQL-standard and Table API spellings; others are unknown', () => {
    expect(builtInFunction('char_length')?.name).toBe('CHAR_LENGTH');
    expect(builtInFunction('CHARACTER_LENGTH')?.name).toBe('CHAR_LENGTH');
    expect(builtInFunction('ceiling')?.name).toBe('CEIL');
    expect(isBuiltInFunction('isNotNull')).toBe(true);
    expect(isBuiltInFunction('TIMESTAMPADD')).toBe(true);
    expect(isBuiltInFunction('SUBSTRING_INDEX')).toBe(false);
    expect(isBuiltInFunction('length')).toBe(false);
  });

  test('a call fits when one form takes its count and types; the reason otherwise', () => {
    expect(checkCall(spec('LPAD'), [type('STRING'), type('INT')])).toEqual({ kind: 'count', expected: '3' });
    expect(checkCall(spec('STR_TO_MAP'), [type('STRING'), type('STRING')])).toEqual({
      kind: 'count',
      expected: '1 or 3',
    });
    expect(checkCall(spec('CONCAT_WS'), [])).toEqual({ kind: 'count', expected: 'at least 1' });
    expect(checkCall(spec('SPLIT_INDEX'), [type('STRING'), type('STRING'), type('INT')])).toBeUndefined();
    expect(checkCall(spec('SPLIT_INDEX'), [type('STRING'), type('INT'), type('INT')])).toBeUndefined();
    expect(checkCall(spec('SPLIT_INDEX'), [type('STRING'), type('BOOLEAN'), type('INT')])).toMatchObject({
      kind: 'type',
      index: 1,
    });
  });

  test('NULL, unknown and same-family arguments always fit', () => {
    expect(checkCall(spec('UPPER'), [{ root: 'NULL', nullable: true }])).toBeUndefined();
    expect(checkCall(spec('UPPER'), [UNKNOWN])).toBeUndefined();
    expect(checkCall(spec('UPPER'), [type('CHAR(3) NOT NULL')])).toBeUndefined();
    expect(checkCall(spec('POWER'), [type('TINYINT'), type('DECIMAL(5, 2)')])).toBeUndefined();
  });

  test('result types follow the arguments where Flink derives them from the arguments', () => {
    expect(formatType(resultOf(spec('COALESCE'), [type('INT'), type('BIGINT NOT NULL')]))).toBe('BIGINT NOT NULL');
    expect(formatType(resultOf(spec('MAP_KEYS'), [type('MAP<STRING, INT>')]))).toBe('ARRAY<STRING>');
    expect(formatType(resultOf(spec('ELEMENT'), [type('ARRAY<INT NOT NULL>')]))).toBe('INT');
    expect(resultOf(spec('ABS'), [UNKNOWN])).toBe(UNKNOWN);
  });
});
