import { tokenize } from './lexer.js';
import type { SyntaxIssue } from './model/common.js';
import type { Statement } from './model/statements.js';
import { parseTokens, type BrokenStatement } from './parser/script.js';
import { DEFAULT_FLINK_VERSION } from './parser/versions.js';
import type { Range } from '../text/source.js';

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
  /** Statements that failed to parse (each has an issue), with the name a broken CREATE was creating. */
  broken: BrokenStatement[];
}

/** Parses a Flink SQL script; never throws: every problem is an issue. */
export function parseScript(text: string, options: ParseOptions = {}): ParsedScript {
  const { tokens, comments } = tokenize(text);
  const { statements, issues, broken } = parseTokens(tokens, text, {
    flinkVersion: options.flinkVersion ?? DEFAULT_FLINK_VERSION,
  });
  return { statements, issues, comments, broken };
}
