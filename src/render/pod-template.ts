import type { ResolvedJob } from '../manifest/types.js';
import { RenderError } from './render-error.js';

/**
 * The container the operator merges a pod template's container of this name into: the one that
 * runs Flink in both the JobManager and the TaskManager pods.
 */
export const FLINK_MAIN_CONTAINER = 'flink-main-container';

export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A copy of a pod template opened for additions to its volumes and to the Flink container. */
export interface OpenPodTemplate {
  template: Obj;
  volumes: unknown[];
  /** The flink-main-container entry, added when the template has none. */
  main: Obj;
  /** `main.volumeMounts`, created when absent. */
  mounts: unknown[];
  /** Refuses the job's pod template with what is wrong in it (a RenderError at `setting`). */
  fail: (problem: string, hint: string) => never;
}

/**
 * `template` (the job's, or a new one) copied, with its `spec.volumes`, its Flink container and that
 * container's `volumeMounts` there to add to; a template whose shape does not allow it is refused.
 */
export function openPodTemplate(
  job: ResolvedJob,
  template: Obj | undefined,
  setting?: readonly string[],
): OpenPodTemplate {
  const fail = (problem: string, hint: string): never => {
    throw new RenderError(job.name, job.environment, `its pod template ${problem}`, hint, setting);
  };
  const out: Obj = template ? structuredClone(template) : { apiVersion: 'v1', kind: 'Pod' };
  const spec = out.spec ?? (out.spec = {});
  if (!isObject(spec)) return fail('has a `spec` that is not a mapping.', 'Make `spec` a Pod spec mapping.');
  const volumes = spec.volumes ?? (spec.volumes = []);
  if (!Array.isArray(volumes)) return fail('has `spec.volumes` that is not a list.', 'Make `spec.volumes` a list.');
  const containers = spec.containers ?? (spec.containers = []);
  if (!Array.isArray(containers))
    return fail('has `spec.containers` that is not a list.', 'Make `spec.containers` a list.');
  let main = containers.find((c): c is Obj => isObject(c) && c.name === FLINK_MAIN_CONTAINER);
  if (!main) {
    main = { name: FLINK_MAIN_CONTAINER };
    containers.push(main);
  }
  const mounts = main.volumeMounts ?? (main.volumeMounts = []);
  if (!Array.isArray(mounts))
    return fail(`has \`volumeMounts\` of ${FLINK_MAIN_CONTAINER} that is not a list.`, 'Make `volumeMounts` a list.');
  return { template: out, volumes, main, mounts, fail };
}
