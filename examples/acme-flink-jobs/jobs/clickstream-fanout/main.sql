SET 'pipeline.name' = 'clickstream-fanout';

CREATE TABLE page_views (
  event_id    STRING,
  user_id     STRING,
  url         STRING,
  referrer    STRING,
  user_agent  STRING,
  -- Kafka record timestamp, read from the record's metadata.
  event_time  TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
  WATERMARK FOR event_time AS event_time - INTERVAL '10' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'page-views',
  'properties.bootstrap.servers' = '${kafka_bootstrap}',
  'properties.group.id' = 'clickstream-fanout-${env}',
  'format' = 'json'
);

CREATE TABLE analytics_views (
  user_id  STRING,
  url      STRING,
  ts       TIMESTAMP_LTZ(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'analytics.page-views',
  'properties.bootstrap.servers' = '${kafka_bootstrap}',
  'format' = 'json'
);

CREATE TABLE lake_views (
  event_id  STRING,
  user_id   STRING,
  url       STRING,
  referrer  STRING,
  ts        TIMESTAMP_LTZ(3),
  dt        STRING
) PARTITIONED BY (dt) WITH (
  'connector' = 'filesystem',
  'path' = 's3://acme-lake/page_views/',
  'format' = 'parquet',
  'sink.partition-commit.policy.kind' = 'success-file'
);

-- One Flink job for both sinks: the source is read once.
EXECUTE STATEMENT SET
BEGIN
  INSERT INTO analytics_views
  SELECT user_id, url, event_time FROM page_views WHERE url NOT LIKE '%/health%';

  INSERT INTO lake_views
  SELECT event_id, user_id, url, referrer, event_time, DATE_FORMAT(event_time, 'yyyy-MM-dd')
  FROM page_views;
END;
