/**
 * The one place the rules reach the query analysis (engineer Q's `src/sql/analysis/`), so that
 * its module layout can change without touching every rule.
 */
import type { QualifiedName } from '../sql/model/common.js';
import type { Query } from '../sql/model/query.js';
import type { Range } from '../sql/source.js';

export interface TableRead {
  name: QualifiedName;
  range: Range;
}

// PLACEHOLDER until src/sql/analysis lands: reads nothing, counts nothing (rules stay silent).
export function tablesRead(_query: Query): TableRead[] {
  return [];
}

export function outputColumnCount(_query: Query): number | undefined {
  return undefined;
}
