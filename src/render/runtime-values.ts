import type { ResolvedJob, SecretRef } from '../manifest/types.js';
import { secretEnvName, usesOwnRunner, VALUES_DIR, RUNNER_VALUES_PATH } from '../runner/runner-paths.js';
import { placeholderNames } from '../sql/variables.js';
import { sha256Hex } from '../text/sha256.js';
import { FLINK_MAIN_CONTAINER, isObject, openPodTemplate, type Obj } from './pod-template.js';
import { objectMeta } from './object-meta.js';
import { RenderError } from './render-error.js';
import type { CompanionObject } from './types.js';

/** The values one environment gives a job's placeholders at start: only those its script uses. */
export interface RuntimeValues {
  /** Plain values by variable name, sorted by name. */
  values: [string, string][];
  /** Secret variables by name, sorted: where the value is, never the value. */
  secrets: [string, SecretRef & { env: string }][];
}

/**
 * The variables and secrets `script` refers to. Unused ones stay out: a project-wide variable
 * changed for one job must not restart every other job (their values ConfigMaps would change name).
 */
export function runtimeValues(job: Pick<ResolvedJob, 'variables' | 'secrets'>, script: string): RuntimeValues {
  const used = placeholderNames(script);
  const values: RuntimeValues['values'] = [];
  const secrets: RuntimeValues['secrets'] = [];
  for (const name of [...used].sort()) {
    const secret = job.secrets[name];
    if (secret) secrets.push([name, { secret: secret.secret, key: secret.key, env: secretEnvName(name) }]);
    else if (Object.hasOwn(job.variables, name)) values.push([name, job.variables[name]!]);
  }
  return { values, secrets };
}

/**
 * `values.properties` as `java.util.Properties.load(Reader)` reads it back: `value.<name>=…`
 * and `secret.<name>=<ENV>`. Everything outside printable ASCII is a `\uXXXX` escape, so the
 * file means the same whatever charset reads it and no line break can end a value early.
 */
export function valuesProperties(values: RuntimeValues): string {
  const lines = [
    '# Runtime values of this job, written by StreamPilot; secrets are named by environment variable, never by value.',
    ...values.values.map(([name, value]) => `${escapeKey(`value.${name}`)}=${escapeValue(value)}`),
    ...values.secrets.map(([name, ref]) => `${escapeKey(`secret.${name}`)}=${escapeValue(ref.env)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function escapeKey(text: string): string {
  return escape(text, true);
}

function escapeValue(text: string): string {
  return escape(text, false);
}

/** The escapes of `Properties.store`: a key's spaces all, a value's leading ones only. */
function escape(text: string, key: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    if (ch === ' ') out += key || i === 0 ? '\\ ' : ' ';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\f') out += '\\f';
    else if ('=:#!'.includes(ch)) out += `\\${ch}`;
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/**
 * A session job's values travel as runner arguments (`--value name=text`): its runner runs in
 * the session cluster's pods, which mount nothing of the job's. A secret cannot travel that
 * way without being written into the FlinkSessionJob, so it is refused (as `check` does).
 */
export function sessionValueArgs(job: ResolvedJob, script: string): string[] {
  if (job.mode !== 'session' || !usesOwnRunner(job.runner.jarURI)) return [];
  const { values, secrets } = runtimeValues(job, script);
  if (secrets.length > 0) {
    throw new RenderError(
      job.name,
      job.environment,
      `its SQL uses secret ${secrets.map(([n]) => `\${${n}}`).join(', ')}, but a session job runs in its session cluster's pods, which cannot read the job's Secrets.`,
      'Run the job in application mode, or give the session cluster the value.',
    );
  }
  return values.flatMap(([name, value]) => ['--value', `${name}=${value}`]);
}

/** The pod template volume that carries the values ConfigMap. */
export const VALUES_VOLUME = 'streampilot-values';
const VALUES_KEY = RUNNER_VALUES_PATH.slice(RUNNER_VALUES_PATH.lastIndexOf('/') + 1);
const NAME_HASH_LENGTH = 10;

/**
 * An application job's values for one environment: an immutable ConfigMap named after its
 * content (`<job>-values-<10 hex>`), like the SQL ConfigMap of `build: configmap`. A changed
 * value is a new name, so the pod template changes and the operator upgrades the job; an
 * unchanged one renders the same spec. Secrets appear in it only by environment variable name.
 */
export function renderValuesConfigMap(job: ResolvedJob, values: RuntimeValues): CompanionObject {
  const data = { [VALUES_KEY]: valuesProperties(values) };
  const meta = objectMeta(job, '', {});
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `${job.name}-values-${sha256Hex(JSON.stringify(data)).slice(0, NAME_HASH_LENGTH)}`,
      namespace: meta.namespace,
      labels: meta.labels,
    },
    immutable: true,
    data,
  };
}

/**
 * `template` (the job's pod template, or a new one) with the values ConfigMap mounted at
 * VALUES_DIR in the Flink container, and one environment variable per secret taken from its
 * Secret key by `secretKeyRef`: the Secret's value goes from the kubelet to the container and
 * never through StreamPilot or the FlinkDeployment.
 */
export function mountValues(
  job: ResolvedJob,
  template: Obj | undefined,
  configMapName: string,
  values: RuntimeValues,
): Obj {
  const { template: out, volumes, main, mounts, fail } = openPodTemplate(job, template);
  if (volumes.some((v) => isObject(v) && v.name === VALUES_VOLUME))
    fail(`already has a volume named "${VALUES_VOLUME}", the one runtime values are mounted through.`, 'Rename it.');
  volumes.push({ name: VALUES_VOLUME, configMap: { name: configMapName } });

  if (mounts.some((m) => isObject(m) && m.mountPath === VALUES_DIR))
    fail(`already mounts something at ${VALUES_DIR}, where runtime values go.`, 'Remove that mount.');
  mounts.push({ name: VALUES_VOLUME, mountPath: VALUES_DIR, readOnly: true });

  if (values.secrets.length > 0) {
    const env = main.env ?? (main.env = []);
    if (!Array.isArray(env))
      return fail(`has \`env\` of ${FLINK_MAIN_CONTAINER} that is not a list.`, 'Make `env` a list.');
    for (const [name, ref] of values.secrets) {
      if (env.some((e) => isObject(e) && e.name === ref.env))
        fail(`already sets ${ref.env}, the variable secret \`${name}\` reaches the runner through.`, 'Remove it.');
      env.push({ name: ref.env, valueFrom: { secretKeyRef: { name: ref.secret, key: ref.key } } });
    }
  }
  return out;
}
