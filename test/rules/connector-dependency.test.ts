import { describe, expect, test } from 'vitest';
import { connectorDependency } from '../../src/rules/connector-dependency.js';
import { runRules } from '../../src/rules/index.js';
import { context, job, project, at } from './fixtures.js';

const SQL = `CREATE TABLE src (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'avro');
CREATE TABLE src2 (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 'u', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');
CREATE TABLE dim (id BIGINT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://db/x', 'table-name' = 'dim');
CREATE TABLE sink_t (id BIGINT) WITH ('connector' = 'print');
INSERT INTO sink_t SELECT id FROM src;
`;

const run = (maven: string[], provided: string[] = [], jars: string[] = []) =>
  runRules(context(SQL, { job: job({ dependencies: { maven, jars } }), project: project(provided) }), [
    connectorDependency,
  ]);

describe('sql/connector-dependency', () => {
  test('connector, format and driver jars missing: reported once each, at first use', () => {
    const ds = run([]);
    expect(ds.map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
      [
        'error',
        at(SQL, "'kafka'").line,
        at(SQL, "'kafka'").column,
        "connector 'kafka' needs the jar org.apache.flink:flink-sql-connector-kafka, which is not in this job's dependencies",
      ],
      [
        'error',
        1,
        at(SQL, "'avro'").column,
        "format 'avro' needs the jar org.apache.flink:flink-sql-avro, which is not in this job's dependencies",
      ],
      [
        'error',
        3,
        at(SQL, "'jdbc'").column - at(SQL, 'CREATE TABLE dim').column + 1,
        "connector 'jdbc' needs the jar org.apache.flink:flink-connector-jdbc, which is not in this job's dependencies",
      ],
      ['warning', 3, expect.any(Number), "no JDBC driver for 'jdbc:postgresql:' URLs in this job's dependencies"],
    ]);
    expect(ds[0]!.hint).toContain('org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20');
  });

  test('a build: configmap job (no image of its own) is told to use a base image with the jar, not dependencies.maven', () => {
    const ds = runRules(
      context(SQL, {
        job: job({ packaging: 'configmap', dependencies: { maven: [], jars: [] } }),
        project: project([]),
      }),
      [connectorDependency],
    );
    expect(ds[0]!.hint).toContain('build: configmap');
    expect(ds[0]!.hint).toContain('provided.connectors');
    expect(ds[0]!.hint).not.toMatch(/^add .* under dependencies\.maven/);
    expect(ds.find((d) => d.severity === 'warning')!.hint).toContain('base image');
  });

  test('dependencies matched by artifact id, any version, as Maven coordinates or jar files', () => {
    expect(
      run([
        'org.apache.flink:flink-sql-connector-kafka:3.2.0-1.19',
        'org.apache.flink:flink-sql-avro:1.20.0',
        'org.apache.flink:flink-connector-jdbc-postgres:3.3.0-1.20',
        'org.postgresql:postgresql:42.7.4',
      ]),
    ).toEqual([]);
    expect(
      run(
        [],
        [],
        [
          'lib/flink-sql-connector-kafka-3.3.0-1.20.jar',
          'lib/flink-sql-avro-1.20.0.jar',
          'lib/flink-connector-jdbc-3.3.0-1.20.jar',
          'lib/driver.jar',
        ],
      ),
    ).toEqual([]);
  });

  test('what the base image provides is not required again', () => {
    expect(run(['org.postgresql:postgresql:42.7.4'], ['kafka', 'avro', 'jdbc'])).toEqual([]);
  });

  test('built-in connectors and formats, and loose files without a manifest, need nothing', () => {
    const builtIn =
      "CREATE TABLE f (a INT) WITH ('connector' = 'filesystem', 'path' = '/x', 'format' = 'csv');\nINSERT INTO f SELECT 1;";
    expect(runRules(context(builtIn, { job: job() }), [connectorDependency])).toEqual([]);
    expect(runRules(context(SQL), [connectorDependency])).toEqual([]);
  });
});
