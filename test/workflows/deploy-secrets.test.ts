// The deploy of a job that reads a Kubernetes Secret, in this process against the API server of
// test/support/fake-kube through the real client: nothing is written until the Secret and its
// key are there, and the Secret's value never travels in anything StreamPilot sends.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { RUNNER_JAR_URI } from '../../src/runner/runner-paths.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { deployEnvironment } from '../../src/workflows/deploy-environment.js';
import { prepareDeploy } from '../../src/workflows/prepare-deploy.js';
import { operatorCrdDir } from '../support/crd-schema.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { startOperatorAutopilot, type Autopilot } from '../support/fake-kube/operator-autopilot.js';
import { findKind } from '../support/fake-kube/resources.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-staging';
const SECRET_VALUE = 'hunter2-Zq8vW1xK';
const reason = existsSync(operatorCrdDir)
  ? undefined
  : '(../shared/reference is absent: the fake API server validates against the operator CRDs there)';
const built = {
  job: 'orders',
  status: 'reused' as const,
  builder: 'registry' as const,
  image: {
    reference: 'registry.example.test/jobs:orders-1',
    digest: `sha256:${'1'.padStart(64, '0')}`,
    reused: true,
    bytesUploaded: 0,
  },
};

describe.skipIf(reason)(`deploying a job with secrets ${reason ?? ''}`, () => {
  let fake: FakeKube;
  let kube: KubeClient;
  let autopilot: Autopilot;
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-secrets-test-'));
  const progress: string[] = [];

  beforeAll(async () => {
    fake = await startFakeKube();
    kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, fake) }));
    autopilot = startOperatorAutopilot(fake, { scenario: () => ({ kind: 'run' }), stepMs: 20 });
    mkdirSync(path.join(dir, 'repo', 'jobs', 'orders'), { recursive: true });
    writeFileSync(
      path.join(dir, 'repo', 'streampilot.yaml'),
      `apiVersion: streampilot.dev/v1\nkind: Project\ndefaults: { baseImage: "flink:1.20", runner: { jarURI: "${RUNNER_JAR_URI}" } }\nregistry: { repository: registry.example.test/jobs }\nenvironments:\n  staging: { namespace: ${NS}, variables: { topic: orders } }\n`,
    );
    writeFileSync(
      path.join(dir, 'repo', 'jobs', 'orders', 'job.yaml'),
      'apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: orders\nsql: [main.sql]\nupgradeMode: stateless\nsecrets:\n  db_password: { secret: orders-db, key: password }\n',
    );
    writeFileSync(
      path.join(dir, 'repo', 'jobs', 'orders', 'main.sql'),
      "CREATE TABLE s (id STRING) WITH ('connector' = 'datagen');\nCREATE TABLE k (id STRING) WITH ('connector' = 'print', 'print-identifier' = '${topic}');\nINSERT INTO k SELECT id FROM s WHERE id <> '${db_password}';\n",
    );
  });

  afterAll(async () => {
    autopilot?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const deploy = async (sha: string) => {
    const checked = checkRepository(path.join(dir, 'repo'), { environments: ['staging'] });
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const jobs = prepareDeploy(checked.plan.environments[0]!, [built], { gitSha: sha });
    return deployEnvironment(
      jobs,
      {
        environment: 'staging',
        repository: 'acme/flink-jobs',
        sha,
        force: false,
        prune: false,
        timeoutMs: 5000,
        leasePollMs: 50,
      },
      { kube, identity: 'test', isNewer: async () => false, progress: (line) => progress.push(line) },
    );
  };
  const secret = (data: Record<string, string>) =>
    fake.api.apply(
      findKind('v1', 'Secret')!,
      NS,
      'orders-db',
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'orders-db', namespace: NS }, stringData: data },
      { fieldManager: 'kubectl', force: true },
    );

  test('without the Secret, the job is not applied: the report names Secret, key, namespace and job, and nothing is written', async () => {
    const report = await deploy('a'.repeat(40));
    expect(report.jobs).toEqual([
      expect.objectContaining({
        job: 'orders',
        state: 'apply-failed',
        failure: expect.objectContaining({
          summary:
            'not applied: Secret orders-db (key password) does not exist in namespace flink-staging, and job orders needs it',
          hint: expect.stringContaining('kubectl create secret generic'),
        }),
      }),
    ]);
    expect(fake.writes()).toEqual([]);
    // An existence check by name: one GET of that Secret, no list of the namespace's Secrets.
    expect(fake.requests.filter((r) => r.path.includes('/secrets')).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /api/v1/namespaces/${NS}/secrets/orders-db`,
    ]);
  });

  test('with the Secret but not its key, the same: nothing is written', async () => {
    secret({ username: 'orders' });
    const before = fake.writes().length;
    const report = await deploy('b'.repeat(40));
    expect(report.jobs[0]).toMatchObject({
      state: 'apply-failed',
      failure: {
        summary:
          'not applied: Secret orders-db in namespace flink-staging has no key password, and job orders needs it',
      },
    });
    expect(fake.writes().length).toBe(before);
  });

  test('with the key, the job runs with a secretKeyRef, and the value is in nothing StreamPilot sent or said', async () => {
    secret({ username: 'orders', password: SECRET_VALUE });
    const report = await deploy('c'.repeat(40));
    expect(report.jobs[0]).toMatchObject({ state: 'running' });
    const deployment = await kube.get<{ metadata?: object; spec: { podTemplate: any } }>({
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkDeployment',
      namespace: NS,
      name: 'orders',
    });
    const main = deployment!.spec.podTemplate.spec.containers.find(
      (c: { name: string }) => c.name === 'flink-main-container',
    );
    expect(main.env).toEqual([
      { name: 'STREAMPILOT_SECRET_DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } },
    ]);
    const configMaps = await kube.list<{ metadata: { name: string }; data: Record<string, string> }>(
      'v1',
      'ConfigMap',
      NS,
    );
    expect(configMaps.map((c) => c.data['values.properties']!.split('\n').slice(1))).toEqual([
      ['value.topic=orders', 'secret.db_password=STREAMPILOT_SECRET_DB_PASSWORD', ''],
    ]);
    const sent = JSON.stringify(
      fake
        .writes()
        .filter((w) => !w.path.includes('/secrets'))
        .map((w) => w.body),
    );
    const said = JSON.stringify(report) + progress.join('\n');
    for (const text of [sent, said]) {
      expect(text).not.toContain(SECRET_VALUE);
      expect(text).not.toContain(Buffer.from(SECRET_VALUE).toString('base64'));
    }
  });
});
