import { describe, expect, it, afterAll } from 'vitest';
import { buildLayer } from '../../src/image/layer.js';
import { MEDIA_TYPES, RegistryClient, RegistryError, sha256 } from '../../src/registry/registry-client.js';
import { startBearerRegistry, type BearerRegistry } from '../support/fake-registry-auth.js';
import { registryEnv, registryRequests } from '../support/registry-env.js';

const env = registryEnv;
const reg = env.registry;

/** One small image (one layer, a config, a manifest) pushed with the client under test. */
async function pushImage(client: RegistryClient, repository: string, tag: string, text: string) {
  const layer = await buildLayer([{ path: '/etc/hello.txt', content: Buffer.from(text) }]);
  await client.uploadBlob(repository, layer.digest, layer.gzipped);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: [layer.diffId] },
    }),
  );
  await client.uploadBlob(repository, sha256(config), config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: { mediaType: MEDIA_TYPES.ociConfig, digest: sha256(config), size: config.length },
      layers: [{ mediaType: MEDIA_TYPES.ociLayerGzip, digest: layer.digest, size: layer.size }],
    }),
  );
  const digest = await client.putManifest(repository, tag, manifest, MEDIA_TYPES.ociManifest);
  return { digest, layer, config, manifest };
}

describe.skipIf(env.skipReason)(
  `registry client against the real docker-registry with htpasswd (Basic) auth ${env.skipReason ?? ''}`,
  () => {
    it('test registry is available', () => {
      expect(env.problem).toBeUndefined();
    });

    const client = () =>
      new RegistryClient({
        registry: reg!.host,
        insecure: true,
        credentials: { username: reg!.username, password: reg!.password },
      });

    it('pushes blobs and a manifest, then reads them back by tag and by digest', async () => {
      const c = client();
      await c.ping();
      const pushed = await pushImage(c, 'client/roundtrip', 'v1', 'hello');
      expect(await c.headManifest('client/roundtrip', 'v1')).toMatchObject({ digest: pushed.digest });
      expect(await c.headManifest('client/roundtrip', 'nope')).toBeUndefined();
      const got = await c.getManifest('client/roundtrip', pushed.digest);
      expect(got.bytes.equals(pushed.manifest)).toBe(true);
      expect(got.mediaType).toBe(MEDIA_TYPES.ociManifest);
      expect(await c.headBlob('client/roundtrip', pushed.layer.digest)).toBe(pushed.layer.size);
      expect(await c.headBlob('client/roundtrip', sha256(Buffer.from('absent')))).toBeUndefined();
      expect((await c.getBlob('client/roundtrip', sha256(pushed.config))).equals(pushed.config)).toBe(true);
      expect(c.stats.blobUploads).toBe(2);
      expect(c.stats.blobBytesUploaded).toBe(pushed.layer.size + pushed.config.length);
      expect(c.stats.bytesSent).toBe(pushed.layer.size + pushed.config.length + pushed.manifest.length);
    });

    it('mounts a blob from another repository without sending it, and falls back to an upload session when it cannot', async () => {
      const c = client();
      const pushed = await pushImage(c, 'client/source', 'v1', 'mount me');
      const before = registryRequests(reg!).length;
      expect(await c.mountBlob('client/target', pushed.layer.digest, 'client/source')).toEqual({ mounted: true });
      expect(await c.headBlob('client/target', pushed.layer.digest)).toBe(pushed.layer.size);
      const log = registryRequests(reg!).slice(before);
      expect(log.filter((r) => r.method === 'PUT')).toEqual([]);
      expect(log.some((r) => r.method === 'POST' && r.path.includes('mount=') && r.status === 201)).toBe(true);

      const blob = Buffer.from('only uploaded, never in client/source');
      const fallback = await c.mountBlob('client/target', sha256(blob), 'client/source');
      expect(fallback.mounted).toBe(false);
      if (!fallback.mounted) await c.uploadBlob('client/target', sha256(blob), blob, { uploadUrl: fallback.uploadUrl });
      expect(await c.headBlob('client/target', sha256(blob))).toBe(blob.length);
    });

    it('streams a blob from one repository into another', async () => {
      const c = client();
      const pushed = await pushImage(c, 'client/stream-src', 'v1', 'x'.repeat(50_000));
      const { stream, size } = await c.getBlobStream('client/stream-src', pushed.layer.digest);
      const sent = await c.uploadBlob('client/stream-dst', pushed.layer.digest, stream, { ...(size ? { size } : {}) });
      expect(sent).toBe(pushed.layer.size);
      expect(await c.headBlob('client/stream-dst', pushed.layer.digest)).toBe(pushed.layer.size);
    });

    it('says the credentials are wrong, naming registry and operation, without the password', async () => {
      const password = 'wrong-Pa55word-xyz';
      const c = new RegistryClient({
        registry: reg!.host,
        insecure: true,
        credentials: { username: reg!.username, password },
        credentialSource: 'STREAMPILOT_REGISTRY_PASSWORD',
      });
      const error = await c.headManifest('client/roundtrip', 'v1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RegistryError);
      const e = error as RegistryError;
      expect(e.message).toContain(reg!.host);
      expect(e.message).toContain('client/roundtrip');
      expect(e.message).toContain('check manifest failed (HTTP 401)');
      expect(e.hint).toMatch(/Check the credentials .*STREAMPILOT_REGISTRY_PASSWORD/);
      expect(`${e.message} ${e.hint} ${e.stack}`).not.toContain(password);
      expect(`${e.message} ${e.hint}`).not.toContain(Buffer.from(`${reg!.username}:${password}`).toString('base64'));
    });

    it('tells an anonymous caller how to log in', async () => {
      const c = new RegistryClient({ registry: reg!.host, insecure: true });
      const e = (await c.ping().catch((x: unknown) => x)) as RegistryError;
      expect(e.status).toBe(401);
      expect(e.hint).toMatch(/requires a login: set STREAMPILOT_REGISTRY_USERNAME .*docker login/);
    });

    it('speaks HTTPS unless told insecure, and says so when the registry is plain HTTP', async () => {
      const c = new RegistryClient({
        registry: reg!.host,
        credentials: { username: reg!.username, password: reg!.password },
      });
      expect(c.baseUrl).toBe(`https://${reg!.host}`);
      const e = (await c.ping().catch((x: unknown) => x)) as RegistryError;
      expect(e).toBeInstanceOf(RegistryError);
      expect(e.hint).toMatch(/insecure: true/);
    });

    describe('behind a Bearer token server (Docker token auth spec)', () => {
      let bearer: BearerRegistry;
      afterAll(async () => bearer?.close());

      it('fetches a token for the scope the challenge names, caches it per scope, and follows relative upload locations', async () => {
        bearer = await startBearerRegistry(reg!);
        const c = new RegistryClient({
          registry: bearer.host,
          insecure: true,
          credentials: { username: bearer.username, password: bearer.password },
        });
        const pushed = await pushImage(c, 'bearer/app', 'v1', 'through tokens');
        expect(await c.headManifest('bearer/app', 'v1')).toMatchObject({ digest: pushed.digest });
        expect(await c.headManifest('bearer/app', 'v1')).toMatchObject({ digest: pushed.digest });
        // Only the first request met a 401; after that every request carried a token.
        expect(bearer.requests.filter((r) => r.status === 401)).toHaveLength(1);
        expect(bearer.requests.slice(1).every((r) => r.authorization === 'bearer')).toBe(true);
        // One token for push on bearer/app, one for pull: not one per request.
        expect(bearer.tokenRequests.map((t) => t.scopes.join(' ')).sort()).toEqual([
          'repository:bearer/app:pull',
          'repository:bearer/app:pull,push',
        ]);
        expect(bearer.tokenRequests.every((t) => t.user === bearer.username && t.status === 200)).toBe(true);
      });

      it('asks for pull on the source repository when mounting, so the mount happens', async () => {
        const c = new RegistryClient({
          registry: bearer.host,
          insecure: true,
          credentials: { username: bearer.username, password: bearer.password },
        });
        const pushed = await pushImage(c, 'bearer/src', 'v1', 'mount through tokens');
        expect(await c.mountBlob('bearer/dst', pushed.layer.digest, 'bearer/src')).toEqual({ mounted: true });
        expect(bearer.tokenRequests.at(-1)?.scopes.sort()).toEqual([
          'repository:bearer/dst:pull,push',
          'repository:bearer/src:pull',
        ]);
      });

      it('reports a token server that refuses the password, without the password', async () => {
        const c = new RegistryClient({
          registry: bearer.host,
          insecure: true,
          credentials: { username: bearer.username, password: 'not-the-Secret-123' },
        });
        const e = (await c.getManifest('bearer/app', 'v1').catch((x: unknown) => x)) as RegistryError;
        expect(e).toBeInstanceOf(RegistryError);
        expect(e.operation).toBe('authenticate');
        expect(e.status).toBe(401);
        expect(e.message).toContain(`token server http://${bearer.host}`);
        expect(e.hint).toMatch(/Check the credentials/);
        expect(`${e.message} ${e.hint}`).not.toContain('not-the-Secret-123');
      });

      it('retries once with an anonymous token and then says a login is needed', async () => {
        const c = new RegistryClient({ registry: bearer.host, insecure: true });
        const before = bearer.requests.length;
        const e = (await c.getManifest('bearer/app', 'v1').catch((x: unknown) => x)) as RegistryError;
        expect(e.status).toBe(401);
        expect(e.hint).toMatch(/requires a login/);
        expect(bearer.requests.length - before).toBe(2);
      });
    });
  },
);
