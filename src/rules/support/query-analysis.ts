/**
 * The one place the rules reach the query analysis (`src/sql/analysis/`), so that its module
 * layout can change without touching every rule.
 */
import { queryColumnCount } from '../../sql/analysis/query-column-count.js';
import { tableReferences, type TableReference } from '../../sql/analysis/table-references.js';
import type { Query } from '../../sql/model/query.js';

export type TableRead = TableReference;

export const tablesRead = (query: Query): TableRead[] => tableReferences(query);

export const outputColumnCount = (query: Query): number | undefined => queryColumnCount(query);
