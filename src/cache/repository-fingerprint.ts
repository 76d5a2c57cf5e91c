import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

// Folders that never hold a job's inputs; reading them would only cost time.
const SKIPPED = new Set(['.git', 'node_modules', '.streampilot-cache']);

/**
 * A hash of every file in the repository (path and bytes), so a check of an unchanged
 * repository can be answered from the cache without parsing anything. Cheaper than the
 * check it saves: reading and hashing is a small part of parsing, validating and rendering.
 */
export function repositoryFingerprint(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (SKIPPED.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      const relative = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(full, relative);
      else if (entry.isSymbolicLink()) {
        // A link is hashed by where it points, never by what it points to: the target may be
        // outside the repository (a FIFO, /dev/zero, the app's .env), and one inside is hashed itself.
        let target: string;
        try {
          target = readlinkSync(full);
        } catch {
          target = '\u0001unreadable';
        }
        hash.update(relative).update('\u0000link\u0000').update(target).update('\u0000');
      } else if (entry.isFile()) {
        hash.update(relative).update('\u0000');
        try {
          hash.update(readFileSync(full));
        } catch {
          hash.update('\u0001unreadable');
        }
        hash.update('\u0000');
      }
    }
  };
  walk(root, '');
  return hash.digest('hex');
}
