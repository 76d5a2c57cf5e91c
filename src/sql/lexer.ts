import type { Range } from '../text/source.js';
import { excerpt, quote } from '../text/quote.js';

/**
 * Token kinds of Flink SQL (Calcite's lexical rules with Flink's back-tick quoting).
 * - ident: an unquoted word; keywords are idents too and are recognised by the parser in
 *   context (Calcite's non-reserved keywords are valid identifiers).
 * - quoted: a `back-ticked` identifier; `value` is unescaped.
 * - string: a '...' literal (also X'..', N'..', U&'..', _charset'..'); `value` is unescaped.
 * - dquoted: a "..." run. Flink has no double-quoted identifiers or strings; kept as a token
 *   so the parser can say so at the right place.
 * - variable: an unresolved ${name} left by variable substitution; usable where an identifier
 *   or literal is, so one unresolved variable yields one diagnostic (its own), not two.
 * - invalid: a character or run the lexer cannot read (unterminated string, stray `$` …);
 *   `error` says why.
 */
export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'op' | 'dquoted' | 'variable' | 'invalid' | 'eof';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** ident: as written; quoted/string/dquoted: unescaped content; op: the operator; number: digits. */
  value: string;
  /** ident: value in upper case, for keyword comparison; '' for other kinds. */
  upper: string;
  /** string literals only: X, N, U& or _charset prefix, upper-cased. */
  prefix?: string;
  /** True when a line break separates this token from the previous one. */
  newlineBefore: boolean;
  /** invalid tokens: what is wrong. */
  error?: string;
}

export interface LexResult {
  tokens: Token[];
  comments: Range[];
  /** Hint comments are `/*+ ... *\/`; their delimiters are op tokens `/*+` and `*\/`. */
}

/** `<>` `!=` `<=` `>=` `||` `=>` `::` `->`, by character code: no string is cut to ask. */
function isMultiOp(a: number, b: number): boolean {
  switch (a) {
    case 60 /* < */:
      return b === 62 || b === 61;
    case 33 /* ! */:
    case 62 /* > */:
      return b === 61;
    case 124 /* | */:
      return b === 124;
    case 61 /* = */:
      return b === 62;
    case 58 /* : */:
      return b === 58;
    case 45 /* - */:
      return b === 62;
    default:
      return false;
  }
}
const SINGLE_OPS = new Set('(),;.=<>+-*/%[]{}?:^~|&@!#'.split(''));

/** What may stand between `${` and `}` (the same as `PLACEHOLDER` in variables.ts). */
const VARIABLE_NAME = /^[A-Za-z_][\w.-]*$/;

function isIdentStart(ch: number): boolean {
  return (
    (ch >= 65 && ch <= 90) ||
    (ch >= 97 && ch <= 122) ||
    ch === 95 /* _ */ ||
    (ch > 127 && /\p{L}/u.test(String.fromCharCode(ch)))
  );
}

function isIdentPart(ch: number): boolean {
  return (
    isIdentStart(ch) ||
    (ch >= 48 && ch <= 57) ||
    ch === 36 /* $ */ ||
    (ch > 127 && /[\p{L}\p{N}]/u.test(String.fromCharCode(ch)))
  );
}

function isDigit(ch: number): boolean {
  return ch >= 48 && ch <= 57;
}

export function tokenize(text: string): LexResult {
  const tokens: Token[] = [];
  const comments: Range[] = [];
  const n = text.length;
  let i = 0;
  let newline = false;
  let inHint = false;

  // Every token is built by this one literal, so all share one shape; the rare fields are added after.
  // (A spread of `extra` here made each token a slow copy and was most of what the lexer allocated.)
  const push = (kind: TokenKind, start: number, end: number, value: string, extra?: Partial<Token>) => {
    const token: Token = {
      kind,
      start,
      end,
      value,
      upper: kind === 'ident' ? value.toUpperCase() : '',
      newlineBefore: newline,
    };
    if (extra) Object.assign(token, extra);
    tokens.push(token);
    newline = false;
  };

  const readQuoted = (start: number, quote: number): { end: number; value: string; closed: boolean } => {
    // SQL escapes the quote by doubling it; no backslash escapes.
    let j = start + 1;
    let value = '';
    let segmentStart = j;
    while (j < n) {
      const ch = text.charCodeAt(j);
      if (ch === quote) {
        if (text.charCodeAt(j + 1) === quote) {
          value += text.slice(segmentStart, j + 1);
          j += 2;
          segmentStart = j;
          continue;
        }
        value += text.slice(segmentStart, j);
        return { end: j + 1, value, closed: true };
      }
      j++;
    }
    value += text.slice(segmentStart, n);
    return { end: n, value, closed: false };
  };

  while (i < n) {
    const ch = text.charCodeAt(i);
    // whitespace
    if (ch === 10 || ch === 13) {
      newline = true;
      i++;
      continue;
    }
    if (ch === 32 || ch === 9 || ch === 12 || ch === 11 || ch === 0xa0 || ch === 0xfeff) {
      i++;
      continue;
    }
    // comments
    if (ch === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      let j = i + 2;
      while (j < n && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
      comments.push({ start: i, end: j });
      i = j;
      continue;
    }
    if (ch === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      if (text.charCodeAt(i + 2) === 43 /* + */) {
        push('op', i, i + 3, '/*+');
        inHint = true;
        i += 3;
        continue;
      }
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        push('invalid', i, n, '/*', { error: 'this comment is never closed: add `*/` where it should end' });
        comments.push({ start: i, end: n });
        i = n;
        continue;
      }
      const body = text.slice(i, close + 2);
      if (body.includes('\n') || body.includes('\r')) newline = true;
      comments.push({ start: i, end: close + 2 });
      i = close + 2;
      continue;
    }
    if (inHint && ch === 42 /* * */ && text.charCodeAt(i + 1) === 47) {
      push('op', i, i + 2, '*/');
      inHint = false;
      i += 2;
      continue;
    }
    // strings, with optional prefix
    if (ch === 39 /* ' */) {
      const q = readQuoted(i, 39);
      if (!q.closed)
        push('invalid', i, q.end, text.slice(i, q.end), { error: "this string is never closed: add the closing `'`" });
      else push('string', i, q.end, q.value);
      i = q.end;
      continue;
    }
    if ((ch === 88 || ch === 120 || ch === 78 || ch === 110) && text.charCodeAt(i + 1) === 39) {
      const q = readQuoted(i + 1, 39);
      if (!q.closed)
        push('invalid', i, q.end, text.slice(i, q.end), { error: "this string is never closed: add the closing `'`" });
      else push('string', i, q.end, q.value, { prefix: text[i]!.toUpperCase() });
      i = q.end;
      continue;
    }
    if ((ch === 85 || ch === 117) && text.charCodeAt(i + 1) === 38 /* & */ && text.charCodeAt(i + 2) === 39) {
      const q = readQuoted(i + 2, 39);
      if (!q.closed)
        push('invalid', i, q.end, text.slice(i, q.end), { error: "this string is never closed: add the closing `'`" });
      else push('string', i, q.end, q.value, { prefix: 'U&' });
      i = q.end;
      continue;
    }
    if (ch === 96 /* ` */) {
      const q = readQuoted(i, 96);
      if (!q.closed)
        push('invalid', i, q.end, text.slice(i, q.end), {
          error: 'this quoted identifier is never closed: add the closing back-tick',
        });
      else push('quoted', i, q.end, q.value);
      i = q.end;
      continue;
    }
    if (ch === 34 /* " */) {
      const q = readQuoted(i, 34);
      push(
        q.closed ? 'dquoted' : 'invalid',
        i,
        q.end,
        q.value,
        q.closed ? undefined : { error: 'this double-quoted text is never closed' },
      );
      i = q.end;
      continue;
    }
    // ${variable} left unresolved by substitution
    if (ch === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
      const close = text.indexOf('}', i + 2);
      if (close > 0 && VARIABLE_NAME.test(text.slice(i + 2, close))) {
        push('variable', i, close + 1, text.slice(i + 2, close));
        i = close + 1;
        continue;
      }
    }
    // charset-prefixed string: _UTF16'abc'
    if (ch === 95 /* _ */) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 39 && j > i + 1) {
        const q = readQuoted(j, 39);
        if (!q.closed)
          push('invalid', i, q.end, text.slice(i, q.end), {
            error: "this string is never closed: add the closing `'`",
          });
        else push('string', i, q.end, q.value, { prefix: text.slice(i, j).toUpperCase() });
        i = q.end;
        continue;
      }
    }
    if (isIdentStart(ch)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      push('ident', i, j, text.slice(i, j));
      i = j;
      continue;
    }
    if (isDigit(ch) || (ch === 46 /* . */ && isDigit(text.charCodeAt(i + 1)))) {
      let j = i;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 46 && !(text.charCodeAt(j + 1) === 46)) {
        j++;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
      }
      const e = text.charCodeAt(j);
      if (e === 69 || e === 101) {
        let k = j + 1;
        const sign = text.charCodeAt(k);
        if (sign === 43 || sign === 45) k++;
        if (isDigit(text.charCodeAt(k))) {
          while (k < n && isDigit(text.charCodeAt(k))) k++;
          j = k;
        }
      }
      push('number', i, j, text.slice(i, j));
      i = j;
      continue;
    }
    if (isMultiOp(ch, text.charCodeAt(i + 1))) {
      push('op', i, i + 2, text.slice(i, i + 2));
      i += 2;
      continue;
    }
    const one = text[i]!;
    if (SINGLE_OPS.has(one)) {
      push('op', i, i + 1, one);
      i++;
      continue;
    }
    push('invalid', i, i + 1, one, { error: `unexpected character \`${one}\`` });
    i++;
  }
  tokens.push({ kind: 'eof', start: n, end: n, value: '', upper: '', newlineBefore: newline });
  return { tokens, comments };
}

/**
 * The comments of a text, exactly as `tokenize` finds them, without building tokens: for callers
 * that need only where the comments are (variable substitution, the runner's script).
 */
export function commentRanges(text: string): Range[] {
  const comments: Range[] = [];
  const n = text.length;
  let inHint = false;
  let i = 0;
  // Skips a quoted run the way tokenize's readQuoted does: a doubled quote is part of it; unclosed runs to the end.
  const skipQuoted = (start: number, q: number): number => {
    let j = start + 1;
    while (j < n) {
      if (text.charCodeAt(j) === q) {
        if (text.charCodeAt(j + 1) !== q) return j + 1;
        j += 2;
      } else j++;
    }
    return n;
  };
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      let j = i + 2;
      while (j < n && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
      comments.push({ start: i, end: j });
      i = j;
    } else if (ch === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      if (text.charCodeAt(i + 2) === 43 /* + */) {
        inHint = true;
        i += 3;
        continue;
      }
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      comments.push({ start: i, end });
      i = end;
    } else if (inHint && ch === 42 /* * */ && text.charCodeAt(i + 1) === 47) {
      inHint = false;
      i += 2;
    } else if (ch === 39 /* ' */ || ch === 96 /* ` */ || ch === 34 /* " */) {
      // A prefix (X, N, U&, _charset) is read as ordinary characters first; the quote starts the run either way.
      i = skipQuoted(i, ch);
    } else if (ch === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
      // `${a--b}` is one variable token to tokenize, not the start of a comment.
      const close = text.indexOf('}', i + 2);
      i = close > 0 && VARIABLE_NAME.test(text.slice(i + 2, close)) ? close + 1 : i + 1;
    } else if (isIdentStart(ch)) {
      // A word may hold `$` (`a${x}` is the word `a$` to tokenize): read it whole, as tokenize does.
      i++;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
    } else i++;
  }
  return comments;
}

/** How a token reads in an error message: `price`, `,`, end of input. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the script';
    case 'string':
      return `string '${excerpt(token.value, 30)}'`;
    case 'dquoted':
      return `"${excerpt(token.value)}"`;
    case 'variable':
      return `\${${excerpt(token.value)}}`;
    default:
      return quote(token.value);
  }
}
