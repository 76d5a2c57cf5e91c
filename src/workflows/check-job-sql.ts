import { BUILD_IDENTITY, hashKey, type ResultCache } from '../cache/result-cache.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics.js';
import { RULE_JOB_FIELDS, type SqlUnit } from '../rules/types.js';
import type { ProjectSpec, ResolvedJob } from '../manifest/types.js';
import { buildSqlUnits, type SqlSource } from '../sql/build-units.js';
import { jobDiagnostics } from '../rules/job-diagnostics.js';
import { inertValueRanges } from '../rules/inert-options.js';
import { placeholderUses } from '../sql/placeholder-uses.js';
import { PLACEHOLDER } from '../sql/variables.js';
import { LineMap, type Range } from '../text/source.js';
import { RUNNER_JAR_URI, usesOwnRunner } from '../runner/runner-paths.js';
import { printRunnerScript } from '../sql/printer/runner-script.js';
import { framedStatements, writeFramedScript } from '../runner/framed-script.js';

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
  const key = cache ? hashKey('job-sql/v3', BUILD_IDENTITY, sources, job, project?.provided ?? null) : '';
  const cached = cache?.get<JobSqlResult>(key);
  if (cached) return cached;

  // Per environment: the unresolved-variable findings name the environment.
  const built = buildSqlUnits(sources, {
    flinkVersion: job.flinkVersion,
    variables: variablesForCheck(job),
    environment: job.environment,
  });
  const misplaced = secretPlacement(sources, job);
  const contentKey = shared ? analysisKey(sources, built.units, job, project) : '';
  let analysis = shared?.get<SqlAnalysis>(contentKey);
  if (!analysis) {
    analysis = analyse(built.units, sources, job, project);
    shared?.set(contentKey, analysis);
  }
  const result: JobSqlResult = {
    diagnostics: [...built.diagnostics, ...misplaced, ...analysis.diagnostics],
    script: built.diagnostics.length > 0 || misplaced.length > 0 ? '' : analysis.script,
  };
  cache?.set(key, result);
  return result;
}

function analyse(
  units: SqlUnit[],
  sources: readonly SqlSource[],
  job: ResolvedJob,
  project: ProjectSpec | undefined,
): SqlAnalysis {
  const diagnostics = jobDiagnostics({ units, job, ...(project ? { project } : {}), wholeJob: true });
  const broken = units.some((u) => u.parsed.issues.length > 0);
  if (broken) return { diagnostics, script: '' };
  const script = usesOwnRunner(job.runner.jarURI)
    ? writeFramedScript(framedStatements(units))
    : printRunnerScript(units.flatMap((u) => u.parsed.statements));
  return { diagnostics, script };
}

/** Secrets are unknown to StreamPilot: `check` parses each with a stand-in that a string literal holds as any value would. */
export const SECRET_STAND_IN = 'secret-value';

function variablesForCheck(job: ResolvedJob): Record<string, string> {
  const standIns = Object.fromEntries(Object.keys(job.secrets).map((name) => [name, SECRET_STAND_IN]));
  return { ...job.variables, ...standIns };
}

/**
 * Where a secret may go: inside a string literal of a job on StreamPilot's runner, which injects
 * it at start from the container's environment. Elsewhere its unknown value could change what
 * the statement means, which `check` could not see; a session job's runner runs in the session
 * cluster's pods, which the job's Secret reference cannot reach; and a job with its own runner
 * has its variables substituted into its image, where a secret must never go.
 */
function secretPlacement(sources: readonly SqlSource[], job: ResolvedJob): Diagnostic[] {
  const names = new Set(Object.keys(job.secrets));
  if (names.size === 0) return [];
  const out: Diagnostic[] = [];
  for (const source of sources) {
    const uses = placeholderUses(source.text, names);
    if (uses.length === 0) continue;
    const lines = new LineMap(source.text);
    const report = (range: Range, message: string, hint: string) =>
      out.push(
        diagnosticAt(source.file, lines, range, { severity: 'error', rule: 'sql/secret-placement', message, hint }),
      );
    for (const use of uses) {
      const ref = `\`\${${use.name}}\``;
      if (!usesOwnRunner(job.runner.jarURI)) {
        report(
          use.range,
          `secret ${ref} cannot reach a job with its own runner (${job.runner.jarURI}): its variables are written into the image`,
          `use StreamPilot's runner (runner.jarURI: ${RUNNER_JAR_URI}), or pass the value through your runner's own configuration`,
        );
      } else if (job.mode === 'session') {
        report(
          use.range,
          `secret ${ref} cannot reach a session job: it runs in the pods of session cluster \`${job.sessionCluster ?? '?'}\`, not in pods of its own`,
          "give the session cluster's pod template the value, or run the job in application mode",
        );
      } else if (!use.quoted) {
        report(
          use.range,
          `secret ${ref} is used outside a string literal; a secret may only stand inside '…'`,
          `write it as a quoted option value, '\${${use.name}}', where the runner substitutes it into a string and nothing else`,
        );
      }
    }
  }
  return out;
}

/**
 * Everything the analysis depends on: the texts, the values of the variables they reference
 * (which decide both the parsed text and how its offsets map back), and the job fields rules
 * may read (`RULE_JOB_FIELDS`, enforced by the type of `RuleContext.job`).
 *
 * An inert variable's value is left out: every `${name}` of the job stands inside the value of
 * an inert WITH option (`rules/inert-options.ts`), where no rule looks, and the value is
 * LITERAL_SAFE. Environments that differ only in such values share one analysis. Only for
 * StreamPilot's runner, whose script keeps `${…}` as written; a team's own runner gets the
 * values printed into its script.
 */
function analysisKey(
  sources: readonly SqlSource[],
  units: readonly SqlUnit[],
  job: ResolvedJob,
  project: ProjectSpec | undefined,
): string {
  // The runner decides which script is printed, and a name can be a variable in one environment and a secret in another.
  const runner = usesOwnRunner(job.runner.jarURI);
  const inertRanges = runner ? inertValueRanges(units) : undefined;
  const referenced: Record<string, string | null> = {};
  const inert = new Map<string, boolean>();
  for (const source of sources) {
    const inside = inertRanges?.get(source.file) ?? [];
    for (const match of source.text.matchAll(PLACEHOLDER)) {
      const name = match[1]!;
      const start = match.index;
      const end = start + match[0].length;
      const secret = Object.hasOwn(job.secrets, name);
      const value = secret ? SECRET_STAND_IN : Object.hasOwn(job.variables, name) ? job.variables[name]! : null;
      referenced[name] = value;
      const here =
        !secret && value !== null && LITERAL_SAFE.test(value) && inside.some((r) => r.start < start && end < r.end);
      inert.set(name, (inert.get(name) ?? true) && here);
    }
  }
  const values = Object.entries(referenced).map(([name, value]) => [name, inert.get(name) ? INERT : value]);
  const ruleJob = Object.fromEntries(RULE_JOB_FIELDS.map((field) => [field, job[field] ?? null]));
  const secrets = Object.keys(job.secrets)
    .filter((n) => Object.hasOwn(referenced, n))
    .sort();
  return hashKey('job-sql-analysis/v4', sources, values.sort(), ruleJob, project?.provided ?? null, runner, secrets);
}

/** Stands for an inert variable's value in the analysis key: an object, so no string value can equal it. */
const INERT = { inert: true } as const;

/**
 * A value that, put inside a string literal, leaves every token and line where it was: no quote
 * (it would end the literal), no line break (it would move the lines after it), no `$`.
 */
const LITERAL_SAFE = /^[^'\r\n$]*$/;

/** A per-check `shared` store for `checkJobSql`: lives as long as one check, so it needs no bound or invalidation. */
export function checkScopedMemo(): ResultCache {
  const entries = new Map<string, unknown>();
  return {
    get: <T>(key: string) => entries.get(key) as T | undefined,
    set: (key, value) => void entries.set(key, value),
  };
}
