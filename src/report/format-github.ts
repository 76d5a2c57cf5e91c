import type { Diagnostic } from '../diagnostics.js';
import { excerpt, MAX_MESSAGE_CHARS } from '../text/quote.js';

// GitHub workflow commands: data escapes %, CR, LF; property values also : and ,
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * `--format github`: one `::error file=…,line=…,col=…::message` per finding, which the
 * Actions runner turns into annotations on the pull request's files.
 */
export function formatDiagnosticsGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      // Control characters are first made visible (an ESC would reach the log viewer), then the
      // runner's own escapes keep a newline or `::` from ending the command early.
      const props = [
        `file=${escapeProperty(excerpt(d.file, MAX_MESSAGE_CHARS))}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(`StreamPilot ${excerpt(d.rule)}`)}`,
      ];
      const shown = excerpt(d.message, MAX_MESSAGE_CHARS);
      const message = d.hint ? `${shown}\n${excerpt(d.hint, MAX_MESSAGE_CHARS)}` : shown;
      return `::${command} ${props.join(',')}::${escapeData(message)}`;
    })
    .join('\n');
}
