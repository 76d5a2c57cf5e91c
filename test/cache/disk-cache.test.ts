/**
 * The CLI's and the app's result cache on disk: entries written while a check goes on are there
 * for the next process, a value changed after `set` does not reach the file, and a cache that
 * cannot be written never fails the check.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DiskCache, hashKey } from '../../src/cache/result-cache.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'streampilot-disk-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('DiskCache', () => {
  test('what one process sets, the next one reads once it is flushed, and no temporary file is left', async () => {
    const dir = path.join(scratch, 'shared');
    const writer = new DiskCache(dir);
    const keys = Array.from({ length: 300 }, (_, i) => hashKey('entry', i));
    const value = { diagnostics: [{ rule: 'sql/unknown-table' }], script: 'INSERT …' };
    for (const key of keys) writer.set(key, value);
    // Changed after set: the cache holds what was set.
    value.script = 'changed';
    await writer.flush();
    const reader = new DiskCache(dir);
    for (const key of keys)
      expect(reader.get(key)).toEqual({ diagnostics: [{ rule: 'sql/unknown-table' }], script: 'INSERT …' });
    const files = readdirSync(dir, { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(300);
  });

  test('a cache directory that cannot be written leaves the check running, and reads answer from memory', async () => {
    const blocked = path.join(scratch, 'not-a-directory');
    writeFileSync(blocked, 'a file where the cache directory should be');
    const cache = new DiskCache(blocked);
    expect(() => cache.set(hashKey('x'), { ok: true })).not.toThrow();
    expect(cache.get(hashKey('x'))).toEqual({ ok: true });
    await cache.flush();
    expect(new DiskCache(blocked).get(hashKey('x'))).toBeUndefined();
  });
});
