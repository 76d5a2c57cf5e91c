CREATE TABLE clicks (user_id BIGINT, url STRING) WITH ('connector' = 'datagen');
CREATE TABLE sink (user_id BIGINT, url STRING) WITH ('connector' = 'blackhole');
-- The operator's SQL runner deletes /* … */ as comments, so this hint never reaches Flink.
INSERT INTO sink SELECT user_id, url FROM clicks /*+ OPTIONS('rows-per-second' = '10') */;
