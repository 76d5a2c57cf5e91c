import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { overWindowOrder } from '../../src/rules/over-window-order.js';
import { streamingOrderBy } from '../../src/rules/streaming-order-by.js';
import { temporalJoin } from '../../src/rules/temporal-join.js';
import { windowTimeAttribute } from '../../src/rules/window-time-attribute.js';
import type { Rule } from '../../src/rules/types.js';
import { at, context, job } from './fixtures.js';

const run = (rule: Rule, sql: string, flinkConfiguration: Record<string, string> = {}) =>
  runRules(context(sql, { job: job({ flinkConfiguration, externalTables: ['hive.db.*'] }) }), [rule]);

const TABLES = `CREATE TABLE orders (
  id BIGINT, amount INT, currency STRING, plain_ts TIMESTAMP(3), ts TIMESTAMP(3), pt AS PROCTIME(),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');
CREATE TABLE rates (
  currency STRING, rate DECIMAL(10, 4), rate_ts TIMESTAMP(3),
  WATERMARK FOR rate_ts AS rate_ts, PRIMARY KEY (currency) NOT ENFORCED
) WITH ('connector' = 'upsert-kafka', 'topic' = 'r', 'properties.bootstrap.servers' = 'k:9092', 'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE rates_nokey (currency STRING, rate DECIMAL(10, 4), rate_ts TIMESTAMP(3), WATERMARK FOR rate_ts AS rate_ts)
  WITH ('connector' = 'kafka', 'topic' = 'r', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');
CREATE TABLE rates_db (currency STRING, rate DECIMAL(10, 4)) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://db/x', 'table-name' = 'r');
CREATE TABLE sink (a BIGINT, b BIGINT) WITH ('connector' = 'print');
`;
const withInsert = (select: string) => `${TABLES}INSERT INTO sink ${select};`;

describe('sql/window-time-attribute', () => {
  const tumble = (col: string, table = 'orders') =>
    withInsert(
      `SELECT COUNT(*), COUNT(*) FROM TABLE(TUMBLE(TABLE ${table}, DESCRIPTOR(${col}), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end`,
    );

  test('a plain TIMESTAMP column without a watermark is reported at the DESCRIPTOR column', () => {
    const sql = tumble('plain_ts');
    const ds = run(windowTimeAttribute, sql);
    expect(ds).toMatchObject([
      {
        rule: 'sql/window-time-attribute',
        ...at(sql, 'plain_ts)'),
        message: expect.stringContaining('TUMBLE needs a time attribute, but `plain_ts` is a plain TIMESTAMP(3)'),
      },
    ]);
    expect(ds[0]!.hint).toContain('WATERMARK FOR plain_ts');
  });

  test('a non-timestamp column is reported in batch mode too', () => {
    expect(run(windowTimeAttribute, tumble('amount'), { 'execution.runtime-mode': 'batch' })).toMatchObject([
      { message: expect.stringContaining('but `amount` is INT') },
    ]);
  });

  test('a legacy group window over a plain column is reported; over the rowtime it is not', () => {
    const group = (col: string) =>
      withInsert(`SELECT COUNT(*), COUNT(*) FROM orders GROUP BY TUMBLE(${col}, INTERVAL '1' MINUTE)`);
    const sql = group('plain_ts');
    expect(run(windowTimeAttribute, sql)).toMatchObject([
      { ...at(sql, 'plain_ts,'), message: expect.stringContaining('TUMBLE needs a time attribute') },
    ]);
    expect(run(windowTimeAttribute, group('ts'))).toEqual([]);
    expect(run(windowTimeAttribute, group('pt'))).toEqual([]);
  });

  test('rowtime and proctime columns, through a view too, batch mode, and catalog tables stay quiet', () => {
    expect(run(windowTimeAttribute, tumble('ts'))).toEqual([]);
    expect(run(windowTimeAttribute, tumble('pt'))).toEqual([]);
    expect(run(windowTimeAttribute, tumble('plain_ts'), { 'execution.runtime-mode': 'batch' })).toEqual([]);
    expect(run(windowTimeAttribute, `CREATE VIEW v AS SELECT id, ts FROM orders;\n${tumble('ts', 'v')}`)).toEqual([]);
    expect(run(windowTimeAttribute, tumble('whatever', 'hive.db.events'))).toEqual([]);
  });
});

describe('sql/streaming-order-by', () => {
  test('ORDER BY a non-time column without LIMIT in a streaming job is reported at the sort key', () => {
    const sql = withInsert('SELECT id, id FROM orders ORDER BY amount');
    expect(run(streamingOrderBy, sql)).toMatchObject([
      { rule: 'sql/streaming-order-by', ...at(sql, 'amount', 1), message: expect.stringContaining('sorted by a INT') },
    ]);
    expect(run(streamingOrderBy, withInsert('SELECT id, id FROM orders ORDER BY ts DESC'))).toHaveLength(1);
  });

  test('ORDER BY a rowtime ascending, a Top-N with LIMIT, a batch job and a subquery stay quiet', () => {
    expect(run(streamingOrderBy, withInsert('SELECT id, id FROM orders ORDER BY ts'))).toEqual([]);
    expect(run(streamingOrderBy, withInsert('SELECT id, id FROM orders ORDER BY amount LIMIT 10'))).toEqual([]);
    expect(
      run(streamingOrderBy, withInsert('SELECT id, id FROM orders ORDER BY amount'), {
        'execution.runtime-mode': 'batch',
      }),
    ).toEqual([]);
    expect(
      run(
        streamingOrderBy,
        `SET 'execution.runtime-mode' = 'batch';\n${withInsert('SELECT id, id FROM orders ORDER BY amount')}`,
      ),
    ).toEqual([]);
    expect(run(streamingOrderBy, withInsert('SELECT id, id FROM (SELECT * FROM orders ORDER BY amount)'))).toEqual([]);
  });
});

describe('sql/over-window-order', () => {
  test('an OVER window ordered by a non-time column is reported at its ORDER BY key', () => {
    const sql = withInsert(
      'SELECT id, SUM(amount) OVER (PARTITION BY currency ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM orders',
    );
    expect(run(overWindowOrder, sql)).toMatchObject([
      { rule: 'sql/over-window-order', ...at(sql, 'id ROWS'), message: expect.stringContaining('ordered by a BIGINT') },
    ]);
  });

  test('rowtime and proctime orders, ROW_NUMBER Top-N and batch jobs stay quiet', () => {
    const over = (order: string) =>
      withInsert(
        `SELECT id, SUM(amount) OVER (PARTITION BY currency ORDER BY ${order} ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM orders`,
      );
    expect(run(overWindowOrder, over('ts'))).toEqual([]);
    expect(run(overWindowOrder, over('pt'))).toEqual([]);
    expect(run(overWindowOrder, over('id'), { 'execution.runtime-mode': 'batch' })).toEqual([]);
    expect(
      run(
        overWindowOrder,
        withInsert(
          'SELECT id, id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY amount DESC) AS rn FROM orders) WHERE rn <= 3',
        ),
      ),
    ).toEqual([]);
  });
});

describe('sql/temporal-join', () => {
  const join = (table: string, time: string) =>
    withInsert(
      `SELECT o.id, o.id FROM orders AS o JOIN ${table} FOR SYSTEM_TIME AS OF o.${time} AS r ON o.currency = r.currency`,
    );

  test('FOR SYSTEM_TIME AS OF a plain column is reported at the expression', () => {
    const sql = join('rates', 'plain_ts');
    expect(run(temporalJoin, sql)).toMatchObject([
      { ...at(sql, 'o.plain_ts'), message: expect.stringContaining('plain TIMESTAMP(3)') },
    ]);
  });

  test('an event-time join against a table without a primary key is reported at the table', () => {
    const sql = join('rates_nokey', 'ts');
    expect(run(temporalJoin, sql)).toMatchObject([
      { ...at(sql, 'rates_nokey FOR'), message: expect.stringContaining('`rates_nokey` has no primary key') },
    ]);
    expect(run(temporalJoin, join('rates_db', 'ts'))).toMatchObject([
      { message: expect.stringContaining('neither a primary key nor a rowtime') },
    ]);
  });

  test('a processing-time join against a kafka table is reported: it is not a lookup source', () => {
    expect(run(temporalJoin, join('rates_nokey', 'pt'))).toMatchObject([
      { message: expect.stringContaining('is a kafka table') },
    ]);
  });

  test('event-time joins against a keyed versioned table, lookup joins and catalog tables stay quiet', () => {
    expect(run(temporalJoin, join('rates', 'ts'))).toEqual([]);
    expect(run(temporalJoin, join('rates_db', 'pt'))).toEqual([]);
    expect(run(temporalJoin, join('hive.db.rates', 'ts'))).toEqual([]);
    expect(run(temporalJoin, join('rates_nokey', 'plain_ts'), { 'execution.runtime-mode': 'batch' })).toEqual([]);
  });

  test('a PROCTIME() added in a view is trusted as a time attribute: the lookup join through it stays quiet', () => {
    const sql = `${TABLES}CREATE VIEW o2 AS SELECT id, currency, PROCTIME() AS proc FROM orders;
INSERT INTO sink SELECT o.id, o.id FROM o2 AS o JOIN rates_db FOR SYSTEM_TIME AS OF o.proc AS r ON o.currency = r.currency;`;
    expect(run(temporalJoin, sql)).toEqual([]);
  });
});
