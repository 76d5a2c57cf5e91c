/**
 * The Kubernetes objects StreamPilot writes, typed after the Flink Kubernetes Operator's CRDs
 * (`flink.apache.org/v1beta1`, operator 1.15.0). Only the fields we set or patch are here;
 * the CRDs are the authority (test/render/crd.test.ts checks rendered objects against them).
 */

export const FLINK_API_VERSION = 'flink.apache.org/v1beta1';

/** The part of Kubernetes ObjectMeta that we write. */
export interface ObjectMeta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * `spec.flinkVersion` as the committed CRD enumerates it. The operator's Java enum at 1.15.0
 * also has v2_3 and v2_4, but a cluster installed from the released chart rejects them.
 */
export type OperatorFlinkVersion =
  'v1_13' | 'v1_14' | 'v1_15' | 'v1_16' | 'v1_17' | 'v1_18' | 'v1_19' | 'v1_20' | 'v2_0' | 'v2_1' | 'v2_2';

export type JobState = 'running' | 'suspended';
export type UpgradeMode = 'stateless' | 'savepoint' | 'last-state';

/** `spec.job` of both kinds. */
export interface FlinkJobSpec {
  jarURI: string;
  args?: string[];
  entryClass?: string;
  parallelism: number;
  upgradeMode: UpgradeMode;
  state: JobState;
  initialSavepointPath?: string;
  allowNonRestoredState?: boolean;
  /** A change to another non-null value restarts the job from `initialSavepointPath` (operator ≥ 1.8). */
  savepointRedeployNonce?: number;
  /** Older operators (< 1.10): bump to trigger a savepoint. Newer ones use FlinkStateSnapshot. */
  savepointTriggerNonce?: number;
}

/** `spec.jobManager.resource` / `spec.taskManager.resource`. Memory in Flink's syntax ("2048m"). */
export interface FlinkResource {
  cpu?: number;
  memory?: string;
}

export interface JobManagerSpec {
  resource?: FlinkResource;
  replicas?: number;
}

export interface TaskManagerSpec {
  resource?: FlinkResource;
  replicas?: number;
}

/** `spec.ingress`: the operator creates an Ingress for the `<name>-rest` service from this. */
export interface IngressSpec {
  /** Host and/or path, `{{name}}` and `{{namespace}}` substituted by the operator; no scheme. */
  template: string;
  className?: string;
  annotations?: Record<string, string>;
}

export interface FlinkDeploymentSpec {
  image: string;
  imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  flinkVersion: OperatorFlinkVersion;
  serviceAccount: string;
  flinkConfiguration: Record<string, string>;
  /** A Pod manifest the operator merges into both JobManager and TaskManager pods. */
  podTemplate?: Record<string, unknown>;
  ingress?: IngressSpec;
  jobManager: JobManagerSpec;
  taskManager: TaskManagerSpec;
  job: FlinkJobSpec;
  /** Bump to restart the job (used by `/restart`). */
  restartNonce?: number;
}

export interface FlinkDeployment {
  apiVersion: typeof FLINK_API_VERSION;
  kind: 'FlinkDeployment';
  metadata: ObjectMeta;
  spec: FlinkDeploymentSpec;
}

export interface FlinkSessionJobSpec {
  /** Name of the session cluster (a FlinkDeployment without `job`) in the same namespace. */
  deploymentName: string;
  flinkConfiguration: Record<string, string>;
  job: FlinkJobSpec;
  restartNonce?: number;
}

export interface FlinkSessionJob {
  apiVersion: typeof FLINK_API_VERSION;
  kind: 'FlinkSessionJob';
  metadata: ObjectMeta;
  spec: FlinkSessionJobSpec;
}

export type FlinkResourceObject = FlinkDeployment | FlinkSessionJob;
