import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { duplicateColumn } from '../../src/rules/duplicate-column.js';
import { undeclaredColumn } from '../../src/rules/undeclared-column.js';
import { at, context, job } from './fixtures.js';

const run = (sql: string, flinkVersion = '1.20') =>
  runRules(context(sql, { job: job({ flinkVersion }) }), [undeclaredColumn, duplicateColumn]);

const SINK = `CREATE TABLE sink (
  id BIGINT,
  name STRING,
  doubled AS id * 2,
  part INT METADATA FROM 'partition' VIRTUAL,
  ts TIMESTAMP(3) METADATA FROM 'timestamp',
  PRIMARY KEY (id) NOT ENFORCED
) WITH ('connector' = 'kafka');
`;

describe('sql/undeclared-column', () => {
  test('PRIMARY KEY naming a column the table lacks, at that name', () => {
    const sql = `CREATE TABLE t (id BIGINT, name STRING, PRIMARY KEY (idd) NOT ENFORCED) WITH ('connector' = 'datagen');`;
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ rule: 'sql/undeclared-column', ...at(sql, 'idd') });
    expect(ds[0]!.message).toBe('PRIMARY KEY names column `idd`, which `t` does not have; did you mean `id`?');
  });

  test('PRIMARY KEY on a computed or metadata column: Flink takes physical columns only', () => {
    const ds = run(
      `CREATE TABLE t (id BIGINT, k AS id + 1, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'datagen');`,
    );
    expect(ds.map((d) => d.message)).toEqual([
      'PRIMARY KEY names `k`, a computed column; Flink accepts only physical columns there',
    ]);
  });

  test('WATERMARK FOR, PARTITIONED BY and DISTRIBUTED BY naming missing columns', () => {
    const ds = run(
      `CREATE TABLE t (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR tss AS ts) PARTITIONED BY (dt) WITH ('connector' = 'datagen');\n` +
        `CREATE TABLE u (id BIGINT) DISTRIBUTED BY HASH(uid) INTO 4 BUCKETS WITH ('connector' = 'datagen');`,
    );
    expect(ds.map((d) => d.message.split(',')[0])).toEqual([
      'WATERMARK FOR names column `tss`',
      'PARTITIONED BY names column `dt`',
      'DISTRIBUTED BY names column `uid`',
    ]);
  });

  test('an INSERT column list naming a column the sink lacks, or one it cannot write', () => {
    const sql = `${SINK}INSERT INTO sink (id, nme, doubled, part) SELECT 1, 'a', 2, 3;`;
    const ds = run(sql);
    expect(ds.map((d) => d.message)).toEqual([
      'unknown target column `nme`: `sink` has no such column; did you mean `name`?',
      'column `doubled` of `sink` cannot be written: it is a computed column',
      'column `part` of `sink` cannot be written: it is a VIRTUAL metadata column',
    ]);
    expect(ds[0]).toMatchObject(at(sql, 'nme'));
    expect(ds[0]!.hint).toContain('id, name, ts');
  });

  test('quiet on valid definitions, inherited LIKE columns, persisted metadata and opaque tables', () => {
    expect(
      run(
        `${SINK}INSERT INTO sink (id, name, ts) SELECT 1, 'a', TIMESTAMP '2024-01-01 00:00:00';\n` +
          `CREATE TABLE copy (PRIMARY KEY (id) NOT ENFORCED) LIKE sink;\n` +
          `CREATE TABLE l (WATERMARK FOR x AS x) LIKE hive.db.t;\n` +
          `INSERT INTO hive.db.t (whatever) SELECT 1;\n` +
          `CREATE TABLE p (a INT, dt STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) PARTITIONED BY (dt) WITH ('connector' = 'filesystem');`,
      ),
    ).toEqual([]);
  });
});

describe('sql/undeclared-column on CTAS', () => {
  test('a CTAS column list naming a column the query does not produce', () => {
    const ds = run(
      `${SINK}CREATE TABLE c (name, idd) WITH ('connector' = 'print') AS SELECT id, name FROM sink;`,
      '2.0',
    );
    expect(ds.map((d) => d.message)).toEqual(['column `idd` is not a column of the query; did you mean `id`?']);
  });

  test('quiet on a CTAS column list that reorders the query columns, and on a PRIMARY KEY of a CTAS', () => {
    expect(
      run(
        `${SINK}CREATE TABLE c (name, id) WITH ('connector' = 'print') AS SELECT id, name FROM sink;\n` +
          `CREATE TABLE d (PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'print') AS SELECT id, name FROM sink;`,
        '2.0',
      ),
    ).toEqual([]);
  });
});

describe('sql/duplicate-column', () => {
  test('a view whose select list names a column twice, at the later item', () => {
    const sql = `${SINK}CREATE VIEW v AS SELECT id, name AS id FROM sink;`;
    const ds = run(sql);
    expect(ds.map((d) => d.rule)).toEqual(['sql/duplicate-column']);
    expect(ds[0]).toMatchObject(at(sql, 'id FROM'));
    expect(run(`${SINK}CREATE VIEW v (a, b) AS SELECT id, name AS id FROM sink;`)).toEqual([]);
    expect(run(`${SINK}CREATE VIEW v AS SELECT id, name FROM sink;`)).toEqual([]);
  });

  test('a column defined twice in a CREATE TABLE, at the second one', () => {
    const sql = `CREATE TABLE t (id BIGINT, name STRING, id INT) WITH ('connector' = 'datagen');`;
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ rule: 'sql/duplicate-column', ...at(sql, 'id', 1) });
  });

  test('names differing only in case are different columns', () => {
    expect(run(`CREATE TABLE t (id BIGINT, ID INT) WITH ('connector' = 'datagen');`)).toEqual([]);
  });

  test("a view's column list naming one twice", () => {
    const ds = run(`${SINK}CREATE VIEW v (a, a) AS SELECT id, name FROM sink;`);
    expect(ds.map((d) => d.rule)).toEqual(['sql/duplicate-column']);
  });

  test('LIKE: redefining an inherited physical column is an error; OVERWRITING GENERATED redefines a computed one', () => {
    const ds = run(`${SINK}CREATE TABLE c (name STRING) LIKE sink;`);
    expect(ds.map((d) => d.message)).toEqual(['column `name` already exists in `sink`, which this table is LIKE']);
    expect(run(`${SINK}CREATE TABLE c (doubled AS id * 3) LIKE sink (OVERWRITING GENERATED);`)).toEqual([]);
    expect(run(`${SINK}CREATE TABLE c (doubled AS id * 3) LIKE sink (EXCLUDING GENERATED);`)).toEqual([]);
    expect(run(`${SINK}CREATE TABLE c (doubled AS id * 3) LIKE sink;`).map((d) => d.hint)).toEqual([
      expect.stringContaining('OVERWRITING GENERATED'),
    ]);
  });
});
