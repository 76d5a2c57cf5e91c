/**
 * Helpers that keep rendered objects plain data: no `undefined` anywhere (YAML and
 * server-side apply treat a present-but-undefined key differently from an absent one), and
 * maps in sorted key order so that the same input always prints the same bytes.
 */

/**
 * T as a renderer writes it before `withoutUndefined`: an optional property may hold `undefined`
 * (which `withoutUndefined` then removes), so renderers can write `entryClass: job.runner.entryClass`.
 */
export type Loose<T> = T extends readonly (infer U)[]
  ? Loose<U>[]
  : T extends object
    ? { [K in keyof T]: Loose<T[K]> | (undefined extends T[K] ? undefined : never) }
    : T;

/** Deep copy without `undefined` values; object key order is kept as given. */
export function withoutUndefined<T>(value: Loose<T>): T {
  if (Array.isArray(value)) {
    return value.filter((v) => v !== undefined).map((v) => withoutUndefined(v)) as T;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const record = value as Record<string, unknown>;
    // for…in rather than Object.entries: every rendered object passes here, and a pair array per key adds up.
    for (const k in record) {
      const v = record[k];
      if (v !== undefined && Object.hasOwn(record, k)) out[k] = withoutUndefined(v);
    }
    return out as T;
  }
  return value as T;
}

/** A copy of a string map with its keys in code-point order. */
export function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}
