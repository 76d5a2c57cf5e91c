import { ConfigError } from '../errors.js';
import { resolveCredentials, dockerConfigCredentials, type CredentialSources } from '../registry/credentials.js';
import { ImageNameError, formatImageName, parseImageName, type ImageName } from '../registry/image-name.js';
import {
  MEDIA_TYPES,
  RegistryClient,
  RegistryError,
  formatPlatform,
  sha256,
  type Descriptor,
  type ImageManifest,
  type Platform,
  type ResolvedImageManifest,
} from '../registry/registry-client.js';
import { buildLayer, LAYER_MTIME } from './layer.js';
import {
  BuildError,
  type BuildRequest,
  type BuiltImage,
  type ImageBuilder,
  type Progress,
  type RegistryAuth,
} from './types.js';
import { formatBytes } from '../text/format-bytes.js';
import { mapBounded } from '../text/map-bounded.js';

export interface RegistryBuilderOptions {
  /**
   * The registry the project pushes to: its host (`ghcr.io`, `127.0.0.1:5000`) or the project's
   * `registry.repository` itself. Explicit and environment credentials, and `insecure`, apply to
   * it and nowhere else. Pass it whenever resolveBaseDigest may run before the first build;
   * otherwise it defaults to the registry of the first build's target.
   */
  targetRegistry?: string;
  /** The target registry speaks plain HTTP (the project's `registry.insecure: true`); so does the base when it lives in the same registry. */
  insecure?: boolean;
  /** Further plain-HTTP registries (a base image in another local registry). */
  insecureRegistries?: readonly string[];
  /** Credentials for the target registry (and a base in it). Default: STREAMPILOT_REGISTRY_USERNAME/_PASSWORD, then ~/.docker/config.json. A base elsewhere uses ~/.docker/config.json or goes anonymous. */
  auth?: RegistryAuth;
  env?: Readonly<Record<string, string | undefined>>;
  dockerConfigPath?: string;
  fetch?: typeof fetch;
  /** Base layers copied or mounted at once. */
  concurrency?: number;
}

export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };

/** The image's creation time, fixed so that the config (and so the manifest digest) depends on content only. */
const CREATED = LAYER_MTIME.toISOString();

/**
 * The daemon-less builder: the base image's layers stay where they are (mounted or copied
 * blob by blob), one reproducible layer with the job's files goes on top, and a new config
 * and manifest are pushed through the distribution API. Works in a pod with no Docker socket.
 */
export class RegistryBuilder implements ImageBuilder {
  readonly name = 'registry' as const;
  private readonly clients = new Map<string, Promise<RegistryClient>>();
  // Content addressed by digest never changes: a base image read once (manifest and config)
  // and a blob known to be in a repository need no second request while this builder lives.
  private readonly baseByDigest = new Map<string, Promise<{ resolved: ResolvedImageManifest; configBytes: Buffer }>>();
  private readonly knownBlobs = new Set<string>();
  private targetRegistry: string | undefined;

  constructor(private readonly options: RegistryBuilderOptions = {}) {
    const target = options.targetRegistry;
    this.targetRegistry =
      target === undefined
        ? undefined
        : target.includes('/')
          ? parseImageName(target).registry
          : parseImageName(`${target}/x`).registry;
  }

  /**
   * Digest the base image reference resolves to right now (the index's for a multi-platform
   * image): the content hash needs it before the target tag can be named. Pass
   * `name:tag@digest` as the build's baseImage so the build uses what was hashed.
   */
  async resolveBaseDigest(baseImage: string, job = 'base image'): Promise<string> {
    const base = this.parse(job, baseImage, 'base image');
    const client = await step(job, 'read registry credentials', () =>
      this.client(base, base.registry === this.targetRegistry),
    );
    const found = await step(
      job,
      'read base image',
      () => client.headManifest(base.repository, base.reference),
      (e) => baseImageHint(e, base),
    );
    if (!found) throw missingBase(job, base);
    return found.digest;
  }

  /** Digest of an image already in the registry (`repository:tag` or `@digest`), undefined when it is not there. */
  async findImage(reference: string, job = 'image'): Promise<string | undefined> {
    const image = this.parse(job, reference, 'target');
    const client = await step(job, 'read registry credentials', () =>
      this.client(image, image.registry === (this.targetRegistry ?? image.registry)),
    );
    const found = await step(job, 'check target tag', () => client.headManifest(image.repository, image.reference));
    return found?.digest;
  }

  async build(request: BuildRequest, progress: Progress): Promise<BuiltImage> {
    const started = Date.now();
    const { job } = request;
    const target = this.parse(job, request.target, 'target');
    if (!target.tag || target.digest) {
      throw new BuildError(
        job,
        'parse target',
        `target "${request.target}" must be <repository>:<tag>`,
        'The build workflow names the tag from the content hash; pass that reference.',
      );
    }
    this.targetRegistry ??= target.registry;
    const targetClient = await step(job, 'read registry credentials', () => this.client(target, true));

    progress(`${job}: checking ${request.target}`);
    const existing = await step(job, 'check target tag', () =>
      targetClient.headManifest(target.repository, target.tag!),
    );
    if (existing) {
      progress(`${job}: ${request.target} is already in the registry (${existing.digest}), nothing to build`);
      return { reference: request.target, digest: existing.digest, reused: true, bytesUploaded: 0 };
    }

    const base = this.parse(job, request.baseImage, 'base image');
    const sameRegistry = base.registry === target.registry;
    const baseClient = sameRegistry
      ? targetClient
      : await step(job, 'read registry credentials', () => this.client(base, false));
    const platform = request.platform ?? DEFAULT_PLATFORM;
    const readBase = async () => {
      const resolved = await step(
        job,
        'read base image',
        () => baseClient.getImageManifest(base.repository, base.reference, platform),
        (e) => baseImageHint(e, base),
      );
      const configBytes = await step(job, 'read base image config', () =>
        baseClient.getBlob(base.repository, resolved.manifest.config.digest),
      );
      return { resolved, configBytes };
    };
    const baseKey = `${base.registry}/${base.repository}@${base.reference}|${formatPlatform(platform)}`;
    let baseRead = base.reference.startsWith('sha256:') ? this.baseByDigest.get(baseKey) : undefined;
    if (!baseRead) {
      baseRead = readBase();
      if (base.reference.startsWith('sha256:')) {
        this.baseByDigest.set(baseKey, baseRead);
        baseRead.catch(() => this.baseByDigest.delete(baseKey));
      }
    }
    const { resolved, configBytes: baseConfigBytes } = await baseRead;
    const baseManifest = resolved.manifest;
    progress(
      `${job}: base ${request.baseImage} is ${resolved.referenceDigest} (${formatPlatform(resolved.platform ?? platform)}, ${baseManifest.layers.length} layers)`,
    );
    const baseConfig = parseConfig(job, baseConfigBytes, request.baseImage);

    const layer = await step(job, 'make layer', () => buildLayer(request.files));
    progress(`${job}: layer of ${request.files.length} file(s), ${formatBytes(layer.size)}, ${layer.digest}`);

    const oci = resolved.mediaType === MEDIA_TYPES.ociManifest;
    const config = {
      ...baseConfig,
      created: CREATED,
      rootfs: { type: 'layers', diff_ids: [...(baseConfig.rootfs?.diff_ids ?? []), layer.diffId] },
      history: [
        ...(baseConfig.history ?? []),
        {
          created: CREATED,
          created_by: `streampilot build ${job}`,
          comment: `${request.files.length} file(s) of job ${job}`,
        },
      ],
    };
    const configBytes = Buffer.from(JSON.stringify(config), 'utf8');
    const configDigest = sha256(configBytes);

    let bytesUploaded = 0;
    const baseLayers = baseManifest.layers.filter((l) => !isForeign(l));
    let done = 0;
    await mapBounded(baseLayers, this.options.concurrency ?? 3, async (blob) => {
      const known = `${target.registry}/${target.repository}@${blob.digest}`;
      const how = await step(job, 'copy base layer', async () => {
        if (this.knownBlobs.has(known)) return 'already present';
        if ((await targetClient.headBlob(target.repository, blob.digest)) !== undefined) {
          this.knownBlobs.add(known);
          return 'already present';
        }
        let uploadUrl: string | undefined;
        if (sameRegistry) {
          const mount = await targetClient.mountBlob(target.repository, blob.digest, base.repository);
          if (mount.mounted) {
            this.knownBlobs.add(known);
            return `mounted from ${base.repository}`;
          }
          uploadUrl = mount.uploadUrl;
        }
        const source = await baseClient.getBlobStream(base.repository, blob.digest);
        const sent = await targetClient.uploadBlob(target.repository, blob.digest, source.stream, {
          size: source.size ?? blob.size,
          ...(uploadUrl ? { uploadUrl } : {}),
        });
        this.knownBlobs.add(known);
        bytesUploaded += sent;
        return `copied ${formatBytes(sent)} from ${base.registry}/${base.repository}`;
      });
      done++;
      progress(`${job}: base layer ${done}/${baseLayers.length} ${blob.digest.slice(0, 19)}… ${how}`);
    });

    bytesUploaded += await this.ensureBlob(
      job,
      targetClient,
      target,
      layer.digest,
      layer.gzipped,
      'upload layer',
      progress,
      'layer',
    );
    bytesUploaded += await this.ensureBlob(
      job,
      targetClient,
      target,
      configDigest,
      configBytes,
      'upload config',
      progress,
      'config',
    );

    const manifest: ImageManifest = {
      schemaVersion: 2,
      mediaType: oci ? MEDIA_TYPES.ociManifest : MEDIA_TYPES.dockerManifest,
      config: {
        mediaType: oci ? MEDIA_TYPES.ociConfig : MEDIA_TYPES.dockerConfig,
        digest: configDigest,
        size: configBytes.length,
      },
      layers: [
        ...baseManifest.layers,
        {
          mediaType: oci ? MEDIA_TYPES.ociLayerGzip : MEDIA_TYPES.dockerLayerGzip,
          digest: layer.digest,
          size: layer.size,
        },
      ],
    };
    if (oci) {
      // Standard annotations that let scanners and `docker buildx imagetools` find the base.
      manifest.annotations = {
        'org.opencontainers.image.base.name': formatImageName({
          registry: base.registry,
          repository: base.repository,
          ...(base.tag ? { tag: base.tag } : {}),
        }),
        'org.opencontainers.image.base.digest': resolved.digest,
      };
    }
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    const digest = await step(job, 'push manifest', () =>
      targetClient.putManifest(target.repository, target.tag!, manifestBytes, manifest.mediaType!),
    );
    progress(
      `${job}: pushed ${request.target}@${digest} (${formatBytes(bytesUploaded)} uploaded, ${Date.now() - started} ms)`,
    );
    return { reference: request.target, digest, reused: false, bytesUploaded };
  }

  /**
   * The client for an image's registry, shared across builds so tokens and counters carry over.
   * `isTarget`: the project's own registry, which gets the explicit or environment credentials;
   * any other registry sees only what `docker login` stored for it.
   */
  async client(image: Pick<ImageName, 'registry' | 'apiHost'>, isTarget: boolean): Promise<RegistryClient> {
    const key = `${isTarget ? 'target' : 'other'} ${image.registry}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.makeClient(image, isTarget);
      // A failed credential lookup must not stick: drop it so the next build tries again.
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  /** Every registry client used so far: their `stats` count requests and bytes. */
  async registryClients(): Promise<RegistryClient[]> {
    return Promise.all(this.clients.values());
  }

  private async makeClient(image: Pick<ImageName, 'registry' | 'apiHost'>, isTarget: boolean): Promise<RegistryClient> {
    const sources: CredentialSources = { env: this.options.env ?? process.env };
    if (this.options.auth) sources.explicit = this.options.auth;
    if (this.options.dockerConfigPath) sources.dockerConfigPath = this.options.dockerConfigPath;
    const credentials = isTarget
      ? await resolveCredentials(image.registry, sources)
      : await dockerConfigCredentials(image.registry, this.options.dockerConfigPath);
    const insecure =
      (isTarget && this.options.insecure === true) || (this.options.insecureRegistries ?? []).includes(image.registry);
    return new RegistryClient({
      registry: image.registry,
      apiHost: image.apiHost,
      insecure,
      ...(credentials ? { credentials, credentialSource: describeSource(credentials.source) } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
  }

  private async ensureBlob(
    job: string,
    client: RegistryClient,
    target: ImageName,
    digest: string,
    bytes: Buffer,
    stepName: string,
    progress: Progress,
    what: string,
  ): Promise<number> {
    const known = `${target.registry}/${target.repository}@${digest}`;
    return step(job, stepName, async () => {
      if (this.knownBlobs.has(known) || (await client.headBlob(target.repository, digest)) !== undefined) {
        this.knownBlobs.add(known);
        progress(`${job}: ${what} ${digest.slice(0, 19)}… already present`);
        return 0;
      }
      const sent = await client.uploadBlob(target.repository, digest, bytes);
      this.knownBlobs.add(known);
      progress(`${job}: uploaded ${what} ${digest.slice(0, 19)}… ${formatBytes(sent)}`);
      return sent;
    });
  }

  private parse(job: string, reference: string, what: string): ImageName {
    try {
      return parseImageName(reference);
    } catch (e) {
      if (e instanceof ImageNameError) throw new BuildError(job, `parse ${what}`, e.message);
      throw e;
    }
  }
}

interface ImageConfig {
  rootfs?: { type?: string; diff_ids?: string[] };
  history?: unknown[];
  [key: string]: unknown;
}

function parseConfig(job: string, bytes: Buffer, baseImage: string): ImageConfig {
  try {
    const config = JSON.parse(bytes.toString('utf8')) as ImageConfig;
    if (config && typeof config === 'object') return config;
  } catch {
    // reported below
  }
  throw new BuildError(
    job,
    'read base image config',
    `the config of ${baseImage} is not a JSON object`,
    'The base image is damaged; re-push it or choose another.',
  );
}

/** Runs fn; a registry failure becomes a BuildError naming the job and the step, with the registry's hint (or a better one). */
async function step<T>(
  job: string,
  name: string,
  fn: () => Promise<T>,
  hint?: (e: RegistryError) => string | undefined,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof RegistryError) throw new BuildError(job, name, e.message, hint?.(e) ?? e.hint);
    if (e instanceof BuildError) throw e;
    throw new BuildError(job, name, (e as Error).message, e instanceof ConfigError ? e.hint : undefined);
  }
}

function baseImageHint(e: RegistryError, base: ImageName): string | undefined {
  if (e.status === 404 && (e.operation === 'get manifest' || e.operation === 'check manifest'))
    return missingBaseHint(base);
  return undefined;
}

function missingBase(job: string, base: ImageName): BuildError {
  return new BuildError(
    job,
    'read base image',
    `base image ${formatImageName(base)} was not found`,
    missingBaseHint(base),
  );
}

function missingBaseHint(base: ImageName): string {
  return `The base image ${base.digest ? 'digest' : `tag "${base.tag}"`} does not exist in ${base.registry}/${base.repository}: check baseImage in the job's manifest (spelling, tag), or push the base image first.`;
}

function describeSource(source: 'explicit' | 'environment' | 'docker-config'): string {
  return source === 'explicit'
    ? 'the configured credentials'
    : source === 'environment'
      ? 'STREAMPILOT_REGISTRY_USERNAME/STREAMPILOT_REGISTRY_PASSWORD'
      : 'the Docker config (docker login)';
}

/** Layers a registry may not hold (Windows base layers): they stay where their URLs point. */
function isForeign(layer: Descriptor): boolean {
  return /foreign|nondistributable/.test(layer.mediaType);
}
