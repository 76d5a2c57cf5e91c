import { describe, expect, test } from 'vitest';
import { conditionType } from '../../src/rules/condition-type.js';
import { runRules } from '../../src/rules/index.js';
import { at, context } from './fixtures.js';

const run = (sql: string) => runRules(context(sql), [conditionType]);

const TABLES = `CREATE TABLE a (id BIGINT, name STRING, ok BOOLEAN) WITH ('connector' = 'datagen');
CREATE TABLE b (id BIGINT, flag INT) WITH ('connector' = 'datagen');\n`;

describe('sql/condition-type', () => {
  test('a WHERE that is a string is reported on the expression with its type', () => {
    const sql = TABLES + 'SELECT id FROM a WHERE name;';
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ rule: 'sql/condition-type', severity: 'error', ...at(sql, 'name;') });
    expect(ds[0]!.message).toBe('WHERE needs a condition (BOOLEAN), but this expression is STRING');
  });

  test('an ON and a HAVING that are numbers are reported', () => {
    const sql = TABLES + 'SELECT a.id FROM a JOIN b ON b.flag;\nSELECT id FROM a GROUP BY id HAVING COUNT(*);';
    expect(run(sql).map((d) => [d.line, d.message])).toEqual([
      [3, 'the ON of a JOIN needs a condition (BOOLEAN), but this expression is INT'],
      [4, 'HAVING needs a condition (BOOLEAN), but this expression is BIGINT NOT NULL'],
    ]);
  });

  test('a searched CASE WHEN on a string is reported; a simple CASE x WHEN v compares and is fine', () => {
    const sql =
      TABLES + "SELECT CASE WHEN name THEN 1 END, CASE name WHEN 'a' THEN 1 END, CASE WHEN ok THEN 1 END FROM a;";
    expect(run(sql)).toMatchObject([
      { ...at(sql, 'name THEN'), message: 'CASE WHEN needs a condition (BOOLEAN), but this expression is STRING' },
    ]);
  });

  test('near misses: comparisons, boolean columns, NULL, IS, IN, EXISTS, and unknown types stay quiet', () => {
    const sql =
      TABLES +
      `SELECT a.id FROM a JOIN b ON a.id = b.id WHERE ok AND NOT ok OR name IS NULL OR a.id IN (1, 2)
  OR EXISTS (SELECT 1 FROM b) OR my_udf(name) OR NULL OR (ok);
SELECT id FROM a GROUP BY id HAVING COUNT(*) > 1;
SELECT id FROM catalog_table WHERE whatever;`;
    expect(run(sql)).toEqual([]);
  });
});
