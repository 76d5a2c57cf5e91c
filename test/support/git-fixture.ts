import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './run-cli.js';

/** A file's new content, `null` to delete it, or a symbolic link to `symlinkTo`. */
export type FileChange = string | Buffer | null | { symlinkTo: string };
export type FileChanges = Record<string, FileChange>;

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.invalid',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

/**
 * A real git repository in a temporary folder, standing for a repository on GitHub: the app
 * fetches from `cloneUrl` (file://) exactly as it would from https.
 */
export class GitRepository {
  private constructor(readonly dir: string) {}

  /** A new repository whose `main` holds a copy of `from` (default: examples/acme-flink-jobs). */
  static create(options: { from?: string; name?: string } = {}): GitRepository {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'streampilot-git-'));
    const dir = path.join(parent, options.name ?? 'acme-flink-jobs');
    mkdirSync(dir);
    cpSync(options.from ?? path.join(repoRoot, 'examples', 'acme-flink-jobs'), dir, { recursive: true });
    const repo = new GitRepository(dir);
    repo.git('init', '--quiet', '--initial-branch=main');
    repo.git('add', '-A');
    repo.git('commit', '--quiet', '-m', 'Initial jobs');
    return repo;
  }

  get cloneUrl(): string {
    return pathToFileURL(this.dir).href;
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-C', this.dir, '-c', 'commit.gpgsign=false', ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...GIT_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  sha(ref: string): string {
    return this.git('rev-parse', '--verify', `${ref}^{commit}`);
  }

  /**
   * Commits `changes` on `branch` (created from `from`, default `main`, when it does not exist
   * yet) and returns the new commit's SHA. The working tree is left on `branch`.
   */
  commit(branch: string, changes: FileChanges, options: { from?: string; message?: string } = {}): string {
    const exists = this.git('branch', '--list', branch) !== '';
    this.git('checkout', '--quiet', ...(exists ? [branch] : ['-b', branch, options.from ?? 'main']));
    for (const [file, change] of Object.entries(changes)) {
      const target = path.join(this.dir, file);
      rmSync(target, { force: true, recursive: true });
      if (change === null) continue;
      mkdirSync(path.dirname(target), { recursive: true });
      if (typeof change === 'object' && !Buffer.isBuffer(change)) symlinkSync(change.symlinkTo, target);
      else writeFileSync(target, change);
    }
    this.git('add', '-A');
    this.git(
      'commit',
      '--quiet',
      '--allow-empty',
      '-m',
      options.message ?? `Change ${Object.keys(changes).join(', ')}`,
    );
    return this.sha('HEAD');
  }

  /** A fork: a second repository cloned from this one, with its own history from here on. */
  fork(name = 'acme-flink-jobs-fork'): GitRepository {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'streampilot-fork-'));
    const dir = path.join(parent, name);
    execFileSync('git', ['clone', '--quiet', this.dir, dir], { env: { ...process.env, ...GIT_ENV }, stdio: 'ignore' });
    return new GitRepository(dir);
  }

  /**
   * What GitHub does when a fork opens a pull request: the head commit becomes reachable in the
   * base repository as refs/pull/<number>/head (so check runs can be created on it).
   */
  publishPullRef(from: GitRepository, branch: string, number: number): void {
    this.git('fetch', '--quiet', from.dir, `+refs/heads/${branch}:refs/pull/${number}/head`);
  }

  remove(): void {
    rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }
}
