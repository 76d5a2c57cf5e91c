/**
 * The promise of `rules/inert-options.ts`: no rule reads the value of an inert WITH option, so a
 * check may give two environments that differ only in such values the same findings. Shown two
 * ways: no catalog entry gives these keys a list of values or marks them as credentials, and
 * every rule, run over every SQL text at hand with those values changed, finds exactly the same.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { allowedValues, CONNECTORS } from '../../src/connectors/catalog.js';
import { INERT_OPTION_KEYS, inertValueRanges } from '../../src/rules/inert-options.js';
import { jobDiagnostics } from '../../src/rules/job-diagnostics.js';
import { RUNNER_JAR_URI } from '../../src/runner/runner-paths.js';
import { buildSqlUnits } from '../../src/sql/build-units.js';
import { isSecretKey } from '../../src/text/secret-keys.js';
import { corpusPresent, loadCorpus, repoRoot } from '../support/corpus.js';
import { resolvedJob } from '../support/resolved-job.js';

const JOB = resolvedJob({ runner: { jarURI: RUNNER_JAR_URI } });

/**
 * Every finding of the text as one job with these variables, without columns (a longer value
 * moves what follows it on its line).
 */
function findings(text: string, variables: Record<string, string>): string[] {
  const { units } = buildSqlUnits([{ file: 'main.sql', text }], { flinkVersion: JOB.flinkVersion, variables });
  return jobDiagnostics({ units, job: JOB, wholeJob: true }).map(
    (d) => `${d.rule} ${d.severity} line ${d.line}: ${d.message} (${d.hint ?? ''})`,
  );
}

/**
 * The text with every inert option value written as a variable of its own, `'${inert_0}'` …,
 * as a repository whose environments differ in those values writes it; undefined when it has none.
 */
function withInertVariables(text: string): { text: string; names: string[] } | undefined {
  const { units } = buildSqlUnits([{ file: 'main.sql', text }], { flinkVersion: JOB.flinkVersion });
  const ranges = inertValueRanges(units).get('main.sql') ?? [];
  if (ranges.length === 0) return undefined;
  let out = text;
  const names = ranges.map((_, i) => `inert_${i}`);
  for (const [i, r] of [...ranges.entries()].sort((a, b) => b[1].start - a[1].start))
    out = `${out.slice(0, r.start)}'\${${names[i]}}'${out.slice(r.end)}`;
  return { text: out, names };
}

function sqlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sqlFilesUnder(full) : name.endsWith('.sql') ? [full] : [];
  });
}

const INLINE = [
  // Each inert key beside the options rules do read, in tables the semantic rules follow into a query.
  `CREATE TABLE src (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (
  'connector' = 'kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = 'k:9092',
  'properties.group.id' = 'g', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset');
CREATE TABLE dim (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
  'connector' = 'jdbc', 'url' = 'jdbc:mysql://db:3306/app', 'table-name' = 'dim');
CREATE TABLE es (id INT, n BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH (
  'connector' = 'elasticsearch-7', 'hosts' = 'http://es:9200', 'index' = 'counts');
CREATE TABLE fs (id INT) WITH ('connector' = 'filesystem', 'path' = 's3://b/p', 'format' = 'csv');
CREATE TABLE cdc (id INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'mysql-cdc', 'hostname' = 'db',
  'port' = '3306', 'database-name' = 'app', 'table-name' = 't', 'username' = 'u', 'password' = '\${pw}');
CREATE TABLE up (id INT, n BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka',
  'topic-pattern' = 'x.*', 'properties.bootstrap.servers' = 'k:9092', 'key.format' = 'json', 'value.format' = 'json');
INSERT INTO es SELECT id, COUNT(*) FROM src GROUP BY id;
INSERT INTO fs SELECT s.id FROM src AS s JOIN dim FOR SYSTEM_TIME AS OF s.ts AS d ON s.id = d.id;
INSERT INTO up SELECT id, COUNT(*) FROM cdc GROUP BY id;`,
];

describe('inert option keys', () => {
  test('no connector lists values for them, none is a credential, a connector or a format', () => {
    for (const key of INERT_OPTION_KEYS) {
      expect(isSecretKey(key), key).toBe(false);
      expect(['connector', 'url', 'type'].includes(key) || key.endsWith('format'), key).toBe(false);
      for (const connector of CONNECTORS) {
        expect(allowedValues(connector, key), `${connector.id}: ${key}`).toBeUndefined();
        expect(connector.formatSlots as readonly string[], `${connector.id}: ${key}`).not.toContain(key);
      }
    }
  });

  test('every rule finds the same whatever the inert values hold, over every SQL text at hand', () => {
    const texts = [
      ...INLINE,
      ...sqlFilesUnder(path.join(repoRoot, 'examples')).map((f) => readFileSync(f, 'utf8')),
      ...(corpusPresent ? loadCorpus().map((c) => c.text) : []),
    ];
    let exercised = 0;
    for (const text of texts) {
      const written = withInertVariables(text);
      if (!written) continue;
      exercised++;
      const valued = (value: string) => Object.fromEntries(written.names.map((n) => [n, value]));
      const first = findings(written.text, valued('a'));
      // Values that read like other things a rule might react to: a credential, a column, a keyword, a URL.
      for (const other of ['b1.prod:9092,b2.prod:9092', 'password=hunter2', 'PROCTIME() id ts', 'jdbc:x://u:p@h/d', ''])
        expect(findings(written.text, valued(other)), `${text}\nwith inert values '${other}'`).toEqual(first);
    }
    // Not vacuous: the inline job, the examples' Kafka tables and (in CI) the corpus's connectors.
    expect(exercised).toBeGreaterThanOrEqual(corpusPresent ? 20 : 3);
  });
});
