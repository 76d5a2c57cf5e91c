-- A comment with a ; and a 'quote' must not confuse the parser.
CREATE TABLE clicks (
  user_id STRING,
  url STRING,
) WITH (
  'connector' = 'datagen'
);

CREATE TABLE sink (user_id STRING, url STRING) WITH ('connector' = "blackhole");

INSERT INTO sink SELECT user_id, url FROM clicks WHERE url <> 'a;b--c';
