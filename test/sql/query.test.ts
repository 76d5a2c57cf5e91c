import { describe, expect, test } from 'vitest';
import { tokenize } from '../../src/sql/lexer.js';
import type { Query, SelectQuery, TableRef } from '../../src/sql/model/query.js';
import { parseScript } from '../../src/sql/parse.js';
import { Cursor, ParseError } from '../../src/sql/parser/cursor.js';
import { parseQuery } from '../../src/sql/parser/query.js';
import { printQuery } from '../../src/sql/printer/query.js';
import { CORPUS_FLINK_VERSION, corpusAbsent, loadCorpus } from '../support/corpus.js';
import { stripRanges } from '../support/strip-ranges.js';

function cursor(text: string, flinkVersion = '2.0'): Cursor {
  return new Cursor(tokenize(text).tokens, text, { flinkVersion });
}

/** Parses a whole text as one query; the parser must stop exactly at the end. */
function q(text: string): Query {
  const c = cursor(text);
  const query = parseQuery(c);
  if (!c.atEnd()) throw new Error(`query parse stopped at ${c.peek().start} (${c.peek().value}) in: ${text}`);
  return query;
}

function select(text: string): SelectQuery {
  const query = q(text);
  if (query.kind !== 'select') throw new Error(`not a plain SELECT: ${query.kind}`);
  return query;
}

/** The ParseError a text raises, with the offending text. */
function error(text: string): { message: string; at: string; start: number; hint?: string } {
  const c = cursor(text);
  try {
    parseQuery(c);
    if (!c.atEnd()) c.expected(['the end of the query']);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return {
      message: e.message,
      at: text.slice(e.range.start, e.range.end),
      start: e.range.start,
      ...(e.hint ? { hint: e.hint } : {}),
    };
  }
  throw new Error(`expected a syntax error in: ${text}`);
}

function roundTrips(text: string): void {
  const first = q(text);
  const printed = printQuery(first);
  const second = q(printed);
  expect(stripRanges(second), `${text}\nprinted as\n${printed}`).toEqual(stripRanges(first));
  expect(printQuery(second)).toBe(printed);
}

describe('SELECT clauses', () => {
  test('select list: expressions, aliases with and without AS, t.* and *', () => {
    const s = select('SELECT a, b + 1 AS total, c d, o.*, * FROM orders o');
    expect(s.items.map((i) => i.alias?.value)).toEqual([undefined, 'total', 'd', undefined, undefined]);
    expect(s.items[3]!.expression).toMatchObject({ kind: 'star', qualifier: { parts: [{ value: 'o' }] } });
    expect(s.items[4]!.expression.kind).toBe('star');
    expect(s.from).toMatchObject({
      kind: 'tableName',
      name: { parts: [{ value: 'orders' }] },
      alias: { name: { value: 'o' } },
    });
  });

  test('DISTINCT, query hints, WHERE, GROUP BY, HAVING', () => {
    const s = select(
      "SELECT /*+ STATE_TTL('o' = '1d') */ DISTINCT k, COUNT(*) FROM o WHERE k IS NOT NULL GROUP BY k HAVING COUNT(*) > 1",
    );
    expect(s.quantifier).toBe('DISTINCT');
    expect(s.hints[0]).toMatchObject({
      name: { value: 'STATE_TTL' },
      options: [{ key: { text: 'o' }, value: { text: '1d' } }],
    });
    expect(s.where).toMatchObject({ kind: 'is', not: true, test: 'NULL' });
    expect(s.groupBy?.items).toHaveLength(1);
    expect(s.having).toMatchObject({ kind: 'binary', operator: '>' });
  });

  test('GROUPING SETS, ROLLUP, CUBE and the empty grouping set', () => {
    const s = select('SELECT a FROM t GROUP BY GROUPING SETS ((a, b), (a), ()), ROLLUP (a, b), CUBE (c)');
    expect(s.groupBy?.items.map((i) => i.kind)).toEqual(['groupingSets', 'rollup', 'cube']);
    const sets = s.groupBy!.items[0]!;
    expect(sets.kind === 'groupingSets' && sets.items.map((i) => i.kind)).toEqual(['row', 'parenthesized', 'row']);
  });

  test('WINDOW clause and OVER windows with frames', () => {
    const s = select(
      "SELECT SUM(x) OVER w, AVG(x) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)",
    );
    expect(s.windows[0]).toMatchObject({
      name: { value: 'w' },
      spec: { frame: { unit: 'ROWS', start: { bound: 'PRECEDING' }, end: { bound: 'CURRENT ROW' } } },
    });
    expect(s.items[0]!.expression).toMatchObject({ kind: 'call', over: { value: 'w' } });
    expect(s.items[1]!.expression).toMatchObject({
      kind: 'call',
      over: { frame: { unit: 'RANGE', start: { offset: { kind: 'interval' } } } },
    });
  });

  test('ORDER BY with NULLS, LIMIT, OFFSET and FETCH', () => {
    expect(q('SELECT a FROM t ORDER BY a DESC NULLS LAST, b LIMIT 10')).toMatchObject({
      kind: 'ordered',
      orderBy: [{ direction: 'DESC', nulls: 'LAST' }, { expression: { kind: 'column' } }],
      limit: { value: '10' },
    });
    expect(q('SELECT a FROM t OFFSET 5 ROWS FETCH FIRST 3 ROWS ONLY')).toMatchObject({
      kind: 'ordered',
      offset: { value: '5' },
      fetch: { value: '3' },
    });
  });
});

describe('FROM', () => {
  const from = (text: string): TableRef => select(text).from!;

  test('all join forms', () => {
    const t = from(
      'SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (x) RIGHT JOIN d ON TRUE FULL JOIN e ON TRUE CROSS JOIN f, g NATURAL JOIN h',
    );
    const types: string[] = [];
    let cur: TableRef = t;
    while (cur.kind === 'join') {
      types.unshift(cur.natural ? 'NATURAL ' + cur.joinType : cur.joinType);
      cur = cur.left;
    }
    expect(types).toEqual(['INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'COMMA', 'NATURAL INNER']);
  });

  test('temporal join FOR SYSTEM_TIME AS OF', () => {
    const t = from('SELECT * FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.cur = r.cur');
    expect(t).toMatchObject({
      kind: 'join',
      right: { kind: 'tableName', systemTime: { kind: 'column' }, alias: { name: { value: 'r' } } },
    });
  });

  test('table hints, aliases with column lists, VALUES as a table', () => {
    const t = from(
      "SELECT * FROM kafka_t /*+ OPTIONS('scan.startup.mode'='earliest-offset') */ AS k, (VALUES (1, 'a'), (2, 'b')) AS v(n, s)",
    );
    expect(t).toMatchObject({
      left: {
        hints: [
          {
            name: { value: 'OPTIONS' },
            options: [{ key: { text: 'scan.startup.mode' }, value: { text: 'earliest-offset' } }],
          },
        ],
      },
      right: {
        kind: 'derived',
        query: { kind: 'values', rows: [{ values: [{}, {}] }, {}] },
        alias: { columns: [{ value: 'n' }, { value: 's' }] },
      },
    });
  });

  test('window TVFs, with positional and named arguments, with and without TABLE(...)', () => {
    expect(from("SELECT * FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))")).toMatchObject({
      kind: 'tableFunction',
      call: {
        kind: 'call',
        args: [
          { kind: 'tableArgument', name: { parts: [{ value: 'Bid' }] } },
          { kind: 'call' },
          { kind: 'interval', qualifier: { start: 'MINUTES' } },
        ],
      },
    });
    expect(
      from(
        "SELECT * FROM TABLE(HOP(DATA => TABLE Bid, TIMECOL => DESCRIPTOR(bidtime), SLIDE => INTERVAL '5' MINUTES, SIZE => INTERVAL '10' MINUTES))",
      ),
    ).toMatchObject({
      call: {
        args: [{ kind: 'namedArgument', name: { value: 'DATA' }, value: { kind: 'tableArgument' } }, {}, {}, {}],
      },
    });
    expect(from("SELECT * FROM TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)")).toMatchObject({
      kind: 'tableFunction',
      bare: true,
    });
  });

  test('PTF table arguments with PARTITION BY and ORDER BY', () => {
    expect(from('SELECT * FROM f(r => TABLE t PARTITION BY k ORDER BY ts, n => 1)')).toMatchObject({
      call: {
        args: [
          { value: { kind: 'tableArgument', partitionBy: [{ kind: 'column' }], orderBy: [{}] } },
          { kind: 'namedArgument' },
        ],
      },
    });
  });

  test('LATERAL TABLE, LATERAL subquery, UNNEST WITH ORDINALITY, CROSS JOIN UNNEST', () => {
    const t = from(
      'SELECT * FROM o, LATERAL TABLE(split(o.s)) AS T(w) LEFT JOIN LATERAL TABLE(f(o.x)) AS U(v) ON TRUE CROSS JOIN UNNEST(o.tags) WITH ORDINALITY AS x(tag, i), LATERAL (SELECT 1)',
    );
    const refs: TableRef[] = [];
    let cur: TableRef = t;
    while (cur.kind === 'join') {
      refs.unshift(cur.right);
      cur = cur.left;
    }
    expect(refs.map((r) => [r.kind, 'lateral' in r ? r.lateral : undefined])).toEqual([
      ['tableFunction', true],
      ['tableFunction', true],
      ['unnest', false],
      ['derived', true],
    ]);
    expect(refs[2]).toMatchObject({ withOrdinality: true, alias: { columns: [{ value: 'tag' }, { value: 'i' }] } });
  });

  test('parenthesised joins and subqueries', () => {
    expect(from('SELECT * FROM (a JOIN b ON a.x = b.x) JOIN c ON TRUE')).toMatchObject({
      kind: 'join',
      left: { kind: 'parenthesizedTable' },
    });
    expect(from('SELECT * FROM ((SELECT 1) UNION (SELECT 2)) AS u')).toMatchObject({
      kind: 'derived',
      query: { kind: 'setOperation' },
      alias: { name: { value: 'u' } },
    });
  });

  test('MATCH_RECOGNIZE with every clause', () => {
    const t = from(`SELECT * FROM Ticker MATCH_RECOGNIZE (
      PARTITION BY symbol ORDER BY rowtime
      MEASURES FIRST(A.price) AS startPrice, FINAL LAST(B.price) AS lastPrice, MATCH_ROWTIME() AS mt
      ONE ROW PER MATCH
      AFTER MATCH SKIP TO LAST B
      PATTERN (A B+? C{2,3} (D | E)* PERMUTE(F, G) H?) WITHIN INTERVAL '1' HOUR
      SUBSET S = (A, B)
      DEFINE A AS A.price < PREV(A.price), B AS B.price > 10
    ) AS T`);
    expect(t).toMatchObject({
      kind: 'matchRecognize',
      input: { kind: 'tableName' },
      measures: [{ alias: { value: 'startPrice' } }, { expression: { kind: 'unary', operator: 'FINAL' } }, {}],
      rowsPerMatch: 'ONE ROW PER MATCH',
      afterMatch: { mode: 'TO LAST', variable: { value: 'B' } },
      within: { kind: 'interval' },
      subsets: [{ name: { value: 'S' } }],
      define: [{ variable: { value: 'A' } }, { variable: { value: 'B' } }],
      alias: { name: { value: 'T' } },
    });
    const pattern = t.kind === 'matchRecognize' ? t.pattern : undefined;
    expect(pattern).toMatchObject({
      kind: 'concatenation',
      items: [
        { kind: 'variable' },
        { kind: 'quantified', min: 1, reluctant: true },
        { kind: 'quantified', min: 2, max: 3 },
        { kind: 'quantified', form: '*', term: { kind: 'group', pattern: { kind: 'alternation' } } },
        { kind: 'permute' },
        { kind: 'quantified', form: '?' },
      ],
    });
  });
});

describe('set operations, VALUES, WITH', () => {
  test('INTERSECT binds tighter than UNION and EXCEPT, which associate to the left', () => {
    const u = q('SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4');
    expect(u).toMatchObject({
      operator: 'EXCEPT',
      left: { operator: 'UNION', quantifier: 'ALL', right: { operator: 'INTERSECT' } },
    });
    expect(q('SELECT 1 EXCEPT DISTINCT SELECT 2')).toMatchObject({
      kind: 'setOperation',
      operator: 'EXCEPT',
      quantifier: 'DISTINCT',
    });
  });

  test('ORDER BY applies to the whole set operation', () => {
    expect(q('SELECT a FROM x UNION SELECT a FROM y ORDER BY a LIMIT 1')).toMatchObject({
      kind: 'ordered',
      query: { kind: 'setOperation' },
    });
  });

  test('parenthesised queries at any depth', () => {
    expect(q('(((SELECT 1)))')).toMatchObject({
      kind: 'parenthesized',
      query: { kind: 'parenthesized', query: { kind: 'parenthesized', query: { kind: 'select' } } },
    });
    expect(q('(SELECT 1) UNION ((SELECT 2) ORDER BY 1)')).toMatchObject({
      kind: 'setOperation',
      right: { kind: 'parenthesized', query: { kind: 'ordered' } },
    });
  });

  test('VALUES rows', () => {
    expect(q("VALUES (1, 'a'), ROW(2, 'b'), (3, 'c')")).toMatchObject({
      kind: 'values',
      rows: [{ values: [{}, {}] }, { values: [{}, {}] }, { values: [{}, {}] }],
    });
  });

  test('WITH, with column lists and several CTEs', () => {
    expect(q('WITH a (x, y) AS (SELECT 1, 2), b AS (SELECT * FROM a) SELECT * FROM b')).toMatchObject({
      kind: 'with',
      ctes: [{ name: { value: 'a' }, columns: [{ value: 'x' }, { value: 'y' }] }, { name: { value: 'b' } }],
      body: { kind: 'select' },
    });
  });

  test('stops at a token it cannot continue with and leaves it to the caller', () => {
    const c = cursor('SELECT a FROM t; SELECT 2');
    parseQuery(c);
    expect(c.peek().value).toBe(';');
    const d = cursor('(SELECT a FROM t) END');
    d.next();
    parseQuery(d);
    expect(d.peek().value).toBe(')');
  });
});

describe("syntax errors in the user's words, at the right place", () => {
  test('a missing comma in the select list', () => {
    // `price name` is a column with an alias; a third word cannot continue the select list
    expect(error('SELECT price name qty FROM t')).toMatchObject({
      message:
        'expected `,`, `FROM`, `WHERE`, `GROUP BY`, `ORDER BY` or the end of the query after `name`, found `qty`',
      at: 'qty',
      start: 18,
    });
  });

  test('a join without a condition', () => {
    expect(error('SELECT * FROM a JOIN b WHERE x = 1')).toMatchObject({
      message: 'expected `ON` or `USING` after the joined table, found `WHERE`',
      at: 'WHERE',
    });
  });

  test('a reserved word used as a name says how to quote it', () => {
    const e = error('SELECT * FROM t WHERE value > 1');
    expect(e).toMatchObject({ message: 'expected an expression, found the reserved word `value`', at: 'value' });
    expect(e.hint).toContain('`value`');
  });

  test('an unclosed subquery names what is missing', () => {
    expect(error('SELECT * FROM (SELECT a FROM t')).toMatchObject({
      message: 'expected `)` after the subquery, found the end of the script',
    });
  });

  test('a trailing comma before FROM', () => {
    expect(error('SELECT a, FROM t')).toMatchObject({
      message: 'expected a column or expression after `,`, found `FROM`',
      at: 'FROM',
    });
  });

  test('an unterminated IN list', () => {
    expect(error('SELECT * FROM t WHERE a IN (1, 2 b')).toMatchObject({
      message: 'expected `,` or `)` after an item of the IN list, found `b`',
      at: 'b',
    });
  });

  test("what Flink's SQL conformance rejects: MINUS, LIMIT start, count, OFFSET before LIMIT", () => {
    expect(error('SELECT 1 MINUS SELECT 2')).toMatchObject({
      message: '`MINUS` is not allowed in Flink SQL',
      at: 'MINUS',
      hint: 'write `EXCEPT` instead',
    });
    expect(error('SELECT a FROM t LIMIT 5, 10')).toMatchObject({
      message: '`LIMIT offset, count` is not allowed in Flink SQL',
      at: ',',
    });
    expect(error('SELECT a FROM t OFFSET 5 LIMIT 10')).toMatchObject({
      message: '`OFFSET` before `LIMIT` is not allowed in Flink SQL',
      at: 'LIMIT',
    });
  });

  test('row counts are plain numbers', () => {
    expect(error('SELECT a FROM t LIMIT n + 1')).toMatchObject({
      message: 'expected a row count (a whole number) after `LIMIT`, found `n`',
      at: 'n',
    });
    expect(q('SELECT a FROM t LIMIT ?')).toMatchObject({ kind: 'ordered', limit: { kind: 'parameter' } });
  });

  test('a bare GROUP BY ALL, which no released Flink has', () => {
    expect(error('SELECT a, COUNT(*) FROM t GROUP BY ALL')).toMatchObject({
      message: '`GROUP BY ALL` needs the grouping columns in Flink (up to 2.2)',
      at: 'ALL',
    });
  });

  test('MATCH_RECOGNIZE measures need AS, WITHIN needs an interval', () => {
    expect(
      error('SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts MEASURES A.p p PATTERN (A) DEFINE A AS TRUE)'),
    ).toMatchObject({ at: 'p' });
    expect(error('SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts PATTERN (A) WITHIN 5 DEFINE A AS TRUE)')).toMatchObject({
      at: '5',
    });
  });

  test('absurd nesting is reported, not a stack overflow', () => {
    const text = 'SELECT ' + '('.repeat(5000) + '1' + ')'.repeat(5000);
    expect(error(text).message).toContain('nested more than');
  });

  test('parenthesised joins: no alias, no comma inside', () => {
    expect(error('SELECT * FROM (a JOIN b ON TRUE) AS j')).toMatchObject({
      message: 'a join cannot have an alias in Flink SQL',
      at: 'AS j',
    });
    expect(error('SELECT * FROM a CROSS JOIN (b, c)')).toMatchObject({
      message: 'a comma join cannot be put in parentheses',
      at: ',',
    });
  });

  test('a MATCH_RECOGNIZE without DEFINE', () => {
    expect(error('SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B))')).toMatchObject({
      message: 'expected `DEFINE` after the pattern, found `)`',
    });
  });
});

describe('printQuery round trip', () => {
  test.each([
    "SELECT a, b + 1 AS total, o.*, * FROM orders AS o WHERE a > 1 AND NOT b LIKE 'x%' ESCAPE '!'",
    "SELECT /*+ STATE_TTL('o' = '1d'), BROADCAST(t) */ DISTINCT k FROM t /*+ OPTIONS('a'='b') */ GROUP BY GROUPING SETS ((k), ()), ROLLUP (k) HAVING COUNT(*) > 1",
    "SELECT * FROM TABLE(TUMBLE(DATA => TABLE Bid, TIMECOL => DESCRIPTOR(bidtime), SIZE => INTERVAL '10' MINUTES))",
    "SELECT * FROM TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)",
    'SELECT * FROM o, LATERAL TABLE(split(o.s)) AS T(w) LEFT JOIN LATERAL TABLE(f(o.x)) AS U(v) ON TRUE CROSS JOIN UNNEST(o.tags) WITH ORDINALITY AS x(tag, i)',
    'SELECT * FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.cur = r.cur NATURAL JOIN z',
    '(SELECT 1 UNION ALL (SELECT 2 INTERSECT SELECT 3)) EXCEPT SELECT 4 ORDER BY 1 DESC NULLS FIRST OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY',
    "WITH a (x) AS (SELECT 1), b AS (VALUES (1, 'a'), (2, 'b')) SELECT * FROM a, b LIMIT 3",
    `SELECT * FROM Ticker MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY rowtime MEASURES FIRST(A.price) AS s, FINAL LAST(B.price) AS e
      ALL ROWS PER MATCH AFTER MATCH SKIP PAST LAST ROW PATTERN (^A B+? C{2,} (D | E)* PERMUTE(F, G) {- H -} I{3} J{,4}) WITHIN INTERVAL '1' HOUR
      SUBSET S = (A, B) DEFINE A AS A.price < PREV(A.price, 1)) AS T`,
    'SELECT SUM(x) OVER w, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn FROM t WINDOW w AS (ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING)',
    'SELECT * FROM (a JOIN b USING (x)) JOIN c ON TRUE',
    'SELECT * FROM f(r => TABLE t PARTITION BY (k1, k2) ORDER BY ts, n => 1)',
  ])('%s', (text) => roundTrips(text));
});

/** Every query inside the statements of a parsed script (top-level fields only). */
function queriesOf(value: unknown, out: Query[] = []): Query[] {
  if (Array.isArray(value)) for (const v of value) queriesOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if ((key === 'query' || key === 'asQuery') && v && typeof v === 'object' && 'kind' in v) out.push(v as Query);
      else if (key === 'statements') queriesOf(v, out);
    }
  }
  return out;
}

describe.skipIf(corpusAbsent)(
  `printQuery round trip over the corpus queries${corpusAbsent ? ' (skipped: ../shared not present)' : ''}`,
  () => {
    test('every query of every cleanly parsed valid case prints to text that parses to the same tree', () => {
      const failures: string[] = [];
      let count = 0;
      for (const c of loadCorpus()) {
        if (c.expect !== 'valid') continue;
        const parsed = parseScript(c.text, { flinkVersion: CORPUS_FLINK_VERSION });
        if (parsed.issues.length > 0) continue;
        for (const query of queriesOf(parsed.statements)) {
          count++;
          const printed = printQuery(query);
          try {
            const again = q(printed);
            if (JSON.stringify(stripRanges(again)) !== JSON.stringify(stripRanges(query)))
              failures.push(`${c.id}: tree changed: ${printed}`);
          } catch (e) {
            failures.push(`${c.id}: ${(e as Error).message}: ${printed}`);
          }
        }
      }
      expect(count).toBeGreaterThan(100);
      expect(failures).toEqual([]);
    });
  },
);
