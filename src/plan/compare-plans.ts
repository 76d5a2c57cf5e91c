import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { FileChange } from '../git/changed-files.js';
import { ANNOTATION, LABEL } from '../render/object-meta.js';
import { parseScript } from '../sql/parse.js';
import { printScript } from '../sql/printer/statements.js';
import type { DeployOn } from '../manifest/types.js';
import type { CheckResult } from './types.js';
import type { PlannedEnvironment, PlannedJob } from './types.js';
import { scriptAsSql } from '../runner/framed-script.js';

/** `invalid`: the job is still there but its manifest has errors, so head has no plan for it. */
export type JobChangeStatus = 'new' | 'changed' | 'unchanged' | 'deleted' | 'renamed' | 'invalid';

/** What a pull request touched for a job: its files, or the project file every job inherits from. */
export type ChangedInput = 'sql' | 'manifest' | 'podTemplate' | 'dependencies' | 'project';

/** What happens to a job's image on merge: a new one is built, the base's is used again, or none runs (session mode, deleted). */
export type ImageChange = 'rebuilt' | 'reused' | 'none';

export interface JobComparison {
  /** The job's name in head (in base for a deleted job). */
  name: string;
  /** Renamed: the name in base. */
  previousName?: string;
  status: JobChangeStatus;
  /** `deleted` because the head disables it in this environment (`enabled: false`): a deploy suspends it. */
  disabled?: true;
  image: ImageChange;
  base?: PlannedJob;
  head?: PlannedJob;
  inputs: ChangedInput[];
  /** The normalised script differs (comments and layout do not count; variable values do). */
  sqlChanged: boolean;
  /**
   * The statements differ beyond connector options (`WITH (...)`): the operator graph, and so
   * the mapping of saved state, may change. Undefined when the SQL texts were not available.
   */
  queryShapeChanged?: boolean;
}

export interface EnvironmentComparison {
  name: string;
  namespace: string;
  deployOn: DeployOn;
  /** Jobs that are new, changed, deleted or renamed, by name. */
  jobs: JobComparison[];
  /** How many jobs stay as they are. */
  unchanged: number;
}

export interface PlanComparison {
  /** Environments a merge deploys to. */
  merge: EnvironmentComparison[];
  /** Environments deployed by `/deploy <env>`: what the command would do after the merge. */
  command: EnvironmentComparison[];
  /** `streampilot.yaml` changed: every job's inputs include `project`. */
  projectChanged: boolean;
}

export interface ComparePlansInput {
  /** Absent when the base has no streampilot.yaml (the pull request creates the project). */
  base?: CheckResult;
  head: CheckResult;
  changes: readonly FileChange[];
}

const PROJECT_FILE = 'streampilot.yaml';
/** Annotations that record where an object came from, not what it runs. */
// The repository is provenance too: a plan made with it (a deploy's) equals one made without (a check's).
const PROVENANCE = new Set<string>([
  ANNOTATION.gitSha,
  ANNOTATION.pullRequest,
  ANNOTATION.commitUrl,
  ANNOTATION.repository,
]);

/** Base and head plans side by side: per environment, what merging (or `/deploy`) would change. */
export function comparePlans(input: ComparePlansInput): PlanComparison {
  const projectChanged = input.changes.some((c) => c.path === PROJECT_FILE || c.from === PROJECT_FILE);
  const baseEnvs = new Map((input.base?.plan.environments ?? []).map((e) => [e.name, e]));
  const headEnvs = new Map(input.head.plan.environments.map((e) => [e.name, e]));
  const context: Context = {
    changes: input.changes,
    projectChanged,
    baseFiles: fileIndex(input.base),
    headFiles: fileIndex(input.head),
    headSources: input.head.sources,
  };
  const result: PlanComparison = { merge: [], command: [], projectChanged };
  for (const name of union([...headEnvs.keys()], [...baseEnvs.keys()])) {
    const env = compareEnvironment(baseEnvs.get(name), headEnvs.get(name), context);
    (env.deployOn === 'merge' ? result.merge : result.command).push(env);
  }
  return result;
}

interface Context {
  changes: readonly FileChange[];
  projectChanged: boolean;
  baseFiles: JobFiles;
  headFiles: JobFiles;
  headSources: ReadonlyMap<string, string>;
}

function compareEnvironment(
  base: PlannedEnvironment | undefined,
  head: PlannedEnvironment | undefined,
  context: Context,
): EnvironmentComparison {
  const env = (head ?? base)!;
  // A job disabled in an environment is not deployed there: for the plan it is absent.
  const baseJobs = new Map((base?.jobs ?? []).filter((j) => j.enabled).map((j) => [j.name, j]));
  const headJobs = new Map((head?.jobs ?? []).filter((j) => j.enabled).map((j) => [j.name, j]));
  const jobs: JobComparison[] = [];
  let unchanged = 0;
  const deleted: PlannedJob[] = [];
  const added: PlannedJob[] = [];
  for (const name of union([...headJobs.keys()], [...baseJobs.keys()])) {
    const b = baseJobs.get(name);
    const h = headJobs.get(name);
    if (b && h) {
      const comparison = compareJob(b, h, context);
      if (comparison.status === 'unchanged') unchanged++;
      else jobs.push(comparison);
    } else if (h) added.push(h);
    else if (b) deleted.push(b);
  }
  for (const h of added) {
    const match = deleted.findIndex((b) => isRename(b, h, context.changes));
    if (match >= 0) {
      const [b] = deleted.splice(match, 1);
      jobs.push({ ...compareJob(b!, h, context), status: 'renamed', previousName: b!.name });
    } else {
      jobs.push({
        name: h.name,
        status: 'new',
        image: h.mode === 'session' ? 'none' : 'rebuilt',
        head: h,
        inputs: touchedInputs(undefined, h, context),
        sqlChanged: true,
        queryShapeChanged: true,
      });
    }
  }
  for (const b of deleted) {
    // Missing from head's plan is not the same as removed: a manifest with errors yields no plan either.
    const status = context.headSources.has(`${b.dir}/job.yaml`) ? 'invalid' : 'deleted';
    const disabled = head?.jobs.some((j) => j.name === b.name && !j.enabled) ?? false;
    jobs.push({
      name: b.name,
      status: disabled ? 'deleted' : status,
      ...(disabled ? { disabled: true as const } : {}),
      image: 'none',
      base: b,
      inputs: touchedInputs(b, undefined, context),
      sqlChanged: true,
      queryShapeChanged: true,
    });
  }
  jobs.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return { name: env.name, namespace: env.namespace, deployOn: env.deployOn, jobs, unchanged };
}

function compareJob(base: PlannedJob, head: PlannedJob, context: Context): JobComparison {
  const same =
    canonical(withoutProvenance(base.object)) === canonical(withoutProvenance(head.object)) &&
    base.image === head.image;
  const sqlChanged = sqlHash(base) !== sqlHash(head);
  const comparison: JobComparison = {
    name: head.name,
    status: same ? 'unchanged' : 'changed',
    image: head.mode === 'session' ? 'none' : base.image === head.image ? 'reused' : 'rebuilt',
    base,
    head,
    inputs: touchedInputs(base, head, context),
    sqlChanged,
  };
  if (!sqlChanged) comparison.queryShapeChanged = false;
  else {
    const before = queryShape(base, context.baseFiles);
    const after = queryShape(head, context.headFiles);
    if (before !== undefined && after !== undefined) comparison.queryShapeChanged = before !== after;
  }
  return comparison;
}

/**
 * A folder rename shows as a deleted and a new job. They are one job moved when git paired
 * files across the two folders, or when what runs is the same: equal SQL and equal image content
 * (the tag's hash part; its name part is the job's name).
 */
function isRename(base: PlannedJob, head: PlannedJob, changes: readonly FileChange[]): boolean {
  if (
    changes.some(
      (c) => c.status === 'renamed' && c.from !== undefined && inside(c.from, base.dir) && inside(c.path, head.dir),
    )
  )
    return true;
  return sqlHash(base) === sqlHash(head) && imageHash(base) === imageHash(head);
}

/** The inputs of a job among the changed files; file names come from the job's manifest when the check kept its text. */
function touchedInputs(base: PlannedJob | undefined, head: PlannedJob | undefined, context: Context): ChangedInput[] {
  const found = new Set<ChangedInput>();
  if (context.projectChanged) found.add('project');
  const files = [base && context.baseFiles.get(base.dir), head && context.headFiles.get(head.dir)];
  const dirs = [base?.dir, head?.dir].filter((d): d is string => d !== undefined);
  for (const change of context.changes) {
    for (const p of [change.path, change.from]) {
      if (p === undefined) continue;
      const kind =
        files.map((f) => f?.byPath.get(p)).find((k) => k !== undefined) ??
        (dirs.some((d) => inside(p, d)) ? kindByName(p) : undefined);
      if (kind) found.add(kind);
    }
  }
  // The manifest can change what a job reads without any of those files changing.
  const [b, h] = files;
  if (b && h) {
    if (canonical(b.manifest?.sql) !== canonical(h.manifest?.sql)) found.add('sql');
    if (canonical(b.manifest?.dependencies) !== canonical(h.manifest?.dependencies)) found.add('dependencies');
    if (canonical(b.manifest?.podTemplate) !== canonical(h.manifest?.podTemplate)) found.add('podTemplate');
  }
  const order: ChangedInput[] = ['sql', 'manifest', 'podTemplate', 'dependencies', 'project'];
  return order.filter((k) => found.has(k));
}

function kindByName(p: string): ChangedInput {
  const base = path.posix.basename(p);
  if (base === 'job.yaml') return 'manifest';
  if (base.endsWith('.sql')) return 'sql';
  if (base.endsWith('.jar')) return 'dependencies';
  if (base.endsWith('.yaml') || base.endsWith('.yml')) return 'podTemplate';
  return 'manifest';
}

interface ManifestView {
  sql?: unknown;
  dependencies?: unknown;
  podTemplate?: unknown;
}

interface JobFileSet {
  manifest?: ManifestView;
  /** Repository-relative path → which input of the job it is. */
  byPath: Map<string, ChangedInput>;
  /** The job's SQL file texts in order, when the check kept them all. */
  sqlTexts?: string[];
}

/** Per job folder, the files its manifest names. */
type JobFiles = Map<string, JobFileSet>;

function fileIndex(result: CheckResult | undefined): JobFiles {
  const index: JobFiles = new Map();
  if (!result) return index;
  for (const env of result.plan.environments) {
    for (const job of env.jobs) {
      if (index.has(job.dir)) continue;
      const set: JobFileSet = { byPath: new Map([[`${job.dir}/job.yaml`, 'manifest']]) };
      index.set(job.dir, set);
      const text = result.sources.get(`${job.dir}/job.yaml`);
      if (text === undefined) continue;
      let manifest: ManifestView | undefined;
      try {
        const parsed: unknown = parseYaml(text);
        if (parsed && typeof parsed === 'object') manifest = parsed as ManifestView;
      } catch {
        // The check reported it; without the manifest we fall back to file names.
      }
      if (!manifest) continue;
      set.manifest = manifest;
      const resolve = (p: unknown) =>
        typeof p === 'string' ? path.posix.normalize(path.posix.join(job.dir, p)) : undefined;
      const sqlPaths = (Array.isArray(manifest.sql) ? manifest.sql : [])
        .map(resolve)
        .filter((p): p is string => p !== undefined);
      for (const p of sqlPaths) set.byPath.set(p, 'sql');
      const jars = (manifest.dependencies as { jars?: unknown } | undefined)?.jars;
      for (const p of Array.isArray(jars) ? jars : []) {
        const r = resolve(p);
        if (r) set.byPath.set(r, 'dependencies');
      }
      const pod = resolve(manifest.podTemplate);
      if (pod) set.byPath.set(pod, 'podTemplate');
      const texts = sqlPaths.map((p) => result.sources.get(p));
      if (texts.length > 0 && texts.every((t) => t !== undefined)) set.sqlTexts = texts as string[];
    }
  }
  return index;
}

/**
 * The script printed canonically with every connector option left out. Options (a topic, a
 * bootstrap server, a variable's value inside them) do not change the operators Flink builds;
 * columns, watermarks, queries and SET statements can.
 */
function queryShape(job: PlannedJob, files: JobFiles): string | undefined {
  // The normalised script when the plan carries it; else the files the check kept (not on a cache hit).
  const text = job.script ? scriptAsSql(job.script) : files.get(job.dir)?.sqlTexts?.join('\n');
  if (!text) return undefined;
  const parsed = parseScript(text, { flinkVersion: job.flinkVersion });
  if (parsed.issues.length > 0) return undefined;
  const stripped = parsed.statements.map((s) =>
    s.kind === 'createTable' || s.kind === 'createMaterializedTable' ? { ...s, options: [] } : s,
  );
  return printScript(stripped);
}

function sqlHash(job: PlannedJob): string | undefined {
  const annotations = (job.object.metadata as { annotations?: Record<string, string> }).annotations;
  return annotations?.[ANNOTATION.sqlSha256];
}

function imageHash(job: PlannedJob): string {
  const tag = job.image.slice(job.image.lastIndexOf(':') + 1);
  return tag.startsWith(`${job.name}-`) ? tag.slice(job.name.length + 1) : tag;
}

function withoutProvenance(object: PlannedJob['object']): unknown {
  const metadata = object.metadata as { annotations?: Record<string, string>; labels?: Record<string, string> };
  const annotations = Object.fromEntries(
    Object.entries(metadata.annotations ?? {}).filter(([k]) => !PROVENANCE.has(k)),
  );
  const labels = Object.fromEntries(Object.entries(metadata.labels ?? {}).filter(([k]) => k !== LABEL.repository));
  return { ...object, metadata: { ...object.metadata, annotations, labels } };
}

/** JSON with sorted keys: key order never makes two equal objects differ. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
          )
        : v,
    ) ?? 'undefined'
  );
}

function inside(file: string, dir: string): boolean {
  return file.startsWith(`${dir}/`);
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
