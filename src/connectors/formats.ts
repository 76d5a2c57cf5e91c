/**
 * Flink's table formats: the option keys each accepts (written `<format>.<option>`, or
 * `key.<format>.<option>` / `value.<format>.<option>` when the connector has key/value
 * formats) and which jar provides them.
 *
 * Sources: the format pages of Flink's documentation (1.17–2.x) and the formats' factory
 * classes. Options added by later releases are listed too: an unknown key is only a warning,
 * a likely typo of a listed key an error, so a slightly generous list costs nothing.
 */
import type { MavenProvider } from './types.js';

export interface FormatSpec {
  id: string;
  /** Option names after the `<format>.` prefix. */
  options: readonly string[];
  /** Option names the format refuses to start without. */
  required?: readonly string[];
  /**
   * Option-name prefixes passed through unchecked: avro-confluent hands `properties.*` to the
   * schema-registry client; parquet and orc hand every `parquet.*` / `orc.*` key to their
   * Hadoop writer configuration, so any key under them is legal.
   */
  openPrefixes?: readonly string[];
  /** In Flink's distribution (`lib/` of the official image): no extra jar needed. */
  builtIn: boolean;
  /** Where the jar comes from when it is not built in. */
  provider?: MavenProvider;
}

const JSON_LIKE = [
  'ignore-parse-errors',
  'timestamp-format.standard',
  'map-null-key.mode',
  'map-null-key.literal',
  'encode.decimal-as-plain-number',
  'encode.ignore-null-fields',
];

const CONFLUENT_REGISTRY = [
  'url',
  'subject',
  'schema',
  'basic-auth.credentials-source',
  'basic-auth.user-info',
  'bearer-auth.credentials-source',
  'bearer-auth.token',
  'ssl.keystore.location',
  'ssl.keystore.password',
  'ssl.truststore.location',
  'ssl.truststore.password',
  // Flink 1.12 spellings, still accepted as fallback keys.
  'schema-registry.url',
  'schema-registry.subject',
];

const confluentProvider: MavenProvider = {
  groupId: 'org.apache.flink',
  artifactIds: ['flink-sql-avro-confluent-registry', 'flink-avro-confluent-registry'],
};

export const FORMATS: readonly FormatSpec[] = [
  // flink-json and flink-csv jars sit in the distribution's lib/; the CDC JSON formats live in flink-json.
  {
    id: 'json',
    builtIn: true,
    options: [
      'fail-on-missing-field',
      'ignore-parse-errors',
      'timestamp-format.standard',
      'map-null-key.mode',
      'map-null-key.literal',
      'encode.decimal-as-plain-number',
      'encode.ignore-null-fields',
      'decode.json-parser.enabled',
    ],
  },
  {
    id: 'csv',
    builtIn: true,
    options: [
      'field-delimiter',
      'disable-quote-character',
      'quote-character',
      'allow-comments',
      'ignore-parse-errors',
      'array-element-delimiter',
      'escape-character',
      'null-literal',
      'write-bigdecimal-in-scientific-notation',
    ],
  },
  // raw is part of flink-table-runtime.
  { id: 'raw', builtIn: true, options: ['charset', 'endianness'] },
  { id: 'debezium-json', builtIn: true, options: ['schema-include', ...JSON_LIKE] },
  { id: 'canal-json', builtIn: true, options: [...JSON_LIKE, 'database.include', 'table.include'] },
  { id: 'maxwell-json', builtIn: true, options: JSON_LIKE },
  {
    id: 'ogg-json',
    builtIn: true,
    options: ['ignore-parse-errors', 'timestamp-format.standard', 'map-null-key.mode', 'map-null-key.literal'],
  },
  {
    id: 'avro',
    builtIn: false,
    provider: { groupId: 'org.apache.flink', artifactIds: ['flink-sql-avro', 'flink-avro'] },
    options: ['codec', 'encoding', 'timestamp_mapping.legacy'],
  },
  {
    id: 'avro-confluent',
    builtIn: false,
    provider: confluentProvider,
    options: CONFLUENT_REGISTRY,
    required: ['url'],
    openPrefixes: ['properties.'],
  },
  {
    id: 'debezium-avro-confluent',
    builtIn: false,
    provider: confluentProvider,
    options: CONFLUENT_REGISTRY,
    required: ['url'],
    openPrefixes: ['properties.'],
  },
  {
    id: 'parquet',
    builtIn: false,
    provider: { groupId: 'org.apache.flink', artifactIds: ['flink-sql-parquet', 'flink-parquet'] },
    options: ['utc-timezone', 'timestamp.time.unit', 'write.int64.timestamp'],
    openPrefixes: [''],
  },
  {
    id: 'orc',
    builtIn: false,
    provider: { groupId: 'org.apache.flink', artifactIds: ['flink-sql-orc', 'flink-orc'] },
    options: [],
    openPrefixes: [''],
  },
  {
    id: 'protobuf',
    builtIn: false,
    provider: { groupId: 'org.apache.flink', artifactIds: ['flink-sql-protobuf', 'flink-protobuf'] },
    options: ['message-class-name', 'ignore-parse-errors', 'read-default-values', 'write-null-string-literal'],
    required: ['message-class-name'],
  },
];
