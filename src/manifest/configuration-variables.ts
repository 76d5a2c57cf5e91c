import type { Diagnostic } from '../diagnostics.js';
import { configurationPlaces } from './configuration-places.js';
import { diagnosticAtPath, type YamlSource } from './yaml-document.js';

const RULE = 'manifest/configuration-variable';

/** Keys Flink's Hadoop-based file systems hand to a Hadoop `Configuration` (`HadoopConfigLoader`). */
const HADOOP_PREFIXES = ['fs.', 's3.', 's3a.', 's3p.', 'hadoop.', 'flink.hadoop.'];

/** `${name}` as the SQL substitution writes it, blanks inside the braces allowed. */
const REFERENCE = /\$\{\s*([A-Za-z_][\w.-]*)\s*\}/g;

/**
 * `${name}` in a `flinkConfiguration` value. StreamPilot substitutes variables in SQL only:
 * configuration values reach Flink as written, and Flink does not expand them either, so a
 * value such as `s3://ckpt/${env_name}` would be used literally. Reported as a warning, not
 * substituted: Hadoop's own configuration expands `${env.NAME}` and `${other.key}` in the
 * keys Flink's file systems pass through to it, so those keys and `${env.…}` are left alone
 * (`org.apache.hadoop.conf.Configuration#substituteVars`).
 */
export function configurationVariables(source: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [path, config] of configurationPlaces(source)) {
    for (const [key, value] of Object.entries(config)) {
      if (typeof value !== 'string' || !value.includes('${')) continue;
      if (HADOOP_PREFIXES.some((p) => key.startsWith(p))) continue;
      const names = [...value.matchAll(REFERENCE)].map((m) => m[1]!).filter((n) => !n.startsWith('env.'));
      if (names.length === 0) continue;
      out.push(
        diagnosticAtPath(source, [...path, key], 'value', {
          severity: 'warning',
          rule: RULE,
          message: `flinkConfiguration \`${key}\` contains \`\${${names[0]}}\`, which stays as written: variables are substituted in SQL files only`,
          hint: 'write the value itself, per environment under environments.<env>.flinkConfiguration if it differs between environments',
        }),
      );
    }
  }
  return out;
}
