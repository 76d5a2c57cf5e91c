import { plural } from '../text/plural.js';
import type { Diagnostic } from '../diagnostics.js';
import { displayWidth } from '../text/display-width.js';
import { LineMap } from '../text/source.js';
import { escapeControl, excerpt, MAX_MESSAGE_CHARS } from '../text/quote.js';

export interface TextStyle {
  color: boolean;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/**
 * tsc/eslint-style output: `file:line:col  severity  message  rule`, the offending line
 * with a caret run under the columns, and the hint. `sources` supplies file texts for
 * the code frame; a diagnostic whose file is not there is printed without one.
 */
export function formatDiagnosticsText(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  style: TextStyle = { color: false },
): string {
  const maps = new Map<string, LineMap>();
  const out: string[] = [];
  for (const d of diagnostics) {
    const sev =
      d.severity === 'error'
        ? paint(style.color, '31', 'error')
        : d.severity === 'warning'
          ? paint(style.color, '33', 'warning')
          : paint(style.color, '36', 'info');
    // Every piece that can hold the user's text is shown on one line with control characters
    // escaped: a newline would start a line of its own (`::error …` is a command to Actions),
    // and an ESC sequence would reach the terminal.
    out.push(
      `${paint(style.color, '1', `${excerpt(d.file, MAX_MESSAGE_CHARS)}:${d.line}:${d.column}`)}  ${sev}  ${excerpt(d.message, MAX_MESSAGE_CHARS)}  ${paint(style.color, '2', excerpt(d.rule))}`,
    );
    const text = sources.get(d.file);
    if (text !== undefined) {
      let lines = maps.get(d.file);
      if (!lines) maps.set(d.file, (lines = new LineMap(text)));
      out.push(...codeFrame(lines, d, style));
    }
    if (d.hint) out.push(`  ${paint(style.color, '36', 'hint:')} ${excerpt(d.hint, MAX_MESSAGE_CHARS)}`);
    out.push('');
  }
  return out.join('\n');
}

/** Characters of a source line a code frame shows: a window around the finding, not the whole line. */
export const CODE_FRAME_WIDTH = 120;
/** Characters kept before the finding when the window has to start later than the line. */
const CONTEXT_BEFORE = 40;

/** A source character as the frame shows it: tabs as one space (so the caret lines up), controls escaped. */
const shown = (text: string) => escapeControl(text.replace(/\t/g, ' '));

function codeFrame(lines: LineMap, d: Diagnostic, style: TextStyle): string[] {
  if (d.line > lines.lineCount) return [];
  const gutter = String(d.line).length;
  const raw = lines.lineText(d.line);
  const start = Math.min(Math.max(1, d.column), raw.length + 1) - 1;
  const end = d.endLine === d.line ? Math.max(start + 1, d.endColumn - 1) : Math.max(start + 1, raw.length);
  // A minified or generated line can be megabytes long: show a window around the column,
  // with … where the line goes on, so neither the line nor the caret's padding is unbounded.
  let from = end <= CODE_FRAME_WIDTH ? 0 : Math.max(0, start - CONTEXT_BEFORE);
  const to = Math.min(raw.length, from + CODE_FRAME_WIDTH);
  from = Math.max(0, Math.min(from, to - CODE_FRAME_WIDTH));
  const lead = from > 0 ? '…' : '';
  const before = lead + shown(raw.slice(from, start));
  const marked = shown(raw.slice(start, Math.min(end, to)));
  // Measured in terminal cells, not UTF-16 units: a CJK character takes two cells, so counting characters
  // would leave the caret left of the finding on a line with Chinese comments or identifiers.
  const caretLen = Math.max(1, displayWidth(marked) + (end > raw.length && start < raw.length ? 1 : 0));
  const pad = ' '.repeat(gutter);
  return [
    `  ${String(d.line).padStart(gutter)} | ${lead}${shown(raw.slice(from, to))}${to < raw.length ? '…' : ''}`,
    `  ${pad} | ${' '.repeat(displayWidth(before))}${paint(style.color, d.severity === 'error' ? '31' : '33', '^'.repeat(caretLen))}`,
  ];
}

export function summaryLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (errors === 0 && warnings === 0) return 'No problems found.';
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
}
