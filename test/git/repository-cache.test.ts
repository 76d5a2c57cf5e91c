import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RepositoryCache } from '../../src/git/repository-cache.js';
import { startGitHttpServer, type GitHttpServer } from './git-http-server.js';
import { linkTarget, NEUTRALISED_LINK_TARGET } from '../../src/git/extract-tree.js';

const temps: string[] = [];
function temp(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `sp-git-${prefix}-`));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}
function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}
function commit(root: string, message: string): string {
  git(root, 'add', '-A');
  git(root, 'commit', '--quiet', '--allow-empty', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}

function filesContaining(dir: string, needle: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => lstatSync(f).isFile() && readFileSync(f).includes(needle));
}

/** A repository with a base commit and a head commit that adds, modifies, deletes and renames. */
function sourceRepository(): { root: string; base: string; head: string } {
  const root = temp('src');
  git(root, 'init', '--quiet', '-b', 'main');
  write(root, 'streampilot.yaml', 'kind: Project\n');
  write(root, 'jobs/a/main.sql', 'SELECT 1;\n');
  write(
    root,
    'jobs/old-name/job.yaml',
    'name: old-name\nsql: [main.sql]\n' + 'description: a long enough text that a rename stays similar\n'.repeat(5),
  );
  write(root, 'jobs/gone/main.sql', 'SELECT 2;\n');
  write(root, 'run.sh', '#!/bin/sh\necho hi\n');
  execFileSync('chmod', ['+x', path.join(root, 'run.sh')]);
  symlinkSync('../../../etc/passwd', path.join(root, 'jobs/a/escape.sql'));
  write(root, '.gitattributes', 'secret.txt export-ignore\n');
  write(root, 'secret.txt', 'still part of the commit\n');
  const base = commit(root, 'base');
  write(root, 'jobs/a/main.sql', 'SELECT 11;\n');
  write(root, 'jobs/new/main.sql', 'SELECT 3;\n');
  rmSync(path.join(root, 'jobs/gone'), { recursive: true });
  mkdirSync(path.join(root, 'jobs/new-name'));
  execFileSync('git', ['mv', 'jobs/old-name/job.yaml', 'jobs/new-name/job.yaml'], { cwd: root });
  const head = commit(root, 'head');
  return { root, base, head };
}

describe('RepositoryCache over a local path and file:// URL', () => {
  let src: ReturnType<typeof sourceRepository>;
  beforeAll(() => {
    src = sourceRepository();
  });

  it('lists added, modified, deleted and renamed files between base and head', async () => {
    const cache = new RepositoryCache(temp('cache'));
    const changes = await cache.withRepository({ cloneUrl: src.root }, async (repo) => {
      await repo.fetch([src.base, src.head]);
      return repo.changedFiles(src.base, src.head);
    });
    expect(changes).toEqual([
      { status: 'modified', path: 'jobs/a/main.sql' },
      { status: 'deleted', path: 'jobs/gone/main.sql' },
      { status: 'renamed', path: 'jobs/new-name/job.yaml', from: 'jobs/old-name/job.yaml' },
      { status: 'added', path: 'jobs/new/main.sql' },
    ]);
  });

  it('materialises a commit with symlinks kept as links (those leaving the tree neutralised), the executable bit, and export-ignore disregarded', async () => {
    const cache = new RepositoryCache(temp('cache'));
    await cache.withRepository({ cloneUrl: `file://${src.root}` }, async (repo) => {
      await repo.fetch([src.base]);
      const tree = await repo.materialise(src.base);
      try {
        expect(readFileSync(path.join(tree.dir, 'jobs/a/main.sql'), 'utf8')).toBe('SELECT 1;\n');
        expect(lstatSync(path.join(tree.dir, 'jobs/a/escape.sql')).isSymbolicLink()).toBe(true);
        // A link out of the tree stays a link (the loader reports it there) but can never be opened.
        expect(readlinkSync(path.join(tree.dir, 'jobs/a/escape.sql'))).toBe(NEUTRALISED_LINK_TARGET);
        expect(() => readFileSync(path.join(tree.dir, 'jobs/a/escape.sql'))).toThrow(/ENOTDIR|ENOENT/);
        expect(statSync(path.join(tree.dir, 'run.sh')).mode & 0o111).not.toBe(0);
        expect(existsSync(path.join(tree.dir, 'secret.txt'))).toBe(true);
        expect(existsSync(path.join(tree.dir, '.git'))).toBe(false);
      } finally {
        await tree.dispose();
      }
    });
  });

  it('keeps trees between events: the same commit again is the same folder; a new commit is the kept tree patched', async () => {
    const dir = temp('cache-trees');
    const cache = new RepositoryCache(dir);
    const spec = { cloneUrl: `file://${src.root}` };
    const first = await cache.withRepository(spec, async (repo) => {
      await repo.fetch([src.base, src.head]);
      return (await repo.materialise(src.base)).dir;
    });
    const lines: string[] = [];
    const logged = new RepositoryCache(dir, { log: (l) => lines.push(l) });
    await logged.withRepository(spec, async (repo) => {
      expect((await repo.materialise(src.base)).dir).toBe(first);
      const head = await repo.materialise(src.head);
      // the head's files are those of the head commit, not of the copy it started from
      for (const change of await repo.changedFiles(src.base, src.head)) {
        const file = path.join(head.dir, ...change.path.split('/'));
        if (change.status === 'deleted') expect(existsSync(file)).toBe(false);
        else expect(existsSync(file) || lstatSync(file).isSymbolicLink()).toBe(true);
      }
      // and the kept base is unchanged by the patch (hard links were broken before writing)
      expect(readFileSync(path.join(first, 'jobs/a/main.sql'), 'utf8')).toBe('SELECT 1;\n');
    });
    expect(lines.some((l) => l.startsWith('copy tree'))).toBe(true);
  });

  it('reuses the mirror: a second event fetches nothing it already has, a new push fetches only the new commit', async () => {
    const dir = temp('cache');
    const log: string[] = [];
    const cache = new RepositoryCache(dir, { log: (l) => log.push(l) });
    const first = await cache.withRepository({ cloneUrl: src.root }, (repo) => repo.fetch([src.base, src.head]));
    expect(first.fetched).toEqual([src.base, src.head]);
    const second = await new RepositoryCache(dir, { log: (l) => log.push(l) }).withRepository(
      { cloneUrl: src.root },
      (repo) => repo.fetch([src.base, src.head]),
    );
    expect(second.fetched).toEqual([]);
    expect(log.filter((l) => l.startsWith('git init')).length).toBe(1);
    expect(log.filter((l) => l.startsWith('git fetch')).length).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.git')).length).toBe(1);

    write(src.root, 'jobs/a/main.sql', 'SELECT 111;\n');
    const next = commit(src.root, 'next');
    const third = await cache.withRepository({ cloneUrl: src.root }, (repo) => repo.fetch([src.head, next]));
    expect(third.fetched).toEqual([next]);
  });

  it('serialises two concurrent events on one repository, within a process and across cache instances sharing the folder', async () => {
    const dir = temp('cache');
    const spans: [string, number, number][] = [];
    const work = (who: string, cache: RepositoryCache) =>
      cache.withRepository({ cloneUrl: src.root }, async (repo) => {
        const start = performance.now();
        await repo.fetch([src.base, src.head]);
        const tree = await repo.materialise(src.head);
        const files = await repo.changedFiles(src.base, src.head);
        await tree.dispose();
        spans.push([who, start, performance.now()]);
        return files.length;
      });
    const a = new RepositoryCache(dir);
    const b = new RepositoryCache(dir); // another process's view: only the lock file guards it
    const results = await Promise.all([work('a1', a), work('a2', a), work('b1', b)]);
    expect(results).toEqual([4, 4, 4]);
    spans.sort((x, y) => x[1] - y[1]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![1]).toBeGreaterThanOrEqual(spans[i - 1]![2]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });

  it('says which commit is missing when a SHA is not in the repository', async () => {
    const cache = new RepositoryCache(temp('cache'));
    const missing = 'f'.repeat(40);
    await expect(cache.withRepository({ cloneUrl: src.root }, (repo) => repo.fetch([missing]))).rejects.toThrow(
      new RegExp(`commit ${missing} not found in ${src.root}`),
    );
    await expect(
      cache.withRepository({ cloneUrl: src.root }, (repo) => repo.fetch(['--upload-pack=touch /tmp/x'])),
    ).rejects.toThrow(/is not a full commit SHA/);
  });
});

describe('RepositoryCache over authenticated smart HTTP (git http-backend, GitHub-style x-access-token Basic auth)', () => {
  const token = 'ghs_SuperSecretInstallationToken123';
  let src: ReturnType<typeof sourceRepository>;
  let serverRoot: string;
  let server: GitHttpServer;
  beforeAll(() => {
    src = sourceRepository();
    serverRoot = temp('served');
    git(serverRoot, 'clone', '--quiet', '--bare', src.root, 'acme.git');
  });
  afterEach(async () => {
    await server?.close();
  });

  it('fetches with the token, which appears in no remote URL, mirror file, log line or error', async () => {
    server = await startGitHttpServer(serverRoot, { token });
    const dir = temp('cache');
    const log: string[] = [];
    const cache = new RepositoryCache(dir, { log: (l) => log.push(l) });
    const files = await cache.withRepository({ cloneUrl: server.url('acme.git'), token }, async (repo) => {
      await repo.fetch([src.base, src.head]);
      return repo.changedFiles(src.base, src.head);
    });
    expect(files).toHaveLength(4);
    expect(server.requests.some((r) => r.authorization)).toBe(true);

    const mirror = path.join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.git'))!,
    );
    expect(git(mirror, 'remote', '-v')).toContain(server.url('acme.git'));
    expect(git(mirror, 'remote', '-v')).not.toContain(token);
    expect(filesContaining(dir, token)).toEqual([]);
    expect(filesContaining(dir, Buffer.from(`x-access-token:${token}`).toString('base64'))).toEqual([]);
    expect(log.join('\n')).not.toContain(token);
  });

  it('a refused token ends in an error that names the repository but not the token', async () => {
    server = await startGitHttpServer(serverRoot, { token: 'the-right-one' });
    const log: string[] = [];
    const cache = new RepositoryCache(temp('cache'), { log: (l) => log.push(l) });
    const error = await cache
      .withRepository({ cloneUrl: server.url('acme.git'), token }, (repo) => repo.fetch([src.head]))
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toContain(server.url('acme.git'));
    expect(`${error!.message}\n${error!.stack}`).not.toContain(token);
    expect(`${error!.message}\n${error!.stack}`).not.toContain(
      Buffer.from(`x-access-token:${token}`).toString('base64'),
    );
    expect(log.join('\n')).not.toContain(token);
  });

  it('credentials written into the clone URL are stripped from the stored remote and sent as a header', async () => {
    server = await startGitHttpServer(serverRoot, { token });
    const dir = temp('cache');
    const withUserInfo = server.url('acme.git').replace('http://', `http://x-access-token:${token}@`);
    await new RepositoryCache(dir).withRepository({ cloneUrl: withUserInfo }, (repo) => repo.fetch([src.head]));
    const mirror = path.join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.git'))!,
    );
    expect(git(mirror, 'remote', 'get-url', 'origin')).toBe(server.url('acme.git'));
  });

  it('falls back to fetching branches when the server refuses to send an unadvertised commit (protocol v0)', async () => {
    server = await startGitHttpServer(serverRoot, { token, protocolV0: true });
    const log: string[] = [];
    const cache = new RepositoryCache(temp('cache'), { log: (l) => log.push(l) });
    // The base is not a ref tip on the server: v0 upload-pack refuses it by SHA.
    const { fetched } = await cache.withRepository({ cloneUrl: server.url('acme.git'), token }, (repo) =>
      repo.fetch([src.base]),
    );
    expect(fetched).toEqual([src.base]);
    expect(log.some((l) => l.includes('fetching by SHA was refused'))).toBe(true);
  });
});

describe('linkTarget: what a symbolic link of a pull request is materialised as', () => {
  it.each([
    ['streampilot.yaml', '/proc/self/cwd/.env'],
    ['streampilot.yaml', '../.env'],
    ['jobs/a/job.yaml', '../../../.git/config'],
    ['jobs/a/job.yaml', '../../.git/config'],
    ['jobs', '/etc'],
    ['jobs/a/Dockerfile', 'sub/../../../../x'],
    ['a', ''],
  ])('a link %s → %s that leaves the tree is neutralised', (name, target) => {
    expect(linkTarget(name, target)).toBe(NEUTRALISED_LINK_TARGET);
  });

  it.each([
    ['jobs/a/main.sql', '../../common/main.sql'],
    ['jobs/b', 'a'],
    ['streampilot.yaml', 'config/streampilot.yaml'],
  ])('a link %s → %s inside the tree is kept as written', (name, target) => {
    expect(linkTarget(name, target)).toBe(target);
  });
});
