import { jobAnalysis } from './support/semantic-analysis.js';
import type { Rule } from './types.js';

/**
 * An unqualified column that more than one table of the FROM clause has (Calcite's "Column
 * 'x' is ambiguous"). A USING or NATURAL join merges its columns: those are not ambiguous.
 */
export const ambiguousColumn: Rule = {
  id: 'sql/ambiguous-column',
  severity: 'error',
  description: 'an unqualified column that more than one table of the FROM clause has',
  check(ctx, report) {
    for (const { unit, ref, resolution } of jobAnalysis(ctx).references) {
      if (resolution.kind !== 'ambiguous') continue;
      const part = ref.name.parts[resolution.part];
      if (!part) continue;
      const owners = [...new Set(resolution.qualifiers)];
      const first = owners.find((o) => o !== '?');
      report({
        unit,
        range: part.range,
        message: `column \`${resolution.name}\` is ambiguous: ${owners.map((o) => `\`${o}\``).join(' and ')} both have it`,
        hint: first
          ? `qualify it with the table or alias you mean, e.g. \`${first}.${resolution.name}\``
          : 'give each table an alias and qualify the column with it',
      });
    }
  },
};
