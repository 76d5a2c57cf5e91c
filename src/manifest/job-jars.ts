import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { quote } from '../text/quote.js';
import { resolveRepoPath } from './repository-files.js';

/**
 * Where a job's jars go in its image. In application mode Flink puts every jar of
 * `$FLINK_HOME/usrlib` on the job's user class path, so a function's class is found without
 * `USING JAR`; `USING JAR '/opt/flink/usrlib/<file name>'` names the same file.
 */
export const USER_LIB_DIR = '/opt/flink/usrlib';

/** The path inside the image of a jar listed in `dependencies.jars` (as written, relative to the job folder). */
export function jarImagePath(written: string): string {
  return `${USER_LIB_DIR}/${path.posix.basename(written.replaceAll('\\', '/'))}`;
}

export type JobJarResult =
  | { ok: true; /** relative to the repository root, posix */ relative: string; absolute: string }
  | { ok: false; problem: string; hint?: string };

/**
 * Finds a jar of `dependencies.jars`: relative to the job folder `jobDir`, inside the
 * repository (no absolute paths, no `..` past the root, no link out of it), and a file.
 * Check, render and build all find jars through this one function, so they agree on which file it is.
 */
export function locateJobJar(root: string, jobDir: string, written: string): JobJarResult {
  const where = resolveRepoPath(root, jobDir, written);
  if (!where.ok) return { ok: false, problem: where.problem, ...(where.hint ? { hint: where.hint } : {}) };
  try {
    if (!statSync(where.absolute).isFile())
      return { ok: false, problem: `${quote(written)} is not a file`, hint: 'list .jar files, not folders' };
  } catch (e) {
    return { ok: false, problem: `${quote(written)} cannot be read: ${(e as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  return { ok: true, relative: where.relative, absolute: where.absolute };
}

/** The bytes of a jar of `dependencies.jars`, found as `locateJobJar` finds it. */
export function readJobJar(
  root: string,
  jobDir: string,
  written: string,
): { ok: true; relative: string; bytes: Buffer } | { ok: false; problem: string; hint?: string } {
  const found = locateJobJar(root, jobDir, written);
  if (!found.ok) return found;
  try {
    return { ok: true, relative: found.relative, bytes: readFileSync(found.absolute) };
  } catch (e) {
    return { ok: false, problem: `${quote(written)} cannot be read: ${(e as NodeJS.ErrnoException).code ?? 'error'}` };
  }
}
