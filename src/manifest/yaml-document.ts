import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import { diagnosticAt, type Diagnostic, type Severity } from '../diagnostics.js';
import { LineMap, type Range } from '../text/source.js';
import { excerpt, MAX_QUOTED_CHARS } from '../text/quote.js';
import { findExpansionProblem } from './yaml-expansion.js';

/** A path into a YAML document, as JSON Schema instance paths name it: keys and list indexes. */
export type YamlPath = readonly (string | number)[];

/**
 * One YAML file parsed with its source positions, so that any later check (schema,
 * cross-file reference, overlay) can point at the exact key or value it is about.
 */
export interface YamlSource {
  /** Path as the user knows it: relative to the repository root, posix separators. */
  file: string;
  text: string;
  lines: LineMap;
  doc: Document.Parsed;
  /** Plain JS value of the document; undefined when YAML syntax errors made it unusable. */
  value: unknown;
  /** YAML syntax errors (rule manifest/yaml) and warnings. */
  diagnostics: Diagnostic[];
}

const YAML_RULE = 'manifest/yaml';
/** yaml's own budget: expanded nodes per anchor times nested aliases. Real manifests reuse a block a few times. */
const MAX_ALIAS_COUNT = 100;

/** Where toJS failed, as near as we can tell: the first alias, or the document's start. */
function firstAliasRange(doc: Document.Parsed): Range {
  let found: Range = { start: 0, end: 0 };
  visit(doc, {
    Alias(_key, node) {
      if (node.range) found = { start: node.range[0], end: node.range[1] };
      return visit.BREAK;
    },
  });
  return found;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lines = new LineMap(text);
  // merge: true lets users share settings between environments with `<<: *anchor`.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: true });
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors)
    diagnostics.push(yamlProblem(file, text, lines, error.code, error.message, error.pos, 'error'));
  for (const warning of doc.warnings)
    diagnostics.push(yamlProblem(file, text, lines, warning.code, warning.message, warning.pos, 'warning'));
  let value: unknown;
  if (doc.errors.length === 0) {
    // Checked before toJS so that a bad alias is refused before anything is expanded, and is
    // positioned at the alias (toJS throws without a position).
    const problem = findExpansionProblem(doc, text.length);
    if (problem) {
      const fields = {
        severity: 'error' as const,
        rule: YAML_RULE,
        message: `${baseName(file)}: ${problem.message}`,
        hint: problem.hint,
      };
      diagnostics.push(diagnosticAt(file, lines, problem.range, fields));
    } else {
      try {
        // A second guard, counted in nodes rather than bytes, against "billion laughs".
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (e) {
        value = undefined;
        diagnostics.push(
          diagnosticAt(file, lines, firstAliasRange(doc), {
            severity: 'error',
            rule: YAML_RULE,
            message: `${baseName(file)} cannot be read as YAML: ${excerpt((e as Error).message, 200)}`,
            hint: 'remove or simplify the aliases (`*name`) of this file',
          }),
        );
      }
    }
  }
  return { file, text, lines, doc, value, diagnostics };
}

function yamlProblem(
  file: string,
  text: string,
  lines: LineMap,
  code: string,
  message: string,
  pos: [number, number],
  severity: Severity,
): Diagnostic {
  const range = { start: Math.min(pos[0], text.length), end: Math.min(Math.max(pos[1], pos[0]), text.length) };
  if (code === 'DUPLICATE_KEY') {
    const key = /^[^\s:#]+/.exec(text.slice(range.start))?.[0] ?? '';
    range.end = range.start + key.length;
    return diagnosticAt(file, lines, range, {
      severity,
      rule: YAML_RULE,
      message: `key \`${key}\` appears twice in the same mapping in ${baseName(file)}`,
      hint: 'keep one of them: YAML does not say which one wins, so StreamPilot refuses both',
    });
  }
  if (/Maximum call stack/.test(message)) {
    // The yaml package reports its own stack running out where it happened: say what that means.
    return diagnosticAt(
      file,
      lines,
      { start: range.start, end: range.start },
      {
        severity,
        rule: YAML_RULE,
        message: `${baseName(file)} nests lists or mappings too deeply to be read`,
        hint: 'flatten it: no StreamPilot setting nests more than a few levels',
      },
    );
  }
  return diagnosticAt(file, lines, range, {
    severity,
    rule: YAML_RULE,
    // The parser's message may carry the user's text (an alias name): an excerpt of it.
    message: `${baseName(file)} is not valid YAML: ${excerpt(message, 200)}`,
    hint: code === 'TAB_AS_INDENT' ? 'indent with spaces; YAML does not allow tabs for indentation' : undefined,
  });
}

export interface YamlLocation {
  /** Range of the key of the deepest pair found on the path, if the path ends at a mapping entry. */
  key?: Range;
  /** Range of the node found (the value), when there is one with source text. */
  value?: Range | undefined;
  /** True when the whole path was found; false when it stopped at an ancestor. */
  exact: boolean;
  node?: Node;
}

/** Walks `path` down the document, stopping at the deepest node that exists. */
export function locatePath(source: YamlSource, path: YamlPath): YamlLocation {
  let node: unknown = source.doc.contents;
  let key: Range | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(source.doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return { ...(key ? { key } : {}), value: nodeRange(node), exact: false, node: node as Node };
      key = isScalar(pair.key) ? nodeRange(pair.key) : undefined;
      node = pair.value;
      if (node === null || node === undefined) return { ...(key ? { key } : {}), exact: true };
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) return { value: nodeRange(node), exact: false, node: node as Node };
      key = undefined;
      node = item;
    } else {
      return { ...(key ? { key } : {}), value: isScalar(node) ? nodeRange(node) : undefined, exact: false };
    }
  }
  const range = node && typeof node === 'object' && 'range' in node ? nodeRange(node as Node) : undefined;
  return { ...(key ? { key } : {}), ...(range ? { value: range } : {}), exact: true, node: node as Node };
}

function nodeRange(node: Node): Range | undefined {
  const r = node.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

export type YamlTarget = 'key' | 'value';

/**
 * The range a diagnostic about `path` should underline. `key` prefers the key; `value`
 * prefers a scalar value, and falls back to the key for collections (a whole block would
 * underline many lines) and empty values (which have no text to underline).
 */
export function rangeOf(source: YamlSource, path: YamlPath, target: YamlTarget): Range {
  const loc = locatePath(source, path);
  const valueIsText = loc.value !== undefined && loc.value.end > loc.value.start && !isCollection(loc.node);
  if (target === 'value' && valueIsText) return loc.value!;
  if (loc.key) return loc.key;
  if (loc.value && loc.value.end > loc.value.start) return firstLineOf(source, loc.value);
  return firstLineOf(source, { start: loc.value?.start ?? 0, end: source.text.length });
}

/** Narrows a multi-line range to its first line, trimmed, so an annotation stays readable. */
function firstLineOf(source: YamlSource, range: Range): Range {
  const newline = source.text.slice(range.start, range.end).search(/[\r\n]/);
  const end = newline < 0 ? range.end : range.start + newline;
  return { start: range.start, end: Math.max(range.start, end) };
}

export function diagnosticAtPath(
  source: YamlSource,
  path: YamlPath,
  target: YamlTarget,
  fields: Pick<Diagnostic, 'severity' | 'rule' | 'message'> & { hint?: string | undefined },
): Diagnostic {
  return diagnosticAt(source.file, source.lines, rangeOf(source, path, target), fields);
}

export function baseName(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? file : file.slice(i + 1);
}

/** `environments.production.parallelism`, `sql[0]`, `flinkConfiguration["a.b"]`: how messages name a path. */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment) && segment.length <= MAX_QUOTED_CHARS)
      out += out ? `.${segment}` : segment;
    // A key is the user's text: shown as an excerpt, control characters escaped.
    else out += `["${excerpt(segment).replace(/"/g, '\\"')}"]`;
  }
  return out;
}
