import { toYaml } from '../render/to-yaml.js';

/** A unified line diff of two objects' YAML. */
export interface ObjectDiff {
  /** `@@` hunk headers and ` `/`+`/`-` lines, ready for a ```diff block. Empty when equal. */
  lines: string[];
  added: number;
  removed: number;
}

/** Keys whose values are credentials: shown as `***` in anything we print. */
const SECRET_KEY =
  /(pass(word|wd)?|secret|token|credential|private[-._]?key|access[-._]?key|api[-._]?key|jaas\.config)/i;
export const MASK = '***';

/**
 * A copy with every string under a key that looks like a credential replaced by `***`
 * (`flinkConfiguration` entries such as `s3.secret-key`, and `{name, value}` pairs of a pod
 * template's env whose name looks like one), so a diff never shows a secret a manifest holds.
 */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v)) as T;
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const namedSecret =
    typeof record.name === 'string' && SECRET_KEY.test(record.name) && typeof record.value === 'string';
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => {
      if (typeof v === 'string' && (SECRET_KEY.test(k) || (namedSecret && k === 'value'))) return [k, MASK];
      return [k, maskSecrets(v)];
    }),
  ) as T;
}

/** The YAML of base and head (either may be absent: a new or deleted object), secrets masked, as a unified diff. */
export function objectDiff(base: object | undefined, head: object | undefined, context = 3): ObjectDiff {
  const a = base ? splitLines(toYaml([maskSecrets(base)])) : [];
  const b = head ? splitLines(toYaml([maskSecrets(head)])) : [];
  return unifiedDiff(a, b, context);
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

type Op = { kind: ' ' | '+' | '-'; text: string };

/** Unified diff of two line lists (Myers' O((N+M)·D) algorithm), with `context` lines around each change. */
export function unifiedDiff(a: readonly string[], b: readonly string[], context = 3): ObjectDiff {
  const ops = myers(a, b);
  const added = ops.filter((o) => o.kind === '+').length;
  const removed = ops.filter((o) => o.kind === '-').length;
  if (added === 0 && removed === 0) return { lines: [], added, removed };
  const lines: string[] = [];
  // Positions (1-based) in a and b of each op, to write hunk headers.
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === ' ') i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2·context unchanged lines.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    const before = ops.slice(0, start);
    const aStart = before.filter((o) => o.kind !== '+').length;
    const bStart = before.filter((o) => o.kind !== '-').length;
    const hunk = ops.slice(start, end);
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    lines.push(`@@ -${aLen === 0 ? aStart : aStart + 1},${aLen} +${bLen === 0 ? bStart : bStart + 1},${bLen} @@`);
    for (const op of hunk) lines.push(`${op.kind}${op.text}`);
    i = end;
  }
  return { lines, added, removed };
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  search: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!) ? v[k + 1 + offset]! : v[k - 1 + offset]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + offset] = x;
      if (x >= n && y >= m) break search;
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const t = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && t[k - 1 + offset]! < t[k + 1 + offset]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : t[prevK + offset]!;
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', text: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) {
        ops.push({ kind: '+', text: b[y - 1]! });
        y--;
      } else {
        ops.push({ kind: '-', text: a[x - 1]! });
        x--;
      }
    }
  }
  return ops.reverse();
}
