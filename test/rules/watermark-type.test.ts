import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { watermarkType } from '../../src/rules/watermark-type.js';
import { at, context } from './fixtures.js';

const run = (sql: string) => runRules(context(sql), [watermarkType]);
const table = (columns: string) => `CREATE TABLE t (\n  ${columns}\n) WITH ('connector' = 'datagen');`;

describe('sql/watermark-type', () => {
  test('a TIMESTAMP without precision is TIMESTAMP(6): reported on the watermark column, with the fix', () => {
    const sql = table("id INT,\n  ts TIMESTAMP,\n  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND");
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      rule: 'sql/watermark-type',
      ...at(sql, 'ts AS'),
      message:
        'the watermark column `ts` is TIMESTAMP(6): a watermark needs TIMESTAMP(p) or TIMESTAMP_LTZ(p) with a precision p from 0 to 3',
      hint: expect.stringContaining('TIMESTAMP alone is TIMESTAMP(6)'),
    });
  });

  test('a BIGINT, a STRING, a TIMESTAMP_LTZ(6) and a TIMESTAMP WITH TIME ZONE column are refused', () => {
    expect(run(table('ts BIGINT,\n  WATERMARK FOR ts AS ts'))[0]?.hint).toContain('TO_TIMESTAMP_LTZ(ts, 3)');
    expect(run(table('ts STRING,\n  WATERMARK FOR ts AS ts'))[0]?.message).toContain('is STRING');
    expect(run(table('ts TIMESTAMP_LTZ(6),\n  WATERMARK FOR ts AS ts'))[0]?.message).toContain('TIMESTAMP_LTZ(6)');
    expect(run(table('ts DATE,\n  WATERMARK FOR ts AS ts'))).toHaveLength(1);
  });

  test('a watermark on a PROCTIME() column is refused', () => {
    const sql = table('id INT,\n  pt AS PROCTIME(),\n  WATERMARK FOR pt AS pt');
    expect(run(sql)).toMatchObject([
      { message: expect.stringContaining('processing-time column'), ...at(sql, 'pt AS pt') },
    ]);
  });

  test('a watermark expression of another type than the column is refused', () => {
    const sql = table('ts TIMESTAMP(3),\n  other BIGINT,\n  WATERMARK FOR ts AS other');
    expect(run(sql)).toMatchObject([
      { message: expect.stringContaining('expression is BIGINT'), ...at(sql, 'other', 1) },
    ]);
    const ltz = table('ts TIMESTAMP(3),\n  lts TIMESTAMP_LTZ(3),\n  WATERMARK FOR ts AS lts');
    expect(run(ltz)).toMatchObject([{ message: expect.stringContaining('Flink needs the same type') }]);
  });

  test('TIMESTAMP(0..3), TIMESTAMP_LTZ(3), metadata and computed rowtimes stay quiet', () => {
    expect(run(table("ts TIMESTAMP(3),\n  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND"))).toEqual([]);
    expect(run(table('ts TIMESTAMP(0),\n  WATERMARK FOR ts AS ts'))).toEqual([]);
    expect(run(table('ts TIMESTAMP_LTZ(3),\n  WATERMARK FOR ts AS ts'))).toEqual([]);
    expect(run(table("ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',\n  WATERMARK FOR ts AS ts"))).toEqual([]);
    expect(run(table('ms BIGINT,\n  ts AS TO_TIMESTAMP_LTZ(ms, 3),\n  WATERMARK FOR ts AS ts'))).toEqual([]);
  });

  test('a column inherited through LIKE is checked as the catalog resolved it', () => {
    const sql = [
      "CREATE TABLE base (ts TIMESTAMP, pt AS PROCTIME()) WITH ('connector' = 'datagen');",
      'CREATE TABLE t (WATERMARK FOR ts AS ts) LIKE base;',
      'CREATE TABLE u (WATERMARK FOR pt AS pt) LIKE base;',
    ].join('\n');
    expect(run(sql)).toMatchObject([
      { line: 2, message: expect.stringContaining('`ts` is TIMESTAMP(6)') },
      { line: 3, message: expect.stringContaining('processing-time column') },
    ]);
  });

  test('a column inherited through LIKE with a good type, or unknown, stays quiet', () => {
    const sql = [
      "CREATE TABLE base (ts TIMESTAMP(3)) WITH ('connector' = 'datagen');",
      'CREATE TABLE t (WATERMARK FOR ts AS ts) LIKE base;',
      "CREATE TABLE u (a INT, WATERMARK FOR nope AS nope) WITH ('connector' = 'datagen');",
    ].join('\n');
    expect(run(sql)).toEqual([]);
  });
});
