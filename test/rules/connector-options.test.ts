import { describe, expect, test } from 'vitest';
import { connectorOptions } from '../../src/rules/connector-options.js';
import { runRules } from '../../src/rules/index.js';
import { at, context, job, project } from './fixtures.js';

const run = (sql: string, withJob = false, maven: string[] = []) =>
  runRules(
    withJob ? context(sql, { job: job({ dependencies: { maven, jars: [] } }), project: project() }) : context(sql),
    [connectorOptions],
  );

const KAFKA = `CREATE TABLE orders (id BIGINT, note STRING) WITH (
  'connector' = 'kafka',
  'topic' = 'orders;archive', -- a list; not a statement end
  'properties.bootstrap.servers' = 'kafka:9092',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true'
);
`;

describe('sql/connector-options', () => {
  test('a complete kafka table passes', () => {
    expect(run(KAFKA)).toEqual([]);
  });

  test('an option key typo is an error with the right key suggested, at the key', () => {
    const sql = KAFKA.replace("'scan.startup.mode'", "'scan.startup.mod'");
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    const key = at(sql, "'scan.startup.mod'");
    expect(ds[0]).toMatchObject({
      severity: 'error',
      line: key.line,
      column: key.column,
      endColumn: key.column + "'scan.startup.mod'".length,
    });
    expect(ds[0]!.message).toBe("unknown kafka option 'scan.startup.mod'; did you mean 'scan.startup.mode'?");
  });

  test('format options follow the format in use, with key./value. prefixes', () => {
    expect(run(KAFKA.replace("'json.ignore-parse-errors'", "'json.ignore-parse-error'"))[0]!.message).toContain(
      "did you mean 'json.ignore-parse-errors'",
    );
    const kv = KAFKA.replace(
      "'format' = 'json',\n  'json.ignore-parse-errors' = 'true'",
      "'key.format' = 'raw', 'key.fields' = 'id', 'value.format' = 'csv',\n  'value.csv.field-delimiter' = ';', 'key.raw.charset' = 'UTF-8'",
    );
    expect(run(kv)).toEqual([]);
    // properties.* goes to the Kafka client unchecked.
    expect(run(KAFKA.replace("'format' = 'json'", "'properties.max.poll.records' = '10', 'format' = 'json'"))).toEqual(
      [],
    );
  });

  test('a key unlike any known one is only a warning (a newer connector may accept it)', () => {
    const sql = KAFKA.replace("'format' = 'json'", "'frobnicate' = 'yes', 'format' = 'json'");
    expect(run(sql)).toMatchObject([{ severity: 'warning', ...at(sql, "'frobnicate'") }]);
  });

  test('missing required options are one error at the connector option', () => {
    const sql = KAFKA.replace("  'properties.bootstrap.servers' = 'kafka:9092',\n", '').replace(
      "  'topic' = 'orders;archive', -- a list; not a statement end\n",
      '',
    );
    const ds = run(sql);
    const where = at(sql, "'connector' = 'kafka'");
    expect(ds).toMatchObject([
      {
        line: where.line,
        column: where.column,
        message:
          "kafka table `orders` is missing required options one of 'topic' or 'topic-pattern', 'properties.bootstrap.servers'",
      },
    ]);
  });

  test('value.format satisfies the format requirement; topic and topic-pattern together do not pass', () => {
    expect(
      run(KAFKA.replace("'format' = 'json',\n  'json.ignore-parse-errors' = 'true'", "'value.format' = 'json'")),
    ).toEqual([]);
    const both = KAFKA.replace("'format' = 'json'", "'topic-pattern' = 'o.*', 'format' = 'json'");
    expect(run(both)).toMatchObject([
      { ...at(both, "'topic-pattern'"), message: expect.stringContaining('only one of') },
    ]);
  });

  test('a table created with LIKE inherits options: no missing-option report', () => {
    const sql = KAFKA + `CREATE TABLE orders2 WITH ('scan.startup.mode' = 'latest-offset') LIKE orders;`;
    expect(run(sql)).toEqual([]);
  });

  test('a near-miss connector name is an error when nothing in the job provides it, a warning for loose files', () => {
    const sql = KAFKA.replace("'connector' = 'kafka'", "'connector' = 'kakfa'");
    const value = at(sql, "'kakfa'");
    expect(run(sql, true)).toMatchObject([
      {
        severity: 'error',
        line: value.line,
        column: value.column,
        message: "unknown connector 'kakfa'; did you mean 'kafka'?",
      },
    ]);
    expect(run(sql)).toMatchObject([{ severity: 'warning' }]);
    // A jar we cannot attribute may hold a custom 'kakfa' factory.
    expect(run(sql, true, ['com.acme:custom-connectors:1.0'])).toMatchObject([{ severity: 'warning' }]);
  });

  test('an unknown connector unlike any known one is assumed custom', () => {
    expect(run("CREATE TABLE t (a INT) WITH ('connector' = 'acme-queue', 'whatever' = '1');", true)).toEqual([]);
  });

  test('a misspelt format gets a suggestion; required format options are checked', () => {
    const sql = KAFKA.replace("'format' = 'json',\n  'json.ignore-parse-errors' = 'true'", "'format' = 'jsn'");
    expect(run(sql)).toMatchObject([{ ...at(sql, "'jsn'"), message: "unknown format 'jsn'; did you mean 'json'?" }]);
    const avro = KAFKA.replace(
      "'format' = 'json',\n  'json.ignore-parse-errors' = 'true'",
      "'format' = 'avro-confluent'",
    );
    expect(run(avro)).toMatchObject([
      {
        ...at(avro, "'format' = 'avro-confluent'"),
        message: "format avro-confluent needs option 'avro-confluent.url'",
      },
    ]);
  });

  test('datagen field options must name a physical column', () => {
    const sql =
      "CREATE TABLE g (id INT, name STRING) WITH ('connector' = 'datagen', 'fields.id.min' = '1', 'fields.nme.length' = '5');";
    expect(run(sql)).toMatchObject([
      { ...at(sql, "'fields.nme.length'"), message: expect.stringContaining('did you mean `name`') },
    ]);
  });

  test('a table without a connector is reported unless a catalog may hold it', () => {
    const sql = 'CREATE TABLE bare (a INT);';
    expect(run(sql)).toMatchObject([{ ...at(sql, 'bare') }]);
    expect(run("CREATE CATALOG h WITH ('type' = 'hive');\nUSE CATALOG h;\n" + sql)).toEqual([]);
  });
});

describe('sql/connector-options: issue 13', () => {
  const withVersion = (sql: string, flinkVersion: string) =>
    runRules(context(sql, { job: job({ flinkVersion }) }), [connectorOptions]);
  const WATERMARKS = KAFKA.replace(
    "'format' = 'json',",
    `'format' = 'json',
  'scan.watermark.emit.strategy' = 'on-event',
  'scan.watermark.idle-timeout' = '1 min',
  'scan.watermark.alignment.group' = 'g1',
  'scan.watermark.alignment.max-drift' = '20 s',
  'scan.watermark.alignment.update-interval' = '1 s',`,
  );

  test('FLIP-296 scan.watermark.* options are accepted on a kafka source from Flink 1.18', () => {
    expect(withVersion(WATERMARKS, '1.18')).toEqual([]);
    expect(withVersion(WATERMARKS, '2.0')).toEqual([]);
  });

  test('on Flink 1.17 each scan.watermark.* option is an error naming the version it needs', () => {
    const ds = withVersion(WATERMARKS, '1.17');
    expect(ds).toHaveLength(5);
    expect(ds[0]).toMatchObject({
      severity: 'error',
      message: "'scan.watermark.emit.strategy' needs Flink 1.18 or later; this job runs Flink 1.17",
    });
  });

  test('watermark alignment without its max drift is an error, as FactoryUtil.checkWatermarkOptions refuses it', () => {
    const ds = withVersion(WATERMARKS.replace("  'scan.watermark.alignment.max-drift' = '20 s',\n", ''), '1.20');
    expect(ds.map((d) => d.message)).toEqual([
      "watermark alignment needs both 'scan.watermark.alignment.group' and 'scan.watermark.alignment.max-drift'; 'scan.watermark.alignment.max-drift' is missing",
    ]);
  });

  test('a value outside an enumerated list is an error with the close value suggested', () => {
    const sql = KAFKA.replace("'earliest-offset'", "'earliest'");
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    const value = at(sql, "'earliest'");
    expect(ds[0]).toMatchObject({ severity: 'error', line: value.line, column: value.column });
    expect(ds[0]!.message).toBe(
      "'scan.startup.mode' = 'earliest' is not a value kafka accepts; did you mean 'earliest-offset'?",
    );
    expect(ds[0]!.hint).toContain("'group-offsets'");
  });

  test('enumerated values are compared without case, as Flink does, and the watermark strategy is checked too', () => {
    expect(run(KAFKA.replace("'earliest-offset'", "'EARLIEST-OFFSET'"))).toEqual([]);
    const ds = withVersion(WATERMARKS.replace("'on-event'", "'on-evnt'"), '1.20');
    expect(ds.map((d) => d.message)).toEqual([
      "'scan.watermark.emit.strategy' = 'on-evnt' is not a value kafka accepts; did you mean 'on-event'?",
    ]);
  });

  const MYSQL = `CREATE TABLE orders_cdc (id BIGINT, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED) WITH (
  'connector' = 'mysql-cdc',
  'hostname' = 'mysql',
  'port' = '3306',
  'username' = 'flink',
  'password' = '\${mysql_password}',
  'database-name' = 'shop',
  'table-name' = 'orders',
  'server-id' = '5400-5404',
  'scan.startup.mode' = 'initial',
  'debezium.snapshot.mode' = 'initial'
);
`;

  test('a complete mysql-cdc table passes', () => {
    expect(run(MYSQL)).toEqual([]);
  });

  test('mysql-cdc: missing required options, a misspelt key and a wrong startup mode are errors', () => {
    const sql = MYSQL.replace("  'database-name' = 'shop',\n", '')
      .replace("'server-id'", "'server_id'")
      .replace("'scan.startup.mode' = 'initial'", "'scan.startup.mode' = 'earliest'");
    const ds = run(sql);
    expect(ds.map((d) => d.message)).toEqual([
      "mysql-cdc table `orders_cdc` is missing required option 'database-name'",
      "unknown mysql-cdc option 'server_id'; did you mean 'server-id'?",
      "'scan.startup.mode' = 'earliest' is not a value mysql-cdc accepts; did you mean 'earliest-offset'?",
    ]);
    expect(ds.every((d) => d.severity === 'error')).toBe(true);
  });

  const UPSERT = `CREATE TABLE totals (id BIGINT, total BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'totals',
  'properties.bootstrap.servers' = 'kafka:9092',
  'key.format' = 'json',
  'value.format' = 'json'
);
`;

  test('upsert-kafka without a PRIMARY KEY is an error at the table name', () => {
    const sql = UPSERT.replace(', PRIMARY KEY (id) NOT ENFORCED', '');
    const ds = run(sql);
    const name = at(sql, 'totals');
    expect(ds).toMatchObject([{ severity: 'error', line: name.line, column: name.column }]);
    expect(ds[0]!.message).toContain('has no PRIMARY KEY');
  });

  test('upsert-kafka with a table or column PRIMARY KEY passes', () => {
    expect(run(UPSERT)).toEqual([]);
    expect(
      run(
        UPSERT.replace(
          'id BIGINT, total BIGINT, PRIMARY KEY (id) NOT ENFORCED',
          'id BIGINT PRIMARY KEY NOT ENFORCED, total BIGINT',
        ),
      ),
    ).toEqual([]);
  });
});
