import type { Diagnostic } from '../diagnostics.js';
import { credentialInValue, isSecretKey } from '../text/secret-keys.js';
import { configurationPlaces } from './configuration-places.js';
import { diagnosticAtPath, type YamlSource } from './yaml-document.js';

const RULE = 'manifest/plaintext-secret';

/**
 * Credentials written into a manifest's `flinkConfiguration` (`fs.s3a.secret.key`,
 * `s3.secret-key`, a password inside a URL): they would sit in Git and in the FlinkDeployment
 * for anyone who can read either. Looks at the top level, `defaults` and every environment.
 */
export function configurationSecrets(source: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [path, config] of configurationPlaces(source)) {
    for (const [key, value] of Object.entries(config)) {
      if (typeof value !== 'string' || value.trim() === '' || value.includes('${')) continue;
      const inside = isSecretKey(key) ? undefined : credentialInValue(value);
      if (!isSecretKey(key) && !inside) continue;
      out.push(
        diagnosticAtPath(source, [...path, key], 'value', {
          severity: 'error',
          rule: RULE,
          message: inside
            ? `flinkConfiguration \`${key}\` has a ${inside} written in plain text`
            : `flinkConfiguration \`${key}\` holds a credential written in plain text`,
          hint: 'remove it from Git: give the pods the credential another way (an IAM role or workload identity, or a Kubernetes Secret the pod template mounts as an environment variable), and rotate the one committed here',
        }),
      );
    }
  }
  return out;
}
