/**
 * Which of the operator's CRDs the fake cluster has installed. An operator before 1.10 has no
 * FlinkStateSnapshot CRD (it came with FLIP-446 in 1.10): the API server then leaves the kind out
 * of discovery (`/apis/flink.apache.org/v1beta1`) and answers 404 NotFound for its paths, as for
 * any resource it does not serve.
 */
type ResourceList = { resources?: { kind?: string }[] };

/** The discovery document without the kinds whose CRD is not installed. */
export function withoutKinds<T extends object>(list: T, absent: ReadonlySet<string>): T {
  const resources = (list as ResourceList).resources;
  if (!resources || absent.size === 0) return list;
  return { ...list, resources: resources.filter((r) => !absent.has(String(r.kind))) };
}
