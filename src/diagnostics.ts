import type { LineMap, Range } from './text/source.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding, positioned in the user's original file. Lines and columns are 1-based;
 * `endColumn` is exclusive (the column just after the last character), as ESLint reports it.
 * This is also the shape of `--format json`.
 */
export interface Diagnostic {
  /** Path as the user knows it: relative to the repository root (posix), or as given on the CLI. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  /** Stable id: `syntax`, `manifest/schema`, `sql/unknown-table` … */
  rule: string;
  message: string;
  /** What to do about it. */
  hint?: string;
}

export function diagnosticAt(
  file: string,
  lines: LineMap,
  range: Range,
  fields: Pick<Diagnostic, 'severity' | 'rule' | 'message'> & { hint?: string | undefined },
): Diagnostic {
  const start = lines.position(range.start);
  const end = lines.position(Math.max(range.end, range.start));
  const d: Diagnostic = {
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity: fields.severity,
    rule: fields.rule,
    message: fields.message,
  };
  if (fields.hint) d.hint = fields.hint;
  return d;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');
