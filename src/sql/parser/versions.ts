/** A Flink minor release as written in manifests: "1.17" … "2.2". */
export type FlinkVersion = string;

export const SUPPORTED_FLINK_VERSIONS: readonly FlinkVersion[] = ['1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2'];

export const DEFAULT_FLINK_VERSION: FlinkVersion = '1.20';

// The parser compares versions for every reserved word it reads: each version string is split once.
const versionOrdinals = new Map<FlinkVersion, number>();

function ordinal(v: FlinkVersion): number {
  let n = versionOrdinals.get(v);
  if (n === undefined) {
    const [major = 0, minor = 0] = v.split('.').map(Number);
    n = major * 10_000 + minor;
    if (versionOrdinals.size < 1000) versionOrdinals.set(v, n);
  }
  return n;
}

export function compareVersions(a: FlinkVersion, b: FlinkVersion): number {
  return ordinal(a) - ordinal(b);
}
