import type { Range } from '../../text/source.js';

/** Every node of the statement model carries its range in the parsed text. */
export interface Node {
  range: Range;
}

/** An identifier: `value` is unescaped; `quoted` when it was written in back-ticks. */
export interface Identifier extends Node {
  value: string;
  quoted: boolean;
}

/** A possibly qualified name: catalog.database.table, or just table. */
export interface QualifiedName extends Node {
  parts: Identifier[];
}

/** The name as Flink compares it: Flink keeps identifiers as written (unquoted casing
 *  unchanged) and resolves them case-sensitively. */
export function nameKey(name: QualifiedName): string {
  return name.parts.map((p) => p.value).join('.');
}

export function nameText(name: QualifiedName): string {
  return name.parts
    .map((p) =>
      p.quoted || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.value) ? '`' + p.value.replace(/`/g, '``') + '`' : p.value,
    )
    .join('.');
}

/** A syntax problem found by the parser, before it becomes a positioned diagnostic. */
export interface SyntaxIssue {
  message: string;
  range: Range;
  hint?: string;
}
