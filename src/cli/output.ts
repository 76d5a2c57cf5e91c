import type { Diagnostic } from '../diagnostics.js';
import { formatDiagnosticsGithub } from '../report/format-github.js';
import { formatDiagnosticsJson } from '../report/format-json.js';
import { formatDiagnosticsText, summaryLine } from '../report/format-text.js';
import type { OutputFormat } from './args.js';
import type { Io } from './main.js';

export function useColor(values: { color?: boolean | undefined; 'no-color'?: boolean | undefined }, io: Io): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  return io.isTTY && !process.env.NO_COLOR;
}

/** Writes findings in the chosen format. Text goes with a summary line; json and github stay machine-clean. */
export function writeFindings(
  io: Io,
  format: OutputFormat,
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  color: boolean,
): void {
  if (format === 'json') {
    io.stdout(formatDiagnosticsJson(diagnostics));
    return;
  }
  if (format === 'github') {
    if (diagnostics.length > 0) io.stdout(formatDiagnosticsGithub(diagnostics));
    return;
  }
  if (diagnostics.length > 0) io.stdout(formatDiagnosticsText(diagnostics, sources, { color }));
}

export function writeSummary(io: Io, format: OutputFormat, diagnostics: readonly Diagnostic[]): void {
  // json must stay parseable on stdout, so its summary goes to stderr
  if (format === 'json') io.stderr(summaryLine(diagnostics));
  else io.stdout(summaryLine(diagnostics));
}
