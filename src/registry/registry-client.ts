import { DomainError } from '../errors.js';
import { createHash } from 'node:crypto';
import type { RegistryAuth } from './types.js';
import { parseWwwAuthenticate, type AuthChallenge } from './www-authenticate.js';

/**
 * A client for the OCI distribution API (the protocol of Docker Hub, GHCR, Harbor, ECR,
 * `docker-registry` …), with the registry's own auth: anonymous, Basic, or the Bearer token
 * flow the registry names in `WWW-Authenticate`. One client talks to one registry host.
 */

export const MEDIA_TYPES = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.dockerManifest,
  MEDIA_TYPES.dockerManifestList,
].join(', ');

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  urls?: string[];
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
}

export interface FetchedManifest {
  /** Media type the registry served (Content-Type, else the manifest's own mediaType). */
  mediaType: string;
  /** sha256 of the bytes as served: what a tag points to and what deployments pin. */
  digest: string;
  bytes: Buffer;
  manifest: ImageManifest | ImageIndex;
}

export interface ResolvedImageManifest {
  manifest: ImageManifest;
  mediaType: string;
  /** Digest of the platform's image manifest. */
  digest: string;
  /** Digest the reference itself resolved to: the index's when the reference named an index. */
  referenceDigest: string;
  platform?: Platform;
}

export interface RegistryStats {
  /** Every HTTP request sent, token requests included. */
  requests: number;
  /** Request body bytes sent (blobs and manifests). */
  bytesSent: number;
  /** Blob body bytes sent by uploads (layers and configs). */
  blobBytesUploaded: number;
  blobUploads: number;
  blobMounts: number;
  manifestPuts: number;
}

export type RegistryOperation =
  | 'connect'
  | 'authenticate'
  | 'get manifest'
  | 'check manifest'
  | 'put manifest'
  | 'check blob'
  | 'get blob'
  | 'upload blob'
  | 'mount blob';

/** A failed registry call. The message names registry, repository, operation and status; the hint says what to do. No secret ever goes in. */
export class RegistryError extends DomainError {
  constructor(
    readonly registry: string,
    readonly repository: string | undefined,
    readonly operation: RegistryOperation,
    readonly status: number | undefined,
    detail: string,
    hint?: string,
  ) {
    super(
      `registry ${registry}${repository ? `, repository ${repository}` : ''}: ${operation} failed${status !== undefined ? ` (HTTP ${status})` : ''}: ${detail}`,
      hint,
    );
  }
}

export interface RegistryClientOptions {
  /** Registry as named in image references (`docker.io`, `ghcr.io`, `127.0.0.1:5000`); used in messages. */
  registry: string;
  /** Host the API is served from, when it differs from `registry` (Docker Hub: registry-1.docker.io). */
  apiHost?: string;
  /** Plain HTTP. Only for registries the configuration marks `insecure: true`. */
  insecure?: boolean;
  credentials?: RegistryAuth;
  /** Where the credentials came from, for the 401 hint. */
  credentialSource?: string;
  fetch?: typeof fetch;
  /** Time limit for calls that move no blob data. */
  timeoutMs?: number;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

interface SendOptions {
  operation: RegistryOperation;
  repository?: string;
  method: string;
  /** Path under the registry root (`/v2/...`) or an absolute URL (upload locations). */
  url: string;
  headers?: Record<string, string>;
  body?: Buffer | ReadableStream<Uint8Array>;
  /** Token scopes this request needs (`repository:a/b:pull,push`). */
  scopes: string[];
  /** Statuses besides 2xx the caller handles itself (404 on HEAD …). */
  accept?: number[];
  /** No time limit (blob transfers). */
  long?: boolean;
}

export class RegistryClient {
  readonly registry: string;
  readonly baseUrl: string;
  readonly stats: RegistryStats = {
    requests: 0,
    bytesSent: 0,
    blobBytesUploaded: 0,
    blobUploads: 0,
    blobMounts: 0,
    manifestPuts: 0,
  };
  private readonly insecure: boolean;
  private readonly credentials: RegistryAuth | undefined;
  private readonly credentialSource: string | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  /** Set once the registry answered with a Basic challenge: from then on every request carries the credentials. */
  private useBasic = false;
  /** Set once the registry named its token server: later scopes fetch tokens up front, saving a 401 round trip. */
  private bearer: { realm: string; service?: string } | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  /** Token requests under way, so parallel layer copies share one instead of each asking. */
  private readonly pendingTokens = new Map<string, Promise<string>>();

  constructor(options: RegistryClientOptions) {
    this.registry = options.registry;
    this.insecure = options.insecure === true;
    this.baseUrl = `${this.insecure ? 'http' : 'https'}://${options.apiHost ?? options.registry}`;
    this.credentials =
      options.credentials && (options.credentials.username || options.credentials.password)
        ? options.credentials
        : undefined;
    this.credentialSource = options.credentialSource;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** `GET /v2/`: is this a registry, and do the credentials get in? */
  async ping(): Promise<void> {
    const res = await this.send({ operation: 'connect', method: 'GET', url: '/v2/', scopes: [] });
    await discard(res);
  }

  /** Does the tag (or digest) exist? Its manifest digest when it does. */
  async headManifest(
    repository: string,
    reference: string,
  ): Promise<{ digest: string; mediaType: string; size: number } | undefined> {
    const res = await this.send({
      operation: 'check manifest',
      repository,
      method: 'HEAD',
      url: `/v2/${repository}/manifests/${reference}`,
      headers: { accept: MANIFEST_ACCEPT },
      scopes: [pullScope(repository)],
      accept: [404],
    });
    await discard(res);
    if (res.status === 404) return undefined;
    const digest = res.headers.get('docker-content-digest');
    if (digest && /^sha256:[0-9a-f]{64}$/.test(digest)) {
      return {
        digest,
        mediaType: res.headers.get('content-type') ?? '',
        size: Number(res.headers.get('content-length') ?? 0),
      };
    }
    // Registries need not send the digest on HEAD; the bytes decide it.
    const fetched = await this.getManifest(repository, reference);
    return { digest: fetched.digest, mediaType: fetched.mediaType, size: fetched.bytes.length };
  }

  async getManifest(repository: string, reference: string): Promise<FetchedManifest> {
    const res = await this.send({
      operation: 'get manifest',
      repository,
      method: 'GET',
      url: `/v2/${repository}/manifests/${reference}`,
      headers: { accept: MANIFEST_ACCEPT },
      scopes: [pullScope(repository)],
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const digest = sha256(bytes);
    if (reference.startsWith('sha256:') && reference !== digest) {
      throw new RegistryError(
        this.registry,
        repository,
        'get manifest',
        res.status,
        `manifest ${reference} arrived with digest ${digest}`,
        'The registry (or a proxy in between) altered the manifest; do not use this registry until that is fixed.',
      );
    }
    let manifest: ImageManifest | ImageIndex;
    try {
      manifest = JSON.parse(bytes.toString('utf8')) as ImageManifest | ImageIndex;
    } catch {
      throw new RegistryError(
        this.registry,
        repository,
        'get manifest',
        res.status,
        `manifest ${reference} is not JSON`,
      );
    }
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const mediaType =
      manifest.mediaType ?? (contentType || ('manifests' in manifest ? MEDIA_TYPES.ociIndex : MEDIA_TYPES.ociManifest));
    if (manifest.schemaVersion !== 2) {
      throw new RegistryError(
        this.registry,
        repository,
        'get manifest',
        res.status,
        `manifest ${reference} is schema version ${String(manifest.schemaVersion)}`,
        'Only schema 2 (Docker v2 and OCI) images are supported; re-push the base image with a current Docker or registry.',
      );
    }
    return { mediaType, digest, bytes, manifest };
  }

  /** The image manifest for one platform: the reference's own when it names an image, the platform's entry when it names an index. */
  async getImageManifest(
    repository: string,
    reference: string,
    platform: Platform = { os: 'linux', architecture: 'amd64' },
  ): Promise<ResolvedImageManifest> {
    const top = await this.getManifest(repository, reference);
    if (!isIndex(top.manifest)) {
      return { manifest: top.manifest, mediaType: top.mediaType, digest: top.digest, referenceDigest: top.digest };
    }
    const entry = pickPlatform(top.manifest, platform);
    if (!entry) {
      const available = top.manifest.manifests
        .map((m) => m.platform && formatPlatform(m.platform))
        .filter((p): p is string => !!p && p !== 'unknown/unknown');
      throw new RegistryError(
        this.registry,
        repository,
        'get manifest',
        undefined,
        `${reference} has no image for platform ${formatPlatform(platform)} (it has: ${available.join(', ') || 'none'})`,
        'Set the platform to one the base image offers, or choose a base image built for this platform.',
      );
    }
    const child = await this.getManifest(repository, entry.digest);
    if (isIndex(child.manifest)) {
      throw new RegistryError(
        this.registry,
        repository,
        'get manifest',
        undefined,
        `index ${reference} points to another index for ${formatPlatform(platform)}`,
        'Nested indexes are not supported; use the platform image digest as the base image.',
      );
    }
    const resolved: ResolvedImageManifest = {
      manifest: child.manifest,
      mediaType: child.mediaType,
      digest: child.digest,
      referenceDigest: top.digest,
    };
    if (entry.platform) resolved.platform = entry.platform;
    return resolved;
  }

  /** Size of the blob when the repository has it, undefined when not. */
  async headBlob(repository: string, digest: string): Promise<number | undefined> {
    const res = await this.send({
      operation: 'check blob',
      repository,
      method: 'HEAD',
      url: `/v2/${repository}/blobs/${digest}`,
      scopes: [pullScope(repository)],
      accept: [404],
    });
    await discard(res);
    if (res.status === 404) return undefined;
    return Number(res.headers.get('content-length') ?? 0);
  }

  /** The whole blob, checked against its digest. For small blobs (configs). */
  async getBlob(repository: string, digest: string): Promise<Buffer> {
    const res = await this.send({
      operation: 'get blob',
      repository,
      method: 'GET',
      url: `/v2/${repository}/blobs/${digest}`,
      scopes: [pullScope(repository)],
      long: true,
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const actual = sha256(bytes);
    if (actual !== digest) {
      throw new RegistryError(
        this.registry,
        repository,
        'get blob',
        res.status,
        `blob ${digest} arrived with digest ${actual}`,
        'The blob is corrupt in the registry or in transit; try again, and re-push the image if it persists.',
      );
    }
    return bytes;
  }

  /** The blob as a stream, for copying between registries without holding it in memory. */
  async getBlobStream(
    repository: string,
    digest: string,
  ): Promise<{ stream: ReadableStream<Uint8Array>; size: number | undefined }> {
    const res = await this.send({
      operation: 'get blob',
      repository,
      method: 'GET',
      url: `/v2/${repository}/blobs/${digest}`,
      scopes: [pullScope(repository)],
      long: true,
    });
    if (!res.body)
      throw new RegistryError(this.registry, repository, 'get blob', res.status, `blob ${digest} came with no body`);
    const length = res.headers.get('content-length');
    return { stream: res.body, size: length ? Number(length) : undefined };
  }

  /**
   * Ask the registry to link a blob another repository of the same registry holds (no data
   * moves). True when mounted; false when the registry declined, with the upload session it
   * opened instead, so the caller can upload into it without another POST.
   */
  async mountBlob(
    repository: string,
    digest: string,
    from: string,
  ): Promise<{ mounted: true } | { mounted: false; uploadUrl: string }> {
    const res = await this.send({
      operation: 'mount blob',
      repository,
      method: 'POST',
      url: `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`,
      headers: { 'content-length': '0' },
      scopes: [pushScope(repository), pullScope(from)],
      accept: [201, 202],
    });
    await discard(res);
    if (res.status === 201) {
      this.stats.blobMounts++;
      return { mounted: true };
    }
    return { mounted: false, uploadUrl: this.location(res, repository, 'mount blob') };
  }

  /**
   * Monolithic upload: POST opens a session, PUT `?digest=` sends the bytes and closes it.
   * A stream body cannot be replayed, so the session is opened (and auth settled) first.
   * Returns the bytes sent.
   */
  async uploadBlob(
    repository: string,
    digest: string,
    data: Buffer | ReadableStream<Uint8Array>,
    options: { size?: number; uploadUrl?: string } = {},
  ): Promise<number> {
    let uploadUrl = options.uploadUrl;
    if (!uploadUrl) {
      const res = await this.send({
        operation: 'upload blob',
        repository,
        method: 'POST',
        url: `/v2/${repository}/blobs/uploads/`,
        headers: { 'content-length': '0' },
        scopes: [pushScope(repository)],
        accept: [202],
      });
      await discard(res);
      uploadUrl = this.location(res, repository, 'upload blob');
    }
    const url = new URL(uploadUrl);
    url.searchParams.set('digest', digest);
    const size = Buffer.isBuffer(data) ? data.length : options.size;
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
    if (size !== undefined) headers['content-length'] = String(size);
    let streamed = 0;
    const body = Buffer.isBuffer(data)
      ? data
      : data.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              streamed += chunk.byteLength;
              controller.enqueue(chunk);
            },
          }),
        );
    const res = await this.send({
      operation: 'upload blob',
      repository,
      method: 'PUT',
      url: url.toString(),
      headers,
      body,
      scopes: [pushScope(repository)],
      accept: [201],
      long: true,
    });
    await discard(res);
    // Counted from the body itself: the size header of a copied blob is a claim, this is a fact.
    const sent = Buffer.isBuffer(data) ? data.length : streamed;
    this.stats.blobUploads++;
    this.stats.blobBytesUploaded += sent;
    return sent;
  }

  /** PUT the manifest under a tag (or its digest); returns the digest the registry stored it under. */
  async putManifest(repository: string, reference: string, bytes: Buffer, mediaType: string): Promise<string> {
    const res = await this.send({
      operation: 'put manifest',
      repository,
      method: 'PUT',
      url: `/v2/${repository}/manifests/${reference}`,
      headers: { 'content-type': mediaType },
      body: bytes,
      scopes: [pushScope(repository)],
      accept: [201],
    });
    await discard(res);
    this.stats.manifestPuts++;
    const digest = sha256(bytes);
    const served = res.headers.get('docker-content-digest');
    if (served && served !== digest) {
      throw new RegistryError(
        this.registry,
        repository,
        'put manifest',
        res.status,
        `the registry stored the manifest as ${served}, not ${digest}`,
        'The registry rewrote the manifest; pin the digest it reports by pulling the tag.',
      );
    }
    return digest;
  }

  private location(res: Response, repository: string, operation: RegistryOperation): string {
    const location = res.headers.get('location');
    if (!location)
      throw new RegistryError(
        this.registry,
        repository,
        operation,
        res.status,
        'the registry opened an upload session but sent no Location header',
      );
    // Registries send both absolute and relative locations.
    return new URL(location, this.baseUrl).toString();
  }

  private async send(options: SendOptions, retried = false): Promise<Response> {
    const url = options.url.startsWith('/') ? `${this.baseUrl}${options.url}` : options.url;
    const headers: Record<string, string> = { 'user-agent': 'streampilot', ...options.headers };
    const authorization = await this.authorization(options);
    if (authorization) headers['authorization'] = authorization;
    let body: RequestInit['body'] | undefined;
    if (Buffer.isBuffer(options.body)) {
      body = options.body;
      this.stats.bytesSent += options.body.length;
    } else if (options.body) {
      body = options.body.pipeThrough(this.counter());
    }
    this.stats.requests++;
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method: options.method,
        headers,
        body,
        redirect: 'follow',
        ...(body && !Buffer.isBuffer(body) ? { duplex: 'half' } : {}),
        ...(options.long ? {} : { signal: AbortSignal.timeout(this.timeoutMs) }),
      } as RequestInit);
    } catch (e) {
      throw this.networkError(options, e);
    }
    if (res.status === 401 && !retried) {
      const challenge = chooseChallenge(res.headers.get('www-authenticate'));
      await discard(res);
      if (options.body && !Buffer.isBuffer(options.body)) {
        throw this.httpError(options, 401, 'the registry asked for credentials in the middle of a streamed upload');
      }
      if (challenge?.scheme === 'bearer' && challenge.params['realm']) {
        this.bearer = {
          realm: challenge.params['realm'],
          ...(challenge.params['service'] ? { service: challenge.params['service'] } : {}),
        };
        const scopes = [
          ...new Set([...options.scopes, ...(challenge.params['scope'] ?? '').split(' ').filter(Boolean)]),
        ];
        await this.fetchToken(options, scopes);
        return this.send(options, true);
      }
      if (challenge?.scheme === 'basic' && this.credentials && !this.useBasic) {
        this.useBasic = true;
        return this.send(options, true);
      }
      throw this.httpError(
        options,
        401,
        challenge ? `the registry requires ${challenge.scheme} authentication` : 'unauthorized',
      );
    }
    if (res.ok || options.accept?.includes(res.status)) return res;
    const detail = await errorDetail(res);
    throw this.httpError(options, res.status, detail);
  }

  private async authorization(options: SendOptions): Promise<string | undefined> {
    if (this.bearer) {
      const key = scopeKey(options.scopes);
      const cached = this.tokens.get(key);
      if (cached && cached.expiresAt > Date.now()) return `Bearer ${cached.token}`;
      let pending = this.pendingTokens.get(key);
      if (!pending) {
        pending = this.fetchToken(options, options.scopes).finally(() => this.pendingTokens.delete(key));
        this.pendingTokens.set(key, pending);
      }
      return `Bearer ${await pending}`;
    }
    if (this.useBasic && this.credentials) return basic(this.credentials);
    return undefined;
  }

  /** The token flow of the distribution spec: GET realm?service=…&scope=…, with Basic credentials when we have them. */
  private async fetchToken(options: SendOptions, scopes: string[]): Promise<string> {
    const bearer = this.bearer!;
    let realm: URL;
    try {
      realm = new URL(bearer.realm);
    } catch {
      throw this.httpError(
        { ...options, operation: 'authenticate' },
        401,
        `the registry named an invalid token server "${bearer.realm}"`,
      );
    }
    if (realm.protocol !== 'https:' && this.credentials && !this.insecure) {
      throw new RegistryError(
        this.registry,
        options.repository,
        'authenticate',
        undefined,
        `the registry's token server ${realm.origin} is plain HTTP, and credentials are not sent in clear text`,
        'Serve the token server over HTTPS, or mark the registry insecure: true if this is a local test registry.',
      );
    }
    if (bearer.service) realm.searchParams.set('service', bearer.service);
    for (const scope of scopes) realm.searchParams.append('scope', scope);
    const headers: Record<string, string> = { 'user-agent': 'streampilot', accept: 'application/json' };
    if (this.credentials) headers['authorization'] = basic(this.credentials);
    this.stats.requests++;
    let res: Response;
    try {
      res = await this.fetchImpl(realm, { headers, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      throw this.networkError({ ...options, operation: 'authenticate', url: realm.origin }, e);
    }
    if (!res.ok) {
      const detail = await errorDetail(res);
      throw this.httpError(
        { ...options, operation: 'authenticate' },
        res.status,
        `token server ${realm.origin} refused ${scopes.join(' ') || 'the login'}: ${detail}`,
      );
    }
    const json = (await res.json().catch(() => ({}))) as { token?: string; access_token?: string; expires_in?: number };
    const token = json.token ?? json.access_token;
    if (!token)
      throw this.httpError(
        { ...options, operation: 'authenticate' },
        res.status,
        `token server ${realm.origin} answered without a token`,
      );
    // The spec's default lifetime is 60 s; renew a little early so a token does not expire in flight.
    const lifetime = Math.max(10, (json.expires_in ?? 60) - 10);
    this.tokens.set(scopeKey(options.scopes), { token, expiresAt: Date.now() + lifetime * 1000 });
    return token;
  }

  private counter(): TransformStream<Uint8Array, Uint8Array> {
    return new TransformStream({
      transform: (chunk, controller) => {
        this.stats.bytesSent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
  }

  private httpError(options: SendOptions, status: number, detail: string): RegistryError {
    return new RegistryError(
      this.registry,
      options.repository,
      options.operation,
      status,
      detail,
      this.hintFor(status, options),
    );
  }

  private hintFor(status: number, options: SendOptions): string | undefined {
    if (status === 401) {
      if (!this.credentials) {
        return `${this.registry} requires a login: set STREAMPILOT_REGISTRY_USERNAME and STREAMPILOT_REGISTRY_PASSWORD, or run "docker login ${this.registry}".`;
      }
      return `Check the credentials for ${this.registry}${this.credentialSource ? ` (taken from ${this.credentialSource})` : ''}: the user name or password (token) is wrong or expired.`;
    }
    if (status === 403) {
      return `The credentials are valid but may not ${options.operation} in ${options.repository ?? this.registry}; grant the user ${options.method === 'GET' || options.method === 'HEAD' ? 'pull' : 'push'} access to that repository.`;
    }
    if (status === 404 && options.operation === 'get manifest') {
      return `The tag or digest does not exist in ${options.repository}; check the image reference.`;
    }
    if (status === 404)
      return `The repository ${options.repository ?? ''} does not exist, or the registry does not serve the distribution API at ${this.baseUrl}.`;
    if (status === 429) return 'The registry is rate-limiting this client; wait, or log in to get a higher limit.';
    if (status >= 500) return 'The registry failed; try again later, and check its logs if it persists.';
    return undefined;
  }

  private networkError(options: SendOptions, e: unknown): RegistryError {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (e as Error).message;
    const target = options.url.startsWith('/') ? this.baseUrl : new URL(options.url).origin;
    const tlsMismatch =
      !this.insecure && /EPROTO|wrong version number|SSL|ERR_SSL/i.test(`${reason} ${cause?.message ?? ''}`);
    return new RegistryError(
      this.registry,
      options.repository,
      options.operation,
      undefined,
      `could not reach ${target}: ${reason}`,
      tlsMismatch
        ? 'The registry does not speak HTTPS. If it is a local plain-HTTP registry, set registry.insecure: true.'
        : (e as Error).name === 'TimeoutError'
          ? `No answer within ${this.timeoutMs / 1000} s; check that the registry is up.`
          : 'Check the registry address and that it is running and reachable from here.',
    );
  }
}

export function isIndex(manifest: ImageManifest | ImageIndex): manifest is ImageIndex {
  return Array.isArray((manifest as ImageIndex).manifests);
}

export function pickPlatform(index: ImageIndex, wanted: Platform): Descriptor | undefined {
  const candidates = index.manifests.filter(
    (m) => m.platform?.os === wanted.os && m.platform.architecture === wanted.architecture,
  );
  if (wanted.variant)
    return (
      candidates.find((m) => m.platform?.variant === wanted.variant) ??
      (wanted.variant === 'v8' ? candidates.find((m) => !m.platform?.variant) : undefined)
    );
  return candidates.find((m) => !m.platform?.variant) ?? candidates[0];
}

export function formatPlatform(platform: Platform): string {
  return `${platform.os}/${platform.architecture}${platform.variant ? `/${platform.variant}` : ''}`;
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

function pushScope(repository: string): string {
  return `repository:${repository}:pull,push`;
}

function scopeKey(scopes: string[]): string {
  return [...scopes].sort().join(' ');
}

function basic(credentials: RegistryAuth): string {
  return `Basic ${Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`, 'utf8').toString('base64')}`;
}

/** Bearer wins over Basic when a registry offers both: it is the flow that carries scopes. */
function chooseChallenge(header: string | null): AuthChallenge | undefined {
  if (!header) return undefined;
  const challenges = parseWwwAuthenticate(header);
  return challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic') ?? challenges[0];
}

async function discard(res: Response): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // nothing to free
  }
}

/** The registry's own error (`{"errors":[{"code","message"}]}`), shortened; registries put no secrets there. */
async function errorDetail(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const json = JSON.parse(text) as {
      errors?: { code?: string; message?: string; detail?: unknown }[];
      details?: string;
    };
    if (json.errors?.length) return json.errors.map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ');
    if (json.details) return json.details;
  } catch {
    // not JSON
  }
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed ? trimmed.slice(0, 200) : res.statusText || 'no details';
}
