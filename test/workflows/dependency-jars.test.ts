/**
 * `dependencies.jars` are relative to the job folder in check, render and build, and a jar ends
 * up in the image at `/opt/flink/usrlib/<file name>`, the path a `USING JAR` clause names.
 */
import { RUNNER_JAR_PATH } from '../../src/runner/runner-paths.js';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLayer } from '../../src/image/layer.js';
import { RegistryBuilder } from '../../src/image/registry-builder.js';
import { MEDIA_TYPES, RegistryClient, sha256, type ImageManifest } from '../../src/registry/registry-client.js';
import { buildImages, type BuildPorts } from '../../src/workflows/build-images.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { registryEnv } from '../support/registry-env.js';
import { runCli } from '../support/run-cli.js';

const UDF_PATH_IN_IMAGE = '/opt/flink/usrlib/udf.jar';

const SQL = `CREATE TEMPORARY FUNCTION shout AS 'com.acme.udf.Shout' USING JAR '${UDF_PATH_IN_IMAGE}';
CREATE TABLE words (word STRING) WITH ('connector' = 'datagen');
CREATE TABLE sink (word STRING) WITH ('connector' = 'blackhole');
INSERT INTO sink SELECT shout(word) FROM words;
`;

/** A real jar: a zip with a manifest and a class file entry, made by the JDK's `jar` when there is one. */
function makeJar(file: string, marker: string): Buffer {
  const work = mkdtempSync(path.join(tmpdir(), 'sp-jar-src-'));
  try {
    mkdirSync(path.join(work, 'com', 'acme', 'udf'), { recursive: true });
    writeFileSync(path.join(work, 'com', 'acme', 'udf', 'Shout.class'), Buffer.from(`\xca\xfe\xba\xbe${marker}`));
    try {
      execFileSync('jar', ['--create', '--file', file, '-C', work, 'com'], { stdio: 'ignore' });
    } catch {
      execFileSync('zip', ['-q', '-r', file, 'com'], { cwd: work, stdio: 'ignore' });
    }
    return readFileSync(file);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function writeRepository(root: string, options: { jars: string; registry?: string; base?: string }): void {
  mkdirSync(path.join(root, 'jobs', 'hello', 'lib'), { recursive: true });
  writeFileSync(
    path.join(root, 'streampilot.yaml'),
    [
      'apiVersion: streampilot.dev/v1',
      'kind: Project',
      ...(options.registry ? ['registry:', `  repository: ${options.registry}`, '  insecure: true'] : []),
      // Stateless: the operator wants checkpoint and savepoint directories for the other upgrade modes.
      'defaults:',
      '  upgradeMode: stateless',
      ...(options.base ? [`  baseImage: ${options.base}`] : []),
      'environments:',
      '  staging: {}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(root, 'jobs', 'hello', 'job.yaml'),
    `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: hello\nsql: [main.sql]\ndependencies: { jars: ${options.jars} }\n`,
  );
  writeFileSync(path.join(root, 'jobs', 'hello', 'main.sql'), SQL);
}

describe('dependencies.jars, relative to the job folder', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'sp-jars-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('`streampilot check` passes a job whose jar lib/udf.jar is in its folder', () => {
    const root = path.join(work, 'check');
    writeRepository(root, { jars: '[lib/udf.jar]' });
    makeJar(path.join(root, 'jobs', 'hello', 'lib', 'udf.jar'), 'a');
    const run = runCli(['check', root, '--no-cache']);
    expect(run.stderr + run.stdout).toContain('No problems found');
    expect(run.status).toBe(0);
  });

  it('`streampilot render` renders it, and the image tag follows the jar bytes (the jar in the job folder is read)', () => {
    const root = path.join(work, 'render');
    writeRepository(root, { jars: '[lib/udf.jar]' });
    const jar = path.join(root, 'jobs', 'hello', 'lib', 'udf.jar');
    makeJar(jar, 'first');
    const render = () =>
      runCli(['render', 'hello', '--env', 'staging', '--dir', root], { cacheHome: path.join(work, 'cache') });
    const first = render();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const image = (out: string) => /image: (\S+)/.exec(out)?.[1];
    expect(image(first.stdout)).toMatch(/:hello-[0-9a-f]{16}$/);

    makeJar(jar, 'second');
    const second = render();
    expect(second.status).toBe(0);
    expect(image(second.stdout)).toMatch(/:hello-[0-9a-f]{16}$/);
    expect(image(second.stdout)).not.toBe(image(first.stdout));
  });

  it('a jar path that leaves the repository is refused at its entry in job.yaml, and so is a link out of it', () => {
    const root = path.join(work, 'escape');
    const outside = path.join(work, 'outside.jar');
    makeJar(outside, 'outside');
    writeRepository(root, { jars: '[../../../outside.jar, lib/linked.jar]' });
    symlinkSync(outside, path.join(root, 'jobs', 'hello', 'lib', 'linked.jar'));
    const run = runCli(['check', root, '--no-cache']);
    expect(run.status).toBe(1);
    // `dependencies: { jars: [../../../outside.jar, lib/linked.jar] }` is line 5; the entries start at columns 24 and 46.
    expect(run.stdout).toMatch(
      /jobs\/hello\/job\.yaml:5:24 +error +jar `\.\.\/\.\.\/\.\.\/outside\.jar` points outside the repository/,
    );
    expect(run.stdout).toMatch(
      /jobs\/hello\/job\.yaml:5:46 +error +jar `lib\/linked\.jar` is a symbolic link to a file outside the repository/,
    );
  });

  it('two jars with the same file name are refused: they would land on the same path in the image', () => {
    const root = path.join(work, 'clash');
    writeRepository(root, { jars: '[lib/udf.jar, other/udf.jar]' });
    mkdirSync(path.join(root, 'jobs', 'hello', 'other'));
    makeJar(path.join(root, 'jobs', 'hello', 'lib', 'udf.jar'), 'a');
    makeJar(path.join(root, 'jobs', 'hello', 'other', 'udf.jar'), 'b');
    const { diagnostics } = checkRepository(root);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        file: 'jobs/hello/job.yaml',
        line: 5,
        column: 37,
        message: `jar \`other/udf.jar\` and \`lib/udf.jar\` would both be copied to ${UDF_PATH_IN_IMAGE} in the image`,
      }),
    ]);
  });

  it('a missing jar is one positioned error, not also a failure to plan the job', () => {
    const root = path.join(work, 'missing');
    writeRepository(root, { jars: '[lib/udf.jar]' });
    const { diagnostics } = checkRepository(root);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      expect.stringMatching(/^jobs\/hello\/job\.yaml:5:24 jar `lib\/udf\.jar` does not exist/),
    ]);
  });
});

async function layerFiles(gzipped: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const extract = tar.extract();
  extract.on('entry', (h, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => chunks.push(c as Buffer));
    stream.on('end', () => {
      if (h.type === 'file') out.set(`/${h.name}`, Buffer.concat(chunks));
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    Readable.from([gunzipSync(gzipped)]).pipe(extract);
  });
  return out;
}

/** A one-layer base image pushed with the client: the registry-native builder needs nothing more. */
async function pushBase(client: RegistryClient, repository: string, tag: string): Promise<void> {
  const layer = await buildLayer([{ path: '/opt/flink/conf/config.yaml', content: Buffer.from('a: b\n') }]);
  await client.uploadBlob(repository, layer.digest, layer.gzipped);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Env: ['FLINK_HOME=/opt/flink'] },
      rootfs: { type: 'layers', diff_ids: [layer.diffId] },
    }),
  );
  await client.uploadBlob(repository, sha256(config), config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.dockerManifest,
      config: { mediaType: MEDIA_TYPES.dockerConfig, digest: sha256(config), size: config.length },
      layers: [{ mediaType: MEDIA_TYPES.dockerLayerGzip, digest: layer.digest, size: layer.size }],
    }),
  );
  await client.putManifest(repository, tag, manifest, MEDIA_TYPES.dockerManifest);
}

const reg = registryEnv.registry;

describe.skipIf(registryEnv.skipReason)(
  `a job's jar in the image built by the registry-native builder ${registryEnv.skipReason ?? ''}`,
  () => {
    const work = mkdtempSync(path.join(tmpdir(), 'sp-jars-image-'));
    const run = randomBytes(4).toString('hex');
    const credentials = () => ({ username: reg!.username, password: reg!.password });
    const client = () => new RegistryClient({ registry: reg!.host, insecure: true, credentials: credentials() });
    beforeAll(async () => pushBase(client(), `base-${run}/flink`, '1.20'));
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('lib/udf.jar of jobs/hello is at /opt/flink/usrlib/udf.jar, byte for byte, where its USING JAR points', async () => {
      const root = path.join(work, 'repo');
      writeRepository(root, {
        jars: '[lib/udf.jar]',
        registry: `${reg!.host}/jobs-${run}`,
        base: `${reg!.host}/base-${run}/flink:1.20`,
      });
      const jar = makeJar(path.join(root, 'jobs', 'hello', 'lib', 'udf.jar'), 'image');
      const builder = new RegistryBuilder({
        targetRegistry: `${reg!.host}/jobs-${run}`,
        insecure: true,
        auth: credentials(),
        env: {},
      });
      const ports: BuildPorts = {
        registry: builder,
        maven: { resolveAll: async () => [] } as unknown as BuildPorts['maven'],
        progress: () => undefined,
      };
      const result = await buildImages(root, { environment: 'staging', push: true }, ports);
      expect(result.diagnostics).toEqual([]);
      const outcome = result.outcomes[0]!;
      expect(outcome).toMatchObject({ job: 'hello', status: 'built' });
      if (outcome.status !== 'built') return;

      const [repository, tag] = outcome.image.reference.slice(reg!.host.length + 1).split(':') as [string, string];
      const manifest = (await client().getManifest(repository, tag)).manifest as ImageManifest;
      const files = await layerFiles(await client().getBlob(repository, manifest.layers.at(-1)!.digest));
      const usingJar = /USING JAR '([^']+)'/.exec(SQL)![1]!;
      expect(usingJar).toBe(UDF_PATH_IN_IMAGE);
      expect(files.get(usingJar)?.equals(jar)).toBe(true);
      // Beside it, only StreamPilot's runner, which the job's jarURI names.
      expect([...files.keys()].filter((f) => f.endsWith('.jar')).sort()).toEqual(
        [UDF_PATH_IN_IMAGE, RUNNER_JAR_PATH].sort(),
      );
    });
  },
);
