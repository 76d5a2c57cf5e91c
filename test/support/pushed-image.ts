import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { basicAuth, type TestRegistry } from './registry-env.js';

/**
 * A small single-platform OCI image pushed to the test registry over its HTTP API, without a
 * Docker engine: one layer holding `file`, a config naming that layer's diff id. Enough to be
 * a base image the registry builder extends, or an image a rollback looks up. The requests are
 * those of the distribution spec (distribution `docs/spec/api.md`: POST then PUT a blob upload
 * with `digest`, PUT a manifest by tag).
 */
export interface PushedImage {
  /** `<host>/<repository>:<tag>` */
  reference: string;
  digest: string;
}

const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

async function layerTar(file: { path: string; content: string }): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  pack.entry({ name: file.path, mode: 0o644, mtime: new Date(1000) }, file.content);
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function pushBlob(registry: TestRegistry, repository: string, data: Buffer): Promise<string> {
  const digest = sha256(data);
  const auth = { authorization: basicAuth(registry) };
  const start = await fetch(`http://${registry.host}/v2/${repository}/blobs/uploads/`, {
    method: 'POST',
    headers: auth,
  });
  if (start.status !== 202) throw new Error(`blob upload start answered ${start.status}: ${await start.text()}`);
  const location = new URL(start.headers.get('location')!, `http://${registry.host}`);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/octet-stream' },
    body: data,
  });
  if (put.status !== 201) throw new Error(`blob upload answered ${put.status}: ${await put.text()}`);
  return digest;
}

export async function pushImage(
  registry: TestRegistry,
  repository: string,
  tag: string,
  file: { path: string; content: string } = { path: 'opt/flink/usrlib/marker.txt', content: tag },
): Promise<PushedImage> {
  const tarball = await layerTar(file);
  const layer = gzipSync(tarball);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { User: '9999', Env: ['PATH=/bin'] },
      rootfs: { type: 'layers', diff_ids: [sha256(tarball)] },
      history: [{ created: '1970-01-01T00:00:01Z', created_by: 'test/support/pushed-image.ts' }],
    }),
  );
  const layerDigest = await pushBlob(registry, repository, layer);
  const configDigest = await pushBlob(registry, repository, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layerDigest, size: layer.length }],
    }),
  );
  const res = await fetch(`http://${registry.host}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { authorization: basicAuth(registry), 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: manifest,
  });
  if (res.status !== 201) throw new Error(`manifest PUT answered ${res.status}: ${await res.text()}`);
  return { reference: `${registry.host}/${repository}:${tag}`, digest: sha256(manifest) };
}
