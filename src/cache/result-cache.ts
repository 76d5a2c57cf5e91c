import { createHash } from 'node:crypto';
import { existsSync, mkdir, readFileSync, rename, statSync, writeFile } from 'node:fs';
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
    const file = this.file(key);
    // Asked first: a cold check misses on every key, and a failed read costs an exception each.
    if (!existsSync(file)) return undefined;
    try {
      const value = JSON.parse(readFileSync(file, 'utf8')) as T;
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
    const file = this.file(key);
    // Written on libuv's threads while the check goes on: a cold check stores an entry per job and
    // environment, and synchronous writes took a quarter of its time on a slow disk. The value is
    // serialised now, so later changes to it cannot reach the file; until it lands, `recent`
    // answers for it in this process, which does not exit before it is written.
    let text: string;
    try {
      text = JSON.stringify(value);
    } catch {
      return;
    }
    const tmp = `${file}.${process.pid}.${++this.written}.tmp`;
    const write = this.directory(path.dirname(file))
      .then(() => new Promise<void>((done, fail) => writeFile(tmp, text, (e) => (e ? fail(e) : done()))))
      .then(() => new Promise<void>((done, fail) => rename(tmp, file, (e) => (e ? fail(e) : done()))))
      .catch(() => {
        this.broken = true;
      })
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  /** Resolves once every entry `set` so far is on disk (or given up on). */
  async flush(): Promise<void> {
    while (this.writes.size > 0) await Promise.all(this.writes);
  }

  /** Creates each of the cache's folders once per process. */
  private directory(dir: string): Promise<void> {
    let made = this.madeDirs.get(dir);
    if (!made) {
      made = new Promise<void>((done, fail) => mkdir(dir, { recursive: true }, (e) => (e ? fail(e) : done())));
      this.madeDirs.set(dir, made);
    }
    return made;
  }

  private readonly madeDirs = new Map<string, Promise<void>>();
  private readonly writes = new Set<Promise<void>>();
  private written = 0;
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
