import { describe, expect, test } from 'vitest';
import { dropStatement } from '../../src/rules/drop-statement.js';
import { duplicateTable } from '../../src/rules/duplicate-table.js';
import { runRules } from '../../src/rules/index.js';
import { multipleInserts } from '../../src/rules/multiple-inserts.js';
import { noSink } from '../../src/rules/no-sink.js';
import { at, context, job } from './fixtures.js';

const TABLES = `CREATE TABLE a (x INT) WITH ('connector' = 'datagen');
CREATE TABLE b (x INT) WITH ('connector' = 'blackhole');
`;

describe('sql/no-sink', () => {
  test('a job that only creates and selects is reported at its first statement', () => {
    const sql = `-- setup; nothing else\n${TABLES}SELECT x FROM a;`;
    const ds = runRules(context(sql), [noSink]);
    expect(ds).toMatchObject([
      { rule: 'sql/no-sink', severity: 'error', line: 2, column: 1, endLine: 2, endColumn: TABLES.indexOf(';') + 1 },
    ]);
  });

  test('an INSERT in any file of the job, a statement set or a CTAS is a sink', () => {
    expect(runRules(context({ 'tables.sql': TABLES, 'main.sql': 'INSERT INTO b SELECT x FROM a;' }), [noSink])).toEqual(
      [],
    );
    expect(
      runRules(context(TABLES + 'EXECUTE STATEMENT SET BEGIN\nINSERT INTO b SELECT x FROM a;\nEND;'), [noSink]),
    ).toEqual([]);
    expect(
      runRules(context(TABLES + "CREATE TABLE c WITH ('connector' = 'print') AS SELECT x FROM a;"), [noSink]),
    ).toEqual([]);
  });

  test('silent when the files are not a whole job', () => {
    expect(runRules(context(TABLES, { wholeJob: false }), [noSink])).toEqual([]);
  });
});

describe('sql/duplicate-table', () => {
  test('the second definition is an error that names the first one', () => {
    const sql = TABLES + "CREATE TABLE a (y INT) WITH ('connector' = 'datagen');";
    const ds = runRules(context(sql), [duplicateTable]);
    expect(ds).toMatchObject([
      { severity: 'error', ...at(sql, 'a (y INT)'), endColumn: at(sql, 'a (y INT)').column + 1 },
    ]);
    expect(ds[0]!.message).toContain('table at jobs/orders/main.sql:1');
  });

  test('across files, a view and a table share one namespace', () => {
    const ds = runRules(context({ 'one.sql': TABLES, 'two.sql': 'CREATE VIEW b AS SELECT x FROM a;' }), [
      duplicateTable,
    ]);
    expect(ds).toMatchObject([{ file: 'two.sql', line: 1, column: 13, message: expect.stringContaining('one.sql:2') }]);
  });

  test('thousands of redefinitions of one table are each reported at their own line, naming the one before', () => {
    // Variables before the duplicates shift parsed offsets against the file: lines are the file's.
    const head = "CREATE TABLE t (x INT) WITH ('connector' = 'datagen', 'topic' = '${topic}');\n";
    const sql = head + "CREATE TABLE t (x INT) WITH ('connector' = 'datagen');\n".repeat(2000);
    const ds = runRules(context(sql, { job: job({ variables: { topic: 'a-much-longer-topic-name' } }) }), [
      duplicateTable,
    ]);
    expect(ds).toHaveLength(2000);
    ds.forEach((d, i) => {
      expect(d).toMatchObject({ severity: 'error', line: i + 2, column: 14, endColumn: 15 });
      expect(d.message).toContain(`table at jobs/orders/main.sql:${i + 1})`);
    });
  });

  test('OR REPLACE and DROP in between are intended; IF NOT EXISTS and temporary shadowing are warnings', () => {
    expect(
      runRules(context(TABLES + "CREATE OR REPLACE TABLE a WITH ('connector' = 'print') AS SELECT 1 AS x;"), [
        duplicateTable,
      ]),
    ).toEqual([]);
    expect(
      runRules(context(TABLES + "DROP TABLE a;\nCREATE TABLE a (y INT) WITH ('connector' = 'datagen');"), [
        duplicateTable,
      ]),
    ).toEqual([]);
    expect(
      runRules(context(TABLES + "CREATE TABLE IF NOT EXISTS a (y INT) WITH ('connector' = 'datagen');"), [
        duplicateTable,
      ]),
    ).toMatchObject([{ severity: 'warning', message: expect.stringContaining('no-op') }]);
    expect(
      runRules(context(TABLES + "CREATE TEMPORARY TABLE a (y INT) WITH ('connector' = 'datagen');"), [duplicateTable]),
    ).toMatchObject([{ severity: 'warning', message: expect.stringContaining('shadows') }]);
  });
});

describe('sql/drop-statement', () => {
  test('a DROP of a catalog object is an error on its first line', () => {
    const sql = TABLES + 'DROP TABLE IF EXISTS\n  warehouse.orders;';
    expect(runRules(context(sql), [dropStatement])).toMatchObject([
      {
        severity: 'error',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 'DROP TABLE IF EXISTS'.length + 1,
        message: expect.stringContaining('`warehouse.orders`'),
      },
    ]);
  });

  test('dropping a temporary view the script created is harmless', () => {
    expect(
      runRules(context(TABLES + 'CREATE TEMPORARY VIEW v AS SELECT x FROM a;\nDROP TEMPORARY VIEW v;'), [
        dropStatement,
      ]),
    ).toEqual([]);
  });
});

describe('sql/drop-statement: DROP TEMPORARY', () => {
  test('DROP TEMPORARY TABLE/VIEW/FUNCTION IF EXISTS before the CREATE is not reported', () => {
    const sql =
      'DROP TEMPORARY TABLE IF EXISTS s;\nDROP TEMPORARY VIEW IF EXISTS v;\n' +
      'DROP TEMPORARY FUNCTION IF EXISTS f;\nDROP TEMPORARY SYSTEM FUNCTION IF EXISTS g;\n' +
      TABLES;
    expect(runRules(context(sql), [dropStatement])).toEqual([]);
  });

  test('a DROP without TEMPORARY in the same script is still an error', () => {
    const sql = 'DROP TEMPORARY TABLE IF EXISTS s;\nDROP VIEW IF EXISTS v;\n' + TABLES;
    expect(runRules(context(sql), [dropStatement])).toMatchObject([
      { severity: 'error', line: 2, message: expect.stringContaining('DROP VIEW `v`') },
    ]);
  });
});

describe('sql/multiple-inserts', () => {
  const two = TABLES + '-- first; job\nINSERT INTO b SELECT x FROM a;\nINSERT INTO b\n  SELECT x + 1 FROM a;';
  test('a second top-level INSERT in application mode is a warning at the second one', () => {
    const ds = runRules(context(two, { job: job() }), [multipleInserts]);
    expect(ds).toMatchObject([
      {
        severity: 'warning',
        line: 5,
        column: 1,
        endLine: 5,
        endColumn: 'INSERT INTO b'.length + 1,
        message: expect.stringContaining('main.sql:4'),
      },
    ]);
  });

  test('a statement set, or session mode, is fine', () => {
    expect(
      runRules(
        context(
          TABLES + 'EXECUTE STATEMENT SET BEGIN\nINSERT INTO b SELECT x FROM a;\nINSERT INTO b SELECT x FROM a;\nEND;',
          { job: job() },
        ),
        [multipleInserts],
      ),
    ).toEqual([]);
    expect(runRules(context(two, { job: job({ mode: 'session' }) }), [multipleInserts])).toEqual([]);
  });
});
