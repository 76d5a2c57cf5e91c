import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './run-cli.js';
import { freePort } from './free-port.js';

export const APP_MAIN = path.join(repoRoot, 'dist', 'app', 'main.js');

export interface AppCredentials {
  appId: number;
  privateKey: string;
  publicKey: string;
  webhookSecret: string;
}

/** A fresh app identity per test run: a real RSA key pair, as GitHub hands out. */
export function newAppCredentials(appId = 4242): AppCredentials {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { appId, privateKey, publicKey, webhookSecret: `whsec-${randomBytes(16).toString('hex')}` };
}

export class AppProcess {
  private output = '';
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly dataDir: string,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString('utf8')));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString('utf8')));
    child.on('exit', (code, signal) => (this.exited = { code, signal }));
  }

  /**
   * Starts the app as `npm start` does (node dist/app/main.js, built by `npm test`'s pretest),
   * with Probot's standard environment pointed at the fake GitHub, and waits for /healthz.
   */
  static async start(options: {
    credentials: AppCredentials;
    githubHost: string;
    env?: Record<string, string>;
    timeoutMs?: number;
    /** working folder (its .env is read); default the repository root */ cwd?: string;
  }): Promise<AppProcess> {
    if (!existsSync(APP_MAIN))
      throw new Error(
        `${path.relative(repoRoot, APP_MAIN)} does not exist: run \`npm run build\` first (npm test does it)`,
      );
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'streampilot-app-data-'));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      TMPDIR: os.tmpdir(),
      NODE_ENV: 'production',
      APP_ID: String(options.credentials.appId),
      PRIVATE_KEY: options.credentials.privateKey,
      WEBHOOK_SECRET: options.credentials.webhookSecret,
      PORT: String(port),
      HOST: '127.0.0.1',
      GHE_HOST: options.githubHost,
      GHE_PROTOCOL: 'http',
      STREAMPILOT_DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
      NO_COLOR: '1',
      ...options.env,
    };
    const child = spawn(process.execPath, [APP_MAIN], {
      cwd: options.cwd ?? repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new AppProcess(child, port, dataDir);
    await app.waitHealthy(options.timeoutMs ?? 30_000);
    return app;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The app's resident memory now and at its peak (VmRSS, VmHWM of /proc/<pid>/status), in bytes. */
  memory(): { rss: number; peak: number } {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  }

  get webhookUrl(): string {
    return `${this.url}/api/github/webhooks`;
  }

  /** Everything the app printed on stdout and stderr so far. */
  get logs(): string {
    return this.output;
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited)
        throw new Error(
          `the app exited (${this.exited.code ?? this.exited.signal}) before answering /healthz:\n${this.output}`,
        );
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await this.stop();
    throw new Error(`the app did not answer 200 on /healthz within ${timeoutMs} ms:\n${this.output}`);
  }

  /** Kills the process at once (SIGKILL), as a crash or an evicted pod: nothing is finished or cleaned up. */
  async kill(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await done;
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      const done = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
