/**
 * A whole script: statements one after another, separated by `;` (a statement set's
 * inner `;` belong to it; the last statement may lack its `;`). A syntax error ends only
 * its own statement: it is recorded and parsing resumes at the next statement boundary,
 * so every broken statement of a file is reported.
 */
import type { Token } from '../lexer.js';
import type { QualifiedName, SyntaxIssue } from '../model/common.js';
import type { Statement } from '../model/statements.js';
import { Cursor, ParseError, type CursorOptions } from './cursor.js';
import { tooDeepIssue } from './depth.js';
import { issueOf } from './statements/dml.js';
import { isStatementStart, parseStatement } from './statements/statement.js';

export interface ScriptParse {
  statements: Statement[];
  issues: SyntaxIssue[];
  broken: BrokenStatement[];
}

/**
 * A statement that failed to parse. When it was a CREATE whose object name could still be
 * read, `creates` holds that name, so rules do not go on to report the table as missing
 * everywhere it is used: one syntax error should read as one problem.
 */
export interface BrokenStatement {
  range: { start: number; end: number };
  creates?: QualifiedName;
}

/** A file with more syntax errors than this is not SQL, or not yet: the rest of it is not parsed. */
export const MAX_SYNTAX_ISSUES = 100;

/** Where to pick up after an error: a statement keyword that starts a line. */
const RESUME_KEYWORDS = new Set([
  'CREATE',
  'ALTER',
  'DROP',
  'INSERT',
  'UPSERT',
  'EXECUTE',
  'USE',
  'SHOW',
  'DESCRIBE',
  'DESC',
  'EXPLAIN',
  'LOAD',
  'UNLOAD',
  'ADD',
  'REMOVE',
  'TRUNCATE',
  'CALL',
  'ANALYZE',
  'COMPILE',
  'RESET',
]);

export function parseTokens(tokens: Token[], text: string, options: CursorOptions): ScriptParse {
  const c = new Cursor(tokens, text, options);
  const statements: Statement[] = [];
  const issues: SyntaxIssue[] = [];
  const lexical = new Set<number>();
  for (const t of tokens) {
    if (t.kind === 'invalid') {
      if (issues.length >= MAX_SYNTAX_ISSUES) break;
      issues.push({ message: t.error ?? `unexpected \`${t.value}\``, range: { start: t.start, end: t.end } });
      lexical.add(t.start);
    }
  }
  const record = (issue: SyntaxIssue) => {
    if (!lexical.has(issue.range.start)) issues.push(issue);
  };
  let stoppedAt: number | undefined;
  const sink = { issues: [] as SyntaxIssue[] };
  const broken: BrokenStatement[] = [];

  while (!c.atEnd()) {
    if (issues.length >= MAX_SYNTAX_ISSUES) {
      stoppedAt = c.peek().start;
      break;
    }
    if (c.acceptOp(';')) continue;
    const statementStart = c.pos;
    try {
      const failed = parseOne(c, statementStart, sink, statements, tokens, record);
      if (failed) broken.push(failed);
    } finally {
      // Issues found inside statement sets, in source order with the rest.
      for (const i of sink.issues.splice(0)) record(i);
    }
  }
  issues.sort((a, b) => a.range.start - b.range.start);
  if (issues.length >= MAX_SYNTAX_ISSUES) {
    // Binary or generated junk would otherwise print one error per line: megabytes of them.
    const at = Math.min(stoppedAt ?? c.peek().start, issues[issues.length - 1]!.range.end);
    issues.splice(MAX_SYNTAX_ISSUES);
    issues.push({
      message: `more than ${MAX_SYNTAX_ISSUES} syntax errors: the rest of this file was not checked`,
      range: { start: at, end: at },
      hint: 'is this a Flink SQL file? fix the errors above and check again',
    });
  }
  return { statements, issues, broken };
}

function parseOne(
  c: Cursor,
  statementStart: number,
  sink: { issues: SyntaxIssue[] },
  statements: Statement[],
  tokens: Token[],
  record: (i: SyntaxIssue) => void,
): BrokenStatement | undefined {
  try {
    const statement = parseStatement(c, sink);
    // Checked here, once, so that nothing recursive downstream meets a tree too deep for the stack.
    const deep = tooDeepIssue(statement);
    let failed: BrokenStatement | undefined;
    if (deep) {
      record(deep);
      failed = { range: statement.range };
      const creates = createdName(new Cursor(tokens, c.text, c.options, statementStart));
      if (creates) failed.creates = creates;
    } else {
      statements.push(statement);
    }
    if (c.acceptOp(';') || c.atEnd()) return failed;
    if (isStatementStart(c)) {
      // A complete statement followed by the start of another: the `;` between them is missing.
      record(missingSemicolon(c));
      return failed;
    }
    c.expected(['`;`'], 'the end of the statement');
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    const issue = issueOf(e);
    const at = Math.max(c.pos, tokenIndexAt(tokens, e.range.start), statementStart + 1);
    c.reset(at);
    if (resumesHere(c)) {
      issue.hint = `if \`${c.peek().value}\` starts a new statement, end the previous one with \`;\``;
    } else {
      // Resume after the next `;`, or earlier at a statement keyword that starts a line.
      while (!c.atEnd() && !c.isOp(';')) {
        c.next();
        if (resumesHere(c)) break;
      }
    }
    record(issue);
    const failed: BrokenStatement = { range: { start: tokens[statementStart]!.start, end: c.previous.end } };
    const creates = createdName(new Cursor(tokens, c.text, c.options, statementStart));
    if (creates) failed.creates = creates;
    return failed;
  }
  return undefined;
}

/** `CREATE [OR REPLACE] [TEMPORARY] TABLE|VIEW [IF NOT EXISTS] name`, read as far as the name. */
function createdName(c: Cursor): QualifiedName | undefined {
  if (!c.acceptKeyword('CREATE')) return undefined;
  c.acceptKeyword('OR', 'REPLACE');
  c.acceptKeyword('TEMPORARY');
  if (!c.acceptKeyword('TABLE') && !c.acceptKeyword('VIEW')) return undefined;
  c.acceptKeyword('IF', 'NOT', 'EXISTS');
  return c.attempt(() => c.qualifiedName());
}

function resumesHere(c: Cursor): boolean {
  const t = c.peek();
  return t.newlineBefore && t.kind === 'ident' && RESUME_KEYWORDS.has(t.upper);
}

function missingSemicolon(c: Cursor): SyntaxIssue {
  const t = c.peek();
  const prev = c.previous;
  const line = lineOf(c.text, prev.end);
  return {
    message: `expected \`;\` after the statement, found \`${c.text.slice(t.start, t.end)}\``,
    range: { start: t.start, end: t.end },
    hint: `end the previous statement with \`;\` (line ${line})`,
  };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/** Index of the first token starting at or after an offset. */
function tokenIndexAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
