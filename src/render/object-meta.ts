import { sha256Hex } from '../text/sha256.js';
import type { ObjectMeta } from '../kube/types.js';
import type { ResolvedJob } from '../manifest/types.js';
import { sortedRecord } from './plain-object.js';
import { RenderError } from './render-error.js';

/** Where a rendered object came from; every field optional (a local `plan` has no PR). */
export interface Provenance {
  gitSha?: string;
  pullRequest?: number;
  commitUrl?: string;
}

export const LABEL = {
  managedBy: 'app.kubernetes.io/managed-by',
  name: 'app.kubernetes.io/name',
  job: 'streampilot.dev/job',
  environment: 'streampilot.dev/environment',
} as const;

export const ANNOTATION = {
  gitSha: 'streampilot.dev/git-sha',
  pullRequest: 'streampilot.dev/pull-request',
  commitUrl: 'streampilot.dev/commit-url',
  sqlSha256: 'streampilot.dev/sql-sha256',
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
  return {
    name: job.name,
    namespace: job.namespace,
    labels: sortedRecord({
      [LABEL.managedBy]: MANAGED_BY,
      [LABEL.name]: job.name,
      [LABEL.job]: job.name,
      [LABEL.environment]: job.environment,
    }),
    annotations: sortedRecord(annotations),
  };
}
