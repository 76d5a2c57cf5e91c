import { BUILD_IDENTITY, hashKey, type ResultCache } from '../cache/result-cache.js';
import type { Diagnostic } from '../diagnostics.js';
import { RULE_JOB_FIELDS, type SqlUnit } from '../rules/types.js';
import type { ProjectSpec, ResolvedJob } from '../manifest/types.js';
import { buildSqlUnits, type SqlSource } from '../sql/build-units.js';
import { jobDiagnostics } from '../rules/job-diagnostics.js';
import type { Statement } from '../sql/model/statements.js';
import { printRunnerScript } from '../sql/printer/runner-script.js';
import { framedStatements, writeFramedScript } from '../runner/framed-script.js';
import { usesOwnRunner } from '../runner/runner-paths.js';

export interface JobSqlResult {
  diagnostics: Diagnostic[];
  /**
   * What the runner reads, '' when the SQL has errors: for StreamPilot's runner the framed script
   * (the user's statements with `${…}` intact, the same in every environment); for a team's own
   * runner the normalised script with the environment's variables substituted.
   */
  script: string;
}

/** What the rules and the printer make of a job's SQL, the same in every environment that agrees on their inputs. */
interface SqlAnalysis {
  diagnostics: Diagnostic[];
  script: string;
}

/**
 * A job's SQL for one environment: variables substituted, parsed, every rule run, and the
 * normalised script printed from the parse. Cached by a hash of all of its inputs. `shared`
 * holds the rules' and printer's results by content for the length of one check: environments
 * that differ only in settings no rule reads (namespace, context, unused variables) reuse them
 * instead of analysing the same SQL once per environment.
 */
export function checkJobSql(
  sources: readonly SqlSource[],
  job: ResolvedJob,
  project: ProjectSpec | undefined,
  cache?: ResultCache,
  shared?: ResultCache,
): JobSqlResult {
  const key = cache ? hashKey('job-sql/v2', BUILD_IDENTITY, sources, job, project?.provided ?? null) : '';
  const cached = cache?.get<JobSqlResult>(key);
  if (cached) return cached;

  // Per environment: the unresolved-variable findings name the environment.
  const built = buildSqlUnits(sources, {
    flinkVersion: job.flinkVersion,
    variables: job.variables,
    environment: job.environment,
  });
  const contentKey = shared ? analysisKey(sources, job, project) : '';
  let analysis = shared?.get<SqlAnalysis>(contentKey);
  if (!analysis) {
    analysis = analyse(built.units, job, project);
    shared?.set(contentKey, analysis);
  }
  const result: JobSqlResult = {
    diagnostics: [...built.diagnostics, ...analysis.diagnostics],
    script: built.diagnostics.length > 0 ? '' : analysis.script,
  };
  cache?.set(key, result);
  return result;
}

function analyse(units: SqlUnit[], job: ResolvedJob, project: ProjectSpec | undefined): SqlAnalysis {
  const diagnostics = jobDiagnostics({ units, job, ...(project ? { project } : {}), wholeJob: true });
  const broken = units.some((u) => u.parsed.issues.length > 0);
  const statements: Statement[] = units.flatMap((u) => u.parsed.statements);
  if (broken) return { diagnostics, script: '' };
  const script = usesOwnRunner(job.runner.jarURI)
    ? writeFramedScript(framedStatements(units))
    : printRunnerScript(statements);
  return { diagnostics, script };
}

const VARIABLE_REFERENCE = /\$\{([A-Za-z_][\w.-]*)\}/g;

/**
 * Everything the analysis depends on: the texts, the values of the variables they reference
 * (which decide both the parsed text and how its offsets map back), and the job fields rules
 * may read (`RULE_JOB_FIELDS`, enforced by the type of `RuleContext.job`).
 */
function analysisKey(sources: readonly SqlSource[], job: ResolvedJob, project: ProjectSpec | undefined): string {
  const referenced: Record<string, string | null> = {};
  for (const source of sources) {
    for (const match of source.text.matchAll(VARIABLE_REFERENCE))
      referenced[match[1]!] = Object.hasOwn(job.variables, match[1]!) ? job.variables[match[1]!]! : null;
  }
  const ruleJob = Object.fromEntries(RULE_JOB_FIELDS.map((field) => [field, job[field] ?? null]));
  return hashKey('job-sql-analysis/v2', sources, Object.entries(referenced).sort(), ruleJob, project?.provided ?? null);
}

/** A per-check `shared` store for `checkJobSql`: lives as long as one check, so it needs no bound or invalidation. */
export function checkScopedMemo(): ResultCache {
  const entries = new Map<string, unknown>();
  return {
    get: <T>(key: string) => entries.get(key) as T | undefined,
    set: (key, value) => void entries.set(key, value),
  };
}
