import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** Text files larger than this are refused: no SQL script or manifest is legitimately 1 MB. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

export type RepoPathResult =
  | { ok: true; /** absolute, symlinks resolved */ absolute: string; /** relative to the repository root, posix */ relative: string }
  | { ok: false; problem: string; hint?: string };

/**
 * Resolves a path written in a manifest (relative to `baseDir`, itself relative to `root`)
 * and refuses anything that leaves the repository: absolute paths, `..` past the root, and
 * symlinks whose target is outside. The file must exist. Escaping paths are refused because a
 * build would otherwise copy files from the CI machine into an image.
 */
export function resolveRepoPath(root: string, baseDir: string, written: string): RepoPathResult {
  if (path.posix.isAbsolute(written) || path.win32.isAbsolute(written)) {
    return { ok: false, problem: `\`${written}\` is an absolute path`, hint: 'write paths relative to the job folder' };
  }
  const realRoot = safeRealpath(root) ?? path.resolve(root);
  const joined = path.resolve(realRoot, baseDir, written);
  if (!isInside(realRoot, joined)) {
    return { ok: false, problem: `\`${written}\` points outside the repository`, hint: 'keep every file the job uses inside the repository' };
  }
  const real = safeRealpath(joined);
  if (real === undefined) {
    return { ok: false, problem: `\`${written}\` does not exist (looked for ${toPosix(path.relative(realRoot, joined))})`, hint: 'check the file name, or add the file' };
  }
  if (!isInside(realRoot, real)) {
    return { ok: false, problem: `\`${written}\` is a symbolic link to a file outside the repository`, hint: 'copy the file into the repository instead of linking to it' };
  }
  return { ok: true, absolute: real, relative: toPosix(path.relative(realRoot, joined)) };
}

export type TextFileResult = { ok: true; text: string } | { ok: false; problem: string; hint?: string };

/** Reads a UTF-8 text file, refusing directories, huge files and binary content. */
export function readTextFile(absolute: string, written: string, maxBytes: number = MAX_TEXT_FILE_BYTES): TextFileResult {
  let size: number;
  try {
    const stat = statSync(absolute);
    if (!stat.isFile()) return { ok: false, problem: `\`${written}\` is not a file` };
    size = stat.size;
  } catch (e) {
    return { ok: false, problem: `\`${written}\` cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  if (size > maxBytes) {
    return { ok: false, problem: `\`${written}\` is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} a text file may have`, hint: 'is this the right file? split it, or remove generated content' };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (e) {
    return { ok: false, problem: `\`${written}\` cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, problem: `\`${written}\` is a binary file, not text`, hint: 'list only text files here' };
  try {
    // fatal: a file in another encoding is refused rather than read as mojibake.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: `\`${written}\` is not UTF-8 text`, hint: 'save the file as UTF-8' };
  }
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}
