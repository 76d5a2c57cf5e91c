import { distance } from 'fastest-levenshtein';

/**
 * The candidate a misspelt `word` most likely meant, or undefined when none is close enough
 * to be a typo rather than a different word. Case is ignored; the allowed distance grows with
 * the length of the word (1 edit for short words, up to a third of the letters).
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const budget = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = candidate.toLowerCase() === lower ? 0 : distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= budget && bestDistance < word.length ? best : undefined;
}

/** ` — did you mean \`x\`?` or the empty string, to append to a message. */
export function didYouMeanSuffix(word: string, candidates: Iterable<string>): string {
  const guess = didYouMean(word, candidates);
  return guess === undefined ? '' : ` — did you mean \`${guess}\`?`;
}
