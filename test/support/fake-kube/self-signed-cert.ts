/**
 * A throwaway certificate for the fake API server, made with the system's openssl (Node can
 * parse X.509 but not issue it). The kubeconfig trusts it as the cluster CA, so the client
 * verifies TLS exactly as against a real cluster — no `insecure-skip-tls-verify`.
 * Made once per process and never written anywhere but a temporary folder removed at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Certificate {
  cert: string;
  key: string;
}

let cached: Certificate | undefined;

export function selfSignedCertificate(): Certificate {
  if (cached) return cached;
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-kube-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=fake-kube-apiserver',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    cached = {
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
    };
    return cached;
  } catch (error) {
    throw new Error(
      `the fake Kubernetes API server needs openssl to make its TLS certificate (apt-get install -y openssl): ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
