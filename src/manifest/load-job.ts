import { compareDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { JobSpec } from './types.js';
import path from 'node:path';
import { isInside, readTextFile, resolveRepoPath, safeRealpath } from './repository-files.js';
import { checkBaseImages } from './check-base-image.js';
import { configurationSecrets } from './configuration-secrets.js';
import { jarImagePath, locateJobJar } from './job-jars.js';
import { configurationVariables } from './configuration-variables.js';
import { dependencyJars } from './dependency-jars.js';
import { validateManifest } from './validate-manifest.js';
import { quote } from '../text/quote.js';
import { diagnosticAtPath, parseYamlSource, type YamlPath, type YamlSource } from './yaml-document.js';

export const JOB_FILE = 'job.yaml';
const REFERENCE_RULE = 'manifest/reference';
const SCHEMA_RULE = 'manifest/schema';

/** One SQL file of a job, in the order `sql` lists them. */
export interface SqlFile {
  /** Relative to the repository root, posix: what diagnostics name. */
  path: string;
  /** As written in job.yaml. */
  written: string;
  /** Index in the manifest's `sql` list, so a later error can point at the entry. */
  entry: number;
  content: string;
}

export interface LoadedJob {
  /** Folder name under jobs/. */
  name: string;
  /** `jobs/<name>`, relative to the repository root, posix. */
  dir: string;
  /** job.yaml with positions: `diagnosticAtPath(job.manifest, ['parallelism'], 'value', …)`. */
  manifest: YamlSource;
  /** Present when job.yaml is valid YAML and passes the schema. */
  spec?: JobSpec;
  /** The SQL files that could be read, in order. */
  sqlFiles: SqlFile[];
  /** Pod template file (repo-relative) and its parsed content. */
  podTemplate?: { path: string; content: Record<string, unknown> };
  /** Jar files of `dependencies.jars` that exist, relative to the repository root. */
  jars: string[];
  /** The files of `tables.schemas` that could be read, in order: DDL the check reads, the runner never runs. */
  schemaFiles?: SqlFile[];
}

/** Parses and checks one job.yaml without touching the file system. */
export function parseJobManifest(
  text: string,
  file: string,
  folderName: string,
): { source: YamlSource; spec?: JobSpec; diagnostics: Diagnostic[] } {
  const source = parseYamlSource(file, text);
  const diagnostics = [...source.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) return { source, diagnostics };
  const schemaErrors = validateManifest(source, 'job');
  diagnostics.push(...schemaErrors);
  if (schemaErrors.length > 0) return { source, diagnostics };
  diagnostics.push(...configurationSecrets(source), ...configurationVariables(source));
  const spec = source.value as JobSpec;
  diagnostics.push(...dependencyJars(source, spec));
  if (spec.name !== folderName) {
    diagnostics.push(
      diagnosticAtPath(source, ['name'], 'value', {
        severity: 'error',
        rule: REFERENCE_RULE,
        message: `\`name\` is ${quote(spec.name)} but the job's folder is ${quote(folderName)}; they must be equal`,
        hint: `rename the folder to jobs/${spec.name}, or set name: ${folderName}`,
      }),
    );
    return { source, diagnostics };
  }
  diagnostics.push(
    ...checkBaseImages(source, [
      [[], spec],
      ...Object.entries(spec.environments ?? {}).map(([name, env]): [string[], typeof env] => [
        ['environments', name],
        env,
      ]),
    ]),
  );
  const conflicts = checkConfigMapBuild(source, spec);
  if (conflicts.length > 0) return { source, diagnostics: [...diagnostics, ...conflicts] };
  return { source, spec, diagnostics };
}

/**
 * `build: configmap` builds no image: the job runs on its base image as is, and only its SQL
 * is added, through a ConfigMap mounted into its own pods. Jars have nowhere to go, and a
 * session job has no pods of its own to mount into.
 */
function checkConfigMapBuild(source: YamlSource, spec: JobSpec): Diagnostic[] {
  if (spec.build !== 'configmap') return [];
  const out: Diagnostic[] = [];
  const refuse = (p: YamlPath, message: string, hint: string) =>
    out.push(diagnosticAtPath(source, p, 'key', { severity: 'error', rule: SCHEMA_RULE, message, hint }));
  for (const kind of ['maven', 'jars'] as const) {
    const listed = spec.dependencies?.[kind] ?? [];
    if (listed.length === 0) continue;
    refuse(
      ['dependencies', kind],
      `\`build: configmap\` builds no image, so the ${listed.length === 1 ? 'jar' : `${listed.length} jars`} of \`dependencies.${kind}\` would have nowhere to go`,
      'put them in the base image (and list its connectors under provided.connectors in streampilot.yaml), or use the registry builder: remove `build: configmap`',
    );
  }
  if (spec.mode === 'session') {
    refuse(
      ['mode'],
      "`build: configmap` mounts the SQL into the job's own pods, but a session job runs in its session cluster's pods",
      'remove `build: configmap` (a session job never has an image of its own: its SQL travels inline in the FlinkSessionJob), or use mode: application',
    );
  }
  return out.sort(compareDiagnostics);
}

/**
 * Loads `jobs/<name>/job.yaml` from a repository and everything it names: SQL files (read),
 * the pod template (parsed), jars (checked to exist). Problems become diagnostics at the
 * manifest entry that names the file.
 */
export function loadJob(
  root: string,
  name: string,
  manifestText: string,
): { job: LoadedJob; diagnostics: Diagnostic[] } {
  const dir = `jobs/${name}`;
  const parsed = parseJobManifest(manifestText, `${dir}/${JOB_FILE}`, name);
  const { source, spec } = parsed;
  const diagnostics = [...parsed.diagnostics];
  const job: LoadedJob = { name, dir, manifest: source, sqlFiles: [], jars: [] };
  if (!spec) return { job, diagnostics };
  job.spec = spec;
  const problem = (p: YamlPath, message: string, hint?: string): void => {
    diagnostics.push(diagnosticAtPath(source, p, 'value', { severity: 'error', rule: REFERENCE_RULE, message, hint }));
  };

  spec.sql.forEach((written, entry) => {
    const where = resolveRepoPath(root, dir, written);
    if (!where.ok) return problem(['sql', entry], `SQL file ${where.problem}`, where.hint);
    const read = readTextFile(where.absolute, written);
    if (!read.ok) return problem(['sql', entry], `SQL file ${read.problem}`, read.hint);
    job.sqlFiles.push({ path: where.relative, written, entry, content: read.text });
  });

  (spec.tables?.schemas ?? []).forEach((written, entry) => {
    const where = resolveRepoPath(root, dir, written);
    if (!where.ok) return problem(['tables', 'schemas', entry], `schema file ${where.problem}`, where.hint);
    const read = readTextFile(where.absolute, written);
    if (!read.ok) return problem(['tables', 'schemas', entry], `schema file ${read.problem}`, read.hint);
    (job.schemaFiles ??= []).push({ path: where.relative, written, entry, content: read.text });
  });

  if (spec.podTemplate !== undefined) {
    const written = spec.podTemplate;
    const where = resolveRepoPath(root, dir, written);
    const read = where.ok ? readTextFile(where.absolute, written) : where;
    if (!read.ok) problem(['podTemplate'], `pod template ${read.problem}`, read.hint);
    else if (where.ok) {
      const template = parseYamlSource(where.relative, read.text);
      diagnostics.push(...template.diagnostics);
      const value = template.value;
      if (template.diagnostics.every((d) => d.severity !== 'error')) {
        if (value !== null && typeof value === 'object' && !Array.isArray(value))
          job.podTemplate = { path: where.relative, content: value as Record<string, unknown> };
        else
          problem(
            ['podTemplate'],
            `pod template ${quote(written)} must be a YAML mapping (a Pod: apiVersion, kind, spec …)`,
          );
      }
    }
  }

  // Checked here, not only when building: the Docker builder would otherwise send what a link
  // out of the repository points to to the engine, and `check` would pass a job that cannot build.
  const dockerfile = typeof spec.build === 'object' ? spec.build.dockerfile : undefined;
  if (dockerfile !== undefined) {
    const where = resolveRepoPath(root, dir, dockerfile);
    const jobDir = safeRealpath(path.join(root, dir));
    const read = !where.ok
      ? where
      : jobDir && !isInside(jobDir, where.absolute)
        ? outsideJob(dockerfile)
        : readTextFile(where.absolute, dockerfile);
    if (!read.ok) problem(['build', 'dockerfile'], `Dockerfile ${read.problem}`, read.hint);
  }

  const inImage = new Map<string, string>();
  (spec.dependencies?.jars ?? []).forEach((written, i) => {
    const where = locateJobJar(root, dir, written);
    if (!where.ok) return problem(['dependencies', 'jars', i], `jar ${where.problem}`, where.hint);
    // Every jar lands in one folder of the image under its file name: a second jar of that name would replace the first.
    const target = jarImagePath(written);
    const earlier = inImage.get(target);
    if (earlier !== undefined)
      return problem(
        ['dependencies', 'jars', i],
        `jar ${quote(written)} and ${quote(earlier)} would both be copied to ${target} in the image`,
        'rename one of the files: jars land in the image by file name',
      );
    inImage.set(target, written);
    job.jars.push(where.relative);
  });

  return { job, diagnostics };
}

/** The Docker builder reads the Dockerfile from the job folder, its build context, and nowhere else. */
function outsideJob(written: string): { ok: false; problem: string; hint: string } {
  return {
    ok: false,
    problem: `\`${written}\` is a symbolic link to a file outside the job folder`,
    hint: 'copy the Dockerfile into the job folder instead of linking to it',
  };
}
