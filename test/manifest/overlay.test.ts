import { describe, expect, it } from 'vitest';
import { parseJobManifest } from '../../src/manifest/load-job.js';
import { mergeSettings, resolveJob } from '../../src/manifest/overlay.js';
import type { JobSpec, ProjectSpec } from '../../src/manifest/types.js';

const job = (extra: Partial<JobSpec> = {}): JobSpec => ({
  apiVersion: 'streampilot.dev/v1',
  kind: 'FlinkSqlJob',
  name: 'orders',
  sql: ['main.sql'],
  ...extra,
});
const project = (extra: Partial<ProjectSpec> = {}): ProjectSpec => ({
  apiVersion: 'streampilot.dev/v1',
  kind: 'Project',
  environments: { staging: {}, production: {} },
  ...extra,
});
const resolve = (p: ProjectSpec | undefined, j: JobSpec, env = 'staging') =>
  resolveJob(p, { spec: j, dir: 'jobs/orders' }, env).job;

describe('built-in defaults', () => {
  it('fill every field nothing sets', () => {
    const r = resolve(project(), job());
    expect(r).toEqual({
      name: 'orders',
      dir: 'jobs/orders',
      environment: 'staging',
      mode: 'application',
      flinkVersion: '1.20',
      namespace: 'default',
      baseImage: 'flink:1.20',
      // args and scriptPath are left to the renderer, whose defaults depend on the mode.
      runner: { jarURI: 'local:///opt/flink/usrlib/streampilot-sql-runner.jar' },
      parallelism: 1,
      upgradeMode: 'savepoint',
      // The operator refuses a JobManager or TaskManager without memory: Flink's default sizes.
      resources: { jobManager: { memory: '1600m', cpu: 1 }, taskManager: { memory: '1728m', cpu: 1 } },
      flinkConfiguration: {},
      variables: {},
      secrets: {},
      sql: ['main.sql'],
      dependencies: { maven: [], jars: [] },
      externalTables: [],
      // A job runs unless Git says otherwise: state is the operator's spec.job.state.
      state: 'running',
      enabled: true,
    });
  });

  it('size only what neither resources nor flinkConfiguration sizes, and nothing in session mode', () => {
    const sized = resolve(
      project({ defaults: { resources: { taskManager: { memory: '4g', taskSlots: 2 } } } }),
      job({ flinkConfiguration: { 'jobmanager.memory.process.size': '3g', 'kubernetes.jobmanager.cpu': '2' } }),
    );
    expect(sized.resources).toEqual({ jobManager: {}, taskManager: { memory: '4g', taskSlots: 2, cpu: 1 } });
    expect(resolve(project(), job({ mode: 'session', sessionCluster: 'shared' })).resources).toEqual({});
  });

  it('derive the base image from the resolved Flink version, also inside a set baseImage', () => {
    expect(resolve(project(), job({ flinkVersion: '2.1' })).baseImage).toBe('flink:2.1');
    const p = project({
      defaults: { baseImage: 'registry.acme/flink:{{flinkVersion}}-java17' },
      environments: { staging: { flinkVersion: '2.0' } },
    });
    expect(resolve(p, job()).baseImage).toBe('registry.acme/flink:2.0-java17');
  });
});

describe('layer order: defaults < job < project environment < job environment', () => {
  const layered = (
    key: 'parallelism' | 'namespace' | 'upgradeMode' | 'flinkVersion' | 'serviceAccount' | 'sessionCluster',
    values: [unknown, unknown, unknown, unknown],
  ) => {
    const [d, j, e, je] = values;
    const set = (v: unknown) => (v === undefined ? {} : { [key]: v });
    return resolve(
      project({ defaults: set(d), environments: { staging: set(e), production: {} } }),
      job({ ...set(j), environments: { staging: set(je) } } as Partial<JobSpec>),
    )[key];
  };

  it.each([
    ['parallelism', [2, 3, 4, 5]],
    ['namespace', ['d', 'j', 'e', 'je']],
    ['upgradeMode', ['stateless', 'last-state', 'savepoint', 'stateless']],
    ['flinkVersion', ['1.17', '1.18', '1.19', '2.2']],
    ['serviceAccount', ['d', 'j', 'e', 'je']],
    ['sessionCluster', ['d', 'j', 'e', 'je']],
  ] as const)('%s: each layer replaces the one below it', (key, values) => {
    expect(layered(key, [...values])).toBe(values[3]);
    expect(layered(key, [values[0], values[1], values[2], undefined])).toBe(values[2]);
    expect(layered(key, [values[0], values[1], undefined, undefined])).toBe(values[1]);
    expect(layered(key, [values[0], undefined, undefined, undefined])).toBe(values[0]);
  });

  it('only the selected environment applies', () => {
    const p = project({ environments: { staging: { parallelism: 2 }, production: { parallelism: 8 } } });
    const j = job({ environments: { production: { namespace: 'prod' } } });
    expect(resolve(p, j, 'staging')).toMatchObject({ parallelism: 2, namespace: 'default', environment: 'staging' });
    expect(resolve(p, j, 'production')).toMatchObject({ parallelism: 8, namespace: 'prod', environment: 'production' });
  });

  it('flinkConfiguration and variables merge key by key across all four layers', () => {
    const p = project({
      defaults: { flinkConfiguration: { a: 'd', b: 'd' }, variables: { x: 'd', y: 'd' } },
      environments: { staging: { flinkConfiguration: { c: 'e', b: 'e' }, variables: { z: 'e' } }, production: {} },
    });
    const j = job({
      flinkConfiguration: { a: 'j' },
      variables: { y: 'j' },
      environments: { staging: { flinkConfiguration: { c: 'je' }, variables: { x: 'je' } } },
    });
    const r = resolve(p, j);
    expect(r.flinkConfiguration).toEqual({ a: 'j', b: 'e', c: 'je' });
    expect(r.variables).toEqual({ x: 'je', y: 'j', z: 'e' });
  });

  it('resources merge deeply: per component, per key', () => {
    const p = project({
      defaults: {
        resources: { jobManager: { cpu: 1, memory: '1g' }, taskManager: { cpu: 1, memory: '2g', taskSlots: 1 } },
      },
    });
    const j = job({
      resources: { taskManager: { memory: '4g' } },
      environments: { staging: { resources: { taskManager: { replicas: 3 }, jobManager: { replicas: 2 } } } },
    });
    expect(resolve(p, j).resources).toEqual({
      jobManager: { cpu: 1, memory: '1g', replicas: 2 },
      taskManager: { cpu: 1, memory: '4g', taskSlots: 1, replicas: 3 },
    });
  });

  it("runner is replaced as a whole: nothing of a lower layer's runner survives", () => {
    const p = project({
      defaults: {
        runner: { jarURI: 'local:///a.jar', args: ['--file', '{{script}}'], entryClass: 'A', scriptPath: '/opt/a.sql' },
      },
    });
    expect(resolve(p, job()).runner).toEqual({
      jarURI: 'local:///a.jar',
      args: ['--file', '{{script}}'],
      entryClass: 'A',
      scriptPath: '/opt/a.sql',
    });
    const j = job({ environments: { staging: { runner: { jarURI: 'local:///b.jar' } } } });
    expect(resolve(p, j).runner).toEqual({ jarURI: 'local:///b.jar' });
  });

  it('job-only fields come from the job; webUI from the environment; enabled from the job environment', () => {
    const p = project({
      environments: {
        staging: { webUI: { ingress: 'https://f/{{name}}/' }, kubeContext: 'k', allowed: ['a/b'] },
        production: {},
      },
    });
    const j = job({
      mode: 'session',
      sessionCluster: 'shared',
      sql: ['a.sql', 'b.sql'],
      dependencies: { maven: ['g:a:1'] },
      tables: { external: ['cat.db.t'] },
      environments: { production: { enabled: false } },
    });
    const staging = resolve(p, j);
    expect(staging).toMatchObject({
      mode: 'session',
      sql: ['a.sql', 'b.sql'],
      dependencies: { maven: ['g:a:1'], jars: [] },
      externalTables: ['cat.db.t'],
      webUI: { ingress: 'https://f/{{name}}/' },
      enabled: true,
    });
    expect(staging).not.toHaveProperty('kubeContext');
    expect(resolve(p, j, 'production')).toMatchObject({ enabled: false });
    expect(resolve(p, j, 'production')).not.toHaveProperty('webUI');
  });

  it('never mutates its inputs', () => {
    const p = project({
      defaults: {
        flinkConfiguration: { a: '1' },
        resources: { jobManager: { cpu: 1 } },
        runner: { jarURI: 'x', args: ['{{script}}'] },
      },
    });
    const j = job({ flinkConfiguration: { b: '2' }, resources: { jobManager: { memory: '1g' } } });
    const before = JSON.stringify([p, j]);
    const r = resolve(p, j);
    r.flinkConfiguration.c = '3';
    r.runner.args?.push('more');
    r.resources.jobManager!.cpu = 9;
    expect(JSON.stringify([p, j])).toBe(before);
  });

  it('works without a project (no streampilot.yaml yet)', () => {
    expect(resolve(undefined, job({ parallelism: 3 }))).toMatchObject({ parallelism: 3, namespace: 'default' });
  });
});

describe('mergeSettings', () => {
  it('skips absent layers and leaves unset keys out', () => {
    expect(mergeSettings([undefined, { parallelism: 2 }, undefined])).toEqual({ parallelism: 2 });
  });
});

describe('session mode', () => {
  it('needs a sessionCluster after merging, reported at `mode` in job.yaml', () => {
    const text = 'apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: orders\nmode: session\nsql: [main.sql]\n';
    const parsed = parseJobManifest(text, 'jobs/orders/job.yaml', 'orders');
    const spec = parsed.spec!;
    const p = project({ environments: { staging: { sessionCluster: 'shared' }, production: {} } });
    expect(resolveJob(p, { spec, dir: 'jobs/orders', manifest: parsed.source }, 'staging').diagnostics).toEqual([]);
    const ds = resolveJob(p, { spec, dir: 'jobs/orders', manifest: parsed.source }, 'production').diagnostics;
    expect(ds).toEqual([
      expect.objectContaining({
        file: 'jobs/orders/job.yaml',
        line: 4,
        column: 7,
        endColumn: 14,
        rule: 'manifest/reference',
        message: 'job `orders` runs in session mode, but no `sessionCluster` is set for environment `production`',
      }),
    ]);
    // Not deployed there: nothing to submit, nothing to complain about.
    const disabled = { ...spec, environments: { production: { enabled: false } } };
    expect(
      resolveJob(p, { spec: disabled, dir: 'jobs/orders', manifest: parsed.source }, 'production').diagnostics,
    ).toEqual([]);
  });
});
