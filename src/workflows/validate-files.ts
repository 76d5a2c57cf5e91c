import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import { buildSqlUnits } from '../sql/build-units.js';
import { checkSql } from '../sql/check-sql.js';
import { DEFAULT_FLINK_VERSION, SUPPORTED_FLINK_VERSIONS } from '../sql/parser/versions.js';

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
    throw new UsageError(`--flink-version must be one of ${SUPPORTED_FLINK_VERSIONS.join(', ')}; got \`${flinkVersion}\``);
  }
  const files = collectSqlFiles(paths);
  const sources = new Map<string, string>();
  for (const file of files) sources.set(file, readFileSync(file, 'utf8'));
  const inputs = files.map((file) => ({ file, text: sources.get(file)! }));
  const diagnostics: Diagnostic[] = [];
  // One job: the files see each other's tables. Otherwise each file stands alone.
  const groups = options.wholeJob ? [inputs] : inputs.map((i) => [i]);
  for (const group of groups) {
    const { units } = buildSqlUnits(group, { flinkVersion });
    diagnostics.push(...checkSql({ units, wholeJob: Boolean(options.wholeJob) }));
  }
  return { diagnostics: diagnostics.sort(compareDiagnostics), sources, files };
}
