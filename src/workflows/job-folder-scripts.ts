import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readTextFile } from '../manifest/repository-files.js';

/** A folder with a job.yaml, as loose `validate` sees it: its SQL files in the order they run. */
export interface JobFolder {
  dir: string;
  /** The `sql` entries of job.yaml, joined to the folder, in job.yaml's order. */
  scripts: string[];
  /** job.yaml's `flinkVersion`, when it is a string. */
  flinkVersion?: string;
}

// Loaded on first use: parsing YAML is needed only when a job folder is validated, and importing
// the package costs more than the rest of a one-file `validate`.
let yamlParse: ((text: string) => unknown) | undefined;
function parseYaml(text: string): unknown {
  yamlParse ??= (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse;
  return yamlParse(text);
}

/**
 * The job a folder holds, read from its job.yaml: only the `sql` list (and `flinkVersion`)
 * matter to loose validation. Undefined when there is no job.yaml, or when it cannot be read,
 * is not YAML or has no list of file names under `sql`: `check` reports those problems; here
 * the files are then checked one by one, as any other .sql file.
 */
export function readJobFolder(dir: string): JobFolder | undefined {
  const manifest = path.join(dir, 'job.yaml');
  if (!existsSync(manifest)) return undefined;
  const read = readTextFile(manifest, manifest);
  if (!read.ok) return undefined;
  let spec: unknown;
  try {
    spec = parseYaml(read.text);
  } catch {
    return undefined;
  }
  if (!spec || typeof spec !== 'object') return undefined;
  const { sql, flinkVersion } = spec as { sql?: unknown; flinkVersion?: unknown };
  if (!Array.isArray(sql) || sql.length === 0 || !sql.every((s): s is string => typeof s === 'string'))
    return undefined;
  return {
    dir,
    scripts: sql.map((s) => path.join(dir, s)),
    ...(typeof flinkVersion === 'string' ? { flinkVersion } : {}),
  };
}
