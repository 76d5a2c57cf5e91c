import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/text/did-you-mean.js';
import { manifestSchema, resolveRef, type ManifestKind } from '../../src/manifest/validate-manifest.js';
import type {
  EnvironmentSpec,
  JobEnvironmentOverride,
  JobSettings,
  JobSpec,
  ProjectSpec,
} from '../../src/manifest/types.js';

type Schema = Record<string, unknown>;

/** Every `properties` entry anywhere in the schema, with its JSON path. */
function properties(kind: ManifestKind): [string, Schema][] {
  const out: [string, Schema][] = [];
  const walk = (node: unknown, at: string): void => {
    if (!node || typeof node !== 'object') return;
    const schema = node as Schema;
    for (const [key, prop] of Object.entries((schema.properties ?? {}) as Record<string, Schema>))
      out.push([`${at}.${key}`, prop]);
    for (const [key, child] of Object.entries(schema)) walk(child, `${at}/${key}`);
  };
  walk(manifestSchema(kind), '#');
  return out;
}

// Compile-time lists: adding a field to types.ts without listing it here fails the type check.
const SETTINGS: Record<keyof JobSettings, true> = {
  flinkVersion: true,
  namespace: true,
  baseImage: true,
  runner: true,
  parallelism: true,
  upgradeMode: true,
  resources: true,
  flinkConfiguration: true,
  serviceAccount: true,
  variables: true,
  secrets: true,
  sessionCluster: true,
};
const ENVIRONMENT: Record<Exclude<keyof EnvironmentSpec, keyof JobSettings>, true> = {
  kubeContext: true,
  deployOn: true,
  after: true,
  allowed: true,
  commands: true,
  webUI: true,
  deploy: true,
};
const JOB: Record<Exclude<keyof JobSpec, keyof JobSettings>, true> = {
  apiVersion: true,
  kind: true,
  name: true,
  description: true,
  mode: true,
  sql: true,
  dependencies: true,
  tables: true,
  podTemplate: true,
  build: true,
  environments: true,
  state: true,
  allowNonRestoredState: true,
  restoreFrom: true,
};
const PROJECT: Record<keyof ProjectSpec, true> = {
  apiVersion: true,
  kind: true,
  repository: true,
  defaults: true,
  registry: true,
  provided: true,
  maven: true,
  deploy: true,
  environments: true,
};
const OVERRIDE: Record<Exclude<keyof JobEnvironmentOverride, keyof JobSettings>, true> = {
  enabled: true,
  state: true,
  allowNonRestoredState: true,
  restoreFrom: true,
};

const keysOf = (schema: Schema): string[] => Object.keys((schema.properties ?? {}) as Schema).sort();
const sorted = (...lists: Record<string, true>[]): string[] => lists.flatMap((l) => Object.keys(l)).sort();

describe('schemas', () => {
  it.each(['project', 'job'] as const)('%s: every property has a description editors can show', (kind) => {
    const missing = properties(kind)
      .filter(([, prop]) => typeof resolveRef(kind, prop).description !== 'string')
      .map(([at]) => at);
    expect(missing).toEqual([]);
  });

  it.each(['project', 'job'] as const)('%s: every object refuses unknown keys', (kind) => {
    const open: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Schema;
      // Maps whose keys are user data (flinkConfiguration, variables, environments) constrain their values instead.
      if (schema.properties && schema.additionalProperties !== false) open.push(at);
      for (const [key, child] of Object.entries(schema)) walk(child, `${at}/${key}`);
    };
    walk(manifestSchema(kind), '#');
    expect(open).toEqual([]);
  });

  it('mirror types.ts field for field, at every level', () => {
    const project = manifestSchema('project');
    const job = manifestSchema('job');
    const defs = (s: Schema) => s.definitions as Record<string, Schema>;
    expect(keysOf(project)).toEqual(sorted(PROJECT));
    expect(keysOf((project.properties as Record<string, Schema>).defaults!)).toEqual(sorted(SETTINGS));
    expect(keysOf(defs(project).environment!)).toEqual(sorted(SETTINGS, ENVIRONMENT));
    expect(keysOf(job)).toEqual(sorted(SETTINGS, JOB));
    expect(keysOf(defs(job).environmentOverride!)).toEqual(sorted(SETTINGS, OVERRIDE));
  });

  it('share one definition of every job setting between the two files', () => {
    const project = manifestSchema('project').definitions as Schema;
    const job = manifestSchema('job').definitions as Schema;
    for (const key of [...Object.keys(SETTINGS), 'cpu', 'memory']) expect(job[key], key).toEqual(project[key]);
  });
});

describe('the README (repository format section)', () => {
  const docs = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

  it.each(['project', 'job'] as const)('documents every key of the %s schema', (kind) => {
    const names = [...new Set(properties(kind).map(([at]) => at.slice(at.lastIndexOf('.') + 1)))];
    const undocumented = names.filter((name) => !new RegExp('`[^`\\n]*\\b' + name + '\\b[^`\\n]*`').test(docs));
    expect(undocumented).toEqual([]);
  });
});

describe('didYouMean', () => {
  it('suggests the closest allowed word for a typo', () => {
    expect(didYouMean('paralelism', ['parallelism', 'upgradeMode'])).toBe('parallelism');
    expect(didYouMean('savepiont', ['stateless', 'savepoint', 'last-state'])).toBe('savepoint');
    expect(didYouMean('UpgradeMode', ['parallelism', 'upgradeMode'])).toBe('upgradeMode');
    expect(didYouMean('prodction', ['staging', 'production'])).toBe('production');
  });

  it('stays quiet when nothing is close', () => {
    expect(didYouMean('foo', ['parallelism', 'mode'])).toBeUndefined();
    expect(didYouMean('x', ['y'])).toBeUndefined();
    expect(didYouMean('anything', [])).toBeUndefined();
  });
});
