import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_FLINK_VERSIONS } from '../../src/render/flink-version.js';
import { renderJob } from '../../src/render/render-job.js';
import type { ResolvedJob } from '../../src/manifest/types.js';
import { loadCrds, operatorCrdDir, operatorValidators, validateAgainstCrds } from '../support/crd-schema.js';
import { resolvedJob } from '../support/resolved-job.js';

const present = fs.existsSync(operatorCrdDir);

const job = resolvedJob;

const input = {
  image: 'ghcr.io/acme/flink-jobs:orders-enrichment-0123456789abcdef',
  script: "CREATE TABLE o (id INT) WITH ('connector' = 'datagen');\nINSERT INTO s SELECT * FROM o;\n",
  gitSha: '9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6',
  pullRequest: 42,
  commitUrl: 'https://github.com/acme/flink-jobs/commit/9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6',
};

const podTemplate = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { labels: { team: 'data-platform' } },
  spec: {
    containers: [
      {
        name: 'flink-main-container',
        env: [{ name: 'KAFKA_PASSWORD', valueFrom: { secretKeyRef: { name: 'kafka', key: 'password' } } }],
        volumeMounts: [{ name: 'state', mountPath: '/state' }],
        ports: [{ name: 'metrics', containerPort: 9249 }],
        readinessProbe: { httpGet: { path: '/', port: 'rest' } },
      },
    ],
    volumes: [{ name: 'state', emptyDir: {} }],
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'flink', effect: 'NoSchedule' }],
  },
};

const resources: ResolvedJob['resources'] = {
  jobManager: { cpu: 0.5, memory: '2048m', replicas: 1 },
  taskManager: { cpu: 2, memory: '4g', replicas: 3, taskSlots: 2 },
};

const title = present
  ? 'rendered objects against the operator CRDs'
  : 'rendered objects against the operator CRDs (skipped: ../shared/reference/flink-operator not present)';

describe.skipIf(!present)(title, () => {
  it('the CRDs carry no CEL rules this validator would silently skip', () => {
    for (const v of operatorValidators().values()) expect(v.uncheckedRules, v.kind).toBe(0);
  });

  it('supports exactly the CRD flinkVersion values from v1_17 on', () => {
    const crd = loadCrds().find((c) => c.kind === 'FlinkDeployment')!;
    const allowed = (crd.openAPIV3Schema as any).properties.spec.properties.flinkVersion.enum as string[];
    const fromV117 = allowed.filter((v) => !/^v1_1[3-6]$/.test(v));
    expect(SUPPORTED_FLINK_VERSIONS.map((v) => `v${v.replace('.', '_')}`)).toEqual(fromV117);
  });

  describe.each(SUPPORTED_FLINK_VERSIONS)('application mode, Flink %s', (flinkVersion) => {
    it.each([
      ['minimal', {}],
      ['with resources', { resources }],
      ['with pod template', { podTemplate }],
      ['with ingress', { webUI: { ingress: 'https://flink.acme.dev/{{namespace}}/{{name}}/' } }],
      ['with host-routed ingress', { webUI: { ingress: 'https://{{name}}.{{namespace}}.flink.acme.dev/' } }],
      [
        'with everything',
        {
          resources,
          podTemplate,
          serviceAccount: 'flink-jobs',
          webUI: { ingress: 'https://flink.acme.dev/{{namespace}}/{{name}}/' },
          runner: {
            jarURI: 'local:///opt/flink/usrlib/runner.jar',
            entryClass: 'dev.acme.SqlRunner',
            args: ['--file', '{{script}}'],
          },
          upgradeMode: 'last-state' as const,
          flinkConfiguration: { 'high-availability.type': 'kubernetes', 'high-availability.storageDir': 's3://ha' },
        },
      ],
    ] as [string, Partial<ResolvedJob>][])('%s', (_name, overrides) => {
      const object = renderJob(job({ flinkVersion, ...overrides }), input);
      expect(validateAgainstCrds(object)).toEqual([]);
    });
  });

  it.each([
    ['default inline SQL', {}],
    [
      'custom runner and configuration',
      {
        runner: {
          jarURI: 'https://repo.acme.dev/runner.jar',
          entryClass: 'dev.acme.Inline',
          args: ['--sql', '{{sql}}'],
        },
        upgradeMode: 'stateless' as const,
      },
    ],
    ['resources and pod template ignored', { resources, podTemplate }],
  ] as [string, Partial<ResolvedJob>][])('session mode: %s', (_name, overrides) => {
    const object = renderJob(job({ mode: 'session', sessionCluster: 'shared-session', ...overrides }), input);
    expect(object.kind).toBe('FlinkSessionJob');
    expect(validateAgainstCrds(object)).toEqual([]);
  });

  describe('negative controls: the validator rejects what the API server would', () => {
    const good = () => structuredClone(renderJob(job({ resources, podTemplate }), input)) as any;

    it.each([
      [
        'an upgradeMode outside the enum',
        (o: any) => void (o.spec.job.upgradeMode = 'sometimes'),
        '/spec/job/upgradeMode',
      ],
      ['parallelism as a string', (o: any) => void (o.spec.job.parallelism = '4'), '/spec/job/parallelism'],
      [
        'a flinkVersion the committed CRD lacks (v2_3)',
        (o: any) => void (o.spec.flinkVersion = 'v2_3'),
        '/spec/flinkVersion',
      ],
      ['a misspelt field', (o: any) => void (o.spec.jobmanager = { replicas: 1 }), 'unknown field "jobmanager"'],
      [
        'cpu as a Kubernetes quantity string',
        (o: any) => void (o.spec.taskManager.resource.cpu = '500m'),
        '/spec/taskManager/resource/cpu',
      ],
      [
        'a pod template whose containers is not a list',
        (o: any) => void (o.spec.podTemplate.spec.containers = { name: 'x' }),
        '/spec/podTemplate/spec/containers',
      ],
      [
        'an unknown field deep in the pod template',
        (o: any) => void (o.spec.podTemplate.spec.containers[0].volumeMount = []),
        'unknown field "volumeMount"',
      ],
      [
        'a port that is neither integer nor string',
        (o: any) => void (o.spec.podTemplate.spec.containers[0].readinessProbe.httpGet.port = true),
        '/readinessProbe/httpGet/port',
      ],
      [
        'a label value over 63 characters',
        (o: any) => void (o.metadata.labels['streampilot.dev/job'] = 'x'.repeat(64)),
        '/metadata/labels/streampilot.dev~1job',
      ],
      ['an upper-case name', (o: any) => void (o.metadata.name = 'Orders'), '/metadata/name'],
      ['a wrong apiVersion', (o: any) => void (o.apiVersion = 'flink.apache.org/v1'), '/apiVersion'],
      ['a missing spec', (o: any) => void delete o.spec, "must have required property 'spec'"],
      ['a null where null is not allowed', (o: any) => void (o.spec.image = null), '/spec/image'],
    ])('rejects %s', (_name, mutate, expected) => {
      const object = good();
      expect(validateAgainstCrds(object)).toEqual([]);
      mutate(object);
      const problems = validateAgainstCrds(object);
      expect(problems.join('\n')).toContain(expected);
    });

    it('rejects a session job carrying FlinkDeployment-only fields', () => {
      const object = structuredClone(renderJob(job({ mode: 'session', sessionCluster: 'shared' }), input)) as any;
      object.spec.image = 'flink:1.20';
      expect(validateAgainstCrds(object)).toEqual(['/spec has unknown field "image"']);
    });
  });
});
