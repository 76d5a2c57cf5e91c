INSERT INTO enriched
SELECT order_id amount.value
FROM orders_cdc;
