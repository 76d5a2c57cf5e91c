import type { ResolvedJob } from '../manifest/types.js';
import { sortedRecord } from './plain-object.js';
import { RenderError } from './render-error.js';

/** The operator owns these (it sets them from metadata) and rejects a resource that sets them. */
const FORBIDDEN_KEYS = ['kubernetes.namespace', 'kubernetes.cluster-id'];
const HA_KEYS = ['high-availability.type', 'high-availability'];

/**
 * The job's merged `flinkConfiguration` plus what rendering derives, all values strings, keys
 * sorted. Derived values:
 * - `taskmanager.numberOfTaskSlots` from resources.taskManager.taskSlots (application mode; a
 *   session cluster's slots are its own). The structured field wins over a raw key, since it is
 *   the more specific statement of intent.
 * - `pipeline.name` = job name unless set, so the job is findable by name in the Flink UI and
 *   REST API (essential in a session cluster shared by many jobs).
 */
export function flinkConfiguration(job: ResolvedJob): Record<string, string> {
  const conf: Record<string, string> = {};
  for (const [key, value] of Object.entries(job.flinkConfiguration as Record<string, unknown>)) {
    if (typeof value === 'string') conf[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') conf[key] = String(value);
    else {
      throw new RenderError(
        job.name,
        job.environment,
        `flinkConfiguration "${key}" is ${value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value === 'object' ? 'map' : typeof value}`}; Flink options are single values.`,
        `Write it as a string, e.g. ${key}: "…".`,
        ['flinkConfiguration', key],
      );
    }
  }
  for (const key of FORBIDDEN_KEYS) {
    if (key in conf) {
      throw new RenderError(
        job.name,
        job.environment,
        `flinkConfiguration sets "${key}", which the Flink operator sets itself and rejects.`,
        `Remove it; the namespace comes from \`namespace\` and the cluster id from the job name.`,
        ['flinkConfiguration', key],
      );
    }
  }
  const slots = job.resources.taskManager?.taskSlots;
  if (job.mode === 'application' && slots !== undefined) {
    if (!Number.isInteger(slots) || slots < 1) {
      throw new RenderError(
        job.name,
        job.environment,
        `resources.taskManager.taskSlots is ${slots}; it must be a whole number of at least 1.`,
        undefined,
        ['resources', 'taskManager', 'taskSlots'],
      );
    }
    conf['taskmanager.numberOfTaskSlots'] = String(slots);
  }
  conf['pipeline.name'] ??= job.name;
  return sortedRecord(conf);
}

export function hasHighAvailability(conf: Readonly<Record<string, string>>): boolean {
  return HA_KEYS.some((key) => {
    const v = conf[key]?.trim().toLowerCase();
    return v !== undefined && v !== '' && v !== 'none';
  });
}
