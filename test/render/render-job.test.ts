import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FlinkDeployment, FlinkSessionJob } from '../../src/kube/types.js';
import { renderJob } from '../../src/render/render-job.js';
import { DEFAULT_SCRIPT_PATH } from '../../src/render/runner-args.js';
import { toYaml } from '../../src/render/to-yaml.js';
import { webUIUrl } from '../../src/render/web-ui.js';
import type { ResolvedJob } from '../../src/manifest/types.js';
import { resolvedJob } from '../support/resolved-job.js';

const job = resolvedJob;

const script = "CREATE TABLE o (id INT) WITH ('connector' = 'datagen');\nINSERT INTO s SELECT * FROM o;\n";
const image = 'ghcr.io/acme/flink-jobs:orders-enrichment-0123456789abcdef';

const app = (
  overrides: Partial<ResolvedJob> = {},
  extra: Partial<Parameters<typeof renderJob>[1]> = {},
): FlinkDeployment => {
  const object = renderJob(job(overrides), { image, script, ...extra });
  if (object.kind !== 'FlinkDeployment') throw new Error(`expected a FlinkDeployment, got ${object.kind}`);
  return object;
};
const session = (overrides: Partial<ResolvedJob> = {}, s: string = script): FlinkSessionJob => {
  const object = renderJob(job({ mode: 'session', sessionCluster: 'shared-session', ...overrides }), {
    image,
    script: s,
  });
  if (object.kind !== 'FlinkSessionJob') throw new Error(`expected a FlinkSessionJob, got ${object.kind}`);
  return object;
};

describe('metadata', () => {
  it('labels every object with what selects it: manager, job and environment', () => {
    const { metadata } = app({ environment: 'production', namespace: 'flink-prod' });
    expect(metadata.name).toBe('orders-enrichment');
    expect(metadata.namespace).toBe('flink-prod');
    expect(metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'streampilot',
      'app.kubernetes.io/name': 'orders-enrichment',
      'streampilot.dev/environment': 'production',
      'streampilot.dev/job': 'orders-enrichment',
    });
  });

  it('annotates provenance when given, and always the SQL hash', () => {
    const commitUrl = 'https://github.com/acme/flink-jobs/commit/9f1c2e3';
    const full = app({}, { gitSha: '9f1c2e3', pullRequest: 42, commitUrl }).metadata.annotations;
    expect(full).toEqual({
      'streampilot.dev/commit-url': commitUrl,
      'streampilot.dev/git-sha': '9f1c2e3',
      'streampilot.dev/pull-request': '42',
      'streampilot.dev/sql-sha256': createHash('sha256').update(script).digest('hex'),
    });
    expect(Object.keys(app().metadata.annotations ?? {})).toEqual(['streampilot.dev/sql-sha256']);
  });

  it('changes the SQL hash when the script changes, and only then', () => {
    const hash = (s: string) =>
      renderJob(job(), { image, script: s }).metadata.annotations?.['streampilot.dev/sql-sha256'];
    expect(hash(script)).toBe(hash(script));
    expect(hash(script)).not.toBe(hash(`${script}INSERT INTO t SELECT 1;\n`));
  });

  it('refuses names Flink cannot use as a cluster id', () => {
    expect(() => app({ name: 'a'.repeat(46) })).toThrow(/at most 45 characters/);
    expect(() => app({ name: 'Orders' })).toThrow(/orders|Orders/);
    expect(() => app({ name: '1orders' })).toThrow(/start with a letter/);
    expect(app({ name: 'a'.repeat(45) }).metadata.name).toHaveLength(45);
  });

  it('refuses an environment name that cannot be a label value', () => {
    expect(() => app({ environment: 'prod east' })).toThrow(/label value/);
  });
});

describe('flinkVersion', () => {
  it.each([
    ['1.17', 'v1_17'],
    ['1.20', 'v1_20'],
    ['1.20.1', 'v1_20'],
    ['2.0', 'v2_0'],
    ['2.2', 'v2_2'],
  ])('maps %s to %s', (version, expected) => {
    expect(app({ flinkVersion: version }).spec.flinkVersion).toBe(expected);
  });

  it.each(['1.16', '2.3', 'latest', 'v1_20', ''])('rejects %j, naming the versions that work', (version) => {
    expect(() => app({ flinkVersion: version })).toThrow(/Use one of 1\.17, 1\.18, 1\.19, 1\.20, 2\.0, 2\.1, 2\.2/);
  });
});

describe('runner arguments', () => {
  it('passes the script path in the image by default (application mode)', () => {
    expect(app().spec.job.args).toEqual([DEFAULT_SCRIPT_PATH]);
    expect(app({ runner: { jarURI: 'local:///r.jar', scriptPath: '/opt/sql/job.sql' } }).spec.job.args).toEqual([
      '/opt/sql/job.sql',
    ]);
  });

  it('fills placeholders inside arguments and leaves other arguments alone', () => {
    const runner = {
      jarURI: 'local:///r.jar',
      scriptPath: '/opt/sql/job.sql',
      args: ['--file={{script}}', '--verbose'],
    };
    expect(app({ runner }).spec.job.args).toEqual(['--file=/opt/sql/job.sql', '--verbose']);
  });

  it('puts the SQL text verbatim for {{sql}}, even with $-sequences replace() would expand', () => {
    const tricky = "INSERT INTO t SELECT REGEXP_REPLACE(s, '(a)', '$1$&$$') FROM u;\n";
    const runner = { jarURI: 'local:///r.jar', args: ['--sql', '{{sql}}'] };
    expect(renderJob(job({ runner }), { image, script: tricky }).spec.job.args).toEqual(['--sql', tricky]);
  });

  it('rejects an unknown placeholder instead of passing it through', () => {
    expect(() => app({ runner: { jarURI: 'local:///r.jar', args: ['{{scirpt}}'] } })).toThrow(
      /\{\{scirpt\}\}.*not a placeholder/,
    );
  });

  it('sets entryClass only when the runner names one', () => {
    expect(app().spec.job).not.toHaveProperty('entryClass');
    expect(app({ runner: { jarURI: 'local:///r.jar', entryClass: 'dev.acme.Runner' } }).spec.job.entryClass).toBe(
      'dev.acme.Runner',
    );
  });
});

describe('flinkConfiguration', () => {
  it('keeps the merged configuration and adds task slots and the pipeline name, as strings', () => {
    const conf = app({
      flinkConfiguration: { 'state.backend.type': 'rocksdb', 'execution.checkpointing.interval': '30s' },
      resources: { taskManager: { memory: '4g', taskSlots: 3 } },
    }).spec.flinkConfiguration;
    expect(conf).toEqual({
      'execution.checkpointing.interval': '30s',
      'pipeline.name': 'orders-enrichment',
      'state.backend.type': 'rocksdb',
      'taskmanager.numberOfTaskSlots': '3',
    });
  });

  it('lets the structured taskSlots win over a raw key, and a user-set pipeline.name stand', () => {
    const conf = app({
      flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '8', 'pipeline.name': 'Orders (staging)' },
      resources: { taskManager: { taskSlots: 2 } },
    }).spec.flinkConfiguration;
    expect(conf['taskmanager.numberOfTaskSlots']).toBe('2');
    expect(conf['pipeline.name']).toBe('Orders (staging)');
  });

  it('prints the same bytes whatever order the overlays merged keys in', () => {
    const a = app({ flinkConfiguration: { b: '2', a: '1', c: '3' } });
    const b = app({ flinkConfiguration: { c: '3', a: '1', b: '2' } });
    expect(toYaml([a])).toBe(toYaml([b]));
    expect(Object.keys(a.spec.flinkConfiguration)).toEqual([...Object.keys(a.spec.flinkConfiguration)].sort());
  });

  it('turns numbers and booleans that slipped through YAML into strings, and refuses maps', () => {
    const conf = app({
      flinkConfiguration: { 'parallelism.default': 4, 'table.dynamic-table-options.enabled': true } as never,
    }).spec.flinkConfiguration;
    expect(conf['parallelism.default']).toBe('4');
    expect(conf['table.dynamic-table-options.enabled']).toBe('true');
    expect(() => app({ flinkConfiguration: { 'state.backend': { type: 'rocksdb' } } as never })).toThrow(
      /"state.backend" is a map; Flink options are single values/,
    );
  });

  it('refuses keys the operator reserves', () => {
    expect(() => app({ flinkConfiguration: { 'kubernetes.cluster-id': 'x' } })).toThrow(
      /kubernetes.cluster-id.*operator sets itself/,
    );
  });
});

describe('application mode', () => {
  it('renders the image, defaults and job spec the operator needs', () => {
    const { spec, apiVersion } = app({ upgradeMode: 'last-state', parallelism: 8 });
    expect(apiVersion).toBe('flink.apache.org/v1beta1');
    expect(spec.image).toBe(image);
    expect(spec.imagePullPolicy).toBe('IfNotPresent');
    expect(spec.serviceAccount).toBe('flink');
    expect(spec.job).toEqual({
      jarURI: 'local:///opt/flink/usrlib/sql-runner.jar',
      args: [DEFAULT_SCRIPT_PATH],
      parallelism: 8,
      upgradeMode: 'last-state',
      state: 'running',
    });
    expect(app({ serviceAccount: 'flink-jobs' }).spec.serviceAccount).toBe('flink-jobs');
  });

  it('renders resources and replicas, and omits what the manifest leaves out', () => {
    const { spec } = app({
      resources: {
        jobManager: { cpu: 1, memory: '2048m' },
        taskManager: { cpu: 2, memory: '4096m', replicas: 3, taskSlots: 2 },
      },
    });
    expect(spec.jobManager).toEqual({ resource: { cpu: 1, memory: '2048m' } });
    expect(spec.taskManager).toEqual({ resource: { cpu: 2, memory: '4096m' }, replicas: 3 });
    expect(app({ resources: {} }).spec.jobManager).toEqual({});
  });

  it('refuses cpu without memory, and standby JobManagers without high availability', () => {
    expect(() => app({ resources: { taskManager: { cpu: 2 } } })).toThrow(/resources.taskManager.memory is missing/);
    const sizedByConfig = app({
      resources: { taskManager: { cpu: 2 } },
      flinkConfiguration: { 'taskmanager.memory.process.size': '4g' },
    });
    expect(sizedByConfig.spec.taskManager).toEqual({ resource: { cpu: 2 } });
    expect(() => app({ resources: { jobManager: { memory: '2g', replicas: 2 } } })).toThrow(/high availability/);
    const ha = app({
      resources: { jobManager: { memory: '2g', replicas: 2 } },
      flinkConfiguration: { 'high-availability.type': 'kubernetes' },
    });
    expect(ha.spec.jobManager.replicas).toBe(2);
  });

  it('copies the pod template rather than sharing it with the input', () => {
    const podTemplate = {
      apiVersion: 'v1',
      kind: 'Pod',
      spec: { containers: [{ name: 'flink-main-container', env: [{ name: 'A', value: '1' }] }] },
    };
    const rendered = app({ podTemplate });
    expect(rendered.spec.podTemplate).toEqual(podTemplate);
    (rendered.spec.podTemplate as any).spec.containers[0].env[0].value = 'changed';
    expect(podTemplate.spec.containers[0]!.env[0]!.value).toBe('1');
    expect(app()).not.toHaveProperty('spec.podTemplate');
  });

  it('contains no undefined values and renders identically twice', () => {
    const j = job({
      podTemplate: { spec: { nodeSelector: undefined, containers: [] } },
      resources: { jobManager: { memory: '1g' } },
    });
    const first = renderJob(j, { image, script, gitSha: undefined, pullRequest: undefined });
    const undefinedPaths: string[] = [];
    const walk = (v: unknown, at: string): void => {
      if (v === undefined) undefinedPaths.push(at);
      else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, `${at}/${k}`);
    };
    walk(first, '');
    expect(undefinedPaths).toEqual([]);
    expect(toYaml([renderJob(j, { image, script })])).toBe(toYaml([first]));
  });
});

describe('session mode', () => {
  it('submits to the session cluster with the SQL inline, without cluster-level settings', () => {
    const rendered = session({
      resources: { taskManager: { memory: '4g', taskSlots: 4 } },
      podTemplate: { spec: {} },
      webUI: { ingress: 'https://flink.acme.dev/{{namespace}}/{{name}}/' },
    });
    expect(rendered.apiVersion).toBe('flink.apache.org/v1beta1');
    expect(Object.keys(rendered.spec)).toEqual(['deploymentName', 'flinkConfiguration', 'job']);
    expect(rendered.spec.deploymentName).toBe('shared-session');
    expect(rendered.spec.job).toEqual({
      jarURI: 'local:///opt/flink/usrlib/sql-runner.jar',
      args: [script],
      parallelism: 4,
      upgradeMode: 'savepoint',
      state: 'running',
    });
    expect(rendered.spec.flinkConfiguration).toEqual({
      'execution.checkpointing.interval': '30s',
      'pipeline.name': 'orders-enrichment',
      'state.checkpoints.dir': 's3://flink-state/checkpoints',
      'state.savepoints.dir': 's3://flink-state/savepoints',
    });
  });

  it('refuses {{script}}, a file the session cluster cannot see', () => {
    expect(() => session({ runner: { jarURI: 'https://repo/runner.jar', args: ['{{script}}'] } })).toThrow(
      /session cluster's image.*\{\{sql\}\}/,
    );
  });

  it('needs a session cluster to submit to', () => {
    expect(() => renderJob(job({ mode: 'session' }), { image, script })).toThrow(/no sessionCluster/);
  });

  it('is not bound by the cluster-id length limit of application mode', () => {
    expect(session({ name: 'a'.repeat(50) }).metadata.name).toHaveLength(50);
  });
});

describe('Web UI ingress and URL', () => {
  it('turns a path address into the operator template, nginx rewrite and browser URL', () => {
    const j = job({ webUI: { ingress: 'https://flink.acme.dev/{{namespace}}/{{name}}/' } });
    expect(app(j).spec.ingress).toEqual({
      template: 'flink.acme.dev/{{namespace}}/{{name}}(/|$)(.*)',
      annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' },
    });
    expect(webUIUrl(j)).toBe('https://flink.acme.dev/flink-staging/orders-enrichment/');
  });

  it('keeps a path prefix and adds the trailing slash the Flink UI needs', () => {
    const j = job({ webUI: { ingress: 'http://gw.acme.dev:8080/flink/{{name}}' } });
    expect(app(j).spec.ingress?.template).toBe('gw.acme.dev:8080/flink/{{name}}(/|$)(.*)');
    expect(webUIUrl(j)).toBe('http://gw.acme.dev:8080/flink/orders-enrichment/');
  });

  it('turns a host address into host routing without a rewrite', () => {
    const j = job({ webUI: { ingress: 'https://{{name}}.{{namespace}}.flink.acme.dev/' } });
    expect(app(j).spec.ingress).toEqual({ template: '{{name}}.{{namespace}}.flink.acme.dev' });
    expect(webUIUrl(j)).toBe('https://orders-enrichment.flink-staging.flink.acme.dev/');
  });

  it("points a session job at its session cluster's UI", () => {
    const j = job({
      mode: 'session',
      sessionCluster: 'shared-session',
      webUI: { ingress: 'https://flink.acme.dev/{{namespace}}/{{name}}/' },
    });
    expect(webUIUrl(j)).toBe('https://flink.acme.dev/flink-staging/shared-session/');
  });

  it('has no ingress and no URL when the environment sets none', () => {
    expect(app()).not.toHaveProperty('spec.ingress');
    expect(webUIUrl(job())).toBeUndefined();
  });

  it.each([
    ['flink.acme.dev/{{namespace}}/{{name}}/', /not an http\(s\) address/],
    ['https://flink.acme.dev/{{namespace}}/', /has no \{\{name\}\}/],
    ['https://flink.acme.dev/{{env}}/{{name}}/', /\{\{env\}\}; only \{\{name\}\} and \{\{namespace\}\}/],
    ['https://flink.acme.dev/{{name}}/?x=1', /without query or fragment/],
  ])('rejects %j with a message saying how to write it', (ingress, message) => {
    const j = job({ webUI: { ingress } });
    expect(() => app(j)).toThrow(message);
    expect(() => webUIUrl(j)).toThrow(/e\.g\. "https:\/\//);
  });
});
