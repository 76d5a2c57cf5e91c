// The app fetches only from its configured GitHub (issue 10, finding 9): the pinning rules, and the
// repository cache refusing any other remote before git runs, so no token leaves for another host.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRemoteOnHost, cloneUrlOn, githubWebOrigin, UntrustedRemoteError } from '../../src/git/github-host.js';
import { RepositoryCache } from '../../src/git/repository-cache.js';

describe('the configured GitHub host', () => {
  it('maps the API root to the web origin: api.github.com to github.com, GHE /api/v3 to its host', () => {
    expect(githubWebOrigin('https://api.github.com')).toBe('https://github.com');
    expect(githubWebOrigin('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com');
    expect(githubWebOrigin('http://127.0.0.1:8080/api/v3')).toBe('http://127.0.0.1:8080');
  });

  it('builds a clone URL from the full name only, refusing names that are not owner/name', () => {
    expect(cloneUrlOn('https://github.com', 'acme/flink-jobs')).toBe('https://github.com/acme/flink-jobs.git');
    for (const bad of ['acme', 'acme/../x', '../etc', 'a/b/c', 'acme/x@evil.com', 'acme/x?y', ''])
      expect(() => cloneUrlOn('https://github.com', bad)).toThrow(UntrustedRemoteError);
  });

  it('refuses another host, a look-alike, another port, http for an https GitHub, file://, scp-like, local paths and userinfo', () => {
    checkRemoteOnHost('https://github.com/acme/flink-jobs.git', 'https://github.com');
    checkRemoteOnHost('https://github.com:443/acme/flink-jobs.git', 'https://github.com');
    for (const url of [
      'https://evil.example/acme/flink-jobs.git',
      'https://github.com.evil.example/acme/flink-jobs.git',
      'https://github.com:8443/acme/flink-jobs.git',
      'http://github.com/acme/flink-jobs.git',
      'file:///etc/acme/flink-jobs.git',
      'git@github.com:acme/flink-jobs.git',
      'ssh://git@github.com/acme/flink-jobs.git',
      '/srv/git/acme/flink-jobs.git',
      'https://user:pass@github.com/acme/flink-jobs.git',
      'https://evil.example@github.com/acme/flink-jobs.git',
    ]) {
      expect(() => checkRemoteOnHost(url, 'https://github.com'), url).toThrow(
        /not on the configured GitHub host https:\/\/github\.com/,
      );
    }
    // An http GitHub (GHE_PROTOCOL=http) is its own origin: https to it is another one.
    checkRemoteOnHost('http://127.0.0.1:8080/acme/x.git', 'http://127.0.0.1:8080');
    expect(() => checkRemoteOnHost('http://127.0.0.1:9090/acme/x.git', 'http://127.0.0.1:8080')).toThrow(
      UntrustedRemoteError,
    );
  });
});

describe('a repository cache pinned to the configured GitHub', () => {
  let recorder: Server;
  const heard: string[] = [];
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sp-pinned-'));
    recorder = createServer((req, res) => {
      heard.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => recorder.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a remote on another host with a token is refused before git runs: the host hears nothing, no mirror is made', async () => {
    const cache = new RepositoryCache(dir, { allowedOrigin: 'https://github.com' });
    const url = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/acme/flink-jobs.git`;
    const work = await cache
      .withRepository({ cloneUrl: url, token: 'ghs_planted_token_value_123' }, async () => 'ran')
      .catch((e: Error) => e);
    expect(work).toBeInstanceOf(UntrustedRemoteError);
    expect((work as Error).message).not.toContain('ghs_planted');
    const local = await cache.withRepository({ cloneUrl: 'file:///etc' }, async () => 'ran').catch((e: Error) => e);
    expect(local).toBeInstanceOf(UntrustedRemoteError);
    expect(heard).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
