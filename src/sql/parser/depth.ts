/**
 * Bounds on how deeply SQL may nest, so that neither the parser nor anything that later walks
 * the tree (printers, rules, analysis) can overflow the call stack: that would crash the CLI
 * (exit 3) and end an app check without a position. Chains written one after another
 * (`a + b + …`, `… UNION ALL …`, `a JOIN b JOIN …`) are parsed, printed and walked by loops
 * and may be as long as the file allows; only nesting is bounded.
 */
import type { Range } from '../../text/source.js';
import type { Cursor } from './cursor.js';

/**
 * Nesting levels of parentheses, subqueries, nested types (`ARRAY<ARRAY<…>>`), NOT/unary
 * signs and LIKE patterns. Calcite (and so Flink) sets no limit of its own, only its JVM
 * stack, which gives out in the low thousands; hand-written SQL rarely nests 10 deep and
 * generated SQL a few dozen.
 */
export const MAX_NESTING = 200;

/**
 * Levels of the parsed tree, for shapes the parser builds by loops but that nest: postfix
 * chains such as `x IS NULL IS NULL …`, `a[1][1]…`, `INT ARRAY ARRAY …`. The left sides of
 * binary operators, set operations and joins do not count (they are walked by loops). Every
 * node of MAX_NESTING nested levels adds at most a few levels, so legitimate SQL stays far
 * below this.
 */
export const MAX_TREE_DEPTH = 1000;

const HINT = 'simplify it: split it with WITH or a view, or into several expressions';

const depths = new WeakMap<Cursor, number>();

/** Runs a nested parse, failing with a positioned syntax error when the nesting gets absurd. */
export function nested<T>(c: Cursor, parse: () => T): T {
  const depth = (depths.get(c) ?? 0) + 1;
  if (depth > MAX_NESTING)
    c.fail(`this is nested more than ${MAX_NESTING} levels deep, too deeply to check`, c.peek(), HINT);
  depths.set(c, depth);
  try {
    return parse();
  } finally {
    depths.set(c, depth - 1);
  }
}

/** Node kinds whose `left` child of the same kind is a chain, walked by a loop everywhere. */
const CHAINS = new Set(['binary', 'setOperation', 'join']);

/**
 * Levels of the parsed tree beyond which the semantic analysis (src/semantics/ and the rules
 * reading it) does not look at a job: it walks chains (`a + b + …`) recursively, and a chain of
 * thousands is not SQL anyone checks by eye. Such a job gets no semantic findings, never a crash.
 */
export const MAX_SEMANTIC_DEPTH = 400;

/** The deepest level of each statement's tree counting chains, recorded by tooDeepIssue. */
const fullDepths = new WeakMap<object, number>();

/** How deep a parsed statement's tree is when chains count level by level (as recursive walks see it). */
export function fullTreeDepth(statement: object): number {
  let d = fullDepths.get(statement);
  if (d === undefined) {
    tooDeepIssue(statement);
    d = fullDepths.get(statement) ?? 0;
  }
  return d;
}

/**
 * The first node of a parsed statement that lies more than MAX_TREE_DEPTH levels deep, as an
 * issue; undefined when the tree is shallow enough. Iterative: this runs before anything
 * recursive looks at the tree.
 */
export function tooDeepIssue(root: object): { message: string; range: Range; hint: string } | undefined {
  // Two parallel stacks and `for … in`: this runs on every statement parsed, and an object per
  // node (or an entries array per node) made it a visible share of a whole check.
  const values: unknown[] = [root];
  const levels: number[] = [0];
  // The same levels with chains counted, for the semantic analysis (fullTreeDepth).
  const fulls: number[] = [0];
  let deepest = 0;
  while (values.length > 0) {
    const value = values.pop();
    const depth = levels.pop()!;
    const full = fulls.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item && typeof item === 'object') {
          values.push(item);
          levels.push(depth);
          fulls.push(full);
        }
      }
      continue;
    }
    const node = value as Record<string, unknown>;
    const kind = node.kind;
    const level = typeof kind === 'string' ? depth + 1 : depth;
    const fullLevel = typeof kind === 'string' ? full + 1 : full;
    if (fullLevel > deepest) deepest = fullLevel;
    if (level > MAX_TREE_DEPTH) {
      const range = (node.range as Range | undefined) ?? { start: 0, end: 0 };
      const message = `this is nested more than ${MAX_TREE_DEPTH} levels deep once parsed, too deeply to check`;
      return { message, range: { start: range.start, end: range.start }, hint: HINT };
    }
    const chains = typeof kind === 'string' && CHAINS.has(kind);
    for (const key in node) {
      const child = node[key];
      if (key === 'range' || !child || typeof child !== 'object') continue;
      const chained = chains && key === 'left' && (child as { kind?: unknown }).kind === kind;
      values.push(child);
      levels.push(chained ? level - 1 : level);
      fulls.push(fullLevel);
    }
  }
  fullDepths.set(root, deepest);
  return undefined;
}
