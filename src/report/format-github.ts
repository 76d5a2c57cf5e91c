import type { Diagnostic } from '../diagnostics.js';

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
      const props = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`, `title=${escapeProperty(`StreamPilot ${d.rule}`)}`];
      const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
      return `::${command} ${props.join(',')}::${escapeData(message)}`;
    })
    .join('\n');
}
