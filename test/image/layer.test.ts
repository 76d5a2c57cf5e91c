import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { buildLayer, LAYER_MTIME } from '../../src/image/layer.js';
import type { ImageFile } from '../../src/image/types.js';

interface Entry {
  name: string;
  type: string | null | undefined;
  mode: number | undefined;
  uid: number | undefined;
  gid: number | undefined;
  uname: string | undefined;
  gname: string | undefined;
  mtime: number | undefined;
  content: string;
}

async function entries(tarBytes: Buffer): Promise<Entry[]> {
  const out: Entry[] = [];
  const extract = tar.extract();
  extract.on('entry', (h, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => chunks.push(c as Buffer));
    stream.on('end', () => {
      out.push({
        name: h.name,
        type: h.type,
        mode: h.mode,
        uid: h.uid,
        gid: h.gid,
        uname: h.uname,
        gname: h.gname,
        mtime: h.mtime?.getTime(),
        content: Buffer.concat(chunks).toString('utf8'),
      });
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    Readable.from([tarBytes]).pipe(extract);
  });
  return out;
}

const files: ImageFile[] = [
  { path: '/opt/flink/usrlib/sql-scripts/script.sql', content: Buffer.from('INSERT INTO sink SELECT * FROM src;\n') },
  { path: '/opt/flink/lib/kafka.jar', content: Buffer.from('PK-not-really-a-jar') },
  { path: '/opt/flink/bin/run.sh', content: Buffer.from('#!/bin/sh\n'), mode: 0o755 },
];

describe('buildLayer', () => {
  it('gives the same bytes and digests for the same files in any order', async () => {
    const a = await buildLayer(files);
    const b = await buildLayer([...files].reverse());
    expect(b.gzipped.equals(a.gzipped)).toBe(true);
    expect(b.digest).toBe(a.digest);
    expect(a.digest).toBe(`sha256:${createHash('sha256').update(a.gzipped).digest('hex')}`);
    expect(a.diffId).toBe(`sha256:${createHash('sha256').update(gunzipSync(a.gzipped)).digest('hex')}`);
    expect(a.size).toBe(a.gzipped.length);
    const changed = await buildLayer([
      { ...files[0]!, content: Buffer.from('INSERT INTO sink SELECT 1;\n') },
      ...files.slice(1),
    ]);
    expect(changed.digest).not.toBe(a.digest);
  });

  it("lists the files sorted, owned by root with no names and a fixed time, and no parent folders (which would reset /opt/flink's owner)", async () => {
    const list = await entries(gunzipSync((await buildLayer(files)).gzipped));
    expect(list.map((e) => e.name)).toEqual([
      'opt/flink/bin/run.sh',
      'opt/flink/lib/kafka.jar',
      'opt/flink/usrlib/sql-scripts/script.sql',
    ]);
    for (const e of list) {
      expect(e).toMatchObject({ type: 'file', uid: 0, gid: 0, uname: '', gname: '', mtime: LAYER_MTIME.getTime() });
      expect(e.mode).toBe(e.name.endsWith('run.sh') ? 0o755 : 0o644);
    }
    expect(list.find((e) => e.name.endsWith('script.sql'))?.content).toBe('INSERT INTO sink SELECT * FROM src;\n');
  });

  it('keeps paths longer than the 100 characters of a plain tar header', async () => {
    const deep = `/opt/${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(70)}.sql`;
    const list = await entries(gunzipSync((await buildLayer([{ path: deep, content: Buffer.from('x') }])).gzipped));
    expect(list.at(-1)?.name).toBe(deep.slice(1));
  });

  it('refuses relative paths, "..", duplicates and a file that is also a folder', async () => {
    await expect(buildLayer([{ path: 'opt/a.sql', content: Buffer.from('') }])).rejects.toThrow(/must be absolute/);
    await expect(buildLayer([{ path: '/opt/../etc/passwd', content: Buffer.from('') }])).rejects.toThrow(
      /must not contain "\.\."/,
    );
    await expect(
      buildLayer([
        { path: '/a.sql', content: Buffer.from('') },
        { path: '//a.sql', content: Buffer.from('') },
      ]),
    ).rejects.toThrow(/two files/);
    await expect(
      buildLayer([
        { path: '/a', content: Buffer.from('') },
        { path: '/a/b', content: Buffer.from('') },
      ]),
    ).rejects.toThrow(/both a file and the folder/);
  });
});
