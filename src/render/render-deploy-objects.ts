import type { CompanionObject, DeployObjects } from './types.js';
import type { ResolvedJob } from '../manifest/types.js';
import { sha256Hex } from '../text/sha256.js';
import { ANNOTATION, objectMeta } from './object-meta.js';
import { RenderError } from './render-error.js';
import { renderJob, type RenderInput } from './render-job.js';
import { DEFAULT_SCRIPT_PATH } from './runner-args.js';
import { mountValues, renderValuesConfigMap, runtimeValues } from './runtime-values.js';
import { RUNNER_JAR_FILE_NAME, RUNNER_JAR_PATH, runnerJar, usesOwnRunner } from '../runner/runner-paths.js';
import { isObject, openPodTemplate, type Obj } from './pod-template.js';

export { FLINK_MAIN_CONTAINER } from './pod-template.js';

/** The pod template volume that carries the SQL ConfigMap. */
export const SQL_VOLUME = 'streampilot-sql';

/** What the API server accepts in one ConfigMap's data: 1 MiB, keys and values together. */
export const CONFIGMAP_MAX_BYTES = 1024 * 1024;

const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;
const NAME_HASH_LENGTH = 10;

/**
 * Everything one job's deploy applies, in order: `companions` first, then `resource`.
 *
 * - A job with its own image: the operator resource alone, exactly as `renderJob` renders it.
 * - `build: configmap`: an immutable ConfigMap holding the script (and, for StreamPilot's runner,
 *   its jar), named after its content (`<job>-sql-<10 hex>`), and the FlinkDeployment with
 *   `input.image` (the base image, pinned by digest by the caller) whose pod template mounts that
 *   ConfigMap at `runner.scriptPath` (and the jar at its path in `runner.jarURI`). A changed script means a new name, so the pod template changes and the
 *   operator upgrades the job as it would for a new image; an unchanged script renders the same
 *   spec, and the operator leaves the job alone.
 *
 * Pure; throws RenderError as `renderJob` does, and when the script does not fit a ConfigMap
 * or the job's own pod template already uses the volume name or the script's path.
 */
export function renderDeployObjects(job: ResolvedJob, input: RenderInput): DeployObjects {
  const objects = renderScriptObjects(job, input);
  return withRuntimeValues(job, input, objects);
}

/**
 * A job on StreamPilot's runner in application mode also gets its environment's values: a
 * ConfigMap applied first, mounted by the pod template, with each secret as a `secretKeyRef`.
 */
function withRuntimeValues(job: ResolvedJob, input: RenderInput, objects: DeployObjects): DeployObjects {
  if (job.mode !== 'application' || !usesOwnRunner(job.runner.jarURI)) return objects;
  const values = runtimeValues(job, input.script);
  if (values.values.length === 0 && values.secrets.length === 0) return objects;
  const configMap = renderValuesConfigMap(job, values);
  const podTemplate = (objects.resource.spec as { podTemplate?: Record<string, unknown> }).podTemplate;
  const resource = renderJob(
    { ...job, podTemplate: mountValues(job, podTemplate, configMap.metadata.name, values) },
    input,
  );
  return { resource, companions: [...objects.companions, configMap] };
}

function renderScriptObjects(job: ResolvedJob, input: RenderInput): DeployObjects {
  if (job.packaging !== 'configmap') return { resource: renderJob(job, input), companions: [] };
  if (job.mode === 'session') {
    throw new RenderError(
      job.name,
      job.environment,
      "`build: configmap` mounts the SQL into the job's own pods, but a session job runs in its session cluster's pods.",
      "Remove `build: configmap` (a session job's SQL travels inline), or use mode: application.",
      ['build'],
    );
  }
  const configMap = renderSqlConfigMap(job, input.script, input.repository, ownRunnerJar(job));
  const resource = renderJob({ ...job, podTemplate: mountScript(job, configMap.metadata.name) }, input);
  return { resource, companions: [configMap] };
}

/** Where the script is mounted, and the ConfigMap key that holds it (the file name). */
export function sqlScriptFile(job: ResolvedJob): { path: string; key: string } {
  const path = job.runner.scriptPath ?? DEFAULT_SCRIPT_PATH;
  const key = path.slice(path.lastIndexOf('/') + 1);
  if (!CONFIGMAP_KEY.test(key) || key === '.' || key === '..') {
    throw new RenderError(
      job.name,
      job.environment,
      `runner.scriptPath "${path}" ends in "${key}", which cannot be a ConfigMap key (letters, digits, '-', '_', '.').`,
      'End runner.scriptPath with a file name such as script.sql.',
      ['runner', 'scriptPath'],
    );
  }
  return { path, key };
}

/**
 * What the script's ConfigMap weighs in the API server's count (key and value bytes, binaryData
 * counted decoded as the API server's validation counts it), to compare with CONFIGMAP_MAX_BYTES.
 */
export function sqlConfigMapBytes(job: ResolvedJob, script: string, jar = ownRunnerJar(job)): number {
  const jarBytes = jar ? Buffer.byteLength(RUNNER_JAR_FILE_NAME, 'utf8') + jar.length : 0;
  return Buffer.byteLength(sqlScriptFile(job).key, 'utf8') + Buffer.byteLength(script, 'utf8') + jarBytes;
}

/**
 * StreamPilot's runner jar for a job that uses it. A `build: configmap` job runs on a stock Flink
 * image, which has no runner: the jar travels in the ConfigMap next to the script.
 */
function ownRunnerJar(job: ResolvedJob): Buffer | undefined {
  return usesOwnRunner(job.runner.jarURI) ? runnerJar().bytes : undefined;
}

/**
 * The ConfigMap of a `build: configmap` job: the script under the file name the runner reads, and
 * for StreamPilot's runner its jar under `binaryData`.
 */
export function renderSqlConfigMap(
  job: ResolvedJob,
  script: string,
  repository?: string,
  jar = ownRunnerJar(job),
): CompanionObject {
  const { key } = sqlScriptFile(job);
  const bytes = sqlConfigMapBytes(job, script, jar);
  if (bytes > CONFIGMAP_MAX_BYTES) {
    throw new RenderError(
      job.name,
      job.environment,
      `its SQL script takes ${bytes} bytes, more than the ${CONFIGMAP_MAX_BYTES} (1 MiB) a ConfigMap holds, so \`build: configmap\` cannot ship it.`,
      "Remove `build: configmap` so that the script goes into the job's image, or split the job.",
    );
  }
  // Provenance annotations would change with every commit: the object stays a function of its content
  // (and of its repository, which never changes).
  const meta = objectMeta(job, script, repository ? { repository } : {});
  const data = { [key]: script };
  const binaryData = jar ? { [RUNNER_JAR_FILE_NAME]: jar.toString('base64') } : undefined;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      // The key is part of the name's hash: an immutable ConfigMap can never take new data under an old name.
      name: `${job.name}-sql-${sha256Hex(JSON.stringify(binaryData ? [data, binaryData] : data)).slice(0, NAME_HASH_LENGTH)}`,
      namespace: meta.namespace,
      labels: meta.labels,
      annotations: {
        [ANNOTATION.sqlSha256]: sha256Hex(script),
        ...(repository ? { [ANNOTATION.repository]: repository } : {}),
      },
    },
    // Immutable: what runs is what Git says; a `kubectl edit` of the SQL is refused, and the kubelet need not watch it.
    immutable: true,
    data,
    ...(binaryData ? { binaryData } : {}),
  };
}

/** The job's pod template (or a new one) with the ConfigMap volume and its mount at the script's path in the Flink container. */
function mountScript(job: ResolvedJob, configMapName: string): Obj {
  const { path, key } = sqlScriptFile(job);
  const { template, volumes, mounts, fail } = openPodTemplate(job, job.podTemplate as Obj | undefined, ['podTemplate']);
  if (volumes.some((v) => isObject(v) && v.name === SQL_VOLUME)) {
    fail(
      `already has a volume named "${SQL_VOLUME}", the name \`build: configmap\` mounts the SQL through.`,
      'Rename that volume.',
    );
  }
  volumes.push({ name: SQL_VOLUME, configMap: { name: configMapName } });

  if (mounts.some((m) => isObject(m) && m.mountPath === path)) {
    fail(
      `already mounts something at ${path}, where \`build: configmap\` mounts the SQL script.`,
      'Remove that mount, or set runner.scriptPath to another path.',
    );
  }
  // subPath: one file, so the rest of the folder (the runner jar often sits next to it) stays as the image has it.
  mounts.push({ name: SQL_VOLUME, mountPath: path, subPath: key, readOnly: true });
  if (usesOwnRunner(job.runner.jarURI)) {
    if (mounts.some((m) => isObject(m) && m.mountPath === RUNNER_JAR_PATH)) {
      fail(
        `already mounts something at ${RUNNER_JAR_PATH}, where \`build: configmap\` mounts StreamPilot's SQL runner.`,
        'Remove that mount, or name your own runner in runner.jarURI.',
      );
    }
    mounts.push({ name: SQL_VOLUME, mountPath: RUNNER_JAR_PATH, subPath: RUNNER_JAR_FILE_NAME, readOnly: true });
  }
  return template;
}
