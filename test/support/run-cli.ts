import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './repo-root.js';

export { repoRoot };

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as its own process, the way `npx streampilot` does (`npm test` builds
 * first). XDG_CACHE_HOME points at a scratch folder so runs never share a cache by accident.
 */
export function runCli(args: string[], options: CliOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'streampilot.js'), ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    env: cliEnv(options),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking this process: for tests whose servers (a Maven repository…) live in the test process itself. */
export function runCliAsync(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'streampilot.js'), ...args], {
      cwd: options.cwd ?? repoRoot,
      env: cliEnv(options),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export interface CliOptions {
  cwd?: string;
  cacheHome?: string;
  /** Variables to set, or to remove with `undefined` (e.g. KUBECONFIG). */
  env?: Record<string, string | undefined>;
}

function cliEnv(options: CliOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    XDG_CACHE_HOME: options.cacheHome ?? path.join(repoRoot, 'node_modules', '.cache', 'streampilot-test'),
  };
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}
