/**
 * How any message shows a value that came from the user (a manifest value, a key, a path, an
 * identifier): on one line, with control characters made visible, and never more than a short
 * excerpt. A message that quoted a value whole once published a whole `.env` file through a
 * manifest symlinked to it; a newline inside a value once started a `::error` line in Actions.
 */

import { redact } from './redact.js';

/** Characters of a value a message shows at most (escapes included), the ellipsis excluded. */
export const MAX_QUOTED_CHARS = 60;

/**
 * Characters of a whole message (or hint) an output shows at most: the bound that holds even for
 * a message that quoted a value without `quote`.
 */
export const MAX_MESSAGE_CHARS = 1000;

// C0 and C1 controls, DEL, the line/paragraph separators, and the bidirectional overrides and
// isolates that can make a terminal or a web page show text in another order than it is.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const IS_CONTROL = new RegExp(CONTROL.source);

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every control character written as an escape (`\n`, `\x1b`, `\u202e`): one line, inert. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/**
 * At most `max` characters of `value` (after escaping), cut at a character boundary, with `…`
 * when something was left out: `ab…`. Escapes are never cut in half. Secrets are redacted
 * first: half a token cut off by the excerpt would no longer be recognised by the redactor that
 * every output passes through later.
 */
export function excerpt(value: string, max: number = MAX_QUOTED_CHARS): string {
  let out = '';
  let length = 0;
  for (const ch of redact(value)) {
    const shown = IS_CONTROL.test(ch) ? escapeOne(ch) : ch;
    if (length + shown.length > max) return `${out}…`;
    out += shown;
    length += shown.length;
  }
  return out;
}

/** `` `value` `` as an excerpt: how messages quote what the user wrote. */
export function quote(value: unknown, max: number = MAX_QUOTED_CHARS): string {
  return `\`${excerpt(typeof value === 'string' ? value : String(value), max)}\``;
}
