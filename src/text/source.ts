/** Half-open range of UTF-16 offsets [start, end) into the text that was parsed. */
export interface Range {
  start: number;
  end: number;
}

/** 1-based line and column, as editors and GitHub annotations count them. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Turns offsets into line/column. Built once per text; lookups are a binary search,
 * so positioning thousands of diagnostics in a 50,000-line file stays cheap.
 */
export class LineMap {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) starts.push(i + 1);
      else if (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): Position {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** The text of a 1-based line without its line terminator. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    let end = next === undefined ? this.text.length : next;
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return this.text.slice(start, end);
  }

  offset(position: Position): number {
    const start = this.lineStarts[position.line - 1] ?? this.text.length;
    return start + position.column - 1;
  }
}
