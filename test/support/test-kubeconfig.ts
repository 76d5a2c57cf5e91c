/**
 * Kubeconfigs for tests against the fake API server: the server's self-signed certificate as
 * the cluster CA (so the client verifies TLS as against a real cluster) and a bearer token.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigTarget {
  url: string;
  caPem: string;
  token: string;
}

export interface KubeconfigContext {
  name: string;
  namespace?: string;
}

/** The kubeconfig YAML; the first context is the current one. */
export function testKubeconfig(
  target: KubeconfigTarget,
  contexts: KubeconfigContext[] = [{ name: 'test', namespace: 'streampilot' }],
): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'fake',
        cluster: { server: target.url, 'certificate-authority-data': Buffer.from(target.caPem).toString('base64') },
      },
    ],
    users: [{ name: 'streampilot', user: { token: target.token } }],
    contexts: contexts.map((c) => ({
      name: c.name,
      context: { cluster: 'fake', user: 'streampilot', ...(c.namespace ? { namespace: c.namespace } : {}) },
    })),
    'current-context': contexts[0]?.name ?? '',
  });
}

/** Writes the kubeconfig as `<dir>/kubeconfig` (mode 600, as kubectl writes it) and returns its path. */
export function writeTestKubeconfig(dir: string, target: KubeconfigTarget, contexts?: KubeconfigContext[]): string {
  const file = path.join(dir, 'kubeconfig');
  writeFileSync(file, testKubeconfig(target, contexts), { mode: 0o600 });
  return file;
}
