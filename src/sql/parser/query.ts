/**
 * Queries: WITH, SELECT, VALUES, set operations (INTERSECT binds tighter than UNION and
 * EXCEPT), ORDER BY / LIMIT / OFFSET / FETCH, FROM with joins, table functions, window
 * TVFs, UNNEST, temporal joins and MATCH_RECOGNIZE. Stops at the first token it cannot
 * continue with (`;`, `)`, `END` …) and leaves it to the caller.
 */
import type { Identifier } from '../model/common.js';
import type {
  CommonTableExpression,
  Expression,
  GroupBy,
  GroupItem,
  Hint,
  HintOption,
  HintValue,
  MatchRecognizeRef,
  NamedWindow,
  OrderItem,
  OrderedQuery,
  Pattern,
  Query,
  SelectItem,
  SelectQuery,
  TableAlias,
  TableRef,
  ValuesQuery,
} from '../model/query.js';
import type { Token } from '../lexer.js';
import { excerpt, quote } from '../../text/quote.js';
import type { Range } from '../../text/source.js';
import type { Cursor } from './cursor.js';
import { nested } from './depth.js';
import { parseExpression, parseExpressionList, parseWindowSpec } from './expression.js';

const QUERY_KEYWORDS = ['SELECT', 'WITH', 'VALUES'];
const SET_OPERATORS = ['UNION', 'EXCEPT', 'MINUS'];

/** True when the token n ahead starts a query: SELECT, WITH, VALUES, or `(` (at any depth) before one of them. */
export function isQueryStart(c: Cursor, n = 0): boolean {
  let i = n;
  while (c.isOp('(', i)) i++;
  return c.isAnyKeyword(QUERY_KEYWORDS, i) || (i === n && c.isKeyword('TABLE', i) && c.isIdentifier(i + 1));
}

export function parseQuery(c: Cursor): Query {
  return nested(c, () => (c.isKeyword('WITH') ? parseWith(c) : parseOrderedTail(c, parseUnionLevel(c))));
}

/** Goes on with a query whose first operand was already read (a parenthesised subquery met in expression context). */
export function continueQueryAfter(c: Cursor, first: Query): Query {
  return parseOrderedTail(c, parseUnionLevel(c, first));
}

function parseWith(c: Cursor): Query {
  const start = c.next();
  const recursive = c.acceptKeyword('RECURSIVE');
  const ctes: CommonTableExpression[] = [];
  do {
    const name = c.identifier('a name for the WITH query');
    let columns: Identifier[] | undefined;
    if (c.isOp('(')) columns = parseIdentifierList(c, 'a column name');
    if (!c.isKeyword('AS')) c.expected(['`AS`'], `\`${name.value}\``);
    c.next();
    if (!c.isOp('(')) c.expected(['`(`'], '`AS`');
    c.next();
    const query = parseQuery(c);
    c.expectOp(')', `the query of \`${name.value}\``);
    ctes.push({ name, ...(columns ? { columns } : {}), query, range: c.rangeFrom(name) });
  } while (c.acceptOp(','));
  if (!isQueryStart(c)) c.expected(['`,`', '`SELECT`'], 'the WITH list');
  const body = parseQuery(c);
  return { kind: 'with', recursive, ctes, body, range: c.rangeFrom(start) };
}

function parseUnionLevel(c: Cursor, first?: Query): Query {
  let left = parseIntersectLevel(c, first);
  while (c.isAnyKeyword(SET_OPERATORS)) {
    if (c.isKeyword('MINUS')) {
      // Flink's SQL conformance rejects MINUS while parsing.
      c.fail('`MINUS` is not allowed in Flink SQL', c.peek(), 'write `EXCEPT` instead');
    }
    const operator = c.next().upper as 'UNION';
    const quantifier = c.isAnyKeyword(['ALL', 'DISTINCT']) ? (c.next().upper as 'ALL') : undefined;
    const right = parseIntersectLevel(c);
    left = {
      kind: 'setOperation',
      operator,
      ...(quantifier ? { quantifier } : {}),
      left,
      right,
      range: c.rangeFrom(left),
    };
  }
  return left;
}

function parseIntersectLevel(c: Cursor, first?: Query): Query {
  let left = first ?? parseLeafQuery(c);
  while (c.isKeyword('INTERSECT')) {
    c.next();
    const quantifier = c.isAnyKeyword(['ALL', 'DISTINCT']) ? (c.next().upper as 'ALL') : undefined;
    const right = parseLeafQuery(c);
    left = {
      kind: 'setOperation',
      operator: 'INTERSECT',
      ...(quantifier ? { quantifier } : {}),
      left,
      right,
      range: c.rangeFrom(left),
    };
  }
  return left;
}

function parseLeafQuery(c: Cursor): Query {
  const t = c.peek();
  if (c.isKeyword('SELECT')) return parseSelect(c);
  if (c.isKeyword('VALUES')) return parseValues(c);
  if (c.isKeyword('TABLE') && c.isIdentifier(1)) {
    c.next();
    const name = c.qualifiedName('a table name');
    return { kind: 'explicitTable', name, range: c.rangeFrom(t) };
  }
  if (c.isOp('(')) {
    c.next();
    const query = parseQuery(c);
    c.expectOp(')', 'the query in parentheses');
    return { kind: 'parenthesized', query, range: c.rangeFrom(t) };
  }
  return c.expected(['`SELECT`', '`VALUES`', '`WITH`', '`(`']);
}

/** LIMIT, OFFSET and FETCH take a plain row count (or a `?` parameter), not an expression. */
function parseRowCount(c: Cursor, clause: string): Expression {
  const t = c.peek();
  if (t.kind === 'number' && /^\d+$/.test(t.value)) {
    c.next();
    return { kind: 'literal', literalKind: 'number', value: t.value, range: { start: t.start, end: t.end } };
  }
  if (c.isOp('?')) {
    c.next();
    return { kind: 'parameter', range: { start: t.start, end: t.end } };
  }
  return c.expected(['a row count (a whole number)'], clause);
}

function parseOrderedTail(c: Cursor, query: Query): Query {
  const ordered: OrderedQuery = { kind: 'ordered', query, orderBy: [], range: query.range };
  if (c.acceptKeyword('ORDER', 'BY')) ordered.orderBy = parseOrderItems(c);
  if (c.acceptKeyword('LIMIT')) {
    ordered.limit = c.acceptKeyword('ALL') ? 'ALL' : parseRowCount(c, '`LIMIT`');
    if (c.isOp(','))
      c.fail('`LIMIT offset, count` is not allowed in Flink SQL', c.peek(), 'write `LIMIT count OFFSET offset`');
  }
  if (c.acceptKeyword('OFFSET')) {
    ordered.offset = parseRowCount(c, '`OFFSET`');
    if (!c.acceptKeyword('ROWS')) c.acceptKeyword('ROW');
    if (ordered.limit === undefined && c.isKeyword('LIMIT')) {
      c.fail(
        '`OFFSET` before `LIMIT` is not allowed in Flink SQL',
        c.peek(),
        'write `LIMIT count OFFSET offset`, or `OFFSET n ROWS FETCH NEXT count ROWS ONLY`',
      );
    }
  }
  if (ordered.limit === undefined && c.isKeyword('FETCH')) {
    c.next();
    if (!c.isAnyKeyword(['FIRST', 'NEXT'])) c.expected(['`FIRST`', '`NEXT`'], '`FETCH`');
    c.next();
    ordered.fetch = parseRowCount(c, '`FETCH ' + c.previous.upper + '`');
    if (!c.isAnyKeyword(['ROWS', 'ROW'])) c.expected(['`ROWS`'], 'the row count of FETCH');
    c.next();
    c.expectKeyword('ONLY');
  }
  if (
    ordered.orderBy.length === 0 &&
    ordered.limit === undefined &&
    ordered.offset === undefined &&
    ordered.fetch === undefined
  )
    return query;
  ordered.range = c.rangeFrom(query);
  return ordered;
}

export function parseOrderItems(c: Cursor, options: { single?: boolean } = {}): OrderItem[] {
  const items: OrderItem[] = [];
  do {
    const expression = parseExpression(c);
    const item: OrderItem = { expression, range: expression.range };
    if (c.isAnyKeyword(['ASC', 'DESC'])) item.direction = c.next().upper as 'ASC';
    if (c.acceptKeyword('NULLS')) {
      if (!c.isAnyKeyword(['FIRST', 'LAST'])) c.expected(['`FIRST`', '`LAST`'], '`NULLS`');
      item.nulls = c.next().upper as 'FIRST';
    }
    item.range = c.rangeFrom(expression);
    items.push(item);
  } while (!options.single && c.acceptOp(','));
  return items;
}

function parseValues(c: Cursor): ValuesQuery {
  const start = c.next();
  const rows: ValuesQuery['rows'] = [];
  do {
    const e = parseExpression(c);
    const values = e.kind === 'row' ? e.items : e.kind === 'parenthesized' ? [e.expression] : [e];
    rows.push({ values, range: e.range });
  } while (c.acceptOp(','));
  return { kind: 'values', rows, range: c.rangeFrom(start) };
}

// ---------------------------------------------------------------------------------------
// SELECT

function parseSelect(c: Cursor): SelectQuery {
  const start = c.next();
  const select: SelectQuery = {
    kind: 'select',
    hints: parseTableHints(c),
    items: [],
    windows: [],
    range: { start: start.start, end: start.end },
  };
  if (c.isAnyKeyword(['DISTINCT', 'ALL'])) select.quantifier = c.next().upper as 'DISTINCT';
  do select.items.push(parseSelectItem(c));
  while (c.acceptOp(','));
  if (c.acceptKeyword('FROM')) select.from = parseFrom(c);
  if (c.acceptKeyword('WHERE')) select.where = parseExpression(c);
  if (c.isKeywords('GROUP', 'BY')) select.groupBy = parseGroupBy(c);
  if (c.acceptKeyword('HAVING')) select.having = parseExpression(c);
  if (c.acceptKeyword('WINDOW')) {
    do select.windows.push(parseNamedWindow(c));
    while (c.acceptOp(','));
  }
  if (c.acceptKeyword('QUALIFY')) select.qualify = parseExpression(c);
  select.range = c.rangeFrom(start);
  if (c.isIdentifier() || c.peek().kind === 'string' || c.peek().kind === 'number') {
    // Something that can only continue a clause: the user most likely forgot a comma or a keyword.
    c.expected(['`,`', '`FROM`', '`WHERE`', '`GROUP BY`', '`ORDER BY`', 'the end of the query']);
  }
  return select;
}

function parseSelectItem(c: Cursor): SelectItem {
  const t = c.peek();
  if (c.isOp('*')) {
    c.next();
    return {
      expression: { kind: 'star', range: { start: t.start, end: t.end } },
      range: { start: t.start, end: t.end },
    };
  }
  if (c.isKeyword('FROM') || c.atEnd() || c.isOp(')') || c.isOp(';')) c.expected(['a column or expression']);
  const expression = parseExpression(c);
  const bare = !c.isKeyword('AS');
  const alias = parseAlias(c);
  // `a b.c` or `a f(x)`: what looked like a bare alias continues as a column or a call, so
  // the user most likely left out the comma between two items.
  if (alias && bare && (c.isOp('.') || c.isOp('('))) {
    c.fail(
      `a comma is likely missing after ${quote(c.text.slice(expression.range.start, expression.range.end))}: \`${alias.value}\` reads as its alias, and the \`${c.peek().value}\` after it then makes no sense`,
      { start: alias.range.start, end: alias.range.end },
      `separate the items of the SELECT list with commas: \`${excerptPair(c, expression, alias)}\``,
    );
  }
  return { expression, ...(alias ? { alias } : {}), range: c.rangeFrom(expression) };
}

/** `a, b…`: the two items as the user would write them with the comma. */
function excerptPair(c: Cursor, expression: { range: Range }, alias: Identifier): string {
  return `${excerpt(c.text.slice(expression.range.start, expression.range.end), 40)}, ${alias.value}…`;
}

/** `[AS] alias`; a bare alias must be a non-reserved word. */
function parseAlias(c: Cursor): Identifier | undefined {
  if (c.acceptKeyword('AS')) return c.identifier('an alias after `AS`');
  if (c.isIdentifier() && !c.isKeyword('QUALIFY')) return c.identifier();
  return undefined;
}

function parseGroupBy(c: Cursor): GroupBy {
  const start = c.next();
  c.next();
  const group: GroupBy = { items: [], range: { start: start.start, end: start.end } };
  if (c.isAnyKeyword(['ALL', 'DISTINCT'])) group.quantifier = c.next().upper as 'ALL';
  if (
    group.quantifier === 'ALL' &&
    (c.atEnd() ||
      c.isOp(';') ||
      c.isOp(')') ||
      c.isAnyKeyword(['HAVING', 'WINDOW', 'QUALIFY', 'ORDER', 'LIMIT', 'UNION', 'EXCEPT', 'INTERSECT']))
  ) {
    c.fail(
      '`GROUP BY ALL` needs the grouping columns in Flink (up to 2.2)',
      c.previous,
      'list the columns to group by: GROUP BY a, b',
    );
  }
  group.items = parseGroupItems(c);
  group.range = c.rangeFrom(start);
  return group;
}

function parseGroupItems(c: Cursor): GroupItem[] {
  const items: GroupItem[] = [];
  do items.push(parseGroupItem(c));
  while (c.acceptOp(','));
  return items;
}

function parseGroupItem(c: Cursor): GroupItem {
  const t = c.peek();
  if (c.isKeywords('GROUPING', 'SETS')) {
    c.pos += 2;
    c.expectOp('(', '`GROUPING SETS`');
    const items = parseGroupItems(c);
    c.expectOp(')', 'the grouping sets');
    return { kind: 'groupingSets', items, range: c.rangeFrom(t) };
  }
  if (c.isAnyKeyword(['ROLLUP', 'CUBE']) && c.isOp('(', 1)) {
    const kind = c.next().upper === 'ROLLUP' ? 'rollup' : 'cube';
    c.next();
    const items = parseGroupItems(c);
    c.expectOp(')', `the ${kind.toUpperCase()} list`);
    return { kind, items, range: c.rangeFrom(t) };
  }
  if (c.isOp('(') && c.isOp(')', 1)) {
    c.pos += 2;
    return { kind: 'row', explicit: false, items: [], range: c.rangeFrom(t) };
  }
  return parseExpression(c);
}

function parseNamedWindow(c: Cursor): NamedWindow {
  const name = c.identifier('a window name');
  if (!c.isKeyword('AS')) c.expected(['`AS`'], `window \`${name.value}\``);
  c.next();
  const spec = parseWindowSpec(c);
  return { name, spec, range: c.rangeFrom(name) };
}

// ---------------------------------------------------------------------------------------
// Hints

/** `/*+ NAME(options), ... *\/` after SELECT or a table name; [] when there is none. */
export function parseTableHints(c: Cursor): Hint[] {
  const hints: Hint[] = [];
  while (c.isOp('/*+')) {
    c.next();
    do {
      const name = c.identifier('a hint name', { allowReserved: true });
      const hint: Hint = { name, range: name.range };
      if (c.acceptOp('(')) {
        hint.options = [];
        if (!c.isOp(')')) {
          do hint.options.push(parseHintOption(c));
          while (c.acceptOp(','));
        }
        c.expectOp(')', `the options of hint \`${name.value}\``);
      }
      hint.range = c.rangeFrom(name);
      hints.push(hint);
    } while (c.acceptOp(','));
    if (!c.isOp('*/')) c.expected(['`,`', '`*/`'], 'the hint');
    c.next();
  }
  return hints;
}

function parseHintValue(c: Cursor): HintValue {
  const t = c.peek();
  if (t.kind === 'string') {
    c.next();
    return { form: 'string', text: t.value, range: { start: t.start, end: t.end } };
  }
  if (t.kind === 'number') {
    c.next();
    return { form: 'number', text: t.value, range: { start: t.start, end: t.end } };
  }
  const id = c.identifier('a hint option', { allowReserved: true });
  return { form: 'identifier', text: id.value, range: id.range };
}

function parseHintOption(c: Cursor): HintOption {
  const first = parseHintValue(c);
  if (c.acceptOp('=')) {
    if (first.form === 'number') c.fail('a hint option key must be a name or a quoted string', first.range);
    const v = c.peek();
    // Calcite's key-value hint options take string values only: OPTIONS('k' = 'v').
    if (v.kind !== 'string') c.expected(["a quoted value such as 'earliest-offset'"], '`=`');
    const value = parseHintValue(c);
    return { key: first, value, range: c.rangeFrom(first) };
  }
  return { value: first, range: first.range };
}

// ---------------------------------------------------------------------------------------
// FROM

const JOIN_STARTS = ['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL'];

/** FROM items and joins; comma joins only at the top level of FROM, as in Calcite (`FROM a CROSS JOIN (b, c)` is an error). */
function parseFrom(c: Cursor, options: { comma: boolean } = { comma: true }): TableRef {
  let left = parseTableRef(c);
  for (;;) {
    const t = c.peek();
    if (options.comma && c.acceptOp(',')) {
      const right = parseTableRef(c);
      left = { kind: 'join', joinType: 'COMMA', natural: false, left, right, range: c.rangeFrom(left) };
      continue;
    }
    if (!c.isAnyKeyword(JOIN_STARTS)) return left;
    const natural = c.acceptKeyword('NATURAL');
    let joinType = 'INNER' as 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';
    if (c.isAnyKeyword(['LEFT', 'RIGHT', 'FULL'])) {
      joinType = c.next().upper as 'LEFT';
      c.acceptKeyword('OUTER');
    } else if (c.isAnyKeyword(['INNER', 'CROSS'])) joinType = c.next().upper as 'INNER' | 'CROSS';
    if (!c.isKeyword('JOIN')) c.expected(['`JOIN`'], t.kind === 'ident' ? `\`${t.value}\`` : undefined);
    c.next();
    const right = parseTableRef(c);
    const join: TableRef = { kind: 'join', joinType, natural, left, right, range: left.range };
    if (joinType !== 'CROSS' && !natural) {
      if (c.acceptKeyword('ON')) join.on = parseExpression(c);
      else if (c.acceptKeyword('USING')) join.using = parseIdentifierList(c, 'a column name');
      // Calcite requires a condition for every join but CROSS and NATURAL ones.
      else c.expected(['`ON`', '`USING`'], 'the joined table');
    }
    join.range = c.rangeFrom(left);
    left = join;
  }
}

function parseTableRef(c: Cursor): TableRef {
  const t = c.peek();
  let ref: TableRef;
  const lateral = c.acceptKeyword('LATERAL');
  if (c.isKeyword('TABLE') && c.isOp('(', 1)) {
    c.pos += 2;
    const call = parseExpression(c);
    if (call.kind !== 'call')
      c.fail(
        'expected a function call inside `TABLE(...)`',
        call.range,
        "write TABLE(my_function(args)), e.g. TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTES))",
      );
    c.expectOp(')', 'the table function call');
    ref = { kind: 'tableFunction', lateral, call, range: c.rangeFrom(t) };
  } else if (c.isKeyword('UNNEST') && c.isOp('(', 1)) {
    c.pos += 2;
    const args = parseExpressionList(c);
    c.expectOp(')', 'the arguments of UNNEST');
    const withOrdinality = c.acceptKeyword('WITH', 'ORDINALITY');
    ref = { kind: 'unnest', lateral, args, withOrdinality, range: c.rangeFrom(t) };
  } else if (c.isOp('(')) {
    ref = parseParenthesizedTableRef(c, lateral);
  } else if (lateral) {
    return c.expected(['`TABLE(`', '`(`'], '`LATERAL`');
  } else {
    const nameStart = c.mark();
    const name = c.qualifiedName('a table name');
    if (c.isOp('(')) {
      // `FROM TUMBLE(TABLE t, ...)`: a table function called without TABLE(...).
      c.reset(nameStart);
      const call = parseExpression(c);
      return finishTableRef(c, { kind: 'tableFunction', lateral: false, bare: true, call, range: c.rangeFrom(t) }, t);
    }
    const hints = parseTableHints(c);
    ref = { kind: 'tableName', name, hints, range: c.rangeFrom(t) };
    if (c.isKeywords('FOR', 'SYSTEM_TIME')) {
      c.pos += 2;
      c.expectKeyword('AS', 'OF');
      ref.systemTime = parseExpression(c);
      ref.range = c.rangeFrom(t);
    }
  }
  return finishTableRef(c, ref, t);
}

function finishTableRef(c: Cursor, ref: TableRef, t: Token): TableRef {
  // Calcite refuses MATCH_RECOGNIZE and aliases on a join, even a parenthesised one.
  const isJoin = ref.kind === 'join' || (ref.kind === 'parenthesizedTable' && ref.table.kind === 'join');
  if (c.isKeyword('MATCH_RECOGNIZE')) {
    if (isJoin)
      c.fail(
        'MATCH_RECOGNIZE cannot be applied to a join',
        c.peek(),
        'apply it to a table or a subquery: (SELECT ... FROM a JOIN b ...) MATCH_RECOGNIZE (...)',
      );
    ref = parseMatchRecognize(c, ref);
  }
  const alias = parseTableAlias(c);
  if (alias) {
    if (isJoin || ref.kind === 'join')
      return c.fail(
        'a join cannot have an alias in Flink SQL',
        alias.range,
        'wrap it in a subquery instead: (SELECT * FROM a JOIN b ON ...) AS j',
      );
    ref.alias = alias;
    ref.range = c.rangeFrom(t);
  }
  return ref;
}

/** `(SELECT ...)`, `(VALUES ...)`, or a parenthesised join `(a JOIN b ON ...)`. */
function parseParenthesizedTableRef(c: Cursor, lateral: boolean): TableRef {
  const t = c.peek();
  if (isQueryStart(c, 1)) {
    const direct = c.isAnyKeyword(QUERY_KEYWORDS, 1);
    const parse = (): TableRef => {
      c.next();
      const query = parseQuery(c);
      c.expectOp(')', 'the subquery');
      return { kind: 'derived', lateral, query, range: c.rangeFrom(t) };
    };
    if (direct) return parse();
    // `((SELECT ...) UNION ...)` vs `((SELECT ...) AS x JOIN y ON ...)`: only nesting makes this ambiguous.
    const derived = c.attempt(parse);
    if (derived) return derived;
  }
  c.next();
  const table = nested(c, () => parseFrom(c, { comma: false }));
  if (c.isOp(','))
    c.fail(
      'a comma join cannot be put in parentheses',
      c.peek(),
      'write the tables with JOIN inside the parentheses, or drop the parentheses',
    );
  c.expectOp(')', 'the joined tables');
  return { kind: 'parenthesizedTable', table, range: c.rangeFrom(t) };
}

function parseTableAlias(c: Cursor): TableAlias | undefined {
  const t = c.peek();
  let name: Identifier;
  if (c.acceptKeyword('AS')) name = c.identifier('an alias after `AS`');
  else if (c.isIdentifier() && !c.isKeyword('QUALIFY')) name = c.identifier();
  else return undefined;
  const alias: TableAlias = { name, range: name.range };
  if (c.isOp('(')) alias.columns = parseIdentifierList(c, 'a column name');
  alias.range = c.rangeFrom(t);
  return alias;
}

export function parseIdentifierList(c: Cursor, what: string): Identifier[] {
  c.expectOp('(');
  const ids: Identifier[] = [];
  do ids.push(c.identifier(what));
  while (c.acceptOp(','));
  if (!c.isOp(')')) c.expected(['`,`', '`)`'], `\`${ids[ids.length - 1]!.value}\``);
  c.next();
  return ids;
}

// ---------------------------------------------------------------------------------------
// MATCH_RECOGNIZE

function parseMatchRecognize(c: Cursor, input: TableRef): MatchRecognizeRef {
  const t = c.next();
  c.expectOp('(', '`MATCH_RECOGNIZE`');
  const mr: MatchRecognizeRef = {
    kind: 'matchRecognize',
    input,
    partitionBy: [],
    orderBy: [],
    measures: [],
    strictStart: false,
    strictEnd: false,
    pattern: { kind: 'concatenation', items: [], range: { start: t.start, end: t.end } },
    subsets: [],
    define: [],
    range: input.range,
  };
  if (c.acceptKeyword('PARTITION', 'BY')) mr.partitionBy = parseExpressionList(c);
  if (c.acceptKeyword('ORDER', 'BY')) mr.orderBy = parseOrderItems(c);
  if (c.acceptKeyword('MEASURES')) {
    do {
      const expression = parseExpression(c);
      if (!c.isKeyword('AS')) c.expected(['`AS` and a name for the measure']);
      c.next();
      const alias = c.identifier('a name for the measure');
      mr.measures.push({ expression, alias, range: c.rangeFrom(expression) });
    } while (c.acceptOp(','));
  }
  if (c.acceptKeyword('ONE', 'ROW', 'PER', 'MATCH')) mr.rowsPerMatch = 'ONE ROW PER MATCH';
  else if (c.acceptKeyword('ALL', 'ROWS', 'PER', 'MATCH')) mr.rowsPerMatch = 'ALL ROWS PER MATCH';
  if (c.isKeywords('AFTER', 'MATCH')) {
    const a = c.peek();
    c.pos += 2;
    c.expectKeyword('SKIP');
    if (c.acceptKeyword('PAST', 'LAST', 'ROW')) mr.afterMatch = { mode: 'PAST LAST ROW', range: c.rangeFrom(a) };
    else if (c.acceptKeyword('TO', 'NEXT', 'ROW')) mr.afterMatch = { mode: 'TO NEXT ROW', range: c.rangeFrom(a) };
    else if (c.acceptKeyword('TO', 'FIRST'))
      mr.afterMatch = { mode: 'TO FIRST', variable: c.identifier('a pattern variable'), range: c.rangeFrom(a) };
    else if (c.acceptKeyword('TO', 'LAST'))
      mr.afterMatch = { mode: 'TO LAST', variable: c.identifier('a pattern variable'), range: c.rangeFrom(a) };
    else if (c.acceptKeyword('TO'))
      mr.afterMatch = { mode: 'TO', variable: c.identifier('a pattern variable'), range: c.rangeFrom(a) };
    else c.expected(['`TO NEXT ROW`', '`PAST LAST ROW`', '`TO FIRST`', '`TO LAST`'], '`SKIP`');
  }
  if (!c.isKeyword('PATTERN')) c.expected(['`PATTERN`']);
  c.next();
  c.expectOp('(', '`PATTERN`');
  mr.strictStart = c.acceptOp('^');
  mr.pattern = parsePattern(c);
  if (c.isOp('$') || (c.peek().kind === 'invalid' && c.peek().value === '$')) {
    c.next();
    mr.strictEnd = true;
  }
  c.expectOp(')', 'the pattern');
  if (c.acceptKeyword('WITHIN')) {
    if (!c.isKeyword('INTERVAL')) c.expected(["an interval such as INTERVAL '1' HOUR"], '`WITHIN`');
    mr.within = parseExpression(c);
  }
  if (c.acceptKeyword('SUBSET')) {
    do {
      const name = c.identifier('a subset name');
      c.expectOp('=');
      const variables = parseIdentifierList(c, 'a pattern variable');
      mr.subsets.push({ name, variables, range: c.rangeFrom(name) });
    } while (c.acceptOp(','));
  }
  if (!c.isKeyword('DEFINE')) c.expected(['`DEFINE`'], 'the pattern');
  c.next();
  do {
    const variable = c.identifier('a pattern variable');
    if (!c.isKeyword('AS')) c.expected(['`AS`'], `\`${variable.value}\``);
    c.next();
    const condition = parseExpression(c);
    mr.define.push({ variable, condition, range: c.rangeFrom(variable) });
  } while (c.acceptOp(','));
  c.expectOp(')', 'the DEFINE list');
  mr.range = c.rangeFrom(input);
  return mr;
}

function parsePattern(c: Cursor): Pattern {
  const first = parsePatternConcatenation(c);
  if (!c.isOp('|')) return first;
  const alternatives = [first];
  while (c.acceptOp('|')) alternatives.push(parsePatternConcatenation(c));
  return { kind: 'alternation', alternatives, range: c.rangeFrom(first) };
}

function isPatternTermStart(c: Cursor): boolean {
  return (
    c.isIdentifier() || c.isOp('(') || (c.isOp('{') && c.isOp('-', 1)) || (c.isKeyword('PERMUTE') && c.isOp('(', 1))
  );
}

function parsePatternConcatenation(c: Cursor): Pattern {
  const items: Pattern[] = [];
  while (isPatternTermStart(c)) items.push(parsePatternQuantified(c));
  if (items.length === 0) c.expected(['a pattern variable', '`(`']);
  if (items.length === 1) return items[0]!;
  return { kind: 'concatenation', items, range: c.rangeFrom(items[0]!) };
}

function parsePatternQuantified(c: Cursor): Pattern {
  const term = parsePatternPrimary(c);
  const q = c.peek();
  let min: number;
  let max: number | undefined;
  let form: '*' | '+' | '?' | '{}';
  if (c.acceptOp('*')) [min, max, form] = [0, undefined, '*'];
  else if (c.acceptOp('+')) [min, max, form] = [1, undefined, '+'];
  else if (c.acceptOp('?')) [min, max, form] = [0, 1, '?'];
  else if (c.isOp('{') && !c.isOp('-', 1)) {
    c.next();
    form = '{}';
    min = 0;
    if (c.peek().kind === 'number') min = Number(c.next().value);
    if (c.acceptOp(',')) {
      if (c.peek().kind === 'number') max = Number(c.next().value);
    } else {
      if (c.previous.kind !== 'number') c.expected(['a repetition count'], '`{`');
      max = min;
    }
    c.expectOp('}', 'the repetition count');
  } else return term;
  void q;
  const reluctant = c.acceptOp('?');
  return {
    kind: 'quantified',
    term,
    min,
    ...(max !== undefined ? { max } : {}),
    form,
    reluctant,
    range: c.rangeFrom(term),
  };
}

function parsePatternPrimary(c: Cursor): Pattern {
  const t = c.peek();
  if (c.acceptKeyword('PERMUTE')) {
    c.expectOp('(');
    const items = [parsePattern(c)];
    while (c.acceptOp(',')) items.push(parsePattern(c));
    c.expectOp(')', 'the PERMUTE list');
    return { kind: 'permute', items, range: c.rangeFrom(t) };
  }
  if (c.isOp('{') && c.isOp('-', 1)) {
    c.pos += 2;
    const pattern = parsePattern(c);
    c.expectOp('-', 'the excluded pattern');
    c.expectOp('}', '`-`');
    return { kind: 'exclusion', pattern, range: c.rangeFrom(t) };
  }
  if (c.acceptOp('(')) {
    if (c.acceptOp(')')) return { kind: 'group', range: c.rangeFrom(t) };
    const pattern = nested(c, () => parsePattern(c));
    c.expectOp(')', 'the pattern group');
    return { kind: 'group', pattern, range: c.rangeFrom(t) };
  }
  const name = c.identifier('a pattern variable');
  return { kind: 'variable', name, range: name.range };
}
