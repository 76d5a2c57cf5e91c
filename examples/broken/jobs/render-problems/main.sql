CREATE TABLE clicks (user_id BIGINT, url STRING) WITH ('connector' = 'datagen');
CREATE TABLE sink (user_id BIGINT, url STRING) WITH ('connector' = 'blackhole');
INSERT INTO sink SELECT user_id, url FROM clicks;
