import type { Query } from '../sql/model/query.js';
import type { CreateTable, Insert } from '../sql/model/statements.js';
import type { Range } from '../text/source.js';
import { displayName, insertsOf, jobStatements, nameParts, shortParts } from './support/job-statements.js';
import { outputColumnCount } from './support/query-analysis.js';
import { tableKey, writableColumns } from './support/table-definitions.js';
import type { Rule } from './types.js';

/**
 * INSERT whose query yields a different number of columns than the target takes: the
 * explicit column list, or else every writable column of a target the script created.
 */
export const insertColumnCount: Rule = {
  id: 'sql/insert-column-count',
  severity: 'error',
  description: 'an INSERT provides a different number of columns than its target table takes',
  check(ctx, report) {
    const tables = new Map<string, CreateTable>();
    for (const { unit, statement } of jobStatements(ctx)) {
      for (const insert of insertsOf(statement)) {
        const actual = outputColumnCount(insert.query);
        if (actual === undefined) continue;
        const expected = expectedColumns(insert, tables);
        if (!expected || expected.names.length === actual) continue;
        const target = displayName(shortParts(nameParts(insert.target)));
        const n = expected.names.length;
        const listed = expected.fromList ? 'its column list names' : `\`${target}\` has`;
        const columns = expected.names.every((c) => !c.startsWith('#')) ? ` (${expected.names.join(', ')})` : '';
        report({
          unit,
          range: selectListRange(insert.query) ?? insert.query.range,
          message: `INSERT INTO \`${target}\` gets ${actual} column${actual === 1 ? '' : 's'} from its query, but ${listed} ${n} writable column${n === 1 ? '' : 's'}${columns}`,
          hint: expected.fromList
            ? 'make the select list and the column list name the same number of columns, in the same order'
            : `select exactly one expression per writable column, in table order, or name the columns you write: INSERT INTO ${target} (col1, col2, ...) SELECT ...`,
        });
      }
      if (statement.kind === 'createTable') tables.set(tableKey(statement), statement);
    }
  },
};

function expectedColumns(
  insert: Insert,
  tables: ReadonlyMap<string, CreateTable>,
): { names: string[]; fromList: boolean } | undefined {
  if (insert.targetColumns) return { names: insert.targetColumns.map((c) => c.value), fromList: true };
  const table = tables.get(tableKey({ name: insert.target }));
  if (!table) return undefined;
  const writable = writableColumns(table, tables);
  if (!writable) return undefined;
  // Static partition columns (`PARTITION (dt = '...')`) are given by the clause, not the query.
  const fixed = new Set((insert.partition ?? []).map((p) => p.column.value));
  return { names: writable.filter((c) => !fixed.has(c)), fromList: false };
}

/** The select list (or first VALUES row) of the query's first branch: where the count is visible. */
export function selectListRange(query: Query): Range | undefined {
  // The first query of a set operation chain, by a loop (the chain may be thousands long).
  while (query.kind === 'setOperation') query = query.left;
  switch (query.kind) {
    case 'select': {
      const first = query.items[0];
      const last = query.items[query.items.length - 1];
      return first && last ? { start: first.range.start, end: last.range.end } : undefined;
    }
    case 'values':
      return query.rows[0]?.range;
    case 'with':
      return selectListRange(query.body);
    case 'ordered':
    case 'parenthesized':
      return selectListRange(query.query);
    case 'explicitTable':
      return query.name.range;
  }
}
