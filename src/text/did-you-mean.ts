/**
 * The candidate a misspelt `word` most likely meant, or undefined when nothing is close
 * enough to be a typo rather than another word. One implementation for manifests, SQL
 * rules and the CLI, so a suggestion reads the same everywhere:
 * - the same word in another case wins outright (`Orders` → `orders`);
 * - otherwise the smallest edit distance counting swapped neighbours as one edit
 *   (`kakfa` → `kafka`), allowed to grow with the length of the words (one edit for
 *   short words, up to four for long option keys such as `scan.startup.mod`);
 * - failing that, the one candidate that the word is the start of (`prod` → `production`).
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  const extensions: string[] = [];
  for (const c of candidates) {
    if (c === word) continue;
    const cl = c.toLowerCase();
    if (cl === lower) return c;
    if (lower.length >= 3 && cl.startsWith(lower)) extensions.push(c);
    const limit = Math.max(1, Math.min(4, Math.floor(Math.max(word.length, c.length) / 4)));
    if (Math.abs(c.length - word.length) > limit) continue;
    const d = editDistance(lower, cl);
    if (d <= limit && d < bestScore && d < word.length) {
      best = c;
      bestScore = d;
    }
  }
  if (best === undefined && extensions.length === 1) return extensions[0];
  return best;
}

/** ` — did you mean \`x\`?` or the empty string, to append to a message. */
export function didYouMeanSuffix(word: string, candidates: Iterable<string>): string {
  const guess = didYouMean(word, candidates);
  return guess === undefined ? '' : ` — did you mean \`${guess}\`?`;
}

/** Optimal-string-alignment distance: Levenshtein plus adjacent transposition. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}
