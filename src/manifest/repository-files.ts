import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatBytes } from '../text/format-bytes.js';
import { excerpt, quote } from '../text/quote.js';

/** Text files larger than this are refused: no SQL script or manifest is legitimately 1 MB. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

export type RepoPathResult =
  | {
      ok: true;
      /** absolute, symlinks resolved */ absolute: string;
      /** relative to the repository root, posix */ relative: string;
    }
  | {
      ok: false;
      problem: string;
      hint?: string;
      /** set when a symbolic link leaving the repository is the cause: its repository path */ link?: string;
    };

const OUTSIDE_HINT = 'copy the file into the repository instead of linking to it';

/**
 * Resolves a path written in a manifest (relative to `baseDir`, itself relative to `root`)
 * and refuses anything that leaves the repository: absolute paths, `..` past the root, and
 * symlinks whose target is outside. The file must exist. Escaping paths are refused because a
 * build would otherwise copy files from the CI machine into an image.
 */
export function resolveRepoPath(root: string, baseDir: string, written: string): RepoPathResult {
  if (path.posix.isAbsolute(written) || path.win32.isAbsolute(written)) {
    return {
      ok: false,
      problem: `${quote(written)} is an absolute path`,
      hint: 'write paths relative to the job folder',
    };
  }
  const relative = path.posix.normalize(`${toPosix(baseDir)}/${toPosix(written)}`);
  if (relative === '..' || relative.startsWith('../')) {
    return {
      ok: false,
      problem: `${quote(written)} points outside the repository`,
      hint: 'keep every file the job uses inside the repository',
    };
  }
  const found = locateInRepository(root, relative);
  if (found.ok) return found;
  if (found.reason === 'missing')
    return {
      ok: false,
      problem: `${quote(written)} does not exist (looked for ${excerpt(relative)})`,
      hint: 'check the file name, or add the file',
    };
  if (found.reason === 'git')
    return {
      ok: false,
      problem: `${quote(written)} is inside .git, which is not part of the repository's content`,
      hint: 'keep every file the job uses in the repository itself',
    };
  const through = found.link === relative ? '' : ` (through the link ${excerpt(found.link)})`;
  return {
    ok: false,
    problem: `${quote(written)} is a symbolic link to a file outside the repository${through}`,
    hint: OUTSIDE_HINT,
    link: found.link,
  };
}

export type RepoLocation =
  | { ok: true; absolute: string; relative: string }
  | { ok: false; reason: 'missing' }
  /** `link`: repository path of the first symbolic link on the way that leaves the repository. */
  | { ok: false; reason: 'outside'; link: string }
  /** `link`: the repository path that reaches into `.git`. */
  | { ok: false; reason: 'git'; link: string };

/**
 * The one way StreamPilot finds a file or folder of a repository: `relative` (posix, no `..`)
 * is walked one segment at a time, and every symbolic link on the way must stay inside the
 * repository's content — judged both by its written target (so a dangling link to
 * `/proc/self/cwd/.env` or `/dev/null/…` is still refused) and by its resolved path. `.git` is
 * not content: it holds the checkout's credentials (`http.extraheader` in Actions).
 */
export function locateInRepository(root: string, relative: string): RepoLocation {
  const realRoot = safeRealpath(root) ?? path.resolve(root);
  const segments = relative.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, reason: 'outside', link: relative };
  let current = realRoot;
  for (let i = 0; i < segments.length; i++) {
    const here = path.join(current, segments[i]!);
    const linkPath = segments.slice(0, i + 1).join('/');
    if (!isContent(realRoot, here))
      return { ok: false, reason: isInside(realRoot, here) ? 'git' : 'outside', link: linkPath };
    let isLink: boolean;
    try {
      isLink = lstatSync(here).isSymbolicLink();
    } catch {
      return { ok: false, reason: 'missing' };
    }
    if (!isLink) {
      current = here;
      continue;
    }
    let written: string;
    try {
      written = readlinkSync(here);
    } catch {
      return { ok: false, reason: 'missing' };
    }
    if (!isContent(realRoot, path.resolve(current, written))) return { ok: false, reason: 'outside', link: linkPath };
    const real = safeRealpath(here);
    if (real === undefined) return { ok: false, reason: 'missing' };
    if (!isContent(realRoot, real)) return { ok: false, reason: 'outside', link: linkPath };
    current = real;
  }
  return { ok: true, absolute: current, relative: segments.join('/') };
}

/** Inside the repository and not in its `.git` folder. */
function isContent(realRoot: string, candidate: string): boolean {
  return isInside(realRoot, candidate) && !isInside(path.join(realRoot, '.git'), candidate);
}

export type RepoTextResult =
  | { ok: true; text: string; absolute: string; relative: string }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'outside' | 'git'; link: string }
  | { ok: false; reason: 'unreadable'; problem: string; hint?: string };

/**
 * Reads a text file of the repository by its repository path, through `locateInRepository`:
 * the only way a loader reads a manifest, so no manifest can be read through a link out.
 */
export function readRepositoryText(
  root: string,
  relative: string,
  maxBytes: number = MAX_TEXT_FILE_BYTES,
): RepoTextResult {
  const found = locateInRepository(root, relative);
  if (!found.ok) return found.reason === 'missing' ? found : { ok: false, reason: found.reason, link: found.link };
  const read = readTextFile(found.absolute, relative, maxBytes);
  if (!read.ok)
    return { ok: false, reason: 'unreadable', problem: read.problem, ...(read.hint ? { hint: read.hint } : {}) };
  return { ok: true, text: read.text, absolute: found.absolute, relative: found.relative };
}

export type TextFileResult = { ok: true; text: string } | { ok: false; problem: string; hint?: string };

/** Reads a UTF-8 text file, refusing directories, huge files and binary content. */
export function readTextFile(
  absolute: string,
  written: string,
  maxBytes: number = MAX_TEXT_FILE_BYTES,
): TextFileResult {
  let size: number;
  try {
    const stat = statSync(absolute);
    if (!stat.isFile()) return { ok: false, problem: `${quote(written)} is not a file` };
    size = stat.size;
  } catch (e) {
    return {
      ok: false,
      problem: `${quote(written)} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    };
  }
  if (size > maxBytes) {
    return {
      ok: false,
      problem: `${quote(written)} is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} a text file may have`,
      hint: 'is this the right file? split it, or remove generated content',
    };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (e) {
    return {
      ok: false,
      problem: `${quote(written)} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    };
  }
  if (bytes.subarray(0, 8192).includes(0))
    return { ok: false, problem: `${quote(written)} is a binary file, not text`, hint: 'list only text files here' };
  try {
    // fatal: a file in another encoding is refused rather than read as mojibake. ignoreBOM: false (stated,
    // though it is the default) drops a leading UTF-8 byte-order mark, which editors on Windows write: every
    // position is counted in the text without it, so line 1's columns match the editor's, and the runner's
    // script does not start with an invisible character.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, problem: `${quote(written)} is not UTF-8 text`, hint: 'save the file as UTF-8' };
  }
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function safeRealpath(p: string): string | undefined {
  try {
    // The native call: one realpath(3) instead of an lstat per path segment in JavaScript; every
    // file a check reads comes through here with its repository's root.
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
