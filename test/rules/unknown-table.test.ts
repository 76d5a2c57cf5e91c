import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { unknownTable } from '../../src/rules/unknown-table.js';
import { at, context, job } from './fixtures.js';

const run = (sql: string, externalTables: string[] = []) =>
  runRules(context(sql, { job: job({ externalTables }) }), [unknownTable]);

const SCRIPT = `-- reads orders; writes enriched -- not a statement
CREATE TABLE orders (id BIGINT, note STRING) WITH ('connector' = 'datagen');
CREATE TABLE enriched (id BIGINT, note STRING) WITH ('connector' = 'print', 'print-identifier' = 'x;y -- z');
/* a block comment; with a semicolon */
INSERT INTO enriched
SELECT o.id, c.name FROM orders AS o JOIN customers AS c ON o.id = c.id;
`;

describe('sql/unknown-table', () => {
  test('thousands of created tables and thousands of unknown reads: each unknown read is reported at its line, known ones are not', () => {
    const creates = Array.from(
      { length: 1500 },
      (_, i) => `CREATE TABLE t${i} (x INT) WITH ('connector' = 'datagen');`,
    );
    const inserts = Array.from(
      { length: 1500 },
      (_, i) => `INSERT INTO t${i} SELECT x FROM ${i % 2 === 0 ? `t${i + 1}` : `missing${i}`};`,
    );
    const ds = run([...creates, ...inserts].join('\n'));
    expect(ds).toHaveLength(750);
    ds.forEach((d, k) =>
      expect(d).toMatchObject({
        line: 1500 + 2 * k + 2,
        message: expect.stringMatching(new RegExp(`^table \`missing${2 * k + 1}\` is read here`)),
      }),
    );
    // Near-misses still get a suggestion.
    expect(run(`${creates.slice(0, 10).join('\n')}\nINSERT INTO t1 SELECT x FROM T2;`)[0]!.message).toContain(
      'did you mean `t2`?',
    );
  });

  test('a joined table nobody created is reported where it is written', () => {
    const ds = run(SCRIPT);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      rule: 'sql/unknown-table',
      severity: 'error',
      ...at(SCRIPT, 'customers'),
      endColumn: at(SCRIPT, 'customers').column + 'customers'.length,
    });
    expect(ds[0]!.message).toContain('`customers`');
    expect(ds[0]!.hint).toContain('tables.external');
  });

  test('a table declared under tables.external is fine, qualified or not', () => {
    expect(run(SCRIPT, ['customers'])).toEqual([]);
    expect(run(SCRIPT.replace('JOIN customers', 'JOIN hive.crm.customers'), ['hive.crm.customers'])).toEqual([]);
    expect(run(SCRIPT.replace('JOIN customers', 'JOIN hive.crm.customers'), ['hive.crm.*'])).toEqual([]);
  });

  test('a WITH query named like a missing table is not a table', () => {
    const sql = SCRIPT.replace(
      'INSERT INTO enriched\n',
      'INSERT INTO enriched\nWITH customers AS (SELECT id, note AS name FROM orders)\n',
    );
    expect(run(sql)).toEqual([]);
  });

  test('an INSERT target with a case typo is reported with a suggestion', () => {
    const sql = SCRIPT.replace('INSERT INTO enriched', 'INSERT INTO Enriched').replace(
      ' JOIN customers AS c ON o.id = c.id',
      ', orders AS c',
    );
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      ...at(sql, 'Enriched'),
      message: expect.stringContaining('did you mean `enriched`'),
    });
  });

  test('a view or CTAS created earlier counts; reading a table before it is created does not', () => {
    const ok = `CREATE TABLE a (x INT) WITH ('connector' = 'datagen');
CREATE VIEW v AS SELECT x FROM a;
CREATE TABLE c WITH ('connector' = 'blackhole') AS SELECT x FROM v;
INSERT INTO c SELECT x FROM v;`;
    expect(run(ok)).toEqual([]);
    const early = `INSERT INTO b SELECT x FROM a;\nCREATE TABLE a (x INT) WITH ('connector' = 'datagen');\nCREATE TABLE b (x INT) WITH ('connector' = 'blackhole');`;
    expect(run(early).map((d) => [d.line, d.column])).toEqual([
      [1, 13],
      [1, 29],
    ]);
  });

  test('tables of a catalog the script creates are out of reach, and so is everything after USE CATALOG', () => {
    const sql = `CREATE CATALOG lake WITH ('type' = 'paimon', 'warehouse' = 's3://w');
CREATE TABLE sink_t (x INT) WITH ('connector' = 'blackhole');
INSERT INTO sink_t SELECT x FROM lake.db.events;
USE CATALOG lake;
INSERT INTO sink_t2 SELECT x FROM events;`;
    expect(run(sql)).toEqual([]);
  });

  test('LIKE reads its source table', () => {
    const sql = `CREATE TABLE b (y INT) WITH ('connector' = 'blackhole') LIKE base;`;
    expect(run(sql)).toMatchObject([{ ...at(sql, 'base') }]);
  });
});
