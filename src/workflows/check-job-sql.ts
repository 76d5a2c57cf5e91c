import { BUILD_IDENTITY, hashKey, type ResultCache } from '../cache/result-cache.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ProjectSpec, ResolvedJob } from '../spec/types.js';
import { buildSqlUnits, type SqlSource } from '../sql/build-units.js';
import { checkSql } from '../sql/check-sql.js';
import type { Statement } from '../sql/model/statements.js';
import { printRunnerScript } from '../sql/printer/runner-script.js';

export interface JobSqlResult {
  diagnostics: Diagnostic[];
  /** The normalised script the runner will execute; '' when the SQL has syntax errors. */
  script: string;
}

/**
 * A job's SQL for one environment: variables substituted, parsed, every rule run, and the
 * normalised script printed from the parse. Cached by a hash of all of its inputs.
 */
export function checkJobSql(sources: readonly SqlSource[], job: ResolvedJob, project: ProjectSpec | undefined, cache?: ResultCache): JobSqlResult {
  const key = cache ? hashKey('job-sql/v1', BUILD_IDENTITY, sources, job, project?.provided ?? null) : '';
  const cached = cache?.get<JobSqlResult>(key);
  if (cached) return cached;

  const built = buildSqlUnits(sources, { flinkVersion: job.flinkVersion, variables: job.variables, environment: job.environment });
  const diagnostics = [...built.diagnostics, ...checkSql({ units: built.units, job, ...(project ? { project } : {}), wholeJob: true })];
  const broken = built.units.some((u) => u.parsed.issues.length > 0) || built.diagnostics.length > 0;
  const statements: Statement[] = built.units.flatMap((u) => u.parsed.statements);
  const result: JobSqlResult = { diagnostics, script: broken ? '' : printRunnerScript(statements) };
  cache?.set(key, result);
  return result;
}
