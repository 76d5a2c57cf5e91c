import Docker from 'dockerode';
import { ConfigError } from '../errors.js';
import { createMavenResolver } from '../maven/maven-resolver.js';
import { mavenRepositories } from '../maven/maven-repositories.js';
import { resolveCredentials } from '../registry/credentials.js';
import { parseImageName } from '../registry/image-name.js';
import type { ProjectSpec } from '../manifest/types.js';
import type { BuildPorts } from './types.js';
import { createDockerBuilder } from './docker-builder.js';
import { RegistryBuilder } from './registry-builder.js';
import type { ImageBuilder, Progress } from './types.js';

/** The project's `registry.repository`, or a configuration error saying where to add it. */
export function requireRegistryRepository(registry: { repository?: string } | undefined): string {
  if (!registry?.repository)
    throw new ConfigError(
      'streampilot.yaml has no `registry.repository`: there is nowhere to push images',
      'add `registry: { repository: ghcr.io/<org>/flink-jobs }` to streampilot.yaml',
    );
  return registry.repository;
}

export interface BuildPortsOptions {
  progress: Progress;
  /** Default: the Maven resolver's own cache folder. */
  mavenCacheDir?: string;
  /** `required`: no reachable engine is an error; `if-reachable`: the Docker builder exists only when an engine answers; `none`: never ask. */
  docker: 'required' | 'if-reachable' | 'none';
}

/**
 * The builders and resolver for one project's settings, as the CLI and the app both build
 * them. Registry credentials come from the environment (STREAMPILOT_REGISTRY_USERNAME /
 * _PASSWORD) or ~/.docker/config.json, and go to the project's registry only.
 */
export async function createBuildPorts(project: ProjectSpec, options: BuildPortsOptions): Promise<BuildPorts> {
  // Without registry.repository nothing can be pushed, but `build: configmap` jobs still resolve
  // their base image's digest; each job that needs a push fails on its own, naming the setting.
  const targetRegistry = project.registry?.repository
    ? parseImageName(project.registry.repository).registry
    : undefined;
  let docker: ImageBuilder | undefined;
  if (options.docker !== 'none') {
    const engine = new Docker();
    const reachable = await engine.ping().then(
      () => true,
      () => false,
    );
    if (reachable) {
      // A registry other than STREAMPILOT_REGISTRY_HOST gets no credentials; each job's base image lookup says why.
      const auth = targetRegistry
        ? await resolveCredentials(targetRegistry).catch((e: unknown) =>
            e instanceof ConfigError ? undefined : Promise.reject(e),
          )
        : undefined;
      docker = createDockerBuilder({
        docker: engine,
        ...(auth && targetRegistry ? { credentials: { [targetRegistry]: auth } } : {}),
      });
    } else if (options.docker === 'required') {
      throw new ConfigError(
        'the Docker builder needs a Docker engine, and none answers',
        'start Docker, or set DOCKER_HOST to the engine',
      );
    }
  }
  return {
    registry: new RegistryBuilder({
      ...(targetRegistry ? { targetRegistry } : {}),
      insecure: project.registry?.insecure === true,
    }),
    ...(docker ? { docker } : {}),
    maven: createMavenResolver({
      repositories: mavenRepositories(project.maven),
      ...(options.mavenCacheDir ? { cacheDir: options.mavenCacheDir } : {}),
    }),
    progress: options.progress,
  };
}
