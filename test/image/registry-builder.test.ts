import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLayer } from '../../src/image/layer.js';
import { RegistryBuilder } from '../../src/image/registry-builder.js';
import { BuildError, type BuildRequest, type ImageFile } from '../../src/image/types.js';
import {
  MEDIA_TYPES,
  RegistryClient,
  sha256,
  type ImageManifest,
  type Platform,
} from '../../src/registry/registry-client.js';
import { startBearerRegistry, type BearerRegistry } from '../support/fake-registry-auth.js';
import { registryEnv, registryRequests } from '../support/registry-env.js';

// Target repositories are new in every run, so a registry that outlives one run (a developer's) cannot turn a build into a reuse.
const RUN = randomBytes(4).toString('hex');

const env = registryEnv;
const reg = env.registry;

const BASE_ENV = ['PATH=/opt/flink/bin:/usr/bin:/bin', 'FLINK_HOME=/opt/flink'];

/**
 * A small base image made from scratch with the client (no Docker needed): one layer with a
 * few files, a config with env/entrypoint/cmd, a manifest; optionally a two-platform index.
 */
async function pushBase(
  client: RegistryClient,
  repository: string,
  tag: string,
  options: { mediaType: 'oci' | 'docker'; index?: boolean },
) {
  const oci = options.mediaType === 'oci';
  const one = async (platform: Platform) => {
    const layer = await buildLayer([
      {
        path: '/bin/hello',
        content: Buffer.from(`#!/bin/sh\necho hello from ${platform.architecture}\n`),
        mode: 0o755,
      },
      { path: '/opt/flink/conf/config.yaml', content: Buffer.from('taskmanager.numberOfTaskSlots: 1\n') },
    ]);
    await client.uploadBlob(repository, layer.digest, layer.gzipped);
    const config = Buffer.from(
      JSON.stringify({
        architecture: platform.architecture,
        os: platform.os,
        created: '2024-05-01T00:00:00Z',
        config: { Env: BASE_ENV, Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['help'], WorkingDir: '/opt/flink' },
        rootfs: { type: 'layers', diff_ids: [layer.diffId] },
        history: [{ created: '2024-05-01T00:00:00Z', created_by: 'test base layer' }],
      }),
    );
    await client.uploadBlob(repository, sha256(config), config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: oci ? MEDIA_TYPES.ociManifest : MEDIA_TYPES.dockerManifest,
        config: {
          mediaType: oci ? MEDIA_TYPES.ociConfig : MEDIA_TYPES.dockerConfig,
          digest: sha256(config),
          size: config.length,
        },
        layers: [
          {
            mediaType: oci ? MEDIA_TYPES.ociLayerGzip : MEDIA_TYPES.dockerLayerGzip,
            digest: layer.digest,
            size: layer.size,
          },
        ],
      }),
    );
    const digest = await client.putManifest(
      repository,
      options.index ? sha256(manifest) : tag,
      manifest,
      oci ? MEDIA_TYPES.ociManifest : MEDIA_TYPES.dockerManifest,
    );
    return { digest, size: manifest.length, layer, platform };
  };
  const amd64 = await one({ os: 'linux', architecture: 'amd64' });
  if (!options.index) return { digest: amd64.digest, layers: [amd64.layer] };
  const arm64 = await one({ os: 'linux', architecture: 'arm64', variant: 'v8' });
  const mediaType = oci ? MEDIA_TYPES.ociIndex : MEDIA_TYPES.dockerManifestList;
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: [arm64, amd64].map((m) => ({
        mediaType: oci ? MEDIA_TYPES.ociManifest : MEDIA_TYPES.dockerManifest,
        digest: m.digest,
        size: m.size,
        platform: m.platform,
      })),
    }),
  );
  const digest = await client.putManifest(repository, tag, index, mediaType);
  return { digest, layers: [amd64.layer, arm64.layer], platforms: { amd64: amd64.digest, arm64: arm64.digest } };
}

async function layerFiles(gzipped: Buffer): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const extract = tar.extract();
  extract.on('entry', (h, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => chunks.push(c as Buffer));
    stream.on('end', () => {
      if (h.type === 'file') out[`/${h.name}`] = Buffer.concat(chunks).toString('utf8');
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

const jobFiles: ImageFile[] = [
  {
    path: '/opt/flink/usrlib/sql-scripts/script.sql',
    content: Buffer.from('INSERT INTO sink SELECT id, amount FROM orders;\n'),
  },
  { path: '/opt/flink/lib/flink-sql-connector-kafka.jar', content: Buffer.from('not really a jar, but bytes') },
];

describe.skipIf(env.skipReason)(
  `registry-native builder against the real docker-registry ${env.skipReason ?? ''}`,
  () => {
    const credentials = () => ({ username: reg!.username, password: reg!.password });
    const newBuilder = (extra: ConstructorParameters<typeof RegistryBuilder>[0] = {}) =>
      new RegistryBuilder({
        targetRegistry: `${reg!.host}/jobs`,
        insecure: true,
        auth: credentials(),
        env: {},
        ...extra,
      });
    const reader = () => new RegistryClient({ registry: reg!.host, insecure: true, credentials: credentials() });
    const request = (target: string, base = `${reg!.host}/base/flink:1.20`, files = jobFiles): BuildRequest => ({
      job: 'orders',
      baseImage: base,
      files,
      target: `${reg!.host}/${target}`,
    });
    let base: Awaited<ReturnType<typeof pushBase>>;

    beforeAll(async () => {
      if (!reg) return;
      base = await pushBase(reader(), 'base/flink', '1.20', { mediaType: 'docker' });
    });

    it('test registry is available', () => {
      expect(env.problem).toBeUndefined();
    });

    it('builds a job image on the base: base layers mounted, one new layer with the files, config keeps env/entrypoint/cmd', async () => {
      const lines: string[] = [];
      const before = registryRequests(reg!).length;
      const built = await newBuilder().build(request(`jobs-${RUN}/flink:orders-1`), (l) => lines.push(l));
      expect(built).toMatchObject({ reference: `${reg!.host}/jobs-${RUN}/flink:orders-1`, reused: false });

      const client = reader();
      const manifest = await client.getManifest(`jobs-${RUN}/flink`, 'orders-1');
      expect(manifest.digest).toBe(built.digest);
      expect(manifest.mediaType).toBe(MEDIA_TYPES.dockerManifest);
      const m = manifest.manifest as ImageManifest;
      expect(m.layers).toHaveLength(2);
      expect(m.layers[0]!.digest).toBe(base.layers[0]!.digest);
      expect(m.layers[1]!.mediaType).toBe(MEDIA_TYPES.dockerLayerGzip);
      expect(m.config.mediaType).toBe(MEDIA_TYPES.dockerConfig);

      const files = await layerFiles(await client.getBlob(`jobs-${RUN}/flink`, m.layers[1]!.digest));
      expect(files).toEqual({
        '/opt/flink/lib/flink-sql-connector-kafka.jar': 'not really a jar, but bytes',
        '/opt/flink/usrlib/sql-scripts/script.sql': 'INSERT INTO sink SELECT id, amount FROM orders;\n',
      });

      const config = JSON.parse((await client.getBlob(`jobs-${RUN}/flink`, m.config.digest)).toString('utf8'));
      expect(config.config).toEqual({
        Env: BASE_ENV,
        Entrypoint: ['/docker-entrypoint.sh'],
        Cmd: ['help'],
        WorkingDir: '/opt/flink',
      });
      expect(config.rootfs.diff_ids).toEqual([base.layers[0]!.diffId, (await buildLayer(jobFiles)).diffId]);
      expect(config.history).toHaveLength(2);
      expect(config.history[1]).toMatchObject({
        created: '1970-01-01T00:00:01.000Z',
        created_by: 'streampilot build orders',
      });

      const log = registryRequests(reg!).slice(before);
      expect(
        log.some(
          (r) =>
            r.method === 'POST' &&
            r.path.includes(`mount=${encodeURIComponent(base.layers[0]!.digest)}`) &&
            r.status === 201,
        ),
      ).toBe(true);
      // Only the new layer and the config travel; the base layer is mounted.
      expect(log.filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'))).toHaveLength(2);
      expect(built.bytesUploaded).toBe(
        (await buildLayer(jobFiles)).size + (await client.headBlob(`jobs-${RUN}/flink`, m.config.digest))!,
      );
      expect(lines.some((l) => /^orders: base layer 1\/1 sha256:.* mounted from base\/flink$/.test(l))).toBe(true);
      expect(lines.at(-1)).toMatch(
        /^orders: pushed .*jobs-[0-9a-f]+\/flink:orders-1@sha256:[0-9a-f]{64} \(.* uploaded, \d+ ms\)$/,
      );
    });

    it('gives the same layer, config and manifest digests when the same job is built twice', async () => {
      const a = await newBuilder().build(request(`jobs-${RUN}/flink:stable-a`), () => {});
      const b = await newBuilder().build(
        request(`jobs-${RUN}/flink:stable-b`, undefined, [...jobFiles].reverse()),
        () => {},
      );
      expect(b.digest).toBe(a.digest);
      const layers = async (tag: string) =>
        ((await reader().getManifest(`jobs-${RUN}/flink`, tag)).manifest as ImageManifest).layers.map((l) => l.digest);
      expect(await layers('stable-b')).toEqual(await layers('stable-a'));
      expect(b.bytesUploaded).toBe(0); // the blobs were already in the repository: only the manifest (a new tag) went up
      const changed = await newBuilder().build(
        request(`jobs-${RUN}/flink:stable-c`, undefined, [
          { ...jobFiles[0]!, content: Buffer.from('INSERT INTO sink SELECT 1;\n') },
        ]),
        () => {},
      );
      expect(changed.digest).not.toBe(a.digest);
    });

    it('uploads nothing when the target tag already exists: one HEAD, no POST or PUT', async () => {
      const first = await newBuilder().build(request(`jobs-${RUN}/flink:reuse-1`), () => {});
      const builder = newBuilder();
      const lines: string[] = [];
      const before = registryRequests(reg!).length;
      const second = await builder.build(request(`jobs-${RUN}/flink:reuse-1`), (l) => lines.push(l));
      expect(second).toEqual({
        reference: `${reg!.host}/jobs-${RUN}/flink:reuse-1`,
        digest: first.digest,
        reused: true,
        bytesUploaded: 0,
      });
      expect(await builder.findImage(`${reg!.host}/jobs-${RUN}/flink:reuse-1`)).toBe(first.digest);
      expect(await builder.findImage(`${reg!.host}/jobs-${RUN}/flink:never-built`)).toBeUndefined();
      const log = registryRequests(reg!).slice(before);
      expect(log.filter((r) => r.method !== 'HEAD' && r.method !== 'GET')).toEqual([]);
      const [client] = await builder.registryClients();
      expect(client!.stats).toMatchObject({ blobUploads: 0, blobMounts: 0, manifestPuts: 0, bytesSent: 0 });
      expect(lines.at(-1)).toMatch(/already in the registry \(sha256:[0-9a-f]{64}\), nothing to build/);
    });

    it('picks linux/amd64 from a multi-platform OCI index by default, another platform when asked, and says which exist', async () => {
      const indexBase = await pushBase(reader(), 'base/multi', '2.0', { mediaType: 'oci', index: true });
      const builder = newBuilder();
      expect(await builder.resolveBaseDigest(`${reg!.host}/base/multi:2.0`)).toBe(indexBase.digest);
      const amd = await builder.build(request(`jobs-${RUN}/multi:amd`, `${reg!.host}/base/multi:2.0`), () => {});
      const arm = await builder.build(
        {
          ...request(`jobs-${RUN}/multi:arm`, `${reg!.host}/base/multi:2.0`),
          platform: { os: 'linux', architecture: 'arm64' },
        },
        () => {},
      );
      const arch = async (tag: string) => {
        const m = (await reader().getManifest(`jobs-${RUN}/multi`, tag)).manifest as ImageManifest;
        expect(m.mediaType).toBe(MEDIA_TYPES.ociManifest);
        expect(m.annotations?.['org.opencontainers.image.base.name']).toBe(`${reg!.host}/base/multi:2.0`);
        return JSON.parse((await reader().getBlob(`jobs-${RUN}/multi`, m.config.digest)).toString('utf8'))
          .architecture as string;
      };
      expect(await arch('amd')).toBe('amd64');
      expect(await arch('arm')).toBe('arm64');
      expect(amd.digest).not.toBe(arm.digest);
      const e = (await builder
        .build(
          {
            ...request(`jobs-${RUN}/multi:s390x`, `${reg!.host}/base/multi:2.0`),
            platform: { os: 'linux', architecture: 's390x' },
          },
          () => {},
        )
        .catch((x: unknown) => x)) as BuildError;
      expect(e).toBeInstanceOf(BuildError);
      expect(e.message).toMatch(/no image for platform linux\/s390x \(it has: linux\/arm64\/v8, linux\/amd64\)/);
    });

    it('says the base image tag does not exist, naming job, step, registry and repository', async () => {
      const e = (await newBuilder()
        .build(request(`jobs-${RUN}/flink:missing-base`, `${reg!.host}/base/flink:1.99`), () => {})
        .catch((x: unknown) => x)) as BuildError;
      expect(e).toBeInstanceOf(BuildError);
      expect(e.message).toMatch(
        new RegExp(
          `^orders: read base image failed: registry ${reg!.host.replace(/\./g, '\\.')}, repository base/flink: get manifest failed \\(HTTP 404\\)`,
        ),
      );
      expect(e.hint).toMatch(/tag "1.99" does not exist in .*base\/flink: check baseImage/);
      expect(await reader().headManifest(`jobs-${RUN}/flink`, 'missing-base')).toBeUndefined();
    });

    it('refuses wrong credentials with a clear error that holds no password', async () => {
      const password = 'Wr0ng-password-for-test';
      const e = (await new RegistryBuilder({
        insecure: true,
        env: { STREAMPILOT_REGISTRY_USERNAME: reg!.username, STREAMPILOT_REGISTRY_PASSWORD: password },
      })
        .build(request(`jobs-${RUN}/flink:bad-creds`), () => {})
        .catch((x: unknown) => x)) as BuildError;
      expect(e).toBeInstanceOf(BuildError);
      expect(e.message).toContain('orders: check target tag failed');
      expect(e.message).toContain('(HTTP 401)');
      expect(e.hint).toMatch(
        /Check the credentials for .* \(taken from STREAMPILOT_REGISTRY_USERNAME\/STREAMPILOT_REGISTRY_PASSWORD\)/,
      );
      expect(`${e.message}\n${e.hint}\n${e.stack}`).not.toContain(password);
    });

    describe('with the base image in another registry (Bearer tokens, credentials from the Docker config)', () => {
      let bearer: BearerRegistry;
      beforeAll(async () => {
        if (reg) bearer = await startBearerRegistry(reg);
      });
      afterAll(async () => bearer?.close());

      it('copies the base layers across registries, streaming them, and never sends the target credentials to the base registry', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'sp-docker-config-'));
        writeFileSync(
          join(dir, 'config.json'),
          JSON.stringify({
            auths: { [bearer.host]: { auth: Buffer.from(`${bearer.username}:${bearer.password}`).toString('base64') } },
          }),
        );
        const lines: string[] = [];
        const built = await newBuilder({
          insecureRegistries: [bearer.host],
          dockerConfigPath: join(dir, 'config.json'),
        }).build(request(`jobs-${RUN}/copied:orders-1`, `${bearer.host}/base/flink:1.20`), (l) => lines.push(l));
        expect(lines.some((l) => /base layer 1\/1 .* copied .* from 127\.0\.0\.1:\d+\/base\/flink$/.test(l))).toBe(
          true,
        );
        expect(built.bytesUploaded).toBeGreaterThan(base.layers[0]!.size);
        const m = (await reader().getManifest(`jobs-${RUN}/copied`, 'orders-1')).manifest as ImageManifest;
        expect(await reader().headBlob(`jobs-${RUN}/copied`, m.layers[0]!.digest)).toBe(base.layers[0]!.size);
        expect(bearer.tokenRequests.every((t) => t.user === bearer.username)).toBe(true);
        expect(bearer.requests.filter((r) => r.authorization === 'other')).toEqual([]);
        expect(bearer.tokenRequests.length).toBeGreaterThan(0);
      });
    });
  },
);
