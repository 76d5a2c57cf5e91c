import { DomainError } from '../../errors.js';
import { describeToken, type Token } from '../lexer.js';
import type { Identifier, QualifiedName } from '../model/common.js';
import type { Range } from '../../text/source.js';
import { isReserved } from './keywords.js';
import { compareVersions, type FlinkVersion } from './versions.js';
import { quote } from '../../text/quote.js';

/**
 * Thrown inside one statement's parse; the script parser catches it at the statement
 * boundary, records it, and goes on with the next statement.
 */
export class ParseError extends DomainError {
  constructor(
    message: string,
    readonly range: Range,
    hint?: string,
  ) {
    super(message, hint);
  }
}

export interface CursorOptions {
  flinkVersion: FlinkVersion;
}

/**
 * A position in the token list of one script, with the small vocabulary every parsing
 * module uses: look at, accept or expect keywords and operators, read identifiers, and
 * build ranges. Keywords are matched on unquoted idents only, so `select` in back-ticks
 * is always a name.
 */
export class Cursor {
  pos: number;

  constructor(
    readonly tokens: Token[],
    readonly text: string,
    readonly options: CursorOptions,
    start = 0,
  ) {
    this.pos = start;
  }

  peek(n = 0): Token {
    const i = this.pos + n;
    return this.tokens[i < this.tokens.length ? i : this.tokens.length - 1]!;
  }

  /** The token before the current one (for the end of a range). */
  get previous(): Token {
    return this.tokens[this.pos > 0 ? this.pos - 1 : 0]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  /** True when the token n ahead is the unquoted keyword `kw` (upper case). */
  isKeyword(kw: string, n = 0): boolean {
    const t = this.peek(n);
    return t.kind === 'ident' && t.upper === kw;
  }

  /** True when the next tokens are exactly these keywords, in order. */
  isKeywords(...kws: string[]): boolean {
    for (let i = 0; i < kws.length; i++) if (!this.isKeyword(kws[i]!, i)) return false;
    return true;
  }

  isAnyKeyword(kws: readonly string[], n = 0): boolean {
    const t = this.peek(n);
    return t.kind === 'ident' && kws.includes(t.upper);
  }

  /** Consumes the keyword sequence if it is next; all or nothing. */
  acceptKeyword(...kws: string[]): boolean {
    if (!this.isKeywords(...kws)) return false;
    this.pos += kws.length;
    return true;
  }

  expectKeyword(...kws: string[]): Token {
    const first = this.peek();
    for (const kw of kws) {
      if (!this.isKeyword(kw)) this.expected([`\`${kw}\``]);
      this.next();
    }
    return first;
  }

  isOp(op: string, n = 0): boolean {
    const t = this.peek(n);
    return t.kind === 'op' && t.value === op;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.pos++;
    return true;
  }

  expectOp(op: string, context?: string): Token {
    if (!this.isOp(op)) this.expected([`\`${op}\``], context);
    return this.next();
  }

  /** An identifier here: an unquoted non-reserved word, a back-ticked name or an unresolved variable. */
  isIdentifier(n = 0): boolean {
    const t = this.peek(n);
    return (
      t.kind === 'quoted' ||
      t.kind === 'variable' ||
      (t.kind === 'ident' && !isReserved(t.upper, this.options.flinkVersion))
    );
  }

  /** Like isIdentifier, but also accepts reserved words (for positions where the grammar allows any word, e.g. after a dot). */
  isAnyWord(n = 0): boolean {
    const t = this.peek(n);
    return t.kind === 'quoted' || t.kind === 'variable' || t.kind === 'ident';
  }

  identifier(what = 'a name', options: { allowReserved?: boolean } = {}): Identifier {
    const t = this.peek();
    if (options.allowReserved ? this.isAnyWord() : this.isIdentifier()) {
      this.next();
      return {
        value: t.kind === 'variable' ? '${' + t.value + '}' : t.value,
        quoted: t.kind === 'quoted',
        range: { start: t.start, end: t.end },
      };
    }
    if (t.kind === 'ident' && isReserved(t.upper, this.options.flinkVersion)) {
      this.fail(
        `expected ${what}, found the reserved word \`${t.value}\``,
        t,
        `\`${t.value}\` is a reserved word in Flink SQL: quote it with back-ticks, \`${t.value}\`, to use it as a name`,
      );
    }
    if (t.kind === 'dquoted') {
      this.fail(
        `expected ${what}, found ${describeToken(t)}`,
        t,
        'Flink quotes names with back-ticks (`name`), not double quotes',
      );
    }
    return this.expected([what]);
  }

  /** a, a.b, a.b.c — parts after a dot may be reserved words (Calcite allows `t.value`? no: only quoted). */
  qualifiedName(what = 'a name'): QualifiedName {
    const first = this.identifier(what);
    const parts = [first];
    while (this.isOp('.') && this.isAnyWord(1)) {
      this.next();
      parts.push(this.identifier(what, { allowReserved: true }));
    }
    return { parts, range: { start: first.range.start, end: parts[parts.length - 1]!.range.end } };
  }

  /** Range from a start offset (or token) to the end of the last consumed token. */
  rangeFrom(start: number | Token | { range: Range }): Range {
    const s = typeof start === 'number' ? start : 'range' in start ? start.range.start : start.start;
    return { start: s, end: Math.max(s, this.previous.end) };
  }

  mark(): number {
    return this.pos;
  }

  reset(mark: number): void {
    this.pos = mark;
  }

  /** Tries a parse; on ParseError rewinds and returns undefined. For the few real ambiguities only. */
  attempt<T>(parse: () => T): T | undefined {
    const m = this.pos;
    try {
      return parse();
    } catch (e) {
      if (e instanceof ParseError) {
        this.pos = m;
        return undefined;
      }
      throw e;
    }
  }

  fail(message: string, at: Token | Range = this.peek(), hint?: string): never {
    const range =
      'kind' in at ? { start: at.start, end: Math.max(at.end, at.start + (at.kind === 'eof' ? 0 : 1)) } : at;
    throw new ParseError(message, range, hint);
  }

  /**
   * "expected `,` or `)` after column `price`, found `name`". The error sits on the
   * unexpected token; when that token is on a later line, at the end of the previous
   * token instead, where the user has to type the fix.
   */
  expected(what: string[], context?: string): never {
    const t = this.peek();
    const list = what.length <= 1 ? (what[0] ?? 'more') : `${what.slice(0, -1).join(', ')} or ${what[what.length - 1]}`;
    const after =
      context ??
      (this.pos > 0
        ? quote(
            this.previous.kind === 'string'
              ? "'" + this.previous.value + "'"
              : this.text.slice(this.previous.start, this.previous.end),
          )
        : undefined);
    const message = `expected ${list}${after ? ` after ${after}` : ''}, found ${describeToken(t)}`;
    if (t.kind === 'invalid') this.fail(t.error ?? message, t);
    let hint: string | undefined;
    if (t.kind === 'dquoted')
      hint = "Flink quotes strings with single quotes ('text') and names with back-ticks (`name`)";
    this.fail(message, t, hint);
  }

  /** A construct that needs a newer Flink than the job declares. */
  requireVersion(minimum: FlinkVersion, feature: string, at: Token | Range): void {
    if (compareVersions(this.options.flinkVersion, minimum) < 0) {
      this.fail(
        `${feature} needs Flink ${minimum} or later; this job declares flinkVersion ${this.options.flinkVersion}`,
        at,
        `raise flinkVersion in the job manifest to ${minimum} or later, or rewrite without ${feature}`,
      );
    }
  }
}
