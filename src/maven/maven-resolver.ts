import { sha256Hex } from '../text/sha256.js';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { formatMavenCoordinate, mavenJarName, mavenJarPath, parseMavenCoordinate } from './maven-coordinate.js';
import { MavenError } from './maven-error.js';
import { mavenCredentialVariables, type MavenRepository } from './maven-repositories.js';

/** A jar on local disk, verified, ready to go into an image. */
export interface ResolvedArtifact {
  /** As written in the manifest, normalised: group:artifact:version[:classifier]. */
  coordinate: string;
  /** e.g. flink-sql-connector-kafka-3.3.0-1.20.jar */
  fileName: string;
  /** Hex SHA-256 of the jar: part of the image's content address. */
  sha256: string;
  size: number;
  /** The jar in the local cache (read it, never write it). */
  file: string;
  /** URL it was downloaded from (the first time). */
  url: string;
  /** Which checksum the repository published and we compared against ('none' only with checksums: optional). */
  verifiedWith: 'sha256' | 'sha1' | 'none';
}

export interface MavenResolverOptions {
  repositories: MavenRepository[];
  /** Default `${XDG_CACHE_HOME:-~/.cache}/streampilot/maven`. */
  cacheDir?: string;
  /** Injected so tests and proxies can stand in; default the global fetch. */
  fetch?: typeof fetch;
  /** Per request; default 120 s (a shaded connector jar is tens of MB). */
  timeoutMs?: number;
}

export interface MavenResolver {
  resolve(coordinate: string): Promise<ResolvedArtifact>;
  resolveAll(coordinates: readonly string[]): Promise<ResolvedArtifact[]>;
}

export function defaultMavenCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'streampilot', 'maven');
}

/**
 * Resolves `dependencies.maven` coordinates to verified jars: the jar only, never its
 * transitive dependencies (Flink's `flink-sql-connector-*` jars are shaded for exactly this
 * use). Jars are cached by SHA-256; a released version never changes, so a coordinate seen
 * before is answered from the cache without a single request.
 */
export function createMavenResolver(options: MavenResolverOptions): MavenResolver {
  const cacheDir = options.cacheDir ?? defaultMavenCacheDir();
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 120_000;

  const blobPath = (sha256: string) => path.join(cacheDir, 'sha256', sha256.slice(0, 2), `${sha256}.jar`);
  // One small file per (repository URL, artifact path) pointing at the blob: the cache is keyed by checksum.
  const refPath = (url: string) =>
    path.join(cacheDir, 'refs', `${createHash('sha256').update(url).digest('hex')}.json`);

  async function fromCache(coordinate: string, fileName: string, url: string): Promise<ResolvedArtifact | undefined> {
    let ref: Pick<ResolvedArtifact, 'sha256' | 'verifiedWith'>;
    try {
      ref = JSON.parse(await readFile(refPath(url), 'utf8')) as typeof ref;
    } catch {
      return undefined;
    }
    const file = blobPath(ref.sha256);
    try {
      const content = await readFile(file);
      // A cache file damaged on disk is downloaded again rather than baked into an image.
      if (sha256Hex(content) !== ref.sha256) return undefined;
      return {
        coordinate,
        fileName,
        sha256: ref.sha256,
        size: content.length,
        file,
        url,
        verifiedWith: ref.verifiedWith,
      };
    } catch {
      return undefined;
    }
  }

  async function get(repo: MavenRepository, url: string): Promise<Response> {
    const headers: Record<string, string> = { 'user-agent': 'streampilot' };
    if (repo.username !== undefined || repo.password !== undefined) {
      headers.authorization = `Basic ${Buffer.from(`${repo.username ?? ''}:${repo.password ?? ''}`).toString('base64')}`;
    }
    try {
      return await doFetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    } catch (error) {
      const cause =
        error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new MavenError(
        url,
        `cannot reach maven repository \`${repo.id}\` (${repo.url}): ${cause}`,
        'check the repository URL in streampilot.yaml and that this machine can reach it',
      );
    }
  }

  async function publishedChecksum(
    repo: MavenRepository,
    url: string,
  ): Promise<{ kind: 'sha256' | 'sha1'; value: string } | undefined> {
    for (const kind of ['sha256', 'sha1'] as const) {
      const res = await get(repo, `${url}.${kind}`);
      if (res.status === 404) {
        await res.body?.cancel();
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new MavenError(
          url,
          `maven repository \`${repo.id}\` answered ${res.status} for ${url}.${kind}`,
          'retry; if it persists, check the repository',
        );
      }
      // Files hold either the bare hex digest or `<hex>  <file name>` (sha1sum style).
      const value = (await res.text()).trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      return { kind, value };
    }
    return undefined;
  }

  async function download(
    repo: MavenRepository,
    coordinate: string,
    fileName: string,
    url: string,
  ): Promise<ResolvedArtifact | 'missing'> {
    const res = await get(repo, url);
    if (res.status === 404) {
      await res.body?.cancel();
      return 'missing';
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      const how =
        repo.username !== undefined
          ? `the credentials of repository \`${repo.id}\` were refused`
          : `repository \`${repo.id}\` needs credentials`;
      const names = mavenCredentialVariables(repo.id);
      throw new MavenError(
        coordinate,
        `${coordinate}: ${how} (HTTP ${res.status} from ${repo.url})`,
        `whoever runs StreamPilot sets ${names.username}, ${names.password} and ${names.url} (the URL they may be sent to); check they hold a valid user and password or token`,
      );
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new MavenError(
        coordinate,
        `${coordinate}: maven repository \`${repo.id}\` answered HTTP ${res.status} for ${url}`,
        'retry; if it persists, check the repository',
      );
    }

    await mkdir(path.join(cacheDir, 'tmp'), { recursive: true });
    const tmp = path.join(cacheDir, 'tmp', `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.jar`);
    const sha256 = createHash('sha256');
    const sha1 = createHash('sha1');
    let size = 0;
    try {
      const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
      await pipeline(
        body,
        async function* hash(source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            sha256.update(chunk);
            sha1.update(chunk);
            size += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(tmp),
      );
      const actual = { sha256: sha256.digest('hex'), sha1: sha1.digest('hex') };

      const published = await publishedChecksum(repo, url);
      if (!published && repo.checksums === 'required') {
        throw new MavenError(
          coordinate,
          `${coordinate}: maven repository \`${repo.id}\` (${repo.url}) publishes no .sha256 or .sha1 for ${fileName}, so the jar cannot be verified`,
          `ask the repository's owners to publish checksums, or set checksums: optional on repository \`${repo.id}\` in streampilot.yaml if you trust it`,
        );
      }
      if (published && published.value !== actual[published.kind]) {
        throw new MavenError(
          coordinate,
          `${coordinate}: checksum mismatch from maven repository \`${repo.id}\` (${url}): its .${published.kind} says ${published.value}, the downloaded jar has ${actual[published.kind]}`,
          "the repository or a proxy in between served a corrupt or altered jar; nothing was cached. Retry, and if it persists report it to the repository's owners — do not switch checksums off",
        );
      }

      const file = blobPath(actual.sha256);
      await mkdir(path.dirname(file), { recursive: true });
      await rename(tmp, file);
      const verifiedWith = published?.kind ?? 'none';
      await mkdir(path.join(cacheDir, 'refs'), { recursive: true });
      const ref = refPath(url);
      await writeFile(`${ref}.${process.pid}`, JSON.stringify({ sha256: actual.sha256, verifiedWith }));
      await rename(`${ref}.${process.pid}`, ref);
      return { coordinate, fileName, sha256: actual.sha256, size, file, url, verifiedWith };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async function resolve(text: string): Promise<ResolvedArtifact> {
    const c = parseMavenCoordinate(text);
    const coordinate = formatMavenCoordinate(c);
    const fileName = mavenJarName(c);
    const jarPath = mavenJarPath(c);
    for (const repo of options.repositories) {
      const cached = await fromCache(coordinate, fileName, repo.url + jarPath);
      if (cached) return cached;
    }
    for (const repo of options.repositories) {
      const found = await download(repo, coordinate, fileName, repo.url + jarPath);
      if (found !== 'missing') return found;
    }
    const where = options.repositories.map((r) => `\`${r.id}\` (${r.url + jarPath})`).join(', ');
    throw new MavenError(
      coordinate,
      `${coordinate}: not found in maven repository ${where}`,
      'check the group, artifact and version (for Flink connectors the version carries the Flink version, e.g. 3.3.0-1.20), or add the repository that has it under maven.repositories in streampilot.yaml',
    );
  }

  return {
    resolve,
    // One at a time: the jars are large and the machine running a build is often small.
    async resolveAll(coordinates) {
      const out: ResolvedArtifact[] = [];
      for (const c of coordinates) out.push(await resolve(c));
      return out;
    },
  };
}
