// How jobs on StreamPilot's runner (the default runner.jarURI) are rendered: where the jar and the
// framed script land, and the arguments that name them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FlinkDeployment, FlinkSessionJob } from '../../src/kube/types.js';
import { FLINK_MAIN_CONTAINER, renderDeployObjects } from '../../src/render/render-deploy-objects.js';
import { RenderError } from '../../src/render/render-error.js';
import { renderJob } from '../../src/render/render-job.js';
import { buildSqlUnits } from '../../src/sql/build-units.js';
import { framedStatements, readFramedScript, writeFramedScript } from '../../src/runner/framed-script.js';
import { RUNNER_JAR_PATH, RUNNER_JAR_URI, runnerJarFile } from '../../src/runner/runner-paths.js';
import type { ResolvedJob } from '../../src/manifest/types.js';
import { resolvedJob } from '../support/resolved-job.js';

type Obj = Record<string, any>;

const sql = "CREATE TABLE o (id INT) WITH ('topic' = '${topic}');\n-- copy\nINSERT INTO s SELECT * FROM o;\n";
const script = writeFramedScript(
  framedStatements(
    buildSqlUnits([{ file: 'jobs/orders/main.sql', text: sql }], { flinkVersion: '1.20', variables: { topic: 't' } })
      .units,
  ),
);
const BASE = 'flink:1.20-java17@sha256:' + 'ab'.repeat(32);
const own = (overrides: Partial<ResolvedJob> = {}) =>
  resolvedJob({ runner: { jarURI: RUNNER_JAR_URI }, variables: { topic: 'orders-v1' }, ...overrides });

/** What the kubelet puts at `path` in the Flink container, decoded: mount → volume → ConfigMap → data or binaryData. */
function mountedFile(deployment: FlinkDeployment, companions: Obj[], path: string): Buffer | undefined {
  const spec = (deployment.spec.podTemplate as Obj).spec as Obj;
  const mount = (spec.containers as Obj[])
    .find((c) => c.name === FLINK_MAIN_CONTAINER)
    ?.volumeMounts?.find((m: Obj) => m.mountPath === path);
  const volume = (spec.volumes as Obj[]).find((v) => v.name === mount?.name);
  const configMap = companions.find((c) => c.kind === 'ConfigMap' && c.metadata.name === volume?.configMap?.name);
  if (!mount || !configMap) return undefined;
  if (configMap.data?.[mount.subPath] !== undefined) return Buffer.from(configMap.data[mount.subPath], 'utf8');
  const binary = configMap.binaryData?.[mount.subPath];
  return binary === undefined ? undefined : Buffer.from(binary, 'base64');
}

describe("StreamPilot's runner in the rendered objects", () => {
  it('the framed script keeps each statement as written, placeholders intact, with its file and line', () => {
    expect(readFramedScript(script)).toEqual([
      { file: 'jobs/orders/main.sql', line: 1, text: "CREATE TABLE o (id INT) WITH ('topic' = '${topic}')" },
      { file: 'jobs/orders/main.sql', line: 3, text: 'INSERT INTO s SELECT * FROM o' },
    ]);
  });

  it('application mode: the jar by its Main-Class, the framed script and the values file by path', () => {
    const deployment = renderJob(own(), { image: 'ghcr.io/acme/jobs:orders-1', script }) as FlinkDeployment;
    expect(deployment.spec.job).toMatchObject({
      jarURI: 'local:///opt/flink/usrlib/streampilot-sql-runner.jar',
      args: ['--script', '/opt/flink/usrlib/sql-scripts/script.sql', '--values', '/etc/streampilot/values.properties'],
    });
    expect(deployment.spec.job!.entryClass).toBeUndefined();
  });

  it('build: configmap runs a stock Flink image: the ConfigMap carries the runner jar as binaryData, mounted at the jarURI path', () => {
    const { resource, companions } = renderDeployObjects(own({ packaging: 'configmap', baseImage: BASE }), {
      image: BASE,
      script,
    });
    const deployment = resource as FlinkDeployment;
    expect(deployment.spec.image).toBe(BASE);
    expect(mountedFile(deployment, companions, RUNNER_JAR_PATH)?.equals(readFileSync(runnerJarFile()))).toBe(true);
    expect(mountedFile(deployment, companions, deployment.spec.job!.args![1]!)?.toString('utf8')).toBe(script);
  });

  it('session mode: the framed script and the values inline, the jar from the https URL the operator downloads', () => {
    const jarURI = 'https://artifacts.acme.example/streampilot/streampilot-sql-runner.jar';
    const job = own({ mode: 'session', sessionCluster: 'shared', runner: { jarURI } });
    const sessionJob = renderJob(job, { image: '', script }) as FlinkSessionJob;
    expect(sessionJob.spec.job).toMatchObject({
      jarURI,
      args: ['--script-text', script, '--value', 'topic=orders-v1'],
    });
  });

  it('session mode with the default local:// jarURI is refused, with where to put the jar instead', () => {
    const job = own({ mode: 'session', sessionCluster: 'shared' });
    expect(() => renderJob(job, { image: '', script })).toThrow(RenderError);
    expect(() => renderJob(job, { image: '', script })).toThrow(/operator downloads a session job's jar/);
  });

  it("a team's own runner keeps the one-argument convention of the operator's example runner", () => {
    const deployment = renderJob(resolvedJob({ runner: { jarURI: 'local:///opt/flink/usrlib/sql-runner.jar' } }), {
      image: 'ghcr.io/acme/jobs:orders-1',
      script: 'INSERT INTO s SELECT 1;\n',
    }) as FlinkDeployment;
    expect(deployment.spec.job!.args).toEqual(['/opt/flink/usrlib/sql-scripts/script.sql']);
  });
});
