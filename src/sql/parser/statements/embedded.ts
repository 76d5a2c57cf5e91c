/**
 * The query and expression parsers (Engineer Q's `../query.js` and `../expression.js`),
 * reached through this one module so statement parsers have a single seam to them.
 * Until those modules exist, a token-skipping stand-in keeps DDL/DML parsing usable.
 */
import type { Expression, Hint, Query } from '../../model/query.js';
import type { Cursor } from '../cursor.js';

const STOP_KEYWORDS = new Set(['END']);

function skip(c: Cursor, stopAtComma: boolean): { start: number; end: number } {
  const start = c.peek().start;
  let depth = 0;
  while (!c.atEnd()) {
    const t = c.peek();
    if (t.kind === 'op') {
      if (t.value === ';' && depth === 0) break;
      if (t.value === '(' || t.value === '[') depth++;
      else if (t.value === ')' || t.value === ']') {
        if (depth === 0) break;
        depth--;
      } else if (t.value === ',' && depth === 0 && stopAtComma) break;
    } else if (t.kind === 'ident' && depth === 0 && STOP_KEYWORDS.has(t.upper)) break;
    c.next();
  }
  if (c.peek().start === start) c.expected(['an expression']);
  return c.rangeFrom(start);
}

export function parseQuery(c: Cursor): Query {
  return { kind: 'parenthesized', range: skip(c, false) } as unknown as Query;
}

export function parseExpression(c: Cursor): Expression {
  return { kind: 'literal', range: skip(c, true) } as unknown as Expression;
}

export function isQueryStart(c: Cursor): boolean {
  return c.isKeyword('SELECT') || c.isKeyword('WITH') || c.isKeyword('VALUES') || c.isKeyword('TABLE') || (c.isOp('(') && (c.isKeyword('SELECT', 1) || c.isKeyword('WITH', 1) || c.isKeyword('VALUES', 1) || c.isOp('(', 1)));
}

export function parseTableHints(c: Cursor): Hint[] {
  if (!c.isOp('/*+')) return [];
  const start = c.next().start;
  while (!c.atEnd() && !c.isOp('*/')) c.next();
  c.expectOp('*/');
  return [{ range: c.rangeFrom(start) } as unknown as Hint];
}
