import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A content-addressed cache of check results on disk: the key is a hash of everything
 * the result depends on (texts, resolved settings, StreamPilot's own build), so there is
 * nothing to invalidate — a changed input is simply a different key.
 */
export interface ResultCache {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

export function hashKey(...parts: unknown[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(typeof p === 'string' ? p : JSON.stringify(p));
    h.update('\u0000');
  }
  return h.digest('hex');
}

/**
 * Results depend on StreamPilot's own code as well as on the user's files: a new build must
 * not reuse an old build's verdicts. The modification time of the running code stands for it.
 */
export const BUILD_IDENTITY: string = (() => {
  try {
    return String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
  } catch {
    return 'unknown';
  }
})();

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'streampilot');
}

/** Entries a long-running process (the app's check worker) keeps in memory in front of the disk. */
const MEMORY_ENTRIES = 4000;

export class DiskCache implements ResultCache {
  private readonly dir: string;
  private broken = false;
  // Parsed values of recent keys: a pull request re-checks the same 499 unchanged jobs each push.
  private readonly recent = new Map<string, unknown>();

  constructor(dir = defaultCacheDir()) {
    this.dir = dir;
  }

  private remember(key: string, value: unknown): void {
    this.recent.delete(key);
    this.recent.set(key, value);
    if (this.recent.size > MEMORY_ENTRIES) this.recent.delete(this.recent.keys().next().value as string);
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get<T>(key: string): T | undefined {
    if (this.recent.has(key)) {
      const value = this.recent.get(key);
      this.remember(key, value);
      return value as T;
    }
    try {
      const value = JSON.parse(readFileSync(this.file(key), 'utf8')) as T;
      this.remember(key, value);
      return value;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: unknown): void {
    this.remember(key, value);
    // A cache that cannot be written (read-only home, full disk) must never fail a check.
    if (this.broken) return;
    try {
      const file = this.file(key);
      mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(value));
      renameSync(tmp, file);
    } catch {
      this.broken = true;
    }
  }
}

export class MemoryCache implements ResultCache {
  readonly entries = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.entries.get(key) as T | undefined;
  }
  set(key: string, value: unknown): void {
    this.entries.set(key, value);
  }
}
