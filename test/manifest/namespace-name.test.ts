import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { parseJobManifest } from '../../src/manifest/load-job.js';
import { parseProjectManifest } from '../../src/manifest/load-project.js';

const show = (d: Diagnostic): string => `${d.line}:${d.column} ${d.message}`;
const project = (ns: string) =>
  `apiVersion: streampilot.dev/v1\nkind: Project\nenvironments:\n  staging:\n    namespace: ${JSON.stringify(ns)}\n`;
const job = (ns: string) =>
  `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: orders\nsql: [main.sql]\nenvironments:\n  staging:\n    namespace: ${JSON.stringify(ns)}\n`;

describe('namespaces in the manifests are Kubernetes namespace names (RFC 1123 label, at most 63 characters)', () => {
  it.each(['Kube_System', '-leading', 'trailing-', 'a.b', 'x'.repeat(64), '../kube-system', ''])(
    'refuses %j at the value, in streampilot.yaml and in job.yaml',
    (ns) => {
      const inProject = parseProjectManifest(project(ns), 'streampilot.yaml').diagnostics;
      expect(inProject.map(show)).toEqual([
        expect.stringMatching(
          /^5:16 `environments\.staging\.namespace` (must be a Kubernetes namespace name|must be at most 63 characters)/,
        ),
      ]);
      const inJob = parseJobManifest(job(ns), 'jobs/orders/job.yaml', 'orders').diagnostics;
      expect(inJob.map(show)).toEqual([
        expect.stringMatching(
          /^7:16 `environments\.staging\.namespace` (must be a Kubernetes namespace name|must be at most 63 characters)/,
        ),
      ]);
    },
  );

  it('accepts a well-formed name, kube-system included: which namespaces a repository may use is the app’s STREAMPILOT_CLUSTER_ACCESS', () => {
    expect(parseProjectManifest(project('kube-system'), 'streampilot.yaml').diagnostics).toEqual([]);
    expect(parseProjectManifest(project('x'.repeat(63)), 'streampilot.yaml').diagnostics).toEqual([]);
  });
});
