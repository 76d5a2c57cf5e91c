import type { OperatorFlinkVersion } from '../kube/types.js';

/**
 * Flink versions StreamPilot renders, oldest first. The upper end is the committed CRD of
 * operator 1.15.0, whose `flinkVersion` enum stops at v2_2 (its Java enum has v2_3/v2_4, but a
 * cluster installed from the released chart rejects them). The lower end is the oldest Flink
 * the operator still supports. test/render/crd.test.ts checks this list against the CRD.
 */
export const SUPPORTED_FLINK_VERSIONS = ['1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2'] as const;

export type SupportedFlinkVersion = (typeof SUPPORTED_FLINK_VERSIONS)[number];

/**
 * `1.20` (or `1.20.1`: the operator only knows minor versions) → `v1_20`.
 * Returns undefined for a version the operator CRD we target does not accept.
 */
export function operatorFlinkVersion(version: string): OperatorFlinkVersion | undefined {
  const m = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  if (!m) return undefined;
  const minor = `${Number(m[1])}.${Number(m[2])}`;
  if (!(SUPPORTED_FLINK_VERSIONS as readonly string[]).includes(minor)) return undefined;
  return `v${minor.replace('.', '_')}` as OperatorFlinkVersion;
}
