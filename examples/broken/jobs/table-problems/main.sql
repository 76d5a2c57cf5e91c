CREATE TABLE events (id BIGINT, name STRING, ts TIMESTAMP(3)) WITH ('connector' = 'datagen');

CREATE TABLE events (id BIGINT) WITH ('connector' = 'datagen');

CREATE TABLE out_events (id BIGINT, name STRING) WITH ('connector' = 'print', 'print-identifier' = '${prefix}');

DROP TABLE IF EXISTS old_events;

INSERT INTO out_events SELECT id, name, ts FROM events;

INSERT INTO out_events SELECT id, name FROM event_log;
