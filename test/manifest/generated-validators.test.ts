// The manifests' validators are generated ahead of time (scripts/generate-validators.mjs) so that no
// process compiles the schemas at run time. These tests keep the generated modules honest: they
// must be what ajv writes from today's schemas, and they must report exactly the errors a
// validator ajv compiles now reports, since every schema message is built from those errors.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import validateJobSchema from '../../src/manifest/generated/job-schema-validator.js';
import validateProjectSchema from '../../src/manifest/generated/project-schema-validator.js';
import { parseYamlSource } from '../../src/manifest/yaml-document.js';
import {
  MANIFEST_KINDS,
  manifestAjv,
  manifestSchemaPath,
  validatorModulePath,
  validatorModuleSource,
  type ManifestKind,
} from '../../scripts/generate-validators.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Generated {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
const generated: Record<ManifestKind, Generated> = { job: validateJobSchema, project: validateProjectSchema };

const compiled = new Map<ManifestKind, ValidateFunction>();
function compiledNow(kind: ManifestKind): ValidateFunction {
  let v = compiled.get(kind);
  if (!v) {
    v = manifestAjv().compile(JSON.parse(readFileSync(manifestSchemaPath(kind), 'utf8')) as object);
    compiled.set(kind, v);
  }
  return v;
}

/** Both validators' verdict and errors on one manifest. */
function bothOn(kind: ManifestKind, data: unknown) {
  const fresh = compiledNow(kind);
  const ok = fresh(data);
  const generatedOk = generated[kind](data);
  return {
    fresh: { ok, errors: fresh.errors ?? [] },
    generated: { ok: generatedOk, errors: generated[kind].errors ?? [] },
  };
}

const VALID_JOB = {
  apiVersion: 'streampilot.dev/v1',
  kind: 'FlinkSqlJob',
  name: 'orders',
  sql: ['main.sql'],
};
const VALID_PROJECT = { apiVersion: 'streampilot.dev/v1', kind: 'Project', environments: { staging: {} } };

/** Manifests that fail one way each, over the keywords the schemas use. */
const INVALID: { kind: ManifestKind; what: string; data: unknown }[] = [
  { kind: 'job', what: 'not a mapping', data: 'name: orders' },
  { kind: 'job', what: 'empty', data: null },
  { kind: 'job', what: 'a list', data: [VALID_JOB] },
  { kind: 'job', what: 'missing required keys', data: { apiVersion: 'streampilot.dev/v1' } },
  { kind: 'job', what: 'wrong kind (const)', data: { ...VALID_JOB, kind: 'Project' } },
  { kind: 'job', what: 'unknown key, top level', data: { ...VALID_JOB, paralelism: 2 } },
  { kind: 'job', what: 'unknown key, nested', data: { ...VALID_JOB, resources: { taskManager: { cpus: 2 } } } },
  { kind: 'job', what: 'wrong types', data: { ...VALID_JOB, sql: 'main.sql', parallelism: '4', flinkVersion: 1.2 } },
  { kind: 'job', what: 'bad name pattern', data: { ...VALID_JOB, name: 'Orders_Enrichment' } },
  { kind: 'job', what: 'name too long', data: { ...VALID_JOB, name: 'a'.repeat(46) } },
  // Lengths are counted in code points (ajv's ucs2length, which the generated module imports):
  // 40 emoji (80 UTF-16 units) are within namespace's 63, 64 are not.
  { kind: 'job', what: 'namespace of 40 emoji', data: { ...VALID_JOB, namespace: '😀'.repeat(40) } },
  { kind: 'job', what: 'namespace of 64 emoji', data: { ...VALID_JOB, namespace: '😀'.repeat(64) } },
  { kind: 'job', what: 'empty base image', data: { ...VALID_JOB, baseImage: '' } },
  { kind: 'job', what: 'parallelism too large', data: { ...VALID_JOB, parallelism: 40000 } },
  { kind: 'job', what: 'parallelism zero', data: { ...VALID_JOB, parallelism: 0 } },
  { kind: 'job', what: 'cpu zero', data: { ...VALID_JOB, resources: { jobManager: { cpu: 0 } } } },
  {
    kind: 'job',
    what: 'replicas and task slots too large',
    data: { ...VALID_JOB, resources: { taskManager: { replicas: 2 ** 31, taskSlots: 2 ** 32 } } },
  },
  { kind: 'job', what: 'upgrade mode misspelt', data: { ...VALID_JOB, upgradeMode: 'savepiont' } },
  { kind: 'job', what: 'flink version not offered', data: { ...VALID_JOB, flinkVersion: '1.16' } },
  { kind: 'job', what: 'no sql files', data: { ...VALID_JOB, sql: [] } },
  { kind: 'job', what: 'sql file without .sql', data: { ...VALID_JOB, sql: ['main.txt'] } },
  {
    kind: 'job',
    what: 'repeated and malformed maven coordinates',
    data: { ...VALID_JOB, dependencies: { maven: ['a:b:1', 'a:b:1', 'org.apache.flink:flink-sql-connector-kafka'] } },
  },
  { kind: 'job', what: 'build neither configmap nor a mapping', data: { ...VALID_JOB, build: 'configmpa' } },
  { kind: 'job', what: 'build with an unknown builder', data: { ...VALID_JOB, build: { builder: 'kaniko' } } },
  { kind: 'job', what: 'variable name with a space', data: { ...VALID_JOB, variables: { 'my var': 'x' } } },
  { kind: 'job', what: 'empty flink configuration key', data: { ...VALID_JOB, flinkConfiguration: { '': 'x' } } },
  {
    kind: 'job',
    what: 'secret reference out of shape',
    data: { ...VALID_JOB, secrets: { db: { secret: 'Not_A_Name', key: '..', extra: 1 } } },
  },
  {
    kind: 'job',
    what: 'restore from a path and redeploy 0',
    data: { ...VALID_JOB, restoreFrom: { savepoint: '/tmp/sp', redeploy: 0 } },
  },
  {
    kind: 'job',
    what: 'environment override with unknown key and bad memory',
    data: {
      ...VALID_JOB,
      environments: { production: { paralelism: 8, resources: { jobManager: { memory: '1.5g' } } } },
    },
  },
  { kind: 'project', what: 'not a mapping', data: 42 },
  { kind: 'project', what: 'missing environments', data: { apiVersion: 'streampilot.dev/v1', kind: 'Project' } },
  { kind: 'project', what: 'no environments', data: { ...VALID_PROJECT, environments: {} } },
  { kind: 'project', what: 'environment name not a label', data: { ...VALID_PROJECT, environments: { Prod_: {} } } },
  {
    kind: 'project',
    what: 'environment name too long',
    data: { ...VALID_PROJECT, environments: { ['e'.repeat(64)]: {} } },
  },
  { kind: 'project', what: 'unknown top-level key', data: { ...VALID_PROJECT, enviroments: {} } },
  {
    kind: 'project',
    what: 'deploy-on misspelt and allowed repeated',
    data: {
      ...VALID_PROJECT,
      environments: { prod: { deployOn: 'merged', allowed: ['acme/ops', 'acme/ops', 'a b'] } },
    },
  },
  {
    kind: 'project',
    what: 'command permission neither a word nor a list',
    data: { ...VALID_PROJECT, environments: { prod: { commands: { deploy: 'everyone', rollback: [] } } } },
  },
  { kind: 'project', what: 'registry without repository', data: { ...VALID_PROJECT, registry: { repo: 'x' } } },
  {
    kind: 'project',
    what: 'registry repository with a tag',
    data: { ...VALID_PROJECT, registry: { repository: 'ghcr.io/acme/jobs:1' } },
  },
  {
    kind: 'project',
    what: 'maven repository out of shape',
    data: { ...VALID_PROJECT, maven: { repositories: [{ id: '-x', url: 'ftp://x', checksums: 'sometimes' }] } },
  },
  { kind: 'project', what: 'no maven repositories', data: { ...VALID_PROJECT, maven: { repositories: [] } } },
  {
    kind: 'project',
    what: 'deploy timeout in days',
    data: { ...VALID_PROJECT, deploy: { timeout: '1d', prune: 'yes' } },
  },
  {
    kind: 'project',
    what: 'defaults out of range',
    data: { ...VALID_PROJECT, defaults: { parallelism: 32769, resources: { taskManager: { taskSlots: 0 } } } },
  },
  { kind: 'project', what: 'repository not owner/name', data: { ...VALID_PROJECT, repository: 'acme' } },
  {
    kind: 'project',
    what: 'provided connectors repeated',
    data: { ...VALID_PROJECT, provided: { connectors: ['kafka', 'kafka', ''] } },
  },
];

/** Every manifest the repository ships as an example or fixture, valid or not. */
function shippedManifests(): { kind: ManifestKind; file: string; data: unknown }[] {
  const out: { kind: ManifestKind; file: string; data: unknown }[] = [];
  const add = (kind: ManifestKind, file: string) => {
    if (!existsSync(file)) return; // a job folder without job.yaml, which examples/broken has
    const source = parseYamlSource(file, readFileSync(file, 'utf8'));
    if (source.value !== undefined) out.push({ kind, file: path.relative(repoRoot, file), data: source.value });
  };
  for (const example of ['acme-flink-jobs', 'broken']) {
    const dir = path.join(repoRoot, 'examples', example);
    add('project', path.join(dir, 'streampilot.yaml'));
    for (const job of readdirSync(path.join(dir, 'jobs'))) add('job', path.join(dir, 'jobs', job, 'job.yaml'));
  }
  const spec = path.join(repoRoot, 'test', 'fixtures', 'spec');
  for (const name of readdirSync(spec).filter((n) => n.endsWith('.yaml')))
    add(name.includes('project') ? 'project' : 'job', path.join(spec, name));
  return out;
}

describe('the generated manifest validators', () => {
  it.each(MANIFEST_KINDS)('%s: the committed module is what ajv writes from the schema today', (kind) => {
    const file = validatorModulePath(kind);
    const committed = readFileSync(file, 'utf8');
    // Not toEqual: a diff of ajv's output helps nobody; the message says what to do.
    expect(
      committed === validatorModuleSource(kind),
      `${path.relative(repoRoot, file)} is out of date with schemas/${kind}.schema.json or the installed ajv: ` +
        'run `npm run generate:validators` and commit the result',
    ).toBe(true);
  });

  it('accept the valid manifests a freshly compiled validator accepts', () => {
    for (const [kind, data] of [
      ['job', VALID_JOB],
      ['project', VALID_PROJECT],
    ] as const) {
      expect(bothOn(kind, data)).toEqual({ fresh: { ok: true, errors: [] }, generated: { ok: true, errors: [] } });
    }
  });

  it.each(INVALID)('$kind, $what: the same errors as a freshly compiled validator, whole', ({ kind, data }) => {
    const { fresh, generated } = bothOn(kind, data);
    expect(fresh.ok).toBe(false);
    expect(fresh.errors.length).toBeGreaterThan(0);
    // keyword, instancePath, schemaPath, params, message, and (verbose) schema, parentSchema, data.
    expect(generated).toEqual(fresh);
  });

  it('agree on every manifest the examples and fixtures ship', () => {
    const manifests = shippedManifests();
    expect(manifests.length).toBeGreaterThan(10);
    for (const { kind, file, data } of manifests)
      expect(bothOn(kind, data).generated, file).toEqual(bothOn(kind, data).fresh);
    expect(manifests.some(({ kind, data }) => !bothOn(kind, data).fresh.ok)).toBe(true);
    expect(manifests.some(({ kind, data }) => bothOn(kind, data).fresh.ok)).toBe(true);
  });

  it('the invalid manifests above cover the keywords the messages are built from', () => {
    const errors = INVALID.flatMap(({ kind, data }) => bothOn(kind, data).generated.errors);
    const keywords = new Set(errors.map((e) => e.keyword));
    for (const keyword of [
      'type',
      'required',
      'additionalProperties',
      'const',
      'enum',
      'pattern',
      'minLength',
      'maxLength',
      'minimum',
      'maximum',
      'exclusiveMinimum',
      'minItems',
      'minProperties',
      'uniqueItems',
      'propertyNames',
      'anyOf',
      'oneOf',
    ])
      expect(keywords, keyword).toContain(keyword);
    // The schema's own wording, which the messages quote, travels with the generated errors.
    const parents = errors.map((e) => (e.parentSchema ?? {}) as Record<string, unknown>);
    expect(parents.some((p) => typeof p.patternErrorMessage === 'string')).toBe(true);
    expect(parents.some((p) => typeof p.maximumHint === 'string')).toBe(true);
  });
});
