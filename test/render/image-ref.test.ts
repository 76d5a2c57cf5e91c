import { describe, expect, it } from 'vitest';
import { contentHash, imageContent, imageReference, type ImageContent } from '../../src/render/image-ref.js';
import { DEFAULT_SCRIPT_PATH } from '../../src/render/runner-args.js';
import type { ResolvedJob } from '../../src/manifest/types.js';
import { resolvedJob } from '../support/resolved-job.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

const base: ImageContent = {
  script: 'INSERT INTO s SELECT * FROM o;\n',
  scriptPath: DEFAULT_SCRIPT_PATH,
  maven: ['org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20', 'org.apache.flink:flink-json:1.20.0'],
  jars: [
    { path: 'jobs/a/udf/a.jar', sha256: 'a'.repeat(64) },
    { path: 'jobs/a/udf/b.jar', sha256: 'b'.repeat(64) },
  ],
  baseImage: { reference: 'flink:1.20-java17', digest: digest('1') },
};

const job = (overrides: Partial<ResolvedJob> = {}): ResolvedJob =>
  resolvedJob({
    namespace: 'flink',
    flinkConfiguration: {},
    dependencies: { maven: ['org.apache.flink:flink-json:1.20.0'], jars: ['jobs/orders-enrichment/udf/u.jar'] },
    ...overrides,
  });

describe('contentHash', () => {
  it('is a sha256 that changes with everything that goes into the image', () => {
    const h = contentHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    const variants: ImageContent[] = [
      { ...base, script: `${base.script}INSERT INTO t SELECT 1;\n` },
      { ...base, scriptPath: '/opt/flink/usrlib/other.sql' },
      { ...base, maven: [...base.maven, 'org.apache.flink:flink-avro:1.20.0'] },
      { ...base, jars: [{ path: 'jobs/a/udf/a.jar', sha256: 'c'.repeat(64) }, base.jars[1]!] },
      { ...base, baseImage: { reference: 'flink:1.20-java11', digest: digest('1') } },
      { ...base, baseImage: { reference: 'flink:1.20-java17', digest: digest('2') } },
      { ...base, baseImage: { reference: 'flink:1.20-java17' } },
    ];
    const hashes = new Set([h, ...variants.map(contentHash)]);
    expect(hashes.size).toBe(variants.length + 1);
  });

  it('ignores the order and repetition of dependencies, which do not change the image', () => {
    const shuffled: ImageContent = {
      ...base,
      maven: [base.maven[1]!, base.maven[0]!, base.maven[1]!],
      jars: [base.jars[1]!, base.jars[0]!],
    };
    expect(contentHash(shuffled)).toBe(contentHash(base));
  });

  it('refuses a malformed base image digest', () => {
    expect(() => contentHash({ ...base, baseImage: { reference: 'flink:1.20', digest: 'sha256:abc' } })).toThrow(
      /sha256:<64 lower-case hex>/,
    );
  });
});

describe('imageContent', () => {
  const jarDigests = { 'jobs/orders-enrichment/udf/u.jar': 'd'.repeat(64) };

  it('does not change when only deployment settings change, so no rebuild follows', () => {
    const a = contentHash(imageContent(job(), { script: base.script, jarDigests }));
    const b = contentHash(
      imageContent(
        job({
          parallelism: 16,
          flinkConfiguration: { 'state.backend.type': 'rocksdb' },
          environment: 'production',
          namespace: 'prod',
          podTemplate: { spec: {} },
        }),
        {
          script: base.script,
          jarDigests,
        },
      ),
    );
    expect(b).toBe(a);
  });

  it('changes with the base image digest once the builder resolves it', () => {
    const plan = contentHash(imageContent(job(), { script: base.script, jarDigests }));
    const built = contentHash(imageContent(job(), { script: base.script, jarDigests, baseImageDigest: digest('e') }));
    expect(built).not.toBe(plan);
  });

  it('needs the digest of every jar from the repository', () => {
    expect(() => imageContent(job(), { script: base.script, jarDigests: {} })).toThrow(
      /no sha256 given for dependency jar "jobs\/orders-enrichment\/udf\/u.jar"/,
    );
  });
});

describe('imageReference', () => {
  const hash = contentHash(base);

  it('tags with the job name and the first 16 hex of the hash', () => {
    expect(imageReference({ name: 'orders-enrichment' }, 'ghcr.io/acme/flink-jobs', hash)).toBe(
      `ghcr.io/acme/flink-jobs:orders-enrichment-${hash.slice(0, 16)}`,
    );
    expect(imageReference({ name: 'j' }, 'localhost:5000/flink-jobs/', hash)).toBe(
      `localhost:5000/flink-jobs:j-${hash.slice(0, 16)}`,
    );
  });

  it.each([
    ['ghcr.io/acme/flink-jobs:latest', /without tag or digest/],
    ['ghcr.io/acme/flink-jobs@sha256:abc', /without tag or digest/],
    ['ghcr.io/Acme/flink-jobs', /lower case/],
    ['', /without tag or digest/],
  ])('refuses repository %j', (repository, message) => {
    expect(() => imageReference({ name: 'j' }, repository, hash)).toThrow(message);
  });

  it('refuses something that is not a content hash', () => {
    expect(() => imageReference({ name: 'j' }, 'ghcr.io/acme/x', 'abc')).toThrow(/64 lower-case hex/);
  });
});
