/**
 * What changes a table's connector produces as a source and accepts as a sink (Flink's
 * `ChangelogMode` of `ScanTableSource.getChangelogMode` / `DynamicTableSink.getChangelogMode`).
 *
 * Sources:
 * - kafka, filesystem: the format's mode (`KafkaDynamicSource`, `FileSystemTableSource` return the
 *   decoding format's). The CDC formats (flink-json `DebeziumJsonDecodingFormat`,
 *   `CanalJsonDecodingFormat`, `MaxwellJsonDecodingFormat`, `OggJsonDecodingFormat`, and
 *   `DebeziumAvroDeserializationSchema` of flink-avro-confluent-registry) produce inserts, updates
 *   and deletes; the others (json, csv, avro, raw …) inserts only.
 * - upsert-kafka: `UpsertKafkaDynamicTableFactory` — upserts and deletes by key.
 * - the Flink CDC connectors (`MySqlTableSource` …): every change kind, unless mysql-cdc reads the
 *   log as append-only (`scan.read-changelog-as-append-only.enabled`).
 * - datagen, jdbc (a bounded scan), hbase, mongodb: inserts only.
 * Sinks:
 * - kafka, filesystem: the encoding format's mode: inserts only, except the CDC formats that can
 *   write every change (debezium-json, canal-json, maxwell-json, debezium-avro-confluent).
 * - upsert-kafka: upserts (`UpsertKafkaDynamicSink`), with a primary key (the factory requires it).
 * - jdbc: upserts with a primary key; without one, updates are refused
 *   (`JdbcDynamicTableSink.validatePrimaryKey`).
 * - elasticsearch, opensearch, hbase, mongodb: every change except UPDATE_BEFORE (they upsert).
 * - print, blackhole: every change.
 * Anything else (paimon, hudi, iceberg, custom connectors): unknown, so nothing is said.
 */

export type SourceChangelog = 'insert-only' | 'updating' | 'unknown';

export type SinkChangelog =
  | { accepts: 'insert-only' }
  /** Updates only with a declared PRIMARY KEY; `keyed` tells whether this table has one. */
  | { accepts: 'upsert-with-key'; keyed: boolean }
  | { accepts: 'all' }
  | { accepts: 'unknown' };

/** Formats whose records are change events (every change kind), for reading. */
export const CHANGELOG_FORMATS: ReadonlySet<string> = new Set([
  'debezium-json',
  'canal-json',
  'maxwell-json',
  'ogg-json',
  'debezium-avro-confluent',
  'debezium-protobuf',
]);

/** Changelog formats Flink can also write (they have an encoding format). */
const WRITABLE_CHANGELOG_FORMATS: ReadonlySet<string> = new Set([
  'debezium-json',
  'canal-json',
  'maxwell-json',
  'ogg-json',
  'debezium-avro-confluent',
]);

/** Formats that read and write inserts only. */
const APPEND_FORMATS: ReadonlySet<string> = new Set([
  'json',
  'csv',
  'raw',
  'avro',
  'avro-confluent',
  'parquet',
  'orc',
  'protobuf',
]);

const CDC_CONNECTORS: ReadonlySet<string> = new Set([
  'mysql-cdc',
  'postgres-cdc',
  'oracle-cdc',
  'sqlserver-cdc',
  'mongodb-cdc',
  'db2-cdc',
  'tidb-cdc',
  'oceanbase-cdc',
  'vitess-cdc',
]);

const INSERT_ONLY_SOURCES: ReadonlySet<string> = new Set([
  'datagen',
  'jdbc',
  'hbase-1.4',
  'hbase-2.2',
  'mongodb',
  'faker',
]);

function valueFormat(options: ReadonlyMap<string, string>): string | undefined {
  return options.get('value.format') ?? options.get('format');
}

function formatMode(
  format: string | undefined,
  changelog: ReadonlySet<string>,
): 'insert-only' | 'updating' | 'unknown' {
  if (format === undefined) return 'unknown';
  if (changelog.has(format)) return 'updating';
  return APPEND_FORMATS.has(format) ? 'insert-only' : 'unknown';
}

/** What a table with these WITH options produces when read. */
export function sourceChangelog(options: ReadonlyMap<string, string>): SourceChangelog {
  const connector = options.get('connector');
  if (connector === undefined) return 'unknown';
  if (connector === 'upsert-kafka') return 'updating';
  if (CDC_CONNECTORS.has(connector)) {
    const appendOnly = options.get('scan.read-changelog-as-append-only.enabled');
    return appendOnly?.toLowerCase() === 'true' ? 'insert-only' : 'updating';
  }
  if (connector === 'kafka' || connector === 'filesystem') return formatMode(valueFormat(options), CHANGELOG_FORMATS);
  return INSERT_ONLY_SOURCES.has(connector) ? 'insert-only' : 'unknown';
}

/** What a table with these WITH options accepts when written. */
export function sinkChangelog(options: ReadonlyMap<string, string>, hasPrimaryKey: boolean): SinkChangelog {
  switch (options.get('connector')) {
    case 'kafka':
    case 'filesystem': {
      const mode = formatMode(valueFormat(options), WRITABLE_CHANGELOG_FORMATS);
      return mode === 'insert-only'
        ? { accepts: 'insert-only' }
        : mode === 'updating'
          ? { accepts: 'all' }
          : { accepts: 'unknown' };
    }
    case 'upsert-kafka':
    case 'jdbc':
      return { accepts: 'upsert-with-key', keyed: hasPrimaryKey };
    case 'print':
    case 'blackhole':
    case 'elasticsearch-6':
    case 'elasticsearch-7':
    case 'opensearch':
    case 'opensearch-2':
    case 'hbase-1.4':
    case 'hbase-2.2':
    case 'mongodb':
      return { accepts: 'all' };
    default:
      return { accepts: 'unknown' };
  }
}
