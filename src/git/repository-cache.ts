import { DomainError } from '../errors.js';
import { spawn } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { parseNameStatus, type FileChange } from './changed-files.js';
import { extractTree } from './extract-tree.js';
import { withFileLock } from './file-lock.js';
import { checkRemoteOnHost } from './github-host.js';
import { gitRemote, redactSecrets, type GitRemote, type RemoteSpec } from './git-remote.js';
import { KeyedMutex } from './keyed-mutex.js';

export type { FileChange, FileChangeStatus } from './changed-files.js';
export type { RemoteSpec } from './git-remote.js';

export interface RepositoryCacheOptions {
  /** Receives one line per git command run (URLs without credentials). */
  log?: (line: string) => void;
  /** How long to wait for another process holding the same repository (default 10 minutes). */
  lockTimeoutMs?: number;
  /**
   * The only origin (`https://github.com`) remotes may have; others are refused before git runs,
   * so no credential ever leaves for another host. Unset: any remote (the CLI, local paths).
   */
  allowedOrigin?: string;
}

/**
 * A commit's files in a folder. The folder is kept between events and shared (a pull
 * request's base rarely changes, and a new head differs from a kept tree by a few files), so
 * it is read-only: nothing may write into it. `dispose()` releases it; the cache evicts it.
 */
export interface MaterialisedTree {
  dir: string;
  dispose(): Promise<void>;
}

/** Trees kept per repository (besides those handed out in the current `withRepository`). */
const KEPT_TREES = 4;
/** Beyond this many changed paths, writing the tree from scratch is as cheap as patching a copy. */
const MAX_PATCHED_PATHS = 200;

/** The mirror of one repository, usable inside `withRepository`. */
export interface CachedRepository {
  /** The repository URL without credentials. */
  readonly url: string;
  /**
   * Makes these commits (and their history) present in the mirror, fetching only those not
   * already there. Returns the SHAs that had to be fetched (empty when the mirror had them all).
   */
  fetch(shas: readonly string[]): Promise<{ fetched: string[] }>;
  materialise(sha: string): Promise<MaterialisedTree>;
  /** Paths that differ between two commits' trees, renames detected. */
  changedFiles(base: string, head: string): Promise<FileChange[]>;
  /** The best common ancestor, or undefined when the histories are unrelated. */
  mergeBase(a: string, b: string): Promise<string | undefined>;
}

/** A git failure, with every credential removed from its message. */
export class GitError extends DomainError {}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * One bare mirror per repository under `dir`, created on first use and reused between events.
 * Work on one repository is serialised: in this process by a mutex, across processes sharing
 * `dir` by a lock file. Credentials reach git only through its environment for the duration of
 * a command; the stored remote URL never holds them.
 */
export class RepositoryCache {
  private readonly mutex = new KeyedMutex();

  constructor(
    readonly dir: string,
    private readonly options: RepositoryCacheOptions = {},
  ) {}

  async withRepository<T>(spec: RemoteSpec, work: (repo: CachedRepository) => Promise<T>): Promise<T> {
    if (this.options.allowedOrigin !== undefined) checkRemoteOnHost(spec.cloneUrl, this.options.allowedOrigin);
    const remote = gitRemote(spec);
    await mkdir(this.dir, { recursive: true });
    return this.mutex.run(remote.key, () =>
      withFileLock(
        path.join(this.dir, `${remote.key}.lock`),
        async () => {
          const mirror = await this.openMirror(remote);
          return work(mirror);
        },
        this.options.lockTimeoutMs !== undefined ? { timeoutMs: this.options.lockTimeoutMs } : {},
      ).catch((e: unknown) => {
        if (!(e instanceof Error) || e instanceof GitError) throw e;
        // The hint travels too: a check stopped at its budget says what to do about it.
        const hint = 'hint' in e && typeof e.hint === 'string' ? { hint: redactSecrets(e.hint, remote.secrets) } : {};
        throw Object.assign(new Error(redactSecrets(e.message, remote.secrets)), { name: e.name }, hint);
      }),
    );
  }

  private async openMirror(remote: GitRemote): Promise<Mirror> {
    const gitDir = path.join(this.dir, `${remote.key}.git`);
    const log = this.options.log ?? (() => {});
    if (!(await isDirectory(path.join(gitDir, 'objects')))) {
      // Built aside and renamed into place, so a crash never leaves a half-made mirror under the real name.
      const building = `${gitDir}.${process.pid}.tmp`;
      await rm(building, { recursive: true, force: true });
      await rm(gitDir, { recursive: true, force: true });
      const git = gitClient(this.dir);
      log(`git init --bare (${remote.url})`);
      await run(remote, 'init', () => git.raw(['init', '--bare', '--quiet', building]));
      const inMirror = gitClient(building);
      await run(remote, 'remote add', () => inMirror.raw(['remote', 'add', 'origin', remote.url]));
      // Highest-precedence attributes: a repository's own `export-ignore` / `export-subst`
      // must not change what we validate.
      await writeFile(path.join(building, 'info', 'attributes'), '* -export-ignore -export-subst\n');
      await rename(building, gitDir);
    }
    return new Mirror(gitDir, remote, log, path.join(this.dir, `${remote.key}.trees`));
  }
}

class Mirror implements CachedRepository {
  private readonly git: SimpleGit;

  constructor(
    private readonly gitDir: string,
    private readonly remote: GitRemote,
    private readonly log: (line: string) => void,
    private readonly treesDir: string,
  ) {
    this.git = gitClient(gitDir, remote.env);
  }

  get url(): string {
    return this.remote.url;
  }

  async fetch(shas: readonly string[]): Promise<{ fetched: string[] }> {
    for (const sha of shas) checkSha(sha);
    const missing = await this.missing([...new Set(shas)]);
    if (missing.length === 0) return { fetched: [] };
    this.log(`git fetch origin ${missing.join(' ')} (${this.remote.url})`);
    try {
      await run(this.remote, 'fetch', () =>
        this.git.raw(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', 'origin', ...missing]),
      );
    } catch (bySha) {
      // Servers that refuse unadvertised SHAs (protocol v0 without allowReachableSHA1InWant):
      // fetch the refs a pull request's commits are reachable from instead.
      this.log(`git fetch origin refs/heads/* refs/pull/*/head (${this.remote.url}): fetching by SHA was refused`);
      await run(this.remote, 'fetch', () =>
        this.git.raw([
          'fetch',
          '--quiet',
          '--no-tags',
          '--no-write-fetch-head',
          '--prune',
          'origin',
          '+refs/heads/*:refs/heads/*',
          '+refs/pull/*/head:refs/pull/*/head',
        ]),
      );
      const still = await this.missing(missing);
      if (still.length > 0) {
        throw new GitError(
          `commit${still.length > 1 ? 's' : ''} ${still.join(', ')} not found in ${this.remote.url}: fetching by SHA failed (${(bySha as Error).message}) and no branch or pull request head contains ${still.length > 1 ? 'them' : 'it'}. Check that the commit was pushed and that the app can read the repository.`,
        );
      }
    }
    return { fetched: missing };
  }

  async materialise(sha: string): Promise<MaterialisedTree> {
    checkSha(sha);
    const kept = path.join(this.treesDir, sha);
    const release = async () => {};
    if (await isDirectory(kept)) {
      await utimes(kept, new Date(), new Date());
      this.handedOut.add(sha);
      return { dir: kept, dispose: release };
    }
    await mkdir(this.treesDir, { recursive: true });
    const building = `${kept}.${process.pid}.tmp`;
    await rm(building, { recursive: true, force: true });
    const nearest = await this.mostRecentTree();
    let patched = false;
    if (nearest) {
      try {
        patched = await this.patchCopy(nearest, sha, building);
      } catch (e) {
        this.log(`patching a copy of ${nearest} failed (${(e as Error).message}); writing ${sha} from scratch`);
      }
    }
    if (!patched) {
      await rm(building, { recursive: true, force: true });
      await mkdir(building, { recursive: true });
      await this.archive(sha, building, []);
    }
    await rename(building, kept);
    this.handedOut.add(sha);
    await this.evict();
    return { dir: kept, dispose: release };
  }

  /** Trees handed out by this `withRepository` call: never evicted while it runs. */
  private readonly handedOut = new Set<string>();

  /**
   * The tree of `sha` as a hard-linked copy of a kept tree with the changed paths rewritten:
   * a new head of a pull request costs a few files, not the whole repository. Links are safe
   * because kept trees are never written to; changed paths are unlinked before being written.
   */
  private async patchCopy(fromSha: string, sha: string, dir: string): Promise<boolean> {
    const changes = await this.changedFiles(fromSha, sha);
    if (changes.length > MAX_PATCHED_PATHS) return false;
    this.log(`copy tree ${fromSha} and patch ${changes.length} path(s) to ${sha} (${this.remote.url})`);
    await runProcess('cp', ['-al', path.join(this.treesDir, fromSha), dir]);
    const write: string[] = [];
    for (const c of changes) {
      for (const p of [c.path, ...(c.from ? [c.from] : [])]) {
        if (p.split('/').includes('..')) throw new Error(`refusing path ${JSON.stringify(p)}`);
        await rm(path.join(dir, ...p.split('/')), { recursive: true, force: true });
      }
      if (c.status !== 'deleted') write.push(c.path);
    }
    if (write.length > 0) await this.archive(sha, dir, write);
    return true;
  }

  /** `git archive` of the commit (or of just `paths` in it) written into `dir`. */
  private async archive(sha: string, dir: string, paths: string[]): Promise<void> {
    this.log(`git archive ${sha}${paths.length ? ` (${paths.length} path(s))` : ''} (${this.remote.url})`);
    const pathspecs = paths.map((p) => `:(literal)${p}`);
    const child = spawn('git', ['archive', '--format=tar', sha, ...(pathspecs.length ? ['--', ...pathspecs] : [])], {
      cwd: this.gitDir,
      env: inheritedEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    try {
      await extractTree(child.stdout, dir);
      const code = await exited;
      if (code !== 0)
        throw new GitError(
          `git archive ${sha} failed in the mirror of ${this.remote.url}: ${stderr.trim() || `exit code ${code}`}. Fetch the commit first.`,
        );
    } catch (e) {
      child.kill();
      await exited.catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      throw e instanceof GitError
        ? new GitError(redactSecrets(e.message, this.remote.secrets))
        : new GitError(
            redactSecrets(
              `cannot write commit ${sha} of ${this.remote.url} to ${dir}: ${(e as Error).message}`,
              this.remote.secrets,
            ),
          );
    }
  }

  private async keptTrees(): Promise<{ sha: string; mtime: number }[]> {
    const names = await readdir(this.treesDir).catch(() => [] as string[]);
    const out: { sha: string; mtime: number }[] = [];
    for (const name of names) {
      if (!SHA.test(name)) continue;
      const info = await stat(path.join(this.treesDir, name)).catch(() => undefined);
      if (info?.isDirectory()) out.push({ sha: name, mtime: info.mtimeMs });
    }
    return out.sort((a, b) => b.mtime - a.mtime);
  }

  private async mostRecentTree(): Promise<string | undefined> {
    return (await this.keptTrees())[0]?.sha;
  }

  private async evict(): Promise<void> {
    const trees = await this.keptTrees();
    let kept = 0;
    for (const t of trees) {
      if (this.handedOut.has(t.sha)) continue;
      if (kept++ < KEPT_TREES) continue;
      await rm(path.join(this.treesDir, t.sha), { recursive: true, force: true });
    }
  }

  async changedFiles(base: string, head: string): Promise<FileChange[]> {
    checkSha(base);
    checkSha(head);
    const out = await run(this.remote, 'diff', () =>
      this.git.raw([
        'diff',
        '--name-status',
        '-z',
        '-M',
        '--no-ext-diff',
        '--no-textconv',
        '--no-relative',
        base,
        head,
        '--',
      ]),
    );
    return parseNameStatus(out);
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    checkSha(a);
    checkSha(b);
    try {
      const out = await this.git.raw(['merge-base', a, b]);
      return out.trim() || undefined;
    } catch {
      return undefined;
    }
  }

  private async missing(shas: string[]): Promise<string[]> {
    if (shas.length === 0) return [];
    // One `cat-file --batch-check` for all of them rather than a process per commit.
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('git', ['cat-file', '--batch-check'], {
        cwd: this.gitDir,
        env: inheritedEnv(),
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      let text = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (text += c));
      child.once('error', reject);
      child.once('close', () => resolve(text));
      child.stdin.end(shas.map((s) => `${s}^{commit}`).join('\n') + '\n');
    });
    const lines = out.split('\n');
    return shas.filter((_, i) => !/^[0-9a-f]+ commit \d+$/.test(lines[i] ?? ''));
  }
}

function checkSha(sha: string): void {
  // Also keeps anything that could read as an option (`--upload-pack=…`) away from git's argv.
  if (!SHA.test(sha))
    throw new GitError(
      `${JSON.stringify(sha.slice(0, 80))} is not a full commit SHA (40 or 64 lower-case hex characters).`,
    );
}

async function run<T>(remote: GitRemote, what: string, command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (e) {
    // A new error, not a wrapper: the original (and its `cause`) may quote the command line.
    throw new GitError(
      redactSecrets(`git ${what} failed for ${remote.url}: ${(e as Error).message.trim()}`, remote.secrets),
    );
  }
}

/**
 * What git may inherit from our environment: where things are, proxies and TLS trust. Nothing
 * else, so a stray `EDITOR`, `GIT_DIR` or `GIT_SSH_COMMAND` of the host cannot change what git does.
 */
const INHERITED = [
  'PATH',
  'HOME',
  'USER',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'SSH_AUTH_SOCK',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'GIT_SSL_CAINFO',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
];

function gitClient(baseDir: string, extra: Record<string, string> = {}): SimpleGit {
  const env = { ...inheritedEnv(), ...extra };
  // simple-git refuses GIT_* variables it was not told about; these are ours, set on purpose.
  const allowEnvironment = Object.keys(env).filter((name) => name.startsWith('GIT_'));
  // GIT_CONFIG_COUNT carries only our http.<origin>.extraHeader (see git-remote.ts).
  return simpleGit({ baseDir, allowEnvironment, unsafe: { allowUnsafeConfigEnvCount: 'GIT_CONFIG_COUNT' in env } }).env(
    env,
  );
}

function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

function runProcess(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${stderr.trim()}`)),
    );
  });
}
