import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a StreamPilot repository of `jobs` realistic jobs, about 100 lines of SQL each
 * (sources with watermarks, a dimension table, window aggregation, a temporal join and a
 * statement set), varied by job number so no two files are the same text.
 */
export function generateRepository(root: string, jobs: number): { lines: number; files: string[] } {
  mkdirSync(path.join(root, 'jobs'), { recursive: true });
  writeFileSync(
    path.join(root, 'streampilot.yaml'),
    `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  flinkVersion: "1.20"
  namespace: flink
  flinkConfiguration:
    state.checkpoints.dir: s3://bench-bucket/flink/checkpoints
    state.savepoints.dir: s3://bench-bucket/flink/savepoints
  variables:
    kafka_bootstrap: kafka:9092
registry:
  repository: registry.example.com/bench
environments:
  staging:
    namespace: flink-staging
    deployOn: merge
  production:
    namespace: flink-prod
    deployOn: command
    after: staging
    variables:
      kafka_bootstrap: kafka-prod:9092
`,
  );
  let lines = 0;
  const files: string[] = [];
  for (let i = 0; i < jobs; i++) {
    const name = `job-${String(i).padStart(4, '0')}`;
    const dir = path.join(root, 'jobs', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'job.yaml'),
      `apiVersion: streampilot.dev/v1
kind: FlinkSqlJob
name: ${name}
sql: [main.sql]
dependencies:
  maven: [org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20]
parallelism: ${1 + (i % 8)}
variables:
  topic: events-${i}
`,
    );
    const sql = jobSql(i);
    lines += sql.split('\n').length;
    const file = path.join(dir, 'main.sql');
    writeFileSync(file, sql);
    files.push(file);
  }
  return { lines, files };
}

export function jobSql(i: number): string {
  const extra = Array.from(
    { length: 12 },
    (_, k) => `  attr_${k}_${i} ${k % 3 === 0 ? 'BIGINT' : k % 3 === 1 ? 'STRING' : 'DECIMAL(10, 2)'},`,
  ).join('\n');
  return `-- Generated job ${i}: events enriched with a versioned dimension, aggregated per minute.
CREATE TABLE events_${i} (
  event_id    STRING,
  user_id     STRING,
  item_id     BIGINT,
  amount      DECIMAL(12, 2),
  tags        ARRAY<STRING NOT NULL>,
  attrs       MAP<STRING, STRING>,
${extra}
  event_time  TIMESTAMP(3),
  proc_time AS PROCTIME(),
  WATERMARK FOR event_time AS event_time - INTERVAL '${1 + (i % 30)}' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = '\${topic}',
  'properties.bootstrap.servers' = '\${kafka_bootstrap}',
  'properties.group.id' = 'job-${i}',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);

CREATE TABLE items_${i} (
  item_id     BIGINT,
  category    STRING,
  price       DECIMAL(12, 2),
  updated_at  TIMESTAMP(3),
  PRIMARY KEY (item_id) NOT ENFORCED,
  WATERMARK FOR updated_at AS updated_at
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'items-${i}',
  'properties.bootstrap.servers' = '\${kafka_bootstrap}',
  'key.format' = 'json',
  'value.format' = 'json'
);

CREATE TABLE per_minute_${i} (
  category      STRING,
  window_start  TIMESTAMP(3),
  window_end    TIMESTAMP(3),
  events        BIGINT,
  total         DECIMAL(18, 2),
  PRIMARY KEY (category, window_start) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'per-minute-${i}',
  'properties.bootstrap.servers' = '\${kafka_bootstrap}',
  'key.format' = 'json',
  'value.format' = 'json'
);

CREATE TABLE big_spenders_${i} (
  user_id  STRING,
  amount   DECIMAL(12, 2),
  category STRING,
  ts       TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'big-spenders-${i}',
  'properties.bootstrap.servers' = '\${kafka_bootstrap}',
  'format' = 'json'
);

CREATE TEMPORARY VIEW enriched_${i} AS
SELECT e.event_id, e.user_id, e.amount, i.category, e.event_time
FROM events_${i} AS e
JOIN items_${i} FOR SYSTEM_TIME AS OF e.event_time AS i
  ON e.item_id = i.item_id
WHERE e.amount > ${i % 100} AND e.user_id IS NOT NULL;

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO per_minute_${i}
  SELECT category, window_start, window_end, COUNT(*) AS events, SUM(amount) AS total
  FROM TABLE(
    TUMBLE(TABLE enriched_${i}, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
  GROUP BY category, window_start, window_end;

  INSERT INTO big_spenders_${i}
  SELECT user_id, amount, category, event_time
  FROM enriched_${i}
  WHERE amount >= CAST('${1000 + i}.50' AS DECIMAL(12, 2))
    AND (category LIKE 'lux%' OR category IN ('jewels', 'watches', 'cars'))
    AND CASE WHEN amount > 10000 THEN TRUE ELSE user_id <> 'test-user' END;
END;
`;
}
