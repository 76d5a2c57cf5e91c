/** A copy of a model tree without `range` fields (and without undefined-valued keys, which printing cannot keep), for comparing trees. */
export function stripRanges(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripRanges);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (key !== 'range' && v !== undefined) out[key] = stripRanges(v);
  return out;
}
