import { describe, expect, test } from 'vitest';
import { parseScript } from '../../src/sql/parse.js';

const issues = (sql: string) =>
  parseScript(sql).issues.map((i) => ({ message: i.message, at: sql.slice(i.range.start, i.range.end), hint: i.hint }));

describe('a missing comma in a SELECT list', () => {
  test('`SELECT a b.c` says a comma is likely missing, at the word read as an alias', () => {
    const found = issues('INSERT INTO t SELECT a b.c FROM s b;');
    expect(found).toEqual([
      {
        message:
          'a comma is likely missing after `a`: `b` reads as its alias, and the `.` after it then makes no sense',
        at: 'b',
        hint: 'separate the items of the SELECT list with commas: `a, b…`',
      },
    ]);
  });

  test('`SELECT a my_udf(b)` is the same mistake before a function call', () => {
    expect(issues('SELECT id my_udf(name) FROM s;')[0]!.message).toContain('a comma is likely missing after `id`');
  });

  test('a bare alias and a qualified column after a comma still parse', () => {
    expect(issues('SELECT a b, b.c, UPPER(d) e FROM s b;')).toEqual([]);
  });
});
