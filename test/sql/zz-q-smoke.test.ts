import { test } from 'vitest';
import { tokenize } from '../../src/sql/lexer.js';
import { Cursor } from '../../src/sql/parser/cursor.js';
import { parseQuery } from '../../src/sql/parser/query.js';
const qs = [
  "SELECT a, b AS x, t.* FROM db.t AS t WHERE a > 1 AND b LIKE 'x%' GROUP BY a HAVING COUNT(*) > 1",
  "SELECT * FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))",
  "SELECT o.id, r.rate FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.c = r.c",
  "WITH x (a) AS (SELECT 1) SELECT * FROM x UNION ALL SELECT 2 ORDER BY 1 LIMIT 3",
  "SELECT * FROM Ticker MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY rowtime MEASURES FIRST(A.price) AS s, LAST(B.price) AS e ONE ROW PER MATCH AFTER MATCH SKIP PAST LAST ROW PATTERN (A B+? C{2,}) DEFINE A AS A.price > 10) AS T",
  "SELECT CAST(a AS INT), EXTRACT(DAY FROM ts), TRIM(BOTH ' ' FROM s), JSON_VALUE(j, '$.a' RETURNING INT NULL ON EMPTY), ROW_NUMBER() OVER (PARTITION BY a ORDER BY b DESC) FROM t",
];
test('smoke', () => {
  for (const q of qs) {
    const c = new Cursor(tokenize(q).tokens, q, { flinkVersion: '1.20' });
    try { const r = parseQuery(c); console.log(r.kind, c.peek().kind); } catch (e: any) { console.log('ERR', q, e.message, e.range); }
  }
});
