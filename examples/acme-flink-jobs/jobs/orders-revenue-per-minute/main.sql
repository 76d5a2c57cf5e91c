-- Orders as they are placed, from the checkout service.
CREATE TABLE orders (
  order_id     STRING,
  shop_id      STRING,
  customer_id  STRING,
  amount       DECIMAL(12, 2),
  currency     STRING,
  order_time   TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = '${orders_topic}',
  'properties.bootstrap.servers' = '${kafka_bootstrap}',
  'properties.group.id' = 'orders-revenue-${env}',
  'scan.startup.mode' = 'group-offsets',
  'properties.auto.offset.reset' = 'earliest',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true'
);

CREATE TABLE shop_revenue_1m (
  shop_id       STRING,
  window_start  TIMESTAMP(3),
  window_end    TIMESTAMP(3),
  orders        BIGINT,
  revenue       DECIMAL(18, 2),
  PRIMARY KEY (shop_id, window_start) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${revenue_topic}',
  'properties.bootstrap.servers' = '${kafka_bootstrap}',
  'key.format' = 'json',
  'value.format' = 'json'
);

/* Tumbling one-minute windows on event time; late orders past the
   five-second watermark are dropped. */
INSERT INTO shop_revenue_1m
SELECT
  shop_id,
  window_start,
  window_end,
  COUNT(*) AS orders,
  SUM(amount) AS revenue
FROM TABLE(
  TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))
WHERE currency = 'EUR'
GROUP BY shop_id, window_start, window_end;
