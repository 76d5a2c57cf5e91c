import { DomainError } from '../errors.js';
import type { MavenResolver } from '../maven/maven-resolver.js';
import type { BuilderName } from '../manifest/types.js';
import type { RegistryAuth } from '../registry/types.js';

export type { RegistryAuth };
/**
 * The seam between the build workflow and the two image builders (registry-native and
 * Docker engine). The workflow decides WHAT goes into a job's image (the normalised
 * script, resolved Maven jars, local jars) and its content-addressed tag; a builder only
 * knows HOW to produce and push an image from a base image plus files.
 */

/** One file to add to the image. */
export interface ImageFile {
  /** Absolute path inside the image, e.g. /opt/flink/usrlib/sql-scripts/script.sql. */
  path: string;
  content: Buffer;
  /** Unix permission bits; default 0o644. */
  mode?: number;
}

export interface BuildRequest {
  /** Job name, for progress output and error messages. */
  job: string;
  /** Base image reference as written in the manifests (e.g. flink:1.20-java17 or registry:5000/flink:1.20). */
  baseImage: string;
  files: ImageFile[];
  /** Full target reference `<repository>:<tag>`. */
  target: string;
  /** Linux platform to build for when the base is a multi-platform index. */
  platform?: { os: string; architecture: string; variant?: string };
  /** For the Docker builder: the job's Dockerfile and build context folder. */
  dockerfile?: { contextDir: string; path: string };
}

export interface BuiltImage {
  /** `<repository>:<tag>` */
  reference: string;
  /** Manifest digest `sha256:…` of the pushed (or found) image: deployments pin it. */
  digest: string;
  /** True when the registry already had the tag and nothing was built or uploaded. */
  reused: boolean;
  /** Bytes of blob data sent to the registry for this image (0 when reused). */
  bytesUploaded: number;
}

/** Progress lines for a person watching a long build ("orders: uploading layer 2.1 MB"). */
export type Progress = (line: string) => void;

export interface ImageBuilder {
  readonly name: 'registry' | 'docker';
  build(request: BuildRequest, progress: Progress): Promise<BuiltImage>;
}

/** A build or push failure, naming the job and the step that failed. */
export class BuildError extends DomainError {
  constructor(
    readonly job: string,
    readonly step: string,
    /** What went wrong, without the job and step the message starts with: a build outcome names both already. */
    readonly detail: string,
    hint?: string,
  ) {
    super(`${job}: ${step} failed: ${detail}`, hint);
  }
}

/** What the registry-native builder also answers, without building: the digest a reference points to now. */
export interface RegistryLookup {
  /** Digest of the base image (throws BuildError when it does not exist). */
  resolveBaseDigest(baseImage: string, job?: string): Promise<string>;
  /** Digest of an image already in the registry, or undefined. */
  findImage(reference: string, job?: string): Promise<string | undefined>;
}

/** What building a job's image needs: the builders, the Maven resolver, and where to say what happens. */
export interface BuildPorts {
  registry: ImageBuilder & RegistryLookup;
  /** Absent when no Docker engine is configured; jobs that need one then fail with a clear error. */
  docker?: ImageBuilder;
  maven: MavenResolver;
  progress: Progress;
}

/** What became of one job's image. */
export type JobBuildOutcome =
  | { job: string; status: 'built' | 'reused'; builder: BuilderName; image: BuiltImage }
  | { job: string; status: 'would-build' | 'exists'; builder: BuilderName; reference: string }
  /**
   * `build: configmap`: nothing is built; the job runs on its base image, `image`. Pinned
   * (`<base>@sha256:…`) when pushing, so a deploy runs exactly what was resolved; as written in
   * the manifests when not, because nothing is looked up then.
   */
  | { job: string; status: 'no-image'; image: string }
  | { job: string; status: 'skipped'; reason: string }
  | { job: string; status: 'failed'; step: string; message: string; hint?: string };
