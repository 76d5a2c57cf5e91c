import type { Diagnostic } from '../diagnostics.js';
import type { JobSettings, JobSpec, ProjectSpec } from './types.js';
import { diagnosticAtPath, type YamlPath, type YamlSource } from './yaml-document.js';

const RULE = 'manifest/secrets';

/** Where a settings layer sits in which file, lowest layer first, as `resolveJob` merges them. */
interface Layer {
  settings: JobSettings | undefined;
  source: YamlSource | undefined;
  at: YamlPath;
}

/**
 * Conflicts that only show once the layers are merged, each reported at the `secrets` entry of
 * the layer that set it last: a name that is both a plain variable and a secret (which value
 * would `${name}` take?), and two secrets whose container environment variables would be the
 * same (`db.password` and `db_password` both become STREAMPILOT_SECRET_DB_PASSWORD).
 */
export function secretConflicts(
  project: ProjectSpec | undefined,
  projectSource: YamlSource | undefined,
  job: { spec: JobSpec; manifest?: YamlSource },
  environment: string,
  merged: { variables: Record<string, string>; secrets: Record<string, unknown> },
  envName: (name: string) => string,
): Diagnostic[] {
  const layers: Layer[] = [
    { settings: project?.defaults, source: projectSource, at: ['defaults'] },
    { settings: job.spec, source: job.manifest, at: [] },
    { settings: project?.environments[environment], source: projectSource, at: ['environments', environment] },
    { settings: job.spec.environments?.[environment], source: job.manifest, at: ['environments', environment] },
  ];
  const lastLayer = (key: 'variables' | 'secrets', name: string): Layer | undefined =>
    layers.findLast((l) => l.settings?.[key] !== undefined && Object.hasOwn(l.settings[key]!, name));
  const out: Diagnostic[] = [];
  const report = (name: string, message: string, hint: string): void => {
    const layer = lastLayer('secrets', name);
    const source = layer?.source ?? job.manifest;
    if (!source) return;
    const path = layer?.source ? [...layer.at, 'secrets', name] : ['name'];
    out.push(diagnosticAtPath(source, path, 'key', { severity: 'error', rule: RULE, message, hint }));
  };
  const byEnv = new Map<string, string>();
  for (const name of Object.keys(merged.secrets).sort()) {
    if (Object.hasOwn(merged.variables, name)) {
      const variable = lastLayer('variables', name);
      const where = variable?.source
        ? `${variable.source.file} (${[...variable.at, 'variables'].join('.')})`
        : 'the variables';
      report(
        name,
        `\`${name}\` is both a secret and a variable (in ${where}): \`\${${name}}\` cannot take both values`,
        `remove \`${name}\` from the variables, or give the secret another name`,
      );
    }
    const env = envName(name);
    const other = byEnv.get(env);
    if (other !== undefined) {
      report(
        name,
        `secrets \`${other}\` and \`${name}\` would both reach the job as environment variable ${env}`,
        'rename one of them: secret names that differ only in `.`, `-`, `_` or case clash',
      );
    } else byEnv.set(env, name);
  }
  return out;
}
