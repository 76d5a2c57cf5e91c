import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { parseJobManifest } from '../../src/manifest/load-job.js';
import { resolveJob } from '../../src/manifest/overlay.js';
import type { ProjectSpec } from '../../src/manifest/types.js';

const show = (d: Diagnostic): string => `${d.line}:${d.column} ${d.rule} ${d.message}`;

const manifest = (extra: string) => `apiVersion: streampilot.dev/v1
kind: FlinkSqlJob
name: orders
sql: [main.sql]
${extra}`;

const parse = (extra: string) => parseJobManifest(manifest(extra), 'jobs/orders/job.yaml', 'orders');
const project: ProjectSpec = {
  apiVersion: 'streampilot.dev/v1',
  kind: 'Project',
  defaults: { baseImage: 'ghcr.io/acme/sql-runner:{{flinkVersion}}' },
  environments: { staging: {} },
};

describe('job.yaml: build: configmap', () => {
  it('is accepted, and resolves to a job that runs on its base image with no image build settings', () => {
    const parsed = parse('build: configmap');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.spec?.build).toBe('configmap');
    const resolved = resolveJob(project, { spec: parsed.spec!, dir: 'jobs/orders' }, 'staging').job;
    expect(resolved.packaging).toBe('configmap');
    expect(resolved.build).toBeUndefined();
    expect(resolved.baseImage).toBe('ghcr.io/acme/sql-runner:1.20');
  });

  it('leaves the mapping form as it was: an image job, built as it says', () => {
    const parsed = parse('build: { builder: docker }');
    expect(parsed.diagnostics).toEqual([]);
    const resolved = resolveJob(project, { spec: parsed.spec!, dir: 'jobs/orders' }, 'staging').job;
    expect(resolved.packaging).toBeUndefined();
    expect(resolved.build).toEqual({ builder: 'docker' });
  });

  it('refuses Maven dependencies, at their key, saying where the jars must go instead', () => {
    const parsed = parse(
      'build: configmap\ndependencies:\n  maven: [org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20]',
    );
    expect(parsed.spec).toBeUndefined();
    expect(parsed.diagnostics.map(show)).toEqual([
      '7:3 manifest/schema `build: configmap` builds no image, so the jar of `dependencies.maven` would have nowhere to go',
    ]);
    expect(parsed.diagnostics[0]!.hint).toMatch(
      /put them in the base image .*or use the registry builder: remove `build: configmap`/,
    );
  });

  it('refuses local jars, and a session job, each at its own key', () => {
    const parsed = parse(
      'mode: session\nsessionCluster: shared\nbuild: configmap\ndependencies:\n  jars: [a.jar, b.jar]',
    );
    expect(parsed.diagnostics.map(show)).toEqual([
      "5:1 manifest/schema `build: configmap` mounts the SQL into the job's own pods, but a session job runs in its session cluster's pods",
      '9:3 manifest/schema `build: configmap` builds no image, so the 2 jars of `dependencies.jars` would have nowhere to go',
    ]);
    expect(parsed.diagnostics[0]!.hint).toMatch(/remove `build: configmap`.*or use mode: application/);
  });

  it('lets empty dependency lists pass: they put nothing in an image', () => {
    expect(parse('build: configmap\ndependencies: { maven: [], jars: [] }').diagnostics).toEqual([]);
  });

  it.each([
    [
      'build: confgmap',
      '5:8 manifest/schema `build` must be `configmap` or a mapping (key: value lines); found `confgmap`',
      'did you mean `configmap`?',
    ],
    [
      'build: 3',
      '5:8 manifest/schema `build` must be `configmap` or a mapping (key: value lines); found the number `3`',
      'write `build: configmap` or `build: { builder: …, dockerfile: … }`',
    ],
    [
      'build: { builder: configmap }',
      '5:19 manifest/schema `build.builder` must be one of registry, docker; found `configmap`',
      undefined,
    ],
  ])('words a wrong %s as one error about the shape it has', (yaml, expected, hint) => {
    const { diagnostics } = parse(yaml);
    expect(diagnostics.map(show)).toEqual([expected]);
    expect(diagnostics[0]!.hint).toBe(hint);
  });
});
