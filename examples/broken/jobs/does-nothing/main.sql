CREATE TABLE numbers (n INT) WITH ('connector' = 'datagen');

SELECT n FROM numbers;
