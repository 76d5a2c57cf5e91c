// `streampilot savepoint` as the on-call engineer runs it: the built CLI as its own process against
// two fake API servers through one kubeconfig — staging's operator has FlinkStateSnapshot (≥ 1.10),
// production's is older (no CRD: savepointTriggerNonce) — with the operator's savepoints simulated
// by test/support/fake-kube/snapshot-operator.ts. The jobs are put in the clusters directly: a
// savepoint only needs them running.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COMMAND_ANNOTATION } from '../../src/deploy/command-audit.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { findKind } from '../support/fake-kube/resources.js';
import { seedFlinkDeployment } from '../support/fake-kube/seed-deployment.js';
import {
  startSnapshotOperator,
  type SnapshotOperator,
  type SnapshotScenario,
} from '../support/fake-kube/snapshot-operator.js';
import { runCliAsync } from '../support/run-cli.js';

const REPOSITORY = 'acme/jobs';
const FLINK = 'flink.apache.org/v1beta1';
const SAVEPOINTS = 's3://acme-state/savepoints';
const reason = existsSync(operatorCrdDir) ? undefined : '(../shared/reference is absent)';

const project = `apiVersion: streampilot.dev/v1
kind: Project
repository: ${REPOSITORY}
defaults:
  baseImage: registry.example.test/flink:1.20
  flinkConfiguration:
    state.savepoints.dir: ${SAVEPOINTS}
registry:
  repository: registry.example.test/acme/jobs
environments:
  staging:
    kubeContext: staging
    namespace: flink-staging
  production:
    kubeContext: production
    namespace: flink-production
`;

const JOBS = ['orders', 'clicks', 'payments'];
const jobFiles = (name: string) => ({
  'job.yaml': `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${name}\nsql: [main.sql]\nupgradeMode: stateless\n`,
  'main.sql': `CREATE TABLE ${name}_source (id STRING) WITH ('connector' = 'datagen');
CREATE TABLE ${name}_sink (id STRING) WITH ('connector' = 'blackhole');
INSERT INTO ${name}_sink SELECT id FROM ${name}_source;
`,
});

interface Cluster {
  fake: FakeKube;
  snapshots: SnapshotOperator;
  scenarios: Map<string, SnapshotScenario>;
}

async function cluster(older: boolean): Promise<Cluster> {
  const fake = await startFakeKube(older ? { withoutCrds: ['FlinkStateSnapshot'] } : {});
  const scenarios = new Map<string, SnapshotScenario>();
  const snapshots = startSnapshotOperator(fake, {
    nonce: older,
    stepMs: 50,
    scenario: (_ns, job) => scenarios.get(job) ?? { kind: 'complete' },
  });
  return { fake, snapshots, scenarios };
}

function seedJob(c: Cluster, namespace: string, name: string, running = true): void {
  seedFlinkDeployment(c.fake, {
    namespace,
    name,
    repository: REPOSITORY,
    image: `registry.example.test/acme/jobs:${name}`,
    flinkConfiguration: { 'state.savepoints.dir': SAVEPOINTS },
    job: { jarURI: 'local:///opt/flink/usrlib/runner.jar', parallelism: 1, upgradeMode: 'stateless' },
    running,
  });
}

/** The random parts of a savepoint's and a snapshot's name, made stable for a golden file. */
function stable(text: string): string {
  return text
    .replace(/-savepoint-\d{14}-[0-9a-f]{6}\b/g, '-savepoint-<time>-<id>')
    .replace(/\/savepoint-(?:[0-9a-f]{6}-)?[0-9a-f]{12}\b/g, '/savepoint-<id>');
}

describe.skipIf(reason)(`streampilot savepoint ${reason ?? ''}`, { timeout: 120_000 }, () => {
  const work = mkdtempSync(path.join(tmpdir(), 'sp-savepoint-cli-'));
  const dir = path.join(work, 'repo');
  const kubeconfigFile = path.join(work, 'kubeconfig');
  let staging: Cluster;
  let production: Cluster;
  const run = (args: string[]) =>
    runCliAsync(['savepoint', ...args, '--dir', dir, '--kubeconfig', kubeconfigFile], { cwd: work });

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'streampilot.yaml'), project);
    for (const name of JOBS) {
      mkdirSync(path.join(dir, 'jobs', name), { recursive: true });
      for (const [file, text] of Object.entries(jobFiles(name)))
        writeFileSync(path.join(dir, 'jobs', name, file), text);
    }
    staging = await cluster(false);
    production = await cluster(true);
    const entries = [
      ['staging', staging.fake],
      ['production', production.fake],
    ] as const;
    writeFileSync(
      kubeconfigFile,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: entries.map(([name, f]) => ({
          name,
          cluster: { server: f.url, 'certificate-authority-data': Buffer.from(f.caPem).toString('base64') },
        })),
        users: entries.map(([name, f]) => ({ name, user: { token: f.token } })),
        contexts: entries.map(([name]) => ({ name, context: { cluster: name, user: name } })),
        'current-context': 'staging',
      }),
      { mode: 0o600 },
    );
  });
  afterAll(async () => {
    for (const c of [staging, production]) {
      c?.snapshots.stop();
      await c?.fake.close();
    }
    rmSync(work, { recursive: true, force: true });
  });

  test('every job of the environment: where each savepoint is, why one could not be taken; exit 1', async () => {
    seedJob(staging, 'flink-staging', 'orders');
    seedJob(staging, 'flink-staging', 'clicks', false);
    staging.scenarios.set('payments', { kind: 'fail', error: 'java.io.IOException: s3://acme-state is not writable' });
    seedJob(staging, 'flink-staging', 'payments');
    const r = await run(['--env', 'staging']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('Taking a savepoint of clicks, orders, payments in staging…');
    await expect(stable(r.stdout)).toMatchFileSnapshot('golden/savepoint-staging.txt');
  });

  test('the jobs named: exit 0, and the snapshot records the local user and the command', async () => {
    seedJob(staging, 'flink-staging', 'orders');
    const r = await run(['--env', 'staging', 'orders']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^✅ orders: savepoint at s3:\/\/acme-state\/savepoints\/savepoint-/m);
    const name = /FlinkStateSnapshot (\S+)\)/.exec(r.stdout)![1]!;
    const snapshot = staging.fake.store.get(findKind(FLINK, 'FlinkStateSnapshot')!, 'flink-staging', name)!;
    const annotations = (snapshot.metadata as { annotations: Record<string, string> }).annotations;
    expect(annotations[COMMAND_ANNOTATION.command]).toBe('streampilot savepoint --env staging orders');
    expect(annotations[COMMAND_ANNOTATION.by]).toBe(userInfo().username);
    expect(annotations[COMMAND_ANNOTATION.url]).toBeUndefined();
  });

  test('an operator before 1.10: the nonce path, exit 0', async () => {
    seedJob(production, 'flink-production', 'orders');
    const r = await run(['--env', 'production', 'orders']);
    expect(r.status, r.stderr).toBe(0);
    expect(stable(r.stdout)).toBe(
      [
        'Savepoints in production: 1 of 1 taken',
        '',
        `✅ orders: savepoint at ${SAVEPOINTS}/savepoint-<id> (recorded in the status of its resource; the operator predates FlinkStateSnapshot).`,
      ].join('\n') + '\n',
    );
    const live = production.fake.store.get(findKind(FLINK, 'FlinkDeployment')!, 'flink-production', 'orders')!;
    expect((live.spec as { job: { savepointTriggerNonce: number } }).job.savepointTriggerNonce).toBe(1);
  });

  test('a job the environment does not have: exit 2 with a guess, nothing written', async () => {
    const before = staging.fake.writes().length;
    const r = await run(['--env', 'staging', 'ordres']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no job `ordres` runs in environment staging; did you mean `orders`?');
    expect(staging.fake.writes().length).toBe(before);
  });

  test('--help lists every option savepoint accepts', async () => {
    const r = await runCliAsync(['savepoint', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: streampilot savepoint --env <env> [job...]');
    const listed = [...r.stdout.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!);
    expect(listed).toEqual(['--env', '--timeout', '--kubeconfig', '--context', '--dir', '--help']);
    const bad = await runCliAsync(['savepoint', '--env', 'staging', '--timeout', '2h', '--dir', dir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--timeout must be a duration above zero and at most 1h');
  });
});
