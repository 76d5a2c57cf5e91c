import type { Diagnostic } from '../diagnostics.js';
import { LineMap } from '../sql/source.js';

export interface TextStyle {
  color: boolean;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/**
 * tsc/eslint-style output: `file:line:col  severity  message  rule`, the offending line
 * with a caret run under the columns, and the hint. `sources` supplies file texts for
 * the code frame; a diagnostic whose file is not there is printed without one.
 */
export function formatDiagnosticsText(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, style: TextStyle = { color: false }): string {
  const maps = new Map<string, LineMap>();
  const out: string[] = [];
  for (const d of diagnostics) {
    const sev = d.severity === 'error' ? paint(style.color, '31', 'error') : d.severity === 'warning' ? paint(style.color, '33', 'warning') : paint(style.color, '36', 'info');
    out.push(`${paint(style.color, '1', `${d.file}:${d.line}:${d.column}`)}  ${sev}  ${d.message}  ${paint(style.color, '2', d.rule)}`);
    const text = sources.get(d.file);
    if (text !== undefined) {
      let lines = maps.get(d.file);
      if (!lines) maps.set(d.file, (lines = new LineMap(text)));
      out.push(...codeFrame(lines, d, style));
    }
    if (d.hint) out.push(`  ${paint(style.color, '36', 'hint:')} ${d.hint}`);
    out.push('');
  }
  return out.join('\n');
}

function codeFrame(lines: LineMap, d: Diagnostic, style: TextStyle): string[] {
  if (d.line > lines.lineCount) return [];
  const gutter = String(d.line).length;
  const raw = lines.lineText(d.line);
  // Tabs would shift the caret; show them as single spaces so columns line up.
  const shown = raw.replace(/\t/g, ' ');
  const clipped = shown.length > 160 ? shown.slice(0, 160) + '…' : shown;
  const start = Math.max(1, d.column);
  const end = d.endLine === d.line ? Math.max(start + 1, d.endColumn) : Math.max(start + 1, raw.length + 1);
  const caretLen = Math.max(1, Math.min(end, clipped.length + 2) - start);
  const pad = ' '.repeat(gutter);
  return [
    `  ${String(d.line).padStart(gutter)} | ${clipped}`,
    `  ${pad} | ${' '.repeat(start - 1)}${paint(style.color, d.severity === 'error' ? '31' : '33', '^'.repeat(caretLen))}`,
  ];
}

export function summaryLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (errors === 0 && warnings === 0) return 'No problems found.';
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
}
