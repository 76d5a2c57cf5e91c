import { describe, expect, it } from 'vitest';
import { parseJobManifest } from '../../src/manifest/load-job.js';
import { parseProjectManifest } from '../../src/manifest/load-project.js';

const jobYaml = (maven: string[], extra = '') =>
  [
    'apiVersion: streampilot.dev/v1',
    'kind: FlinkSqlJob',
    'name: orders',
    'sql: [main.sql]',
    'dependencies:',
    '  maven:',
    ...maven.map((m) => `    - ${m}`),
    extra,
  ].join('\n');

const findings = (text: string) =>
  parseJobManifest(text, 'jobs/orders/job.yaml', 'orders').diagnostics.map((d) => ({
    rule: d.rule,
    severity: d.severity,
    line: d.line,
    message: d.message,
    hint: d.hint,
  }));

describe('jars in dependencies that Flink SQL cannot use as they are', () => {
  it('a plain connector or format jar is a warning naming the flink-sql-* coordinate to use', () => {
    const ds = findings(
      jobYaml([
        'org.apache.flink:flink-connector-elasticsearch7:3.0.1-1.17',
        'org.apache.flink:flink-avro-confluent-registry:1.20.1',
        'org.apache.flink:flink-parquet:1.20.1',
      ]),
    );
    expect(ds.map((d) => [d.rule, d.severity, d.line])).toEqual([
      ['manifest/dependency-jar', 'warning', 7],
      ['manifest/dependency-jar', 'warning', 8],
      ['manifest/dependency-jar', 'warning', 9],
    ]);
    expect(ds.map((d) => d.hint)).toEqual([
      'use org.apache.flink:flink-sql-connector-elasticsearch7:3.0.1-1.17 instead (same version)',
      'use org.apache.flink:flink-sql-avro-confluent-registry:1.20.1 instead (same version)',
      'use org.apache.flink:flink-sql-parquet:1.20.1 instead (same version)',
    ]);
  });

  it('a file system jar is a warning that file systems are plugins, naming ENABLE_BUILT_IN_PLUGINS', () => {
    const ds = findings(jobYaml(['org.apache.flink:flink-s3-fs-hadoop:1.20.1']));
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain('flink-s3-fs-hadoop is a file system, which Flink loads only as a plugin');
    expect(ds[0]!.hint).toContain('ENABLE_BUILT_IN_PLUGINS=flink-s3-fs-hadoop-<flink version>.jar');
    expect(ds[0]!.hint).toContain('/opt/flink/plugins/s3-fs-hadoop/');
  });

  it('the flink-sql-* jars, the JDBC connector and a driver pass', () => {
    expect(
      findings(
        jobYaml([
          'org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20',
          'org.apache.flink:flink-sql-avro-confluent-registry:1.20.1',
          'org.apache.flink:flink-sql-parquet:1.20.1',
          'org.apache.flink:flink-connector-jdbc:3.3.0-1.20',
          'com.mysql:mysql-connector-j:8.4.0',
        ]),
      ),
    ).toEqual([]);
  });
});

describe('${name} in flinkConfiguration values', () => {
  it('is a warning at the value: variables are substituted in SQL only', () => {
    const ds = findings(
      jobYaml(
        ['org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20'],
        'flinkConfiguration:\n  state.checkpoints.dir: s3://ckpt/${ env }/orders',
      ),
    );
    expect(ds).toMatchObject([
      {
        rule: 'manifest/configuration-variable',
        severity: 'warning',
        line: 9,
        message: expect.stringContaining('contains `${env}`, which stays as written'),
      },
    ]);
  });

  it('is left alone in the keys Flink hands to Hadoop, which expands ${env.NAME} itself', () => {
    const project = [
      'apiVersion: streampilot.dev/v1',
      'kind: Project',
      'defaults:',
      '  flinkConfiguration:',
      '    fs.s3a.access.key: ${env.AWS_ACCESS_KEY_ID}',
      '    pipeline.name: ${env.JOB}',
      'environments:',
      '  staging: {}',
    ].join('\n');
    expect(parseProjectManifest(project).diagnostics).toEqual([]);
  });
});
