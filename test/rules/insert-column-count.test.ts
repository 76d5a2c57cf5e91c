import { describe, expect, test } from 'vitest';
import { insertColumnCount } from '../../src/rules/insert-column-count.js';
import { runRules } from '../../src/rules/index.js';
import { at, context } from './fixtures.js';

const run = (sql: string) => runRules(context(sql), [insertColumnCount]);

const TABLES = `CREATE TABLE src (id BIGINT, name STRING, ts TIMESTAMP(3)) WITH ('connector' = 'datagen');
-- the sink: a computed column and a VIRTUAL metadata column are not writable
CREATE TABLE dst (
  id BIGINT,
  name STRING,
  name_len AS CHAR_LENGTH(name),
  part INT METADATA FROM 'partition' VIRTUAL,
  ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'
) WITH ('connector' = 'kafka', 'topic' = 'a;b', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');
`;

describe('sql/insert-column-count', () => {
  test('a query with fewer columns than the writable columns is reported on its select list', () => {
    const sql = TABLES + `INSERT INTO dst SELECT id, 'x;--y' FROM src;\n`;
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    const start = at(sql, "id, 'x;--y'");
    expect(ds[0]).toMatchObject({
      rule: 'sql/insert-column-count',
      severity: 'error',
      line: start.line,
      column: start.column,
      endColumn: start.column + "id, 'x;--y'".length,
    });
    expect(ds[0]!.message).toBe(
      'INSERT INTO `dst` gets 2 columns from its query, but `dst` has 3 writable columns (id, name, ts)',
    );
  });

  test('computed and VIRTUAL columns are not counted, so three expressions fit', () => {
    expect(run(TABLES + 'INSERT INTO dst SELECT id, name, ts FROM src;')).toEqual([]);
  });

  test('an explicit column list that matches the query is fine; one that does not is reported', () => {
    expect(run(TABLES + 'INSERT INTO dst (id, name) SELECT id, name FROM src;')).toEqual([]);
    const sql = TABLES + "INSERT INTO dst (id, name) VALUES (1, 'a', 2);";
    expect(run(sql)).toMatchObject([
      { ...at(sql, "(1, 'a', 2)"), message: expect.stringContaining('its column list names 2') },
    ]);
  });

  test('SELECT * and tables the script does not define are left alone', () => {
    expect(run(TABLES + 'INSERT INTO dst SELECT * FROM src;')).toEqual([]);
    expect(run('INSERT INTO catalog_table SELECT 1, 2;')).toEqual([]);
  });

  test('LIKE inherits the source columns; static partitions need no expression', () => {
    const like = TABLES + `CREATE TABLE dst2 (extra INT) LIKE src;\nINSERT INTO dst2 SELECT id, name, ts FROM src;`;
    expect(run(like)).toMatchObject([{ message: expect.stringContaining('4 writable columns (id, name, ts, extra)') }]);
    const part = `CREATE TABLE p (a INT, dt STRING) PARTITIONED BY (dt) WITH ('connector' = 'filesystem', 'path' = '/tmp/p', 'format' = 'csv');\nINSERT INTO p PARTITION (dt = '2024-01-01') SELECT 1;`;
    expect(run(part)).toEqual([]);
  });
});
