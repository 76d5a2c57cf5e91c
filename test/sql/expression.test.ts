import { describe, expect, test } from 'vitest';
import { tokenize } from '../../src/sql/lexer.js';
import type { Expression } from '../../src/sql/model/query.js';
import { Cursor, ParseError } from '../../src/sql/parser/cursor.js';
import { parseExpression } from '../../src/sql/parser/expression.js';
import { printExpression } from '../../src/sql/printer/query.js';
import { stripRanges } from '../support/strip-ranges.js';

function e(text: string): Expression {
  const c = new Cursor(tokenize(text).tokens, text, { flinkVersion: '2.0' });
  const expr = parseExpression(c);
  if (!c.atEnd()) throw new Error(`expression parse stopped at ${c.peek().start} (${c.peek().value}) in: ${text}`);
  return expr;
}

/** The tree as fully parenthesised text, to read precedence at a glance. */
function shape(x: Expression): string {
  switch (x.kind) {
    case 'binary':
      return `(${shape(x.left)} ${x.operator} ${shape(x.right)})`;
    case 'unary':
      return `(${x.operator} ${shape(x.operand)})`;
    case 'is':
      return `(${shape(x.operand)} IS${x.not ? ' NOT' : ''} ${x.test})`;
    case 'like':
      return `(${shape(x.operand)}${x.not ? ' NOT' : ''} ${x.operator} ${shape(x.pattern)})`;
    case 'between':
      return `(${shape(x.operand)} BETWEEN ${shape(x.low)} AND ${shape(x.high)})`;
    case 'in':
      return `(${shape(x.operand)}${x.not ? ' NOT' : ''} IN ${x.list ? x.list.map(shape).join(',') : 'query'})`;
    case 'parenthesized':
      return shape(x.expression);
    case 'index':
      return `${shape(x.base)}[${shape(x.index)}]`;
    case 'field':
      return `${shape(x.base)}.${x.field.value}`;
    default:
      return printExpression(x);
  }
}

function error(text: string): { message: string; at: string; hint?: string } {
  const c = new Cursor(tokenize(text).tokens, text, { flinkVersion: '2.0' });
  try {
    parseExpression(c);
    if (!c.atEnd()) c.expected(['the end of the expression']);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    return {
      message: err.message,
      at: text.slice(err.range.start, err.range.end),
      ...(err.hint ? { hint: err.hint } : {}),
    };
  }
  throw new Error(`expected a syntax error in: ${text}`);
}

describe('precedence', () => {
  test.each([
    ['a OR b AND c', '(a OR (b AND c))'],
    ['NOT a AND b', '((NOT a) AND b)'],
    ['NOT a = b', '(NOT (a = b))'],
    ['a = b OR c < d AND e <> f', '((a = b) OR ((c < d) AND (e <> f)))'],
    ['a + b * c - d', '((a + (b * c)) - d)'],
    ['a - b - c', '((a - b) - c)'],
    ['-a * b', '((- a) * b)'],
    ['a || b || c', '((a || b) || c)'],
    ['a + 1 > b * 2 AND c IS NULL', '(((a + 1) > (b * 2)) AND (c IS NULL))'],
    ['a BETWEEN 1 AND 2 AND b', '((a BETWEEN 1 AND 2) AND b)'],
    ["a NOT LIKE b || '%' OR c", "((a NOT LIKE (b || '%')) OR c)"],
    ['x NOT IN (1, 2) AND y IN (SELECT 1)', '((x NOT IN 1,2) AND (y IN query))'],
    ['-arr[1].f', '(- arr[1].f)'],
    ['(a + b) * c', '((a + b) * c)'],
    ['a % 2 = 0', '((a % 2) = 0)'],
    ['a IS NOT TRUE = b', '((a IS NOT TRUE) = b)'],
    ['a = b IS NULL', '((a = b) IS NULL)'],
    ["a = b LIKE 'x'", "(a = (b LIKE 'x'))"],
    ['x = y IN (1, 2)', '(x = (y IN 1,2))'],
    ['a BETWEEN 1 AND 2 = TRUE', '((a BETWEEN 1 AND 2) = TRUE)'],
    ["a LIKE b NOT LIKE 'y'", "(a LIKE (b NOT LIKE 'y'))"],
  ])('%s', (text, expected) => expect(shape(e(text))).toBe(expected));
});

describe('literals', () => {
  test('numbers, strings, adjacent strings across lines, binary, booleans, NULL', () => {
    expect(e('1.5e3')).toMatchObject({ kind: 'literal', literalKind: 'number', value: '1.5e3' });
    expect(e("'it''s'")).toMatchObject({ kind: 'literal', literalKind: 'string', value: "it's" });
    expect(e("'abc'\n'def'")).toMatchObject({ literalKind: 'string', value: 'abcdef' });
    expect(e("X'0aFF'")).toMatchObject({ literalKind: 'binary', value: '0aFF' });
    expect(e('TRUE')).toMatchObject({ literalKind: 'boolean', value: 'TRUE' });
    expect(e('unknown')).toMatchObject({ literalKind: 'unknown' });
    expect(e('NULL')).toMatchObject({ literalKind: 'null' });
  });

  test('adjacent strings on one line are an error, as in Calcite', () => {
    expect(error("'abc' 'def'")).toMatchObject({
      message: 'a string literal cannot continue on the same line',
      at: "'def'",
    });
  });

  test('typed literals', () => {
    expect(e("DATE '2024-01-01'")).toMatchObject({ kind: 'typedLiteral', type: 'DATE', value: '2024-01-01' });
    expect(e("TIMESTAMP '2024-01-01 10:00:00'")).toMatchObject({ kind: 'typedLiteral', type: 'TIMESTAMP' });
    expect(e("TIME '10:00:00'")).toMatchObject({ kind: 'typedLiteral', type: 'TIME' });
  });

  test('intervals, plural units, ranges and precisions', () => {
    expect(e("INTERVAL '10' MINUTES")).toMatchObject({ kind: 'interval', qualifier: { start: 'MINUTES' } });
    expect(e("INTERVAL '1 10:00' DAY TO MINUTE")).toMatchObject({ qualifier: { start: 'DAY', end: 'MINUTE' } });
    expect(e("INTERVAL -'2' DAY(3)")).toMatchObject({ sign: '-', qualifier: { start: 'DAY', startPrecision: 3 } });
    expect(e("INTERVAL '1.5' SECOND(2, 3)")).toMatchObject({
      qualifier: { startPrecision: 2, fractionalPrecision: 3 },
    });
    expect(e("INTERVAL '1 10:00:00.5' DAY(2) TO SECOND(3)")).toMatchObject({
      qualifier: { start: 'DAY', startPrecision: 2, end: 'SECOND', endPrecision: 3 },
    });
    expect(e('INTERVAL 3 DAYS')).toMatchObject({ kind: 'interval', value: { kind: 'literal', value: '3' } });
    expect(e('INTERVAL t.n MINUTE')).toMatchObject({ kind: 'interval', value: { kind: 'column' } });
    expect(error("INTERVAL '1' FORTNIGHT")).toMatchObject({ at: 'FORTNIGHT' });
  });
});

describe('predicates', () => {
  test('IS [NOT] DISTINCT FROM, SIMILAR TO, BETWEEN SYMMETRIC, ESCAPE, quantified comparisons', () => {
    expect(e('a IS NOT DISTINCT FROM b')).toMatchObject({ kind: 'distinctFrom', not: true });
    expect(e("a NOT SIMILAR TO '[a-z]+'")).toMatchObject({ kind: 'like', operator: 'SIMILAR TO', not: true });
    expect(e('a NOT BETWEEN SYMMETRIC 2 AND 1')).toMatchObject({ kind: 'between', not: true, symmetry: 'SYMMETRIC' });
    expect(e("a LIKE 'x!%' ESCAPE '!'")).toMatchObject({ kind: 'like', escape: { value: '!' } });
    expect(e('a > ALL (SELECT b FROM t)')).toMatchObject({
      kind: 'quantified',
      operator: '>',
      quantifier: 'ALL',
      query: { kind: 'select' },
    });
    expect(e('EXISTS (SELECT 1)')).toMatchObject({ kind: 'exists' });
    expect(e('j IS JSON OBJECT')).toMatchObject({ kind: 'is', test: 'JSON OBJECT' });
    expect(e('m IS NOT EMPTY')).toMatchObject({ kind: 'is', not: true, test: 'EMPTY' });
  });

  test('a parenthesised subquery inside a larger expression, and a set operation inside IN', () => {
    expect(shape(e('((SELECT 1) + 1)'))).toBe('((SELECT 1) + 1)');
    expect(e('a IN ((SELECT 1) UNION (SELECT 2))')).toMatchObject({ kind: 'in', query: { kind: 'setOperation' } });
    expect(e('a IN ((SELECT 1), 2)')).toMatchObject({ kind: 'in', list: [{ kind: 'subquery' }, { kind: 'literal' }] });
  });
});

describe('constructors, access and calls', () => {
  test('ROW, (a, b), ARRAY, MAP, element and field access', () => {
    expect(e('ROW(1, 2)')).toMatchObject({ kind: 'row', explicit: true, items: [{}, {}] });
    expect(e('(1, 2)')).toMatchObject({ kind: 'row', explicit: false });
    expect(e('ARRAY[1, 2]')).toMatchObject({ kind: 'collection', collection: 'ARRAY', items: [{}, {}] });
    expect(e('ARRAY(SELECT a FROM t)')).toMatchObject({ kind: 'collection', query: { kind: 'select' } });
    expect(e("MAP['k', 1]['k']")).toMatchObject({ kind: 'index', base: { kind: 'collection', collection: 'MAP' } });
    expect(e('t.col.field')).toMatchObject({
      kind: 'column',
      name: { parts: [{ value: 't' }, { value: 'col' }, { value: 'field' }] },
    });
    expect(e('f(x).field')).toMatchObject({ kind: 'field', base: { kind: 'call' }, field: { value: 'field' } });
    expect(e('(SELECT MAX(a) FROM t)')).toMatchObject({ kind: 'subquery' });
    expect(e('?')).toMatchObject({ kind: 'parameter' });
  });

  test('CASE in both forms, CAST and TRY_CAST', () => {
    expect(e("CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END")).toMatchObject({
      kind: 'case',
      operand: { kind: 'column' },
      whens: [{}, {}],
      else: {},
    });
    expect(e('CASE WHEN a > 1 THEN 1 END')).toMatchObject({ kind: 'case', whens: [{ when: { kind: 'binary' } }] });
    expect(e('CAST(a AS DECIMAL(10, 2))')).toMatchObject({
      kind: 'cast',
      function: 'CAST',
      type: { kind: 'atomic', name: 'DECIMAL', precision: 10, scale: 2 },
    });
    expect(e('TRY_CAST(a AS INT)')).toMatchObject({ kind: 'cast', function: 'TRY_CAST' });
  });

  test('function calls: qualified names, reserved names before `(`, COUNT(*), DISTINCT, FILTER, WITHIN GROUP, OVER, named args', () => {
    expect(e('cat.db.f(1)')).toMatchObject({ kind: 'call', name: { parts: [{}, {}, {}] } });
    expect(e('LEFT(s, 2)')).toMatchObject({ kind: 'call', name: { parts: [{ value: 'LEFT' }] } });
    expect(e('COUNT(*)')).toMatchObject({ kind: 'call', args: [{ kind: 'star' }] });
    expect(e('COUNT(DISTINCT a) FILTER (WHERE a > 0)')).toMatchObject({
      quantifier: 'DISTINCT',
      filter: { kind: 'binary' },
    });
    expect(e('PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x)')).toMatchObject({ withinGroup: [{}] });
    expect(e('LAST_VALUE(x) IGNORE NULLS OVER (ORDER BY ts)')).toMatchObject({
      nullTreatment: 'IGNORE NULLS',
      over: { orderBy: [{}] },
    });
    expect(e('f(a => 1, b => DEFAULT)')).toMatchObject({
      args: [{ kind: 'namedArgument', name: { value: 'a' } }, { value: { kind: 'default' } }],
    });
    expect(e('CURRENT_TIMESTAMP')).toMatchObject({ kind: 'call', parens: false });
    expect(e('PROCTIME()')).toMatchObject({ kind: 'call', parens: true, args: [] });
    expect(e('DESCRIPTOR(a, b)')).toMatchObject({ kind: 'call', args: [{}, {}] });
    expect(e('ML_PREDICT(TABLE t, MODEL cat.m, DESCRIPTOR(f))')).toMatchObject({
      args: [{ kind: 'tableArgument' }, { kind: 'model', name: { parts: [{}, {}] } }, { kind: 'call' }],
    });
    expect(e('model + 1')).toMatchObject({ kind: 'binary', left: { kind: 'column' } });
    expect(e("DATE('2024-01-01')")).toMatchObject({ kind: 'call', name: { parts: [{ value: 'DATE' }] } });
    expect(e('CONVERT(s USING utf8)')).toMatchObject({ kind: 'specialCall', name: 'CONVERT' });
    expect(e("TRANSLATE(s, 'a', 'b')")).toMatchObject({ kind: 'specialCall', name: 'TRANSLATE' });
  });

  test('special-syntax functions', () => {
    const parts = (text: string) => {
      const x = e(text);
      if (x.kind !== 'specialCall') throw new Error(`${text} is a ${x.kind}`);
      return x.parts.map((p) => (p.kind === 'keyword' ? p.text : p.kind === 'dataType' ? 'type' : 'expr'));
    };
    expect(parts('EXTRACT(DAY FROM ts)')).toEqual(['DAY', 'FROM', 'expr']);
    expect(parts("POSITION('a' IN s)")).toEqual(['expr', 'IN', 'expr']);
    expect(parts('SUBSTRING(s FROM 2 FOR 3)')).toEqual(['expr', 'FROM', 'expr', 'FOR', 'expr']);
    expect(parts('SUBSTRING(s, 2, 3)')).toEqual(['expr', ',', 'expr', ',', 'expr']);
    expect(parts("TRIM(BOTH 'x' FROM s)")).toEqual(['BOTH', 'expr', 'FROM', 'expr']);
    expect(parts('TRIM(LEADING FROM s)')).toEqual(['LEADING', 'FROM', 'expr']);
    expect(parts("OVERLAY(s PLACING 'x' FROM 2 FOR 1)")).toEqual([
      'expr',
      'PLACING',
      'expr',
      'FROM',
      'expr',
      'FOR',
      'expr',
    ]);
    expect(parts('FLOOR(ts TO HOUR)')).toEqual(['expr', 'TO', 'HOUR']);
    expect(parts('CEIL(ts TO WEEK(MONDAY))')).toEqual(['expr', 'TO', 'WEEK(MONDAY)']);
    expect(parts('SUBSTRING(s FROM 2, 3)')).toEqual(['expr', 'FROM', 'expr', ',', 'expr']);
    expect(e('FLOOR(x)')).toMatchObject({ kind: 'call' });
    expect(parts('TIMESTAMPDIFF(DAY, a, b)')).toEqual(['DAY', ',', 'expr', ',', 'expr']);
    expect(parts("JSON_VALUE(j, '$.a' RETURNING INT DEFAULT 0 ON EMPTY ERROR ON ERROR)")).toEqual([
      'expr',
      ',',
      'expr',
      'RETURNING',
      'type',
      'DEFAULT',
      'expr',
      'ON',
      'EMPTY',
      'ERROR',
      'ON',
      'ERROR',
    ]);
    expect(parts("JSON_VALUE(j, '$.a' RETURNING INT NULL ON EMPTY)")).toEqual([
      'expr',
      ',',
      'expr',
      'RETURNING',
      'type',
      'NULL',
      'ON',
      'EMPTY',
    ]);
    expect(parts("JSON_QUERY(j, '$.a' WITH CONDITIONAL ARRAY WRAPPER EMPTY ARRAY ON EMPTY)")).toEqual([
      'expr',
      ',',
      'expr',
      'WITH',
      'CONDITIONAL',
      'ARRAY',
      'WRAPPER',
      'EMPTY ARRAY',
      'ON',
      'EMPTY',
    ]);
    expect(parts("JSON_EXISTS(j, '$.a' FALSE ON ERROR)")).toEqual(['expr', ',', 'expr', 'FALSE', 'ON', 'ERROR']);
    expect(parts("JSON_OBJECT(KEY 'a' VALUE 1, 'b' VALUE j FORMAT JSON ABSENT ON NULL)")).toEqual([
      'KEY',
      'expr',
      'VALUE',
      'expr',
      ',',
      'expr',
      'VALUE',
      'expr',
      'FORMAT JSON',
      'ABSENT ON NULL',
    ]);
    expect(parts('JSON_ARRAY()')).toEqual([]);
    expect(parts('JSON_ARRAYAGG(x ORDER BY y NULL ON NULL)')).toEqual(['expr', 'ORDER BY', 'expr', 'NULL ON NULL']);
    expect(parts('JSON_OBJECTAGG(KEY k VALUE v)')).toEqual(['KEY', 'expr', 'VALUE', 'expr']);
  });
});

describe("errors in the user's words", () => {
  test.each([
    ['a +', 'expected an expression after `+`, found the end of the script', ''],
    ['CAST(a INT)', 'expected `AS` after the value of CAST, found `INT`', 'INT'],
    ['CASE WHEN a THEN 1', 'expected `WHEN`, `ELSE` or `END` after the CASE branch, found the end of the script', ''],
    ['f(a, b', 'expected `,` or `)` after an argument of `f`, found the end of the script', ''],
    ['a BETWEEN 1 OR 2', 'expected `AND` after the lower bound of BETWEEN, found `OR`', 'OR'],
    [
      'a IS MAYBE',
      'expected `NULL`, `TRUE`, `FALSE`, `UNKNOWN`, `DISTINCT FROM` or `JSON` after `IS`, found `MAYBE`',
      'MAYBE',
    ],
    ['SELECT', 'expected an expression, found the reserved word `SELECT`', 'SELECT'],
    ['EXTRACT(FROM ts)', 'expected a time unit (`DAY`, `HOUR`, `MINUTE` …) after `EXTRACT(`, found `FROM`', 'FROM'],
    ['a != b', '`!=` is not allowed in Flink SQL', '!='],
    ["INTERVAL '1' DAY TO MONTH", 'expected `HOUR`, `MINUTE` or `SECOND` after `DAY TO`, found `MONTH`', 'MONTH'],
    ['INTERVAL f(x) DAY', 'expected a number or a column after `INTERVAL`', 'f(x)'],
  ])('%s', (text, message, at) => {
    expect(error(text)).toMatchObject({ message, at });
  });

  test('`!=` gets the fix', () => {
    expect(error('a != b').hint).toBe('write `<>` for "not equal"');
  });

  test('double quotes get a hint about Flink quoting', () => {
    expect(error('a = "x"').hint).toContain("single quotes ('text')");
  });
});

describe('printExpression round trip', () => {
  test.each([
    'a OR b AND NOT c = d',
    '-(-1) - -2 + +3',
    "a || 'x' * 2 % 3 / 4",
    "CASE WHEN a IS NOT NULL THEN CAST(a AS VARCHAR(10)) ELSE 'none' END",
    'x NOT IN (1, 2) AND y = ANY (SELECT 1) AND EXISTS (SELECT 2)',
    "INTERVAL '1 10:00' DAY(2) TO MINUTE + INTERVAL -'1' SECOND(3, 6)",
    "DATE '2024-01-01' < CURRENT_DATE",
    "MAP['a', ARRAY[1, 2]]['a'][1].f",
    "JSON_VALUE(j, '$.a' RETURNING INT NULL ON EMPTY DEFAULT 0 ON ERROR)",
    "JSON_OBJECT(KEY 'a' VALUE 1, 'b' : 2 NULL ON NULL)",
    "TRIM(TRAILING 'x' FROM s) || SUBSTRING(s FROM 1 FOR 2) || OVERLAY(s PLACING 'y' FROM 1)",
    'COUNT(DISTINCT a) FILTER (WHERE a > 0) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)',
    'ROW(1, (2, 3), `select`.`from`)',
    "U&'\\0041' || N'abc' || X'00ff'",
    'TIMESTAMPADD(HOUR, 1, ts) BETWEEN ASYMMETRIC a AND b',
    'SUM(x) OVER (ORDER BY ts ROWS 2 PRECEDING DISALLOW PARTIAL) + INTERVAL (n * 2) DAY',
    'm IS NOT EMPTY OR m IS A SET',
    "a = b LIKE 'x' AND (a = b) LIKE 'y' AND a = b IS NOT NULL",
  ])('%s', (text) => {
    const first = e(text);
    const printed = printExpression(first);
    expect(stripRanges(e(printed)), printed).toEqual(stripRanges(first));
  });
});
