/**
 * dt-sql-parser 4.5.1 (the best Flink grammar on npm) as the baseline our parser is
 * measured against. Test-only: it is a devDependency.
 */
import { FlinkSQL } from 'dt-sql-parser';

export interface DtIssue {
  /** 1-based line of the error in the validated text. */
  line: number;
  message: string;
}

let parser: FlinkSQL | undefined;

/** Syntax errors dt-sql-parser reports for `text` (empty when it accepts it). */
export function dtValidate(text: string): DtIssue[] {
  parser ??= new FlinkSQL();
  // Its statement splitter leaves ANTLR's console listener attached, which would print
  // every error a second time on stderr; its findings come back through the return value.
  const consoleError = console.error;
  console.error = () => {};
  try {
    return parser.validate(text).map((e) => ({ line: e.startLine, message: e.message }));
  } finally {
    console.error = consoleError;
  }
}
