import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Range } from '../text/source.js';

/**
 * The smallest expansion budget: documents of a few KB may share blocks freely (a 2 KB defaults
 * block merged into 20 environments is 40 KB). Larger documents get 4 times their own size.
 */
export const MIN_YAML_EXPANSION_BYTES = 2 * 1024 * 1024;
export const YAML_EXPANSION_FACTOR = 4;

/**
 * How many bytes a document may expand to when its aliases are written out. Legitimate sharing
 * (a defaults block merged into each environment) stays far below 4x; an "alias bomb" is
 * hundreds or billions of times its text. With manifests capped at 1 MiB this bounds every
 * parsed document to 4 MiB of values.
 */
export function yamlExpansionLimit(textLength: number): number {
  return Math.max(MIN_YAML_EXPANSION_BYTES, YAML_EXPANSION_FACTOR * textLength);
}

export interface YamlExpansionProblem {
  range: Range;
  message: string;
  hint: string;
}

interface AnchorEntry {
  node: Node;
  /** Expanded size in bytes; undefined while the anchored node is still being walked. */
  size?: number;
}

type Work = { node: unknown; depth: number } | { close: AnchorEntry; span: number; extraBefore: number };

/** Lists and mappings inside each other: real manifests nest under 10 levels; deeper is refused before anything recurses. */
export const MAX_YAML_DEPTH = 100;

/**
 * Walks a parsed document in the order the yaml package resolves aliases, before anything is
 * expanded, and finds the first alias or merge key that `toJS` would fail on or that would make
 * the document expand past its budget. Expanded size = the document's text with every alias
 * replaced by the text of the node it names (recursively). Iterative: a deep document must not
 * overflow the stack here either.
 */
export function findExpansionProblem(
  doc: Document.Parsed,
  textLength: number,
  limit = yamlExpansionLimit(textLength),
): YamlExpansionProblem | undefined {
  const anchors = new Map<string, AnchorEntry>();
  let extra = 0;
  const stack: Work[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const work = stack.pop()!;
    if ('close' in work) {
      work.close.size = work.span + (extra - work.extraBefore);
      continue;
    }
    const node = work.node;
    if (isAlias(node)) {
      const entry = anchors.get(node.source);
      const range = rangeOf(node);
      if (!entry) {
        return {
          range,
          message: `\`*${node.source}\` names no anchor: there is no \`&${node.source}\` before it`,
          hint: `define \`&${node.source}\` on a value above this line, or fix the alias's name`,
        };
      }
      if (entry.size === undefined) {
        return {
          range,
          message: `\`*${node.source}\` is inside the value that \`&${node.source}\` names, so it would contain itself`,
          hint: 'an alias can only repeat a value that ends before it',
        };
      }
      extra += entry.size;
      if (textLength + extra > limit) {
        return {
          range,
          message: `\`*${node.source}\` makes this document expand to more than ${formatLimit(limit)} once its aliases are written out`,
          hint:
            `aliases may expand a document to at most ${YAML_EXPANSION_FACTOR} times its size ` +
            `(at least ${formatLimit(MIN_YAML_EXPANSION_BYTES)}): write the values out, or share fewer or smaller blocks`,
        };
      }
      continue;
    }
    if (isPair(node)) {
      if (isMergeKey(node.key)) {
        const bad = badMergeSource(node.value, anchors);
        if (bad) {
          return {
            range: rangeOf(node.key as Node),
            message: `\`<<\` must merge a mapping or a list of mappings, and ${bad}`,
            hint: 'write `<<: *name` where `&name` is on a mapping, or `<<: [*a, *b]`',
          };
        }
      }
      stack.push({ node: node.value, depth: work.depth }, { node: node.key, depth: work.depth });
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const anchor = (node as Node).anchor;
    if (anchor) {
      const entry: AnchorEntry = { node: node as Node };
      anchors.set(anchor, entry);
      stack.push({ close: entry, span: spanOf(node as Node), extraBefore: extra });
    }
    if (isCollection(node)) {
      if (work.depth >= MAX_YAML_DEPTH) {
        return {
          range: firstCharOf(node as Node),
          message: `this value is nested more than ${MAX_YAML_DEPTH} levels deep`,
          hint: 'flatten it: no StreamPilot setting nests more than a few levels',
        };
      }
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], depth: work.depth + 1 });
    }
  }
  return undefined;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const v = key.value;
  return typeof v === 'symbol' && v.description === '<<';
}

/** Why a merge key's value cannot be merged, or undefined when it can. */
function badMergeSource(value: unknown, anchors: Map<string, AnchorEntry>): string | undefined {
  const items = isSeq(value) ? value.items : [value];
  for (const item of items) {
    const target = isAlias(item) ? anchors.get(item.source)?.node : item;
    // Unknown aliases are reported at the alias itself when the walk reaches it.
    if (isAlias(item) && target === undefined) continue;
    if (!isMap(target)) return `${isAlias(item) ? `\`*${item.source}\` names` : 'this is'} ${describe(target)}`;
  }
  return undefined;
}

function describe(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node))
    return node.value === null ? 'an empty value' : `the scalar \`${String(node.value).slice(0, 40)}\``;
  return 'no mapping';
}

function spanOf(node: Node): number {
  return node.range ? Math.max(0, node.range[1] - node.range[0]) : 0;
}

function firstCharOf(node: Node): Range {
  const start = node.range?.[0] ?? 0;
  return { start, end: start + 1 };
}

function rangeOf(node: Node): Range {
  return node.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
}

function formatLimit(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
