import type { Diagnostic } from '../diagnostics.js';
import { excerpt, MAX_MESSAGE_CHARS } from '../text/quote.js';

/**
 * `--format json`: the diagnostics as an array, one object per finding, stable key order. Message
 * and hint are bounded and escaped as in every other output, for a consumer that prints them.
 */
export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(
    diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      severity: d.severity,
      rule: d.rule,
      message: excerpt(d.message, MAX_MESSAGE_CHARS),
      ...(d.hint ? { hint: excerpt(d.hint, MAX_MESSAGE_CHARS) } : {}),
    })),
    null,
    2,
  );
}
