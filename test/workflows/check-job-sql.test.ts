import { describe, expect, test } from 'vitest';
import type { ResultCache } from '../../src/cache/result-cache.js';
import { checkJobSql, checkScopedMemo } from '../../src/workflows/check-job-sql.js';
import { RUNNER_JAR_URI } from '../../src/runner/runner-paths.js';
import { resolvedJob } from '../support/resolved-job.js';

const TABLES =
  "CREATE TABLE a (x INT) WITH ('connector' = 'datagen');\nCREATE TABLE b (x INT) WITH ('connector' = 'blackhole');\n";
const TWO_INSERTS = 'INSERT INTO b SELECT x FROM a;\nINSERT INTO b SELECT x FROM a;\n';

/** Counts the analyses actually run: a miss is followed by a set. */
function counting(): ResultCache & { analyses: number } {
  const inner = checkScopedMemo();
  const memo = { analyses: 0, get: inner.get, set: (k: string, v: unknown) => (memo.analyses++, inner.set(k, v)) };
  return memo;
}

describe('checkJobSql shares one analysis between environments that agree on its inputs', () => {
  test('environments differing only in namespace and unreferenced variables analyse the SQL once', () => {
    const memo = counting();
    const sources = [{ file: 'jobs/j/main.sql', text: TABLES + 'INSERT INTO b SELECT x FROM a;\n' }];
    const staging = checkJobSql(
      sources,
      resolvedJob({ environment: 'staging', namespace: 'ns-a', variables: { env: 'staging' } }),
      undefined,
      undefined,
      memo,
    );
    const prod = checkJobSql(
      sources,
      resolvedJob({ environment: 'production', namespace: 'ns-b', variables: { env: 'prod' } }),
      undefined,
      undefined,
      memo,
    );
    expect(memo.analyses).toBe(1);
    expect(prod).toEqual(staging);
  });

  test('a setting a rule reads (mode) gets its own analysis and its own findings', () => {
    const memo = counting();
    const sources = [{ file: 'jobs/j/main.sql', text: TABLES + TWO_INSERTS }];
    const application = checkJobSql(sources, resolvedJob({ mode: 'application' }), undefined, undefined, memo);
    const session = checkJobSql(
      sources,
      resolvedJob({ mode: 'session', sessionCluster: 's' }),
      undefined,
      undefined,
      memo,
    );
    expect(memo.analyses).toBe(2);
    expect(application.diagnostics.map((d) => d.rule)).toContain('sql/multiple-inserts');
    expect(session.diagnostics.map((d) => d.rule)).not.toContain('sql/multiple-inserts');
  });

  test('environments whose execution.runtime-mode differs get their own analysis: updates into kafka only fail in streaming', () => {
    const memo = counting();
    const text =
      "CREATE TABLE a (x INT) WITH ('connector' = 'datagen');\n" +
      "CREATE TABLE k (x INT, n BIGINT) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');\n" +
      'INSERT INTO k SELECT x, COUNT(*) FROM a GROUP BY x;\n';
    const sources = [{ file: 'jobs/j/main.sql', text }];
    const streaming = checkJobSql(sources, resolvedJob({ flinkConfiguration: {} }), undefined, undefined, memo);
    const batch = checkJobSql(
      sources,
      resolvedJob({ flinkConfiguration: { 'execution.runtime-mode': 'batch' } }),
      undefined,
      undefined,
      memo,
    );
    expect(memo.analyses).toBe(2);
    expect(streaming.diagnostics.map((d) => d.rule)).toContain('sql/changelog-mode');
    expect(batch.diagnostics.map((d) => d.rule)).not.toContain('sql/changelog-mode');
  });

  test('a referenced variable with another value is analysed again and positioned in the original file', () => {
    const memo = counting();
    const text =
      "CREATE TABLE a (x INT) WITH ('connector' = '${c}');\n" +
      TABLES.split('\n')[1] +
      "\nCREATE TABLE a (y INT) WITH ('connector' = 'datagen');\n" +
      'INSERT INTO b SELECT x FROM a;\n';
    const sources = [{ file: 'jobs/j/main.sql', text }];
    const short = checkJobSql(sources, resolvedJob({ variables: { c: 'datagen' } }), undefined, undefined, memo);
    const long = checkJobSql(
      sources,
      resolvedJob({ variables: { c: 'datagen', unused: 'x' } }),
      undefined,
      undefined,
      memo,
    );
    const other = checkJobSql(sources, resolvedJob({ variables: { c: 'print' } }), undefined, undefined, memo);
    expect(memo.analyses).toBe(2);
    expect(long).toEqual(short);
    for (const r of [short, other])
      expect(r.diagnostics.find((d) => d.rule === 'sql/duplicate-table')).toMatchObject({ line: 3, column: 14 });
    expect(other.script).toContain("'print'");
    expect(short.script).not.toContain("'print'");
  });

  describe('variables that stand only in inert option values (rules/inert-options.ts)', () => {
    const KAFKA =
      "CREATE TABLE a (x INT) WITH ('connector' = 'datagen');\n" +
      "CREATE TABLE k (x INT) WITH ('connector' = '${conn}', 'topic' = 'orders',\n" +
      "  'properties.bootstrap.servers' = '${brokers}', 'format' = 'json');\n" +
      'INSERT INTO k SELECT x FROM a;\n';
    const sources = [{ file: 'jobs/j/main.sql', text: KAFKA }];
    const onOurRunner = (variables: Record<string, string>) =>
      resolvedJob({ runner: { jarURI: RUNNER_JAR_URI }, variables });
    const check = (memo: ResultCache, variables: Record<string, string>, files = sources) =>
      checkJobSql(files, onOurRunner(variables), undefined, undefined, memo);

    test('environments whose brokers differ analyse the SQL once and get the same findings', () => {
      const memo = counting();
      const staging = check(memo, { conn: 'kafka', brokers: 'kafka-staging:9092' });
      const prod = check(memo, { conn: 'kafka', brokers: 'b1.prod:9092,b2.prod:9092' });
      expect(memo.analyses).toBe(1);
      expect(prod).toEqual(staging);
    });

    test('a variable a rule reads (the connector) is analysed per value: only production is told of its typo', () => {
      const memo = counting();
      const staging = check(memo, { conn: 'kafka', brokers: 'k:9092' });
      const prod = check(memo, { conn: 'kafak', brokers: 'k:9092' });
      expect(memo.analyses).toBe(2);
      expect(staging.diagnostics.map((d) => d.message).join('\n')).not.toContain('unknown connector');
      expect(prod.diagnostics.map((d) => d.message)).toContain("unknown connector 'kafak'; did you mean 'kafka'?");
    });

    test('the same variable also used outside an inert value, or a value with a quote, is analysed per value', () => {
      const alsoInQuery = [
        { file: 'jobs/j/main.sql', text: KAFKA.replace('SELECT x FROM a', "SELECT x FROM a WHERE '${brokers}' <> ''") },
      ];
      const memo = counting();
      for (const brokers of ['k1:9092', 'k2:9092']) check(memo, { conn: 'kafka', brokers }, alsoInQuery);
      expect(memo.analyses).toBe(2);
      const quoted = counting();
      for (const brokers of ['k1:9092', "k2:9092', 'x' = 'y"]) check(quoted, { conn: 'kafka', brokers });
      expect(quoted.analyses).toBe(2);
    });

    test("a team's own runner gets its values printed into the script, so each value is its own analysis", () => {
      const memo = counting();
      const scripts = ['k1:9092', 'k2:9092'].map(
        (brokers) =>
          checkJobSql(sources, resolvedJob({ variables: { conn: 'kafka', brokers } }), undefined, undefined, memo)
            .script,
      );
      expect(memo.analyses).toBe(2);
      expect(scripts[1]).toContain('k2:9092');
    });
  });

  test('an unresolved variable is reported for each environment by name, even when the analysis is shared', () => {
    const memo = counting();
    const sources = [
      { file: 'jobs/j/main.sql', text: TABLES + "INSERT INTO b SELECT x FROM a WHERE '${missing}' = '';\n" },
    ];
    const messages = ['staging', 'production'].map((environment) =>
      checkJobSql(sources, resolvedJob({ environment }), undefined, undefined, memo).diagnostics.map((d) => d.message),
    );
    expect(memo.analyses).toBe(1);
    expect(messages[0]).toContainEqual(expect.stringContaining('for environment `staging`'));
    expect(messages[1]).toContainEqual(expect.stringContaining('for environment `production`'));
  });
});
