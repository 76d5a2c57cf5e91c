import type { QueryBlock } from '../semantics/analysis.js';
import { formatType } from '../semantics/sql-type.js';
import type { Expression, FunctionCall, SpecialCall, WindowSpec } from '../sql/model/query.js';
import { pushChildExpressions } from '../sql/analysis/walk.js';
import { runtimeModeAt } from './support/runtime-mode.js';
import { jobAnalysis } from './support/semantic-analysis.js';
import { mentions, referenceType, surelyNotTimeAttribute, unwrap } from './support/time-attributes.js';
import type { Rule } from './types.js';

/** Ranking functions filtered to a rank are Top-N or deduplication, which may order by anything. */
const RANKS = new Set(['ROW_NUMBER', 'RANK', 'DENSE_RANK']);

/**
 * An OVER window ordered by something other than a time attribute in a streaming job: the planner
 * (`StreamExecOverAggregate`) refuses it with "OVER windows' ordering in stream mode must be
 * defined on a time attribute". ROW_NUMBER/RANK/DENSE_RANK are left alone (Top-N), and so are batch jobs.
 */
export const overWindowOrder: Rule = {
  id: 'sql/over-window-order',
  severity: 'error',
  description: 'an OVER window ordered by a column that is not a time attribute, in a streaming job',
  check(ctx, report) {
    const analysis = jobAnalysis(ctx);
    for (const block of analysis.blocks) {
      if (!mentions(block.unit, /\bOVER\b/i)) continue;
      for (const { call, spec } of overCalls(block)) {
        const first = spec.orderBy[0];
        if (!first || runtimeModeAt(ctx, block.unit, call.range.start) !== 'streaming') continue;
        const key = unwrap(first.expression);
        const type = key.kind === 'column' ? referenceType(analysis, key) : undefined;
        if (!type || key.kind !== 'column' || !surelyNotTimeAttribute(analysis, block.select, key, type)) continue;
        report({
          unit: block.unit,
          range: first.range,
          message: `an OVER window of a streaming query must be ordered by a time attribute, but this one is ordered by a ${formatType(type)}`,
          hint: 'order the window by the rowtime column (one with a WATERMARK) or by a PROCTIME() column',
        });
      }
    }
  },
};

/** The OVER calls of a block's select list, with their window (a named window resolved). */
function* overCalls(block: QueryBlock): Generator<{ call: FunctionCall | SpecialCall; spec: WindowSpec }> {
  const named = new Map(block.select.windows.map((w) => [w.name.value, w.spec]));
  const resolve = (spec: WindowSpec | { value: string }, depth = 0): WindowSpec | undefined => {
    if ('value' in spec) {
      const w = named.get(spec.value);
      return w && depth < 10 ? resolve(w, depth + 1) : undefined;
    }
    if (spec.orderBy.length === 0 && spec.base) return resolve(spec.base, depth + 1);
    return spec;
  };
  const stack: Expression[] = block.select.items.map((i) => i.expression);
  while (stack.length > 0) {
    const e = stack.pop()!;
    if ((e.kind === 'call' || e.kind === 'specialCall') && e.over) {
      const name =
        e.kind === 'call' ? e.name.parts[e.name.parts.length - 1]!.value.toUpperCase() : e.name.toUpperCase();
      const spec = resolve(e.over);
      if (spec && !RANKS.has(name)) yield { call: e, spec };
    }
    pushChildExpressions(e, stack);
  }
}
