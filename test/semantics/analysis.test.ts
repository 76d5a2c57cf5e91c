import { describe, expect, it } from 'vitest';
import { analyzeJob, type JobAnalysis } from '../../src/semantics/analysis.js';
import { formatType } from '../../src/semantics/sql-type.js';
import type { QualifiedName } from '../../src/sql/model/common.js';
import { context } from '../rules/fixtures.js';

const analyze = (sql: string | Record<string, string>, externalTables: string[] = []): JobAnalysis =>
  analyzeJob(context(sql).units, { externalTables });

const name = (...parts: string[]): QualifiedName => ({
  range: { start: 0, end: 0 },
  parts: parts.map((value) => ({ value, quoted: false, range: { start: 0, end: 0 } })),
});

const columnsOf = (a: JobAnalysis, ...parts: string[]): string[] => {
  const l = a.lookup(name(...parts));
  if (l.kind !== 'known') return [l.kind];
  return l.table.columns.map((c) => `${c.name} ${formatType(c.type)}${c.kind === 'physical' ? '' : ` (${c.kind})`}`);
};

const ORDERS = `CREATE TABLE orders (
  id BIGINT NOT NULL,
  amount DECIMAL(10, 2),
  ts TIMESTAMP(3),
  pt AS PROCTIME(),
  part INT METADATA FROM 'partition' VIRTUAL,
  PRIMARY KEY (id) NOT ENFORCED,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'orders');
`;

/** What the column references after the ORDERS table's DDL resolved to. */
const kinds = (a: JobAnalysis): string[] =>
  a.references.filter((r) => r.ref.range.start >= ORDERS.length).map((r) => r.resolution.kind);

describe('the job catalog', () => {
  it('knows the columns of a CREATE TABLE with their kinds, types and time attributes', () => {
    const a = analyze(ORDERS);
    expect(columnsOf(a, 'orders')).toEqual([
      'id BIGINT NOT NULL',
      'amount DECIMAL(10, 2)',
      'ts TIMESTAMP(3) *ROWTIME*',
      'pt TIMESTAMP_LTZ(3) NOT NULL *PROCTIME* (computed)',
      'part INT (metadata)',
    ]);
    const l = a.lookup(name('orders'));
    expect(l.kind === 'known' && l.table.primaryKey).toEqual(['id']);
    expect(l.kind === 'known' && l.table.options.get('topic')).toBe('orders');
    expect(l.kind === 'known' && l.table.path).toEqual(['default_catalog', 'default_database', 'orders']);
  });

  it('resolves names against USE: a table created after `USE shop` is shop.orders, not default_database.orders', () => {
    const a = analyze(`CREATE DATABASE shop;\nUSE shop;\n${ORDERS}`);
    expect(a.lookup(name('default_catalog', 'shop', 'orders')).kind).toBe('known');
    expect(a.lookup(name('default_catalog', 'default_database', 'orders')).kind).toBe('missing');
  });

  it('treats tables of other catalogs and declared external tables as opaque, unknown names as missing', () => {
    const a = analyze(
      `CREATE CATALOG hive WITH ('type' = 'hive');\nINSERT INTO hive.db.sink SELECT * FROM ext;\nSELECT * FROM nowhere;`,
      ['ext'],
    );
    expect(a.lookup(name('hive', 'db', 'sink')).kind).toBe('opaque');
    expect(a.lookup(name('ext')).kind).toBe('opaque');
    expect(a.lookup(name('nowhere')).kind).toBe('missing');
  });

  it('gives a view the columns of its query, and a CTAS table the query columns without time attributes', () => {
    const a = analyze(
      `${ORDERS}CREATE VIEW v (k, t) AS SELECT id, ts FROM orders;\n` +
        `CREATE TABLE copy WITH ('connector' = 'print') AS SELECT id, ts, amount * 2 AS doubled FROM orders;`,
    );
    expect(columnsOf(a, 'v')).toEqual(['k BIGINT NOT NULL', 't TIMESTAMP(3) *ROWTIME*']);
    expect(columnsOf(a, 'copy').map((c) => c.split(' ')[0])).toEqual(['id', 'ts', 'doubled']);
    expect(columnsOf(a, 'copy')[1]).toBe('ts TIMESTAMP(3)');
    expect(a.writes).toHaveLength(1);
  });

  it('a view over an opaque table is itself opaque', () => {
    const a = analyze(`CREATE VIEW v AS SELECT * FROM ext;`, ['ext']);
    expect(a.lookup(name('v')).kind).toBe('opaque');
  });

  it('records a write with the persisted sink columns (no computed, no VIRTUAL metadata)', () => {
    const a = analyze(`${ORDERS}INSERT INTO orders SELECT id, amount, ts FROM orders;`);
    expect(a.writes[0]?.targetColumns?.map((c) => c.name)).toEqual(['id', 'amount', 'ts']);
    expect(a.writes[0]?.output.columns.map((c) => c.name)).toEqual(['id', 'amount', 'ts']);
  });

  it('narrows the target columns to an INSERT column list', () => {
    const a = analyze(`${ORDERS}INSERT INTO orders (ts, id) SELECT ts, id FROM orders;`);
    expect(a.writes[0]?.targetColumns?.map((c) => c.name)).toEqual(['ts', 'id']);
  });

  it('CREATE TABLE … LIKE inherits columns, and EXCLUDING WATERMARKS drops the rowtime', () => {
    const a = analyze(
      `${ORDERS}CREATE TABLE a (extra STRING) LIKE orders;\n` +
        `CREATE TABLE b LIKE orders (EXCLUDING WATERMARKS EXCLUDING METADATA);`,
    );
    expect(columnsOf(a, 'a')).toContain('ts TIMESTAMP(3) *ROWTIME*');
    expect(columnsOf(a, 'a').at(-1)).toBe('extra STRING');
    expect(columnsOf(a, 'b')).toContain('ts TIMESTAMP(3)');
    expect(columnsOf(a, 'b').some((c) => c.startsWith('part'))).toBe(false);
  });

  it('ALTER TABLE adds, renames and drops columns', () => {
    const a = analyze(
      `${ORDERS}ALTER TABLE orders ADD note STRING;\nALTER TABLE orders RENAME amount TO total;\n` +
        `ALTER TABLE orders DROP part;`,
    );
    expect(columnsOf(a, 'orders').map((c) => c.split(' ')[0])).toEqual(['id', 'total', 'ts', 'pt', 'note']);
  });

  it('DROP TABLE removes a table; a temporary table shadows a permanent one', () => {
    const a = analyze(
      `${ORDERS}CREATE TEMPORARY TABLE orders (x INT) WITH ('connector' = 'datagen');\nSELECT x FROM orders;\n` +
        `DROP TEMPORARY TABLE orders;\nSELECT id FROM orders;\nDROP TABLE orders;`,
    );
    expect(kinds(a)).toEqual(['column', 'column']);
    expect(a.lookup(name('orders')).kind).toBe('missing');
  });
});

describe('query scopes', () => {
  const outputOf = (a: JobAnalysis, i = -1): string[] =>
    (a.blocks.at(i)?.output.columns ?? []).map((c) => `${c.name} ${formatType(c.type)}`);

  it('resolves plain, qualified and aliased columns through joins', () => {
    const a = analyze(
      `${ORDERS}CREATE TABLE users (id BIGINT, name STRING) WITH ('connector' = 'datagen');\n` +
        `SELECT o.id, u.name, amount FROM orders AS o JOIN users u ON o.id = u.id;`,
    );
    expect(outputOf(a)).toEqual(['id BIGINT NOT NULL', 'name STRING', 'amount DECIMAL(10, 2)']);
    expect(kinds(a).every((k) => k === 'column')).toBe(true);
  });

  it('reports an unqualified name two join sides have as ambiguous, unless USING merged it', () => {
    const sql = `${ORDERS}CREATE TABLE users (id BIGINT, name STRING) WITH ('connector' = 'datagen');\n`;
    const a = analyze(`${sql}SELECT id FROM orders JOIN users ON orders.id = users.id;`);
    expect(kinds(a)).toEqual(['column', 'column', 'ambiguous']);
    const b = analyze(`${sql}SELECT id, name FROM orders JOIN users USING (id);`);
    expect(kinds(b)).toEqual(['column', 'column', 'column']);
  });

  it('expands * and t.*; USING columns appear once', () => {
    const a = analyze(
      `${ORDERS}CREATE TABLE users (id BIGINT, name STRING) WITH ('connector' = 'datagen');\n` +
        `SELECT * FROM orders JOIN users USING (id);\nSELECT u.* FROM orders o, users u;`,
    );
    expect(outputOf(a, 0).map((c) => c.split(' ')[0])).toEqual(['id', 'amount', 'ts', 'pt', 'part', 'name']);
    expect(outputOf(a, 1).map((c) => c.split(' ')[0])).toEqual(['id', 'name']);
  });

  it('finds a misspelt column as missing and an unknown qualifier as such', () => {
    const a = analyze(`${ORDERS}SELECT amout, x.id FROM orders;`);
    expect(kinds(a)).toEqual(['missing', 'unknownQualifier']);
  });

  it('compares column names case-sensitively', () => {
    const a = analyze(`${ORDERS}SELECT ID FROM orders;`);
    expect(kinds(a)[0]).toBe('missing');
  });

  it('says nothing about columns of opaque tables', () => {
    const a = analyze(`SELECT anything, t.whatever FROM hive.db.t;`);
    expect(a.references.map((r) => r.resolution.kind)).toEqual(['unknown', 'unknown']);
  });

  it('adds window_start, window_end and a rowtime window_time to window table functions', () => {
    const a = analyze(
      `${ORDERS}SELECT window_start, window_end, window_time, id FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE));`,
    );
    expect(outputOf(a)).toEqual([
      'window_start TIMESTAMP(3) NOT NULL',
      'window_end TIMESTAMP(3) NOT NULL',
      'window_time TIMESTAMP(3) NOT NULL *ROWTIME*',
      'id BIGINT NOT NULL',
    ]);
  });

  it('resolves CTEs, subqueries and correlated references to the enclosing block', () => {
    const a = analyze(
      `${ORDERS}WITH big AS (SELECT id AS k, amount FROM orders WHERE amount > 10)\n` +
        `SELECT k FROM big WHERE EXISTS (SELECT 1 FROM orders o WHERE o.id = big.k) AND k IN (SELECT id FROM orders);`,
    );
    expect(kinds(a).every((k) => k === 'column')).toBe(true);
    expect(outputOf(a).map((c) => c.split(' ')[0])).toEqual(['k']);
  });

  it('keeps the rowtime through a plain column reference and drops it through an expression or a GROUP BY', () => {
    const a = analyze(
      `${ORDERS}SELECT ts, id FROM (SELECT ts, id FROM orders);\nSELECT ts, COUNT(*) FROM orders GROUP BY ts;`,
    );
    expect(a.relationOf((a.blocks[1]!.select as never) ?? a.blocks[1]!.select)?.columns[0]?.type.timeAttribute).toBe(
      'rowtime',
    );
    expect(outputOf(a, -1)[0]).toBe('ts TIMESTAMP(3)');
  });

  it('MATCH_RECOGNIZE outputs its PARTITION BY columns and MEASURES; pattern variables qualify columns', () => {
    const a = analyze(
      `${ORDERS}SELECT * FROM orders MATCH_RECOGNIZE (PARTITION BY id ORDER BY ts MEASURES A.amount AS first_amount, ` +
        `LAST(B.amount) AS last_amount ONE ROW PER MATCH PATTERN (A B+) DEFINE B AS B.amount > A.amount) AS m;`,
    );
    expect(outputOf(a).map((c) => c.split(' ')[0])).toEqual(['id', 'first_amount', 'last_amount']);
    expect(kinds(a).every((k) => k === 'column')).toBe(true);
  });

  it('MATCH_RECOGNIZE keeps the rowtime of MATCH_ROWTIME() only; other measures are materialized', () => {
    const a = analyze(
      `${ORDERS}SELECT * FROM orders MATCH_RECOGNIZE (ORDER BY ts MEASURES A.ts AS a_ts, MATCH_ROWTIME() AS mt ` +
        `PATTERN (A) DEFINE A AS A.amount > 0);`,
    );
    expect(outputOf(a)).toEqual(['a_ts TIMESTAMP(3)', 'mt TIMESTAMP(3) NOT NULL *ROWTIME*']);
  });

  it('names of a LATERAL table function come from its alias; without one the function is opaque', () => {
    const a = analyze(
      `${ORDERS}SELECT id, word FROM orders, LATERAL TABLE(split(CAST(id AS STRING))) AS t(word);\n` +
        `SELECT id, anything FROM orders, LATERAL TABLE(split(CAST(id AS STRING)));`,
    );
    expect(kinds(a)).toEqual(['column', 'column', 'column', 'column', 'column', 'unknown']);
  });

  it('UNNEST yields the element type under the alias names; WITH ORDINALITY adds an INT', () => {
    const a = analyze(
      `CREATE TABLE t (id INT, tags ARRAY<STRING>, m MAP<STRING, BIGINT>) WITH ('connector' = 'datagen');\n` +
        `SELECT tag, pos FROM t CROSS JOIN UNNEST(tags) WITH ORDINALITY AS u(tag, pos);\n` +
        `SELECT k, v FROM t CROSS JOIN UNNEST(m) AS u(k, v);`,
    );
    expect(outputOf(a, 0)).toEqual(['tag STRING', 'pos INT NOT NULL']);
    expect(outputOf(a, 1)).toEqual(['k STRING', 'v BIGINT']);
  });

  it('a window TVF over a processing-time attribute gives a proctime window_time', () => {
    const a = analyze(
      `CREATE TABLE t (id INT, pt AS PROCTIME()) WITH ('connector' = 'datagen');\n` +
        `SELECT window_time FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(pt), INTERVAL '1' MINUTE));`,
    );
    expect(outputOf(a)).toEqual(['window_time TIMESTAMP_LTZ(3) NOT NULL *PROCTIME*']);
  });
});

describe('declared schemas and statement order', () => {
  it('a declared catalog table is known with its columns; an undeclared one of the same catalog stays opaque', () => {
    const schema = context(
      `CREATE TABLE hive.risk.payments (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);`,
    ).units;
    const a = analyzeJob(context(`SELECT id FROM hive.risk.payments;`).units, { declaredSchemas: schema });
    expect(columnsOf(a, 'hive', 'risk', 'payments')).toEqual(['id STRING', 'ts TIMESTAMP(3) *ROWTIME*']);
    expect(a.lookup(name('hive', 'risk', 'other')).kind).toBe('opaque');
    expect(a.definitions).toHaveLength(0);
  });

  it('a second CREATE TABLE of the same name keeps the first, as Flink refuses the second', () => {
    const a = analyze(
      `CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\nCREATE TABLE t (b INT) WITH ('connector' = 'datagen');\nSELECT a FROM t;`,
    );
    expect(columnsOf(a, 't')).toEqual(['a INT']);
  });

  it('ALTER TABLE … MODIFY WATERMARK moves the rowtime; DROP WATERMARK removes it', () => {
    const a = analyze(
      `CREATE TABLE t (a TIMESTAMP(3), b TIMESTAMP(3), WATERMARK FOR a AS a) WITH ('connector' = 'datagen');\n` +
        `ALTER TABLE t MODIFY WATERMARK FOR b AS b;\nCREATE VIEW v1 AS SELECT * FROM t;\n` +
        `ALTER TABLE t DROP WATERMARK;\nCREATE VIEW v2 AS SELECT * FROM t;`,
    );
    expect(columnsOf(a, 'v1')).toEqual(['a TIMESTAMP(3)', 'b TIMESTAMP(3) *ROWTIME*']);
    expect(columnsOf(a, 'v2')).toEqual(['a TIMESTAMP(3)', 'b TIMESTAMP(3)']);
  });

  it('CTAS puts declared columns the query lacks first and takes declared types for the ones it has', () => {
    const a = analyze(
      `CREATE TABLE src (a INT, b STRING) WITH ('connector' = 'datagen');\n` +
        `CREATE TABLE dst (extra BIGINT, b VARCHAR(10)) WITH ('connector' = 'print') AS SELECT a, b FROM src;`,
    );
    expect(columnsOf(a, 'dst')).toEqual(['extra BIGINT', 'a INT', 'b VARCHAR(10)']);
  });
});
