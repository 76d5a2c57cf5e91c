CREATE TABLE src (n INT) WITH ('connector' = 'datagen');
CREATE TABLE dst (n INT) WITH ('connector' = 'blackhole');
INSERT INTO dst SELECT n FROM src;
