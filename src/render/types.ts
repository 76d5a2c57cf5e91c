import type { FlinkResourceObject } from '../kube/types.js';

/** Any Kubernetes object we apply next to the Flink resource (the SQL ConfigMap of `build: configmap`). */
export interface CompanionObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

/** What one job's deploy applies: the operator resource, and objects it needs first. */
export interface DeployObjects {
  resource: FlinkResourceObject;
  /** Applied before `resource`, e.g. the ConfigMap its pod template mounts. */
  companions: CompanionObject[];
}
