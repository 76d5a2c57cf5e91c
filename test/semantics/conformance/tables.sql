-- Tables every conformance case may read: the shapes Flink's planner tests declare with their
-- `values` test connector, rewritten with real connectors (kafka append-only, upsert-kafka and
-- JDBC keyed, print/blackhole accepting everything). Valid SQL: no rule may speak about it.
CREATE TABLE orders (
  order_id BIGINT,
  customer STRING,
  product STRING,
  amount INT,
  price DECIMAL(10, 2),
  flag BOOLEAN,
  tags ARRAY<STRING>,
  order_time TIMESTAMP(3),
  proc AS PROCTIME(),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = 'kafka:9092',
  'format' = 'json', 'scan.startup.mode' = 'earliest-offset');

CREATE TABLE shipments (
  ship_id BIGINT,
  order_id BIGINT,
  ship_time TIMESTAMP(3),
  WATERMARK FOR ship_time AS ship_time
) WITH ('connector' = 'kafka', 'topic' = 'shipments', 'properties.bootstrap.servers' = 'kafka:9092',
  'format' = 'json', 'scan.startup.mode' = 'earliest-offset');

CREATE TABLE customers (
  customer STRING,
  region STRING,
  PRIMARY KEY (customer) NOT ENFORCED
) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://db:5432/shop', 'table-name' = 'customers');

CREATE TABLE rates (
  currency STRING,
  rate DECIMAL(10, 4),
  rate_time TIMESTAMP(3),
  WATERMARK FOR rate_time AS rate_time,
  PRIMARY KEY (currency) NOT ENFORCED
) WITH ('connector' = 'upsert-kafka', 'topic' = 'rates', 'properties.bootstrap.servers' = 'kafka:9092',
  'key.format' = 'json', 'value.format' = 'json');

CREATE TABLE rates_no_pk (
  currency STRING,
  rate DECIMAL(10, 4),
  rate_time TIMESTAMP(3),
  WATERMARK FOR rate_time AS rate_time
) WITH ('connector' = 'kafka', 'topic' = 'rates-raw', 'properties.bootstrap.servers' = 'kafka:9092',
  'format' = 'json', 'scan.startup.mode' = 'earliest-offset');

CREATE TABLE rates_no_rowtime (
  currency STRING,
  rate DECIMAL(10, 4),
  rate_time TIMESTAMP(3),
  PRIMARY KEY (currency) NOT ENFORCED
) WITH ('connector' = 'upsert-kafka', 'topic' = 'rates-latest', 'properties.bootstrap.servers' = 'kafka:9092',
  'key.format' = 'json', 'value.format' = 'json');

CREATE TABLE order_changes (
  order_id BIGINT,
  customer STRING,
  amount INT
) WITH ('connector' = 'kafka', 'topic' = 'dbserver.shop.orders', 'properties.bootstrap.servers' = 'kafka:9092',
  'format' = 'debezium-json', 'scan.startup.mode' = 'earliest-offset');

CREATE TABLE sink_kafka (
  customer STRING,
  total BIGINT
) WITH ('connector' = 'kafka', 'topic' = 'totals', 'properties.bootstrap.servers' = 'kafka:9092', 'format' = 'json');

CREATE TABLE sink_upsert (
  customer STRING,
  total BIGINT,
  PRIMARY KEY (customer) NOT ENFORCED
) WITH ('connector' = 'upsert-kafka', 'topic' = 'totals-by-customer', 'properties.bootstrap.servers' = 'kafka:9092',
  'key.format' = 'json', 'value.format' = 'json');

CREATE TABLE sink_print (
  customer STRING,
  total BIGINT
) WITH ('connector' = 'print');

CREATE TABLE sink_jdbc_no_pk (
  customer STRING,
  total BIGINT
) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://db:5432/shop', 'table-name' = 'totals');
