/**
 * Field paths and `fieldsV1`, the structure server-side apply records per manager in
 * `metadata.managedFields` (`{"f:spec":{"f:job":{"f:parallelism":{}}}}`).
 *
 * Granularity: maps (JSON objects) are tracked per key, down to their leaves; lists are
 * atomic, which is what a structural schema means for a list without `x-kubernetes-list-type`
 * (every list in the operator CRDs) and for data under `x-kubernetes-preserve-unknown-fields`.
 */

export type FieldPath = readonly string[];
type Json = unknown;

function isMap(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function pathKey(path: FieldPath): string {
  return JSON.stringify(path);
}

/** `.spec.job.parallelism`, the form the server uses in conflict messages. */
export function dotted(path: FieldPath): string {
  return path.map((p) => `.${p}`).join('');
}

/** Paths to every leaf: scalars, null, lists, and empty maps. */
export function leafPaths(value: Json, prefix: FieldPath = []): string[][] {
  if (!isMap(value) || (Object.keys(value).length === 0 && prefix.length > 0)) return [[...prefix]];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}

export function getPath(value: Json, path: FieldPath): { found: boolean; value?: Json } {
  let cur = value;
  for (const p of path) {
    if (!isMap(cur) || !(p in cur)) return { found: false };
    cur = cur[p];
  }
  return { found: true, value: cur };
}

export function setPath(target: Record<string, Json>, path: FieldPath, value: Json): void {
  let cur = target;
  for (const p of path.slice(0, -1)) {
    if (!isMap(cur[p])) cur[p] = {};
    cur = cur[p] as Record<string, Json>;
  }
  cur[path[path.length - 1]!] = structuredClone(value);
}

/** Deletes the field, and parents left empty by the deletion (an applier removing its last label leaves no `labels: {}`). */
export function deletePath(target: Record<string, Json>, path: FieldPath): void {
  const chain: Record<string, Json>[] = [target];
  for (const p of path.slice(0, -1)) {
    const next = chain[chain.length - 1]![p];
    if (!isMap(next)) return;
    chain.push(next);
  }
  delete chain[chain.length - 1]![path[path.length - 1]!];
  for (let i = chain.length - 1; i > 0; i--) {
    if (Object.keys(chain[i]!).length > 0) break;
    delete chain[i - 1]![path[i - 1]!];
  }
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** True when one path is the other or contains it: owning one of them touches the other. */
export function overlaps(a: FieldPath, b: FieldPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toFieldsV1(paths: FieldPath[]): Record<string, Json> {
  const root: Record<string, Json> = {};
  for (const path of paths) {
    let cur = root;
    for (const p of path) cur = (cur[`f:${p}`] ??= {}) as Record<string, Json>;
  }
  return root;
}

export function fromFieldsV1(fields: Record<string, Json>, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (!k.startsWith('f:')) continue;
    const path = [...prefix, k.slice(2)];
    const children = isMap(v) ? Object.keys(v).filter((c) => c.startsWith('f:')) : [];
    if (children.length === 0) out.push(path);
    else out.push(...fromFieldsV1(v as Record<string, Json>, path));
  }
  return out;
}
