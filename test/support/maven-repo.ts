import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Maven repository served over real HTTP on loopback, following the Maven 2 repository
 * layout (`group/as/path/artifact/version/artifact-version[-classifier].jar` with `.sha1` and
 * `.sha256` beside it) and Basic auth answering 401 with `WWW-Authenticate` as Nexus and
 * Artifactory do. Files live in memory; every request is logged so tests can count downloads.
 */
export interface MavenRepoRequest {
  method: string;
  path: string;
  status: number;
}

export interface PublishOptions {
  /** Which checksum files to publish; default both. */
  checksums?: ('sha1' | 'sha256')[];
  /** Publish checksums of other bytes, as a corrupting proxy would. */
  wrongChecksum?: boolean;
  /** `<hex>  <file>` (sha1sum style) rather than the bare digest. */
  checksumWithFileName?: boolean;
}

export interface TestMavenRepo {
  /** Base URL ending in `/`. */
  url: string;
  requests: MavenRepoRequest[];
  /** Publishes a generated jar for the coordinate and returns its bytes. */
  publish(coordinate: string, options?: PublishOptions): Buffer;
  /** Removes the jar (and its checksums): the coordinate becomes a missing artifact. */
  remove(coordinate: string): void;
  close(): Promise<void>;
}

export function jarPathOf(coordinate: string): string {
  const [g, a, v, classifier] = coordinate.split(':');
  return `${g!.replaceAll('.', '/')}/${a}/${v}/${a}-${v}${classifier ? `-${classifier}` : ''}.jar`;
}

export async function startMavenRepo(
  options: { auth?: { username: string; password: string } } = {},
): Promise<TestMavenRepo> {
  const files = new Map<string, Buffer>();
  const requests: MavenRepoRequest[] = [];
  const expected = options.auth
    ? `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`
    : undefined;

  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/maven2\//, '');
    const answer = (status: number, body?: Buffer | string, headers: Record<string, string> = {}) => {
      requests.push({ method: req.method ?? '', path, status });
      res.writeHead(status, headers).end(body);
    };
    if (expected && req.headers.authorization !== expected)
      return answer(401, 'Unauthorized', { 'www-authenticate': 'Basic realm="test maven"' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405);
    const body = files.get(path);
    if (!body) return answer(404, 'Not Found');
    return answer(200, req.method === 'HEAD' ? undefined : body, {
      'content-type': path.endsWith('.jar') ? 'application/java-archive' : 'text/plain',
      'content-length': String(body.length),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/maven2/`,
    requests,
    publish(coordinate, publishOptions = {}) {
      const jarPath = jarPathOf(coordinate);
      // Random bytes after a zip signature: each publish is a different jar, as a re-release would be.
      const jar = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(coordinate), randomBytes(2048)]);
      files.set(jarPath, jar);
      const signed = publishOptions.wrongChecksum ? Buffer.concat([jar, Buffer.from('tampered')]) : jar;
      for (const kind of publishOptions.checksums ?? ['sha1', 'sha256']) {
        const hex = createHash(kind).update(signed).digest('hex');
        files.set(
          `${jarPath}.${kind}`,
          Buffer.from(publishOptions.checksumWithFileName ? `${hex}  ${jarPath.split('/').pop()}\n` : hex),
        );
      }
      for (const kind of ['sha1', 'sha256'] as const)
        if (!(publishOptions.checksums ?? ['sha1', 'sha256']).includes(kind)) files.delete(`${jarPath}.${kind}`);
      return jar;
    },
    remove(coordinate) {
      const jarPath = jarPathOf(coordinate);
      for (const suffix of ['', '.sha1', '.sha256']) files.delete(jarPath + suffix);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
