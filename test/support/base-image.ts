import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { readEngineStream } from '../../src/image/docker-builder.js';
import { basicAuth, type TestRegistry } from './registry-env.js';

/**
 * A tiny stand-in for a Flink base image, built here because no image can be pulled from
 * outside: Debian's static busybox (`busybox-static`, /bin/busybox) plus its applet symlinks,
 * `/opt/flink/usrlib` and `/opt/flink/lib`, user `flink` (9999) as in the official Flink images.
 * Built with `docker load` of a hand-made archive with a fixed creation time (not `docker
 * import`, which stamps the current time), so the base has the same digest in every run and
 * every test file that pushes it pushes the same thing.
 */
export const BASE_REPOSITORY = 'base/flink-mini';
export const BASE_TAG = '1';
const APPLETS = [
  'sh',
  'ls',
  'cat',
  'find',
  'echo',
  'true',
  'false',
  'env',
  'sleep',
  'wc',
  'sha256sum',
  'stat',
  'id',
  'head',
  'sort',
  'xargs',
  'test',
  'mkdir',
  'cp',
  'rm',
];
const MTIME = new Date(1000);

export interface BaseImage {
  /** e.g. 127.0.0.1:5000/base/flink-mini:1 */
  reference: string;
  /** Manifest digest in the registry. */
  digest: string;
}

async function tarOf(
  entries: {
    name: string;
    type: 'file' | 'directory' | 'symlink';
    mode: number;
    content?: Buffer;
    linkname?: string;
  }[],
): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const e of entries) {
    const header = {
      name: e.name,
      type: e.type,
      mode: e.mode,
      uid: 0,
      gid: 0,
      mtime: MTIME,
      ...(e.linkname ? { linkname: e.linkname } : {}),
    };
    if (e.content) pack.entry({ ...header, size: e.content.length }, e.content);
    else pack.entry(header);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** The base image's single layer: an uncompressed tar of the busybox rootfs (reusable by a registry-native push). */
export async function busyboxRootfsTar(): Promise<Buffer> {
  const busybox = readFileSync('/bin/busybox');
  const dir = (name: string, mode = 0o755) => ({ name: `${name}/`, type: 'directory' as const, mode });
  return tarOf([
    dir('bin'),
    { name: 'bin/busybox', type: 'file', mode: 0o755, content: busybox },
    ...APPLETS.map((a) => ({ name: `bin/${a}`, type: 'symlink' as const, mode: 0o777, linkname: 'busybox' })),
    dir('etc'),
    {
      name: 'etc/passwd',
      type: 'file',
      mode: 0o644,
      content: Buffer.from('root:x:0:0:root:/root:/bin/sh\nflink:x:9999:9999:flink:/opt/flink:/bin/sh\n'),
    },
    { name: 'etc/group', type: 'file', mode: 0o644, content: Buffer.from('root:x:0:\nflink:x:9999:\n') },
    dir('opt'),
    dir('opt/flink'),
    dir('opt/flink/lib'),
    dir('opt/flink/usrlib'),
    dir('root', 0o700),
    dir('tmp', 0o1777),
  ]);
}

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const goArch = (): string =>
  ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', s390x: 's390x', ppc64: 'ppc64le' })[process.arch as string] ??
  process.arch;

/** The `docker load` archive of the base image, tagged `reference`. */
async function loadArchive(reference: string): Promise<Buffer> {
  const layer = await busyboxRootfsTar();
  const config = Buffer.from(
    JSON.stringify({
      architecture: goArch(),
      os: 'linux',
      created: MTIME.toISOString(),
      config: { Env: ['PATH=/bin'], Cmd: ['/bin/sh'], WorkingDir: '/opt/flink' },
      rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
      history: [{ created: MTIME.toISOString(), created_by: 'streampilot test base: static busybox rootfs' }],
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify([{ Config: 'config.json', RepoTags: [reference], Layers: ['layer/layer.tar'] }]),
  );
  return tarOf([
    { name: 'config.json', type: 'file', mode: 0o644, content: config },
    { name: 'layer/', type: 'directory', mode: 0o755 },
    { name: 'layer/layer.tar', type: 'file', mode: 0o644, content: layer },
    { name: 'manifest.json', type: 'file', mode: 0o644, content: manifest },
  ]);
}

/** The base image's manifest digest in the registry, or undefined when it is not there yet. */
async function digestInRegistry(registry: TestRegistry): Promise<string | undefined> {
  const res = await fetch(`http://${registry.host}/v2/${BASE_REPOSITORY}/manifests/${BASE_TAG}`, {
    method: 'HEAD',
    headers: { authorization: basicAuth(registry), accept: 'application/vnd.docker.distribution.manifest.v2+json' },
  });
  return res.ok ? (res.headers.get('docker-content-digest') ?? undefined) : undefined;
}

/**
 * The base image in the test registry, built and pushed the first time. Later calls (and
 * other test files) find it there and push nothing.
 */
export async function ensureBaseImage(docker: Docker, registry: TestRegistry): Promise<BaseImage> {
  const reference = `${registry.host}/${BASE_REPOSITORY}:${BASE_TAG}`;
  const existing = await digestInRegistry(registry);
  if (existing) return { reference, digest: existing };

  const loaded = (await docker.loadImage(Readable.from(await loadArchive(reference)), {
    quiet: true,
  })) as NodeJS.ReadableStream;
  let problem: string | undefined;
  await readEngineStream(loaded, (m) => {
    problem ??= m.errorDetail?.message ?? m.error;
  });
  if (problem) throw new Error(`docker load of the test base image failed: ${problem}`);

  const pushed = (await docker.getImage(`${registry.host}/${BASE_REPOSITORY}`).push({
    tag: BASE_TAG,
    authconfig: { username: registry.username, password: registry.password, serveraddress: registry.host },
  })) as NodeJS.ReadableStream;
  let digest: string | undefined;
  await readEngineStream(pushed, (m) => {
    problem ??= m.errorDetail?.message ?? m.error;
    digest = m.aux?.Digest ?? digest;
  });
  if (problem || !digest)
    throw new Error(`docker push of the test base image ${reference} failed: ${problem ?? 'no digest reported'}`);
  return { reference, digest };
}
