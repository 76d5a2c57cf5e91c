import { describe, expect, it } from 'vitest';
import { parseWwwAuthenticate } from '../../src/registry/www-authenticate.js';

describe('parseWwwAuthenticate', () => {
  it("reads Docker Hub's Bearer challenge with its realm, service and scope", () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/flink:pull"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/flink:pull',
        },
      },
    ]);
  });

  it('keeps commas inside quoted values (a push scope) and unescapes quotes', () => {
    const [c] = parseWwwAuthenticate(
      'Bearer realm="https://ghcr.io/token", scope="repository:acme/jobs:pull,push", error="say \\"hi\\""',
    );
    expect(c?.params).toEqual({
      realm: 'https://ghcr.io/token',
      scope: 'repository:acme/jobs:pull,push',
      error: 'say "hi"',
    });
  });

  it('reads a Basic challenge and several challenges in one header', () => {
    expect(parseWwwAuthenticate('Basic realm="Registry Realm"')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
    ]);
    const both = parseWwwAuthenticate('Basic realm="x", Bearer realm="https://t/token",service=reg');
    expect(both.map((c) => c.scheme)).toEqual(['basic', 'bearer']);
    expect(both[1]?.params).toEqual({ realm: 'https://t/token', service: 'reg' });
  });

  it('does not loop or throw on garbage', () => {
    expect(parseWwwAuthenticate('')).toEqual([]);
    expect(() => parseWwwAuthenticate('"" ,,, ==== Bearer')).not.toThrow();
  });
});
