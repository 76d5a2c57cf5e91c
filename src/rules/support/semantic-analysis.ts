/**
 * The one place rules reach the job's semantic analysis, with what the job declares about
 * catalog tables, so every rule of a check shares one analysis.
 */
import { analysisOf, type JobAnalysis } from '../../semantics/analysis.js';
import type { RuleContext } from '../types.js';

export function jobAnalysis(ctx: RuleContext): JobAnalysis {
  return analysisOf(ctx.units, { externalTables: ctx.job?.externalTables ?? [] });
}

/** `a`, `` `a b` ``: a name as the user writes it in Flink SQL. */
export const shownName = (name: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
