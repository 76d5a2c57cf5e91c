import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { context, job } from './fixtures.js';

const TABLES = `CREATE TABLE a (x INT) WITH ('connector' = 'datagen');
CREATE TABLE b (x INT) WITH ('connector' = 'blackhole');
`;
const MAIN = 'INSERT INTO b SELECT x FROM a;\n';

describe('sql/empty-file', () => {
  test('an empty file is said to be empty, instead of "no sink"', () => {
    const ds = runRules(context({ 'jobs/orders/main.sql': '\n  \n' }, { job: job() }));
    expect(ds.map((d) => [d.rule, d.file, d.line, d.column, d.message])).toEqual([
      ['sql/empty-file', 'jobs/orders/main.sql', 1, 1, 'the file is empty: it has no SQL statement'],
    ]);
  });

  test('a file with only comments is empty too', () => {
    const ds = runRules(context({ 'jobs/orders/main.sql': '-- TODO\n/* later */\n' }, { job: job() }));
    expect(ds.map((d) => d.rule)).toEqual(['sql/empty-file']);
    expect(ds[0]!.message).toContain('only comments');
  });

  test('an empty tables.sql is reported once, not as every table unknown in main.sql', () => {
    const ds = runRules(context({ 'jobs/orders/tables.sql': '', 'jobs/orders/main.sql': MAIN }, { job: job() }));
    expect(ds.map((d) => [d.rule, d.file])).toEqual([['sql/empty-file', 'jobs/orders/tables.sql']]);
  });

  test('a job whose files all hold statements gets no empty-file finding', () => {
    const ds = runRules(context({ 'jobs/orders/tables.sql': TABLES, 'jobs/orders/main.sql': MAIN }, { job: job() }));
    expect(ds).toEqual([]);
  });
});

test('a loose file (not a whole job) that is empty is a warning, not an error', () => {
  const ds = runRules(context({ 'notes.sql': '-- notes\n' }, { wholeJob: false }));
  expect(ds.map((d) => [d.rule, d.severity])).toEqual([['sql/empty-file', 'warning']]);
});
