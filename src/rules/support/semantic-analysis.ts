/**
 * The one place rules reach the job's semantic analysis, with what the job declares about
 * catalog tables (`tables.external`, `tables.schemas`), so every rule of a check shares one
 * analysis.
 */
import { analysisOf, type JobAnalysis } from '../../semantics/analysis.js';
import { buildSqlUnits } from '../../sql/build-units.js';
import type { RuleContext, SqlUnit } from '../types.js';

// Parsed once per list of schema files (the job's field keeps its identity for one check).
const schemaUnits = new WeakMap<object, SqlUnit[]>();

/** The `tables.schemas` files of the job, parsed for its Flink version (variables are not substituted there). */
export function declaredSchemaUnits(ctx: RuleContext): SqlUnit[] {
  const files = ctx.job?.tableSchemas;
  if (!files || files.length === 0) return [];
  let units = schemaUnits.get(files);
  if (!units) {
    units = buildSqlUnits(
      files.map((f) => ({ file: f.file, text: f.text })),
      { flinkVersion: ctx.job?.flinkVersion ?? '1.20' },
    ).units;
    schemaUnits.set(files, units);
  }
  return units;
}

export function jobAnalysis(ctx: RuleContext): JobAnalysis {
  const declaredSchemas = declaredSchemaUnits(ctx);
  return analysisOf(ctx.units, {
    externalTables: ctx.job?.externalTables ?? [],
    ...(declaredSchemas.length > 0 ? { declaredSchemas } : {}),
  });
}

/** `a`, `` `a b` ``: a name as the user writes it in Flink SQL. */
export const shownName = (name: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
