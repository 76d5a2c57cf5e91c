CREATE TABLE payments (
  payment_id  STRING,
  card_id     STRING,
  amount      DECIMAL(12, 2),
  status      STRING,   -- 'DECLINED' or 'APPROVED'
  ts          TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'payments',
  'properties.bootstrap.servers' = '${kafka_bootstrap}',
  'properties.group.id' = 'fraud-alerts-${env}',
  'scan.startup.mode' = 'latest-offset',
  'format' = 'json'
);

CREATE TABLE fraud_alerts (
  card_id         STRING,
  first_declined  TIMESTAMP(3),
  approved_at     TIMESTAMP(3),
  declined_count  BIGINT,
  approved_amount DECIMAL(12, 2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'fraud-alerts',
  'properties.bootstrap.servers' = '${kafka_bootstrap}',
  'format' = 'json'
);

INSERT INTO fraud_alerts
SELECT *
FROM payments
  MATCH_RECOGNIZE (
    PARTITION BY card_id
    ORDER BY ts
    MEASURES
      FIRST(D.ts) AS first_declined,
      A.ts AS approved_at,
      COUNT(D.payment_id) AS declined_count,
      A.amount AS approved_amount
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (D{3,} A) WITHIN INTERVAL '10' MINUTE
    DEFINE
      D AS D.status = 'DECLINED',
      A AS A.status = 'APPROVED'
  ) AS T;
