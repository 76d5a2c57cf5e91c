import type { KubeClient } from '../kube/client.js';
import { ownSelector, repositoryOf } from './repository-ownership.js';
import type { CompanionObject } from './types.js';

/**
 * `build: configmap` ships each script version in a ConfigMap of its own (content-addressed,
 * immutable), and a job on StreamPilot's runner each version of its runtime values likewise
 * (`<job>-values-…`), so every change leaves one behind. Once the job runs on the new one, the
 * operator's last stable spec names it too, and no rollback needs the older ones: they go.
 * Only the ConfigMaps of the same repository as `current`: another repository's job of the same
 * name keeps its own. Returns the names deleted; a failure to delete is left for the next deploy.
 */
export async function pruneSqlConfigMaps(
  kube: KubeClient,
  job: { namespace: string; environment: string; name: string },
  current: readonly CompanionObject[],
): Promise<string[]> {
  const keep = new Set(current.filter((c) => c.kind === 'ConfigMap').map((c) => c.metadata.name));
  if (keep.size === 0) return [];
  const selector = ownSelector(job.environment, current[0] && repositoryOf(current[0]), job.name);
  const found = await kube.list<{ apiVersion: string; kind: string; metadata?: { name?: string } }>(
    'v1',
    'ConfigMap',
    job.namespace,
    selector,
  );
  const stale = found
    .map((c) => c.metadata?.name)
    .filter(
      (name): name is string =>
        Boolean(name) &&
        (name!.startsWith(`${job.name}-sql-`) || name!.startsWith(`${job.name}-values-`)) &&
        !keep.has(name!),
    );
  const deleted: string[] = [];
  for (const name of stale) {
    if (await kube.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: job.namespace, name }).catch(() => false))
      deleted.push(name);
  }
  return deleted;
}
