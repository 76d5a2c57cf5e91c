/**
 * A FlinkDeployment as StreamPilot applies it (its labels, its field manager), written straight
 * into the fake API server instead of deployed, then taken by the simulated operator to DEPLOYED
 * and, unless `running` is false, to a RUNNING job: the starting point of tests of commands.
 */
import { LABEL, repositoryLabel } from '../../../src/render/object-meta.js';
import type { FakeKube } from './fake-kube.js';
import { findKind } from './resources.js';

const FLINK = 'flink.apache.org/v1beta1';

export interface SeededJob {
  namespace: string;
  name: string;
  /** `owner/name` of the repository StreamPilot deployed it from. */
  repository: string;
  image: string;
  flinkConfiguration: Record<string, string>;
  job: { jarURI: string; parallelism: number; upgradeMode: string };
  running?: boolean;
}

export function seedFlinkDeployment(fake: FakeKube, seed: SeededJob): void {
  const type = findKind(FLINK, 'FlinkDeployment')!;
  const { namespace, name } = seed;
  if (fake.store.get(type, namespace, name)) fake.api.delete(type, namespace, name);
  fake.api.create(
    type,
    namespace,
    {
      apiVersion: FLINK,
      kind: 'FlinkDeployment',
      metadata: {
        name,
        namespace,
        labels: { [LABEL.managedBy]: 'streampilot', [LABEL.repository]: repositoryLabel(seed.repository) },
      },
      spec: {
        image: seed.image,
        flinkVersion: 'v1_20',
        serviceAccount: 'flink',
        flinkConfiguration: seed.flinkConfiguration,
        jobManager: { resource: { cpu: 1, memory: '2048m' } },
        taskManager: { resource: { cpu: 1, memory: '2048m' } },
        job: { ...seed.job, state: 'running' },
      },
    },
    { fieldManager: 'streampilot' },
  );
  fake.operator.deployed(namespace, name);
  if (seed.running !== false) fake.operator.running(namespace, name);
}
