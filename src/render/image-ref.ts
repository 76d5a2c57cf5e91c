import { createHash } from 'node:crypto';
import type { ResolvedJob } from '../manifest/types.js';
import { DEFAULT_SCRIPT_PATH } from './runner-args.js';
import { RUNNER_JAR_PATH, usesOwnRunner } from '../runner/runner-paths.js';

/**
 * Image tags are content addresses: equal content, equal tag, so an unchanged job is never
 * rebuilt or re-pushed. The content is everything that ends up in the image's files and nothing
 * that only reaches the Kubernetes resource (parallelism, flinkConfiguration, pod template …
 * change the FlinkDeployment, not the image).
 */
export interface ImageContent {
  /** The normalised SQL script, byte for byte as written into the image. */
  script: string;
  /** Where the script goes in the image (runner.scriptPath, or DEFAULT_SCRIPT_PATH). */
  scriptPath: string;
  /** Maven coordinates `group:artifact:version[:classifier]`; their jars go into the image. */
  maven: readonly string[];
  /** Jars from the repository, by path, with the sha256 of their bytes (a path alone says nothing about content). */
  jars: readonly { path: string; sha256: string }[];
  baseImage: BaseImage;
  /** StreamPilot's runner jar, when the job uses it: where it goes and the sha256 of its sources. */
  runner?: { path: string; sourceSha256: string };
  /** Jobs built from their own Dockerfile: sha256 over the build context (Dockerfile included). */
  dockerContext?: string;
}

/**
 * The image we build on. At plan time only the reference is known; the builder resolves the
 * manifest digest (the seam for that is `digest`). A tag such as `flink:1.20` moves, so a hash
 * without the digest is provisional: the same job hashed with a digest gets a different tag,
 * and a new base image release yields a new tag once the builder fills it in.
 */
export interface BaseImage {
  reference: string;
  /** `sha256:<64 hex>` of the base image manifest, resolved by the builder. */
  digest?: string;
}

/**
 * Bump when the builder lays files out differently, so that images built by an older layout
 * are not reused under the same tag.
 */
export const IMAGE_LAYOUT_VERSION = 1;

/** The fields of a resolved job that decide its image's content. */
export function imageContent(
  job: ResolvedJob,
  input: {
    script: string;
    jarDigests: Readonly<Record<string, string>>;
    baseImageDigest?: string;
    mavenDigests?: Readonly<Record<string, string>>;
    dockerContext?: string;
    /** `runnerJar().sourceSha256`: required when the job uses StreamPilot's runner. */
    runnerSourceSha256?: string;
  },
): ImageContent {
  const own = usesOwnRunner(job.runner.jarURI);
  if (own && !input.runnerSourceSha256)
    throw new Error(`${job.name}: no sha256 given for StreamPilot's runner jar; pass runnerJar().sourceSha256.`);
  return {
    ...(own ? { runner: { path: RUNNER_JAR_PATH, sourceSha256: input.runnerSourceSha256! } } : {}),
    ...(input.dockerContext ? { dockerContext: input.dockerContext } : {}),
    script: input.script,
    scriptPath: job.runner.scriptPath ?? DEFAULT_SCRIPT_PATH,
    // Once resolved, a coordinate carries its jar's checksum: a re-published artifact is new content.
    maven: job.dependencies.maven.map((c) => (input.mavenDigests?.[c] ? `${c}@sha256:${input.mavenDigests[c]}` : c)),
    jars: job.dependencies.jars.map((path) => {
      const sha256 = input.jarDigests[path];
      if (!sha256)
        throw new Error(
          `${job.name}: no sha256 given for dependency jar "${path}"; hash the file before computing the image tag.`,
        );
      return { path, sha256 };
    }),
    baseImage: input.baseImageDigest
      ? { reference: job.baseImage, digest: input.baseImageDigest }
      : { reference: job.baseImage },
  };
}

/**
 * sha256 (64 hex) over a canonical JSON of the content. Orderings that do not change the image
 * (the order dependencies are listed in) do not change the hash.
 */
export function contentHash(parts: ImageContent): string {
  if (parts.baseImage.digest !== undefined && !/^sha256:[0-9a-f]{64}$/.test(parts.baseImage.digest)) {
    throw new Error(`base image digest "${parts.baseImage.digest}" is not of the form sha256:<64 lower-case hex>.`);
  }
  const canonical = {
    layout: IMAGE_LAYOUT_VERSION,
    baseImage: { reference: parts.baseImage.reference, digest: parts.baseImage.digest ?? null },
    scriptPath: parts.scriptPath,
    script: parts.script,
    maven: [...new Set(parts.maven)].sort(),
    jars: [...parts.jars]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((j) => [j.path, j.sha256]),
    ...(parts.runner ? { runner: [parts.runner.path, parts.runner.sourceSha256] } : {}),
    // only present for Dockerfile builds, so every other tag stays what it was
    ...(parts.dockerContext ? { dockerContext: parts.dockerContext } : {}),
  };
  return createHash('sha256').update(JSON.stringify(canonical), 'utf8').digest('hex');
}

const TAG_HASH_LENGTH = 16;
const MAX_TAG_LENGTH = 128;

/**
 * `<repository>:<job>-<first 16 hex of the content hash>`, e.g.
 * `ghcr.io/acme/flink-jobs:orders-enrichment-3f2a9c0d1e4b5a67`. 64 bits of hash keep tags short
 * while a collision between two builds of one job stays out of reach.
 */
export function imageReference(job: Pick<ResolvedJob, 'name'>, registryRepository: string, hash: string): string {
  const repository = registryRepository.replace(/\/+$/, '');
  const lastSegment = repository.slice(repository.lastIndexOf('/') + 1);
  if (repository === '' || lastSegment.includes(':') || repository.includes('@')) {
    throw new Error(
      `registry.repository "${registryRepository}" must be a repository without tag or digest, e.g. ghcr.io/acme/flink-jobs; StreamPilot adds the tag.`,
    );
  }
  if (repository !== repository.toLowerCase()) {
    throw new Error(
      `registry.repository "${registryRepository}" has upper-case letters; image repositories must be lower case.`,
    );
  }
  if (!/^[0-9a-f]{64}$/.test(hash)) {
    throw new Error(`content hash "${hash}" is not 64 lower-case hex characters; pass contentHash()'s result.`);
  }
  const tag = `${job.name}-${hash.slice(0, TAG_HASH_LENGTH)}`;
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(tag) || tag.length > MAX_TAG_LENGTH) {
    throw new Error(
      `job name "${job.name}" cannot be part of an image tag (letters, digits, '_', '.', '-'; tag at most ${MAX_TAG_LENGTH} characters).`,
    );
  }
  return `${repository}:${tag}`;
}
