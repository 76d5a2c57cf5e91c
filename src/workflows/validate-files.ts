import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import { buildSqlUnits } from '../sql/build-units.js';
import { jobDiagnostics } from '../rules/job-diagnostics.js';
import { DEFAULT_FLINK_VERSION, SUPPORTED_FLINK_VERSIONS } from '../sql/parser/versions.js';
import { readTextFile, type TextFileResult } from '../manifest/repository-files.js';

/** The rule of a file `validate` refuses to read: not a regular file, too large, or not UTF-8 text. */
export const FILE_REFUSED = 'file/refused';

export interface ValidateFilesOptions {
  flinkVersion?: string;
  /** The files are one job's scripts, in order: whole-job rules speak. */
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
  // One job: the files see each other's tables. Otherwise each file stands alone.
  const groups = options.wholeJob ? [inputs] : inputs.map((i) => [i]);
  for (const group of groups) {
    const { units } = buildSqlUnits(group, { flinkVersion });
    // A loop, not push(...): a spread of many thousands of findings overflows the call stack.
    for (const d of jobDiagnostics({ units, wholeJob: Boolean(options.wholeJob), flinkVersion })) diagnostics.push(d);
  }
  return { diagnostics: diagnostics.sort(compareDiagnostics), sources, files };
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
