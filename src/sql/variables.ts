import type { Range } from '../text/source.js';

export interface UnresolvedVariable {
  name: string;
  /** Range of the whole `${name}` in the ORIGINAL text. */
  range: Range;
}

export interface Substitution {
  text: string;
  /** `${name}` with no value, left in `text` as written, in order of appearance. */
  unresolved: UnresolvedVariable[];
  /** `${ name }`: a variable name with blanks inside the braces, left as written (not a variable). */
  spaced: UnresolvedVariable[];
  /**
   * Maps an offset of `text` back to the original. Inside a substituted value it is the start of
   * the `${...}` it came from; elsewhere it is shifted by the length differences before it.
   */
  toOriginal(offset: number): number;
  /** Maps a range of `text` back, widening it to cover every `${...}` it touches. */
  toOriginalRange(range: Range): Range;
}

/** Same syntax the SQL lexer accepts for a `variable` token: [A-Za-z_][\w.-]*. */
function isNameChar(c: number, first: boolean): boolean {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95; /* _ */
  if (first) return letter;
  return letter || (c >= 48 && c <= 57) || c === 46 /* . */ || c === 45; /* - */
}

/** One place where output and original differ: out[outStart, outEnd) came from original[origStart, origEnd). */
interface Edit {
  outStart: number;
  outEnd: number;
  origStart: number;
  origEnd: number;
}

/**
 * A `${name}` placeholder anywhere in a text (global: use with matchAll), with the name the
 * lexer accepts. Callers that must honour the `$${name}` escape check the character before.
 */
export const PLACEHOLDER = /\$\{([A-Za-z_][\w.-]*)\}/g;

/** True when the `${` at `start` is the `$${name}` escape of a literal `${name}`, not a use. */
export const isEscapedPlaceholder = (text: string, start: number): boolean =>
  start > 0 && text.charCodeAt(start - 1) === 36; /* $ */

/** The names `text` uses as placeholders, escapes left out. */
export function placeholderNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) if (!isEscapedPlaceholder(text, m.index)) names.add(m[1]!);
  return names;
}

/** `${ name }` with spaces or tabs around the name; sticky, tried at one offset. */
const SPACED = /\$\{[ \t]*([A-Za-z_][\w.-]*)[ \t]*\}/y;

/**
 * Replaces `${name}` with `vars[name]` everywhere in the text (string literals included, which
 * is where they usually are: `'topic' = '${topic}'`) except inside `skip` ranges — the SQL
 * comments, which never reach the runner, so a `${name}` there is neither replaced nor
 * reported. One pass, no recursion: a value that itself contains `${...}` is inserted as is.
 * `$${name}` is an escape that yields the literal `${name}`, neither substituted nor reported.
 * `${ name }` (blanks inside the braces) is left as written and listed in `spaced`, for the
 * caller to report; other `${...}` whose content is not a variable name is plain text.
 */
export function substituteVariables(
  text: string,
  vars: Readonly<Record<string, string>>,
  skip: readonly Range[] = [],
): Substitution {
  const parts: string[] = [];
  const edits: Edit[] = [];
  const unresolved: UnresolvedVariable[] = [];
  const spaced: UnresolvedVariable[] = [];
  let copiedTo = 0; // original offset up to which text has been copied to parts
  let outLength = 0;
  let skipIndex = 0; // skip ranges are in order; so are the `${` found
  let i = text.indexOf('${');
  while (i >= 0) {
    while (skipIndex < skip.length && skip[skipIndex]!.end <= i) skipIndex++;
    const skipped = skip[skipIndex];
    if (skipped && skipped.start <= i) {
      i = text.indexOf('${', skipped.end);
      continue;
    }
    // Read the name character by character: searching for `}` instead would rescan the text
    // after every stray `${`, which is quadratic.
    let close = i + 2;
    while (close < text.length && isNameChar(text.charCodeAt(close), close === i + 2)) close++;
    if (close === i + 2 || text.charCodeAt(close) !== 125 /* } */) {
      SPACED.lastIndex = i;
      const blank = SPACED.exec(text);
      if (blank && !isEscapedPlaceholder(text, i))
        spaced.push({ name: blank[1]!, range: { start: i, end: i + blank[0].length } });
      i = text.indexOf('${', i + 2);
      continue;
    }
    const name = text.slice(i + 2, close);
    const escaped = isEscapedPlaceholder(text, i);
    if (escaped) {
      // Drop the first `$` of `$${name}` and copy `${name}` unchanged.
      const dollar = i - 1;
      outLength += push(parts, text, copiedTo, dollar);
      edits.push({ outStart: outLength, outEnd: outLength, origStart: dollar, origEnd: i });
      outLength += push(parts, text, i, close + 1);
      copiedTo = close + 1;
    } else if (Object.hasOwn(vars, name)) {
      outLength += push(parts, text, copiedTo, i);
      const value = vars[name]!;
      parts.push(value);
      edits.push({ outStart: outLength, outEnd: outLength + value.length, origStart: i, origEnd: close + 1 });
      outLength += value.length;
      copiedTo = close + 1;
    } else {
      unresolved.push({ name, range: { start: i, end: close + 1 } });
    }
    i = text.indexOf('${', close + 1);
  }
  if (edits.length === 0) {
    const identity = (offset: number): number => offset;
    return {
      text,
      unresolved,
      spaced,
      toOriginal: identity,
      toOriginalRange: (r) => ({ start: r.start, end: r.end }),
    };
  }
  parts.push(text.slice(copiedTo));
  const out = parts.join('');

  // The last edit starting at or before `offset` (binary search: edits are in order).
  const lastEditAtOrBefore = (offset: number): Edit | undefined => {
    let lo = 0;
    let hi = edits.length - 1;
    let found: Edit | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = edits[mid]!;
      if (e.outStart <= offset) {
        found = e;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const map = (offset: number, side: 'start' | 'end'): number => {
    const e = lastEditAtOrBefore(offset);
    if (!e) return offset;
    if (offset < e.outEnd) return side === 'start' ? e.origStart : e.origEnd;
    // Past an edit (or at an empty one: an escape, an empty value): shifted.
    return e.origEnd + (offset - e.outEnd);
  };
  return {
    text: out,
    unresolved,
    spaced,
    toOriginal: (offset) => map(offset, 'start'),
    toOriginalRange: (r) => {
      const start = map(r.start, 'start');
      // An end inside a value extends to the end of its `${...}`; an empty range stays empty.
      const end = r.end > r.start ? map(r.end - 1, 'end') + (isInsideValue(r.end - 1) ? 0 : 1) : start;
      return { start, end: Math.max(start, end) };
    },
  };

  function isInsideValue(offset: number): boolean {
    const e = lastEditAtOrBefore(offset);
    return e !== undefined && offset < e.outEnd;
  }
}

function push(parts: string[], text: string, from: number, to: number): number {
  if (to > from) parts.push(text.slice(from, to));
  return to - from;
}
