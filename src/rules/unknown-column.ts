import { didYouMean } from '../text/did-you-mean.js';
import { jobAnalysis } from './support/semantic-analysis.js';
import type { Rule } from './types.js';

/** Candidates listed in a hint when nothing is close enough to suggest. */
const MAX_LISTED = 12;

/**
 * A column reference no table of its scope has (Calcite's "Column 'x' not found in any
 * table" / "… not found in table 'o'"). Quiet whenever the scope holds something the check
 * cannot see into: an opaque catalog table, an unknown table function, a view over either.
 */
export const unknownColumn: Rule = {
  id: 'sql/unknown-column',
  severity: 'error',
  description: 'a column that no table, view or subquery in scope has',
  check(ctx, report) {
    for (const { unit, ref, resolution } of jobAnalysis(ctx).references) {
      if (resolution.kind !== 'missing') continue;
      const part = ref.name.parts[resolution.part];
      if (!part) continue;
      const candidates = [...new Set(resolution.candidates)];
      const close = didYouMean(resolution.name, candidates);
      const where = resolution.qualifier ? `\`${resolution.qualifier}\`` : 'any table in scope';
      const listed = candidates.slice(0, MAX_LISTED).join(', ') + (candidates.length > MAX_LISTED ? ', …' : '');
      report({
        unit,
        range: part.range,
        message: `column \`${resolution.name}\` not found in ${where}${close ? `; did you mean \`${close}\`?` : ''}`,
        hint: close
          ? `Flink resolves column names case-sensitively: write \`${close}\``
          : candidates.length > 0
            ? `columns in scope: ${listed}`
            : 'this query reads no table that has columns: add a FROM clause or check the table name',
      });
    }
  },
};
