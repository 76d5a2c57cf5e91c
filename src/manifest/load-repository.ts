import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../diagnostics.js';
import { LineMap } from '../text/source.js';
import { diagnosticAt } from '../diagnostics.js';
import { didYouMeanSuffix } from '../text/did-you-mean.js';
import { JOB_FILE, loadJob, type LoadedJob } from './load-job.js';
import { parseProjectManifest, PROJECT_FILE, type LoadedProject } from './load-project.js';
import { locateInRepository, readRepositoryText, type RepoTextResult } from './repository-files.js';
import { quote } from '../text/quote.js';
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
/** A symbolic link in the repository that leaves it (or reaches into .git): reported at the link, never followed. */
export const SYMLINK_OUTSIDE_RULE = 'manifest/symlink-outside';

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
    diagnostics.push(
      fileLevel(
        PROJECT_FILE,
        MISSING_RULE,
        `${root} is not a directory`,
        'run StreamPilot at the root of the repository that holds streampilot.yaml, or pass that directory',
      ),
    );
    return result;
  }

  // Every manifest is read through readRepositoryText: a link out of the repository is a finding
  // at the link, and what it points to is never read (it could be the app's own .env).
  const project = readRepositoryText(root, PROJECT_FILE);
  if (project.ok) {
    result.project = parseProjectManifest(project.text);
    diagnostics.push(...result.project.diagnostics);
  } else if (project.reason === 'missing') diagnostics.push(missingProject(root));
  else diagnostics.push(unreadable(PROJECT_FILE, project));

  for (const name of jobFolders(root, diagnostics)) {
    const file = `jobs/${name}/${JOB_FILE}`;
    const manifest = readRepositoryText(root, file);
    if (!manifest.ok && manifest.reason === 'missing') {
      if (locateInRepository(root, `jobs/${name}/job.yml`).ok) {
        diagnostics.push(
          fileLevel(
            `jobs/${name}/job.yml`,
            MISSING_RULE,
            `the job manifest must be named job.yaml, not job.yml`,
            `rename jobs/${name}/job.yml to jobs/${name}/job.yaml`,
          ),
        );
      } else {
        diagnostics.push({
          ...fileLevel(
            fileInFolder(root, `jobs/${name}`),
            MISSING_RULE,
            `jobs/${name} has no job.yaml, so it is not a job and is ignored`,
            'add a job.yaml, or move the folder out of jobs/',
          ),
          severity: 'warning',
        });
      }
      continue;
    }
    if (!manifest.ok) {
      diagnostics.push(unreadable(file, manifest));
      continue;
    }
    const loaded = loadJob(root, name, manifest.text);
    result.jobs.push(loaded.job);
    diagnostics.push(...loaded.diagnostics);
  }

  const projectSpec = result.project?.spec;
  if (projectSpec) {
    for (const job of result.jobs)
      diagnostics.push(...checkJobEnvironments(job, Object.keys(projectSpec.environments)));
  }
  diagnostics.sort(compareDiagnostics);
  return result;
}

/** Folder names under jobs/, sorted; hidden folders are skipped and links leaving the repository reported. */
function jobFolders(root: string, diagnostics: Diagnostic[]): string[] {
  const jobsDir = locateInRepository(root, 'jobs');
  if (!jobsDir.ok) {
    if (jobsDir.reason !== 'missing') diagnostics.push(linkOutside(jobsDir.link, 'folder'));
    return [];
  }
  if (!isDirectory(jobsDir.absolute)) return [];
  const names: string[] = [];
  let entries: Dirent[];
  try {
    entries = readdirSync(jobsDir.absolute, { withFileTypes: true });
  } catch (e) {
    diagnostics.push(
      fileLevel(
        'jobs',
        MISSING_RULE,
        `jobs/ cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      ),
    );
    return [];
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (!entry.isSymbolicLink() && !entry.isDirectory()) continue;
    const folder = locateInRepository(root, `jobs/${entry.name}`);
    if (!folder.ok) {
      if (folder.reason !== 'missing') diagnostics.push(linkOutside(folder.link, 'folder'));
      continue;
    }
    if (isDirectory(folder.absolute)) names.push(entry.name);
  }
  return names.sort();
}

/** A manifest that could not be read: a link out of the repository (at the link), or a bad file. */
function unreadable(file: string, read: Exclude<RepoTextResult, { ok: true } | { reason: 'missing' }>): Diagnostic {
  if (read.reason === 'unreadable') return fileLevel(file, 'manifest/yaml', read.problem, read.hint);
  return linkOutside(read.link, 'file', read.reason === 'git');
}

function linkOutside(link: string, what: 'file' | 'folder', intoGit = false): Diagnostic {
  const where = intoGit
    ? "into .git, which is not part of the repository's content"
    : `to a ${what} outside the repository`;
  return fileLevel(
    link,
    SYMLINK_OUTSIDE_RULE,
    `${quote(link, 120).slice(1, -1)} is a symbolic link ${where}; StreamPilot does not follow it`,
    `replace the link with the ${what} itself: links in the repository may only point inside it`,
  );
}

function checkJobEnvironments(job: LoadedJob, environments: string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of Object.keys(job.spec?.environments ?? {})) {
    if (environments.includes(name)) continue;
    out.push(
      diagnosticAtPath(job.manifest, ['environments', name], 'key', {
        severity: 'error',
        rule: REFERENCE_RULE,
        message: `environment ${quote(name)} is not defined in ${PROJECT_FILE}${didYouMeanSuffix(name, environments)}`,
        hint: `environments defined in ${PROJECT_FILE}: ${environments.join(', ')}`,
      }),
    );
  }
  return out;
}

function missingProject(root: string): Diagnostic {
  if (locateInRepository(root, 'streampilot.yml').ok) {
    return fileLevel(
      'streampilot.yml',
      MISSING_RULE,
      'the project file must be named streampilot.yaml, not streampilot.yml',
      'rename streampilot.yml to streampilot.yaml',
    );
  }
  return fileLevel(
    PROJECT_FILE,
    MISSING_RULE,
    `no ${PROJECT_FILE} at the root of ${root}: StreamPilot needs it to know the environments to deploy to`,
    'create streampilot.yaml with at least: `apiVersion: streampilot.dev/v1`, `kind: Project` and `environments: { staging: { namespace: flink } }`',
  );
}

/** A problem with a file as a whole: line 1, column 1. */
/**
 * A file of the folder to attach a finding about the folder to: GitHub annotates files, never folders, and
 * drops an annotation on a file that does not exist. Its first SQL file, else its first file (sorted, searched
 * breadth first); the folder itself when it holds none.
 */
function fileInFolder(root: string, folder: string): string {
  let level = [folder];
  for (let depth = 0; depth < 4 && level.length > 0; depth++) {
    const next: string[] = [];
    const files: string[] = [];
    for (const dir of level) {
      let entries: Dirent[];
      try {
        entries = readdirSync(path.join(root, dir), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (entry.name.startsWith('.')) continue;
        if (entry.isFile() || entry.isSymbolicLink()) files.push(`${dir}/${entry.name}`);
        else if (entry.isDirectory()) next.push(`${dir}/${entry.name}`);
      }
    }
    const chosen = files.find((f) => f.endsWith('.sql')) ?? files[0];
    if (chosen) return chosen;
    level = next;
  }
  return folder;
}

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
