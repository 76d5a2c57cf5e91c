/**
 * The Flink REST client reaching a JobManager the way StreamPilot does from outside the
 * cluster: the real `@kubernetes/client-node` kubeconfig → the fake API server's service proxy
 * (kube-apiserver's contract) → the fake JobManager, whose answers are checked against Flink's
 * REST description in ../shared/reference/flink-rest (2.2 line; 1.20 for the deprecated field).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlinkRestTarget } from '../../src/deploy/types.js';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../../src/kube/client.js';
import { createFlinkRest, directFlinkRest } from '../../src/flink/rest-client.js';
import { startFakeFlink, type FakeFlink } from '../support/fake-flink/fake-flink.js';
import { flinkRestDir, flinkRestReferencePresent } from '../support/fake-flink/flink-rest-contract.js';
import { startFakeKube, type FakeKube } from '../support/fake-kube/fake-kube.js';
import { freePort } from '../support/free-port.js';
import { writeTestKubeconfig } from '../support/test-kubeconfig.js';

const NS = 'flink-staging';
const present = flinkRestReferencePresent();

/** Flink's shape: a task failure wrapping the cause; 30 lines. */
const WRAPPED_TRACE = [
  'org.apache.flink.streaming.runtime.tasks.ExceptionInChainedOperatorException: Could not forward element to next operator',
  ...Array.from(
    { length: 14 },
    (_, i) =>
      `\tat org.apache.flink.streaming.runtime.tasks.CopyingChainingOutput.pushToOperator(CopyingChainingOutput.java:${90 + i})`,
  ),
  'Caused by: java.lang.ArithmeticException: / by zero',
  ...Array.from({ length: 14 }, (_, i) => `\tat StreamExecCalc$12.processElement(Unknown Source:${i})`),
].join('\n');

let kubeFake: FakeKube;
let flink: FakeFlink;
let legacy: FakeFlink;
let dir: string;
let kube: KubeClient;
const target = (service: string): FlinkRestTarget => ({ namespace: NS, service, port: 8081 });

function restService(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NS },
    spec: { type: 'ClusterIP', ports: [{ name: 'rest', port: 8081, targetPort: 8081, protocol: 'TCP' }] },
  };
}

beforeAll(async () => {
  if (!present) return;
  kubeFake = await startFakeKube();
  flink = await startFakeFlink();
  legacy = await startFakeFlink({ line: '1.20' });
  dir = mkdtempSync(path.join(tmpdir(), 'flink-rest-client-'));
  kube = createKubeClient(loadKubeConfig({ kubeconfigPath: writeTestKubeconfig(dir, kubeFake) }));
  for (const name of ['orders-rest', 'legacy-rest', 'down-rest', 'crashed-rest']) {
    await kube.applyServerSide(restService(name), { fieldManager: 'flink-kubernetes-operator' });
  }
  kubeFake.serviceEndpoints.set(`${NS}/orders-rest:8081`, flink.url);
  kubeFake.serviceEndpoints.set(`${NS}/legacy-rest:8081`, legacy.url);
  kubeFake.serviceEndpoints.set(`${NS}/crashed-rest:8081`, `http://127.0.0.1:${await freePort()}`);
});

afterAll(async () => {
  await flink?.close();
  await legacy?.close();
  await kubeFake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const title = present
  ? "Flink REST client through the API server's service proxy"
  : `Flink REST client (skipped: ${flinkRestDir} not present)`;

describe.skipIf(!present)(title, () => {
  it('reports the innermost cause of the newest failure, with the first lines of its trace', async () => {
    const jobId = flink.addJob();
    flink.failJob(jobId, {
      exceptionName: 'java.lang.IllegalStateException',
      message: 'an older failure',
      timestamp: 1_700_000_000_000,
    });
    flink.failJob(jobId, {
      exceptionName: 'org.apache.flink.streaming.runtime.tasks.ExceptionInChainedOperatorException',
      stacktrace: WRAPPED_TRACE,
      timestamp: 1_700_000_060_000,
    });

    const found = await createFlinkRest(kube).jobExceptions(target('orders-rest'), jobId);

    expect(found?.rootException).toBe('java.lang.ArithmeticException: / by zero');
    expect(found?.timestamp).toBe(1_700_000_060_000);
    const lines = found!.stacktrace!.split('\n');
    expect(lines).toHaveLength(16);
    expect(lines[0]).toBe(
      'org.apache.flink.streaming.runtime.tasks.ExceptionInChainedOperatorException: Could not forward element to next operator',
    );
    expect(lines[15]).toBe('\t... 15 more lines');
    // Through the API server's proxy, asking only for the newest failure.
    expect(kubeFake.requests.at(-1)).toMatchObject({
      path: `/api/v1/namespaces/${NS}/services/orders-rest:8081/proxy/jobs/${jobId}/exceptions`,
      status: 200,
    });
    expect(flink.requests.at(-1)?.url).toBe(`/jobs/${jobId}/exceptions?maxExceptions=1`);
  });

  it('keeps a short trace whole and takes its first line when nothing is wrapped', async () => {
    const jobId = flink.addJob();
    flink.failJob(jobId, {
      exceptionName: 'org.apache.flink.table.api.ValidationException',
      message: "Table 'orders' not found",
    });
    const found = await createFlinkRest(kube).jobExceptions(target('orders-rest'), jobId);
    expect(found?.rootException).toBe("org.apache.flink.table.api.ValidationException: Table 'orders' not found");
    expect(found?.stacktrace?.split('\n')).toHaveLength(6);
  });

  it('falls back to the deprecated root-exception of a JobManager that keeps no history', async () => {
    const jobId = legacy.addJob();
    legacy.failJob(jobId, {
      exceptionName: 'java.lang.ArithmeticException',
      message: '/ by zero',
      inHistory: false,
      timestamp: 1_700_000_000_000,
    });
    const found = await createFlinkRest(kube).jobExceptions(target('legacy-rest'), jobId);
    expect(found).toMatchObject({
      rootException: 'java.lang.ArithmeticException: / by zero',
      timestamp: 1_700_000_000_000,
    });
  });

  it('answers undefined, without throwing, whenever Flink cannot tell', async () => {
    const reasons: string[] = [];
    const rest = createFlinkRest(kube, { onUnavailable: (r) => reasons.push(r), timeoutMs: 2_000 });
    const running = flink.addJob();
    const unknown = 'ffffffffffffffffffffffffffffffff';
    expect(await rest.jobExceptions(target('orders-rest'), running)).toBeUndefined(); // no failure yet
    expect(await rest.jobExceptions(target('orders-rest'), unknown)).toBeUndefined(); // Flink's 404
    expect(await rest.jobExceptions(target('down-rest'), unknown)).toBeUndefined(); // no endpoints: 503
    expect(await rest.jobExceptions(target('crashed-rest'), unknown)).toBeUndefined(); // endpoint refuses: 503
    expect(await rest.jobExceptions(target('missing-rest'), unknown)).toBeUndefined(); // no service: 404
    expect(await rest.jobExceptions(target('orders-rest'), 'not-a-job-id')).toBeUndefined();

    const other = mkdtempSync(path.join(tmpdir(), 'flink-rest-down-'));
    try {
      const unreachable = createKubeClient(
        loadKubeConfig({
          kubeconfigPath: writeTestKubeconfig(other, { ...kubeFake, url: `https://127.0.0.1:${await freePort()}` }),
        }),
      );
      expect(
        await createFlinkRest(unreachable, { onUnavailable: (r) => reasons.push(r) }).jobExceptions(
          target('orders-rest'),
          unknown,
        ),
      ).toBeUndefined();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    expect(reasons).toEqual([
      expect.stringContaining(`answered 404 for the exceptions of job ${unknown}`),
      expect.stringContaining('answered 503'),
      expect.stringContaining('answered 503'),
      expect.stringContaining('answered 404'),
      '"not-a-job-id" is not a Flink job id (32 hexadecimal digits)',
      expect.stringMatching(/could not be asked: .*ECONNREFUSED/),
    ]);
  });

  it('reaches the service directly when running inside the cluster', async () => {
    const jobId = flink.addJob();
    flink.failJob(jobId, { exceptionName: 'java.lang.ArithmeticException', message: '/ by zero' });
    const seen: FlinkRestTarget[] = [];
    const rest = directFlinkRest((t) => {
      seen.push(t);
      return `${flink.url}/`;
    });
    expect((await rest.jobExceptions(target('orders-rest'), jobId))?.rootException).toBe(
      'java.lang.ArithmeticException: / by zero',
    );
    expect(seen).toEqual([target('orders-rest')]);
    expect(await rest.jobExceptions(target('orders-rest'), 'ffffffffffffffffffffffffffffffff')).toBeUndefined();
  });
});
