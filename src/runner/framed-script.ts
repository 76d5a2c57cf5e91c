import { commentRanges, tokenize } from '../sql/lexer.js';
import type { SqlUnit } from '../sql/build-units.js';
import { LineMap } from '../text/source.js';

/** First line of every framed script; the runner refuses a file without it. */
export const FRAMED_SCRIPT_MAGIC = '-- streampilot framed script v1';

/** One statement as the runner receives it: the user's text and where it starts in the repository. */
export interface FramedStatement {
  /** Repository-relative path of the SQL file. */
  file: string;
  /** 1-based line of the statement's first character in that file. */
  line: number;
  /** The statement as written (`${…}` intact, no `;`), comments blanked out with their line breaks kept. */
  text: string;
}

/**
 * The script for StreamPilot's runner (format: README, "How a job runs"). Each statement is
 * preceded by a header giving its length in UTF-16 code units, which the runner reads by count:
 * nothing inside a statement (a `;` or `--` in a string literal, a line that looks like a
 * header) can end or change it.
 */
export function writeFramedScript(statements: readonly FramedStatement[]): string {
  const parts = [FRAMED_SCRIPT_MAGIC, '\n'];
  for (const s of statements) {
    parts.push(`-- @statement ${s.line} ${s.text.length} ${encodePath(s.file)}\n`, s.text, '\n');
  }
  return parts.join('');
}

/**
 * A job's statements in run order, each cut from the user's ORIGINAL file: the parse ran on the
 * text with variables substituted, and `toOriginal` maps its ranges back, so the runner fills
 * `${name}` at start with the environment's runtime values and the script is the same in every
 * environment. `BEGIN STATEMENT SET; … END` (the SQL client's form, which TableEnvironment does
 * not run) becomes `EXECUTE STATEMENT SET BEGIN … END`, on the same lines.
 */
export function framedStatements(units: readonly SqlUnit[]): FramedStatement[] {
  const out: FramedStatement[] = [];
  for (const unit of units) {
    const lines = new LineMap(unit.original);
    for (const statement of unit.parsed.statements) {
      const start = unit.toOriginal(statement.range.start);
      const end = unit.toOriginal(statement.range.end);
      let text = withoutComments(unit.original.slice(start, end));
      if (statement.kind === 'statementSet' && statement.form === 'begin') text = asExecuteStatementSet(text);
      out.push({ file: unit.file, line: lines.position(start).line, text });
    }
  }
  return out;
}

/** Comments become spaces, their line breaks stay: line numbers inside the statement still hold. Hints stay. */
function withoutComments(text: string): string {
  const comments = commentRanges(text);
  if (comments.length === 0) return text;
  let out = '';
  let copied = 0;
  for (const c of comments) {
    out += text.slice(copied, c.start) + text.slice(c.start, c.end).replace(/[^\r\n]/g, ' ');
    copied = c.end;
  }
  return (out + text.slice(copied)).trimEnd();
}

/** `BEGIN STATEMENT SET;` → `EXECUTE STATEMENT SET BEGIN`, keeping the line breaks that header spanned. */
function asExecuteStatementSet(text: string): string {
  const semicolon = tokenize(text).tokens.find((t) => t.kind === 'op' && t.value === ';');
  if (!semicolon) return text;
  const breaks = text.slice(0, semicolon.end).replace(/[^\r\n]/g, '');
  const rest = text.slice(semicolon.end);
  return `EXECUTE STATEMENT SET BEGIN${breaks}${/^\s/.test(rest) ? rest : ` ${rest}`}`;
}

/** `%`, CR and LF would break the header line: percent-encoded, the rest as is. */
function encodePath(path: string): string {
  return path.replace(/[%\r\n]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The statements of a framed script, read as the runner reads them; undefined when `text` is not one. */
export function readFramedScript(text: string): FramedStatement[] | undefined {
  if (!text.startsWith(`${FRAMED_SCRIPT_MAGIC}\n`)) return undefined;
  const out: FramedStatement[] = [];
  let pos = FRAMED_SCRIPT_MAGIC.length + 1;
  while (pos < text.length) {
    const end = text.indexOf('\n', pos);
    const header = /^-- @statement (\d+) (\d+) (.*)$/.exec(text.slice(pos, end < 0 ? text.length : end));
    if (!header || end < 0) return undefined;
    const length = Number(header[2]);
    const file = header[3]!.replace(/%(25|0D|0A)/gi, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
    out.push({ file, line: Number(header[1]), text: text.slice(end + 1, end + 1 + length) });
    pos = end + 1 + length + 1;
  }
  return out;
}

/** A script as plain SQL: a framed script's statements joined with `;`, any other script as it is. */
export function scriptAsSql(text: string): string {
  const framed = readFramedScript(text);
  return framed ? framed.map((s) => `${s.text};\n`).join('') : text;
}
