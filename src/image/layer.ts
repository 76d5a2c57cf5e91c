import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import type { ImageFile } from './types.js';

/** One image layer, compressed as it is pushed. */
export interface Layer {
  gzipped: Buffer;
  /** sha256 of `gzipped`: the blob digest in the manifest. */
  digest: string;
  /** sha256 of the uncompressed tar: what the image config lists in rootfs.diff_ids. */
  diffId: string;
  /** Bytes of `gzipped`. */
  size: number;
}

/**
 * Every entry's time: 1970-01-01T00:00:01Z rather than 0, because some tools read a zero time
 * as "no time" (the same choice as Jib). A fixed time is what makes the layer reproducible.
 */
export const LAYER_MTIME = new Date(1000);
const FILE_MODE = 0o644;

/**
 * A reproducible layer: same files, same bytes, same digest, whatever the machine, clock or
 * order the files came in. Entries are sorted, owners are root with no names, and gzip
 * writes no time or file name. Parent folders are deliberately not listed: unpacking a
 * folder entry resets that folder's owner and mode, and in the Flink image /opt/flink
 * belongs to the `flink` user, which must keep it. A runtime creates missing parents itself
 * (root, 0755), as `docker build` COPY does.
 */
export async function buildLayer(files: readonly ImageFile[]): Promise<Layer> {
  const byPath = new Map<string, ImageFile>();
  for (const file of files) {
    const path = layerPath(file.path);
    if (byPath.has(path))
      throw new Error(`two files for the same image path /${path}; each path in the image may be written once.`);
    byPath.set(path, file);
  }
  for (const path of byPath.keys()) {
    for (let dir = posix.dirname(path); dir !== '.'; dir = posix.dirname(dir)) {
      if (byPath.has(dir)) throw new Error(`/${dir} is both a file and the folder of /${path}.`);
    }
  }
  const entries = [...byPath]
    .map(([path, file]) => ({ path, file }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  const common = { uid: 0, gid: 0, uname: '', gname: '', mtime: LAYER_MTIME };
  for (const { path, file } of entries) {
    pack.entry(
      { ...common, name: path, type: 'file', mode: (file.mode ?? FILE_MODE) & 0o7777, size: file.content.length },
      file.content,
    );
  }
  pack.finalize();
  await done;
  const tarBytes = Buffer.concat(chunks);
  // Node's gzip header carries no mtime or name, so equal input gives equal output.
  const gzipped = gzipSync(tarBytes, { level: 6 });
  return { gzipped, digest: sha256(gzipped), diffId: sha256(tarBytes), size: gzipped.length };
}

/** `/opt/flink/usrlib/a.sql` → `opt/flink/usrlib/a.sql`; refuses what would escape or be ambiguous. */
function layerPath(path: string): string {
  if (!path.startsWith('/')) throw new Error(`image path "${path}" must be absolute (start with /).`);
  if (path.split('/').includes('..')) throw new Error(`image path "${path}" must not contain "..".`);
  const normal = posix.normalize(path).replace(/^\/+/, '').replace(/\/+$/, '');
  if (normal === '' || normal === '.') throw new Error(`image path "${path}" names the root folder, not a file.`);
  return normal;
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
