import { tokenize } from '../lexer.js';
import type { Statement } from '../model/statements.js';
import { parseScript } from '../parse.js';
import type { Range } from '../../text/source.js';
import { printScript } from './statements.js';

/**
 * The script written into a job's image, for the operator's SQL runner
 * (`flink-sql-runner-example`), whose reader is naive: it deletes `--…` and `/*…*\/` with one
 * regex over the whole text (string literals included), trims every line, and ends a
 * statement at any line that ends with `;`. The canonical printer already emits no comments
 * and one `;` per statement end. This also carries string literals of queries intact
 * through that reader, by splitting them into adjacent literals on separate lines, which
 * SQL concatenates back into the same value:
 * - between the two characters of `--`, `/*` and `*\/`, so the comment regex finds nothing;
 * - around every line break inside a literal, so no line inside it ends with `;` and the
 *   runner's trimming cannot eat the spaces that begin the next line.
 * Only literals in expressions are split: elsewhere (WITH options, SET, COMMENT) Flink's
 * grammar wants a single literal, and the rule `sql/runner-compatibility` warns instead.
 */
export function printRunnerScript(statements: Statement[]): string {
  const text = printScript(statements, { runner: true });
  // The printed script always has line breaks; only a string literal holding an unsafe run
  // is worth the second parse that finds which literals are expressions.
  if (!tokenize(text).tokens.some((t) => t.kind === 'string' && UNSAFE.test(t.value))) return text;
  // Printing is version-neutral: read it back with the newest grammar.
  const ranges = expressionStringRanges(parseScript(text, { flinkVersion: '2.2' }).statements);
  let out = text;
  for (const r of ranges.sort((a, b) => b.start - a.start)) {
    const raw = out.slice(r.start, r.end);
    const quote = raw.indexOf("'");
    const body = raw.slice(quote + 1, -1);
    if (quote < 0 || !UNSAFE.test(body)) continue;
    out = out.slice(0, r.start) + raw.slice(0, quote) + splitLiteral(body) + out.slice(r.end);
  }
  return out;
}

const UNSAFE = /--|\/\*|\*\/|[\r\n]/;

/** Ranges of string literals that are expressions (`kind: 'literal'`), found by a plain walk over the model. */
function expressionStringRanges(statements: Statement[]): Range[] {
  const out: Range[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.kind === 'literal' && o.literalKind === 'string' && o.range) out.push(o.range as Range);
    for (const [key, value] of Object.entries(o)) if (key !== 'range') visit(value);
  };
  visit(statements);
  return out;
}

/** `body` is the escaped content between the quotes; the result is `'part'` pieces on separate lines. */
function splitLiteral(body: string): string {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\n' || ch === '\r') {
      // a line break is a literal of its own, so no part's line ends inside the value
      if (current) parts.push(current);
      const crlf = ch === '\r' && body[i + 1] === '\n';
      parts.push(crlf ? '\r\n' : ch);
      if (crlf) i++;
      current = '';
      continue;
    }
    current += ch;
    const pair = ch + (body[i + 1] ?? '');
    if (pair === '--' || pair === '/*' || pair === '*/') {
      parts.push(current);
      current = '';
    }
  }
  if (current || parts.length === 0) parts.push(current);
  return parts.map((p) => `'${p}'`).join('\n');
}
