import { describe, expect, test } from 'vitest';
import { queryColumnCount } from '../../src/sql/analysis/query-column-count.js';
import { tableReferences } from '../../src/sql/analysis/table-references.js';
import { tokenize } from '../../src/sql/lexer.js';
import { nameKey } from '../../src/sql/model/common.js';
import type { Query } from '../../src/sql/model/query.js';
import { Cursor } from '../../src/sql/parser/cursor.js';
import { parseQuery } from '../../src/sql/parser/query.js';

function q(text: string): Query {
  const c = new Cursor(tokenize(text).tokens, text, { flinkVersion: '2.0' });
  const query = parseQuery(c);
  if (!c.atEnd()) throw new Error(`query parse stopped at ${c.peek().start} in: ${text}`);
  return query;
}

/** The tables a query reads, as `name@offset`. */
function reads(text: string): string[] {
  return tableReferences(q(text)).map((r) => `${nameKey(r.name)}@${r.range.start}`);
}

const names = (text: string): string[] => tableReferences(q(text)).map((r) => nameKey(r.name));

describe('tableReferences', () => {
  test('FROM and joins, with exact positions', () => {
    const text = 'SELECT * FROM cat.db.orders o JOIN customers c ON o.c = c.id';
    expect(reads(text)).toEqual([`cat.db.orders@${text.indexOf('cat.')}`, `customers@${text.indexOf('customers')}`]);
    const r = tableReferences(q(text))[0]!;
    expect(text.slice(r.range.start, r.range.end)).toBe('cat.db.orders');
  });

  test('a temporal join is marked temporal', () => {
    const refs = tableReferences(
      q('SELECT * FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.c = r.c'),
    );
    expect(refs.map((r) => [nameKey(r.name), r.temporal])).toEqual([
      ['orders', false],
      ['rates', true],
    ]);
  });

  test('subqueries anywhere: FROM, WHERE, IN, EXISTS, scalar, select list', () => {
    expect(
      names(
        'SELECT (SELECT MAX(x) FROM s1) FROM (SELECT * FROM s2) AS d WHERE a IN (SELECT a FROM s3) AND EXISTS (SELECT 1 FROM s4) OR b = ANY (SELECT b FROM s5)',
      ),
    ).toEqual(['s1', 's2', 's3', 's4', 's5']);
  });

  test('a CTE is not a table, in its own WITH and in later CTEs; a real table named in it is', () => {
    expect(
      names(
        'WITH recent AS (SELECT * FROM orders), big AS (SELECT * FROM recent WHERE n > 1) SELECT * FROM big JOIN recent ON TRUE',
      ),
    ).toEqual(['orders']);
  });

  test('a CTE name does not hide a table with the same name outside its scope', () => {
    // `x` inside the first CTE is read before `x` (the CTE) exists
    expect(names('WITH x AS (SELECT * FROM x) SELECT * FROM x')).toEqual(['x']);
    // a qualified name is never a CTE
    expect(names('WITH t AS (SELECT 1) SELECT * FROM db.t')).toEqual(['db.t']);
  });

  test("a window TVF's TABLE argument counts, positional or named, with or without TABLE(...)", () => {
    expect(names("SELECT * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' MINUTES))")).toEqual(['bids']);
    expect(
      names(
        "SELECT * FROM TABLE(HOP(DATA => TABLE bids2, TIMECOL => DESCRIPTOR(ts), SLIDE => INTERVAL '1' MINUTE, SIZE => INTERVAL '5' MINUTES))",
      ),
    ).toEqual(['bids2']);
    expect(
      names("SELECT * FROM CUMULATE(TABLE bids3, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTES)"),
    ).toEqual(['bids3']);
    expect(
      names("WITH b AS (SELECT 1) SELECT * FROM TABLE(TUMBLE(TABLE b, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"),
    ).toEqual([]);
  });

  test('a model argument is not a table, the TABLE argument beside it is', () => {
    expect(names('SELECT * FROM ML_PREDICT(TABLE orders, MODEL churn, DESCRIPTOR(f))')).toEqual(['orders']);
  });

  test('table functions and UNNEST are not tables', () => {
    expect(names('SELECT * FROM orders, LATERAL TABLE(split(tags)) AS t(w) CROSS JOIN UNNEST(items) AS i(x)')).toEqual([
      'orders',
    ]);
  });

  test('MATCH_RECOGNIZE input, set operations and explicit TABLE', () => {
    expect(names('SELECT * FROM ticks MATCH_RECOGNIZE (ORDER BY ts PATTERN (A) DEFINE A AS A.p > 0) AS m')).toEqual([
      'ticks',
    ]);
    expect(names('SELECT a FROM x UNION ALL (SELECT a FROM y) EXCEPT TABLE z')).toEqual(['x', 'y', 'z']);
  });
});

describe('queryColumnCount', () => {
  test.each([
    ['SELECT a, b + 1, f(c) AS d FROM t', 3],
    ['SELECT * FROM t', undefined],
    ['SELECT t.*, a FROM t', undefined],
    ["VALUES (1, 'a', TRUE), (2, 'b', FALSE)", 3],
    ['VALUES 1, 2', 1],
    ['SELECT a, b FROM x UNION ALL SELECT a, b FROM y', 2],
    ['SELECT * FROM x UNION SELECT a, b, c FROM y', 3],
    ['WITH c AS (SELECT * FROM t) SELECT a, b FROM c ORDER BY a LIMIT 1', 2],
    ['((SELECT a FROM t))', 1],
    ['TABLE t', undefined],
  ])('%s -> %s', (text, count) => expect(queryColumnCount(q(text))).toBe(count));
});
