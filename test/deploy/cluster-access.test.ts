import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/app/config.js';
import { checkClusterAccess, parseClusterAccess, type DeployTarget } from '../../src/deploy/cluster-access.js';
import { ConfigError } from '../../src/errors.js';
import { newAppCredentials } from '../support/app-process.js';

const ACCESS = parseClusterAccess({
  'acme/flink-jobs': [
    { context: 'staging', namespaces: ['flink-staging'] },
    { context: 'production', namespaces: ['flink-prod'] },
  ],
  'acme/*': [{ context: 'in-cluster', namespaces: ['flink-shared'] }],
  'Other/Repo': [{ context: 'staging', namespaces: ['other'] }],
});

const target = (over: Partial<DeployTarget>): DeployTarget => ({
  repository: 'acme/flink-jobs',
  environment: 'staging',
  context: 'staging',
  namespaces: ['flink-staging'],
  ...over,
});

describe('cluster access: which repository may deploy to which context and namespace', () => {
  it('allows a repository its own contexts and namespaces, and an owner wildcard the others of that owner', () => {
    expect(checkClusterAccess(ACCESS, target({}))).toEqual({ allowed: true });
    expect(
      checkClusterAccess(
        ACCESS,
        target({ environment: 'production', context: 'production', namespaces: ['flink-prod'] }),
      ),
    ).toEqual({ allowed: true });
    expect(
      checkClusterAccess(
        ACCESS,
        target({ repository: 'acme/other-jobs', context: undefined, namespaces: ['flink-shared'] }),
      ),
    ).toEqual({ allowed: true });
    expect(checkClusterAccess(ACCESS, target({ repository: 'OTHER/repo', namespaces: ['other'] }))).toEqual({
      allowed: true,
    });
  });

  it('refuses a repository naming another context of the app’s kubeconfig, saying which and what to change', () => {
    const d = checkClusterAccess(ACCESS, target({ context: 'admin', namespaces: ['flink-staging'] }));
    expect(d).toEqual({
      allowed: false,
      reason:
        'not deployed: environment `staging` of acme/flink-jobs (context `admin`, namespace `flink-staging`): STREAMPILOT_CLUSTER_ACCESS has the entry "acme/flink-jobs", which does not allow context `admin`',
      hint: 'deploy to a context the app allows for this repository (staging, production), or ask whoever runs the app to add it to STREAMPILOT_CLUSTER_ACCESS',
    });
  });

  it('refuses kube-system (or any namespace not listed for that context), even when the others are allowed', () => {
    const d = checkClusterAccess(ACCESS, target({ namespaces: ['flink-staging', 'kube-system'] }));
    expect(d.allowed).toBe(false);
    expect(!d.allowed && d.reason).toContain('does not allow namespace `kube-system` in context `staging`');
    // Namespaces are per context: production's namespace is not allowed in staging.
    expect(checkClusterAccess(ACCESS, target({ namespaces: ['flink-prod'] })).allowed).toBe(false);
  });

  it('the exact repository entry wins over its owner’s wildcard (no union of grants)', () => {
    expect(checkClusterAccess(ACCESS, target({ context: undefined, namespaces: ['flink-shared'] })).allowed).toBe(
      false,
    );
  });

  it('refuses a repository with no entry, and everything when no map is configured (fail closed)', () => {
    const stranger = checkClusterAccess(ACCESS, target({ repository: 'mallory/jobs' }));
    expect(!stranger.allowed && stranger.reason).toContain('no entry for "mallory/jobs" or "mallory/*"');
    const none = checkClusterAccess(undefined, target({}));
    expect(none.allowed).toBe(false);
    expect(!none.allowed && none.reason).toBe(
      'not deployed: environment `staging` of acme/flink-jobs (context `staging`, namespace `flink-staging`): the app has no STREAMPILOT_CLUSTER_ACCESS, so it lets no repository deploy anywhere',
    );
    expect(!none.allowed && none.hint).toContain('"acme/flink-jobs" (or "acme/*")');
  });

  it.each([
    [[], /the value must be a mapping/],
    [{ acme: [] }, /key "acme" must be "owner\/name" or "owner\/\*"/],
    [{ '*/*': [] }, /must be "owner\/name"/],
    [{ 'acme/x': {} }, /"acme\/x" must be a list/],
    [{ 'acme/x': [{ context: '', namespaces: ['a'] }] }, /"acme\/x"\[0\]\.context must be/],
    [{ 'acme/x': [{ context: 'c', namespaces: [] }] }, /namespaces must be a non-empty list/],
    [
      { 'acme/x': [{ context: 'c', namespaces: ['Kube_System'] }] },
      /namespaces\[0\] must be a Kubernetes namespace name/,
    ],
    [{ 'acme/x': [{ context: 'c', namespaces: ['a'], verbs: ['*'] }] }, /unknown key "verbs"/],
    [{ 'acme/x': [], 'ACME/X': [] }, /appears twice/],
  ])('refuses a malformed map %j, naming where', (value, message) => {
    expect(() => parseClusterAccess(value)).toThrow(ConfigError);
    expect(() => parseClusterAccess(value)).toThrow(message);
  });
});

describe('the app’s configuration: STREAMPILOT_CLUSTER_ACCESS, and the registry its credentials are pinned to', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-access-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const credentials = newAppCredentials();
  const base = { APP_ID: '1', PRIVATE_KEY: credentials.privateKey, WEBHOOK_SECRET: 'x'.repeat(20) };

  it('is absent unless set, read inline as JSON, or from a YAML file', () => {
    expect(readConfig(base).clusterAccess).toBeUndefined();
    const inline = readConfig({
      ...base,
      STREAMPILOT_CLUSTER_ACCESS: '{"acme/*":[{"context":"in-cluster","namespaces":["flink"]}]}',
    }).clusterAccess;
    expect(
      checkClusterAccess(inline, target({ repository: 'acme/a', context: undefined, namespaces: ['flink'] })),
    ).toEqual({ allowed: true });
    const file = path.join(dir, 'access.yaml');
    writeFileSync(file, 'acme/flink-jobs:\n  - context: staging\n    namespaces: [flink-staging]\n');
    expect(
      checkClusterAccess(readConfig({ ...base, STREAMPILOT_CLUSTER_ACCESS: file }).clusterAccess, target({})),
    ).toEqual({ allowed: true });
  });

  it('stops the app at start when registry credentials are given without the registry they are for', () => {
    const creds = { ...base, STREAMPILOT_REGISTRY_USERNAME: 'ci', STREAMPILOT_REGISTRY_PASSWORD: 'registry-marker-5' };
    expect(() => readConfig(creds)).toThrow(
      'STREAMPILOT_REGISTRY_USERNAME/_PASSWORD are set but STREAMPILOT_REGISTRY_HOST is not',
    );
    expect(() => readConfig(creds)).not.toThrow(/registry-marker-5/);
    expect(readConfig({ ...creds, STREAMPILOT_REGISTRY_HOST: 'ghcr.io' }).appId).toBe(1);
  });

  it('stops the app at start when the map cannot be read, naming the setting', () => {
    expect(() => readConfig({ ...base, STREAMPILOT_CLUSTER_ACCESS: '{"acme/*": [' })).toThrow(
      /STREAMPILOT_CLUSTER_ACCESS is not valid JSON/,
    );
    expect(() => readConfig({ ...base, STREAMPILOT_CLUSTER_ACCESS: path.join(dir, 'missing.yaml') })).toThrow(
      /STREAMPILOT_CLUSTER_ACCESS: cannot read .*ENOENT/,
    );
  });
});
