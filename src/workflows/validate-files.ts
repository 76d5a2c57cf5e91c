import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import { buildSqlUnits, type SqlSource } from '../sql/build-units.js';
import { jobDiagnostics } from '../rules/job-diagnostics.js';
import { DEFAULT_FLINK_VERSION, SUPPORTED_FLINK_VERSIONS } from '../sql/parser/versions.js';
import { readTextFile, type TextFileResult } from '../manifest/repository-files.js';
import { readJobFolder, type JobFolder } from './job-folder-scripts.js';

/** The rule of a file `validate` refuses to read: not a regular file, too large, or not UTF-8 text. */
export const FILE_REFUSED = 'file/refused';

export interface ValidateFilesOptions {
  flinkVersion?: string;
  /**
   * The files are one job's scripts, in order: whole-job rules speak. Without it, the files a
   * folder's job.yaml lists under `sql` are checked together as that job, in that order.
   */
  wholeJob?: boolean;
}

export interface ValidateFilesResult {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  files: string[];
}

/** Expands folders into their .sql files (sorted, recursively, skipping node_modules and dot-folders). */
export function collectSqlFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      throw new UsageError(`\`${p}\` does not exist`, 'give .sql files or folders that contain them');
    }
    if (stat.isDirectory()) {
      const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
          if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (entry.isFile() && entry.name.toLowerCase().endsWith('.sql')) files.push(full);
        }
      };
      walk(p);
    } else {
      files.push(p);
    }
  }
  return files;
}

/** Validate loose SQL files: syntax and the rules that can speak about a file on its own. */
export function validateFiles(paths: readonly string[], options: ValidateFilesOptions = {}): ValidateFilesResult {
  const flinkVersion = options.flinkVersion ?? DEFAULT_FLINK_VERSION;
  if (!SUPPORTED_FLINK_VERSIONS.includes(flinkVersion)) {
    throw new UsageError(
      `--flink-version must be one of ${SUPPORTED_FLINK_VERSIONS.join(', ')}; got \`${flinkVersion}\``,
    );
  }
  const files = collectSqlFiles(paths);
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  // Devices (/dev/zero), FIFOs, files over MAX_TEXT_FILE_BYTES and binary or non-UTF-8 files are
  // refused before they are read whole (a FIFO is never opened): one finding each, not a hang,
  // gigabytes of memory or megabytes of syntax errors.
  for (const file of files) {
    const read = readSqlFile(file);
    if (read.ok) sources.set(file, read.text);
    else {
      const refused: Diagnostic = {
        file,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        severity: 'error',
        rule: FILE_REFUSED,
        message: read.problem,
      };
      if (read.hint) refused.hint = read.hint;
      diagnostics.push(refused);
    }
  }
  const inputs = files.filter((file) => sources.has(file)).map((file) => ({ file, text: sources.get(file)! }));
  const check = (group: SqlSource[], wholeJob: boolean, version: string, report: (d: Diagnostic) => void) => {
    const { units } = buildSqlUnits(group, { flinkVersion: version });
    // A loop, not push(...): a spread of many thousands of findings overflows the call stack.
    for (const d of jobDiagnostics({ units, wholeJob, flinkVersion: version })) report(d);
  };
  if (options.wholeJob) {
    // One job: the files see each other's tables.
    check(inputs, true, flinkVersion, (d) => diagnostics.push(d));
  } else {
    const { jobs, alone } = groupByJobFolder(inputs);
    for (const job of jobs) {
      // The job's scripts run in job.yaml's order: its other files are read for the tables they
      // create, and what is found in them is reported only when they were asked for too.
      const asked = new Set(job.asked.map((i) => path.resolve(i.file)));
      const group = job.folder.scripts.flatMap((script): SqlSource[] => {
        const given = job.asked.find((i) => path.resolve(i.file) === path.resolve(script));
        if (given) return [given];
        const read = readSqlFile(script);
        return read.ok ? [{ file: script, text: read.text }] : [];
      });
      const version =
        options.flinkVersion ??
        (job.folder.flinkVersion && SUPPORTED_FLINK_VERSIONS.includes(job.folder.flinkVersion)
          ? job.folder.flinkVersion
          : flinkVersion);
      check(group, true, version, (d) => {
        if (asked.has(path.resolve(d.file))) diagnostics.push(d);
      });
    }
    // Each other file stands alone.
    for (const input of alone) check([input], false, flinkVersion, (d) => diagnostics.push(d));
  }
  return { diagnostics: diagnostics.sort(compareDiagnostics), sources, files };
}

/** How many folders above a .sql file to look for the job.yaml that lists it. */
const JOB_FOLDER_DEPTH = 2;

/**
 * Files that job.yaml of their folder lists under `sql` belong to that job; the others (loose
 * files, or files a job folder does not list) are checked on their own.
 */
function groupByJobFolder(inputs: readonly SqlSource[]): {
  jobs: { folder: JobFolder; asked: SqlSource[] }[];
  alone: SqlSource[];
} {
  const folders = new Map<string, JobFolder | undefined>();
  const jobs = new Map<string, { folder: JobFolder; asked: SqlSource[] }>();
  const alone: SqlSource[] = [];
  for (const input of inputs) {
    // job.yaml may list files in a subfolder (`sql: [sql/tables.sql]`): the nearest folders up.
    let folder: JobFolder | undefined;
    for (let dir = path.dirname(input.file), up = 0; up <= JOB_FOLDER_DEPTH && !folder; up++) {
      if (!folders.has(dir)) folders.set(dir, readJobFolder(dir));
      const candidate = folders.get(dir);
      if (candidate?.scripts.some((s) => path.resolve(s) === path.resolve(input.file))) folder = candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    if (!folder) {
      alone.push(input);
      continue;
    }
    const dir = folder.dir;
    let job = jobs.get(dir);
    if (!job) jobs.set(dir, (job = { folder, asked: [] }));
    job.asked.push(input);
  }
  return { jobs: [...jobs.values()], alone };
}

/** A file named on the command line, read only when it is a regular UTF-8 text file of a bounded size. */
function readSqlFile(file: string): TextFileResult {
  let kind: string | undefined;
  try {
    // stat, not open: opening a FIFO blocks until a writer comes, and a device never ends.
    const stat = statSync(file);
    if (stat.isFIFO()) kind = 'a FIFO (named pipe)';
    else if (stat.isCharacterDevice() || stat.isBlockDevice()) kind = 'a device';
    else if (stat.isSocket()) kind = 'a socket';
    else if (!stat.isFile()) kind = 'not a regular file';
  } catch (e) {
    return {
      ok: false,
      problem: `\`${file}\` cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    };
  }
  if (kind) {
    return {
      ok: false,
      problem: `\`${file}\` is ${kind}, not a regular file: it was not read`,
      hint: 'give .sql files, or folders that contain them',
    };
  }
  const read = readTextFile(file, file);
  // readTextFile looks for NUL bytes in the first 8 KB only; a NUL anywhere means binary here.
  if (read.ok && read.text.includes('\u0000'))
    return { ok: false, problem: `\`${file}\` is a binary file, not text`, hint: 'give .sql files only' };
  return read;
}
