import { sha256Hex } from '../text/sha256.js';
import type { ObjectMeta } from '../kube/types.js';
import type { ResolvedJob } from '../manifest/types.js';
import { sortedRecord } from './plain-object.js';
import { RenderError } from './render-error.js';

/** Where a rendered object came from; every field optional (a local `plan` has no PR). */
export interface Provenance {
  gitSha?: string | undefined;
  pullRequest?: number | undefined;
  commitUrl?: string;
  /** The repository the job comes from, `owner/name` (see repositoryLabel). */
  repository?: string;
}

export const LABEL = {
  managedBy: 'app.kubernetes.io/managed-by',
  name: 'app.kubernetes.io/name',
  job: 'streampilot.dev/job',
  environment: 'streampilot.dev/environment',
  /** repositoryLabel() of the repository the object was applied from. */
  repository: 'streampilot.dev/repository',
} as const;

export const ANNOTATION = {
  gitSha: 'streampilot.dev/git-sha',
  pullRequest: 'streampilot.dev/pull-request',
  commitUrl: 'streampilot.dev/commit-url',
  sqlSha256: 'streampilot.dev/sql-sha256',
  /** The repository's full name as given (`Acme/Flink-Jobs`): the label only holds its hash. */
  repository: 'streampilot.dev/repository',
} as const;

export const MANAGED_BY = 'streampilot';

// Flink uses a FlinkDeployment's name as `kubernetes.cluster-id`: a DNS-1035 label of at most
// 45 characters (it derives longer service and config-map names from it).
const CLUSTER_ID = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const CLUSTER_ID_MAX = 45;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkNames(job: ResolvedJob): void {
  const fail = (problem: string, hint: string, setting?: string[]): never => {
    throw new RenderError(job.name, job.environment, problem, hint, setting);
  };
  if (job.mode === 'application') {
    if (!CLUSTER_ID.test(job.name) || job.name.length > CLUSTER_ID_MAX) {
      fail(
        `job name "${job.name}" cannot name a Flink application cluster: it must start with a letter, contain only lower-case letters, digits and '-', end with a letter or digit, and be at most ${CLUSTER_ID_MAX} characters.`,
        'Rename the job in its job.yaml.',
      );
    }
  } else if (!DNS_LABEL.test(job.name) || job.name.length > 63) {
    fail(
      `job name "${job.name}" is not a valid Kubernetes name: lower-case letters, digits and '-', at most 63 characters.`,
      'Rename the job in its job.yaml.',
    );
  }
  if (!DNS_LABEL.test(job.namespace) || job.namespace.length > 63) {
    fail(
      `namespace "${job.namespace}" is not a valid Kubernetes namespace name.`,
      'Fix `namespace` in streampilot.yaml or the job manifest.',
      ['namespace'],
    );
  }
  if (!LABEL_VALUE.test(job.environment) || job.environment.length > 63) {
    fail(
      `environment name "${job.environment}" cannot be a Kubernetes label value (letters, digits, '-', '_', '.', at most 63 characters).`,
      'Rename the environment in streampilot.yaml.',
    );
  }
}

const REPOSITORY_HASH_LENGTH = 40;

/**
 * The repository label's value: a hash of the lower-cased full name, because a label value
 * holds at most 63 characters of [-A-Za-z0-9_.] and a full name can be longer, and GitHub
 * treats `Acme/Jobs` and `acme/jobs` as one repository.
 */
export function repositoryLabel(fullName: string): string {
  return sha256Hex(fullName.toLowerCase()).slice(0, REPOSITORY_HASH_LENGTH);
}

/**
 * The labels and annotation that tie an object to its repository. Metadata only: the operator
 * decides on upgrades by diffing the spec against its last reconciled spec
 * (AbstractFlinkResourceReconciler, ReflectiveDiffBuilder), and builds the pods from
 * spec.podTemplate (FlinkConfigBuilder), so a new label never restarts a job.
 */
export function repositoryMeta(fullName: string): {
  labels: Record<string, string>;
  annotations: Record<string, string>;
} {
  return {
    labels: { [LABEL.repository]: repositoryLabel(fullName) },
    annotations: { [ANNOTATION.repository]: fullName },
  };
}

/** Name, namespace, the labels we select our objects by, and the provenance annotations. */
export function objectMeta(job: ResolvedJob, script: string, provenance: Provenance): ObjectMeta {
  checkNames(job);
  const annotations: Record<string, string> = { [ANNOTATION.sqlSha256]: sha256Hex(script) };
  if (provenance.gitSha) annotations[ANNOTATION.gitSha] = provenance.gitSha;
  if (provenance.pullRequest !== undefined) {
    if (!Number.isInteger(provenance.pullRequest) || provenance.pullRequest < 1) {
      throw new RenderError(
        job.name,
        job.environment,
        `pull request number ${provenance.pullRequest} is not a positive integer.`,
      );
    }
    annotations[ANNOTATION.pullRequest] = String(provenance.pullRequest);
  }
  if (provenance.commitUrl) annotations[ANNOTATION.commitUrl] = provenance.commitUrl;
  const repository = provenance.repository ? repositoryMeta(provenance.repository) : undefined;
  if (repository) Object.assign(annotations, repository.annotations);
  return {
    name: job.name,
    namespace: job.namespace,
    labels: sortedRecord({
      [LABEL.managedBy]: MANAGED_BY,
      [LABEL.name]: job.name,
      [LABEL.job]: job.name,
      [LABEL.environment]: job.environment,
      ...repository?.labels,
    }),
    annotations: sortedRecord(annotations),
  };
}
