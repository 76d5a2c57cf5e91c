import type { FlinkRestTarget } from './types.js';

/** A Flink cluster's REST endpoint: the operator's `<cluster>-rest` service on Flink's REST port. */
export function restTarget(namespace: string, cluster: string): FlinkRestTarget {
  return { namespace, service: `${cluster}-rest`, port: 8081 };
}
