/**
 * Field ownership as server-side apply defines it
 * (https://kubernetes.io/docs/reference/using-api/server-side-apply/):
 *
 * - each (manager, operation, subresource) has an entry in `metadata.managedFields`;
 * - an Apply owns exactly the fields of its configuration; fields it applied last time and
 *   omits now are removed from the object unless another manager also owns them;
 * - an Apply that would change a field another entry owns is a conflict, unless forced, which
 *   moves ownership to the applier; applying the value already there makes it a co-owner;
 * - an Update (create, PUT, merge patch) takes ownership of the fields it changed, from everyone.
 *
 * Fields are tracked as leaf paths (see field-set.ts). `apiVersion`, `kind` and the metadata
 * the server sets are not tracked; writes to the main resource do not track `status`, writes
 * to `/status` track only `status`.
 */
import {
  deepEqual,
  deletePath,
  dotted,
  fromFieldsV1,
  getPath,
  leafPaths,
  overlaps,
  pathKey,
  setPath,
  toFieldsV1,
  type FieldPath,
} from './field-set.js';
import type { FieldConflict } from './api-status.js';

export type Scope = 'main' | 'status';
type Obj = Record<string, unknown>;

export interface ManagedEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource?: 'status';
  paths: string[][];
}

const TRACKED_METADATA = new Set(['labels', 'annotations', 'finalizers', 'ownerReferences']);

/** The fields of `body` a write in `scope` manages. */
export function trackedPaths(body: Obj, scope: Scope, hasStatusSubresource: boolean): string[][] {
  const paths: string[][] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === 'apiVersion' || key === 'kind') continue;
    if (key === 'metadata') {
      if (scope === 'status' || typeof value !== 'object' || value === null) continue;
      for (const [mk, mv] of Object.entries(value as Obj))
        if (TRACKED_METADATA.has(mk)) paths.push(...leafPaths(mv, ['metadata', mk]));
      continue;
    }
    const isStatus = key === 'status' && hasStatusSubresource;
    if ((scope === 'status') !== isStatus) continue;
    paths.push(...leafPaths(value, [key]));
  }
  return paths;
}

export function readEntries(object: Obj): ManagedEntry[] {
  const raw = ((object.metadata as Obj | undefined)?.managedFields ?? []) as (Omit<ManagedEntry, 'paths'> & {
    fieldsV1?: Obj;
  })[];
  return raw.map(({ fieldsV1, ...rest }) => ({ ...rest, paths: fromFieldsV1(fieldsV1 ?? {}) }));
}

export function writeEntries(object: Obj, entries: ManagedEntry[]): void {
  const meta = object.metadata as Obj;
  const kept = entries.filter((e) => e.paths.length > 0);
  meta.managedFields = kept.map(({ paths, ...rest }) => ({
    ...rest,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(paths),
  }));
}

function sameEntry(e: ManagedEntry, manager: string, operation: ManagedEntry['operation'], scope: Scope): boolean {
  return e.manager === manager && e.operation === operation && (e.subresource === 'status') === (scope === 'status');
}

function entryFor(
  entries: ManagedEntry[],
  manager: string,
  operation: ManagedEntry['operation'],
  scope: Scope,
  apiVersion: string,
  time: string,
): ManagedEntry {
  let entry = entries.find((e) => sameEntry(e, manager, operation, scope));
  if (!entry) {
    entry = {
      manager,
      operation,
      apiVersion,
      time,
      ...(scope === 'status' ? { subresource: 'status' as const } : {}),
      paths: [],
    };
    entries.push(entry);
  }
  entry.time = time;
  entry.apiVersion = apiVersion;
  return entry;
}

export interface WriteContext {
  manager: string;
  scope: Scope;
  apiVersion: string;
  hasStatusSubresource: boolean;
  time: string;
}

export type ApplyOutcome = { ok: true; object: Obj } | { ok: false; conflicts: FieldConflict[] };

/**
 * Merges an apply configuration into `live` (a fresh `base` when the object does not exist yet).
 * Returns the new object with its managedFields, or the conflicts when not forced.
 */
export function applyConfiguration(live: Obj, config: Obj, force: boolean, ctx: WriteContext): ApplyOutcome {
  const result = structuredClone(live);
  const entries = readEntries(live);
  const configPaths = trackedPaths(config, ctx.scope, ctx.hasStatusSubresource);
  const others = entries.filter((e) => !sameEntry(e, ctx.manager, 'Apply', ctx.scope));

  // The server compares the fields the apply adds or changes with each other manager's set,
  // path by path: a manager owns a field, not what lies under it or above it. A field under
  // one they own as a leaf (a scalar or list we now turn into a map) changes theirs too.
  const conflicts = new Map<string, FieldConflict>();
  const conflicting = new Map<ManagedEntry, Set<string>>();
  for (const p of configPaths) {
    const current = getPath(live, p);
    if (current.found && deepEqual(current.value, getPath(config, p).value)) continue;
    for (const e of others) {
      for (const q of e.paths) {
        if (!(pathKey(q) === pathKey(p) || (q.length < p.length && overlaps(p, q) && replacesLeaf(live, q)))) continue;
        const field = dotted(q);
        conflicts.set(`${e.manager}\0${e.operation}\0${e.subresource ?? ''}\0${field}`, {
          manager: e.manager,
          operation: e.operation,
          apiVersion: e.apiVersion,
          ...(e.subresource ? { subresource: e.subresource } : {}),
          field,
        });
        conflicting.set(e, (conflicting.get(e) ?? new Set()).add(pathKey(q)));
      }
    }
  }
  if (conflicts.size > 0 && !force) return { ok: false, conflicts: [...conflicts.values()] };

  for (const [e, taken] of conflicting) e.paths = e.paths.filter((q) => !taken.has(pathKey(q)));

  const own = entryFor(entries, ctx.manager, 'Apply', ctx.scope, ctx.apiVersion, ctx.time);
  const keep = new Set(configPaths.map(pathKey));
  for (const q of own.paths) {
    if (keep.has(pathKey(q)) || configPaths.some((p) => overlaps(p, q))) continue;
    if (others.some((e) => e.paths.some((o) => overlaps(o, q)))) continue;
    deletePath(result, q);
  }
  for (const p of configPaths) setPath(result, p, getPath(config, p).value);
  own.paths = configPaths;
  // Fields the apply replaced (a map now a list or scalar) are gone from every manager's set.
  for (const e of others) e.paths = e.paths.filter((q) => getPath(result, q).found);

  writeEntries(result, entries);
  return { ok: true, object: result };
}

function replacesLeaf(live: Obj, q: FieldPath): boolean {
  const at = getPath(live, q);
  return at.found && (typeof at.value !== 'object' || at.value === null || Array.isArray(at.value));
}

/** Records a non-apply write (create, PUT, merge patch) of `next` over `previous` in next's managedFields. */
export function recordUpdate(previous: Obj | undefined, next: Obj, ctx: WriteContext): void {
  const entries = previous ? readEntries(previous) : [];
  const before = previous ? trackedPaths(previous, ctx.scope, ctx.hasStatusSubresource) : [];
  const after = trackedPaths(next, ctx.scope, ctx.hasStatusSubresource);
  const changed = after.filter((p) => {
    const old = previous ? getPath(previous, p) : { found: false };
    return !old.found || !deepEqual(old.value, getPath(next, p).value);
  });
  const removed = before.filter((p) => !getPath(next, p).found);
  const touched = [...changed, ...removed];
  if (touched.length > 0) {
    for (const e of entries) e.paths = e.paths.filter((q) => !touched.some((p) => overlaps(p, q)));
    const own = entryFor(entries, ctx.manager, 'Update', ctx.scope, ctx.apiVersion, ctx.time);
    own.paths.push(...changed);
  }
  writeEntries(next, entries);
}

/** Sets `path` in `target` (re-exported for the simulated operator). */
export { setPath };
