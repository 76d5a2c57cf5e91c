import { didYouMean } from '../text/did-you-mean.js';
import { jobAnalysis } from './support/semantic-analysis.js';
import type { Rule } from './types.js';

/**
 * `x.col` where no table or alias of the FROM clause (or of an enclosing query) is called
 * `x`, and no column `x` of ROW type exists (Calcite's "Table 'x' not found").
 */
export const unknownQualifier: Rule = {
  id: 'sql/unknown-qualifier',
  severity: 'error',
  description: 'a column qualified with a table or alias that is not in the FROM clause',
  check(ctx, report) {
    for (const { unit, ref, resolution } of jobAnalysis(ctx).references) {
      if (resolution.kind !== 'unknownQualifier') continue;
      const part = ref.name.parts[resolution.part];
      if (!part) continue;
      const candidates = [...new Set(resolution.candidates)];
      const close = didYouMean(resolution.qualifier, candidates);
      report({
        unit,
        range: part.range,
        message: `no table or alias \`${resolution.qualifier}\` in this query${close ? `; did you mean \`${close}\`?` : ''}`,
        hint: close
          ? `qualify the column with \`${close}\` (names are case-sensitive)`
          : candidates.length > 0
            ? `the FROM clause names ${candidates.map((c) => `\`${c}\``).join(', ')}; once a table has an alias, only the alias qualifies its columns`
            : 'this query has no FROM clause to qualify columns with',
      });
    }
  },
};
