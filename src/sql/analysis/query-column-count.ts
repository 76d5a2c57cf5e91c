import type { Query } from '../model/query.js';

/**
 * How many columns a query produces, when that is knowable without a catalog: a select
 * list without `*`, or VALUES rows. Undefined otherwise (a `*`, `TABLE t`).
 */
export function queryColumnCount(q: Query): number | undefined {
  switch (q.kind) {
    case 'select':
      return q.items.some((i) => i.expression.kind === 'star') ? undefined : q.items.length;
    case 'values':
      return q.rows[0]?.values.length;
    case 'setOperation':
      return queryColumnCount(q.left) ?? queryColumnCount(q.right);
    case 'with':
      return queryColumnCount(q.body);
    case 'ordered':
    case 'parenthesized':
      return queryColumnCount(q.query);
    case 'explicitTable':
      return undefined;
  }
}
