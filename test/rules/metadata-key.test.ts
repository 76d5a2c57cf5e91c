import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { metadataKey } from '../../src/rules/metadata-key.js';
import { at, context } from './fixtures.js';

const run = (sql: string) => runRules(context(sql), [metadataKey]);

const kafka = (columns: string, format = 'json') =>
  `CREATE TABLE events (\n  id BIGINT,\n  ${columns}\n) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'k:9092', 'format' = '${format}');`;
const SINK = "CREATE TABLE out_t (id BIGINT) WITH ('connector' = 'blackhole');";
const READ = `${SINK}\nINSERT INTO out_t SELECT id FROM events;`;

describe('sql/metadata-key', () => {
  test('a misspelt kafka key is reported at the key with a suggestion and the list', () => {
    const sql = `${kafka("off BIGINT METADATA FROM 'ofset' VIRTUAL")}\n${READ}`;
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      rule: 'sql/metadata-key',
      severity: 'error',
      ...at(sql, "'ofset'"),
      message: "the kafka connector offers no metadata key 'ofset'; did you mean 'offset'?",
      hint: expect.stringContaining("'timestamp' TIMESTAMP_LTZ(3) NOT NULL"),
    });
  });

  test('without FROM the column name is the key', () => {
    const sql = `${kafka('event_time TIMESTAMP_LTZ(3) METADATA')}\n${READ}`;
    expect(run(sql)).toMatchObject([{ ...at(sql, 'event_time'), hint: expect.stringContaining('without FROM') }]);
  });

  test("the value format's keys count with a value. prefix", () => {
    const ok = `${kafka("src_ts TIMESTAMP_LTZ(3) METADATA FROM 'value.source.timestamp' VIRTUAL", 'debezium-json')}\n${READ}`;
    expect(run(ok)).toEqual([]);
    const unprefixed = `${kafka("src_ts TIMESTAMP_LTZ(3) METADATA FROM 'source.timestamp' VIRTUAL", 'debezium-json')}\n${READ}`;
    expect(run(unprefixed)).toMatchObject([
      { message: expect.stringContaining("did you mean 'value.source.timestamp'") },
    ]);
    const plainJson = `${kafka("src_ts TIMESTAMP_LTZ(3) METADATA FROM 'value.source.timestamp' VIRTUAL")}\n${READ}`;
    expect(run(plainJson)).toHaveLength(1);
  });

  test('a read-only key on a table the job writes must be VIRTUAL', () => {
    const sql = [
      kafka("part INT METADATA FROM 'partition'"),
      "CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen');",
      'INSERT INTO events SELECT id FROM src;',
    ].join('\n');
    expect(run(sql)).toMatchObject([
      {
        ...at(sql, "'partition'"),
        message: expect.stringContaining('can only be read'),
        hint: expect.stringContaining('VIRTUAL'),
      },
    ]);
    expect(run(sql.replace("'partition'", "'partition' VIRTUAL"))).toEqual([]);
    expect(
      run(sql.replace("part INT METADATA FROM 'partition'", "ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'")),
    ).toEqual([]);
  });

  test('a metadata column on a connector without metadata is reported; a CDC connector unknown key is a warning', () => {
    const datagen = `CREATE TABLE events (id BIGINT, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp') WITH ('connector' = 'datagen');\n${READ}`;
    expect(run(datagen)).toMatchObject([{ message: expect.stringContaining('the datagen connector has no metadata') }]);
    const cdc = `CREATE TABLE events (id BIGINT, db STRING METADATA FROM 'databse_name' VIRTUAL, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'mysql-cdc');\n${READ}`;
    expect(run(cdc)).toMatchObject([
      { severity: 'warning', message: expect.stringContaining("did you mean 'database_name'") },
    ]);
  });

  test('known keys, unused tables, unknown connectors and unknown formats stay quiet', () => {
    expect(
      run(
        `${kafka("ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp', off BIGINT METADATA FROM 'offset' VIRTUAL, headers MAP<STRING, BYTES> METADATA")}\n${READ}`,
      ),
    ).toEqual([]);
    expect(run(kafka("off BIGINT METADATA FROM 'ofset' VIRTUAL"))).toEqual([]);
    const custom = `CREATE TABLE events (id BIGINT, x STRING METADATA FROM 'whatever') WITH ('connector' = 'my-own');\n${READ}`;
    expect(run(custom)).toEqual([]);
    expect(run(`${kafka("x STRING METADATA FROM 'value.whatever' VIRTUAL", 'my-format')}\n${READ}`)).toEqual([]);
  });
});
