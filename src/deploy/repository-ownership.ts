/**
 * Which repository a live object belongs to, by the repository label every rendered object
 * carries (src/render/object-meta.ts). Two repositories may share a namespace and an
 * environment name; only the label tells their objects apart.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { ANNOTATION, LABEL, MANAGED_BY } from '../render/object-meta.js';

export type Ownership =
  /** Applied from the same repository, or the rendered object names no repository. */
  | { status: 'ours' }
  /** Applied before objects carried a repository label: the first repository to deploy it takes it. */
  | { status: 'unclaimed' }
  /** Another repository's: never written. `repository` is its full name when the object says it. */
  | { status: 'foreign'; repository: string };

const labelsOf = (o: KubernetesObject | undefined) => o?.metadata?.labels ?? {};

/** The repository label `rendered` carries, if any: what a selector of "our objects" adds. */
export function repositoryOf(rendered: KubernetesObject): string | undefined {
  return labelsOf(rendered)[LABEL.repository];
}

export function ownershipOf(live: KubernetesObject, rendered: KubernetesObject): Ownership {
  const ours = repositoryOf(rendered);
  if (ours === undefined) return { status: 'ours' };
  const theirs = labelsOf(live)[LABEL.repository];
  if (theirs === ours) return { status: 'ours' };
  if (theirs === undefined) return { status: 'unclaimed' };
  const name = live.metadata?.annotations?.[ANNOTATION.repository];
  return { status: 'foreign', repository: name ?? `the repository labelled ${theirs}` };
}

/** `managed-by=streampilot,environment=<env>[,repository=<hash>]`: our objects in an environment. */
export function ownSelector(environment: string, repository: string | undefined, job?: string): string {
  const terms = [`${LABEL.managedBy}=${MANAGED_BY}`, `${LABEL.environment}=${environment}`];
  if (job !== undefined) terms.push(`${LABEL.job}=${job}`);
  if (repository !== undefined) terms.push(`${LABEL.repository}=${repository}`);
  return terms.join(',');
}

/** Why an apply over another repository's object is refused, and what to do about it. */
export function foreignRefusal(
  object: { kind: string; metadata: { namespace: string; name: string } },
  ours: string,
  theirs: string,
): { reason: string; hint: string } {
  return {
    reason:
      `${object.kind} ${object.metadata.namespace}/${object.metadata.name} belongs to repository ${theirs}, ` +
      `and this deploy comes from ${ours}: StreamPilot never overwrites another repository's job, so nothing was applied`,
    hint:
      'two repositories deploy a job of the same name to the same namespace: rename the job in one of them ' +
      "(`name` in its job.yaml), or give one of them another namespace (`namespace` in streampilot.yaml or the job's manifest)",
  };
}
