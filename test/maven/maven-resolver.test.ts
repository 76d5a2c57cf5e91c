import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MavenError } from '../../src/maven/maven-error.js';
import { mavenRepositories } from '../../src/maven/maven-repositories.js';
import { createMavenResolver } from '../../src/maven/maven-resolver.js';
import { startMavenRepo, type TestMavenRepo } from '../support/maven-repo.js';

const KAFKA = 'org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let repo: TestMavenRepo;
let cacheDir: string;
beforeEach(async () => {
  repo = await startMavenRepo();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'sp-maven-cache-'));
});
afterEach(async () => {
  await repo.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

const resolverFor = (...repos: { id: string; url: string; checksums?: 'required' | 'optional' }[]) =>
  createMavenResolver({ repositories: mavenRepositories({ repositories: repos }, {}), cacheDir });

async function failure(promise: Promise<unknown>): Promise<MavenError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MavenError);
  return error as MavenError;
}

describe('maven resolver (against a Maven 2 layout served over HTTP)', () => {
  it('downloads the jar, verifies it against the .sha256 and returns it from the cache', async () => {
    const jar = repo.publish(KAFKA);
    const artifact = await resolverFor({ id: 'mirror', url: repo.url }).resolve(KAFKA);
    expect(artifact).toMatchObject({
      coordinate: KAFKA,
      fileName: 'flink-sql-connector-kafka-3.3.0-1.20.jar',
      sha256: sha256(jar),
      size: jar.length,
      verifiedWith: 'sha256',
    });
    expect(readFileSync(artifact.file).equals(jar)).toBe(true);
    expect(artifact.file.startsWith(cacheDir)).toBe(true);
    expect(repo.requests.map((r) => r.path)).toEqual([
      'org/apache/flink/flink-sql-connector-kafka/3.3.0-1.20/flink-sql-connector-kafka-3.3.0-1.20.jar',
      'org/apache/flink/flink-sql-connector-kafka/3.3.0-1.20/flink-sql-connector-kafka-3.3.0-1.20.jar.sha256',
    ]);
  });

  it('falls back to the .sha1 (sha1sum style with a file name) when no .sha256 is published', async () => {
    const jar = repo.publish(`${KAFKA}:tests`, { checksums: ['sha1'], checksumWithFileName: true });
    const artifact = await resolverFor({ id: 'mirror', url: repo.url }).resolve(`${KAFKA}:tests`);
    expect(artifact.verifiedWith).toBe('sha1');
    expect(artifact.fileName).toBe('flink-sql-connector-kafka-3.3.0-1.20-tests.jar');
    expect(artifact.sha256).toBe(sha256(jar));
  });

  it('a second resolve, even by a new resolver, downloads nothing', async () => {
    repo.publish(KAFKA);
    const first = await resolverFor({ id: 'mirror', url: repo.url }).resolve(KAFKA);
    const before = repo.requests.length;
    const second = await resolverFor({ id: 'mirror', url: repo.url }).resolve(KAFKA);
    expect(repo.requests.length - before).toBe(0);
    expect(second.sha256).toBe(first.sha256);
  });

  it('downloads again when the cached jar was damaged on disk', async () => {
    const jar = repo.publish(KAFKA);
    const first = await resolverFor({ id: 'mirror', url: repo.url }).resolve(KAFKA);
    writeFileSync(first.file, 'garbage');
    const again = await resolverFor({ id: 'mirror', url: repo.url }).resolve(KAFKA);
    expect(readFileSync(again.file).equals(jar)).toBe(true);
    expect(repo.requests.filter((r) => r.path.endsWith('.jar'))).toHaveLength(2);
  });

  it('refuses a jar whose checksum does not match, naming coordinate and repository, and caches nothing', async () => {
    repo.publish(KAFKA, { wrongChecksum: true });
    const error = await failure(resolverFor({ id: 'mirror', url: repo.url }).resolve(KAFKA));
    expect(error.message).toContain(KAFKA);
    expect(error.message).toContain('checksum mismatch');
    expect(error.message).toContain(repo.url);
    expect(error.hint).toMatch(/retry/i);
    // Nothing trusted was kept: the next attempt asks the repository again.
    const before = repo.requests.length;
    await failure(resolverFor({ id: 'mirror', url: repo.url }).resolve(KAFKA));
    expect(repo.requests.length).toBeGreaterThan(before);
  });

  it('reports a missing artifact with every repository it tried and what to do', async () => {
    const other = await startMavenRepo();
    try {
      const error = await failure(
        resolverFor({ id: 'mirror', url: repo.url }, { id: 'backup', url: other.url }).resolve('org.example:nope:1.0'),
      );
      expect(error.message).toBe(
        `org.example:nope:1.0: not found in maven repository \`mirror\` (${repo.url}org/example/nope/1.0/nope-1.0.jar), \`backup\` (${other.url}org/example/nope/1.0/nope-1.0.jar)`,
      );
      expect(error.hint).toMatch(/check the group, artifact and version/);
    } finally {
      await other.close();
    }
  });

  it('takes the jar from the first repository that has it', async () => {
    const other = await startMavenRepo();
    try {
      const jar = other.publish(KAFKA);
      const artifact = await resolverFor({ id: 'mirror', url: repo.url }, { id: 'backup', url: other.url }).resolve(
        KAFKA,
      );
      expect(artifact.sha256).toBe(sha256(jar));
      expect(artifact.url.startsWith(other.url)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('refuses an unverifiable jar unless the repository says checksums: optional', async () => {
    const jar = repo.publish(KAFKA, { checksums: [] });
    const error = await failure(resolverFor({ id: 'mirror', url: repo.url }).resolve(KAFKA));
    expect(error.message).toContain('publishes no .sha256 or .sha1');
    expect(error.hint).toContain('checksums: optional');
    const artifact = await resolverFor({ id: 'mirror', url: repo.url, checksums: 'optional' }).resolve(KAFKA);
    expect(artifact).toMatchObject({ verifiedWith: 'none', sha256: sha256(jar) });
  });

  it('refuses a SNAPSHOT version: the image would not be reproducible', async () => {
    const error = await failure(resolverFor({ id: 'mirror', url: repo.url }).resolve('org.example:udf:1.0-SNAPSHOT'));
    expect(error.hint).toMatch(/pin a released version/);
    expect(repo.requests).toEqual([]);
  });
});

describe('maven resolver with an authenticated repository (Basic, as Artifactory and Nexus)', () => {
  const password = 's3cr3t-maven-pass';
  let secured: TestMavenRepo;
  beforeEach(async () => {
    secured = await startMavenRepo({ auth: { username: 'ci', password } });
  });
  afterEach(() => secured.close());

  const spec = () => ({ repositories: [{ id: 'artifactory', url: secured.url }] });
  const allowListed = (pw: string) => ({
    STREAMPILOT_MAVEN_ARTIFACTORY_USERNAME: 'ci',
    STREAMPILOT_MAVEN_ARTIFACTORY_PASSWORD: pw,
    STREAMPILOT_MAVEN_ARTIFACTORY_URL: secured.url,
  });

  it('sends the credentials the operator allow-listed for the repository id and its pinned URL', async () => {
    const jar = secured.publish(KAFKA);
    const resolver = createMavenResolver({ repositories: mavenRepositories(spec(), allowListed(password)), cacheDir });
    expect((await resolver.resolve(KAFKA)).sha256).toBe(sha256(jar));
    expect(secured.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('says the credentials were refused, without printing them', async () => {
    secured.publish(KAFKA);
    const resolver = createMavenResolver({
      repositories: mavenRepositories(spec(), allowListed('wrong-password-xyz')),
      cacheDir,
    });
    const error = await failure(resolver.resolve(KAFKA));
    expect(error.message).toBe(
      `${KAFKA}: the credentials of repository \`artifactory\` were refused (HTTP 401 from ${secured.url})`,
    );
    expect(`${error.message} ${error.hint}`).not.toContain('wrong-password-xyz');
  });

  it('says the repository needs credentials when none are configured', async () => {
    secured.publish(KAFKA);
    const resolver = createMavenResolver({
      repositories: mavenRepositories({ repositories: [{ id: 'artifactory', url: secured.url }] }, {}),
      cacheDir,
    });
    expect((await failure(resolver.resolve(KAFKA))).message).toContain('repository `artifactory` needs credentials');
  });
});
