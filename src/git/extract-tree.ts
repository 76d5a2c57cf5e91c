import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';

/**
 * What a link out of the tree is written as. Leaving such a link out would make the loader say
 * "no streampilot.yaml" instead of naming the link; writing it as it is would leave every
 * reader one forgotten check away from the app's own files. So the link is kept, and its
 * target replaced by one that can never be opened (`/dev/null` is never a folder, so anything
 * below it fails with ENOTDIR) while still being absolute, which the loader reports as a link
 * leaving the repository, at the link.
 */
export const NEUTRALISED_LINK_TARGET = '/dev/null/streampilot-refused-link-out-of-the-repository';

/**
 * A link's target as materialised: as written when, resolved from the link's folder, it stays
 * inside the tree; `NEUTRALISED_LINK_TARGET` when it is absolute or climbs past the root.
 * This is lexical: a target inside the tree that reaches out through other links is left to
 * the loader, which resolves every link before reading anything.
 */
export function linkTarget(name: string, written: string): string {
  if (written === '' || path.posix.isAbsolute(written) || path.win32.isAbsolute(written) || written.includes('\0'))
    return NEUTRALISED_LINK_TARGET;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(name), written.replace(/\\/g, '/')));
  if (resolved === '..' || resolved.startsWith('../') || resolved === '.git' || resolved.startsWith('.git/'))
    return NEUTRALISED_LINK_TARGET;
  return written;
}

/**
 * Writes a `git archive --format=tar` stream into `dir`: files (with their executable bit),
 * folders and symbolic links as links (those leading out of the tree neutralised, see
 * `linkTarget`), so the loader sees a link and can refuse one that leaves the repository. Entries are checked before anything is written: a path that is absolute,
 * contains `..`, or runs through a link written earlier is refused (a hostile server could
 * craft such a tree; git itself never checks a tree out that way).
 */
export async function extractTree(tar: Readable, dir: string): Promise<void> {
  const links = new Set<string>();
  const extractor = extract();
  tar.pipe(extractor);
  for await (const entry of extractor) {
    const { header } = entry;
    const name = header.name.replace(/\/+$/, '');
    // tar-stream consumes pax headers (git archive writes one with the commit id) itself.
    if (name === '') {
      entry.resume();
      continue;
    }
    const segments = name.split('/');
    if (path.isAbsolute(name) || segments.some((s) => s === '..' || s === '.' || s === '')) {
      throw new Error(
        `refusing to write ${JSON.stringify(name)} from the repository archive: the path leaves the checkout folder.`,
      );
    }
    for (let i = 1; i < segments.length; i++) {
      if (links.has(segments.slice(0, i).join('/'))) {
        throw new Error(
          `refusing to write ${JSON.stringify(name)} from the repository archive: it goes through a symbolic link.`,
        );
      }
    }
    const target = path.join(dir, ...segments);
    if (header.type === 'directory') {
      await mkdir(target, { recursive: true });
      entry.resume();
    } else if (header.type === 'symlink') {
      await mkdir(path.dirname(target), { recursive: true });
      await symlink(linkTarget(name, header.linkname ?? ''), target);
      links.add(name);
      entry.resume();
    } else if (header.type === 'file' || header.type === 'contiguous-file') {
      await mkdir(path.dirname(target), { recursive: true });
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      await writeFile(target, Buffer.concat(chunks), { mode: (header.mode ?? 0o644) & 0o111 ? 0o755 : 0o644 });
    } else {
      // Git trees hold only files, links, folders and submodules (which archive leaves out).
      entry.resume();
    }
  }
}
