import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { RUNNER_JAR_URI } from '../../src/runner/runner-paths.js';
import { unknownFunction } from '../../src/rules/unknown-function.js';
import { at, context, job } from './fixtures.js';

const run = (sql: string, options: Parameters<typeof context>[1] = {}) =>
  runRules(context(sql, options), [unknownFunction]);

const SRC = `CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = 'datagen');\n`;

describe('sql/unknown-function', () => {
  test('a misspelt built-in function is reported on its name, with the function it likely meant', () => {
    const sql = SRC + 'SELECT uper(name) FROM src;';
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ rule: 'sql/unknown-function', severity: 'error', ...at(sql, 'uper') });
    expect(ds[0]!.endColumn).toBe(at(sql, 'uper').column + 4);
    expect(ds[0]!.message).toBe(
      'function `uper` is not a Flink built-in function and the job does not create it; did you mean `UPPER`?',
    );
  });

  test('a function nobody created is reported with how to create it', () => {
    const sql = SRC + 'SELECT parse_track(name) FROM src;';
    expect(run(sql)).toMatchObject([
      { ...at(sql, 'parse_track'), hint: expect.stringContaining('CREATE TEMPORARY FUNCTION parse_track') },
    ]);
  });

  test('built-in functions in any case, their SQL-standard and Table API spellings, and niladic ones are known', () => {
    const sql =
      SRC +
      `SELECT UPPER(name), lower(name), Char_Length(name), CHARACTER_LENGTH(name), CEILING(1.5), charLength(name),
  CURRENT_TIMESTAMP, LOCALTIMESTAMP, PROCTIME(), TO_TIMESTAMP_LTZ(id, 3), DATE_FORMAT(CURRENT_TIMESTAMP, 'yyyy'),
  JSON_VALUE(name, '$.a'), COUNT(*), ROW_NUMBER() OVER (ORDER BY id), SUBSTRING(name FROM 1 FOR 2), IFNULL(name, '')
FROM src;`;
    expect(run(sql)).toEqual([]);
  });

  test('a function the job creates (any case), a catalog-qualified one, and calls after LOAD MODULE are left alone', () => {
    expect(
      run(SRC + "CREATE TEMPORARY FUNCTION Parse_Track AS 'com.acme.Parse';\nSELECT parse_track(name) FROM src;"),
    ).toEqual([]);
    expect(run(SRC + 'SELECT cat.db.parse_track(name) FROM src;')).toEqual([]);
    expect(
      run(
        "LOAD MODULE hive WITH ('hive-version' = '3.1.2');\n" + SRC + "SELECT SUBSTRING_INDEX(name, '.', 2) FROM src;",
      ),
    ).toEqual([]);
  });

  test('after USE CATALOG of another catalog, its functions may be meant: quiet', () => {
    const sql =
      "CREATE CATALOG hive WITH ('type' = 'hive');\nUSE CATALOG hive;\n" + SRC + 'SELECT parse_track(name) FROM src;';
    expect(run(sql)).toEqual([]);
  });

  test("a job on the team's own runner may register functions in code: quiet", () => {
    const own = job({ runner: { jarURI: 'local:///opt/flink/usrlib/acme-runner.jar' } });
    expect(run(SRC + 'SELECT parse_track(name) FROM src;', { job: own })).toEqual([]);
    const ours = job({ runner: { jarURI: RUNNER_JAR_URI } });
    expect(run(SRC + 'SELECT parse_track(name) FROM src;', { job: ours })).toHaveLength(1);
  });

  test('window table functions and legacy group windows are built in', () => {
    const sql = `CREATE TABLE o (ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen');
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE o, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;
SELECT TUMBLE_START(ts, INTERVAL '1' MINUTE), COUNT(*) FROM o GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE);`;
    expect(run(sql)).toEqual([]);
  });
});
