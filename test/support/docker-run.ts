import type Docker from 'dockerode';
import { readEngineStream } from '../../src/image/docker-builder.js';
import type { TestRegistry } from './registry-env.js';

/** Runs `cmd` in a fresh container of `image` and returns what it printed; a non-zero exit throws with the output. */
export async function runIn(docker: Docker, image: string, cmd: string[]): Promise<string> {
  const container = await docker.createContainer({ Image: image, Cmd: cmd, Tty: true });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const out = (await container.logs({ stdout: true, stderr: true })).toString().replaceAll('\r\n', '\n');
    if (StatusCode !== 0) throw new Error(`${cmd.join(' ')} exited ${StatusCode}: ${out}`);
    return out;
  } finally {
    await container.remove({ force: true });
  }
}

/** `docker pull` with the test registry's credentials; an error in the stream throws. */
export async function pull(docker: Docker, reference: string, registry: TestRegistry): Promise<void> {
  const stream = (await docker.pull(reference, {
    authconfig: { username: registry.username, password: registry.password, serveraddress: registry.host },
  })) as NodeJS.ReadableStream;
  let problem: string | undefined;
  await readEngineStream(stream, (m) => (problem ??= m.errorDetail?.message ?? m.error));
  if (problem) throw new Error(`pull ${reference}: ${problem}`);
}
