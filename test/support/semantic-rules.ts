/**
 * Which rules are the semantic analysis (issue 15) and which predate it. Tests and the benchmark
 * that measure the semantic rules count only theirs: a connector-options warning on a fixture is
 * neither a catch nor a false alarm of the semantic analysis.
 */
import { RULES } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/types.js';

export const PRE_SEMANTIC_RULES: ReadonlySet<string> = new Set([
  'syntax',
  'sql/connector-dependency',
  'sql/connector-options',
  'sql/drop-statement',
  'sql/duplicate-table',
  'sql/empty-file',
  'sql/insert-column-count',
  'sql/multiple-inserts',
  'sql/no-sink',
  'sql/plaintext-secret',
  'sql/runner-compatibility',
  'sql/unknown-table',
]);

/** The registered rules that are not in PRE_SEMANTIC_RULES. */
export const semanticRules = (): Rule[] => RULES.filter((r) => !PRE_SEMANTIC_RULES.has(r.id));
