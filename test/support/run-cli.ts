import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as its own process, the way `npx streampilot` does (`npm test` builds
 * first). XDG_CACHE_HOME points at a scratch folder so runs never share a cache by accident.
 */
export function runCli(args: string[], options: { cwd?: string; cacheHome?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'streampilot.js'), ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: options.cacheHome ?? path.join(repoRoot, 'node_modules', '.cache', 'streampilot-test') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
