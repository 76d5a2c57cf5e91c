// Issue 13: a path that does not exist and a missing registry.repository are usage/configuration
// problems (exit 2, README "The command line"), not findings (exit 1); build lists every job it
// was asked for, with why it was not built, and names each job once per line.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { runCli, runCliAsync } from '../support/run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'streampilot-exit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli(args, { cacheHome: path.join(work, 'cache') });

const SQL =
  "CREATE TABLE s (id STRING) WITH ('connector' = 'datagen');\n" +
  "CREATE TABLE k (id STRING) WITH ('connector' = 'blackhole');\nINSERT INTO k SELECT id FROM s;\n";

/** A repository of one application-mode job `orders`, with the registry given (or none). */
function repository(name: string, registry: string | undefined, jobYaml = ''): string {
  const root = path.join(work, name);
  mkdirSync(path.join(root, 'jobs', 'orders'), { recursive: true });
  writeFileSync(
    path.join(root, 'streampilot.yaml'),
    // `repository:` names the repository (the fixture has no git remote); stateless needs no state directories.
    'apiVersion: streampilot.dev/v1\nkind: Project\nrepository: acme/flink-jobs\ndefaults: { upgradeMode: stateless }\n' +
      (registry ? `registry: { repository: ${registry} }\n` : '') +
      'environments:\n  staging: { namespace: flink-staging }\n',
  );
  writeFileSync(
    path.join(root, 'jobs', 'orders', 'job.yaml'),
    'apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: orders\nsql: [main.sql]\n' +
      'baseImage: 127.0.0.1:9/flink:1.20\n' +
      jobYaml,
  );
  writeFileSync(path.join(root, 'jobs', 'orders', 'main.sql'), SQL);
  return root;
}

describe('a repository path that does not exist: exit 2 from every command, naming the path', () => {
  const missing = path.join(work, 'no-such-folder');
  for (const args of [
    ['check', missing],
    ['render', 'orders', '--env', 'staging', '--dir', missing],
    ['build', '--dir', missing],
    ['deploy', '--env', 'staging', '--dir', missing],
    ['status', '--env', 'staging', '--dir', missing],
  ]) {
    it(`${args[0]}`, () => {
      const r = cli(...args);
      expect(r.stderr).toContain(`\`${missing}\` does not exist`);
      expect(r.stdout).toBe('');
      expect(r.status).toBe(2);
    });
  }

  it('check of a file instead of a folder: exit 2, saying it is not a folder', () => {
    const r = cli('check', 'examples/acme-flink-jobs/streampilot.yaml');
    expect(r.stderr).toContain('`examples/acme-flink-jobs/streampilot.yaml` is not a folder');
    expect(r.status).toBe(2);
  });

  it('check of a folder that exists but holds a broken repository stays a finding: exit 1', () => {
    expect(cli('check', 'examples/broken', '--no-cache').status).toBe(1);
  });
});

describe('build', () => {
  it('without registry.repository: exit 2, the job FAILED at configuration with the fix', () => {
    const r = cli('build', '--dir', repository('no-registry', undefined));
    expect(r.stdout).toMatch(/^orders {2}FAILED at configuration: streampilot\.yaml has no `registry\.repository`/m);
    expect(r.stdout).toContain('hint: add `registry: { repository: ghcr.io/<org>/flink-jobs }`');
    expect(r.status).toBe(2);
  });

  it('a registry that cannot be reached is a build failure (exit 1), and the line names the job and step once', () => {
    const r = cli('build', '--dir', repository('unreachable', '127.0.0.1:9/jobs'));
    const line = r.stdout.split('\n').find((l) => l.startsWith('orders '));
    expect(line).toMatch(/^orders {2}FAILED at [a-z ]+: /);
    expect(line!.match(/orders/g)).toHaveLength(1);
    expect(line).not.toMatch(/FAILED at ([a-z ]+): .*\1 failed/);
    expect(r.status).toBe(1);
  });

  it('a job whose job.yaml has errors is listed as not built, and why, beside the others', () => {
    const r = cli('build', '--dir', 'examples/broken', '--no-cache');
    expect(r.stdout).toMatch(/^bad-manifest {2}skipped: its job\.yaml has errors \(see above\): nothing is built/m);
    for (const job of ['connector-problems', 'does-nothing', 'syntax-errors', 'table-problems'])
      expect(r.stdout).toMatch(new RegExp(`^${job} {2}skipped: the job has errors`, 'm'));
    expect(r.status).toBe(1);
  });
});

const noCrds = existsSync(operatorCrdDir)
  ? undefined
  : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)';

describe.skipIf(noCrds)(`deploy without registry.repository ${noCrds ?? ''}`, { timeout: 60_000 }, () => {
  let fake: FakeKube;
  let kubeconfigFile: string;

  beforeAll(async () => {
    fake = await startFakeKube();
    kubeconfigFile = path.join(work, 'kubeconfig');
    const config = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'staging',
          cluster: { server: fake.url, 'certificate-authority-data': Buffer.from(fake.caPem).toString('base64') },
        },
      ],
      users: [{ name: 'staging', user: { token: fake.token } }],
      contexts: [{ name: 'staging', context: { cluster: 'staging', user: 'staging' } }],
      'current-context': 'staging',
    };
    writeFileSync(kubeconfigFile, stringify(config), { mode: 0o600 });
  }, 60_000);

  afterAll(async () => {
    await fake?.close();
  });

  it('exits 2 naming registry.repository, and applies nothing to the cluster', async () => {
    const writesBefore = fake.writes().length;
    const r = await runCliAsync(
      [
        'deploy',
        '--env',
        'staging',
        '--kubeconfig',
        kubeconfigFile,
        '--dir',
        repository('deploy-no-registry', undefined),
      ],
      { cacheHome: path.join(work, 'cache'), env: { KUBECONFIG: undefined } },
    );
    expect(r.stderr).toMatch(/orders cannot be built: streampilot\.yaml has no `registry\.repository`/);
    expect(r.status).toBe(2);
    expect(fake.writes().length).toBe(writesBefore);
  });
});
