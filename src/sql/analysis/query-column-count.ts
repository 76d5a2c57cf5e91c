import type { Query } from '../model/query.js';

/**
 * How many columns a query produces, when that is knowable without a catalog: a select
 * list without `*`, or VALUES rows. Undefined otherwise (a `*`, `TABLE t`).
 */
export function queryColumnCount(q: Query): number | undefined {
  // Down the left side of a chain of set operations by a loop: the chain may be thousands long.
  let rights: Query[] = [];
  while (q.kind === 'setOperation') {
    rights.push(q.right);
    q = q.left;
  }
  const count = columnCountOf(q);
  rights = rights.reverse();
  if (count !== undefined) return count;
  for (const right of rights) {
    const n = queryColumnCount(right);
    if (n !== undefined) return n;
  }
  return undefined;
}

function columnCountOf(q: Exclude<Query, { kind: 'setOperation' }>): number | undefined {
  switch (q.kind) {
    case 'select':
      return q.items.some((i) => i.expression.kind === 'star') ? undefined : q.items.length;
    case 'values':
      return q.rows[0]?.values.length;
    case 'with':
      return queryColumnCount(q.body);
    case 'ordered':
    case 'parenthesized':
      return queryColumnCount(q.query);
    case 'explicitTable':
      return undefined;
  }
}
