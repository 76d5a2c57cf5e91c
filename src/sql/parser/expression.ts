/**
 * Calcite's expression grammar as Flink uses it, by precedence climbing:
 * OR < AND < NOT < predicates (comparison, IS, LIKE, BETWEEN, IN, SIMILAR TO)
 * < + - < * / % || < unary + - < postfix `[i]` and `.field`.
 * (`||` binds like `*`: Calcite gives CONCAT precedence 60, the same as MULTIPLY.)
 */
import type { Token } from '../lexer.js';
import type { Identifier, QualifiedName } from '../model/common.js';
import type {
  BinaryOperator,
  CallKeyword,
  Expression,
  FunctionCall,
  IntervalLiteral,
  IntervalQualifier,
  Query,
  SpecialCall,
  SpecialCallPart,
  WindowFrameBound,
  WindowSpec,
} from '../model/query.js';
import { Cursor } from './cursor.js';
import { nested } from './depth.js';
import { parseDataType } from './data-type.js';
import { isReserved } from './keywords.js';
import { continueQueryAfter, isQueryStart, parseOrderItems, parseQuery } from './query.js';

/** Reserved words Calcite admits as function names when `(` follows (its ReservedFunctionName and friends). */
const CALLABLE_RESERVED = new Set(
  `ABS AVG CHAR DATE TIME TIMESTAMP CARDINALITY CEIL CEILING CHAR_LENGTH CHARACTER_LENGTH CLASSIFIER COALESCE COLLECT CONVERT CORR COUNT COVAR_POP COVAR_SAMP
CUME_DIST CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_CATALOG CURRENT_SCHEMA CURRENT_USER CURRENT_ROLE CURRENT_PATH
DENSE_RANK ELEMENT EVERY EXP FIRST_VALUE FLOOR FUSION GROUPING HOUR INTERSECTION LAG LAST_VALUE LEAD LEFT LN LOCALTIME LOCALTIMESTAMP
LOWER MATCH_NUMBER MAX MIN MINUTE MOD MONTH NEXT NTH_VALUE NTILE NULLIF OCTET_LENGTH PERCENT_RANK PERCENTILE_CONT PERCENTILE_DISC
POWER PREV RANK REGR_AVGX REGR_AVGY REGR_COUNT REGR_INTERCEPT REGR_R2 REGR_SLOPE REGR_SXX REGR_SXY REGR_SYY RIGHT ROW_NUMBER SECOND
SOME SQRT STDDEV_POP STDDEV_SAMP SUM TRANSLATE TRUNCATE UPPER USER VAR_POP VAR_SAMP WIDTH_BUCKET YEAR SESSION_USER SYSTEM_USER`.split(
    /\s+/,
  ),
);

/** Functions callable without parentheses. */
const NILADIC = new Set([
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
  'LOCALTIME',
  'LOCALTIMESTAMP',
  'CURRENT_USER',
  'SESSION_USER',
  'SYSTEM_USER',
  'USER',
  'CURRENT_ROLE',
  'CURRENT_PATH',
  'CURRENT_CATALOG',
  'CURRENT_SCHEMA',
]);

/** Units of INTERVAL qualifiers (Calcite accepts the plural spellings too). */
const INTERVAL_UNITS = new Set([
  'YEAR',
  'YEARS',
  'QUARTER',
  'QUARTERS',
  'MONTH',
  'MONTHS',
  'WEEK',
  'WEEKS',
  'DAY',
  'DAYS',
  'HOUR',
  'HOURS',
  'MINUTE',
  'MINUTES',
  'SECOND',
  'SECONDS',
]);

/** Units of EXTRACT, FLOOR/CEIL ... TO, TIMESTAMPADD/TIMESTAMPDIFF. */
const TIME_UNITS = new Set([
  ...INTERVAL_UNITS,
  'MILLISECOND',
  'MILLISECONDS',
  'MICROSECOND',
  'MICROSECONDS',
  'NANOSECOND',
  'NANOSECONDS',
  'DOW',
  'DOY',
  'ISODOW',
  'ISOYEAR',
  'EPOCH',
  'DECADE',
  'CENTURY',
  'MILLENNIUM',
  'SQL_TSI_YEAR',
  'SQL_TSI_QUARTER',
  'SQL_TSI_MONTH',
  'SQL_TSI_WEEK',
  'SQL_TSI_DAY',
  'SQL_TSI_HOUR',
  'SQL_TSI_MINUTE',
  'SQL_TSI_SECOND',
  'SQL_TSI_MICROSECOND',
  'FRAC_SECOND',
  'SQL_TSI_FRAC_SECOND',
]);

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

const COMPARISON = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

export function parseExpression(c: Cursor): Expression {
  return nested(c, () => parseOr(c));
}

function binary(operator: BinaryOperator, left: Expression, right: Expression): Expression {
  return { kind: 'binary', operator, left, right, range: { start: left.range.start, end: right.range.end } };
}

function parseOr(c: Cursor): Expression {
  let left = parseAnd(c);
  while (c.isKeyword('OR')) {
    c.next();
    left = binary('OR', left, parseAnd(c));
  }
  return left;
}

function parseAnd(c: Cursor): Expression {
  let left = parseNot(c);
  while (c.isKeyword('AND')) {
    c.next();
    left = binary('AND', left, parseNot(c));
  }
  return left;
}

function parseNot(c: Cursor): Expression {
  if (c.isKeyword('NOT')) {
    const t = c.next();
    const operand = nested(c, () => parseNot(c));
    return { kind: 'unary', operator: 'NOT', operand, range: c.rangeFrom(t) };
  }
  return parsePredicate(c);
}

/**
 * Comparisons (=, <>, <, <=, >, >=, IS [NOT] DISTINCT FROM, quantified ANY/SOME/ALL) and
 * the postfix IS tests, left to right. Their operands are LIKE/BETWEEN/IN predicates,
 * which Calcite binds tighter (precedence 32 against 30): `a = b LIKE c` is `a = (b LIKE c)`.
 */
function parsePredicate(c: Cursor): Expression {
  let left = parseMembership(c);
  for (;;) {
    const t = c.peek();
    if (t.kind === 'op' && COMPARISON.has(t.value)) {
      if (t.value === '!=') {
        // Flink's SQL conformance rejects the bang-equal operator while parsing.
        c.fail('`!=` is not allowed in Flink SQL', t, 'write `<>` for "not equal"');
      }
      c.next();
      const op = t.value as '=';
      if (c.isAnyKeyword(['ANY', 'SOME', 'ALL']) && c.isOp('(', 1)) {
        const quantifier = c.next().upper as 'ANY';
        c.expectOp('(');
        const query = attemptNestedQuery(c, 'the subquery');
        if (query) {
          left = { kind: 'quantified', operator: op, quantifier, operand: left, query, range: c.rangeFrom(left) };
        } else {
          const list = parseExpressionList(c);
          c.expectOp(')', 'the list');
          left = { kind: 'quantified', operator: op, quantifier, operand: left, list, range: c.rangeFrom(left) };
        }
        continue;
      }
      left = binary(op, left, parseMembership(c));
      continue;
    }
    if (!(t.kind === 'ident' && t.upper === 'IS')) return left;
    c.next();
    const not = c.acceptKeyword('NOT');
    if (c.acceptKeyword('DISTINCT', 'FROM')) {
      const right = parseMembership(c);
      left = { kind: 'distinctFrom', not, left, right, range: c.rangeFrom(left) };
      continue;
    }
    const word = c.peek();
    if (word.kind === 'ident' && ['NULL', 'TRUE', 'FALSE', 'UNKNOWN', 'EMPTY'].includes(word.upper)) {
      c.next();
      left = { kind: 'is', not, operand: left, test: word.upper as 'NULL', range: c.rangeFrom(left) };
      continue;
    }
    if (c.acceptKeyword('A', 'SET')) {
      left = { kind: 'is', not, operand: left, test: 'A SET', range: c.rangeFrom(left) };
      continue;
    }
    if (c.acceptKeyword('JSON')) {
      let test: 'JSON' | 'JSON VALUE' = 'JSON';
      if (c.isAnyKeyword(['VALUE', 'OBJECT', 'ARRAY', 'SCALAR'])) test = ('JSON ' + c.next().upper) as 'JSON VALUE';
      left = { kind: 'is', not, operand: left, test, range: c.rangeFrom(left) };
      continue;
    }
    c.expected(['`NULL`', '`TRUE`', '`FALSE`', '`UNKNOWN`', '`DISTINCT FROM`', '`JSON`']);
  }
}

/** [NOT] LIKE / ILIKE / RLIKE / SIMILAR TO / BETWEEN / IN, left to right. */
function parseMembership(c: Cursor): Expression {
  let left = parseAdditive(c);
  for (;;) {
    const t = c.peek();
    if (t.kind !== 'ident') return left;
    let not = false;
    if (t.upper === 'NOT') {
      if (!c.isAnyKeyword(['LIKE', 'ILIKE', 'RLIKE', 'SIMILAR', 'BETWEEN', 'IN'], 1)) return left;
      c.next();
      not = true;
    }
    if (c.isAnyKeyword(['LIKE', 'ILIKE', 'RLIKE']) || c.isKeywords('SIMILAR', 'TO')) {
      const word = c.next().upper;
      const operator = word === 'SIMILAR' ? 'SIMILAR TO' : (word as 'LIKE');
      if (word === 'SIMILAR') c.next();
      // Calcite's LIKE is right-associative, so a dangling ESCAPE belongs to the innermost LIKE:
      // `a LIKE b LIKE c ESCAPE d` is `a LIKE (b LIKE c ESCAPE d)`.
      const pattern = nested(c, () => parseMembership(c));
      let escape: Expression | undefined;
      if (c.acceptKeyword('ESCAPE')) escape = parseAdditive(c);
      left = {
        kind: 'like',
        operator,
        not,
        operand: left,
        pattern,
        ...(escape ? { escape } : {}),
        range: c.rangeFrom(left),
      };
      continue;
    }
    if (c.acceptKeyword('BETWEEN')) {
      let symmetry: 'SYMMETRIC' | 'ASYMMETRIC' | undefined;
      if (c.isAnyKeyword(['SYMMETRIC', 'ASYMMETRIC'])) symmetry = c.next().upper as 'SYMMETRIC';
      const low = parseAdditive(c);
      if (!c.isKeyword('AND')) c.expected(['`AND`'], 'the lower bound of BETWEEN');
      c.next();
      const high = parseAdditive(c);
      left = {
        kind: 'between',
        not,
        ...(symmetry ? { symmetry } : {}),
        operand: left,
        low,
        high,
        range: c.rangeFrom(left),
      };
      continue;
    }
    if (c.isKeyword('IN')) {
      c.next();
      if (!c.isOp('(')) c.expected(['`(`'], '`IN`');
      c.next();
      const query = attemptNestedQuery(c, 'the subquery of IN');
      if (query) {
        left = { kind: 'in', not, operand: left, query, range: c.rangeFrom(left) };
      } else {
        const list = parseExpressionList(c);
        if (!c.isOp(')')) c.expected(['`,`', '`)`'], 'an item of the IN list');
        c.next();
        left = { kind: 'in', not, operand: left, list, range: c.rangeFrom(left) };
      }
      continue;
    }
    return left;
  }
}

function parseAdditive(c: Cursor): Expression {
  let left = parseMultiplicative(c);
  for (;;) {
    const t = c.peek();
    if (t.kind === 'op' && (t.value === '+' || t.value === '-')) {
      c.next();
      left = binary(t.value, left, parseMultiplicative(c));
    } else return left;
  }
}

function parseMultiplicative(c: Cursor): Expression {
  let left = parseUnary(c);
  for (;;) {
    const t = c.peek();
    if (t.kind === 'op' && (t.value === '*' || t.value === '/' || t.value === '%' || t.value === '||')) {
      c.next();
      left = binary(t.value, left, parseUnary(c));
    } else return left;
  }
}

function parseUnary(c: Cursor): Expression {
  const t = c.peek();
  if (t.kind === 'op' && (t.value === '-' || t.value === '+')) {
    c.next();
    const operand = nested(c, () => parseUnary(c));
    return { kind: 'unary', operator: t.value, operand, range: c.rangeFrom(t) };
  }
  return parsePostfix(c, parsePrimary(c));
}

function parsePostfix(c: Cursor, base: Expression): Expression {
  for (;;) {
    if (c.isOp('[')) {
      c.next();
      const index = parseExpression(c);
      c.expectOp(']', 'the index');
      base = { kind: 'index', base, index, range: c.rangeFrom(base) };
      continue;
    }
    if (c.isOp('.') && c.isAnyWord(1) && base.kind !== 'column') {
      c.next();
      const field = c.identifier('a field name', { allowReserved: true });
      base = { kind: 'field', base, field, range: c.rangeFrom(base) };
      continue;
    }
    return base;
  }
}

export function parseExpressionList(c: Cursor): Expression[] {
  const items = [parseExpression(c)];
  while (c.acceptOp(',')) items.push(parseExpression(c));
  return items;
}

function stringLiteral(c: Cursor): Expression {
  const first = c.next();
  let value = first.value;
  // Calcite joins adjacent literals, but only across lines ('a' 'b' on one line is an error).
  while (c.peek().kind === 'string' && c.peek().prefix === undefined) {
    const part = c.peek();
    if (!part.newlineBefore) {
      c.fail(
        'a string literal cannot continue on the same line',
        part,
        "join the two strings into one, or put the continuation on a new line ('abc'\\n'def')",
      );
    }
    c.next();
    value += part.value;
  }
  const range = c.rangeFrom(first);
  if (first.prefix === 'X') {
    if (!/^[0-9A-Fa-f]*$/.test(value.replace(/\s/g, '')) || value.replace(/\s/g, '').length % 2 !== 0) {
      c.fail("a binary literal X'...' needs an even number of hexadecimal digits", range);
    }
    return { kind: 'literal', literalKind: 'binary', value, range };
  }
  if (first.prefix === 'U&' && c.acceptKeyword('UESCAPE')) {
    if (c.peek().kind !== 'string') c.expected(['an escape character in quotes'], '`UESCAPE`');
    c.next();
  }
  return {
    kind: 'literal',
    literalKind: 'string',
    value,
    ...(first.prefix ? { prefix: first.prefix } : {}),
    range: c.rangeFrom(first),
  };
}

function parsePrimary(c: Cursor): Expression {
  const t = c.peek();
  switch (t.kind) {
    case 'number':
      c.next();
      return { kind: 'literal', literalKind: 'number', value: t.value, range: { start: t.start, end: t.end } };
    case 'string':
      return stringLiteral(c);
    case 'op':
      if (t.value === '(') return parseParenthesized(c);
      if (t.value === '?') {
        c.next();
        return { kind: 'parameter', range: { start: t.start, end: t.end } };
      }
      return c.expected(['an expression']);
    case 'quoted':
    case 'variable':
      return parseNameOrCall(c);
    case 'ident':
      return parseWord(c, t);
    case 'dquoted':
      return c.fail(
        `expected an expression, found "${t.value}"`,
        t,
        "Flink quotes strings with single quotes ('text') and names with back-ticks (`name`), not double quotes",
      );
    default:
      return c.expected(['an expression']);
  }
}

/** SELECT, WITH or VALUES right here (not behind more parentheses). */
function startsQueryHere(c: Cursor): boolean {
  return c.isAnyKeyword(['SELECT', 'WITH', 'VALUES']);
}

/**
 * A query in parentheses where an expression list could also stand: `((SELECT 1) UNION
 * (SELECT 2))` is a query, `((SELECT 1) + 1)` an expression. Only this nesting is
 * ambiguous, so only it is tried.
 */
function attemptNestedQuery(c: Cursor, context: string): Query | undefined {
  if (startsQueryHere(c)) {
    const query = parseQuery(c);
    c.expectOp(')', context);
    return query;
  }
  if (!isQueryStart(c)) return undefined;
  return c.attempt(() => {
    const query = parseQuery(c);
    c.expectOp(')', context);
    return query;
  });
}

function parseParenthesized(c: Cursor): Expression {
  const open = c.next();
  const query = attemptNestedQuery(c, 'the subquery');
  if (query) return { kind: 'subquery', query, range: c.rangeFrom(open) };
  const items = parseExpressionList(c);
  // `((SELECT 1) UNION (SELECT 2))`: a parenthesised subquery that goes on as a query.
  if (
    items.length === 1 &&
    items[0]!.kind === 'subquery' &&
    c.isAnyKeyword(['UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH'])
  ) {
    const inner = items[0]!;
    const query = continueQueryAfter(c, { kind: 'parenthesized', query: inner.query, range: inner.range });
    c.expectOp(')', 'the subquery');
    return { kind: 'subquery', query, range: c.rangeFrom(open) };
  }
  if (!c.isOp(')')) c.expected(items.length > 1 ? ['`,`', '`)`'] : ['`)`'], undefined);
  c.next();
  const range = c.rangeFrom(open);
  if (items.length === 1) return { kind: 'parenthesized', expression: items[0]!, range };
  return { kind: 'row', explicit: false, items, range };
}

function parseWord(c: Cursor, t: Token): Expression {
  const word = t.upper;
  const callFollows = c.isOp('(', 1);
  switch (word) {
    case 'TRUE':
    case 'FALSE':
      c.next();
      return { kind: 'literal', literalKind: 'boolean', value: word, range: { start: t.start, end: t.end } };
    case 'NULL':
      c.next();
      return { kind: 'literal', literalKind: 'null', value: word, range: { start: t.start, end: t.end } };
    case 'UNKNOWN':
      c.next();
      return { kind: 'literal', literalKind: 'unknown', value: word, range: { start: t.start, end: t.end } };
    case 'DATE':
    case 'TIME':
    case 'TIMESTAMP':
      if (c.peek(1).kind === 'string') {
        c.next();
        const s = c.next();
        return { kind: 'typedLiteral', type: word, value: s.value, range: c.rangeFrom(t) };
      }
      if (c.isKeywords(word, 'WITH', 'LOCAL', 'TIME', 'ZONE') && c.peek(5).kind === 'string') {
        c.pos += 5;
        const s = c.next();
        return { kind: 'typedLiteral', type: `${word} WITH LOCAL TIME ZONE`, value: s.value, range: c.rangeFrom(t) };
      }
      break;
    case 'INTERVAL':
      return parseInterval(c);
    case 'CASE':
      return parseCase(c);
    case 'CAST':
    case 'TRY_CAST':
      if (callFollows) return parseCast(c);
      break;
    case 'EXISTS':
      if (callFollows) {
        c.next();
        c.next();
        if (!isQueryStart(c)) c.expected(['a query'], '`EXISTS (`');
        const query = parseQuery(c);
        c.expectOp(')', 'the subquery of EXISTS');
        return { kind: 'exists', query, range: c.rangeFrom(t) };
      }
      break;
    case 'ROW':
      if (callFollows) {
        c.next();
        c.next();
        const items = parseExpressionList(c);
        if (!c.isOp(')')) c.expected(['`,`', '`)`'], 'a value of ROW');
        c.next();
        return { kind: 'row', explicit: true, items, range: c.rangeFrom(t) };
      }
      break;
    case 'ARRAY':
    case 'MAP':
    case 'MULTISET':
      if (c.isOp('[', 1)) {
        c.next();
        c.next();
        const items = c.isOp(']') ? [] : parseExpressionList(c);
        if (!c.isOp(']')) c.expected(['`,`', '`]`'], `a value of ${word}`);
        c.next();
        return { kind: 'collection', collection: word, items, range: c.rangeFrom(t) };
      }
      if (callFollows && (word !== 'MAP' || isQueryStart(c, 2)) && (word !== 'ARRAY' || isQueryStart(c, 2))) {
        c.next();
        c.next();
        const query = parseQuery(c);
        c.expectOp(')', 'the subquery');
        return { kind: 'collection', collection: word, query, range: c.rangeFrom(t) };
      }
      break;
    case 'FINAL':
    case 'RUNNING':
      if (c.isAnyWord(1)) {
        c.next();
        const operand = nested(c, () => parseUnary(c));
        return { kind: 'unary', operator: word, operand, range: c.rangeFrom(t) };
      }
      break;
    case 'MODEL':
      // Flink's explicit model reference; MODEL alone is still an ordinary (non-reserved) name.
      if (c.isIdentifier(1)) {
        c.next();
        const name = c.qualifiedName('a model name');
        return { kind: 'model', name, range: c.rangeFrom(t) };
      }
      break;
    case 'DEFAULT':
      c.next();
      return { kind: 'default', range: { start: t.start, end: t.end } };
  }
  if (callFollows) {
    const special = parseSpecialCall(c, word);
    if (special) return special;
  }
  if (NILADIC.has(word) && !callFollows) {
    c.next();
    const name: QualifiedName = {
      parts: [{ value: t.value, quoted: false, range: { start: t.start, end: t.end } }],
      range: { start: t.start, end: t.end },
    };
    return { kind: 'call', name, parens: false, args: [], range: name.range };
  }
  if (isReserved(word, c.options.flinkVersion)) {
    if (callFollows && CALLABLE_RESERVED.has(word)) {
      c.next();
      const name: QualifiedName = {
        parts: [{ value: t.value, quoted: false, range: { start: t.start, end: t.end } }],
        range: { start: t.start, end: t.end },
      };
      return parseCall(c, name);
    }
    return c.fail(
      `expected an expression, found the reserved word \`${t.value}\``,
      t,
      `\`${t.value}\` is a reserved word in Flink SQL: if it is a column name, quote it with back-ticks, \`${t.value}\``,
    );
  }
  return parseNameOrCall(c);
}

function parseNameOrCall(c: Cursor): Expression {
  const name = c.qualifiedName('an expression');
  if (c.isOp('(')) return parseCall(c, name);
  if (c.isOp('.') && c.isOp('*', 1)) {
    c.next();
    c.next();
    return { kind: 'star', qualifier: name, range: c.rangeFrom(name) };
  }
  return { kind: 'column', name, range: name.range };
}

/** The argument list and the clauses that may follow a call: WITHIN GROUP, FILTER, OVER. */
function parseCall(c: Cursor, name: QualifiedName): Expression {
  c.expectOp('(');
  const call: FunctionCall = { kind: 'call', name, parens: true, args: [], range: name.range };
  if (c.isAnyKeyword(['DISTINCT', 'ALL']) && !c.isOp(')', 1)) call.quantifier = c.next().upper as 'DISTINCT';
  if (c.isOp('*') && (c.isOp(')', 1) || c.isOp(',', 1))) {
    const star = c.next();
    call.args.push({ kind: 'star', range: { start: star.start, end: star.end } });
  } else if (!c.isOp(')')) {
    call.args.push(parseArgument(c));
    while (c.acceptOp(',')) call.args.push(parseArgument(c));
  }
  if (c.isKeywords('ORDER', 'BY')) {
    c.pos += 2;
    call.orderBy = parseOrderItems(c);
  }
  if (c.isKeywords('IGNORE', 'NULLS') || c.isKeywords('RESPECT', 'NULLS')) {
    call.nullTreatment = `${c.next().upper} NULLS` as 'IGNORE NULLS';
    c.next();
  }
  if (!c.isOp(')'))
    c.expected(
      call.args.length > 0 ? ['`,`', '`)`'] : ['`)`'],
      `an argument of \`${name.parts.map((p) => p.value).join('.')}\``,
    );
  c.next();
  if (!call.nullTreatment && (c.isKeywords('IGNORE', 'NULLS') || c.isKeywords('RESPECT', 'NULLS'))) {
    call.nullTreatment = `${c.next().upper} NULLS` as 'IGNORE NULLS';
    c.next();
  }
  if (c.isKeywords('WITHIN', 'GROUP')) {
    c.pos += 2;
    c.expectOp('(', '`WITHIN GROUP`');
    c.expectKeyword('ORDER', 'BY');
    call.withinGroup = parseOrderItems(c);
    c.expectOp(')', 'the ORDER BY of WITHIN GROUP');
  }
  parseAggregateTail(c, call);
  call.range = c.rangeFrom(name);
  return call;
}

function parseAggregateTail(c: Cursor, call: { filter?: Expression; over?: WindowSpec | Identifier }): void {
  if (c.isKeyword('FILTER') && c.isOp('(', 1)) {
    c.pos += 2;
    c.expectKeyword('WHERE');
    call.filter = parseExpression(c);
    c.expectOp(')', 'the FILTER condition');
  }
  if (c.acceptKeyword('OVER')) {
    if (c.isOp('(')) call.over = parseWindowSpec(c);
    else call.over = c.identifier('a window name or `(`');
  }
}

function parseArgument(c: Cursor): Expression {
  const start = c.peek();
  if (c.isAnyWord() && c.isOp('=>', 1)) {
    const name = c.identifier('an argument name', { allowReserved: true });
    c.next();
    const value = parseArgument(c);
    return { kind: 'namedArgument', name, value, range: c.rangeFrom(start) };
  }
  if (c.isKeyword('TABLE')) {
    c.next();
    let arg: Expression;
    if (c.isOp('(')) {
      c.next();
      const query = parseQuery(c);
      c.expectOp(')', 'the subquery');
      arg = { kind: 'tableArgument', query, partitionBy: [], orderBy: [], range: c.rangeFrom(start) };
    } else {
      const name = c.qualifiedName('a table name after `TABLE`');
      arg = { kind: 'tableArgument', name, partitionBy: [], orderBy: [], range: c.rangeFrom(start) };
    }
    parseTableArgumentTail(c, arg);
    return arg;
  }
  const expr = parseExpression(c);
  if (expr.kind === 'subquery' && (c.isKeywords('PARTITION', 'BY') || c.isKeywords('ORDER', 'BY'))) {
    const arg: Expression = {
      kind: 'tableArgument',
      query: expr.query,
      partitionBy: [],
      orderBy: [],
      range: expr.range,
    };
    parseTableArgumentTail(c, arg);
    return arg;
  }
  return expr;
}

function parseTableArgumentTail(c: Cursor, arg: Expression): void {
  if (arg.kind !== 'tableArgument') return;
  if (c.acceptKeyword('PARTITION', 'BY')) arg.partitionBy = parseParenOrList(c);
  if (c.acceptKeyword('ORDER', 'BY')) {
    // As with PARTITION BY, several keys need parentheses: a bare comma ends the argument.
    const list = c.isOp('(')
      ? c.attempt(() => {
          c.next();
          const items = parseOrderItems(c);
          c.expectOp(')');
          return items;
        })
      : undefined;
    arg.orderBy = list ?? parseOrderItems(c, { single: true });
  }
  arg.range = c.rangeFrom(arg.range.start);
}

/** `PARTITION BY k` or `PARTITION BY (a, b)` in table arguments: inside an argument list a comma ends the argument. */
function parseParenOrList(c: Cursor): Expression[] {
  const e = parseExpression(c);
  if (e.kind === 'row' && !e.explicit) return e.items;
  if (e.kind === 'parenthesized') return [e.expression];
  return [e];
}

export function parseWindowSpec(c: Cursor): WindowSpec {
  const open = c.expectOp('(');
  const spec: WindowSpec = { partitionBy: [], orderBy: [], range: { start: open.start, end: open.end } };
  if (c.isIdentifier() && !c.isAnyKeyword(['PARTITION', 'ORDER', 'ROWS', 'RANGE']))
    spec.base = c.identifier('a window name');
  if (c.acceptKeyword('PARTITION', 'BY')) spec.partitionBy = parseExpressionList(c);
  if (c.acceptKeyword('ORDER', 'BY')) spec.orderBy = parseOrderItems(c);
  if (c.isAnyKeyword(['ROWS', 'RANGE'])) {
    const u = c.next();
    const unit = u.upper as 'ROWS';
    if (c.acceptKeyword('BETWEEN')) {
      const startBound = parseFrameBound(c);
      c.expectKeyword('AND');
      const end = parseFrameBound(c);
      spec.frame = { unit, start: startBound, end, range: c.rangeFrom(u) };
    } else {
      spec.frame = { unit, start: parseFrameBound(c), range: c.rangeFrom(u) };
    }
  }
  if (c.isKeywords('ALLOW', 'PARTIAL') || c.isKeywords('DISALLOW', 'PARTIAL')) {
    spec.partial = c.next().upper === 'ALLOW';
    c.next();
  }
  if (!c.isOp(')'))
    c.expected(['`PARTITION BY`', '`ORDER BY`', '`ROWS`', '`RANGE`', '`)`'], 'the window specification');
  c.next();
  spec.range = c.rangeFrom(open);
  return spec;
}

function parseFrameBound(c: Cursor): WindowFrameBound {
  const t = c.peek();
  if (c.acceptKeyword('UNBOUNDED', 'PRECEDING')) return { bound: 'UNBOUNDED PRECEDING', range: c.rangeFrom(t) };
  if (c.acceptKeyword('UNBOUNDED', 'FOLLOWING')) return { bound: 'UNBOUNDED FOLLOWING', range: c.rangeFrom(t) };
  if (c.acceptKeyword('CURRENT', 'ROW')) return { bound: 'CURRENT ROW', range: c.rangeFrom(t) };
  const offset = parseAdditive(c);
  if (c.acceptKeyword('PRECEDING')) return { bound: 'PRECEDING', offset, range: c.rangeFrom(t) };
  if (c.acceptKeyword('FOLLOWING')) return { bound: 'FOLLOWING', offset, range: c.rangeFrom(t) };
  return c.expected(['`PRECEDING`', '`FOLLOWING`']);
}

function parseCase(c: Cursor): Expression {
  const t = c.next();
  const operand = c.isKeyword('WHEN') ? undefined : parseExpression(c);
  const whens: { when: Expression; then: Expression; range: { start: number; end: number } }[] = [];
  while (c.isKeyword('WHEN')) {
    const w = c.next();
    const when = operand ? parseExpressionList(c) : [parseExpression(c)];
    c.expectKeyword('THEN');
    const then = parseExpression(c);
    // `CASE x WHEN 1, 2 THEN` (Calcite's list form) folds into a row-less list: keep each value.
    for (const value of when) whens.push({ when: value, then, range: c.rangeFrom(w) });
  }
  if (whens.length === 0) c.expected(['`WHEN`'], '`CASE`');
  let elseExpr: Expression | undefined;
  if (c.acceptKeyword('ELSE')) elseExpr = parseExpression(c);
  if (!c.isKeyword('END')) c.expected(['`WHEN`', '`ELSE`', '`END`'], 'the CASE branch');
  c.next();
  return {
    kind: 'case',
    ...(operand ? { operand } : {}),
    whens,
    ...(elseExpr ? { else: elseExpr } : {}),
    range: c.rangeFrom(t),
  };
}

function parseCast(c: Cursor): Expression {
  const t = c.next();
  c.next();
  const operand = parseExpression(c);
  if (!c.isKeyword('AS')) c.expected(['`AS`'], `the value of ${t.upper}`);
  c.next();
  const type = parseDataType(c);
  c.expectOp(')', 'the type of ' + t.upper);
  return { kind: 'cast', function: t.upper as 'CAST', operand, type, range: c.rangeFrom(t) };
}

/** The units that may follow `start TO` in an interval qualifier (SQL's rules, as Calcite enforces them). */
const INTERVAL_ENDS: Record<string, string[]> = {
  YEAR: ['MONTH'],
  DAY: ['HOUR', 'MINUTE', 'SECOND'],
  HOUR: ['MINUTE', 'SECOND'],
  MINUTE: ['SECOND'],
};

/** YEARS -> YEAR: Calcite accepts the plural spellings as the same unit. */
function singularUnit(unit: string): string {
  return unit.endsWith('S') ? unit.slice(0, -1) : unit;
}

function parsePrecision(c: Cursor, allowFraction: boolean): [number, number | undefined] | undefined {
  if (!(c.isOp('(') && c.peek(1).kind === 'number')) return undefined;
  c.next();
  const precision = Number(c.next().value);
  let fraction: number | undefined;
  if (allowFraction && c.acceptOp(',')) {
    if (c.peek().kind !== 'number') c.expected(['a fractional-second precision'], '`,`');
    fraction = Number(c.next().value);
  }
  c.expectOp(')', 'the precision');
  return [precision, fraction];
}

export function parseIntervalQualifier(c: Cursor, options: { startOnly?: boolean } = {}): IntervalQualifier {
  const t = c.peek();
  if (!(t.kind === 'ident' && INTERVAL_UNITS.has(t.upper)))
    c.expected(['a time unit (`YEAR`, `MONTH`, `DAY`, `HOUR`, `MINUTE`, `SECOND` …)']);
  c.next();
  const q: IntervalQualifier = { start: t.upper, range: { start: t.start, end: t.end } };
  const startUnit = singularUnit(t.upper);
  const p = parsePrecision(c, startUnit === 'SECOND');
  if (p) {
    q.startPrecision = p[0];
    if (p[1] !== undefined) q.fractionalPrecision = p[1];
  }
  const ends = INTERVAL_ENDS[startUnit];
  if (!options.startOnly && ends && c.isKeyword('TO')) {
    c.next();
    const e = c.peek();
    if (!(e.kind === 'ident' && INTERVAL_UNITS.has(e.upper) && ends.includes(singularUnit(e.upper)))) {
      c.expected(
        ends.map((u) => `\`${u}\``),
        `\`${t.upper} TO\``,
      );
    }
    c.next();
    q.end = e.upper;
    if (singularUnit(e.upper) === 'SECOND') {
      const ep = parsePrecision(c, false);
      if (ep) q.endPrecision = ep[0];
    }
  }
  q.range = c.rangeFrom(t);
  return q;
}

function parseInterval(c: Cursor): IntervalLiteral {
  const t = c.next();
  let sign: '-' | '+' | undefined;
  if (c.isOp('-') || c.isOp('+')) sign = c.next().value as '-';
  let value: Expression;
  const v = c.peek();
  let literal = false;
  if (v.kind === 'string') {
    c.next();
    value = { kind: 'literal', literalKind: 'string', value: v.value, range: { start: v.start, end: v.end } };
    literal = true;
  } else if (v.kind === 'number' || v.kind === 'variable' || c.isIdentifier()) {
    // Calcite's interval expression: `INTERVAL 3 DAY`, `INTERVAL t.n MINUTE`.
    if (v.kind === 'number') {
      c.next();
      value = { kind: 'literal', literalKind: 'number', value: v.value, range: { start: v.start, end: v.end } };
    } else {
      value = parseNameOrCall(c);
      if (value.kind !== 'column')
        c.fail(
          'expected a number or a column after `INTERVAL`',
          value.range,
          'put other expressions in parentheses: INTERVAL (n * 2) DAY',
        );
    }
  } else if (v.kind === 'op' && v.value === '(') {
    value = parseParenthesized(c);
  } else {
    return c.expected(["a quoted interval value such as '10'"], '`INTERVAL`');
  }
  const qualifier = parseIntervalQualifier(c, { startOnly: !literal });
  return { kind: 'interval', ...(sign ? { sign } : {}), value, qualifier, range: c.rangeFrom(t) };
}

// ---------------------------------------------------------------------------------------
// Special-syntax functions

class SpecialBuilder {
  readonly parts: SpecialCallPart[] = [];
  constructor(readonly c: Cursor) {}
  kw(...words: string[]): void {
    const t = this.c.peek();
    this.c.expectKeyword(...words);
    this.parts.push({ kind: 'keyword', text: words.join(' '), range: this.c.rangeFrom(t) });
  }
  accept(...words: string[]): boolean {
    if (!this.c.isKeywords(...words)) return false;
    this.kw(...words);
    return true;
  }
  comma(): boolean {
    const t = this.c.peek();
    if (!this.c.acceptOp(',')) return false;
    this.parts.push({ kind: 'keyword', text: ',', range: { start: t.start, end: t.end } } satisfies CallKeyword);
    return true;
  }
  expectComma(context: string): void {
    if (!this.comma()) this.c.expected(['`,`'], context);
  }
  colon(): boolean {
    const t = this.c.peek();
    if (!this.c.acceptOp(':')) return false;
    this.parts.push({ kind: 'keyword', text: ':', range: { start: t.start, end: t.end } });
    return true;
  }
  expr(parse: (c: Cursor) => Expression = parseExpression): Expression {
    const e = parse(this.c);
    this.parts.push(e);
    return e;
  }
  /** Calcite's TimeUnitOrName: a built-in unit, `WEEK(MONDAY)`, or any other name (resolved later). */
  unit(context: string): void {
    const t = this.c.peek();
    if (!(t.kind === 'ident' && TIME_UNITS.has(t.upper)) && !this.c.isIdentifier())
      this.c.expected(['a time unit (`DAY`, `HOUR`, `MINUTE` …)'], context);
    this.c.next();
    let text = t.kind === 'ident' ? t.upper : t.value;
    if (t.upper === 'WEEK' && this.c.isOp('(') && this.c.isAnyKeyword(WEEKDAYS, 1)) {
      this.c.next();
      text += `(${this.c.next().upper})`;
      this.c.expectOp(')', 'the weekday');
    }
    this.parts.push({ kind: 'keyword', text, range: this.c.rangeFrom(t) });
  }
}

const SPECIAL = new Set([
  'CONVERT',
  'TRANSLATE',
  'EXTRACT',
  'POSITION',
  'SUBSTRING',
  'TRIM',
  'OVERLAY',
  'FLOOR',
  'CEIL',
  'CEILING',
  'TIMESTAMPADD',
  'TIMESTAMPDIFF',
  'JSON_VALUE',
  'JSON_QUERY',
  'JSON_EXISTS',
  'JSON_OBJECT',
  'JSON_ARRAY',
  'JSON_OBJECTAGG',
  'JSON_ARRAYAGG',
]);

function parseSpecialCall(c: Cursor, word: string): SpecialCall | undefined {
  if (!SPECIAL.has(word)) return undefined;
  const start = c.mark();
  const nameToken = c.next();
  c.next(); // (
  const b = new SpecialBuilder(c);
  const call: SpecialCall = {
    kind: 'specialCall',
    name: word,
    parts: b.parts,
    range: { start: nameToken.start, end: nameToken.end },
  };
  switch (word) {
    case 'CONVERT':
    case 'TRANSLATE': {
      b.expr();
      if (b.accept('USING')) {
        const id = c.identifier('a character set or translation name');
        b.parts.push({ kind: 'column', name: { parts: [id], range: id.range }, range: id.range });
      } else if (word === 'TRANSLATE') {
        while (b.comma()) b.expr();
      } else b.kw('USING');
      break;
    }
    case 'EXTRACT':
      b.unit('`EXTRACT(`');
      b.kw('FROM');
      b.expr();
      break;
    case 'POSITION':
      b.expr(parseAdditive);
      b.kw('IN');
      b.expr(parseAdditive);
      if (b.accept('FROM')) b.expr();
      break;
    case 'SUBSTRING':
      b.expr();
      if (!b.accept('FROM')) b.expectComma('the string of SUBSTRING');
      b.expr();
      if (b.accept('FOR') || b.comma()) b.expr();
      break;
    case 'TRIM': {
      const flag = c.isAnyKeyword(['BOTH', 'LEADING', 'TRAILING']);
      if (flag) b.kw(c.peek().upper);
      if (flag && b.accept('FROM')) {
        b.expr();
        break;
      }
      b.expr();
      if (b.accept('FROM')) b.expr();
      else if (flag) c.expected(['`FROM`'], 'the characters to trim');
      break;
    }
    case 'OVERLAY':
      b.expr();
      b.kw('PLACING');
      b.expr();
      b.kw('FROM');
      b.expr();
      if (b.accept('FOR')) b.expr();
      break;
    case 'FLOOR':
    case 'CEIL':
    case 'CEILING':
      b.expr();
      if (!c.isKeyword('TO')) {
        // plain FLOOR(x): an ordinary call
        c.reset(start);
        return undefined;
      }
      b.kw('TO');
      b.unit('`TO`');
      break;
    case 'TIMESTAMPADD':
    case 'TIMESTAMPDIFF':
      b.unit(`\`${word}(\``);
      b.expectComma('the time unit');
      b.expr();
      b.expectComma('the second argument of ' + word);
      b.expr();
      break;
    case 'JSON_VALUE':
    case 'JSON_QUERY':
    case 'JSON_EXISTS':
      b.expr();
      if (b.accept('FORMAT', 'JSON')) acceptEncoding(b);
      b.expectComma('the JSON value');
      b.expr();
      if (b.accept('PASSING')) {
        do {
          b.expr();
          b.kw('AS');
          const id = c.identifier('a name');
          b.parts.push({ kind: 'column', name: { parts: [id], range: id.range }, range: id.range });
        } while (b.comma());
      }
      if (word === 'JSON_VALUE' && b.accept('RETURNING')) b.parts.push(parseReturningType(c));
      if (word === 'JSON_QUERY') {
        if (b.accept('RETURNING')) b.parts.push(parseReturningType(c));
        if (b.accept('WITHOUT')) {
          b.accept('ARRAY');
          b.kw('WRAPPER');
        } else if (b.accept('WITH')) {
          if (!b.accept('CONDITIONAL')) b.accept('UNCONDITIONAL');
          b.accept('ARRAY');
          b.kw('WRAPPER');
        }
      }
      parseJsonBehaviors(c, b);
      break;
    case 'JSON_OBJECT':
    case 'JSON_OBJECTAGG':
      if (!c.isOp(')') && !isNullClause(c)) {
        do {
          b.accept('KEY');
          b.expr(parseAdditive);
          if (!b.colon()) b.kw('VALUE');
          b.expr();
          if (b.accept('FORMAT', 'JSON')) acceptEncoding(b);
        } while (word === 'JSON_OBJECT' && b.comma());
      }
      acceptNullClause(c, b);
      break;
    case 'JSON_ARRAY':
    case 'JSON_ARRAYAGG':
      if (!c.isOp(')') && !isNullClause(c)) {
        do {
          b.expr();
          if (b.accept('FORMAT', 'JSON')) acceptEncoding(b);
        } while (word === 'JSON_ARRAY' && b.comma());
      }
      if (word === 'JSON_ARRAYAGG' && c.isKeywords('ORDER', 'BY')) {
        b.kw('ORDER', 'BY');
        for (const item of parseOrderItems(c)) {
          b.parts.push(item.expression);
          if (item.direction) b.parts.push({ kind: 'keyword', text: item.direction, range: item.range });
          if (item.nulls) b.parts.push({ kind: 'keyword', text: 'NULLS ' + item.nulls, range: item.range });
          if (c.isOp(')') || isNullClause(c)) break;
        }
      }
      acceptNullClause(c, b);
      break;
  }
  if (!c.isOp(')')) c.expected(['`)`'], `the arguments of ${word}`);
  c.next();
  if (word === 'JSON_OBJECTAGG' || word === 'JSON_ARRAYAGG') parseAggregateTail(c, call);
  call.range = c.rangeFrom(nameToken);
  return call;
}

/**
 * The type after RETURNING. The data-type parser reads a trailing `NULL` as nullability,
 * but in `RETURNING INT NULL ON EMPTY` that NULL starts the ON EMPTY behaviour: give it back.
 */
function parseReturningType(c: Cursor): SpecialCallPart {
  let type = parseDataType(c);
  if (c.isKeyword('ON') && c.previous.kind === 'ident' && c.previous.upper === 'NULL') {
    c.pos--;
    type = { ...type, nullable: true, range: { start: type.range.start, end: c.previous.end } };
  }
  return { kind: 'dataType', type, range: type.range };
}

function acceptEncoding(b: SpecialBuilder): void {
  if (b.accept('ENCODING')) {
    const t = b.c.peek();
    if (!b.c.isAnyKeyword(['UTF8', 'UTF16', 'UTF32'])) b.c.expected(['`UTF8`', '`UTF16`', '`UTF32`'], '`ENCODING`');
    b.kw(t.upper);
  }
}

function isNullClause(c: Cursor): boolean {
  return c.isKeywords('NULL', 'ON', 'NULL') || c.isKeywords('ABSENT', 'ON', 'NULL');
}

function acceptNullClause(c: Cursor, b: SpecialBuilder): void {
  if (c.isKeywords('NULL', 'ON', 'NULL')) b.kw('NULL', 'ON', 'NULL');
  else if (c.isKeywords('ABSENT', 'ON', 'NULL')) b.kw('ABSENT', 'ON', 'NULL');
}

/** `NULL ON EMPTY`, `DEFAULT x ON ERROR`, `EMPTY ARRAY ON ERROR`, `TRUE ON ERROR` … */
function parseJsonBehaviors(c: Cursor, b: SpecialBuilder): void {
  for (let i = 0; i < 2; i++) {
    if (c.isAnyKeyword(['NULL', 'ERROR', 'TRUE', 'FALSE', 'UNKNOWN']) && c.isKeyword('ON', 1)) b.kw(c.peek().upper);
    else if (c.isKeywords('EMPTY', 'ARRAY', 'ON')) b.kw('EMPTY', 'ARRAY');
    else if (c.isKeywords('EMPTY', 'OBJECT', 'ON')) b.kw('EMPTY', 'OBJECT');
    else if (c.isKeyword('DEFAULT')) {
      b.kw('DEFAULT');
      b.expr();
    } else return;
    b.kw('ON');
    if (c.isAnyKeyword(['EMPTY', 'ERROR'])) b.kw(c.peek().upper);
    else c.expected(['`EMPTY`', '`ERROR`'], '`ON`');
  }
}
