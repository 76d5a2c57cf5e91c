/**
 * Resources StreamPilot deployed to an environment whose job is no longer in Git. Found by the
 * labels every rendered object carries (src/render/object-meta.ts), repository included, so
 * nothing someone else created — another repository deploying to the same namespace and
 * environment name included — is ever reported, let alone deleted. An object without a
 * repository label (applied before objects carried one) belongs to nobody yet: it is not an
 * orphan of anyone until a repository adopts it by deploying its job.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeClient } from '../kube/client.js';
import { FLINK_API_VERSION } from '../kube/types.js';
import { LABEL, MANAGED_BY } from '../render/object-meta.js';
import { ownSelector } from './repository-ownership.js';
import type { DeployedRef, FlinkKind, OrphanReport } from './types.js';

const KINDS: FlinkKind[] = ['FlinkDeployment', 'FlinkSessionJob'];

export interface OrphanQuery {
  environment: string;
  /** Where the environment's jobs live. */
  namespaces: string[];
  /** The names of the environment's jobs in Git. */
  jobs: Set<string>;
  /** repositoryLabel() of the repository deploying: only its objects are looked at. */
  repository: string;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function isOurs(object: KubernetesObject, environment: string, repository: string): boolean {
  const labels = object.metadata?.labels ?? {};
  return (
    labels[LABEL.managedBy] === MANAGED_BY &&
    labels[LABEL.environment] === environment &&
    labels[LABEL.repository] === repository &&
    typeof labels[LABEL.job] === 'string'
  );
}

/** FlinkDeployments and FlinkSessionJobs of `environment` and `repository` in `namespaces` whose `streampilot.dev/job` is not in `jobs`, sorted. */
export async function findOrphans(kube: KubeClient, query: OrphanQuery): Promise<DeployedRef[]> {
  const selector = ownSelector(query.environment, query.repository);
  const found: DeployedRef[] = [];
  for (const namespace of [...new Set(query.namespaces)].sort()) {
    for (const kind of KINDS) {
      for (const object of await kube.list(FLINK_API_VERSION, kind, namespace, selector)) {
        // The selector already says so; checked again so that no server quirk can make us delete someone else's job.
        if (
          !isOurs(object, query.environment, query.repository) ||
          query.jobs.has(object.metadata!.labels![LABEL.job]!)
        )
          continue;
        found.push({ apiVersion: FLINK_API_VERSION, kind, namespace, name: object.metadata?.name ?? '' });
      }
    }
  }
  return found.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.kind, b.kind) || compare(a.name, b.name));
}

/**
 * Deletes each orphan of `repository`, read again first: an object that lost our labels since it
 * was found is left alone (`pruned: false`), one already gone counts as pruned. A delete that
 * fails leaves the job running (`pruned: false`) and never stops the others.
 */
export async function pruneOrphans(kube: KubeClient, refs: DeployedRef[], repository: string): Promise<OrphanReport[]> {
  const reports: OrphanReport[] = [];
  for (const ref of refs) {
    const report = { kind: ref.kind, namespace: ref.namespace, name: ref.name };
    try {
      const live = await kube.get(ref);
      if (live) {
        if (!isOurs(live, live.metadata?.labels?.[LABEL.environment] ?? '', repository)) {
          reports.push({ ...report, pruned: false });
          continue;
        }
        await kube.delete(ref);
      }
      reports.push({ ...report, pruned: true });
    } catch {
      reports.push({ ...report, pruned: false });
    }
  }
  return reports;
}
