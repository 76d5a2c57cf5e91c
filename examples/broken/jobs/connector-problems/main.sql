CREATE TABLE orders (order_id STRING, amount DOUBLE) WITH (
  'connector' = 'kafka',
  'topic' = 'orders',
  'format' = 'json',
  'scan.startup.mod' = 'earliest-offset'
);

CREATE TABLE customers_db (id STRING, name STRING) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://db:5432/shop',
  'table-name' = 'customers',
  'username' = 'flink',
  'password' = 'hunter2'
);

CREATE TABLE audit (order_id STRING) WITH ('connector' = 'kafak', 'topic' = 'audit');

INSERT INTO audit SELECT o.order_id FROM orders AS o JOIN customers_db AS c ON o.order_id = c.id;
