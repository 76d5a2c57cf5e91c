import { describe, expect, test } from 'vitest';
import { mixedTypes } from '../../src/rules/mixed-types.js';
import { runRules } from '../../src/rules/index.js';
import { at, context } from './fixtures.js';

const run = (sql: string) => runRules(context(sql), [mixedTypes]);

const SRC = `CREATE TABLE src (id BIGINT, name STRING, price DECIMAL(10, 2), ok BOOLEAN, d DATE, ts TIMESTAMP(3)) WITH ('connector' = 'datagen');\n`;

describe('sql/mixed-types', () => {
  test('a CASE with a string and a number result is reported on the result that does not fit', () => {
    const sql = SRC + 'SELECT CASE WHEN ok THEN name ELSE 0 END FROM src;';
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ rule: 'sql/mixed-types', severity: 'error', ...at(sql, '0 END') });
    expect(ds[0]!.message).toBe('the results of this CASE have no common type: INT NOT NULL here, STRING before');
  });

  test('COALESCE of a number and a string, and a UNION column of a string and a number, are reported', () => {
    const sql =
      SRC + "SELECT COALESCE(id, 'none') FROM src;\nSELECT id, name FROM src UNION ALL SELECT id, price FROM src;";
    const ds = run(sql);
    expect(ds.map((d) => d.message)).toEqual([
      'the arguments of COALESCE have no common type: CHAR(4) NOT NULL here, BIGINT before',
      'column 2 of this UNION is STRING on the left and DECIMAL(10, 2) on the right: they have no common type',
    ]);
    expect(ds[1]).toMatchObject(at(sql, 'price FROM src;'));
  });

  test('near misses: numbers of different kinds, strings of different lengths, NULL branches, unknowns', () => {
    const sql =
      SRC +
      `SELECT CASE WHEN ok THEN id ELSE price END, CASE WHEN ok THEN 'a' ELSE name END, CASE WHEN ok THEN NULL ELSE d END,
  CASE id WHEN 1 THEN 1.5 WHEN 2 THEN 2 ELSE CAST(NULL AS DOUBLE) END, CASE WHEN ok THEN my_udf(id) ELSE 'x' END,
  COALESCE(price, 0), COALESCE(name, 'none'), CASE WHEN ok THEN d ELSE ts END
FROM src;
SELECT id, name FROM src UNION ALL SELECT 1, 'x' FROM src UNION SELECT price, CAST(NULL AS STRING) FROM src;
SELECT * FROM src UNION ALL SELECT * FROM catalog_table;`;
    expect(run(sql)).toEqual([]);
  });
});
