// Issue 5's figure: from a SQL-only change to a pushed image, registry-native versus
// `docker build` + `docker push`, against the local registry, with the bytes each uploads.
// Needs a Docker engine and Debian's docker-registry (as .ci/run provides).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDockerBuilder } from '../src/image/docker-builder.js';
import { RegistryBuilder } from '../src/image/registry-builder.js';
import { createMavenResolver } from '../src/maven/maven-resolver.js';
import { buildImages, type BuildPorts } from '../src/workflows/build-images.js';
import { randomBytes as noise } from 'node:crypto';
import { buildLayer } from '../src/image/layer.js';
import { RegistryClient } from '../src/registry/registry-client.js';
import { busyboxRootfsTar } from '../test/support/base-image.js';
import type { TestRegistry } from '../test/support/registry-env.js';
import { gzipSync } from 'node:zlib';
import { dockerEnv } from '../test/support/docker-env.js';
import { registryEnv } from '../test/support/registry-env.js';

const BASE_LAYERS = 10;
const LAYER_BYTES = 24 * 1024 * 1024;

/**
 * A base image shaped like the official Flink image (about a dozen layers, a few hundred MB:
 * OS, JRE, the Flink distribution), so that neither builder is measured on a toy: a busybox
 * rootfs plus ten layers of incompressible data. Pushed once per registry.
 */
async function flinkSizedBase(registry: TestRegistry): Promise<{ reference: string }> {
  const repository = 'bench/flink-sized';
  const reference = `${registry.host}/${repository}:1`;
  const client = new RegistryClient({
    registry: registry.host,
    insecure: true,
    credentials: { username: registry.username, password: registry.password },
  });
  if (await client.headManifest(repository, '1')) return { reference };
  const rootfs = await busyboxRootfsTar();
  const layers: { gzipped: Buffer; diffId: string }[] = [{ gzipped: gzipSync(rootfs), diffId: sha256(rootfs) }];
  for (let i = 0; i < BASE_LAYERS; i++) {
    const l = await buildLayer([{ path: `/opt/flink/lib/part-${i}.jar`, content: noise(LAYER_BYTES) }]);
    layers.push({ gzipped: l.gzipped, diffId: l.diffId });
  }
  const descriptors = [];
  for (const l of layers) {
    const digest = sha256(l.gzipped);
    await client.uploadBlob(repository, digest, l.gzipped);
    descriptors.push({
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      digest,
      size: l.gzipped.length,
    });
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Env: ['PATH=/bin'], Cmd: ['/bin/sh'], WorkingDir: '/opt/flink' },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    }),
  );
  await client.uploadBlob(repository, sha256(config), config);
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      digest: sha256(config),
      size: config.length,
    },
    layers: descriptors,
  };
  await client.putManifest(repository, '1', Buffer.from(JSON.stringify(manifest)), manifest.mediaType);
  return { reference };
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export interface BuildTimings {
  registryMs: number;
  dockerMs: number;
  registryBytes: number;
  dockerBytes: number;
  rounds: number;
}

const ROUNDS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measureImageBuilds(): Promise<BuildTimings | string> {
  if (dockerEnv.problem) return `skipped: ${dockerEnv.problem}`;
  if (!registryEnv.registry) return `skipped: ${registryEnv.problem ?? 'no test registry'}`;
  const registry = registryEnv.registry;
  const docker = dockerEnv.docker;
  const base = await flinkSizedBase(registry);
  const work = mkdtempSync(path.join(tmpdir(), 'streampilot-build-bench-'));
  const run = randomBytes(4).toString('hex');
  process.env.STREAMPILOT_REGISTRY_USERNAME = registry.username;
  process.env.STREAMPILOT_REGISTRY_PASSWORD = registry.password;
  const ports: BuildPorts = {
    registry: new RegistryBuilder({ targetRegistry: registry.host, insecure: true }),
    docker: createDockerBuilder({
      docker,
      credentials: { [registry.host]: { username: registry.username, password: registry.password } },
    }),
    maven: createMavenResolver({ repositories: [], cacheDir: path.join(work, 'maven') }),
    progress: () => undefined,
  };
  const repo = (name: string) => {
    const root = path.join(work, name);
    const jobDir = path.join(root, 'jobs', 'orders');
    const write = (rel: string, text: string) => {
      const file = path.join(root, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    };
    write(
      'streampilot.yaml',
      `apiVersion: streampilot.dev/v1\nkind: Project\ndefaults:\n  baseImage: ${base.reference}\nregistry:\n  repository: ${registry.host}/bench-${name}-${run}\n  insecure: true\nenvironments:\n  staging: {}\n`,
    );
    write('jobs/orders/job.yaml', 'apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: orders\nsql: [main.sql]\n');
    return {
      root,
      sql: (n: number) =>
        writeFileSync(
          path.join(jobDir, 'main.sql'),
          `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen');\nCREATE TABLE dst (id BIGINT) WITH ('connector' = 'blackhole');\nINSERT INTO dst SELECT id FROM src WHERE id > ${n};\n`,
        ),
    };
  };
  const build = async (root: string, builder: 'registry' | 'docker') => {
    const t0 = performance.now();
    const result = await buildImages(root, { environment: 'staging', push: true, builder }, ports);
    const ms = performance.now() - t0;
    const o = result.outcomes[0];
    if (!o || o.status !== 'built')
      throw new Error(`${builder} build did not build: ${JSON.stringify(o ?? result.diagnostics)}`);
    return { ms, bytes: o.image.bytesUploaded };
  };
  try {
    const native = repo('registry');
    const engine = repo('docker');
    // first builds put the base layers in each repository; what is measured is the change after
    native.sql(0);
    engine.sql(0);
    await build(native.root, 'registry');
    await build(engine.root, 'docker');
    const r: { ms: number; bytes: number }[] = [];
    const d: { ms: number; bytes: number }[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      native.sql(i);
      engine.sql(i);
      r.push(await build(native.root, 'registry'));
      d.push(await build(engine.root, 'docker'));
    }
    return {
      registryMs: median(r.map((x) => x.ms)),
      dockerMs: median(d.map((x) => x.ms)),
      registryBytes: median(r.map((x) => x.bytes)),
      dockerBytes: median(d.map((x) => x.bytes)),
      rounds: ROUNDS,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
