/**
 * Declared schemas (`tables.schemas` in job.yaml): SQL files whose CREATE TABLE statements
 * describe tables that live in a catalog. The check reads them as if they had run before the
 * job's scripts; the runner never sees them. Only `CREATE TABLE` (not CTAS), `USE` and
 * `USE CATALOG` mean something there.
 */
import type { SqlUnit } from '../sql/build-units.js';
import type { Statement } from '../sql/model/statements.js';
import { JobCatalog } from './catalog.js';

/** Statements a schema file may hold; anything else is ignored (and reported by sql/declared-schema). */
export function isSchemaStatement(s: Statement): boolean {
  return (
    (s.kind === 'createTable' && !s.asQuery) ||
    s.kind === 'use' ||
    s.kind === 'createCatalog' ||
    s.kind === 'createDatabase'
  );
}

/** `[catalog, database, table]` of every table the schema files declare. */
export function declaredTablePaths(units: readonly SqlUnit[]): string[][] {
  const catalog = new JobCatalog();
  const out: string[][] = [];
  for (const unit of units) {
    for (const s of unit.parsed.statements) {
      if (s.kind === 'use')
        catalog.use(
          s.name.parts.map((p) => p.value),
          s.catalog,
        );
      if (s.kind === 'createTable' && !s.asQuery) {
        const path = catalog.resolve(s.name.parts.map((p) => p.value));
        if (path) out.push(path);
      }
    }
    // Each file starts from Flink's defaults, as the job's own scripts do.
    catalog.use(['default_catalog'], true);
  }
  return out;
}
