import type { Diagnostic } from '../diagnostics.js';

/** `--format json`: the diagnostics as an array, one object per finding, stable key order. */
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
      message: d.message,
      ...(d.hint ? { hint: d.hint } : {}),
    })),
    null,
    2,
  );
}
