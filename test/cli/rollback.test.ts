// `streampilot rollback` as the on-call engineer runs it: the built CLI as its own process in a real
// git repository, images built by the registry-native builder on a base pushed over HTTP (no Docker
// engine), the fake API server with the simulated operator (see deploy.test.ts for the setup).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeFlink, type FakeFlink } from '../support/fake-flink/fake-flink.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot } from '../support/fake-kube/operator-autopilot.js';
import { findKind } from '../support/fake-kube/resources.js';
import { GitRepository } from '../support/git-fixture.js';
import { pushImage } from '../support/pushed-image.js';
import { registryEnv, registryRequests } from '../support/registry-env.js';
import { runCliAsync, type CliRun } from '../support/run-cli.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-staging';
const reason =
  registryEnv.skipReason ??
  (existsSync(operatorCrdDir)
    ? undefined
    : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)');

const sql = (marker: string) =>
  `CREATE TABLE src (user_id STRING, url STRING) WITH ('connector' = 'datagen');
CREATE TABLE snk (user_id STRING, url STRING) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT user_id, url FROM src WHERE url <> '${marker}';
`;

describe('streampilot rollback without --to', () => {
  test('exit 2, saying why the terminal cannot find the earlier commit and how to name it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-cli-rollback-usage-'));
    try {
      writeFileSync(
        path.join(dir, 'streampilot.yaml'),
        'apiVersion: streampilot.dev/v1\nkind: Project\nenvironments:\n  staging:\n    namespace: flink-staging\n',
      );
      const r = await runCliAsync(['rollback', '--env', 'staging'], { cwd: dir });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain('--to <sha> is required');
      expect(r.stderr).toContain('the cluster records only the commit that runs now');
      expect(r.stderr).toMatch(
        /hint: name the commit to return to, e\.g\. `streampilot rollback --env staging --to <sha>`/,
      );
      expect(r.stdout).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(reason)(`streampilot rollback against a cluster ${reason ?? ''}`, { timeout: 120_000 }, () => {
  const run = randomBytes(4).toString('hex');
  const work = mkdtempSync(path.join(tmpdir(), 'sp-cli-rollback-'));
  const registry = registryEnv.registry!;
  let kube: FakeKube;
  let flink: FakeFlink;
  let autopilot: Autopilot;
  let git: GitRepository;
  let kubeconfig: string;
  const env = { STREAMPILOT_REGISTRY_USERNAME: registry.username, STREAMPILOT_REGISTRY_PASSWORD: registry.password };
  const cli = (...args: string[]): Promise<CliRun> =>
    runCliAsync([...args, '--env', 'staging', '--kubeconfig', kubeconfig], {
      cwd: git.dir,
      cacheHome: path.join(work, 'cache'),
      env,
    });
  const live = () => kube.api.read(findKind('flink.apache.org/v1beta1', 'FlinkDeployment')!, NS, 'orders') as any;

  beforeAll(async () => {
    const base = await pushImage(registry, `cli-rollback-base-${run}`, '1');
    const source = path.join(work, 'source');
    mkdirSync(path.join(source, 'jobs', 'orders'), { recursive: true });
    writeFileSync(
      path.join(source, 'streampilot.yaml'),
      `apiVersion: streampilot.dev/v1
kind: Project
repository: acme/cli-rollback
defaults:
  baseImage: ${base.reference}
registry:
  repository: ${registry.host}/cli-rollback-${run}
  insecure: true
deploy:
  timeout: 30s
environments:
  staging:
    kubeContext: staging
    namespace: ${NS}
`,
    );
    writeFileSync(
      path.join(source, 'jobs', 'orders', 'job.yaml'),
      'apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: orders\nsql: [main.sql]\nupgradeMode: stateless\n',
    );
    writeFileSync(path.join(source, 'jobs', 'orders', 'main.sql'), sql('first'));
    git = GitRepository.create({ from: source });
    kube = await startFakeKube();
    kubeconfig = writeTestKubeconfig(work, kube, [{ name: 'staging', namespace: NS }]);
    flink = await startFakeFlink();
    autopilot = startOperatorAutopilot(kube, { flink, stepMs: 50 });
  }, 60_000);

  afterAll(async () => {
    autopilot?.stop();
    await kube?.close();
    await flink?.close().catch(() => undefined);
    git?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  test('--to an earlier commit runs its image of then again, and status shows the job rolled back', async () => {
    const first = git.sha('main');
    const deployedFirst = await cli('deploy');
    expect(deployedFirst.status, deployedFirst.stderr).toBe(0);
    const firstImage = live().spec.image as string;
    const second = git.commit('main', { 'jobs/orders/main.sql': sql('second') });
    const deployedSecond = await cli('deploy');
    expect(deployedSecond.status, deployedSecond.stderr).toBe(0);
    expect(live().spec.image).not.toBe(firstImage);

    const writesBefore = registryRequests(registry).length;
    const rolled = await cli('rollback', '--to', first.slice(0, 10));
    expect(rolled.status, `${rolled.stdout}\n${rolled.stderr}`).toBe(0);
    expect(rolled.stdout).toContain('⏪ Rolled back `orders` in `staging`.');
    expect(rolled.stdout).toContain(
      `| \`orders\` | \`${second.slice(0, 12)}\` | \`${first.slice(0, 12)}\` | ✅ running`,
    );
    // Looked up by its content-addressed tag, not built again: the very image of the first deploy.
    const pushes = registryRequests(registry)
      .slice(writesBefore)
      .filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    expect(pushes).toEqual([]);
    const object = live();
    expect(object.spec.image).toBe(firstImage);
    expect(object.metadata.annotations).toMatchObject({
      'streampilot.dev/git-sha': first,
      'streampilot.dev/rolled-back-to': first,
      'streampilot.dev/rolled-back-from': second,
      'streampilot.dev/last-command': `streampilot rollback --env staging --to ${first.slice(0, 10)}`,
    });

    const status = await cli('status');
    expect(status.stdout).toContain(`    rolled back to ${first.slice(0, 12)} (from ${second.slice(0, 12)}) by `);

    // A deploy from Git catches up: the marker goes with the objects' next apply.
    const again = await cli('deploy');
    expect(again.status, again.stderr).toBe(0);
    expect(live().metadata.annotations['streampilot.dev/rolled-back-to']).toBeUndefined();
    expect((await cli('status')).stdout).not.toContain('rolled back');
  });
});
