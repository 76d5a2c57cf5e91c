/**
 * One job's objects onto the cluster by server-side apply, without ever overwriting someone
 * else's change by accident: a dry run first tells drift (fields another manager owns with
 * another value) and "nothing to do" apart from a real change, and only a real change writes.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { KubeApiError, type KubeClient, type ObjectRef, type StatusCause } from '../kube/client.js';
import type { FlinkResourceObject } from '../kube/types.js';
import { ANNOTATION, LABEL } from '../render/object-meta.js';
import { foreignRefusal, ownershipOf, repositoryOf } from './repository-ownership.js';
import type { ApplyResult, DeployObjects, DriftedField } from './types.js';

export const FIELD_MANAGER = 'streampilot';
/**
 * Writes the repository label onto an unchanged object it adopts. A manager of its own: an
 * apply as `streampilot` of the metadata alone would give up (and so remove) every spec field.
 */
export const ADOPTION_FIELD_MANAGER = 'streampilot-adoption';

export interface ApplyJobOptions {
  /** Take over fields other managers changed (reported back as `forcedFields`). */
  force: boolean;
  fieldManager?: string;
  /** Called once, just before the first real write (not for drift, unchanged, or a failed check): e.g. to open a GitHub Deployment. */
  beforeWrite?: () => Promise<void>;
}

type Stored = FlinkResourceObject & { metadata: { generation?: number } };
type WithGeneration = { metadata?: { generation?: number } };

function refOf(object: { apiVersion: string; kind: string; metadata: { namespace: string; name: string } }): ObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace,
    name: object.metadata.name,
  };
}

function describe(object: { kind: string; metadata: { namespace: string; name: string } }): string {
  return `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`;
}

/**
 * Applies `objects` with server-side apply as `fieldManager` (default `streampilot`):
 *
 * - any of them exists and carries another repository's label: `failed`, nothing written; one
 *   without a repository label is adopted (`adopted: true`), even when nothing else changes;
 * - the resource does not exist: companions, then the resource (`applied`, `created: true`);
 * - it exists: a dry run without force. Fields another manager owns with a different value are
 *   `drift` (unless `force`), and nothing is written; a dry run that leaves the generation as it
 *   is means the spec is already what Git says: `unchanged`, nothing written, so the object
 *   keeps the provenance annotations of the commit that really deployed it;
 * - otherwise `beforeWrite`, companions, then the resource, forced when `force` (`forcedFields`:
 *   what that took over).
 *
 * Never throws for API failures: they are `failed` with the server's reasons.
 */
export async function applyJob(
  kube: KubeClient,
  objects: DeployObjects,
  options: ApplyJobOptions,
): Promise<ApplyResult> {
  const fieldManager = options.fieldManager ?? FIELD_MANAGER;
  const { resource, companions } = objects;
  let step: Step = { doing: 'reading', object: describe(resource) };
  try {
    const live = await kube.get<Stored>(refOf(resource));
    const claim = await claimObjects(kube, objects, live);
    if ('refused' in claim) return { status: 'failed', ...claim.refused };
    const adopted = claim.unclaimed.length > 0 ? { adopted: true } : {};
    let forcedFields: DriftedField[] = [];
    if (live) {
      step = { doing: 'checking (dry run)', object: describe(resource) };
      const check = await dryRun(kube, resource, fieldManager);
      if (check.drift.length === 0 && check.object && generationOf(check.object) === generationOf(live)) {
        // A label is not spec: the generation stays, so the dry run calls an adoption "unchanged". It is written alone.
        for (const object of claim.unclaimed) {
          step = { doing: 'adopting', object: describe(object) };
          await kube.applyServerSide(repositoryOnly(object), { fieldManager: ADOPTION_FIELD_MANAGER, force: false });
        }
        return { status: 'unchanged', object: live, generation: generationOf(live), ...adopted };
      }
      const drift = [...check.drift];
      // Only now, with a change to make: a companion someone edited would be overwritten too.
      for (const companion of companions) {
        step = { doing: 'checking (dry run)', object: describe(companion) };
        drift.push(...(await dryRun(kube, companion, fieldManager)).drift);
      }
      if (drift.length > 0 && !options.force) return { status: 'drift', fields: drift };
      forcedFields = drift;
    }
    await options.beforeWrite?.();
    for (const companion of companions) {
      step = { doing: 'applying', object: describe(companion) };
      await kube.applyServerSide<KubernetesObject>(companion, { fieldManager, force: options.force });
    }
    step = { doing: 'applying', object: describe(resource) };
    const applied = await kube.applyServerSide<Stored>(resource, { fieldManager, force: options.force });
    return {
      status: 'applied',
      object: applied,
      generation: generationOf(applied),
      created: !live,
      forcedFields,
      ...adopted,
    };
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    // Someone changed a field between the dry run and the apply.
    const drift = conflicts(error);
    if (drift.length > 0) return { status: 'drift', fields: drift };
    return failure(error, step, resource);
  }
}

type Rendered = DeployObjects['resource'] | DeployObjects['companions'][number];

/**
 * Reads what exists of the job's objects: refused when one belongs to another repository (before
 * anything is written, so nothing is half-applied); otherwise the ones without a repository label.
 */
async function claimObjects(
  kube: KubeClient,
  objects: DeployObjects,
  live: KubernetesObject | undefined,
): Promise<{ refused: { reason: string; hint: string } } | { unclaimed: Rendered[] }> {
  if (repositoryOf(objects.resource) === undefined) return { unclaimed: [] };
  const ours = objects.resource.metadata.annotations?.[ANNOTATION.repository] ?? repositoryOf(objects.resource)!;
  const unclaimed: Rendered[] = [];
  const pairs: [Rendered, KubernetesObject | undefined][] = [[objects.resource, live]];
  for (const companion of objects.companions) pairs.push([companion, await kube.get(refOf(companion))]);
  for (const [rendered, existing] of pairs) {
    if (!existing) continue;
    const ownership = ownershipOf(existing, rendered);
    if (ownership.status === 'foreign') return { refused: foreignRefusal(rendered, ours, ownership.repository) };
    if (ownership.status === 'unclaimed') unclaimed.push(rendered);
  }
  return { unclaimed };
}

/** The object reduced to its name and repository label and annotation: an adoption's whole write. */
function repositoryOnly(object: Rendered): KubernetesObject {
  const { name, namespace, labels, annotations } = object.metadata;
  const fullName = annotations?.[ANNOTATION.repository];
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: {
      name,
      namespace,
      labels: { [LABEL.repository]: labels?.[LABEL.repository] ?? '' },
      ...(fullName ? { annotations: { [ANNOTATION.repository]: fullName } } : {}),
    },
  };
}

/** The object a non-forced apply would produce, or the fields it conflicts on. */
async function dryRun<T extends KubernetesObject>(
  kube: KubeClient,
  object: T,
  fieldManager: string,
): Promise<{ object?: T; drift: DriftedField[] }> {
  try {
    return { object: await kube.applyServerSide(object, { fieldManager, force: false, dryRun: true }), drift: [] };
  } catch (error) {
    const drift = error instanceof KubeApiError ? conflicts(error) : [];
    if (drift.length === 0) throw error;
    return { drift };
  }
}

/** An apply conflict's causes, one per (field, manager): `conflict with "kubectl-edit" using flink.apache.org/v1beta1`. */
function conflicts(error: KubeApiError): DriftedField[] {
  if (error.code !== 409) return [];
  return error.causes
    .filter((c) => c.reason === 'FieldManagerConflict')
    .map((c) => ({ field: c.field ?? '', manager: managerOf(c) }));
}

function managerOf(cause: StatusCause): string {
  const quoted = /^conflict with ("(?:[^"\\]|\\.)*")/.exec(cause.message ?? '');
  if (quoted) {
    try {
      return JSON.parse(quoted[1]!) as string;
    } catch {
      return quoted[1]!.slice(1, -1);
    }
  }
  return cause.message ?? 'another field manager';
}

function generationOf(object: Stored): number {
  return Number((object as WithGeneration).metadata?.generation ?? 0);
}

interface Step {
  doing: 'reading' | 'checking (dry run)' | 'applying' | 'adopting';
  object: string;
}

function failure(error: KubeApiError, step: Step, resource: FlinkResourceObject): ApplyResult {
  const at = `${step.doing} ${step.object}`;
  const causes = error.causes
    .filter((c) => c.field || c.message)
    .map((c) => (c.field ? `${c.field}: ${c.message ?? c.reason ?? ''}` : c.message!));
  const detail = causes.length > 0 ? causes.join('; ') : error.message;
  const kind = resource.kind;
  const namespace = resource.metadata.namespace;
  // client-node reports a kind discovery does not list as a plain Error, which the client sees as unreachable.
  if (error.code === 0 && /Unrecognized API version and kind/.test(error.message)) {
    return {
      status: 'failed',
      reason: `the cluster does not serve ${resource.apiVersion} ${kind} (${at})`,
      hint: 'install the Flink Kubernetes Operator and its CRDs in the cluster, or check that the kubeconfig context points at the right cluster',
    };
  }
  // Apply cannot convert a field the CRD lacks (whatever fieldValidation says): the server answers 500 with the fields.
  const undeclared = [...error.message.matchAll(/(\.[^\s:]+): field not declared in schema/g)].map(
    (m) => `${m[1]}: field not declared in schema`,
  );
  if (undeclared.length > 0) {
    return {
      status: 'failed',
      reason: `the API server rejected ${step.object}: ${undeclared.join('; ')}`,
      hint: `the ${kind} CRD installed in the cluster does not have these fields: upgrade the Flink Kubernetes Operator's CRDs, or remove the fields from the job`,
    };
  }
  // A validating webhook's denial (any code the webhook chose, the operator's is 403): not a
  // permission problem, the object itself is refused, and nothing of it was stored.
  const denial = /^admission webhook "([^"]+)" denied the request: ([\s\S]*)$/.exec(error.message);
  if (denial) {
    const byOperator = denial[1]!.endsWith('flink.apache.org');
    return {
      status: 'failed',
      reason: byOperator
        ? `the Flink Kubernetes Operator refused ${step.object}: ${denial[2]}`
        : `admission webhook ${denial[1]} refused ${step.object}: ${denial[2]}`,
      hint: byOperator
        ? "nothing was applied; fix the job's manifest or streampilot.yaml as the message says (`streampilot check` reports the operator's rules at the key that breaks them, rules operator/…)"
        : `nothing was applied; the cluster's admission policy (webhook ${denial[1]}) does not allow this object`,
    };
  }
  switch (error.code) {
    case 0:
      return {
        status: 'failed',
        reason: `the Kubernetes cluster could not be reached (${at}): ${error.message}`,
        hint: "check the kubeconfig context's server address and credentials, and that the cluster is up; the next deploy retries",
      };
    case 401:
      return {
        status: 'failed',
        reason: `the Kubernetes API server refused our credentials (${at})`,
        hint: 'renew the token or certificate of the kubeconfig user',
      };
    case 403:
      return {
        status: 'failed',
        reason: `not allowed (${at}): ${error.message}`,
        hint: `grant StreamPilot's account get, patch and create on ${kind === 'FlinkDeployment' ? 'flinkdeployments' : 'flinksessionjobs'}.flink.apache.org (and configmaps) in namespace ${namespace}`,
      };
    case 404:
      return {
        status: 'failed',
        reason: `not found (${at}): ${error.message}`,
        hint: `check that namespace ${namespace} exists and that the Flink Kubernetes Operator's CRDs are installed`,
      };
    case 400:
    case 422:
      return {
        status: 'failed',
        reason: `the API server rejected ${step.object}: ${detail}`,
        hint: "fix the job's manifest (or streampilot.yaml); if it looks right, the operator CRDs installed in the cluster may be older than the version StreamPilot renders for",
      };
    default:
      return { status: 'failed', reason: `${at} failed (${error.code} ${error.reason}): ${detail}` };
  }
}
