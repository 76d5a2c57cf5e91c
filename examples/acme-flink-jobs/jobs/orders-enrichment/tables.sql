CREATE TABLE orders (
  order_id     STRING,
  customer_id  STRING,
  amount       DECIMAL(12, 2),
  order_time   TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders',
  'properties.bootstrap.servers' = '${kafka_bootstrap}',
  'properties.group.id' = 'orders-enrichment-${env}',
  'scan.startup.mode' = 'group-offsets',
  'format' = 'json'
);

-- Customer changelog, compacted topic keyed by customer_id: a versioned table.
CREATE TABLE customers (
  customer_id  STRING,
  name         STRING,
  tier         STRING,
  country      STRING,
  updated_at   TIMESTAMP(3),
  PRIMARY KEY (customer_id) NOT ENFORCED,
  WATERMARK FOR updated_at AS updated_at
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${customers_topic}',
  'properties.bootstrap.servers' = '${kafka_bootstrap}',
  'key.format' = 'json',
  'value.format' = 'json'
);

CREATE TABLE enriched_orders (
  order_id       STRING,
  customer_id    STRING,
  customer_name  STRING,
  tier           STRING,
  country        STRING,
  amount         DECIMAL(12, 2),
  order_time     TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders-enriched',
  'properties.bootstrap.servers' = '${kafka_bootstrap}',
  'format' = 'json',
  'sink.delivery-guarantee' = 'at-least-once'
);
