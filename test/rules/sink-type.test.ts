import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { sinkType } from '../../src/rules/sink-type.js';
import { at, context, job } from './fixtures.js';

const run = (sql: string) => runRules(context(sql), [sinkType]);

const SRC = `CREATE TABLE src (
  id INT, big BIGINT, name STRING, price DECIMAL(10, 2), ok BOOLEAN, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');\n`;
const SINK = `CREATE TABLE dst (
  id BIGINT NOT NULL,
  label VARCHAR(8),
  amount DOUBLE,
  event_time TIMESTAMP(3),
  label_len AS CHAR_LENGTH(label),
  part INT METADATA FROM 'partition' VIRTUAL
) WITH ('connector' = 'print');\n`;

describe('sql/sink-type', () => {
  test('a STRING into an INT column is reported on the select item, with both types and a CAST', () => {
    const sql = SRC + `CREATE TABLE n (v INT) WITH ('connector' = 'blackhole');\nINSERT INTO n SELECT name FROM src;`;
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ rule: 'sql/sink-type', severity: 'error', ...at(sql, 'name FROM src;') });
    expect(ds[0]!.message).toBe(
      'column types of query result and sink `n` do not match: sink column `v` (position 1) is INT, the query gives STRING (`name`)',
    );
    expect(ds[0]!.hint).toContain('CAST(name AS INT)');
  });

  test('INT into STRING, BOOLEAN into INT and BIGINT into INT are refused too: none is lossless', () => {
    const sql =
      SRC +
      `CREATE TABLE s (a STRING, b INT, c INT) WITH ('connector' = 'blackhole');\nINSERT INTO s SELECT id, ok, big FROM src;`;
    expect(run(sql).map((d) => d.message.replace(/.*sink column /, ''))).toEqual([
      '`a` (position 1) is STRING, the query gives INT (`id`)',
      '`b` (position 2) is INT, the query gives BOOLEAN (`ok`)',
      '`c` (position 3) is INT, the query gives BIGINT (`big`)',
    ]);
  });

  test('CTAS: a column declared with a type must take the query column of its name; without one it is the query type', () => {
    const sql =
      SRC +
      `CREATE TABLE c (name INT) WITH ('connector' = 'print') AS SELECT id, name FROM src;
CREATE TABLE c2 WITH ('connector' = 'print') AS SELECT id, name FROM src;`;
    expect(run(sql)).toMatchObject([
      { ...at(sql, 'name FROM src;'), message: expect.stringContaining('`name` (position 2) is INT') },
    ]);
  });

  test('a catalog sink whose schema the job declares (tables.schemas) is checked; one without a schema is not', () => {
    const declared = job({
      externalTables: ['hive.db.*'],
      tableSchemas: [{ file: 'schemas/hive.sql', text: 'CREATE TABLE hive.db.totals (region STRING, total BIGINT);' }],
    });
    const sql =
      SRC + 'INSERT INTO hive.db.totals SELECT name, ok FROM src;\nINSERT INTO hive.db.other SELECT name, ok FROM src;';
    expect(runRules(context(sql, { job: declared }), [sinkType])).toMatchObject([
      { ...at(sql, 'ok FROM src;'), message: expect.stringContaining('sink column `total` (position 2) is BIGINT') },
    ]);
  });

  test('a VALUES row is checked against the column list it fills', () => {
    const sql = SINK + "INSERT INTO dst (id, amount) VALUES (1, 'x');";
    expect(run(sql)).toMatchObject([{ ...at(sql, "'x'"), message: expect.stringContaining('sink column `amount`') }]);
  });

  test('near misses: INT into BIGINT NOT NULL, a longer STRING into VARCHAR(8), DECIMAL into DOUBLE, a rowtime into TIMESTAMP(3)', () => {
    const sql = SRC + SINK + 'INSERT INTO dst SELECT id, name, price, ts FROM src;';
    expect(run(sql)).toEqual([]);
  });

  test('near misses: partial column lists, NULL, literals, CASTs, unknown tables and user functions', () => {
    const sql =
      SRC +
      SINK +
      `INSERT INTO dst (id, event_time) SELECT big, ts FROM src;
INSERT INTO dst SELECT 1, 'a longer label than eight', 1.5, CAST(NULL AS TIMESTAMP(3)) FROM src;
INSERT INTO dst SELECT CAST(name AS BIGINT), NULL, id, TIMESTAMP '2024-01-01 00:00:00' FROM src;
INSERT INTO dst SELECT my_udf(name), name, price, ts FROM src;
INSERT INTO dst SELECT * FROM catalog_table;
INSERT INTO catalog_sink SELECT name FROM src;`;
    expect(run(sql)).toEqual([]);
  });
});
