import type { DeployObjects } from './types.js';

/**
 * A job that runs an older commit than Git describes, because of a rollback: recorded on the
 * objects the rollback applied, so that `status` and the plan say so. The next deploy from Git
 * applies the same objects without it, and server-side apply removes what its field manager no
 * longer sends: the marker lasts exactly until Git catches up.
 */
export const ROLLBACK_ANNOTATION = {
  /** The commit the job was rolled back to. */
  to: 'streampilot.dev/rolled-back-to',
  /** The commit it ran before, when known. */
  from: 'streampilot.dev/rolled-back-from',
} as const;

export interface RollbackMark {
  to: string;
  from?: string;
}

export function rollbackAnnotations(mark: RollbackMark): Record<string, string> {
  return {
    [ROLLBACK_ANNOTATION.to]: mark.to,
    ...(mark.from !== undefined ? { [ROLLBACK_ANNOTATION.from]: mark.from } : {}),
  };
}

/** The mark a live object carries, if any. */
export function rollbackMarkOf(annotations: Record<string, string> | undefined): RollbackMark | undefined {
  const to = annotations?.[ROLLBACK_ANNOTATION.to];
  if (!to) return undefined;
  const from = annotations?.[ROLLBACK_ANNOTATION.from];
  return { to, ...(from ? { from } : {}) };
}

/** `objects` with `annotations` added to every object (the resource and its companions). */
export function withAnnotations(objects: DeployObjects, annotations: Record<string, string>): DeployObjects {
  const add = <T extends { metadata: { annotations?: Record<string, string> } }>(o: T): T => ({
    ...o,
    metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, ...annotations } },
  });
  return { resource: add(objects.resource), companions: objects.companions.map(add) };
}
