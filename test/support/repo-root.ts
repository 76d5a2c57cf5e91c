import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The StreamPilot checkout: the nearest folder above this module whose package.json is ours.
 * Found by walking up rather than by a fixed `../..`, so the helpers also work when the
 * benchmark bundles them into `.bench-build/`.
 */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'streampilot')
      return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no StreamPilot package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export const repoRoot = findRepoRoot();
