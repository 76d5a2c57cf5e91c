import type { Range } from '../text/source.js';
import { tokenize } from './lexer.js';
import { isEscapedPlaceholder, PLACEHOLDER } from './variables.js';

/** One `${name}` of a SQL file, and whether the runner would substitute it inside a string literal. */
export interface PlaceholderUse {
  name: string;
  /** The whole `${name}` in the file as written. */
  range: Range;
  /** Inside a '…' literal (or a comment, which never runs): the value stays one string whatever it holds. */
  quoted: boolean;
}

/**
 * Where the file uses any of `names` as a placeholder. `$${name}`, the escape for a literal
 * `${name}`, is no use. Positions come from the lexer run on the text as written, so a
 * placeholder that looks quoted but is not (`'a' || ${x}`) counts as unquoted.
 */
export function placeholderUses(text: string, names: ReadonlySet<string>): PlaceholderUse[] {
  const found: { name: string; range: Range }[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index;
    if (!names.has(match[1]!) || isEscapedPlaceholder(text, start)) continue;
    found.push({ name: match[1]!, range: { start, end: start + match[0].length } });
  }
  if (found.length === 0) return [];
  const lexed = tokenize(text);
  const safe = [...lexed.tokens.filter((t) => t.kind === 'string'), ...lexed.comments];
  return found.map((use) => ({
    ...use,
    quoted: safe.some((r) => r.start <= use.range.start && use.range.end <= r.end),
  }));
}
