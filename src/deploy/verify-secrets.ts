import { KubeApiError, type KubeClient } from '../kube/client.js';
import type { DeployObjects } from './types.js';

/** A Secret key a job's pods read through `secretKeyRef`. */
export interface SecretKeyRef {
  secret: string;
  key: string;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Every non-optional `secretKeyRef` in the pod templates of a job's resource (ours and the
 * team's own), once each: the kubelet refuses to start a container whose Secret or key is
 * missing (CreateContainerConfigError), long after the apply looked fine.
 */
export function secretKeyRefs(objects: DeployObjects): SecretKeyRef[] {
  const spec = (objects.resource as unknown as { spec?: Obj }).spec ?? {};
  const templates = [
    spec.podTemplate,
    (spec.jobManager as Obj | undefined)?.podTemplate,
    (spec.taskManager as Obj | undefined)?.podTemplate,
  ];
  const found = new Map<string, SecretKeyRef>();
  for (const template of templates) {
    const podSpec = isObject(template) && isObject(template.spec) ? template.spec : undefined;
    if (!podSpec) continue;
    for (const list of [podSpec.containers, podSpec.initContainers]) {
      for (const container of Array.isArray(list) ? list : []) {
        const env = isObject(container) && Array.isArray(container.env) ? container.env : [];
        for (const entry of env) {
          const ref = isObject(entry) && isObject(entry.valueFrom) ? entry.valueFrom.secretKeyRef : undefined;
          if (!isObject(ref) || ref.optional === true) continue;
          if (typeof ref.name !== 'string' || typeof ref.key !== 'string') continue;
          found.set(`${ref.name}\u0000${ref.key}`, { secret: ref.name, key: ref.key });
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => (a.secret + a.key < b.secret + b.key ? -1 : 1));
}

/**
 * What is wrong with the Secrets `objects` need in `namespace`, one sentence each naming the
 * Secret, the key, the namespace and the job; empty when every one is there. Reads only key
 * names (see KubeClient.secretKeys), with `get` on those Secrets alone.
 */
export async function missingSecrets(
  kube: KubeClient,
  job: { name: string; namespace: string },
  objects: DeployObjects,
): Promise<{ problems: string[]; hint?: string }> {
  const problems: string[] = [];
  let hint: string | undefined;
  const keysOf = new Map<string, Promise<string[] | undefined>>();
  for (const ref of secretKeyRefs(objects)) {
    let lookup = keysOf.get(ref.secret);
    if (!lookup) keysOf.set(ref.secret, (lookup = kube.secretKeys(job.namespace, ref.secret)));
    try {
      const keys = await lookup;
      if (keys === undefined)
        problems.push(
          `Secret ${ref.secret} (key ${ref.key}) does not exist in namespace ${job.namespace}, and job ${job.name} needs it`,
        );
      else if (!keys.includes(ref.key))
        problems.push(
          `Secret ${ref.secret} in namespace ${job.namespace} has no key ${ref.key}, and job ${job.name} needs it`,
        );
    } catch (e) {
      if (!(e instanceof KubeApiError) || (e.code !== 401 && e.code !== 403)) throw e;
      problems.push(
        `Secret ${ref.secret} (key ${ref.key}) in namespace ${job.namespace} could not be looked up for job ${job.name}: ${e.message}`,
      );
      hint = `grant StreamPilot's account \`get\` on secrets named ${ref.secret} in namespace ${job.namespace} (resourceNames); it reads no Secret's values, only whether the key is there`;
    }
  }
  return {
    problems,
    ...(problems.length > 0
      ? {
          hint:
            hint ??
            `create the Secret in namespace ${job.namespace} (kubectl create secret generic <name> --from-literal=<key>=… -n ${job.namespace}), or fix \`secrets:\` in job.yaml or streampilot.yaml`,
        }
      : {}),
  };
}
