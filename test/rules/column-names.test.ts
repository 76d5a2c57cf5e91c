import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { ambiguousColumn } from '../../src/rules/ambiguous-column.js';
import { unknownColumn } from '../../src/rules/unknown-column.js';
import { unknownQualifier } from '../../src/rules/unknown-qualifier.js';
import { at, context, job } from './fixtures.js';

const RULES = [unknownColumn, ambiguousColumn, unknownQualifier];
const run = (sql: string, externalTables: string[] = []) =>
  runRules(context(sql, { job: job({ externalTables }) }), RULES);

const TABLES = `CREATE TABLE orders (
  order_id BIGINT,
  customer_id BIGINT,
  amount DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');
CREATE TABLE customers (customer_id BIGINT, name STRING, address ROW<city STRING, zip STRING>) WITH ('connector' = 'datagen');
CREATE TABLE sink (order_id BIGINT, name STRING) WITH ('connector' = 'print');
`;

describe('sql/unknown-column', () => {
  test('a misspelt column is reported at the name, with the column it most likely meant', () => {
    const sql = `${TABLES}INSERT INTO sink SELECT order_id, amout FROM orders;`;
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      rule: 'sql/unknown-column',
      severity: 'error',
      ...at(sql, 'amout'),
      endColumn: at(sql, 'amout').column + 'amout'.length,
    });
    expect(ds[0]!.message).toBe('column `amout` not found in any table in scope; did you mean `amount`?');
  });

  test('a column that differs only in case is not the same column, and the hint says so', () => {
    const ds = run(`${TABLES}SELECT Amount FROM orders;`);
    expect(ds.map((d) => d.message)).toEqual([
      'column `Amount` not found in any table in scope; did you mean `amount`?',
    ]);
    expect(ds[0]!.hint).toContain('case-sensitively');
  });

  test('a qualified column the qualified table lacks names that table', () => {
    const ds = run(`${TABLES}SELECT o.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id;`);
    expect(ds.map((d) => d.message)).toEqual(['column `name` not found in `o`']);
  });

  test('columns in WHERE, GROUP BY, ON, subqueries, computed columns and watermarks are checked too', () => {
    const ds = run(
      `${TABLES}CREATE TABLE t (a INT, b AS a + missing_one, WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen');\n` +
        `SELECT customer_id FROM orders WHERE amont > 1 GROUP BY customer_idd;\n` +
        `SELECT * FROM orders o JOIN customers c ON o.customer_id = c.custmer_id;\n` +
        `SELECT * FROM orders WHERE order_id IN (SELECT ordr_id FROM orders);`,
    );
    expect(ds.map((d) => d.message.split(';')[0])).toEqual([
      'column `missing_one` not found in any table in scope',
      'column `ts` not found in any table in scope',
      'column `amont` not found in any table in scope',
      'column `customer_idd` not found in any table in scope',
      'column `custmer_id` not found in `c`',
      'column `ordr_id` not found in any table in scope',
    ]);
  });

  test('quiet on columns of tables the check cannot see into', () => {
    expect(run(`SELECT whatever FROM hive.db.t;`)).toEqual([]);
    expect(run(`CREATE CATALOG c WITH ('type' = 'jdbc');\nUSE CATALOG c;\nSELECT x FROM t;`)).toEqual([]);
    expect(run(`SELECT whatever FROM ext_orders;`, ['ext_orders'])).toEqual([]);
    expect(run(`SELECT whatever FROM never_created;`)).toEqual([]);
    // A view over an opaque table, a LIKE of one, a LATERAL function without column names.
    expect(
      run(
        `CREATE VIEW v AS SELECT * FROM hive.db.t;\nSELECT anything FROM v;\n` +
          `CREATE TABLE l (x INT, y AS z + 1) LIKE hive.db.t;\nSELECT z FROM l;\n` +
          `${TABLES}SELECT word FROM orders, LATERAL TABLE(split_words(CAST(order_id AS STRING)));`,
      ),
    ).toEqual([]);
  });

  test('quiet after LOAD MODULE and on user functions: only column names are checked', () => {
    expect(
      run(`${TABLES}LOAD MODULE hive;\nCREATE FUNCTION f AS 'com.acme.F';\nSELECT f(amount), PI FROM orders;`),
    ).toEqual([]);
  });

  test('quiet on valid scopes: CTEs, aliases in ORDER BY, correlated subqueries, window TVF columns, MATCH_RECOGNIZE', () => {
    const sql =
      `${TABLES}WITH big AS (SELECT order_id AS id, amount FROM orders) SELECT id FROM big ORDER BY id;\n` +
      `SELECT amount * 2 AS doubled FROM orders ORDER BY doubled;\n` +
      `SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id);\n` +
      `SELECT window_start, window_end, window_time, SUM(amount) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, window_time;\n` +
      `SELECT * FROM orders MATCH_RECOGNIZE (PARTITION BY customer_id ORDER BY order_time MEASURES A.amount AS a_amount, ` +
      `MATCH_ROWTIME() AS t ONE ROW PER MATCH PATTERN (A B) DEFINE B AS B.amount > A.amount) AS m;\n` +
      `SELECT c.address.city, name FROM customers c;\n` +
      `SELECT o.order_id, u.tag FROM orders o CROSS JOIN UNNEST(ARRAY['a', 'b']) AS u(tag);\n` +
      `SELECT customer_id, name FROM orders JOIN customers USING (customer_id);\n` +
      `SELECT order_time FROM orders GROUP BY order_time HAVING COUNT(*) > 1;`;
    expect(run(sql)).toEqual([]);
  });

  test('a window TVF column is unknown outside the TVF: a plain table has no window_start', () => {
    const ds = run(`${TABLES}SELECT window_start FROM orders;`);
    expect(ds.map((d) => d.rule)).toEqual(['sql/unknown-column']);
  });

  test('a SELECT without FROM has no columns to refer to', () => {
    const ds = run(`SELECT some_column;`);
    expect(ds[0]!.hint).toContain('FROM');
  });
});

test('a USING column one side of the join lacks', () => {
  const ds = run(`${TABLES}SELECT * FROM orders JOIN customers USING (order_id);`);
  expect(ds.map((d) => d.message.split(';')[0])).toEqual(['column `order_id` not found in any table in scope']);
  expect(run(`${TABLES}SELECT * FROM orders JOIN hive.db.t USING (order_id);`)).toEqual([]);
});

describe('sql/ambiguous-column', () => {
  test('a column both join sides have, unqualified, is ambiguous', () => {
    const sql = `${TABLES}SELECT customer_id FROM orders o JOIN customers c ON o.customer_id = c.customer_id;`;
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ rule: 'sql/ambiguous-column', ...at(sql, 'customer_id FROM') });
    expect(ds[0]!.message).toBe('column `customer_id` is ambiguous: `o` and `c` both have it');
    expect(ds[0]!.hint).toContain('`o.customer_id`');
  });

  test('quiet when USING or NATURAL merged the column, or when it is qualified', () => {
    expect(run(`${TABLES}SELECT customer_id FROM orders JOIN customers USING (customer_id);`)).toEqual([]);
    expect(run(`${TABLES}SELECT customer_id FROM orders NATURAL JOIN customers;`)).toEqual([]);
    expect(
      run(`${TABLES}SELECT o.customer_id FROM orders o JOIN customers c ON o.customer_id = c.customer_id;`),
    ).toEqual([]);
  });
});

describe('sql/unknown-qualifier', () => {
  test('a qualifier that names no table or alias of the FROM clause', () => {
    const sql = `${TABLES}SELECT x.order_id FROM orders o;`;
    const ds = run(sql);
    expect(ds.map((d) => d.rule)).toEqual(['sql/unknown-qualifier']);
    expect(ds[0]).toMatchObject(at(sql, 'x.order_id'));
    expect(ds[0]!.hint).toContain('`o`');
  });

  test('once a table has an alias, its own name no longer qualifies it', () => {
    const ds = run(`${TABLES}SELECT orders.order_id FROM orders o;`);
    expect(ds.map((d) => d.message)).toEqual(['no table or alias `orders` in this query']);
  });

  test('a misspelt alias gets a suggestion', () => {
    const ds = run(`${TABLES}SELECT cust.name FROM customers AS cst;`);
    expect(ds.map((d) => d.rule)).toEqual(['sql/unknown-qualifier']);
    const ds2 = run(`${TABLES}SELECT Orders.order_id FROM orders;`);
    expect(ds2[0]!.message).toContain('did you mean `orders`?');
  });

  test('quiet on ROW fields, table names qualified by database, and opaque tables', () => {
    expect(run(`${TABLES}SELECT address.city FROM customers;`)).toEqual([]);
    expect(run(`${TABLES}SELECT default_database.orders.order_id FROM orders;`)).toEqual([]);
    expect(run(`SELECT t.a.b FROM hive.db.t;`)).toEqual([]);
  });
});

describe('syntax errors elsewhere do not turn into column findings', () => {
  const runBroken = (sql: string) =>
    runRules(context(sql, { job: job(), allowSyntaxErrors: true }), RULES).filter((d) => d.rule !== 'syntax');

  test('a column added by an ALTER TABLE that does not parse is not reported as unknown', () => {
    const sql = `${TABLES}ALTER TABLE orders ADD (note STRING COMMENT);\nSELECT note FROM orders;`;
    expect(context(sql, { allowSyntaxErrors: true }).units[0]!.parsed.issues).not.toHaveLength(0);
    expect(runBroken(sql)).toEqual([]);
  });

  test('a table whose CREATE does not parse is opaque: its columns are not checked', () => {
    expect(
      runBroken(`CREATE TABLE broken (a INT b STRING) WITH ('connector' = 'datagen');\nSELECT c FROM broken;`),
    ).toEqual([]);
  });
});
