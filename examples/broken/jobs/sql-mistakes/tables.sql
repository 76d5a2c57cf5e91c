-- Reads ${orders_db}.orders; a ${name} in a comment is not a variable.
DROP TEMPORARY TABLE IF EXISTS orders_cdc;

CREATE TABLE orders_cdc (
  order_id BIGINT,
  amount   DECIMAL(10, 2),
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH (
  'connector' = 'mysql-cdc',
  'hostname' = 'mysql',
  'username' = '${mysql_user}',
  'table-name' = 'orders',
  'scan.startup.mode' = 'earliest'
);

CREATE TABLE enriched (
  order_id BIGINT,
  amount   DECIMAL(10, 2)
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${enriched_topik}',
  'properties.bootstrap.servers' = '${ kafka_bootstrap }',
  'key.format' = 'json',
  'value.format' = 'json'
);
