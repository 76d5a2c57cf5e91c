// The rollout assessment as a table: one operator status per row (test/fixtures/rollout/), each
// with the verdict a deploy must reach — as Argo CD tests its health checks on YAML fixtures.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assess } from '../../src/deploy/rollout-status.js';
import { repoRoot } from '../support/repo-root.js';

interface Row {
  name: string;
  status: Record<string, unknown>;
  initialError?: string;
  verdict: 'running' | 'waiting' | 'failed';
  finding?: string;
}

const rows = parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'rollout', 'statuses.yaml'), 'utf8')) as Row[];

describe('assess: an operator status and the verdict for generation 2', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const object = {
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkDeployment',
      metadata: { name: 'orders', namespace: 'flink', generation: 2 },
      spec: {},
      status: row.status,
    };
    const verdict = assess(object as Parameters<typeof assess>[0], 2, row.initialError);
    expect(verdict.kind).toBe(row.verdict);
    if (row.finding) expect(verdict.kind === 'failed' ? verdict.finding.kind : undefined).toBe(row.finding);
  });
});
