import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompanionObject } from '../../src/deploy/types.js';
import type { FlinkDeployment } from '../../src/kube/types.js';
import { SUPPORTED_FLINK_VERSIONS } from '../../src/render/flink-version.js';
import {
  CONFIGMAP_MAX_BYTES,
  FLINK_MAIN_CONTAINER,
  renderDeployObjects,
  SQL_VOLUME,
} from '../../src/render/render-deploy-objects.js';
import { RenderError } from '../../src/render/render-error.js';
import { renderJob } from '../../src/render/render-job.js';
import type { ResolvedJob } from '../../src/manifest/types.js';
import { operatorCrdDir, validateAgainstCrds } from '../support/crd-schema.js';
import { resolvedJob } from '../support/resolved-job.js';

const BASE = 'ghcr.io/acme/flink-sql-runner:1.20@sha256:' + 'ab'.repeat(32);
const script = "CREATE TABLE o (id INT) WITH ('connector' = 'datagen');\nINSERT INTO s SELECT * FROM o;\n";
const input = { image: BASE, script, gitSha: '9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6', pullRequest: 42 };
const configMapJob = (overrides: Partial<ResolvedJob> = {}) => resolvedJob({ packaging: 'configmap', ...overrides });

type Obj = Record<string, any>;

/** What the kubelet would put at `path` in the Flink container: follows mount → volume → ConfigMap → key. */
function fileInContainer(deployment: FlinkDeployment, companions: CompanionObject[], path: string): string | undefined {
  const spec = (deployment.spec.podTemplate as Obj | undefined)?.spec as Obj | undefined;
  const container = (spec?.containers as Obj[] | undefined)?.find((c) => c.name === FLINK_MAIN_CONTAINER);
  const mount = (container?.volumeMounts as Obj[] | undefined)?.find((m) => m.mountPath === path);
  const volume = (spec?.volumes as Obj[] | undefined)?.find((v) => v.name === mount?.name);
  const configMap = companions.find(
    (c) =>
      c.kind === 'ConfigMap' &&
      c.metadata.name === volume?.configMap?.name &&
      c.metadata.namespace === deployment.metadata.namespace,
  );
  return mount?.subPath === undefined
    ? undefined
    : (configMap?.data as Record<string, string> | undefined)?.[mount.subPath];
}

const render = (job: ResolvedJob, overrides: Partial<typeof input> = {}) => {
  const objects = renderDeployObjects(job, { ...input, ...overrides });
  return { ...objects, deployment: objects.resource as FlinkDeployment };
};

describe('renderDeployObjects: jobs with their own image', () => {
  it.each([
    ['application', resolvedJob()],
    ['session', resolvedJob({ mode: 'session', sessionCluster: 'shared' })],
  ])('%s mode: the resource renderJob renders, and nothing else', (_mode, job) => {
    expect(renderDeployObjects(job, input)).toEqual({ resource: renderJob(job, input), companions: [] });
  });
});

describe('renderDeployObjects: build: configmap', () => {
  it('runs the base image as given, with the script mounted where the runner arguments point', () => {
    const { deployment, companions } = render(configMapJob());
    expect(deployment.kind).toBe('FlinkDeployment');
    expect(deployment.spec.image).toBe(BASE);
    const path = deployment.spec.job!.args![0]!;
    expect(path).toBe('/opt/flink/usrlib/sql-scripts/script.sql');
    expect(fileInContainer(deployment, companions, path)).toBe(script);
  });

  it('puts the script in one ConfigMap next to the job, named after its content and labelled like the job', () => {
    const { deployment, companions } = render(configMapJob());
    expect(companions).toHaveLength(1);
    const configMap = companions[0]!;
    expect(configMap).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      immutable: true,
      data: { 'script.sql': script },
    });
    expect(configMap.metadata.name).toMatch(/^orders-enrichment-sql-[0-9a-f]{10}$/);
    expect(configMap.metadata.namespace).toBe('flink-staging');
    expect(configMap.metadata.labels).toEqual(deployment.metadata.labels);
  });

  it('renders the same objects for the same script, whatever commit carries it: nothing for the operator to do', () => {
    const first = render(configMapJob());
    const later = render(configMapJob(), { gitSha: '0'.repeat(40), pullRequest: 43 });
    expect(later.companions).toEqual(first.companions);
    expect(later.deployment.spec).toEqual(first.deployment.spec);
  });

  it('renders a new ConfigMap name, hence a new pod template, for a changed script: the operator upgrades the job', () => {
    const first = render(configMapJob());
    const changed = render(configMapJob(), { script: script.replace('SELECT *', 'SELECT id') });
    expect(changed.companions[0]!.metadata.name).not.toBe(first.companions[0]!.metadata.name);
    expect(changed.deployment.spec.podTemplate).not.toEqual(first.deployment.spec.podTemplate);
    expect(
      fileInContainer(changed.deployment, changed.companions, '/opt/flink/usrlib/sql-scripts/script.sql'),
    ).toContain('SELECT id');
  });

  it('mounts at runner.scriptPath, under its file name, and the arguments name that path', () => {
    const job = configMapJob({
      runner: {
        jarURI: 'local:///opt/runner/runner.jar',
        scriptPath: '/opt/sql/orders.sql',
        args: ['--file={{script}}'],
      },
    });
    const { deployment, companions } = render(job);
    expect(deployment.spec.job!.args).toEqual(['--file=/opt/sql/orders.sql']);
    expect(Object.keys(companions[0]!.data as object)).toEqual(['orders.sql']);
    expect(fileInContainer(deployment, companions, '/opt/sql/orders.sql')).toBe(script);
  });

  it("merges into the job's own pod template without losing any of it", () => {
    const podTemplate = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { labels: { team: 'data' } },
      spec: {
        containers: [
          { name: 'sidecar', image: 'busybox' },
          {
            name: FLINK_MAIN_CONTAINER,
            env: [{ name: 'A', value: '1' }],
            volumeMounts: [{ name: 'state', mountPath: '/state' }],
          },
        ],
        volumes: [{ name: 'state', emptyDir: {} }],
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'flink', effect: 'NoSchedule' }],
      },
    };
    const before = structuredClone(podTemplate);
    const { deployment, companions } = render(configMapJob({ podTemplate }));
    expect(podTemplate).toEqual(before); // the job's own object is not touched
    const rendered = structuredClone(deployment.spec.podTemplate) as Obj;
    expect(fileInContainer(deployment, companions, '/opt/flink/usrlib/sql-scripts/script.sql')).toBe(script);
    // Take our two additions out again: what is left is the job's template, unchanged.
    rendered.spec.volumes = rendered.spec.volumes.filter((v: Obj) => v.name !== SQL_VOLUME);
    const main = rendered.spec.containers.find((c: Obj) => c.name === FLINK_MAIN_CONTAINER);
    main.volumeMounts = main.volumeMounts.filter((m: Obj) => m.name !== SQL_VOLUME);
    expect(rendered).toEqual(podTemplate);
  });

  it('adds the Flink container to a pod template that has none, beside the containers it has', () => {
    const podTemplate = { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } };
    const { deployment, companions } = render(configMapJob({ podTemplate }));
    const names = ((deployment.spec.podTemplate as Obj).spec.containers as Obj[]).map((c) => c.name);
    expect(names).toEqual(['sidecar', FLINK_MAIN_CONTAINER]);
    expect(fileInContainer(deployment, companions, '/opt/flink/usrlib/sql-scripts/script.sql')).toBe(script);
  });

  it.each([
    [
      'a session job',
      configMapJob({ mode: 'session', sessionCluster: 'shared' }),
      script,
      /session job runs in its session cluster's pods/,
    ],
    [
      'a script over 1 MiB',
      configMapJob(),
      'x'.repeat(CONFIGMAP_MAX_BYTES),
      /SQL script takes 1048586 bytes, more than the 1048576 \(1 MiB\) a ConfigMap holds/,
    ],
    [
      'a pod template that already has the volume',
      configMapJob({ podTemplate: { spec: { volumes: [{ name: SQL_VOLUME, emptyDir: {} }] } } }),
      script,
      /already has a volume named "streampilot-sql"/,
    ],
    [
      'a pod template that already mounts the script path',
      configMapJob({
        podTemplate: {
          spec: {
            containers: [
              {
                name: FLINK_MAIN_CONTAINER,
                volumeMounts: [{ name: 'x', mountPath: '/opt/flink/usrlib/sql-scripts/script.sql' }],
              },
            ],
          },
        },
      }),
      script,
      /already mounts something at \/opt\/flink\/usrlib\/sql-scripts\/script\.sql/,
    ],
    [
      'a script path ending in a folder',
      configMapJob({ runner: { jarURI: 'local:///r.jar', scriptPath: '/opt/sql/' } }),
      script,
      /cannot be a ConfigMap key/,
    ],
  ])('refuses %s, naming the job and what to do', (_name, job, text, message) => {
    const error = (() => {
      try {
        renderDeployObjects(job, { ...input, script: text });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).message).toMatch(message);
    expect((error as RenderError).message).toContain('orders-enrichment');
    expect((error as RenderError).hint).toBeTruthy();
  });

  it('accepts a script just under the limit', () => {
    const text = 'x'.repeat(CONFIGMAP_MAX_BYTES - 'script.sql'.length);
    expect(render(configMapJob(), { script: text }).companions[0]!.data).toEqual({ 'script.sql': text });
  });
});

const crdsPresent = fs.existsSync(operatorCrdDir);

describe.skipIf(!crdsPresent)(
  `build: configmap objects against the operator CRDs${crdsPresent ? '' : ' (skipped: ../shared/reference/flink-operator not present)'}`,
  () => {
    // Contract: Flink Kubernetes Operator 1.15.0 CRD (flinkdeployments), read from ../shared, as test/render/crd.test.ts.
    const podTemplate = {
      apiVersion: 'v1',
      kind: 'Pod',
      spec: {
        containers: [
          {
            name: FLINK_MAIN_CONTAINER,
            volumeMounts: [{ name: 'state', mountPath: '/state' }],
            ports: [{ name: 'metrics', containerPort: 9249 }],
          },
        ],
        volumes: [{ name: 'state', emptyDir: {} }],
      },
    };
    describe.each(SUPPORTED_FLINK_VERSIONS)('Flink %s', (flinkVersion) => {
      it.each([
        ['without a pod template', {}],
        ["with the job's pod template", { podTemplate }],
        [
          'with everything',
          {
            podTemplate,
            resources: { jobManager: { cpu: 1, memory: '2g' }, taskManager: { cpu: 2, memory: '4g', taskSlots: 2 } },
            webUI: { ingress: 'https://flink.acme.dev/{{namespace}}/{{name}}/' },
          },
        ],
      ] as [string, Partial<ResolvedJob>][])('%s', (_name, overrides) => {
        const { resource } = renderDeployObjects(configMapJob({ flinkVersion, ...overrides }), input);
        expect(validateAgainstCrds(resource)).toEqual([]);
      });
    });

    it('the validator would refuse a mount the API server refuses (negative control)', () => {
      const { resource } = renderDeployObjects(configMapJob(), input);
      const broken = structuredClone(resource) as Obj;
      broken.spec.podTemplate.spec.containers[0].volumeMounts[0].subpath = 'script.sql';
      expect(validateAgainstCrds(broken).join('\n')).toContain('unknown field "subpath"');
    });
  },
);
