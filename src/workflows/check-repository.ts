import { repositoryFingerprint } from '../cache/repository-fingerprint.js';
import { BUILD_IDENTITY, hashKey, type ResultCache } from '../cache/result-cache.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostics.js';
import { ConfigError, messageOf } from '../errors.js';
import type { Plan, PlannedEnvironment, PlannedJob, UnplannedJob } from '../plan/types.js';
import { contentHash, imageContent, imageReference } from '../render/image-ref.js';
import { RenderError } from '../render/render-error.js';
import { CONFIGMAP_MAX_BYTES, renderDeployObjects, sqlConfigMapBytes } from '../render/render-deploy-objects.js';
import { didYouMeanSuffix } from '../text/did-you-mean.js';
import type { LoadedJob } from '../manifest/load-job.js';
import { deployOnOf } from '../manifest/deploy-on.js';
import { readJobJar } from '../manifest/job-jars.js';
import { sha256Hex } from '../text/sha256.js';
import { loadRepository } from '../manifest/load-repository.js';
import { environmentNamespace, resolveJob } from '../manifest/overlay.js';
import type { ProjectSpec, ResolvedJob } from '../manifest/types.js';
import { diagnosticAtPath, type YamlSource } from '../manifest/yaml-document.js';
import { settingOrigin } from '../manifest/setting-origin.js';
import { checkOperatorRequirements } from '../manifest/operator-requirements.js';
import { secretConflicts } from '../manifest/secret-variables.js';
import { secretEnvName } from '../runner/runner-paths.js';
import { checkJobSql, checkScopedMemo } from './check-job-sql.js';
import { checkServiceNames } from './check-service-names.js';
import type { CheckResult } from '../plan/types.js';
import { runnerJar, usesOwnRunner } from '../runner/runner-paths.js';

export type { CheckResult };

export interface CheckOptions {
  /** Only these environments (default: all of streampilot.yaml). */
  environments?: string[];
  /** Only these jobs (default: all). */
  jobs?: string[];
  cache?: ResultCache;
  gitSha?: string;
}

/** Stands for the digest of a jar the loader could not read (and reported): never built. */
const UNREADABLE_JAR = 'unreadable';

/** Used when streampilot.yaml names no registry: the plan still shows a stable tag. */
const PLACEHOLDER_REGISTRY = 'registry.invalid/streampilot';

/**
 * Validate a repository and plan what it deploys: load and check the manifests, then for each
 * environment and job resolve the settings, check the SQL with that environment's variables,
 * and render the object that would be applied.
 */
export function checkRepository(root: string, options: CheckOptions = {}): CheckResult {
  if (!options.cache) return checkRepositoryUncached(root, options);
  // An unchanged repository (every file's path and bytes) gets the stored result whole.
  const key = hashKey(
    'repository/v1',
    BUILD_IDENTITY,
    repositoryFingerprint(root),
    options.environments ?? null,
    options.jobs ?? null,
    options.gitSha ?? null,
  );
  const cached = options.cache.get<StoredCheck>(key);
  if (cached) return { diagnostics: cached.diagnostics, plan: cached.plan, sources: new Map(cached.sources) };
  const result = checkRepositoryUncached(root, options);
  // Only the files that findings name are needed again, for their code frames.
  const named = new Set(result.diagnostics.map((d) => d.file));
  options.cache.set(key, {
    diagnostics: result.diagnostics,
    plan: result.plan,
    sources: [...result.sources].filter(([file]) => named.has(file)),
  } satisfies StoredCheck);
  return result;
}

interface StoredCheck {
  diagnostics: Diagnostic[];
  plan: Plan;
  sources: [string, string][];
}

function checkRepositoryUncached(root: string, options: CheckOptions): CheckResult {
  const repo = loadRepository(root);
  const diagnostics = [...repo.diagnostics];
  const sources = new Map<string, string>();
  if (repo.project) sources.set(repo.project.source.file, repo.project.source.text);
  for (const job of repo.jobs) {
    sources.set(job.manifest.file, job.manifest.text);
    for (const f of job.sqlFiles) sources.set(f.path, f.content);
    for (const f of job.schemaFiles ?? []) sources.set(f.path, f.content);
  }
  const project = repo.project?.spec;
  if (!project) return finish(diagnostics, { environments: [] }, sources);

  const environments = selectEnvironments(project, options.environments);
  const jobs = selectJobs(repo.jobs, options.jobs);
  const shared = checkScopedMemo();
  // Job by job, every environment of a job in turn: what one job's check builds (its parses) is
  // garbage before the next job starts, instead of living until the last environment. Findings
  // are kept per environment, so their order is the environment-by-environment order it always was.
  const perEnvironment = environments.map((envName) => {
    const env = project.environments[envName]!;
    const planned: PlannedEnvironment = {
      name: envName,
      namespace: environmentNamespace(project, envName),
      deployOn: deployOnOf(env),
      jobs: [],
    };
    if (env.kubeContext) planned.kubeContext = env.kubeContext;
    if (env.after) planned.after = env.after;
    return { name: envName, planned, unplanned: [] as UnplannedJob[], diagnostics: [] as Diagnostic[] };
  });
  for (const job of jobs) {
    for (const { name: envName, planned, unplanned, diagnostics: found } of perEnvironment) {
      if (!job.spec) {
        unplanned.push({ name: job.name, dir: job.dir, reason: 'its job.yaml has errors' });
        continue;
      }
      const resolved = resolveJob(
        project,
        {
          spec: job.spec,
          dir: job.dir,
          manifest: job.manifest,
          ...(job.podTemplate ? { podTemplate: job.podTemplate } : {}),
          ...(job.schemaFiles ? { tableSchemas: job.schemaFiles.map((f) => ({ file: f.path, text: f.content })) } : {}),
        },
        envName,
        repo.project?.source,
      );
      for (const d of resolved.diagnostics) found.push(d);
      for (const d of secretConflicts(
        project,
        repo.project?.source,
        { spec: job.spec, manifest: job.manifest },
        envName,
        resolved.job,
        secretEnvName,
      ))
        found.push(d);
      const refused = checkOperatorRequirements({
        job: resolved.job,
        manifest: job.manifest,
        project,
        ...(repo.project?.source ? { projectSource: repo.project.source } : {}),
      });
      for (const d of refused) found.push(d);
      const plannedJob = planJob(
        root,
        job,
        resolved.job,
        project,
        options,
        found,
        shared,
        repo.project?.source,
        refused.length > 0,
      );
      if (plannedJob) planned.jobs.push(plannedJob);
      else unplanned.push({ name: job.name, dir: job.dir, reason: `it cannot be planned for \`${envName}\`` });
    }
  }
  const plan: Plan = { environments: [] };
  for (const { planned, unplanned, diagnostics: found } of perEnvironment) {
    if (unplanned.length > 0) planned.unplanned = unplanned;
    plan.environments.push(planned);
    for (const d of found) diagnostics.push(d);
  }
  diagnostics.push(...checkServiceNames(plan, (name) => jobs.find((j) => j.name === name)?.manifest));
  markSharedImages(plan);
  return finish(diagnostics, plan, sources);
}

function planJob(
  root: string,
  job: LoadedJob,
  resolved: ResolvedJob,
  project: ProjectSpec,
  options: CheckOptions,
  diagnostics: Diagnostic[],
  shared: ResultCache,
  projectSource: YamlSource | undefined,
  /** The operator's rules already refused the job at its manifests' keys: the renderer's own refusal says it again. */
  refusedByOperatorRules = false,
): PlannedJob | undefined {
  let sql: ReturnType<typeof checkJobSql>;
  try {
    sql = checkJobSql(
      job.sqlFiles.map((f) => ({ file: f.path, text: f.content })),
      resolved,
      project,
      options.cache,
      shared,
    );
  } catch (e) {
    // A bug of ours must not end the whole check without a position, nor pass the job: it fails here.
    diagnostics.push(
      diagnosticAtPath(job.manifest, ['sql'], 'value', {
        severity: 'error',
        rule: 'internal/check-failed',
        message:
          `the SQL of \`${resolved.name}\` could not be checked for environment \`${resolved.environment}\`: ` +
          messageOf(e).split('\n')[0]!.slice(0, 200),
        hint: 'this is a bug in StreamPilot, not in your SQL; please report it with the SQL that triggers it',
      }),
    );
    return undefined;
  }
  // A loop, not push(...): a spread of many thousands of findings overflows the call stack.
  for (const d of sql.diagnostics) diagnostics.push(d);
  const blocked = sql.script === '' || sql.diagnostics.some((d) => d.severity === 'error');
  try {
    if (resolved.packaging === 'configmap' && sqlConfigMapBytes(resolved, sql.script) > CONFIGMAP_MAX_BYTES) {
      diagnostics.push(
        diagnosticAtPath(job.manifest, ['build'], 'value', {
          severity: 'error',
          rule: 'manifest/reference',
          message: `the SQL script of \`${resolved.name}\` takes ${sqlConfigMapBytes(resolved, sql.script)} bytes in environment \`${resolved.environment}\`, more than the ${CONFIGMAP_MAX_BYTES} (1 MiB) a ConfigMap holds`,
          hint: "remove `build: configmap` so that the script goes into the job's image, or split the job",
        }),
      );
      return undefined;
    }
    const image =
      resolved.packaging === 'configmap'
        ? resolved.baseImage
        : contentAddressedImage(root, job, resolved, project, sql.script);
    const object = renderDeployObjects(resolved, {
      image,
      script: sql.script,
      ...(options.gitSha ? { gitSha: options.gitSha } : {}),
    }).resource;
    return {
      name: resolved.name,
      dir: resolved.dir,
      mode: resolved.mode,
      flinkVersion: resolved.flinkVersion,
      image,
      parallelism: resolved.parallelism,
      upgradeMode: resolved.upgradeMode,
      object: object as unknown as PlannedJob['object'],
      enabled: resolved.enabled,
      blocked,
      script: sql.script,
      job: resolved,
    };
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    if (refusedByOperatorRules && e instanceof RenderError) return undefined;
    // The layer that wrote the setting at fault, so the annotation lands on the key to change; the job's name
    // only when no manifest writes it.
    const origin =
      e instanceof RenderError && e.setting
        ? settingOrigin(e.setting, resolved.environment, job.manifest, projectSource)
        : undefined;
    diagnostics.push(
      diagnosticAtPath(origin?.source ?? job.manifest, origin?.path ?? ['name'], 'value', {
        severity: 'error',
        rule: 'render',
        message:
          e instanceof RenderError
            ? e.message
            : `cannot plan ${resolved.name} for environment \`${resolved.environment}\`: ${e.message}`,
      }),
    );
    return undefined;
  }
}

/**
 * Notes, per job, the earlier environment that runs the same image: its `after` environment
 * first, else the first one in streampilot.yaml's order. Only built images count (a session
 * job runs its cluster's image, a `build: configmap` job a base image anyone may share).
 */
function markSharedImages(plan: Plan): void {
  const seen: PlannedEnvironment[] = [];
  for (const env of plan.environments) {
    for (const job of env.jobs) {
      if (job.mode !== 'application' || job.job.packaging === 'configmap' || job.blocked || !job.enabled) continue;
      const same = (other: PlannedEnvironment) =>
        other.jobs.some((o) => o.name === job.name && o.image === job.image && !o.blocked && o.enabled);
      const match = seen.find((o) => o.name === env.after && same(o)) ?? seen.find(same);
      if (match) job.sameImageAs = match.name;
    }
    seen.push(env);
  }
}

/** The tag the job's image would get; the base image digest is the builder's to add. */
function contentAddressedImage(
  root: string,
  job: LoadedJob,
  resolved: ResolvedJob,
  project: ProjectSpec,
  script: string,
): string {
  // Keyed as written (relative to the job folder), as imageContent looks them up. A jar that
  // cannot be read is reported by the loader, which blocks the job; its tag is then only shown.
  const jarDigests = Object.fromEntries(
    resolved.dependencies.jars.map((written) => {
      const read = readJobJar(root, job.dir, written);
      return [written, read.ok ? sha256Hex(read.bytes) : UNREADABLE_JAR];
    }),
  );
  const runnerSourceSha256 = usesOwnRunner(resolved.runner.jarURI) ? runnerJar().sourceSha256 : undefined;
  const hash = contentHash(
    imageContent(resolved, { script, jarDigests, ...(runnerSourceSha256 ? { runnerSourceSha256 } : {}) }),
  );
  return imageReference(resolved, project.registry?.repository ?? PLACEHOLDER_REGISTRY, hash);
}

function selectEnvironments(project: ProjectSpec, wanted: string[] | undefined): string[] {
  const all = Object.keys(project.environments);
  if (!wanted || wanted.length === 0) return all;
  for (const name of wanted) {
    if (!all.includes(name))
      throw new ConfigError(
        `there is no environment \`${name}\` in streampilot.yaml${didYouMeanSuffix(name, all)}`,
        `environments: ${all.join(', ')}`,
      );
  }
  return wanted;
}

function selectJobs(jobs: LoadedJob[], wanted: string[] | undefined): LoadedJob[] {
  if (!wanted || wanted.length === 0) return jobs;
  const names = jobs.map((j) => j.name);
  for (const name of wanted) {
    if (!names.includes(name))
      throw new ConfigError(
        `there is no job \`${name}\` (no jobs/${name}/job.yaml)${didYouMeanSuffix(name, names)}`,
        names.length ? `jobs: ${names.join(', ')}` : 'create jobs/<name>/job.yaml',
      );
  }
  return jobs.filter((j) => wanted.includes(j.name));
}

function finish(diagnostics: Diagnostic[], plan: Plan, sources: Map<string, string>): CheckResult {
  // The same finding in several environments is one finding.
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.file}\u0000${d.line}\u0000${d.column}\u0000${d.endLine}\u0000${d.endColumn}\u0000${d.rule}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { diagnostics: unique.sort(compareDiagnostics), plan, sources };
}
