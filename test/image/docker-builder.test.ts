import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerBuilder } from '../../src/image/docker-builder.js';
import { BuildError, type BuildRequest, type ImageFile } from '../../src/image/types.js';
import { ensureBaseImage, type BaseImage } from '../support/base-image.js';
import { dockerEnv } from '../support/docker-env.js';
import { basicAuth, registryEnv, type TestRegistry } from '../support/registry-env.js';
import { pull, runIn } from '../support/docker-run.js';

const reason = dockerEnv.skipReason ?? registryEnv.skipReason;

describe.skipIf(reason)(`docker builder against a real engine and registry ${reason ?? ''}`, () => {
  const docker = dockerEnv.docker;
  let registry: TestRegistry;
  const run = randomBytes(4).toString('hex');
  const builder = () =>
    createDockerBuilder({
      docker,
      credentials: { [registry.host]: { username: registry.username, password: registry.password } },
    });
  const dirs: string[] = [];
  const built: string[] = [];
  let base: BaseImage;

  const files: ImageFile[] = [
    // The run id makes this run's layer new to the registry, so its upload is measurable.
    {
      path: '/opt/flink/usrlib/sql-scripts/script.sql',
      content: Buffer.from(`SET 'pipeline.name' = 'orders-${run}';\nINSERT INTO sink SELECT * FROM src;\n`),
    },
    {
      path: '/opt/flink/usrlib/flink-sql-connector-kafka-3.3.0-1.20.jar',
      content: Buffer.from('PK\u0003\u0004 not really a jar'),
    },
  ];
  const request = (job: string, extra: Partial<BuildRequest> = {}): BuildRequest => {
    const target = `${registry.host}/jobs/${job}:${run}`;
    built.push(target);
    return { job, baseImage: base.reference, files, target, ...extra };
  };
  const contextWith = (dockerfile: string, more: Record<string, string> = {}) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-docker-ctx-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    for (const [name, content] of Object.entries(more)) writeFileSync(path.join(dir, name), content);
    return { contextDir: dir, path: 'Dockerfile' };
  };

  beforeAll(async () => {
    // Only reached without a registry or engine in CI, where that must fail every test below.
    if (dockerEnv.problem) throw new Error(dockerEnv.problem);
    if (!registryEnv.registry) throw new Error(registryEnv.problem);
    registry = registryEnv.registry;
    base = await ensureBaseImage(docker, registry);
    // Builds below find the base in the engine, so a test with bad push credentials fails at the push, not at the pull.
    await pull(docker, base.reference, registry);
  }, 120_000);

  afterAll(async () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    for (const ref of built)
      await docker
        .getImage(ref)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('builds a job without a Dockerfile from the base, pushes it, and the pulled image holds the job files', async () => {
    const lines: string[] = [];
    const image = await builder().build(request('plain'), (l) => lines.push(l));
    expect(image).toMatchObject({ reference: `${registry.host}/jobs/plain:${run}`, reused: false });
    expect(image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(image.bytesUploaded).toBeGreaterThan(0);
    expect(lines.some((l) => /^plain: Step 1\/\d+ : ARG BASE_IMAGE$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('plain: ') && l.includes('Pushed'))).toBe(true);

    // The registry serves that digest under the tag, to the credentials only.
    const manifestUrl = `http://${registry.host}/v2/jobs/plain/manifests/${run}`;
    const accept = 'application/vnd.docker.distribution.manifest.v2+json';
    const withAuth = await fetch(manifestUrl, {
      method: 'HEAD',
      headers: { authorization: basicAuth(registry), accept },
    });
    expect(withAuth.headers.get('docker-content-digest')).toBe(image.digest);
    expect((await fetch(manifestUrl, { method: 'HEAD', headers: { accept } })).status).toBe(401);

    // Pulled back from the registry by digest, not the engine's local copy.
    await docker.getImage(image.reference).remove({ force: true });
    const byDigest = `${registry.host}/jobs/plain@${image.digest}`;
    await pull(docker, byDigest, registry);
    built.push(byDigest);
    const listing = await runIn(docker, byDigest, ['find', '/opt/flink/usrlib', '-type', 'f']);
    expect(listing.split('\n').filter(Boolean).sort()).toEqual([
      '/opt/flink/usrlib/flink-sql-connector-kafka-3.3.0-1.20.jar',
      '/opt/flink/usrlib/sql-scripts/script.sql',
    ]);
    expect(await runIn(docker, byDigest, ['cat', '/opt/flink/usrlib/sql-scripts/script.sql'])).toBe(
      files[0]!.content.toString(),
    );
    // The build context never leaks into the image.
    expect(await runIn(docker, byDigest, ['find', '/', '-name', '.streampilot'])).toBe('');
  });

  it('uploads nothing when the same files are pushed again under another tag', async () => {
    const first = await builder().build(request('again'), () => undefined);
    const lines: string[] = [];
    const second = await builder().build({ ...request('again'), target: `${registry.host}/jobs/again:${run}-2` }, (l) =>
      lines.push(l),
    );
    built.push(second.reference);
    expect(second.bytesUploaded).toBe(0);
    expect(second.digest).toBe(first.digest);
    expect(lines.filter((l) => l.includes('Layer already exists')).length).toBeGreaterThan(0);
  });

  it("runs a job's own Dockerfile on BASE_IMAGE, with its context, and adds the job files after its steps", async () => {
    const dockerfile = contextWith(
      'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY extra.conf /opt/flink/conf/extra.conf\nRUN echo "built on $(cat /etc/passwd | wc -l) users" > /opt/flink/marker',
      { 'extra.conf': 'taskmanager.numberOfTaskSlots: 2\n' },
    );
    const image = await builder().build(request('custom', { dockerfile }), () => undefined);
    const ref = image.reference;
    expect(await runIn(docker, ref, ['cat', '/opt/flink/conf/extra.conf', '/opt/flink/marker'])).toBe(
      'taskmanager.numberOfTaskSlots: 2\nbuilt on 2 users\n',
    );
    expect(
      (await runIn(docker, ref, ['find', '/opt/flink/usrlib', '-type', 'f'])).split('\n').filter(Boolean).sort(),
    ).toEqual(files.map((f) => f.path).sort());
  });

  it('surfaces a failing Dockerfile step as a BuildError naming the step and the command', async () => {
    const dockerfile = contextWith('ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo about to fail && exit 3\n');
    const lines: string[] = [];
    const error = await builder()
      .build(request('broken', { dockerfile }), (l) => lines.push(l))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(BuildError);
    const e = error as BuildError;
    expect(e.step).toBe('docker build');
    expect(e.job).toBe('broken');
    expect(e.message).toMatch(
      /^broken: docker build failed: Step 3\/\d+ : RUN echo about to fail && exit 3: .*returned a non-zero code: 3$/,
    );
    expect(e.hint).toContain('Dockerfile');
    // The step's own output reached the progress stream before the failure.
    expect(lines).toContain('broken: about to fail');
  });

  it('fails a push with wrong credentials clearly, and never shows the password', async () => {
    const password = `wrong-${randomBytes(6).toString('hex')}`;
    const lines: string[] = [];
    const bad = createDockerBuilder({
      docker,
      credentials: { [registry.host]: { username: registry.username, password } },
    });
    const error = (await bad
      .build(request('badauth'), (l) => lines.push(l))
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as BuildError;
    expect(error).toBeInstanceOf(BuildError);
    expect(error.step).toBe('docker push');
    expect(error.message).toMatch(
      new RegExp(
        `^badauth: docker push failed: ${registry.host.replace('.', '\\.')}/jobs/badauth:${run}: .*(unauthorized|authentication required|no basic auth)`,
        'i',
      ),
    );
    expect(error.hint).toMatch(/refused the credentials/);
    const everything = [error.message, error.hint, error.stack, ...lines].join('\n');
    expect(everything).not.toContain(password);
  });
});
