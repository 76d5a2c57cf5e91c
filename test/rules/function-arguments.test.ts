import { describe, expect, test } from 'vitest';
import { functionArguments } from '../../src/rules/function-arguments.js';
import { runRules } from '../../src/rules/index.js';
import { at, context } from './fixtures.js';

const run = (sql: string) => runRules(context(sql), [functionArguments]);

const SRC = `CREATE TABLE src (id BIGINT, name STRING, price DECIMAL(10, 2), ts TIMESTAMP(3), tags ARRAY<STRING>) WITH ('connector' = 'datagen');\n`;

describe('sql/function-arguments', () => {
  test('too few arguments: reported on the call, with the forms the function takes', () => {
    const sql = SRC + 'SELECT LPAD(name, 5) FROM src;';
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ rule: 'sql/function-arguments', severity: 'error', ...at(sql, 'LPAD(name, 5)') });
    expect(ds[0]!.message).toBe('`LPAD` takes 3 arguments, not 2');
    expect(ds[0]!.hint).toContain('LPAD(string, integer, string)');
  });

  test('too many arguments for a function with several forms names every count it takes', () => {
    expect(run(SRC + 'SELECT ROUND(price, 2, 1), PI(1) FROM src;').map((d) => d.message)).toEqual([
      '`ROUND` takes 1 to 2 arguments, not 3',
      '`PI` takes no arguments, not 1',
    ]);
  });

  test('an argument of a type no form takes is reported on that argument, with its type', () => {
    const sql = SRC + 'SELECT UPPER(id), CHAR_LENGTH(name) FROM src WHERE ABS(name) > 0;';
    const ds = run(sql);
    expect(ds.map((d) => [d.column, d.message])).toEqual([
      [at(sql, 'id), CHAR').column, 'argument 1 of `UPPER` is BIGINT, which UPPER(string) does not take'],
      [at(sql, 'name) > 0').column, 'argument 1 of `ABS` is STRING, which ABS(numeric|interval) does not take'],
    ]);
  });

  test('near misses: implicit widening within a family, NULL, unknown types, several forms, named arguments', () => {
    const sql =
      SRC +
      `CREATE TEMPORARY FUNCTION lpad AS 'com.acme.MyLpad';
SELECT SUBSTR(name, 1), SUBSTR(name, 1, id), REPEAT(name, 3), ROUND(price), ROUND(price, 1), LOG(price),
  LOG(2, price), CONCAT(name, 'x', name), COALESCE(name, NULL), UPPER(NULL), CARDINALITY(tags),
  DATE_FORMAT(ts, 'HH'), DATE_FORMAT(name, 'HH'), LPAD(name, 2), UPPER(my_udf(id)), COUNT(*), COUNT(DISTINCT id, name)
FROM src;
SELECT * FROM TABLE(TUMBLE(DATA => TABLE src, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL '1' MINUTE));`;
    expect(run(sql)).toEqual([]);
  });

  test('a literal argument outside any query block is checked too', () => {
    const sql = `CREATE TABLE t (a STRING, b AS UPPER(1)) WITH ('connector' = 'datagen');`;
    expect(run(sql)).toMatchObject([
      { message: 'argument 1 of `UPPER` is INT NOT NULL, which UPPER(string) does not take' },
    ]);
  });
});
