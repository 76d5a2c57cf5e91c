import type { Identifier } from '../sql/model/common.js';
import { inheritedFromLike, likeStrategies } from '../semantics/table-schema.js';
import { jobAnalysis } from './support/semantic-analysis.js';
import type { Query } from '../sql/model/query.js';
import { derivedName } from '../semantics/relation.js';
import type { Finding, Rule, SqlUnit } from './types.js';

/**
 * The same column name twice in a table's definition (DefaultSchemaResolver: "Schema must not
 * contain duplicate column names"), a column that a LIKE source already has
 * (MergeTableLikeUtil: "A column named … already exists in the base table", unless OVERWRITING
 * redefines a computed or metadata column), or a view's column list — or, without one, its
 * query's select list — naming one twice (SqlNodeConvertUtils#validateDuplicatedColumnNames,
 * SqlDdlToOperationConverterTest#testCreateViewWithDuplicateFieldName).
 */
/** Up to this many columns a scan finds a repeated name sooner than a Set is built (tables have a few dozen). */
const SMALL = 32;

/** Whether a name before index `i` is the same as the one at `i`. */
function namedBefore(names: readonly Identifier[], i: number): boolean {
  for (let j = 0; j < i; j++) if (names[j]!.value === names[i]!.value) return true;
  return false;
}

export const duplicateColumn: Rule = {
  id: 'sql/duplicate-column',
  severity: 'error',
  description: 'a table or view defines the same column name twice',
  check(ctx, report) {
    const analysis = jobAnalysis(ctx);
    for (const table of analysis.definitions) {
      const def = table.definition;
      if (!def) continue;
      const s = def.statement;
      const names: readonly Identifier[] =
        s.kind === 'createTable' ? s.columns.map((c) => c.name) : s.kind === 'createView' ? (s.columns ?? []) : [];
      const seen = names.length > SMALL ? new Set<string>() : undefined;
      for (let i = 0; i < names.length; i++) {
        const id = names[i]!;
        if (seen ? seen.has(id.value) : namedBefore(names, i))
          report({
            unit: def.unit,
            range: id.range,
            message: `column \`${id.value}\` is defined twice in \`${table.path[2]}\``,
            hint: 'rename or remove one of them: column names must be unique (compared case-sensitively)',
          });
        seen?.add(id.value);
      }
      if (s.kind === 'createView' && !s.columns && !table.open) reportViewDuplicates(def.unit, s.query, report);
      if (s.kind !== 'createTable' || !s.like) continue;
      const source = analysis.lookup(s.like.source);
      if (source.kind !== 'known') continue;
      const inherited = inheritedFromLike(source.table, s.like).columns;
      const strategies = likeStrategies(s.like);
      for (const c of s.columns) {
        const base = inherited.find((b) => b.name === c.name.value);
        if (!base) continue;
        const canOverwrite =
          (base.kind === 'computed' && c.columnKind === 'computed' && strategies.get('GENERATED') === 'OVERWRITING') ||
          (base.kind === 'metadata' && c.columnKind === 'metadata' && strategies.get('METADATA') === 'OVERWRITING');
        if (canOverwrite) continue;
        report({
          unit: def.unit,
          range: c.name.range,
          message: `column \`${c.name.value}\` already exists in \`${s.like.source.parts.map((p) => p.value).join('.')}\`, which this table is LIKE`,
          hint:
            base.kind === 'physical'
              ? 'a LIKE copies every physical column: give this column another name'
              : `rename it, or write OVERWRITING ${base.kind === 'computed' ? 'GENERATED' : 'METADATA'} in the LIKE clause to redefine it`,
        });
      }
    }
  },
};

/** Duplicate output names of a view's select list, at the later item (where Flink points). */
function reportViewDuplicates(unit: SqlUnit, query: Query, report: (f: Finding) => void): void {
  let q = query;
  while (q.kind === 'parenthesized') q = q.query;
  // With `*` the names come from the expansion; Flink then points at no item, and neither do we.
  if (q.kind !== 'select' || q.items.some((i) => i.expression.kind === 'star')) return;
  const seen = new Map<string, number>();
  q.items.forEach((item, i) => {
    const name = item.alias?.value ?? derivedName(item.expression, i);
    const first = seen.get(name);
    if (first === undefined) return void seen.set(name, i);
    report({
      unit,
      range: item.alias?.range ?? item.range,
      message: `the view's query names two columns \`${name}\` (select items ${first + 1} and ${i + 1})`,
      hint: "give one of them another alias (AS …), or list the view's column names: CREATE VIEW v (a, b) AS …",
    });
  });
}
