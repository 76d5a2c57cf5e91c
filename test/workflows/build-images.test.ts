/**
 * The build workflow end to end against a real Docker engine and a real registry (Debian's
 * docker.io and docker-registry with htpasswd auth, started by .ci/run), with Maven
 * dependencies served from a local repository layout over HTTP.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuildPorts } from '../../src/image/build-ports.js';
import { createDockerBuilder } from '../../src/image/docker-builder.js';
import { RegistryBuilder } from '../../src/image/registry-builder.js';
import { createMavenResolver } from '../../src/maven/maven-resolver.js';
import { RegistryClient } from '../../src/registry/registry-client.js';
import { buildImages, type BuildPorts, type JobBuildOutcome } from '../../src/workflows/build-images.js';
import { ensureBaseImage, type BaseImage } from '../support/base-image.js';
import { dockerEnv } from '../support/docker-env.js';
import { startMavenRepo, type TestMavenRepo } from '../support/maven-repo.js';
import { registryEnv, registryRequests, type TestRegistry } from '../support/registry-env.js';
import { runCliAsync } from '../support/run-cli.js';
import { freePort } from '../support/free-port.js';
import { formatBuildOutcomes } from '../../src/report/format-build.js';
import { formatBuildCheckRun } from '../../src/report/build-check-run.js';
import { pull, runIn } from '../support/docker-run.js';
import { runnerJar, runnerJarFile } from '../../src/runner/runner-paths.js';

const reason = dockerEnv.skipReason ?? registryEnv.skipReason;
const UDF = 'com.acme.flink:acme-udfs:1.2.0';

const sql = (marker: string) => `CREATE TABLE clicks (user_id STRING, url STRING) WITH ('connector' = 'datagen');
CREATE TABLE sink (user_id STRING, url STRING) WITH ('connector' = 'blackhole');
-- ${marker}
INSERT INTO sink SELECT user_id, url FROM clicks WHERE url NOT LIKE '%--internal%';
`;

function writeRepository(
  root: string,
  options: { registry: string; repository: string; base: string; maven: string; marker: string },
): void {
  mkdirSync(path.join(root, 'jobs', 'clicks'), { recursive: true });
  writeFileSync(
    path.join(root, 'streampilot.yaml'),
    `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  baseImage: ${options.base}
  # Jobs without state: the operator wants checkpoint and savepoint directories for the others.
  upgradeMode: stateless
registry:
  repository: ${options.registry}/${options.repository}
  insecure: true
maven:
  repositories:
    - id: local
      url: ${options.maven}
environments:
  staging:
    namespace: flink-staging
`,
  );
  writeFileSync(
    path.join(root, 'jobs', 'clicks', 'job.yaml'),
    `apiVersion: streampilot.dev/v1
kind: FlinkSqlJob
name: clicks
sql: [main.sql]
dependencies:
  maven: [${UDF}]
`,
  );
  writeFileSync(path.join(root, 'jobs', 'clicks', 'main.sql'), sql(options.marker));
}

/** A project with one `build: configmap` job: SQL only, on a runner base image. */
function writeConfigMapRepository(root: string, options: { registry: string; base: string }): void {
  mkdirSync(path.join(root, 'jobs', 'sql-only'), { recursive: true });
  writeFileSync(
    path.join(root, 'streampilot.yaml'),
    `apiVersion: streampilot.dev/v1\nkind: Project\ndefaults:\n  upgradeMode: stateless\nregistry:\n  repository: ${options.registry}/jobs\n  insecure: true\nenvironments:\n  staging: {}\n`,
  );
  writeFileSync(
    path.join(root, 'jobs', 'sql-only', 'job.yaml'),
    `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: sql-only\nsql: [main.sql]\nbuild: configmap\nbaseImage: ${options.base}\n`,
  );
  writeFileSync(path.join(root, 'jobs', 'sql-only', 'main.sql'), sql('configmap'));
}

/** Ports for workflows that must not reach a registry, a Docker engine or Maven: any call fails the test. */
const untouchable = (): BuildPorts => {
  const refuse = (what: string) => () => {
    throw new Error(`${what} was called, but nothing may be looked up or built here`);
  };
  return {
    registry: {
      name: 'registry',
      build: refuse('registry.build'),
      resolveBaseDigest: refuse('registry.resolveBaseDigest'),
      findImage: refuse('registry.findImage'),
    },
    maven: { resolveAll: refuse('maven.resolveAll') } as unknown as BuildPorts['maven'],
    progress: () => undefined,
  };
};

describe('build: configmap jobs, without a registry', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'sp-build-cm-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('without --push: nothing is looked up, and the job runs on its base image as written', async () => {
    const root = path.join(work, 'dry');
    writeConfigMapRepository(root, { registry: '127.0.0.1:1', base: 'ghcr.io/acme/flink-sql-runner:1.20' });
    const result = await buildImages(root, { environment: 'staging', push: false }, untouchable());
    expect(result.diagnostics).toEqual([]);
    expect(result.outcomes).toEqual([
      { job: 'sql-only', status: 'no-image', image: 'ghcr.io/acme/flink-sql-runner:1.20' },
    ]);
    expect(formatBuildOutcomes(result.outcomes, { pushed: false })).toBe(
      'sql-only  no image: SQL in a ConfigMap, runs on ghcr.io/acme/flink-sql-runner:1.20',
    );
  });

  it('with --push, a base image that cannot be read fails the job at "resolve base image", saying why', async () => {
    const root = path.join(work, 'unreachable');
    // Nothing listens on the port: the registry-native builder's lookup fails as against a registry that is down.
    const host = `127.0.0.1:${await freePort()}`;
    writeConfigMapRepository(root, { registry: host, base: `${host}/base/runner:1` });
    const ports = { ...untouchable(), registry: new RegistryBuilder({ targetRegistry: host, insecure: true }) };
    const result = await buildImages(root, { environment: 'staging', push: true }, ports);
    expect(result.outcomes).toEqual([
      {
        job: 'sql-only',
        status: 'failed',
        step: 'resolve base image',
        message: expect.stringContaining(host),
        hint: expect.stringMatching(/reachable/),
      },
    ]);
    const check = formatBuildCheckRun({
      environments: [{ environment: 'staging', outcomes: result.outcomes, diagnostics: result.diagnostics }],
    });
    expect(check.conclusion).toBe('failure');
    expect(check.summary).toContain('| staging | sql-only | **failed** at resolve base image:');
  });
});

describe('a project without registry.repository', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'sp-build-noreg-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the build ports are made (a configmap job needs none), and an image job fails at once naming the setting, looking nothing up', async () => {
    const root = path.join(work, 'repo');
    mkdirSync(path.join(root, 'jobs', 'clicks'), { recursive: true });
    writeFileSync(
      path.join(root, 'streampilot.yaml'),
      'apiVersion: streampilot.dev/v1\nkind: Project\ndefaults:\n  upgradeMode: stateless\nenvironments:\n  staging: {}\n',
    );
    writeFileSync(
      path.join(root, 'jobs', 'clicks', 'job.yaml'),
      'apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: clicks\nsql: [main.sql]\n',
    );
    writeFileSync(path.join(root, 'jobs', 'clicks', 'main.sql'), sql('no registry'));
    const project = {
      apiVersion: 'streampilot.dev/v1' as const,
      kind: 'Project' as const,
      environments: { staging: {} },
    };
    await expect(createBuildPorts(project, { progress: () => undefined, docker: 'none' })).resolves.toBeDefined();
    const result = await buildImages(root, { environment: 'staging', push: true }, untouchable());
    expect(result.outcomes).toEqual([
      {
        job: 'clicks',
        status: 'failed',
        step: 'configuration',
        message: expect.stringContaining('registry.repository'),
        hint: expect.stringContaining('registry:'),
      },
    ]);
  });
});

const built = (o: JobBuildOutcome | undefined) => {
  if (!o || (o.status !== 'built' && o.status !== 'reused'))
    throw new Error(`expected an image, got ${JSON.stringify(o)}`);
  return o.image;
};

describe.skipIf(reason)(`build workflow with a real engine, registry and Maven repository ${reason ?? ''}`, () => {
  const docker = dockerEnv.docker;
  const run = randomBytes(4).toString('hex');
  const work = mkdtempSync(path.join(tmpdir(), 'sp-build-'));
  let registry: TestRegistry;
  let base: BaseImage;
  let maven: TestMavenRepo;
  let udfJar: Buffer;
  const pulled: string[] = [];
  const savedEnv = {
    user: process.env.STREAMPILOT_REGISTRY_USERNAME,
    password: process.env.STREAMPILOT_REGISTRY_PASSWORD,
  };

  const ports = (): BuildPorts => ({
    registry: new RegistryBuilder({ targetRegistry: registry.host, insecure: true }),
    docker: createDockerBuilder({
      docker,
      credentials: { [registry.host]: { username: registry.username, password: registry.password } },
    }),
    maven: createMavenResolver({
      repositories: [{ id: 'local', url: maven.url, checksums: 'required' }],
      cacheDir: path.join(work, 'maven-cache'),
    }),
    progress: () => undefined,
  });
  const repo = (name: string, marker = 'v1', repository = `jobs-${run}`) => {
    const root = path.join(work, name);
    writeRepository(root, { registry: registry.host, repository, base: base.reference, maven: maven.url, marker });
    return root;
  };

  beforeAll(async () => {
    if (dockerEnv.problem) throw new Error(dockerEnv.problem);
    if (!registryEnv.registry) throw new Error(registryEnv.problem);
    registry = registryEnv.registry;
    base = await ensureBaseImage(docker, registry);
    maven = await startMavenRepo();
    udfJar = maven.publish(UDF);
    // The registry-native builder reads credentials for the target registry from the environment, as in CI jobs.
    process.env.STREAMPILOT_REGISTRY_USERNAME = registry.username;
    process.env.STREAMPILOT_REGISTRY_PASSWORD = registry.password;
  }, 120_000);

  afterAll(async () => {
    process.env.STREAMPILOT_REGISTRY_USERNAME = savedEnv.user;
    process.env.STREAMPILOT_REGISTRY_PASSWORD = savedEnv.password;
    if (savedEnv.user === undefined) delete process.env.STREAMPILOT_REGISTRY_USERNAME;
    if (savedEnv.password === undefined) delete process.env.STREAMPILOT_REGISTRY_PASSWORD;
    await maven?.close();
    for (const ref of pulled)
      await docker
        .getImage(ref)
        .remove({ force: true })
        .catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it('the registry-native and the Docker-built image of the same job run and show the same files', async () => {
    const native = await buildImages(
      repo('native', 'v1', `native-${run}`),
      { environment: 'staging', push: true, builder: 'registry' },
      ports(),
    );
    const engine = await buildImages(
      repo('engine', 'v1', `engine-${run}`),
      { environment: 'staging', push: true, builder: 'docker' },
      ports(),
    );
    const a = built(native.outcomes[0]);
    const b = built(engine.outcomes[0]);
    // same content, same tag name: only the repository differs
    expect(a.reference.split(':').pop()).toBe(b.reference.split(':').pop());
    const listings: string[] = [];
    for (const image of [a, b]) {
      await pull(docker, image.reference, registry);
      pulled.push(image.reference);
      listings.push(
        await runIn(docker, image.reference, [
          'sh',
          '-c',
          'cd /opt/flink/usrlib && find . -type f | sort | xargs sha256sum',
        ]),
      );
    }
    expect(listings[0]).toBe(listings[1]);
    expect(listings[0]).toContain('./acme-udfs-1.2.0.jar');
    expect(listings[0]).toMatch(/\.\/sql-scripts\/script\.sql/);
    // StreamPilot's runner, the default runner.jarURI, at the path that URI names
    expect(listings[0]).toContain(
      `${createHash('sha256').update(readFileSync(runnerJarFile())).digest('hex')}  ./streampilot-sql-runner.jar`,
    );
    const script = await runIn(docker, a.reference, ['cat', '/opt/flink/usrlib/sql-scripts/script.sql']);
    // the framed script StreamPilot's runner reads: comments blanked, statements as written
    expect(script.split('\n')[0]).toBe('-- streampilot framed script v1');
    expect(script).not.toContain('-- v1');
    expect(script).toContain('INSERT INTO sink');
    expect(
      (await runIn(docker, a.reference, ['sha256sum', '/opt/flink/usrlib/acme-udfs-1.2.0.jar'])).split(' ')[0],
    ).toBe((await import('node:crypto')).createHash('sha256').update(udfJar).digest('hex'));
  });

  it('a second build of an unchanged job uploads nothing; a SQL-only change uploads one small layer and a config', async () => {
    const root = repo('incremental');
    const first = built((await buildImages(root, { environment: 'staging', push: true }, ports())).outcomes[0]);
    expect(first.bytesUploaded).toBeGreaterThan(0);

    const before = registryRequests(registry).length;
    const again = built((await buildImages(root, { environment: 'staging', push: true }, ports())).outcomes[0]);
    const sent = registryRequests(registry).slice(before);
    expect(again).toMatchObject({ reused: true, bytesUploaded: 0, reference: first.reference, digest: first.digest });
    expect(sent.filter((r) => r.method !== 'GET' && r.method !== 'HEAD')).toEqual([]);

    writeFileSync(path.join(root, 'jobs', 'clicks', 'main.sql'), sql('v1').replace("'%--internal%'", "'%--admin%'"));
    const changed = built((await buildImages(root, { environment: 'staging', push: true }, ports())).outcomes[0]);
    expect(changed.reference).not.toBe(first.reference);
    expect(changed.reused).toBe(false);
    // the base layers are already there: only the job layer (script, jars, StreamPilot's runner) and the config travel
    expect(changed.bytesUploaded).toBeLessThan(udfJar.length + runnerJar().bytes.length + 4096);
  });

  it('the pushed image is readable with the credentials and not without them', async () => {
    const image = built((await buildImages(repo('auth'), { environment: 'staging', push: true }, ports())).outcomes[0]);
    const [repository, tag] = image.reference.slice(registry.host.length + 1).split(':') as [string, string];
    const anonymous = new RegistryClient({ registry: registry.host, insecure: true });
    await expect(anonymous.headManifest(repository, tag)).rejects.toThrow(/401|credentials|login/i);
    const authenticated = new RegistryClient({
      registry: registry.host,
      insecure: true,
      credentials: { username: registry.username, password: registry.password },
    });
    expect((await authenticated.headManifest(repository, tag))?.digest).toBe(image.digest);
  });

  it('a missing Maven artifact fails that job with the coordinate and the repository named, and builds nothing', async () => {
    const root = repo('missing');
    writeFileSync(
      path.join(root, 'jobs', 'clicks', 'job.yaml'),
      `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: clicks\nsql: [main.sql]\ndependencies:\n  maven: [com.acme.flink:not-there:9.9]\n`,
    );
    const result = await buildImages(root, { environment: 'staging', push: true }, ports());
    expect(result.outcomes[0]).toMatchObject({ job: 'clicks', status: 'failed', step: 'resolve Maven dependencies' });
    const failed = result.outcomes[0] as { message: string };
    expect(failed.message).toContain('com.acme.flink:not-there:9.9');
    expect(failed.message).toContain(maven.url);
  });

  it('a build: configmap job builds and uploads nothing: it runs on its base image, pinned to the digest the registry has', async () => {
    const root = path.join(work, 'configmap');
    writeConfigMapRepository(root, { registry: registry.host, base: base.reference });
    const before = registryRequests(registry).length;
    const result = await buildImages(root, { environment: 'staging', push: true }, ports());
    expect(result.outcomes).toEqual([
      { job: 'sql-only', status: 'no-image', image: `${base.reference}@${base.digest}` },
    ]);
    expect(
      registryRequests(registry)
        .slice(before)
        .filter((r) => r.method !== 'GET' && r.method !== 'HEAD'),
    ).toEqual([]);
    const check = formatBuildCheckRun({
      environments: [{ environment: 'staging', outcomes: result.outcomes, diagnostics: result.diagnostics }],
    });
    expect(check.conclusion).toBe('success');
    expect(check.title).toBe('0 built, 0 reused, 1 without image');
    expect(check.summary).toContain(
      `| staging | sql-only | no image: SQL in a ConfigMap, runs on the base image | \`${base.reference}\` | \`${base.digest}\` |`,
    );

    process.env.STREAMPILOT_REGISTRY_USERNAME = registry.username;
    process.env.STREAMPILOT_REGISTRY_PASSWORD = registry.password;
    const cli = await runCliAsync(['build', '--dir', root, '--push'], { cacheHome: path.join(work, 'cli-cache') });
    expect(cli.stdout).toContain(`sql-only  no image: SQL in a ConfigMap, runs on ${base.reference}@${base.digest}`);
    expect(cli.status).toBe(0);
  });

  it('a build: configmap job whose base image is not in the registry fails at "resolve base image", naming it', async () => {
    const root = path.join(work, 'configmap-missing');
    writeConfigMapRepository(root, { registry: registry.host, base: `${registry.host}/base/not-there-${run}:1` });
    const [outcome] = (await buildImages(root, { environment: 'staging', push: true }, ports())).outcomes;
    expect(outcome).toMatchObject({ job: 'sql-only', status: 'failed', step: 'resolve base image' });
    expect((outcome as { message: string }).message).toContain(`base/not-there-${run}`);
  });

  it('`streampilot build` without --push says what it would build; with --push it builds, then reuses', async () => {
    const root = repo('cli', 'cli', `cli-${run}`);
    const env = { cacheHome: path.join(work, 'cli-cache') };
    const withCredentials = (args: string[]) => {
      process.env.STREAMPILOT_REGISTRY_USERNAME = registry.username;
      process.env.STREAMPILOT_REGISTRY_PASSWORD = registry.password;
      return runCliAsync(args, env);
    };
    const dry = await withCredentials(['build', '--dir', root]);
    expect(dry.stdout).toMatch(
      new RegExp(`clicks  would be built  ${registry.host.replace(/\./g, '\\.')}/cli-${run}:clicks-[0-9a-f]{16}`),
    );
    expect(dry.status).toBe(0);
    const push = await withCredentials(['build', '--dir', root, '--push']);
    expect(push.stdout).toMatch(/clicks {2}built and pushed .*@sha256:[0-9a-f]{64}/);
    expect(push.stderr).toMatch(/clicks: /); // progress lines
    expect(push.stderr + push.stdout).not.toContain(registry.password);
    const again = await withCredentials(['build', '--dir', root, '--push']);
    expect(again.stdout).toMatch(/clicks {2}unchanged, reused/);
    expect(again.status).toBe(0);
  });
});
