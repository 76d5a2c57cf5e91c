/**
 * The metadata keys each connector (and format) offers to `METADATA [FROM 'key']` columns.
 *
 * Flink checks them when it plans a table's use (`DynamicSourceUtils` / `DynamicSinkUtils`
 * `validateAndApplyMetadata`): a key the source does not list for reading, or a persisted
 * (non-VIRTUAL) metadata column whose key the sink does not list for writing, is an
 * "Invalid metadata key"; a connector without `SupportsReadingMetadata` /
 * `SupportsWritingMetadata` refuses any metadata column.
 *
 * Sources, per connector:
 * - kafka / upsert-kafka: `KafkaDynamicSource.ReadableMetadata`, `KafkaDynamicSink.WritableMetadata`
 *   (flink-connector-kafka 3.x; `topic` became writable with the topic-from-metadata sink). The
 *   value format's own keys are offered with a `value.` prefix (`KafkaDynamicSource.listReadableMetadata`).
 * - filesystem: `FileSystemTableSource.ReadableFileInfo`.
 * - formats: `DebeziumJsonDecodingFormat`, `CanalJsonDecodingFormat`, `MaxwellJsonDecodingFormat`,
 *   `OggJsonDecodingFormat` `ReadableMetadata` (flink-json); none can be written.
 * - CDC connectors: Flink CDC's `MySqlReadableMetadata`, `PostgreSQLReadableMetaData`,
 *   `OracleReadableMetaData`, `SqlServerReadableMetadata`, `MongoDBReadableMetadata` (3.x). Their
 *   lists changed across releases, so an unknown key there is only a warning.
 * - datagen, print, blackhole, jdbc, hbase, elasticsearch: no metadata at all.
 */
export interface MetadataKey {
  key: string;
  /** The type Flink declares for it, as Flink prints it. */
  type: string;
  readable: boolean;
  writable: boolean;
}

export interface ConnectorMetadata {
  /** Keys offered for reading and/or writing; empty when the connector has none. */
  keys: readonly MetadataKey[];
  /** False when the list may miss keys of some release: unknown keys are then warnings. */
  complete: boolean;
  /** Key prefix the value format's own metadata carries (`value.`), or none when formats add nothing. */
  formatPrefix?: string;
}

const read = (key: string, type: string): MetadataKey => ({ key, type, readable: true, writable: false });
const readWrite = (key: string, type: string): MetadataKey => ({ key, type, readable: true, writable: true });

const KAFKA: ConnectorMetadata = {
  keys: [
    readWrite('topic', 'STRING NOT NULL'),
    read('partition', 'INT NOT NULL'),
    readWrite('headers', 'MAP<STRING, BYTES> NOT NULL'),
    read('leader-epoch', 'INT'),
    read('offset', 'BIGINT NOT NULL'),
    readWrite('timestamp', 'TIMESTAMP_LTZ(3) NOT NULL'),
    read('timestamp-type', 'STRING NOT NULL'),
  ],
  complete: true,
  formatPrefix: 'value.',
};

const CDC_COMMON = [read('table_name', 'STRING NOT NULL'), read('database_name', 'STRING NOT NULL')];
const OP_TS = read('op_ts', 'TIMESTAMP_LTZ(3) NOT NULL');
const ROW_KIND = read('row_kind', 'STRING NOT NULL');
const SCHEMA_NAME = read('schema_name', 'STRING NOT NULL');

const NONE: ConnectorMetadata = { keys: [], complete: true };

const CONNECTOR_METADATA: Readonly<Record<string, ConnectorMetadata>> = {
  kafka: KAFKA,
  'upsert-kafka': KAFKA,
  filesystem: {
    keys: [
      read('file.path', 'STRING NOT NULL'),
      read('file.name', 'STRING NOT NULL'),
      read('file.size', 'BIGINT NOT NULL'),
      read('file.modification-time', 'TIMESTAMP_LTZ(3) NOT NULL'),
    ],
    complete: true,
  },
  'mysql-cdc': { keys: [...CDC_COMMON, OP_TS, ROW_KIND, read('schema', 'STRING NOT NULL')], complete: false },
  'postgres-cdc': { keys: [...CDC_COMMON, SCHEMA_NAME, OP_TS, ROW_KIND], complete: false },
  'oracle-cdc': { keys: [...CDC_COMMON, SCHEMA_NAME, OP_TS, ROW_KIND], complete: false },
  'sqlserver-cdc': { keys: [...CDC_COMMON, SCHEMA_NAME, OP_TS, ROW_KIND], complete: false },
  'mongodb-cdc': {
    keys: [read('database_name', 'STRING NOT NULL'), read('collection_name', 'STRING NOT NULL'), OP_TS, ROW_KIND],
    complete: false,
  },
  datagen: NONE,
  print: NONE,
  blackhole: NONE,
  jdbc: NONE,
  'hbase-1.4': NONE,
  'hbase-2.2': NONE,
  'elasticsearch-6': NONE,
  'elasticsearch-7': NONE,
};

const LTZ3 = 'TIMESTAMP_LTZ(3)';

/** Readable metadata of the formats that carry some (none is writable). */
const FORMAT_METADATA: Readonly<Record<string, readonly MetadataKey[]>> = {
  'debezium-json': [
    read('schema', 'STRING'),
    read('ingestion-timestamp', LTZ3),
    read('source.timestamp', LTZ3),
    read('source.database', 'STRING'),
    read('source.schema', 'STRING'),
    read('source.table', 'STRING'),
    read('source.properties', 'MAP<STRING, STRING>'),
  ],
  'canal-json': [
    read('database', 'STRING'),
    read('table', 'STRING'),
    read('sql-type', 'MAP<STRING, INT>'),
    read('pk-names', 'ARRAY<STRING>'),
    read('ingestion-timestamp', LTZ3),
    read('event-timestamp', LTZ3),
  ],
  'maxwell-json': [
    read('database', 'STRING'),
    read('table', 'STRING'),
    read('primary-key-columns', 'ARRAY<STRING>'),
    read('ingestion-timestamp', LTZ3),
  ],
  'ogg-json': [
    read('table', 'STRING'),
    read('primary-keys', 'ARRAY<STRING>'),
    read('ingestion-timestamp', LTZ3),
    read('event-timestamp', LTZ3),
  ],
};

/** Formats known to offer no metadata (any other format may offer some we do not know). */
const FORMATS_WITHOUT_METADATA = new Set(['json', 'csv', 'raw', 'avro', 'avro-confluent', 'debezium-avro-confluent']);

/**
 * The metadata a table with these WITH options offers, its value format's keys included;
 * undefined when the connector or its value format is one we do not know (then nothing is checked).
 */
export function tableMetadata(options: ReadonlyMap<string, string>): ConnectorMetadata | undefined {
  const connector = options.get('connector');
  const spec = connector === undefined ? undefined : CONNECTOR_METADATA[connector];
  if (!spec) return undefined;
  if (spec.formatPrefix === undefined) return spec;
  const format = options.get('value.format') ?? options.get('format');
  if (format === undefined) return spec;
  const own = FORMAT_METADATA[format];
  if (!own) return FORMATS_WITHOUT_METADATA.has(format) ? spec : undefined;
  return { ...spec, keys: [...spec.keys, ...own.map((k) => ({ ...k, key: spec.formatPrefix + k.key }))] };
}
