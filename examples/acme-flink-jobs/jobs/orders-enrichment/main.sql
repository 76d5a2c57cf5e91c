-- Event-time temporal join: each order sees the customer row as of order_time.
INSERT INTO enriched_orders
SELECT
  o.order_id,
  o.customer_id,
  c.name AS customer_name,
  c.tier,
  c.country,
  o.amount,
  o.order_time
FROM orders AS o
LEFT JOIN customers FOR SYSTEM_TIME AS OF o.order_time AS c
  ON o.customer_id = c.customer_id;
