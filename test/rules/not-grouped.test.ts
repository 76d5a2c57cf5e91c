import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { notGrouped } from '../../src/rules/not-grouped.js';
import { at, context } from './fixtures.js';

const DDL = `CREATE TABLE orders (id BIGINT, customer STRING, amount DOUBLE, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'datagen');
CREATE TABLE customers (id STRING, region STRING) WITH ('connector' = 'datagen');
`;

const run = (query: string) => {
  const sql = `${DDL}${query}`;
  return { sql, ds: runRules(context(sql), [notGrouped]) };
};
const quiet = (query: string) => expect(run(query).ds).toEqual([]);

describe('sql/not-grouped', () => {
  test('a selected column missing from GROUP BY is reported on the column, with the fix', () => {
    const { sql, ds } = run('SELECT customer, amount, COUNT(*) FROM orders GROUP BY customer;');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      rule: 'sql/not-grouped',
      severity: 'error',
      ...at(sql, 'amount,'),
      endColumn: at(sql, 'amount,').column + 'amount'.length,
    });
    expect(ds[0]!.message).toBe('`amount` is neither in GROUP BY nor inside an aggregate function');
    expect(ds[0]!.hint).toContain('add `amount` to GROUP BY');
    expect(ds[0]!.hint).toContain("Expression 'amount' is not being grouped");
  });

  test('an aggregate without GROUP BY makes every other selected column an error', () => {
    const { ds } = run('SELECT customer, SUM(amount) FROM orders;');
    expect(ds.map((d) => d.message)).toEqual([
      '`customer` is not aggregated, but this SELECT aggregates all rows into one (SUM(amount), no GROUP BY)',
    ]);
  });

  test('HAVING and ORDER BY on a column that is not grouped', () => {
    const { ds } = run('SELECT customer FROM orders GROUP BY customer HAVING amount > 10 ORDER BY id;');
    expect(ds.map((d) => d.message)).toEqual([
      '`amount` in HAVING is neither in GROUP BY nor inside an aggregate function',
      '`id` in ORDER BY is neither in GROUP BY nor inside an aggregate function',
    ]);
  });

  test('a column inside a scalar function or an expression is still a column', () => {
    const { ds } = run('SELECT customer, UPPER(CAST(id AS STRING)) || customer FROM orders GROUP BY customer;');
    expect(ds.map((d) => d.message)).toEqual(['`id` is neither in GROUP BY nor inside an aggregate function']);
  });

  test('a window aggregation selecting a column it does not group says so', () => {
    const { ds } = run(`SELECT window_start, window_end, customer, SUM(amount)
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;`);
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toBe('`customer` is neither grouped nor aggregated in this window aggregation');
    expect(ds[0]!.hint).toContain('next to window_start and window_end');
  });

  test('a SELECT alias in GROUP BY or HAVING is named as the cause', () => {
    const { ds } = run('SELECT UPPER(customer) AS c, COUNT(*) AS n FROM orders GROUP BY c HAVING n > 1;');
    expect(ds.map((d) => d.message)).toEqual([
      '`customer` is not grouped: Flink does not accept the SELECT alias `c` in GROUP BY',
      '`n` in HAVING is not grouped: Flink does not accept the SELECT alias `n` in HAVING',
    ]);
  });

  test('a qualified column of a join that is not grouped', () => {
    const { ds } = run(
      'SELECT c.region, o.customer, COUNT(*) FROM orders AS o JOIN customers AS c ON o.customer = c.id GROUP BY c.region;',
    );
    expect(ds.map((d) => d.message)).toEqual(['`o.customer` is neither in GROUP BY nor inside an aggregate function']);
  });

  test('each ungrouped column is reported once per SELECT', () => {
    const { ds } = run('SELECT amount, amount * 2, MAX(id) FROM orders GROUP BY customer;');
    expect(ds).toHaveLength(1);
  });

  describe('stays quiet on valid grouping', () => {
    test.each([
      ['grouped columns and aggregates', 'SELECT customer, COUNT(*), SUM(amount) FROM orders GROUP BY customer;'],
      ['qualified in GROUP BY, bare in SELECT', 'SELECT customer, COUNT(*) FROM orders AS o GROUP BY o.customer;'],
      ['bare in GROUP BY, qualified in SELECT', 'SELECT o.customer, COUNT(*) FROM orders AS o GROUP BY customer;'],
      ['back-ticks and parentheses', 'SELECT `customer`, (amount + 1) FROM orders GROUP BY customer, amount + 1;'],
      ['a grouped expression selected', 'SELECT UPPER(customer), COUNT(*) FROM orders GROUP BY upper(customer);'],
      [
        'an expression over grouped columns',
        "SELECT customer || '-' || CAST(id AS STRING) FROM orders GROUP BY customer, id;",
      ],
      ['literals and niladic functions', 'SELECT 1, CURRENT_TIMESTAMP, LOCALTIMESTAMP, COUNT(*) FROM orders;'],
      ['columns only inside aggregates', 'SELECT SUM(amount) / COUNT(DISTINCT customer) FROM orders;'],
      [
        'a window function, not an aggregation',
        'SELECT customer, SUM(amount) OVER (PARTITION BY customer ORDER BY ts) FROM orders;',
      ],
      ['no aggregation at all', 'SELECT customer, amount FROM orders WHERE amount > 1;'],
      [
        'ORDER BY an alias or a position',
        'SELECT customer, COUNT(*) AS n FROM orders GROUP BY customer ORDER BY n DESC, 1;',
      ],
      ['ORDER BY an aggregate', 'SELECT customer FROM orders GROUP BY customer ORDER BY SUM(amount);'],
      [
        'HAVING on an aggregate',
        "SELECT customer FROM orders GROUP BY customer HAVING COUNT(*) > 1 AND customer <> 'x';",
      ],
      [
        'GROUPING SETS, ROLLUP and CUBE',
        'SELECT customer, id, COUNT(*) FROM orders GROUP BY GROUPING SETS ((customer), (id), ());',
      ],
      ['ROLLUP', 'SELECT customer, id, COUNT(*) FROM orders GROUP BY ROLLUP (customer, id);'],
      [
        'a window aggregation grouping what it selects',
        `SELECT window_start, window_end, customer, SUM(amount)
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, customer;`,
      ],
      [
        'a legacy group window and its auxiliary function',
        "SELECT TUMBLE_START(ts, INTERVAL '1' MINUTE), COUNT(*) FROM orders GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE);",
      ],
      [
        'a user function may aggregate',
        "CREATE FUNCTION my_agg AS 'com.acme.MyAgg';\nSELECT customer, my_agg(amount) FROM orders GROUP BY customer;",
      ],
      ['an undeclared function is not judged', 'SELECT customer, top_of(amount) FROM orders GROUP BY customer;'],
      [
        'a correlated column of the enclosing query in a subquery',
        'SELECT o.customer FROM orders AS o WHERE o.amount > (SELECT AVG(p.amount) FROM orders AS p WHERE p.customer = o.customer);',
      ],
      [
        'an outer column in an aggregating subquery',
        'SELECT id, (SELECT COUNT(*) FROM customers AS c WHERE c.id = customer) FROM orders;',
      ],
      [
        'a field of a grouped row column',
        'SELECT r.f, COUNT(*) FROM (SELECT ROW(id, customer) AS r FROM orders) GROUP BY r;',
      ],
      ['GROUP BY a constant is left alone', 'SELECT customer, COUNT(*) FROM orders GROUP BY 1;'],
      ['SELECT * is left alone', 'SELECT * FROM orders GROUP BY id, customer, amount, ts;'],
    ])('%s', (_name, query) => quiet(query));
  });
});
