import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';

/**
 * Writes a `git archive --format=tar` stream into `dir`: files (with their executable bit),
 * folders and symbolic links as links, so the loader sees a link and can refuse one that leaves
 * the repository. Entries are checked before anything is written: a path that is absolute,
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
      throw new Error(`refusing to write ${JSON.stringify(name)} from the repository archive: the path leaves the checkout folder.`);
    }
    for (let i = 1; i < segments.length; i++) {
      if (links.has(segments.slice(0, i).join('/'))) {
        throw new Error(`refusing to write ${JSON.stringify(name)} from the repository archive: it goes through a symbolic link.`);
      }
    }
    const target = path.join(dir, ...segments);
    if (header.type === 'directory') {
      await mkdir(target, { recursive: true });
      entry.resume();
    } else if (header.type === 'symlink') {
      await mkdir(path.dirname(target), { recursive: true });
      await symlink(header.linkname ?? '', target);
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
