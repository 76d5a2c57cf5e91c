/**
 * Where our parser had to be brought in line with Apache Flink's own grammar (Calcite's
 * Parser.jj plus Flink's Parser.tdd and parserImpls.ftl): reserved words, the checks
 * Flink's parser makes itself, and the release that introduced each gated construct.
 * The SQL here is ours; each case names the rule of Flink's grammar it exercises.
 */
import { describe, expect, test } from 'vitest';
import { parseScript } from '../../src/sql/parse.js';
import { printScript } from '../../src/sql/printer/statements.js';

function accepted(text: string, flinkVersion = '2.2'): void {
  const r = parseScript(text, { flinkVersion });
  expect(r.issues.map((i) => i.message)).toEqual([]);
}

/** The first error, and the text it points at. */
function firstError(text: string, flinkVersion = '2.2') {
  const r = parseScript(text, { flinkVersion });
  expect(r.issues.length).toBeGreaterThan(0);
  const issue = r.issues[0]!;
  return { ...issue, at: text.slice(issue.range.start, issue.range.end) };
}

describe('reserved words: Flink keywords without a non-reserved entry are reserved', () => {
  test.each([
    'comment',
    'watermark',
    'string',
    'raw',
    'bytes',
    'tables',
    'views',
    'timestamp_ltz',
    'databases',
    'functions',
  ])('an unquoted column named %s is rejected with the back-tick hint', (word) => {
    const sql = `SELECT ${word} FROM sensor_readings`;
    const e = firstError(sql);
    expect(e.at).toBe(word);
    expect(e.message).toContain('reserved word');
    expect(e.hint).toContain(`\`${word}\``);
  });

  test.each(['qualify', 'pivot', 'unpivot', 'statement', 'ilike'])(
    'the Calcite keyword %s is reserved in Flink too',
    (word) => {
      const e = firstError(`CREATE TABLE sink_t (${word} INT) WITH ('connector' = 'blackhole')`);
      expect(e.at).toBe(word);
      expect(e.message).toContain('reserved word');
    },
  );

  test('back-ticked reserved words are names', () => {
    accepted(
      "CREATE TABLE audit_log (`comment` STRING, `watermark` TIMESTAMP(3), `string` BYTES) WITH ('connector' = 'datagen')",
    );
    accepted('SELECT `comment`, `raw`, `tables` FROM audit_log');
  });

  test('non-reserved Flink keywords still work as plain names', () => {
    accepted(
      "CREATE TABLE job_runs (options STRING, metadata STRING, jar STRING, job STRING, overwrite BOOLEAN, partitions INT, width_bucket INT, variant STRING, datetime STRING) WITH ('connector' = 'datagen')",
    );
  });

  test('reserved words keep working where the grammar needs them: types, clauses, SHOW', () => {
    accepted(
      "CREATE TABLE events (note STRING COMMENT 'free text', payload BYTES, at_ltz TIMESTAMP_LTZ(3), obj RAW('java.lang.Object', 'c25hcHNob3Q='), WATERMARK FOR at_ltz AS at_ltz) COMMENT 'raw events' WITH ('connector' = 'datagen')",
    );
    accepted('SHOW TABLES; SHOW VIEWS; SHOW DATABASES; SHOW FUNCTIONS');
    accepted("SELECT CAST(amount AS STRING) FROM payments WHERE note NOT ILIKE '%test%'");
  });

  test('words reserved by a later release stay names for a job on an older one', () => {
    const sql =
      "CREATE TABLE legacy (qualify INT, materialized BOOLEAN, distributed INT) WITH ('connector' = 'datagen')";
    accepted(sql, '1.17');
    expect(firstError(sql, '1.18').at).toBe('qualify');
    expect(firstError("CREATE TABLE legacy (materialized BOOLEAN) WITH ('connector' = 'datagen')", '1.20').at).toBe(
      'materialized',
    );
  });
});

describe('checks Flink makes while parsing', () => {
  test('a second WATERMARK in CREATE TABLE is an error on that WATERMARK', () => {
    const sql = `CREATE TABLE clicks (
  ts TIMESTAMP(3),
  ingest TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
  WATERMARK FOR ingest AS ingest
) WITH ('connector' = 'datagen')`;
    const e = firstError(sql);
    expect(e.range.start).toBe(sql.lastIndexOf('WATERMARK'));
    expect(e.message).toBe('a table can declare only one WATERMARK');
  });

  test('a second WATERMARK in ALTER TABLE ADD (...) / MODIFY (...) is an error too', () => {
    for (const verb of ['ADD', 'MODIFY']) {
      const sql = `ALTER TABLE clicks ${verb} (WATERMARK FOR ts AS ts, WATERMARK FOR ingest AS ingest)`;
      expect(firstError(sql).range.start).toBe(sql.lastIndexOf('WATERMARK'));
    }
    accepted("ALTER TABLE clicks MODIFY (WATERMARK FOR ts AS ts - INTERVAL '1' SECOND, ingest TIMESTAMP(3))");
  });

  test('a query as a computed column or a watermark is rejected at its parenthesis', () => {
    const computed = "CREATE TABLE t (a INT, top_a AS (SELECT MAX(a) FROM other)) WITH ('connector' = 'datagen')";
    const e = firstError(computed);
    expect(e.range.start).toBe(computed.indexOf('(SELECT'));
    expect(e.message).toBe('a computed column cannot be a query');
    const wm =
      "CREATE TABLE t (ts TIMESTAMP(3), WATERMARK FOR ts AS (SELECT MAX(ts) FROM other)) WITH ('connector' = 'datagen')";
    expect(firstError(wm).message).toBe('a watermark cannot be a query');
    accepted("CREATE TABLE t (a INT, b AS (a + 1) * 2) WITH ('connector' = 'datagen')");
  });

  test('UPSERT OVERWRITE is rejected on OVERWRITE', () => {
    const sql = 'UPSERT OVERWRITE daily_totals SELECT * FROM staging';
    const e = firstError(sql);
    expect(e.at).toBe('OVERWRITE');
    accepted('UPSERT INTO daily_totals SELECT * FROM staging');
  });

  test('a TEMPORARY SYSTEM function cannot have a catalog path', () => {
    const sql = "CREATE TEMPORARY SYSTEM FUNCTION tools.strings.slugify AS 'com.example.Slugify'";
    const e = firstError(sql);
    expect(e.at).toBe('.');
    expect(e.range.start).toBe(sql.indexOf('.'));
    accepted("CREATE TEMPORARY SYSTEM FUNCTION slugify AS 'com.example.Slugify'");
    accepted("CREATE TEMPORARY FUNCTION tools.strings.slugify AS 'com.example.Slugify'");
  });

  test('a typo after SHOW ... NOT is reported on the typo', () => {
    const sql = "SHOW TABLES NOT LIKES 'x%'";
    const e = firstError(sql);
    expect(e.at).toBe('LIKES');
    expect(e.message).toContain('`LIKE` or `ILIKE`');
  });
});

describe('version gates follow the release that shipped the syntax', () => {
  test('DISTRIBUTED BY arrived in 1.20 (FLIP-376), not 2.0', () => {
    const sql =
      "CREATE TABLE buckets_t (id BIGINT) DISTRIBUTED BY HASH(id) INTO 4 BUCKETS WITH ('connector' = 'datagen')";
    accepted(sql, '1.20');
    expect(firstError(sql, '1.19').message).toContain('needs Flink 1.20');
    accepted('ALTER TABLE buckets_t DROP DISTRIBUTION', '1.20');
  });
});

describe('USE MODULES', () => {
  test('a quoted string where a module name belongs is reported on the string', () => {
    const sql = "USE MODULES 'hive'";
    const e = firstError(sql);
    expect(e.at).toBe("'hive'");
    expect(e.message).toContain('a module name');
    accepted('USE MODULES hive, core');
  });
});

describe('EXECUTE and EXPLAIN prefixes', () => {
  test('a query may be prefixed with EXECUTE, alone or under EXPLAIN, and prints back with it', () => {
    accepted('EXECUTE SELECT order_id, amount FROM orders WHERE amount > 10');
    accepted('EXPLAIN EXECUTE SELECT order_id FROM orders');
    const r = parseScript('EXECUTE SELECT order_id FROM orders;', { flinkVersion: '2.2' });
    const printed = printScript(r.statements);
    expect(printed).toMatch(/^EXECUTE SELECT/);
    expect(parseScript(printed, { flinkVersion: '2.2' }).issues).toEqual([]);
  });

  test('EXPLAIN takes CTAS and RTAS from 2.0 on, but not a CREATE TABLE without a query', () => {
    accepted(
      "EXPLAIN CREATE TABLE daily_totals WITH ('connector' = 'blackhole') AS SELECT shop, SUM(amount) FROM orders GROUP BY shop",
    );
    accepted('EXPLAIN REPLACE TABLE daily_totals AS SELECT shop FROM orders');
    accepted('EXPLAIN CREATE OR REPLACE TABLE daily_totals AS SELECT shop FROM orders');
    const e = firstError("EXPLAIN CREATE TABLE daily_totals (shop STRING) WITH ('connector' = 'blackhole')");
    expect(e.at).toBe(')');
    expect(e.message).toContain('AS SELECT');
    expect(firstError('EXPLAIN CREATE TABLE daily_totals AS SELECT shop FROM orders', '1.20').message).toContain('2.0');
  });
});

describe('CTAS/RTAS with bare column names', () => {
  test('names without types reorder the query columns, and print back the same', () => {
    const sql =
      "CREATE TABLE shop_totals (total, shop) WITH ('connector' = 'blackhole') AS SELECT shop, SUM(amount) AS total FROM orders GROUP BY shop;";
    accepted(sql);
    accepted('REPLACE TABLE shop_totals (shop) AS SELECT shop FROM orders');
    const r = parseScript(sql, { flinkVersion: '2.2' });
    const printed = printScript(r.statements);
    expect(printed).toMatch(/shop_totals`? \(`?total`?, `?shop`?\)/);
    expect(parseScript(printed, { flinkVersion: '2.2' }).issues).toEqual([]);
  });

  test('mixing bare names and typed columns fails at the first type', () => {
    const e = firstError('CREATE TABLE shop_totals (shop, total BIGINT) AS SELECT shop, 1 FROM orders');
    expect(e.at).toBe('BIGINT');
  });

  test('bare names need the AS query: the error covers the name list', () => {
    const e = firstError("CREATE TABLE raw_clicks (user_id, url) WITH ('connector' = 'datagen')");
    expect(e.at).toBe('(user_id, url');
    expect(e.message).toContain('only allowed when the table is created from a query');
  });

  test('a materialized table may name its columns without types', () => {
    accepted(
      "CREATE MATERIALIZED TABLE shop_totals (shop, total) FRESHNESS = INTERVAL '1' MINUTE AS SELECT shop, COUNT(*) FROM orders GROUP BY shop",
    );
  });
});

describe('column types Flink refuses in DDL', () => {
  test.each(['NULL', 'INTERVAL DAY'])('%s is a CAST target in Calcite but not a column type', (type) => {
    const e = firstError(`CREATE TABLE sessions (gap ${type}) WITH ('connector' = 'datagen')`);
    expect(e.at).toBe(type.split(' ')[0]);
  });

  test('WITH TIME ZONE is refused at TIME, the word Flink cannot continue with', () => {
    const e = firstError("CREATE TABLE events (ts TIMESTAMP(3) WITH TIME ZONE) WITH ('connector' = 'datagen')");
    expect(e.at).toBe('TIME ZONE');
  });

  test('adjacent string literals in RAW form one serializer snapshot', () => {
    const r = parseScript(
      "CREATE TABLE blobs (payload RAW('com.example.Payload', 'AAEC' 'AwQF')) WITH ('connector' = 'datagen');",
      { flinkVersion: '2.2' },
    );
    expect(r.issues).toEqual([]);
    expect(printScript(r.statements)).toContain("'AAECAwQF'");
  });
});

describe('smaller checks of Flink statements', () => {
  test('STOP JOB ... WITH DRAIN needs WITH SAVEPOINT before it', () => {
    accepted("STOP JOB 'a1b2c3' WITH SAVEPOINT WITH DRAIN");
    expect(firstError("STOP JOB 'a1b2c3' WITH DRAIN").at).toBe('WITH DRAIN');
    expect(firstError("STOP JOB 'a1b2c3' WITH DRAIN WITH SAVEPOINT").at).toBe('WITH DRAIN');
  });

  test('a materialized table cannot be dropped as TEMPORARY', () => {
    accepted('DROP MATERIALIZED TABLE IF EXISTS shop_totals');
    expect(firstError('DROP TEMPORARY MATERIALIZED TABLE shop_totals').at).toBe('MATERIALIZED');
  });

  test('FRESHNESS takes only an interval literal with a quoted amount', () => {
    accepted("ALTER MATERIALIZED TABLE shop_totals SET FRESHNESS = INTERVAL '30' SECOND");
    expect(firstError('CREATE MATERIALIZED TABLE shop_totals FRESHNESS = 30 AS SELECT 1').at).toBe('30');
    expect(firstError('ALTER MATERIALIZED TABLE shop_totals SET FRESHNESS = INTERVAL 30 SECOND').at).toBe('SECOND');
  });
});

test('a CTAS cannot create a TEMPORARY table (Flink refuses it when it validates the statement)', () => {
  const e = firstError("CREATE TEMPORARY TABLE shop_copy WITH ('connector' = 'blackhole') AS SELECT shop FROM orders");
  expect(e.at).toBe('AS');
  expect(e.message).toContain('cannot be TEMPORARY');
  accepted("CREATE TEMPORARY TABLE shop_copy (shop STRING) WITH ('connector' = 'blackhole')");
});
