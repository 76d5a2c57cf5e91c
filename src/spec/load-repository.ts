import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../diagnostics.js';
import { LineMap } from '../sql/source.js';
import { diagnosticAt } from '../diagnostics.js';
import { didYouMeanSuffix } from '../text/did-you-mean.js';
import { JOB_FILE, loadJob, type LoadedJob } from './load-job.js';
import { parseProjectManifest, PROJECT_FILE, type LoadedProject } from './load-project.js';
import { isInside, readTextFile, safeRealpath } from './repository-files.js';
import { diagnosticAtPath } from './yaml-document.js';

export interface LoadedRepository {
  /** Absolute path of the repository root. */
  root: string;
  /** Absent when streampilot.yaml is missing or unreadable; `project.spec` absent when invalid. */
  project?: LoadedProject;
  /** Every folder under jobs/ with a job.yaml, sorted by name; `spec` absent when invalid. */
  jobs: LoadedJob[];
  /** Every problem found, of every file, sorted by file and position. */
  diagnostics: Diagnostic[];
}

const MISSING_RULE = 'manifest/missing';
const REFERENCE_RULE = 'manifest/reference';

/**
 * Reads a StreamPilot repository: streampilot.yaml, every jobs/<name>/job.yaml and the files
 * they name. Never throws on bad content: a missing streampilot.yaml, unreadable files and
 * invalid manifests all come back as diagnostics, and the jobs that are valid still load.
 * Checks that need merged settings (session mode without a session cluster) belong to
 * `resolveJob`, which runs per environment.
 */
export function loadRepository(rootDir: string): LoadedRepository {
  const root = path.resolve(rootDir);
  const diagnostics: Diagnostic[] = [];
  const result: LoadedRepository = { root, jobs: [], diagnostics };
  if (!isDirectory(root)) {
    diagnostics.push(fileLevel(PROJECT_FILE, MISSING_RULE, `${root} is not a directory`, 'run StreamPilot at the root of the repository that holds streampilot.yaml, or pass that directory'));
    return result;
  }

  const projectPath = path.join(root, PROJECT_FILE);
  if (!existsSync(projectPath)) {
    diagnostics.push(missingProject(root));
  } else {
    const read = readTextFile(projectPath, PROJECT_FILE);
    if (!read.ok) diagnostics.push(fileLevel(PROJECT_FILE, 'manifest/yaml', read.problem, read.hint));
    else {
      result.project = parseProjectManifest(read.text);
      diagnostics.push(...result.project.diagnostics);
    }
  }

  for (const name of jobFolders(root, diagnostics)) {
    const manifestPath = path.join(root, 'jobs', name, JOB_FILE);
    const file = `jobs/${name}/${JOB_FILE}`;
    if (!existsSync(manifestPath)) {
      if (existsSync(path.join(root, 'jobs', name, 'job.yml'))) {
        diagnostics.push(fileLevel(`jobs/${name}/job.yml`, MISSING_RULE, `the job manifest must be named job.yaml, not job.yml`, `rename jobs/${name}/job.yml to jobs/${name}/job.yaml`));
      } else {
        diagnostics.push({ ...fileLevel(file, MISSING_RULE, `jobs/${name} has no job.yaml, so it is not a job and is ignored`, 'add a job.yaml, or move the folder out of jobs/'), severity: 'warning' });
      }
      continue;
    }
    const read = readTextFile(manifestPath, file);
    if (!read.ok) {
      diagnostics.push(fileLevel(file, 'manifest/yaml', read.problem, read.hint));
      continue;
    }
    const loaded = loadJob(root, name, read.text);
    result.jobs.push(loaded.job);
    diagnostics.push(...loaded.diagnostics);
  }

  const projectSpec = result.project?.spec;
  if (projectSpec) {
    for (const job of result.jobs) diagnostics.push(...checkJobEnvironments(job, Object.keys(projectSpec.environments)));
  }
  diagnostics.sort(compareDiagnostics);
  return result;
}

/** Folder names under jobs/, sorted; hidden folders and links leaving the repository are skipped. */
function jobFolders(root: string, diagnostics: Diagnostic[]): string[] {
  const jobsDir = path.join(root, 'jobs');
  if (!isDirectory(jobsDir)) return [];
  const realRoot = safeRealpath(root) ?? root;
  const names: string[] = [];
  let entries: Dirent[];
  try {
    entries = readdirSync(jobsDir, { withFileTypes: true });
  } catch (e) {
    diagnostics.push(fileLevel('jobs', MISSING_RULE, `jobs/ cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
    return [];
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(jobsDir, entry.name);
    if (entry.isSymbolicLink()) {
      const real = safeRealpath(full);
      if (real === undefined || !isDirectory(real)) continue;
      if (!isInside(realRoot, real)) {
        diagnostics.push(fileLevel(`jobs/${entry.name}`, REFERENCE_RULE, `jobs/${entry.name} is a symbolic link to a folder outside the repository`, 'keep every job inside the repository'));
        continue;
      }
    } else if (!entry.isDirectory()) continue;
    names.push(entry.name);
  }
  return names.sort();
}

function checkJobEnvironments(job: LoadedJob, environments: string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of Object.keys(job.spec?.environments ?? {})) {
    if (environments.includes(name)) continue;
    out.push(
      diagnosticAtPath(job.manifest, ['environments', name], 'key', {
        severity: 'error',
        rule: REFERENCE_RULE,
        message: `environment \`${name}\` is not defined in ${PROJECT_FILE}${didYouMeanSuffix(name, environments)}`,
        hint: `environments defined in ${PROJECT_FILE}: ${environments.join(', ')}`,
      }),
    );
  }
  return out;
}

function missingProject(root: string): Diagnostic {
  if (existsSync(path.join(root, 'streampilot.yml'))) {
    return fileLevel('streampilot.yml', MISSING_RULE, 'the project file must be named streampilot.yaml, not streampilot.yml', 'rename streampilot.yml to streampilot.yaml');
  }
  return fileLevel(
    PROJECT_FILE,
    MISSING_RULE,
    `no ${PROJECT_FILE} at the root of ${root}: StreamPilot needs it to know the environments to deploy to`,
    'create streampilot.yaml with at least:\napiVersion: streampilot.dev/v1\nkind: Project\nenvironments:\n  staging:\n    namespace: flink',
  );
}

/** A problem with a file as a whole: line 1, column 1. */
function fileLevel(file: string, rule: string, message: string, hint?: string): Diagnostic {
  return diagnosticAt(file, new LineMap(''), { start: 0, end: 0 }, { severity: 'error', rule, message, hint });
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
