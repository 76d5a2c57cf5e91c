/** A Flink minor release as written in manifests: "1.17" … "2.2". */
export type FlinkVersion = string;

export const SUPPORTED_FLINK_VERSIONS: readonly FlinkVersion[] = ['1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2'];

export const DEFAULT_FLINK_VERSION: FlinkVersion = '1.20';

export function compareVersions(a: FlinkVersion, b: FlinkVersion): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}
