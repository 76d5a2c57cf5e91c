/**
 * Canonical SQL text of queries and expressions. The parser keeps the user's parentheses
 * as nodes, so printing operands in tree order reproduces the same tree when parsed again
 * (parse -> print -> parse is stable, ranges aside). Output is one line: the script
 * printer decides line breaks between statements.
 */
import type { Identifier, QualifiedName } from '../model/common.js';
import type {
  Expression,
  GroupItem,
  Hint,
  HintValue,
  IntervalQualifier,
  OrderItem,
  Pattern,
  Query,
  SelectQuery,
  SpecialCallPart,
  TableAlias,
  TableRef,
  WindowFrameBound,
  WindowSpec,
} from '../model/query.js';
import { printDataType, printIdentifier, printString } from './data-type.js';

const id = printIdentifier;

function name(n: QualifiedName): string {
  return n.parts.map(id).join('.');
}

function list<T>(items: T[], print: (item: T) => string): string {
  return items.map(print).join(', ');
}

export function printQuery(q: Query): string {
  switch (q.kind) {
    case 'select':
      return printSelect(q);
    case 'values':
      return 'VALUES ' + list(q.rows, (r) => `(${list(r.values, printExpression)})`);
    case 'setOperation': {
      // `… UNION ALL …` 10,000 times is a left-deep tree: a loop, not 10,000 nested calls.
      const tail: string[] = [];
      let left: Query = q;
      while (left.kind === 'setOperation') {
        tail.push(` ${left.operator}${left.quantifier ? ' ' + left.quantifier : ''} ${printQuery(left.right)}`);
        left = left.left;
      }
      return printQuery(left) + tail.reverse().join('');
    }
    case 'with':
      return (
        `WITH ${q.recursive ? 'RECURSIVE ' : ''}` +
        list(
          q.ctes,
          (cte) => `${id(cte.name)}${cte.columns ? ` (${list(cte.columns, id)})` : ''} AS (${printQuery(cte.query)})`,
        ) +
        ' ' +
        printQuery(q.body)
      );
    case 'ordered': {
      let s = printQuery(q.query);
      if (q.orderBy.length > 0) s += ' ORDER BY ' + printOrderItems(q.orderBy);
      if (q.limit !== undefined) s += ' LIMIT ' + (q.limit === 'ALL' ? 'ALL' : printExpression(q.limit));
      if (q.offset !== undefined) s += ` OFFSET ${printExpression(q.offset)} ROWS`;
      if (q.fetch !== undefined) s += ` FETCH NEXT ${printExpression(q.fetch)} ROWS ONLY`;
      return s;
    }
    case 'parenthesized':
      return `(${printQuery(q.query)})`;
    case 'explicitTable':
      return `TABLE ${name(q.name)}`;
  }
}

function printSelect(q: SelectQuery): string {
  let s = 'SELECT ';
  if (q.hints.length > 0) s += printHints(q.hints) + ' ';
  if (q.quantifier) s += q.quantifier + ' ';
  s += list(q.items, (item) => printExpression(item.expression) + (item.alias ? ' AS ' + id(item.alias) : ''));
  if (q.from) s += ' FROM ' + printTableRef(q.from);
  if (q.where) s += ' WHERE ' + printExpression(q.where);
  if (q.groupBy) {
    s +=
      ' GROUP BY ' + (q.groupBy.quantifier ? q.groupBy.quantifier + ' ' : '') + list(q.groupBy.items, printGroupItem);
  }
  if (q.having) s += ' HAVING ' + printExpression(q.having);
  if (q.windows.length > 0) s += ' WINDOW ' + list(q.windows, (w) => `${id(w.name)} AS ${printWindowSpec(w.spec)}`);
  if (q.qualify) s += ' QUALIFY ' + printExpression(q.qualify);
  return s;
}

function printGroupItem(item: GroupItem): string {
  switch (item.kind) {
    case 'groupingSets':
      return `GROUPING SETS (${list(item.items, printGroupItem)})`;
    case 'rollup':
      return `ROLLUP (${list(item.items, printGroupItem)})`;
    case 'cube':
      return `CUBE (${list(item.items, printGroupItem)})`;
    default:
      return printExpression(item);
  }
}

export function printHints(hints: Hint[]): string {
  if (hints.length === 0) return '';
  const hintValue = (v: HintValue) =>
    v.form === 'string'
      ? printString(v.text)
      : v.form === 'number' || /^[A-Za-z_][A-Za-z0-9_$]*$/.test(v.text)
        ? v.text
        : '`' + v.text.replace(/`/g, '``') + '`';
  return (
    '/*+ ' +
    list(
      hints,
      (h) =>
        id(h.name) +
        (h.options
          ? `(${list(h.options, (o) => (o.key ? `${hintValue(o.key)}=${hintValue(o.value)}` : hintValue(o.value)))})`
          : ''),
    ) +
    ' */'
  );
}

function printAlias(alias: TableAlias | undefined): string {
  if (!alias) return '';
  return ` AS ${id(alias.name)}${alias.columns ? `(${list(alias.columns, id)})` : ''}`;
}

export function printTableRef(t: TableRef): string {
  switch (t.kind) {
    case 'tableName': {
      let s = name(t.name);
      if (t.hints.length > 0) s += ' ' + printHints(t.hints);
      if (t.systemTime) s += ' FOR SYSTEM_TIME AS OF ' + printExpression(t.systemTime);
      return s + printAlias(t.alias);
    }
    case 'derived':
      return `${t.lateral ? 'LATERAL ' : ''}(${printQuery(t.query)})${printAlias(t.alias)}`;
    case 'tableFunction':
      if (t.bare) return printExpression(t.call) + printAlias(t.alias);
      return `${t.lateral ? 'LATERAL ' : ''}TABLE(${printExpression(t.call)})${printAlias(t.alias)}`;
    case 'unnest':
      return `${t.lateral ? 'LATERAL ' : ''}UNNEST(${list(t.args, printExpression)})${t.withOrdinality ? ' WITH ORDINALITY' : ''}${printAlias(t.alias)}`;
    case 'join': {
      // A chain of joins is a left-deep tree: printed by a loop.
      const tail: string[] = [];
      let left: TableRef = t;
      while (left.kind === 'join') {
        tail.push(printJoinRight(left));
        left = left.left;
      }
      return printTableRef(left) + tail.reverse().join('');
    }
    case 'parenthesizedTable':
      return `(${printTableRef(t.table)})${printAlias(t.alias)}`;
    case 'matchRecognize': {
      const parts: string[] = [];
      if (t.partitionBy.length > 0) parts.push('PARTITION BY ' + list(t.partitionBy, printExpression));
      if (t.orderBy.length > 0) parts.push('ORDER BY ' + printOrderItems(t.orderBy));
      if (t.measures.length > 0)
        parts.push(
          'MEASURES ' + list(t.measures, (m) => `${printExpression(m.expression)} AS ${m.alias ? id(m.alias) : ''}`),
        );
      if (t.rowsPerMatch) parts.push(t.rowsPerMatch);
      if (t.afterMatch)
        parts.push(
          `AFTER MATCH SKIP ${t.afterMatch.mode}${t.afterMatch.variable ? ' ' + id(t.afterMatch.variable) : ''}`,
        );
      parts.push(`PATTERN (${t.strictStart ? '^' : ''}${printPattern(t.pattern)}${t.strictEnd ? ' $' : ''})`);
      if (t.within) parts.push('WITHIN ' + printExpression(t.within));
      if (t.subsets.length > 0)
        parts.push('SUBSET ' + list(t.subsets, (s) => `${id(s.name)} = (${list(s.variables, id)})`));
      parts.push('DEFINE ' + list(t.define, (d) => `${id(d.variable)} AS ${printExpression(d.condition)}`));
      return `${printTableRef(t.input)} MATCH_RECOGNIZE (${parts.join(' ')})${printAlias(t.alias)}`;
    }
  }
}

/** What a join adds to its left side: `, b` or ` LEFT JOIN b ON …`. */
function printJoinRight(t: Extract<TableRef, { kind: 'join' }>): string {
  if (t.joinType === 'COMMA') return `, ${printTableRef(t.right)}`;
  let s = ` ${t.natural ? 'NATURAL ' : ''}${t.joinType} JOIN ${printTableRef(t.right)}`;
  if (t.on) s += ' ON ' + printExpression(t.on);
  if (t.using) s += ` USING (${list(t.using, id)})`;
  return s;
}

function printPattern(p: Pattern): string {
  switch (p.kind) {
    case 'alternation':
      return p.alternatives.map(printPattern).join(' | ');
    case 'concatenation':
      return p.items.map(printPattern).join(' ');
    case 'quantified': {
      let q: string;
      if (p.form !== '{}') q = p.form;
      else if (p.max === undefined) q = `{${p.min},}`;
      else if (p.max === p.min) q = `{${p.min}}`;
      else q = `{${p.min},${p.max}}`;
      return printPattern(p.term) + q + (p.reluctant ? '?' : '');
    }
    case 'variable':
      return id(p.name);
    case 'group':
      return `(${p.pattern ? printPattern(p.pattern) : ''})`;
    case 'permute':
      return `PERMUTE(${p.items.map(printPattern).join(', ')})`;
    case 'exclusion':
      return `{- ${printPattern(p.pattern)} -}`;
  }
}

export function printOrderItems(items: OrderItem[]): string {
  return list(
    items,
    (o) =>
      printExpression(o.expression) + (o.direction ? ' ' + o.direction : '') + (o.nulls ? ' NULLS ' + o.nulls : ''),
  );
}

function printBound(b: WindowFrameBound): string {
  return b.offset ? `${printExpression(b.offset)} ${b.bound}` : b.bound;
}

export function printWindowSpec(w: WindowSpec): string {
  const parts: string[] = [];
  if (w.base) parts.push(id(w.base));
  if (w.partitionBy.length > 0) parts.push('PARTITION BY ' + list(w.partitionBy, printExpression));
  if (w.orderBy.length > 0) parts.push('ORDER BY ' + printOrderItems(w.orderBy));
  if (w.frame) {
    parts.push(
      w.frame.end
        ? `${w.frame.unit} BETWEEN ${printBound(w.frame.start)} AND ${printBound(w.frame.end)}`
        : `${w.frame.unit} ${printBound(w.frame.start)}`,
    );
  }
  if (w.partial !== undefined) parts.push(w.partial ? 'ALLOW PARTIAL' : 'DISALLOW PARTIAL');
  return `(${parts.join(' ')})`;
}

function printQualifier(q: IntervalQualifier): string {
  let s = q.start;
  if (q.startPrecision !== undefined)
    s += `(${q.startPrecision}${q.fractionalPrecision !== undefined ? `, ${q.fractionalPrecision}` : ''})`;
  if (q.end) s += ` TO ${q.end}${q.endPrecision !== undefined ? `(${q.endPrecision})` : ''}`;
  return s;
}

function printTail(e: { filter?: Expression; over?: WindowSpec | Identifier }): string {
  let s = '';
  if (e.filter) s += ` FILTER (WHERE ${printExpression(e.filter)})`;
  if (e.over) s += ' OVER ' + ('value' in e.over ? id(e.over) : printWindowSpec(e.over));
  return s;
}

function printPart(p: SpecialCallPart): string {
  if (p.kind === 'keyword') return p.text;
  if (p.kind === 'dataType') return printDataType(p.type);
  return printExpression(p);
}

export function printExpression(e: Expression): string {
  switch (e.kind) {
    case 'literal':
      switch (e.literalKind) {
        case 'string':
          return (e.prefix ?? '') + printString(e.value);
        case 'binary':
          return `X'${e.value}'`;
        default:
          return e.value;
      }
    case 'typedLiteral':
      return `${e.type} ${printString(e.value)}`;
    case 'interval':
      return `INTERVAL ${e.sign ?? ''}${printExpression(e.value)} ${printQualifier(e.qualifier)}`;
    case 'column':
      return name(e.name);
    case 'star':
      return e.qualifier ? name(e.qualifier) + '.*' : '*';
    case 'parameter':
      return '?';
    case 'unary': {
      const operand = printExpression(e.operand);
      if (e.operator === '-' || e.operator === '+') return e.operator + (/^[-+]/.test(operand) ? ' ' : '') + operand;
      return `${e.operator} ${operand}`;
    }
    case 'binary': {
      // `1 + 1 + …` 5,000 times is a left-deep tree: a loop, not 5,000 nested calls.
      const tail: string[] = [];
      let left: Expression = e;
      while (left.kind === 'binary') {
        tail.push(` ${left.operator} ${printExpression(left.right)}`);
        left = left.left;
      }
      return printExpression(left) + tail.reverse().join('');
    }
    case 'is':
      return `${printExpression(e.operand)} IS ${e.not ? 'NOT ' : ''}${e.test}`;
    case 'distinctFrom':
      return `${printExpression(e.left)} IS ${e.not ? 'NOT ' : ''}DISTINCT FROM ${printExpression(e.right)}`;
    case 'like':
      return `${printExpression(e.operand)} ${e.not ? 'NOT ' : ''}${e.operator} ${printExpression(e.pattern)}${e.escape ? ' ESCAPE ' + printExpression(e.escape) : ''}`;
    case 'between':
      return `${printExpression(e.operand)} ${e.not ? 'NOT ' : ''}BETWEEN ${e.symmetry ? e.symmetry + ' ' : ''}${printExpression(e.low)} AND ${printExpression(e.high)}`;
    case 'in':
      return `${printExpression(e.operand)} ${e.not ? 'NOT ' : ''}IN (${e.query ? printQuery(e.query) : list(e.list ?? [], printExpression)})`;
    case 'quantified':
      return `${printExpression(e.operand)} ${e.operator} ${e.quantifier} (${e.query ? printQuery(e.query) : list(e.list ?? [], printExpression)})`;
    case 'exists':
      return `EXISTS (${printQuery(e.query)})`;
    case 'subquery':
      return `(${printQuery(e.query)})`;
    case 'parenthesized':
      return `(${printExpression(e.expression)})`;
    case 'row':
      return `${e.explicit ? 'ROW' : ''}(${list(e.items, printExpression)})`;
    case 'collection':
      return e.query
        ? `${e.collection}(${printQuery(e.query)})`
        : `${e.collection}[${list(e.items ?? [], printExpression)}]`;
    case 'case': {
      let s = 'CASE';
      if (e.operand) s += ' ' + printExpression(e.operand);
      for (const w of e.whens) s += ` WHEN ${printExpression(w.when)} THEN ${printExpression(w.then)}`;
      if (e.else) s += ' ELSE ' + printExpression(e.else);
      return s + ' END';
    }
    case 'cast':
      return `${e.function}(${printExpression(e.operand)} AS ${printDataType(e.type)})`;
    case 'call': {
      if (!e.parens) return name(e.name);
      let s = name(e.name) + '(';
      if (e.quantifier) s += e.quantifier + ' ';
      s += list(e.args, printExpression);
      if (e.orderBy) s += ' ORDER BY ' + printOrderItems(e.orderBy);
      s += ')';
      if (e.nullTreatment) s += ' ' + e.nullTreatment;
      if (e.withinGroup) s += ` WITHIN GROUP (ORDER BY ${printOrderItems(e.withinGroup)})`;
      return s + printTail(e);
    }
    case 'specialCall': {
      let s = '';
      for (const p of e.parts) {
        const text = printPart(p);
        s += s === '' || text === ',' ? text : ' ' + text;
      }
      return `${e.name}(${s})${printTail(e)}`;
    }
    case 'index':
      return `${printExpression(e.base)}[${printExpression(e.index)}]`;
    case 'field':
      return `${printExpression(e.base)}.${id(e.field)}`;
    case 'namedArgument':
      return `${id(e.name)} => ${printExpression(e.value)}`;
    case 'tableArgument': {
      let s = e.query ? `TABLE (${printQuery(e.query)})` : `TABLE ${e.name ? name(e.name) : ''}`;
      if (e.partitionBy.length === 1) s += ' PARTITION BY ' + printExpression(e.partitionBy[0]!);
      else if (e.partitionBy.length > 1) s += ` PARTITION BY (${list(e.partitionBy, printExpression)})`;
      if (e.orderBy.length === 1) s += ' ORDER BY ' + printOrderItems(e.orderBy);
      else if (e.orderBy.length > 1) s += ` ORDER BY (${printOrderItems(e.orderBy)})`;
      return s;
    }
    case 'model':
      return `MODEL ${name(e.name)}`;
    case 'default':
      return 'DEFAULT';
  }
}
