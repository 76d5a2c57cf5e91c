/**
 * Flink's table connectors: identifier, required and known option keys, format slots and
 * the jar that provides each one.
 *
 * Sources: each connector's `*ConnectorOptions` / `*DynamicTableFactory` (required and
 * optional options, as Flink validates them in `FactoryUtil.validateUnconsumedKeys`) and the
 * connector pages of Flink's documentation, 1.17–2.x lines. `optionsComplete` says whether the
 * key list is the connector's whole list: only then is an unknown key reported at all (as a
 * warning — a newer connector release may have added it — and as an error when it is a
 * near-miss of a listed key, which Flink would reject as "Unsupported options").
 */
import type { FormatSlot, MavenProvider } from './types.js';

export interface ConnectorSpec {
  id: string;
  /**
   * Each entry is one requirement: at least one of its keys must be set
   * (`['topic', 'topic-pattern']` = "topic or topic-pattern").
   */
  required: readonly (readonly string[])[];
  /** Keys that must not be set together (Flink refuses the table). */
  exclusive?: readonly (readonly string[])[];
  /** `when` is set ⇒ `need` must be set too. */
  dependent?: readonly { when: string; need: string }[];
  /** Every other exact option key besides `connector` and the required ones. */
  options: readonly string[];
  /** Key prefixes passed through unchecked (`properties.` goes to the Kafka client). */
  openPrefixes?: readonly string[];
  /** Per-column options written `fields.<column>.<option>` (datagen). */
  fieldOptions?: readonly string[];
  /** Keys that name a format, whose options are then `[key.|value.]<format>.<option>`. */
  formatSlots: readonly FormatSlot[];
  /** True when the format slots are optional because the connector has a default format. */
  defaultFormat?: string;
  /** In Flink's distribution: no jar needed. */
  builtIn: boolean;
  provider?: MavenProvider;
  optionsComplete: boolean;
  /** Things the user should know in a hint (e.g. the JDBC driver). */
  note?: string;
  /**
   * Options whose value must be one of a fixed list. Flink reads enum options case-insensitively
   * (`ConfigurationUtils.convertToEnum`), and the string options listed here are lower-cased by
   * the factory before it compares them, so the check ignores case too.
   */
  values?: Readonly<Record<string, readonly string[]>>;
  /** The factory refuses a table without a PRIMARY KEY; `why` says what the key is for. */
  primaryKey?: { why: string };
}

const DELIVERY_GUARANTEE = ['exactly-once', 'at-least-once', 'none'];

const LOOKUP_CACHE = [
  'lookup.cache',
  'lookup.partial-cache.max-rows',
  'lookup.partial-cache.expire-after-write',
  'lookup.partial-cache.expire-after-access',
  'lookup.partial-cache.cache-missing-key',
  'lookup.full-cache.reload-strategy',
  'lookup.full-cache.periodic-reload.interval',
  'lookup.full-cache.periodic-reload.schedule-mode',
  'lookup.full-cache.timed-reload.iso-time',
  'lookup.full-cache.timed-reload.interval-in-days',
  'lookup.max-retries',
];

/** The HBase connectors' options, the same for 1.4 and 2.2 (Flink's HBaseConnectorOptions). */
const HBASE_OPTIONS = [
  'zookeeper.znode.parent',
  'null-string-literal',
  'sink.buffer-flush.max-size',
  'sink.buffer-flush.max-rows',
  'sink.buffer-flush.interval',
  'sink.ignore-null-value',
  'sink.parallelism',
  'lookup.async',
  'lookup.cache.max-rows',
  'lookup.cache.ttl',
  ...LOOKUP_CACHE,
];

const ELASTICSEARCH = [
  'username',
  'password',
  'document-id.key-delimiter',
  'sink.delivery-guarantee',
  'sink.bulk-flush.max-actions',
  'sink.bulk-flush.max-size',
  'sink.bulk-flush.interval',
  'sink.bulk-flush.backoff.strategy',
  'sink.bulk-flush.backoff.max-retries',
  'sink.bulk-flush.backoff.delay',
  'connection.path-prefix',
  'connection.request-timeout',
  'connection.timeout',
  'socket.timeout',
  'sink.parallelism',
  // Flink ≤ 1.14 (before the connector moved out of the main repository).
  'failure-handler',
  'sink.flush-on-checkpoint',
];

const flink = (artifactIds: string[], exampleVersion?: string): MavenProvider =>
  exampleVersion
    ? { groupId: 'org.apache.flink', artifactIds, exampleVersion }
    : { groupId: 'org.apache.flink', artifactIds };

export const CONNECTORS: readonly ConnectorSpec[] = [
  {
    id: 'kafka',
    // The source needs topic or topic-pattern; a sink may instead write a `topic` metadata
    // column (the rule relaxes this requirement when the table declares one).
    // properties.group.id is optional: the source generates a group id when it is absent.
    required: [['topic', 'topic-pattern'], ['properties.bootstrap.servers'], ['format', 'value.format']],
    exclusive: [
      ['topic', 'topic-pattern'],
      ['format', 'value.format'],
    ],
    dependent: [{ when: 'key.format', need: 'key.fields' }],
    options: [
      'properties.group.id',
      'key.fields',
      'key.fields-prefix',
      'value.fields-include',
      'scan.startup.mode',
      'scan.startup.specific-offsets',
      'scan.startup.timestamp-millis',
      'scan.bounded.mode',
      'scan.bounded.specific-offsets',
      'scan.bounded.timestamp-millis',
      'scan.topic-partition-discovery.interval',
      'scan.parallelism',
      'sink.partitioner',
      'sink.parallelism',
      'sink.delivery-guarantee',
      'sink.transactional-id-prefix',
      'sink.semantic',
      'record.key.include.kafka.connect.json.schema',
      'record.value.include.kafka.connect.json.schema',
    ],
    openPrefixes: ['properties.'],
    formatSlots: ['format', 'key.format', 'value.format'],
    builtIn: false,
    provider: flink(['flink-sql-connector-kafka', 'flink-connector-kafka'], '3.3.0-<flink>'),
    optionsComplete: true,
    // KafkaConnectorOptions: ScanStartupMode, ScanBoundedMode, ValueFieldsStrategy, DeliveryGuarantee.
    values: {
      'scan.startup.mode': ['earliest-offset', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets'],
      'scan.bounded.mode': ['unbounded', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets'],
      'value.fields-include': ['ALL', 'EXCEPT_KEY'],
      'sink.delivery-guarantee': DELIVERY_GUARANTEE,
      'sink.semantic': DELIVERY_GUARANTEE,
    },
  },
  {
    id: 'upsert-kafka',
    required: [['topic'], ['properties.bootstrap.servers'], ['key.format'], ['value.format']],
    options: [
      'key.fields-prefix',
      'value.fields-include',
      'sink.parallelism',
      'sink.buffer-flush.max-rows',
      'sink.buffer-flush.interval',
      'sink.delivery-guarantee',
      'sink.transactional-id-prefix',
      'scan.parallelism',
    ],
    openPrefixes: ['properties.'],
    formatSlots: ['key.format', 'value.format'],
    builtIn: false,
    provider: flink(['flink-sql-connector-kafka', 'flink-connector-kafka'], '3.3.0-<flink>'),
    optionsComplete: true,
    values: { 'value.fields-include': ['ALL', 'EXCEPT_KEY'], 'sink.delivery-guarantee': DELIVERY_GUARANTEE },
    // UpsertKafkaDynamicTableFactory.validatePKConstraints refuses the table without one.
    primaryKey: { why: 'the key columns are written to the Kafka message key and decide which rows update or delete' },
  },
  {
    id: 'jdbc',
    required: [['url'], ['table-name']],
    options: [
      'driver',
      'username',
      'password',
      'compatible-mode',
      'connection.max-retry-timeout',
      'scan.partition.column',
      'scan.partition.num',
      'scan.partition.lower-bound',
      'scan.partition.upper-bound',
      'scan.fetch-size',
      'scan.auto-commit',
      'filter.handling.policy',
      'lookup.cache.max-rows',
      'lookup.cache.ttl',
      'lookup.cache.caching-missing-key',
      ...LOOKUP_CACHE,
      'sink.buffer-flush.max-rows',
      'sink.buffer-flush.interval',
      'sink.max-retries',
      'sink.parallelism',
    ],
    formatSlots: [],
    builtIn: false,
    // flink-connector-jdbc 3.3+ is split into -core and one module per database; all match.
    provider: flink(['flink-connector-jdbc'], '3.3.0-<flink>'),
    optionsComplete: true,
    note: 'the JDBC connector also needs the database driver jar (e.g. com.mysql:mysql-connector-j, org.postgresql:postgresql)',
  },
  {
    id: 'filesystem',
    required: [['path'], ['format']],
    options: [
      'partition.default-name',
      'source.monitor-interval',
      'source.report-statistics',
      'source.path.regex-pattern',
      'sink.rolling-policy.file-size',
      'sink.rolling-policy.rollover-interval',
      'sink.rolling-policy.check-interval',
      'sink.rolling-policy.inactivity-interval',
      'sink.shuffle-by-partition.enable',
      'sink.parallelism',
      'auto-compaction',
      'compaction.file-size',
      'compaction.parallelism',
      'partition.time-extractor.kind',
      'partition.time-extractor.class',
      'partition.time-extractor.timestamp-pattern',
      'partition.time-extractor.timestamp-formatter',
      'sink.partition-commit.trigger',
      'sink.partition-commit.delay',
      'sink.partition-commit.watermark-time-zone',
      'sink.partition-commit.policy.kind',
      'sink.partition-commit.policy.class',
      'sink.partition-commit.policy.class.parameters',
      'sink.partition-commit.success-file.name',
    ],
    formatSlots: ['format'],
    builtIn: true,
    optionsComplete: true,
    // FileSystemConnectorOptions.PartitionCommitTriggerType.
    values: { 'sink.partition-commit.trigger': ['process-time', 'partition-time'] },
  },
  {
    id: 'datagen',
    required: [],
    options: ['rows-per-second', 'number-of-rows', 'scan.parallelism'],
    fieldOptions: ['kind', 'min', 'max', 'max-past', 'length', 'var-len', 'start', 'end', 'null-rate'],
    formatSlots: [],
    builtIn: true,
    optionsComplete: true,
    // DataGenConnectorOptionsUtil: RANDOM and SEQUENCE.
    values: { 'fields.*.kind': ['random', 'sequence'] },
  },
  {
    id: 'print',
    required: [],
    options: ['print-identifier', 'standard-error', 'sink.parallelism'],
    formatSlots: [],
    builtIn: true,
    optionsComplete: true,
  },
  { id: 'blackhole', required: [], options: [], formatSlots: [], builtIn: true, optionsComplete: true },
  {
    id: 'elasticsearch-6',
    required: [['hosts'], ['index'], ['document-type']],
    options: ELASTICSEARCH,
    formatSlots: ['format'],
    defaultFormat: 'json',
    builtIn: false,
    provider: flink(['flink-sql-connector-elasticsearch6', 'flink-connector-elasticsearch6'], '3.0.1-1.17'),
    optionsComplete: true,
  },
  {
    id: 'elasticsearch-7',
    required: [['hosts'], ['index']],
    options: ELASTICSEARCH,
    formatSlots: ['format'],
    defaultFormat: 'json',
    builtIn: false,
    provider: flink(['flink-sql-connector-elasticsearch7', 'flink-connector-elasticsearch7'], '3.0.1-1.17'),
    optionsComplete: true,
    values: { 'sink.delivery-guarantee': DELIVERY_GUARANTEE },
  },
  {
    // Flink CDC's MySqlTableSourceFactory (requiredOptions/optionalOptions, getStartupOptions)
    // and MySqlSourceOptions, 2.x–3.x; `debezium.*` and `jdbc.properties.*` pass through
    // (helper.validateExcept). The key list grows with each CDC release, so an unknown key is
    // a warning unless it is a near-miss of a listed one.
    id: 'mysql-cdc',
    required: [['hostname'], ['username'], ['password'], ['database-name'], ['table-name']],
    options: [
      'port',
      'server-time-zone',
      'server-id',
      'scan.startup.mode',
      'scan.startup.specific-offset.file',
      'scan.startup.specific-offset.pos',
      'scan.startup.specific-offset.gtid-set',
      'scan.startup.specific-offset.skip-events',
      'scan.startup.specific-offset.skip-rows',
      'scan.startup.timestamp-millis',
      'scan.incremental.snapshot.enabled',
      'scan.incremental.snapshot.chunk.size',
      'scan.incremental.snapshot.chunk.key-column',
      'scan.incremental.snapshot.backfill.skip',
      'scan.incremental.snapshot.unbounded-chunk-first.enabled',
      'scan.incremental.close-idle-reader.enabled',
      'scan.snapshot.fetch.size',
      'scan.newly-added-table.enabled',
      'scan.parse.online.schema.changes.enabled',
      'scan.read-changelog-as-append-only.enabled',
      'chunk-meta.group.size',
      'chunk-key.even-distribution.factor.upper-bound',
      'chunk-key.even-distribution.factor.lower-bound',
      'split-key.even-distribution.factor.upper-bound',
      'split-key.even-distribution.factor.lower-bound',
      'connect.timeout',
      'connect.max-retries',
      'connection.pool.size',
      'heartbeat.interval',
      'use.legacy.json.format',
    ],
    openPrefixes: ['debezium.', 'jdbc.properties.'],
    formatSlots: [],
    builtIn: false,
    provider: {
      groupId: 'org.apache.flink',
      artifactIds: ['flink-sql-connector-mysql-cdc', 'flink-connector-mysql-cdc'],
      exampleVersion: '3.2.1',
    },
    optionsComplete: true,
    values: {
      'scan.startup.mode': ['initial', 'snapshot', 'earliest-offset', 'latest-offset', 'specific-offset', 'timestamp'],
      'scan.incremental.snapshot.enabled': ['true', 'false'],
      'scan.newly-added-table.enabled': ['true', 'false'],
    },
  },
  // Below: required options we are sure of, key lists that may be partial (not checked).
  {
    id: 'hbase-2.2',
    required: [['table-name'], ['zookeeper.quorum']],
    options: HBASE_OPTIONS,
    openPrefixes: ['properties.'],
    formatSlots: [],
    builtIn: false,
    provider: flink(['flink-sql-connector-hbase-2.2', 'flink-connector-hbase-2.2']),
    optionsComplete: false,
  },
  {
    id: 'hbase-1.4',
    required: [['table-name'], ['zookeeper.quorum']],
    options: HBASE_OPTIONS,
    openPrefixes: ['properties.'],
    formatSlots: [],
    builtIn: false,
    provider: flink(['flink-sql-connector-hbase-1.4', 'flink-connector-hbase-1.4']),
    optionsComplete: false,
  },
  {
    id: 'mongodb',
    required: [['uri'], ['database'], ['collection']],
    options: [
      'scan.fetch-size',
      'scan.cursor.no-timeout',
      'scan.partition.strategy',
      'scan.partition.size',
      'scan.partition.samples',
      'sink.buffer-flush.max-rows',
      'sink.buffer-flush.interval',
      'sink.max-retries',
      'sink.retry.interval',
      'sink.parallelism',
      'sink.delivery-guarantee',
      'lookup.retry.interval',
      ...LOOKUP_CACHE,
    ],
    formatSlots: [],
    builtIn: false,
    provider: flink(['flink-sql-connector-mongodb', 'flink-connector-mongodb']),
    optionsComplete: false,
  },
  {
    id: 'opensearch',
    required: [['hosts'], ['index']],
    options: ['allow-insecure', ...ELASTICSEARCH],
    formatSlots: ['format'],
    defaultFormat: 'json',
    builtIn: false,
    provider: flink(['flink-sql-connector-opensearch', 'flink-connector-opensearch']),
    optionsComplete: false,
  },
  {
    id: 'opensearch-2',
    required: [['hosts'], ['index']],
    options: ['allow-insecure', ...ELASTICSEARCH],
    formatSlots: ['format'],
    defaultFormat: 'json',
    builtIn: false,
    provider: flink(['flink-sql-connector-opensearch2', 'flink-connector-opensearch2']),
    optionsComplete: false,
  },
  // Identifier and jar only: enough to know the connector exists and where it comes from.
  ...(
    [
      ['kinesis', flink(['flink-sql-connector-kinesis', 'flink-connector-kinesis'])],
      ['firehose', flink(['flink-sql-connector-aws-kinesis-firehose', 'flink-connector-aws-kinesis-firehose'])],
      ['dynamodb', flink(['flink-sql-connector-dynamodb', 'flink-connector-dynamodb'])],
      ['pulsar', flink(['flink-sql-connector-pulsar', 'flink-connector-pulsar'])],
      ['hive', flink(['flink-sql-connector-hive', 'flink-connector-hive'])],
      ['postgres-cdc', flink(['flink-sql-connector-postgres-cdc', 'flink-connector-postgres-cdc'])],
      ['oracle-cdc', flink(['flink-sql-connector-oracle-cdc', 'flink-connector-oracle-cdc'])],
      ['sqlserver-cdc', flink(['flink-sql-connector-sqlserver-cdc', 'flink-connector-sqlserver-cdc'])],
      ['mongodb-cdc', flink(['flink-sql-connector-mongodb-cdc', 'flink-connector-mongodb-cdc'])],
      ['iceberg', { groupId: 'org.apache.iceberg', artifactIds: ['iceberg-flink-runtime'] }],
      ['paimon', { groupId: 'org.apache.paimon', artifactIds: ['paimon-flink'] }],
      ['hudi', { groupId: 'org.apache.hudi', artifactIds: ['hudi-flink'] }],
      ['faker', { groupId: 'com.github.knaufk', artifactIds: ['flink-faker'] }],
    ] as const
  ).map(([id, provider]): ConnectorSpec => ({
    id,
    required: [],
    options: [],
    formatSlots: [],
    builtIn: false,
    provider,
    optionsComplete: false,
  })),
];
