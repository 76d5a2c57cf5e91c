import { describe, expect, test } from 'vitest';
import { aggregatePlacement } from '../../src/rules/aggregate-placement.js';
import { runRules } from '../../src/rules/index.js';
import { at, context } from './fixtures.js';

const DDL = `CREATE TABLE orders (id BIGINT, customer STRING, amount DOUBLE) WITH ('connector' = 'datagen');
CREATE TABLE customers (id STRING, region STRING) WITH ('connector' = 'datagen');
`;

const run = (query: string) => {
  const sql = `${DDL}${query}`;
  return { sql, ds: runRules(context(sql), [aggregatePlacement]) };
};

describe('sql/aggregate-placement', () => {
  test('an aggregate in WHERE is reported on the call, pointing to HAVING', () => {
    const { sql, ds } = run('SELECT customer FROM orders WHERE SUM(amount) > 10 GROUP BY customer;');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      rule: 'sql/aggregate-placement',
      severity: 'error',
      ...at(sql, 'SUM(amount)'),
      endColumn: at(sql, 'SUM(amount)').column + 'SUM(amount)'.length,
      message: 'aggregate `SUM(amount)` is not allowed in WHERE',
    });
    expect(ds[0]!.hint).toContain('HAVING');
  });

  test('an aggregate in GROUP BY and in a join condition', () => {
    const { ds } = run(
      'SELECT COUNT(*) FROM orders AS o JOIN customers AS c ON MAX(o.customer) = c.id GROUP BY COUNT(o.id);',
    );
    expect(ds.map((d) => d.message)).toEqual([
      'aggregate `MAX(o.customer)` is not allowed in ON',
      'aggregate `COUNT(o.id)` is not allowed in GROUP BY',
    ]);
  });

  test('an aggregate nested in another is reported on the inner one', () => {
    const { ds } = run('SELECT customer, SUM(MAX(amount)) FROM orders GROUP BY customer;');
    expect(ds.map((d) => d.message)).toEqual(['aggregate `MAX(amount)` is nested inside the aggregate `SUM`']);
  });

  test('a window function in WHERE', () => {
    const { ds } = run('SELECT id FROM orders WHERE ROW_NUMBER() OVER (PARTITION BY customer ORDER BY id) = 1;');
    expect(ds.map((d) => d.message)).toEqual([
      'window function `ROW_NUMBER() OVER (PARTITION BY customer ORDER BY id)` is not allowed in WHERE',
    ]);
  });

  describe('stays quiet', () => {
    test.each([
      [
        'aggregates in SELECT and HAVING',
        'SELECT customer, SUM(amount) FROM orders GROUP BY customer HAVING COUNT(*) > 1;',
      ],
      [
        'an aggregate inside a subquery of WHERE',
        'SELECT id FROM orders WHERE amount > (SELECT AVG(amount) FROM orders);',
      ],
      [
        'a windowed aggregate over a group aggregate',
        'SELECT customer, SUM(SUM(amount)) OVER () FROM orders GROUP BY customer;',
      ],
      [
        'Top-N: ROW_NUMBER in a subquery, filtered outside',
        `SELECT * FROM (
  SELECT id, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY amount DESC) AS rn FROM orders
) WHERE rn <= 3;`,
      ],
      [
        'a user function named like nothing built in',
        "CREATE FUNCTION agg_like AS 'x.Y';\nSELECT id FROM orders WHERE agg_like(amount) > 1;",
      ],
      [
        'a declared function shadowing a built-in name',
        "CREATE TEMPORARY SYSTEM FUNCTION listagg AS 'x.Y';\nSELECT id FROM orders WHERE listagg(amount) > 1;",
      ],
      [
        'scalar functions in WHERE and GROUP BY',
        'SELECT UPPER(customer), COUNT(*) FROM orders WHERE ABS(amount) > 1 GROUP BY UPPER(customer);',
      ],
    ])('%s', (_name, query) => expect(run(query).ds).toEqual([]));
  });
});
