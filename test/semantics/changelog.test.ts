import { describe, expect, test } from 'vitest';
import type { SourceChangelog } from '../../src/connectors/changelog.js';
import { changelogOf, type Changelog, type ChangelogEnvironment } from '../../src/semantics/changelog.js';
import { buildSqlUnits } from '../../src/sql/build-units.js';
import type { Query } from '../../src/sql/model/query.js';

/**
 * A hand-built world: tables by name with their mode, time attributes by column name (`ts` a
 * rowtime, `pt` a proctime, `mystery` unknown, anything else none).
 */
const SOURCES: Record<string, SourceChangelog> = {
  clicks: 'insert-only',
  orders: 'insert-only',
  cdc_users: 'updating',
  lake: 'unknown',
};

function infer(sql: string, views: Record<string, string> = {}): Changelog {
  const { units } = buildSqlUnits([{ file: 'q.sql', text: sql }], { flinkVersion: '1.20' });
  const unit = units[0]!;
  expect(unit.parsed.issues).toEqual([]);
  const statement = unit.parsed.statements[0]!;
  if (statement.kind !== 'query') throw new Error('fixture: a query');
  const env: ChangelogEnvironment = {
    table(name) {
      const key = name.parts.map((p) => p.value).join('.');
      const view = views[key];
      if (view !== undefined) {
        const parsed = buildSqlUnits([{ file: 'v.sql', text: view }], { flinkVersion: '1.20' }).units[0]!;
        const q = parsed.parsed.statements[0]!;
        return { kind: 'view', query: (q as { query: Query }).query, unit: parsed };
      }
      const mode = SOURCES[key];
      return mode
        ? { kind: 'source', mode, connector: mode === 'updating' ? 'mysql-cdc' : 'kafka' }
        : { kind: 'unknown' };
    },
    timeAttribute(_select, ref) {
      const name = ref.name.parts[ref.name.parts.length - 1]!.value;
      if (name === 'mystery') return undefined;
      return name === 'ts' ? 'rowtime' : name === 'pt' ? 'proctime' : 'none';
    },
  };
  return changelogOf(statement.query, unit, env);
}

const producedBy = (sql: string, c: Changelog) => {
  if (c.kind !== 'updating') throw new Error(`expected updates, got ${c.kind}`);
  return {
    operator: c.producer.operator,
    text: sql.slice(c.producer.range.start, c.producer.range.end),
    deletes: c.deletes,
  };
};

describe('changelog inference', () => {
  test('a regular GROUP BY updates, and names the GROUP BY as the producer', () => {
    const sql = 'SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id';
    expect(producedBy(sql, infer(sql))).toEqual({
      operator: 'GROUP BY aggregation',
      text: 'GROUP BY user_id',
      deletes: false,
    });
  });

  test('an aggregate over an updating source also deletes', () => {
    const sql = 'SELECT user_id, COUNT(*) FROM cdc_users GROUP BY user_id';
    expect(producedBy(sql, infer(sql)).deletes).toBe(true);
  });

  test('a global aggregate and SELECT DISTINCT update', () => {
    const sql = 'SELECT COUNT(*) FROM clicks';
    expect(producedBy(sql, infer(sql)).text).toBe('COUNT(*)');
    const distinct = 'SELECT DISTINCT user_id FROM clicks';
    expect(producedBy(distinct, infer(distinct))).toMatchObject({
      operator: 'SELECT DISTINCT',
      text: 'SELECT DISTINCT',
    });
  });

  test('window TVF aggregations and legacy group windows insert only, even over a CDC source', () => {
    expect(
      infer(
        "SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end",
      ),
    ).toEqual({ kind: 'insert-only' });
    expect(infer("SELECT COUNT(*) FROM clicks GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), user_id")).toEqual({
      kind: 'insert-only',
    });
  });

  test('a CDC source updates as soon as it is read, through a view', () => {
    const sql = 'SELECT * FROM v';
    const c = infer(sql, { v: 'SELECT id, name FROM cdc_users WHERE id > 0' });
    expect(c).toMatchObject({
      kind: 'updating',
      deletes: true,
      producer: { operator: 'mysql-cdc source `cdc_users`' },
    });
  });

  test('plain projections, filters, UNION ALL and inner joins of insert-only inputs insert only', () => {
    expect(infer('SELECT a, b FROM clicks WHERE a > 1')).toEqual({ kind: 'insert-only' });
    expect(infer('SELECT a FROM clicks UNION ALL SELECT a FROM orders')).toEqual({ kind: 'insert-only' });
    expect(infer('SELECT * FROM clicks c JOIN orders o ON c.a = o.a')).toEqual({ kind: 'insert-only' });
  });

  test('an inner join passes on an updating side', () => {
    const sql = 'SELECT * FROM clicks c JOIN cdc_users u ON c.a = u.a';
    expect(producedBy(sql, infer(sql)).text).toBe('cdc_users');
  });

  test('a regular LEFT JOIN retracts; interval, window, temporal and lookup joins do not', () => {
    const sql = 'SELECT * FROM clicks c LEFT JOIN orders o ON c.a = o.a';
    expect(producedBy(sql, infer(sql)).text).toBe('LEFT JOIN');
    expect(
      infer(
        "SELECT * FROM clicks c LEFT JOIN orders o ON c.a = o.a AND o.ts BETWEEN c.ts - INTERVAL '1' HOUR AND c.ts",
      ),
    ).toEqual({ kind: 'insert-only' });
    expect(
      infer(
        'SELECT * FROM clicks c LEFT JOIN orders o ON c.window_start = o.window_start AND c.window_end = o.window_end',
      ),
    ).toEqual({ kind: 'insert-only' });
    expect(infer('SELECT * FROM clicks c LEFT JOIN cdc_users FOR SYSTEM_TIME AS OF c.ts AS u ON c.a = u.a')).toEqual({
      kind: 'insert-only',
    });
    expect(infer('SELECT * FROM clicks c JOIN cdc_users FOR SYSTEM_TIME AS OF c.pt AS u ON c.a = u.a')).toEqual({
      kind: 'insert-only',
    });
  });

  test('an outer join with a range condition on plain columns is a regular join; on unknown columns nothing is said', () => {
    const sql = 'SELECT * FROM clicks c LEFT JOIN orders o ON c.a = o.a AND o.plain_ts > c.plain_ts';
    expect(producedBy(sql, infer(sql)).text).toBe('LEFT JOIN');
    expect(infer('SELECT * FROM clicks c LEFT JOIN orders o ON c.a = o.a AND o.mystery > c.mystery')).toEqual({
      kind: 'unknown',
    });
  });

  test('ROW_NUMBER deduplication keeping the first row on processing time inserts only', () => {
    expect(
      infer(
        'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY pt ASC) AS rn FROM clicks) WHERE rn = 1',
      ),
    ).toEqual({ kind: 'insert-only' });
  });

  test('deduplication keeping the last row, on rowtime, and Top-N update, naming the ROW_NUMBER call', () => {
    const last =
      'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY pt DESC) AS rn FROM clicks) WHERE rn = 1';
    expect(producedBy(last, infer(last))).toMatchObject({
      operator: expect.stringContaining('last row'),
      text: 'ROW_NUMBER() OVER (PARTITION BY id ORDER BY pt DESC)',
    });
    const rowtime =
      'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts) AS rn FROM clicks) WHERE rn = 1';
    expect(producedBy(rowtime, infer(rowtime)).operator).toContain('event time');
    const topN =
      'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY score DESC) AS rn FROM clicks) WHERE rn <= 3';
    expect(producedBy(topN, infer(topN)).operator).toContain('Top-N');
    const proctimeTop3 =
      'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY pt) AS rn FROM clicks) WHERE rn <= 3';
    expect(producedBy(proctimeTop3, infer(proctimeTop3)).operator).toContain('Top-N');
  });

  test('a window Top-N inserts only; a ROW_NUMBER on an unknown column says nothing', () => {
    expect(
      infer(
        'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY score DESC) AS rn FROM clicks) WHERE rn <= 3',
      ),
    ).toEqual({ kind: 'insert-only' });
    expect(
      infer(
        'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY mystery) AS rn FROM clicks) WHERE rn = 1',
      ),
    ).toEqual({ kind: 'unknown' });
  });

  test('an OVER aggregate, an interval join or a window Top-N over updates is refused, naming both operators', () => {
    const over =
      "SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) FROM cdc_users";
    const c = infer(over);
    if (c.kind !== 'refused') throw new Error(`expected refused, got ${c.kind}`);
    expect(c.consumer.operator).toBe('OVER aggregation');
    expect(over.slice(c.consumer.range.start, c.consumer.range.end)).toMatch(/^SUM\(b\) OVER/);
    expect(c.producer.operator).toBe('mysql-cdc source `cdc_users`');
    expect(
      infer(
        "SELECT * FROM clicks c LEFT JOIN cdc_users u ON c.a = u.a AND u.ts BETWEEN c.ts - INTERVAL '1' HOUR AND c.ts",
      ),
    ).toMatchObject({ kind: 'refused', consumer: { operator: 'interval join' } });
    expect(
      infer(
        'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY score DESC) AS rn FROM cdc_users) WHERE rn <= 3',
      ),
    ).toMatchObject({ kind: 'refused' });
    // A refusal below an aggregation stays the answer.
    expect(infer(`SELECT a, COUNT(*) FROM (${over}) GROUP BY a`)).toMatchObject({ kind: 'refused' });
  });

  test('proctime first-row deduplication over updates names the updating source', () => {
    const sql =
      'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY pt) AS rn FROM cdc_users) WHERE rn = 1';
    expect(producedBy(sql, infer(sql)).text).toBe('cdc_users');
  });

  test('OVER aggregates and MATCH_RECOGNIZE insert only', () => {
    expect(
      infer(
        "SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) FROM clicks",
      ),
    ).toEqual({ kind: 'insert-only' });
  });

  test('anything over an opaque table is unknown, whatever the operator', () => {
    expect(infer('SELECT a, COUNT(*) FROM lake GROUP BY a')).toEqual({ kind: 'unknown' });
    expect(infer('SELECT * FROM nowhere')).toEqual({ kind: 'unknown' });
  });

  test('UNION, NOT EXISTS and ORDER BY … LIMIT update; LIMIT alone does not', () => {
    const union = 'SELECT a FROM clicks UNION SELECT a FROM orders';
    expect(producedBy(union, infer(union)).text).toBe('UNION');
    const anti = 'SELECT a FROM clicks c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.a = c.a)';
    expect(producedBy(anti, infer(anti)).operator).toContain('anti join');
    const sorted = 'SELECT a FROM clicks ORDER BY a LIMIT 10';
    expect(producedBy(sorted, infer(sorted)).text).toBe('ORDER BY a LIMIT 10');
    expect(infer('SELECT a FROM clicks LIMIT 10')).toEqual({ kind: 'insert-only' });
  });

  test('CTEs are read like views', () => {
    const sql = 'WITH agg AS (SELECT a, COUNT(*) AS n FROM clicks GROUP BY a) SELECT * FROM agg WHERE n > 1';
    expect(producedBy(sql, infer(sql)).text).toBe('GROUP BY a');
  });
});
