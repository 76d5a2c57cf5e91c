import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { CODE_FRAME_WIDTH, formatDiagnosticsText } from '../../src/report/format-text.js';

const at = (line: number, column: number, endColumn: number, message = 'm'): Diagnostic => ({
  file: 'a.sql',
  line,
  column,
  endLine: line,
  endColumn,
  severity: 'error',
  rule: 'syntax',
  message,
});

describe('the text code frame', () => {
  it('shows a short line whole with the caret under the span', () => {
    const out = formatDiagnosticsText([at(1, 8, 11)], new Map([['a.sql', 'SELECT abc FROM t;']])).split('\n');
    expect(out.slice(1, 3)).toEqual(['  1 | SELECT abc FROM t;', '    |        ^^^']);
  });

  it('clips a long line to a window around the column, with … on both sides', () => {
    const line = `${'x'.repeat(200_000)}BAD${'y'.repeat(200_000)}`;
    const out = formatDiagnosticsText([at(1, 200_001, 200_004)], new Map([['a.sql', line]])).split('\n');
    const [frame, caret] = [out[1]!, out[2]!];
    expect(frame.length).toBeLessThan(CODE_FRAME_WIDTH + 20);
    expect(frame).toMatch(/^ {2}1 \| …x+BADy+…$/);
    expect(frame.slice(caret.indexOf('^'), caret.lastIndexOf('^') + 1)).toBe('BAD');
  });

  it('escapes control characters in the line and keeps the caret under the span', () => {
    const out = formatDiagnosticsText([at(1, 5, 8, 'bad `x\ny`')], new Map([['a.sql', 'a\u001bb bad;']])).split('\n');
    expect(out[0]).toBe('a.sql:1:5  error  bad `x\\ny`  syntax');
    expect(out[1]).toBe('  1 | a\\x1bb bad;');
    expect(out[1]!.slice(out[2]!.indexOf('^'), out[2]!.lastIndexOf('^') + 1)).toBe('bad');
  });
});
