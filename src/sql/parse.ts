// PLACEHOLDER — owned by the statement parser work (parseScript); replaced by the real one.
import type { SyntaxIssue } from './model/common.js';
import type { Statement } from './model/statements.js';
import type { Range } from './source.js';

export interface ParseOptions {
  /** The job's Flink version ("1.20", "2.0" …); decides version-dependent syntax. Default 1.20. */
  flinkVersion?: string;
}

export interface ParsedScript {
  statements: Statement[];
  /** Every syntax error of the script, in order. */
  issues: SyntaxIssue[];
  /** Ranges of `--` and `/* *\/` comments (not hints). */
  comments: Range[];
}

export function parseScript(_text: string, _options: ParseOptions = {}): ParsedScript {
  return { statements: [], issues: [], comments: [] };
}
