import { diagnosticAt, type Diagnostic } from '../diagnostics.js';
import { parseScript, type ParsedScript } from './parse.js';
import { didYouMean } from '../text/did-you-mean.js';
import { LineMap } from '../text/source.js';
import { commentRanges } from './lexer.js';
import { substituteVariables } from './variables.js';

/** One SQL file of a job, after variable substitution, parsed. */
export interface SqlUnit {
  /** Path as shown to the user (repository-relative, posix). */
  file: string;
  /** The user's file as written. */
  original: string;
  /** The text that was parsed: `original` with ${variables} substituted. */
  text: string;
  parsed: ParsedScript;
  /** Maps an offset in `text` back to an offset in `original`. */
  toOriginal(offset: number): number;
}

export interface SqlSource {
  /** Path as shown to the user. */
  file: string;
  text: string;
}

export interface BuildUnitsOptions {
  flinkVersion: string;
  /** Variables in force; undefined for loose files, where ${…} is left alone and not reported. */
  variables?: Record<string, string>;
  /** Names the place variables come from, for the unresolved-variable hint. */
  environment?: string;
}

// The same text parsed for the same Flink version gives the same tree: environments whose
// variables do not change a file share one parse. A check takes a job's environments one after
// another, so a few entries hold every hit; a bigger memo only keeps old trees alive, which the
// garbage collector then copies again and again.
const parseMemo = new Map<string, ParsedScript>();
const MEMO_LIMIT = 16;

function parseMemoised(text: string, flinkVersion: string): ParsedScript {
  const key = `${flinkVersion}\u0000${text}`;
  let parsed = parseMemo.get(key);
  if (!parsed) {
    parsed = parseScript(text, { flinkVersion });
    if (parseMemo.size >= MEMO_LIMIT) parseMemo.delete(parseMemo.keys().next().value!);
    parseMemo.set(key, parsed);
  }
  return parsed;
}

/** A job's SQL files, variables substituted and parsed, ready for the rules. */
export function buildSqlUnits(
  sources: readonly SqlSource[],
  options: BuildUnitsOptions,
): { units: SqlUnit[]; diagnostics: Diagnostic[] } {
  const units: SqlUnit[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    if (options.variables === undefined) {
      units.push({
        file: source.file,
        original: source.text,
        text: source.text,
        parsed: parseMemoised(source.text, options.flinkVersion),
        toOriginal: (o) => o,
      });
      continue;
    }
    // Comments never reach the runner: a `${name}` in one is documentation, not a reference.
    const comments = source.text.includes('${') ? commentRanges(source.text) : [];
    const substituted = substituteVariables(source.text, options.variables, comments);
    if (substituted.unresolved.length > 0 || substituted.spaced.length > 0) {
      const lines = new LineMap(source.text);
      const where = options.environment ? ` for environment \`${options.environment}\`` : '';
      const defined = Object.keys(options.variables);
      for (const u of substituted.unresolved) {
        const close = didYouMean(u.name, defined);
        diagnostics.push(
          diagnosticAt(source.file, lines, u.range, {
            severity: 'error',
            rule: 'sql/unresolved-variable',
            message: `variable \`\${${u.name}}\` has no value${where}${close ? `; did you mean \`\${${close}}\`?` : ''}`,
            hint: close
              ? `write \`\${${close}}\`, or set \`${u.name}\` under \`variables\` in job.yaml or streampilot.yaml`
              : `set \`${u.name}\` under \`variables\` in job.yaml, or in streampilot.yaml under \`defaults.variables\` or \`environments.<env>.variables\`; a password or token goes under \`secrets\` instead, as a reference to a Kubernetes Secret`,
          }),
        );
      }
      for (const u of substituted.spaced) {
        diagnostics.push(
          diagnosticAt(source.file, lines, u.range, {
            severity: 'error',
            rule: 'sql/unresolved-variable',
            message: `\`${source.text.slice(u.range.start, u.range.end)}\` has blanks inside the braces, so it is not a variable and stays in the SQL as written`,
            hint: `write \`\${${u.name}}\` with no spaces`,
          }),
        );
      }
    }
    units.push({
      file: source.file,
      original: source.text,
      text: substituted.text,
      parsed: parseMemoised(substituted.text, options.flinkVersion),
      toOriginal: substituted.toOriginal,
    });
  }
  return { units, diagnostics };
}
