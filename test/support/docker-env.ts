import Docker from 'dockerode';

/**
 * Is a Docker engine reachable (DOCKER_HOST, else /var/run/docker.sock)? Tests that need one
 * do `describe.skipIf(dockerEnv.skipReason)(\`… ${dockerEnv.skipReason ?? ''}\`)`.
 * In CI (`CI=true`) the reason is never set: a missing engine there must fail the tests,
 * not skip them silently.
 */
export interface DockerEnv {
  docker: Docker;
  /** Why the Docker tests skip here; always undefined in CI. */
  skipReason: string | undefined;
  /** Why the engine is unreachable, also in CI (for the infrastructure test's message). */
  problem: string | undefined;
}

async function probe(): Promise<DockerEnv> {
  const docker = new Docker();
  let problem: string | undefined;
  try {
    await Promise.race([
      docker.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 5 s')), 5000).unref()),
    ]);
  } catch (error) {
    problem = `no Docker engine reachable (${process.env.DOCKER_HOST ?? '/var/run/docker.sock'}: ${error instanceof Error ? error.message : String(error)})`;
  }
  return { docker, problem, skipReason: skipReasonFor(problem) };
}

/** What a test name shows when a real part is missing; nothing in CI, where a missing part must fail. */
export function skipReasonFor(problem: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.CI === 'true' || !problem ? undefined : `skipped: ${problem}`;
}

export const dockerEnv: DockerEnv = await probe();
