import { sha256Hex } from '../text/sha256.js';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveRepoPath } from '../manifest/repository-files.js';
import { jarImagePath, readJobJar, USER_LIB_DIR } from '../manifest/job-jars.js';
import { requireRegistryRepository } from '../image/build-ports.js';
import type { ResultCache } from '../cache/result-cache.js';
import {
  BuildError,
  type BuildPorts,
  type BuildRequest,
  type ImageFile,
  type JobBuildOutcome,
} from '../image/types.js';

export type { BuildPorts, JobBuildOutcome, RegistryLookup } from '../image/types.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { ConfigError, hintOf, messageOf } from '../errors.js';
import type { PlannedEnvironment, PlannedJob } from '../plan/types.js';
import { contentHash, imageContent, imageReference } from '../render/image-ref.js';
import { DEFAULT_SCRIPT_PATH } from '../render/runner-args.js';
import type { BuilderName, ResolvedJob } from '../manifest/types.js';
import { checkRepository } from './check-repository.js';
import { RUNNER_JAR_PATH, runnerJar, usesOwnRunner } from '../runner/runner-paths.js';

export { USER_LIB_DIR };

/** The `step` of a job that failed for want of configuration (no `registry.repository`): the person's setup to fix. */
export const CONFIGURATION_STEP = 'configuration';

export interface BuildImagesOptions {
  /**
   * The environment whose plan is built. A job on StreamPilot's runner keeps its `${…}` in the
   * image, so its image is the same for every environment; a job with its own runner gets this
   * environment's variables substituted into its script (the script is part of the image).
   */
  environment: string;
  /** Only these jobs (default: every application-mode job). */
  jobs?: string[];
  /** Force a builder for every job (default: the job's `build.builder`, docker when it has a Dockerfile, else registry). */
  builder?: BuilderName;
  /** false: compute each job's tag and say whether it would be built or reused, without building. */
  push: boolean;
  cache?: ResultCache;
}

export interface BuildImagesResult {
  outcomes: JobBuildOutcome[];
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /** The environment's plan the images were built from: what a deploy renders, without checking again. */
  environment?: PlannedEnvironment;
}

/**
 * Build and push the image of each job that needs one, content-addressed: validate the
 * repository, resolve the base image digest and the Maven jars, hash everything that goes
 * into the image into its tag, and build only when the registry does not have that tag yet.
 * A job with errors is not built; one job's failure does not stop the others.
 */
export async function buildImages(
  root: string,
  options: BuildImagesOptions,
  ports: BuildPorts,
): Promise<BuildImagesResult> {
  const checked = checkRepository(root, {
    environments: [options.environment],
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
  });
  const environment = checked.plan.environments[0];
  const outcomes: JobBuildOutcome[] = [];
  if (!environment) return { outcomes, diagnostics: checked.diagnostics, sources: checked.sources };

  for (const planned of environment.jobs) {
    if (planned.mode === 'session') {
      outcomes.push({
        job: planned.name,
        status: 'skipped',
        reason: 'session mode: the job runs in its session cluster’s image',
      });
      continue;
    }
    if (planned.blocked || hasErrors(checked.diagnostics.filter((d) => d.file.startsWith(`${planned.dir}/`)))) {
      outcomes.push({
        job: planned.name,
        status: 'skipped',
        reason: 'the job has errors (see above): nothing is built from it',
      });
      continue;
    }
    outcomes.push(
      planned.job.packaging === 'configmap'
        ? await pinBaseImage(planned.job, options, ports)
        : await buildJob(root, planned, options, ports),
    );
  }
  // A job whose manifest or rendering failed has no plan, but it is still a job the user asked to build.
  for (const job of environment.unplanned ?? [])
    outcomes.push({ job: job.name, status: 'skipped', reason: `${job.reason} (see above): nothing is built from it` });
  outcomes.sort((a, b) => (a.job < b.job ? -1 : a.job > b.job ? 1 : 0));
  return { outcomes, diagnostics: checked.diagnostics, sources: checked.sources, environment };
}

async function buildJob(
  root: string,
  planned: PlannedJob,
  options: BuildImagesOptions,
  ports: BuildPorts,
): Promise<JobBuildOutcome> {
  const job = planned.job;
  const builderName = chooseBuilder(job, options.builder);
  const builder = builderName === 'docker' ? ports.docker : ports.registry;
  try {
    if (!builder)
      throw new BuildError(
        job.name,
        'choose builder',
        'this job needs the Docker builder, but no Docker engine is configured',
        'start Docker (or set DOCKER_HOST), or build it with --builder registry when it has no Dockerfile of its own',
      );
    // Before any download: without a repository to push to, nothing else is worth fetching.
    const repository = requireRegistryRepository(job.registry);
    ports.progress(`${job.name}: resolving dependencies and the base image`);
    const artifacts = await step(job.name, 'resolve Maven dependencies', () =>
      ports.maven.resolveAll(job.dependencies.maven),
    );
    const localJars = job.dependencies.jars.map((written) => {
      const read = readJobJar(root, job.dir, written);
      if (!read.ok) throw new BuildError(job.name, 'read jars', `jar ${read.problem}`, read.hint);
      return { path: written, bytes: read.bytes };
    });
    const baseDigest = await ports.registry.resolveBaseDigest(job.baseImage, job.name);
    const runner = usesOwnRunner(job.runner.jarURI) ? runnerJar() : undefined;

    const hash = contentHash(
      imageContent(job, {
        script: planned.script,
        jarDigests: Object.fromEntries(localJars.map((j) => [j.path, sha256Hex(j.bytes)])),
        mavenDigests: Object.fromEntries(artifacts.map((a) => [a.coordinate, a.sha256])),
        baseImageDigest: baseDigest,
        ...(runner ? { runnerSourceSha256: runner.sourceSha256 } : {}),
        ...(job.build?.dockerfile ? { dockerContext: folderSha256(path.join(root, job.dir)) } : {}),
      }),
    );
    const target = imageReference(job, repository, hash);
    if (!options.push) {
      const existing = await ports.registry.findImage(target, job.name);
      return { job: job.name, status: existing ? 'exists' : 'would-build', builder: builderName, reference: target };
    }

    const files: ImageFile[] = [
      { path: job.runner.scriptPath ?? DEFAULT_SCRIPT_PATH, content: Buffer.from(planned.script, 'utf8') },
      ...artifacts.map((a) => ({ path: `${USER_LIB_DIR}/${a.fileName}`, content: readFileSync(a.file) })),
      ...localJars.map((j) => ({ path: jarImagePath(j.path), content: j.bytes })),
      ...(runner ? [{ path: RUNNER_JAR_PATH, content: runner.bytes }] : []),
    ];
    const request: BuildRequest = { ...requestBase(job, target, baseDigest), files };
    if (job.build?.dockerfile) {
      // The loader refuses such a Dockerfile already; checked again because the engine is sent its content.
      const where = resolveRepoPath(root, job.dir, job.build.dockerfile);
      if (!where.ok) throw new BuildError(job.name, 'read Dockerfile', `Dockerfile ${where.problem}`, where.hint);
      request.dockerfile = { contextDir: path.join(root, job.dir), path: job.build.dockerfile };
    }
    const image = await builder.build(request, ports.progress);
    return { job: job.name, status: image.reused ? 'reused' : 'built', builder: builderName, image };
  } catch (e) {
    if (e instanceof BuildError)
      return { job: job.name, status: 'failed', step: e.step, message: e.detail, ...(e.hint ? { hint: e.hint } : {}) };
    if (e instanceof ConfigError)
      return {
        job: job.name,
        status: 'failed',
        step: CONFIGURATION_STEP,
        message: e.message,
        ...(e.hint ? { hint: e.hint } : {}),
      };
    throw e;
  }
}

/** A `build: configmap` job runs on its base image as is: the only thing to do is to pin it. */
async function pinBaseImage(
  job: ResolvedJob,
  options: BuildImagesOptions,
  ports: BuildPorts,
): Promise<JobBuildOutcome> {
  if (!options.push) return { job: job.name, status: 'no-image', image: job.baseImage };
  try {
    ports.progress(`${job.name}: no image to build (build: configmap); resolving the base image ${job.baseImage}`);
    const digest = await step(job.name, 'resolve base image', () =>
      ports.registry.resolveBaseDigest(job.baseImage, job.name),
    );
    return { job: job.name, status: 'no-image', image: pinned(job.baseImage, digest) };
  } catch (e) {
    if (e instanceof BuildError)
      return {
        job: job.name,
        status: 'failed',
        step: 'resolve base image',
        message: e.detail,
        ...(e.hint ? { hint: e.hint } : {}),
      };
    throw e;
  }
}

/** `<reference>@<digest>`, replacing a digest the reference already carries. */
function pinned(reference: string, digest: string): string {
  return `${reference.replace(/@sha256:[0-9a-f]{64}$/, '')}@${digest}`;
}

function requestBase(job: ResolvedJob, target: string, baseDigest: string): Omit<BuildRequest, 'files'> {
  // Build on exactly the base that was hashed, even if its tag moves meanwhile.
  return { job: job.name, baseImage: pinned(job.baseImage, baseDigest), target };
}

export function chooseBuilder(job: ResolvedJob, forced: BuilderName | undefined): BuilderName {
  if (forced) return forced;
  if (job.build?.builder) return job.build.builder;
  return job.build?.dockerfile ? 'docker' : 'registry';
}

async function step<T>(job: string, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof BuildError) throw e;
    const hint = hintOf(e);
    throw new BuildError(job, name, messageOf(e), hint);
  }
}

/** sha256 over every file of a folder (relative path and bytes, sorted): a Docker build context. */
function folderSha256(dir: string): string {
  const hash = createHash('sha256');
  const walk = (at: string, rel: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(at, entry.name);
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(full, name);
      else if (entry.isFile()) hash.update(name).update('\u0000').update(readFileSync(full)).update('\u0000');
    }
  };
  walk(dir, '');
  return hash.digest('hex');
}
