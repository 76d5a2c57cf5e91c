/** `1 job`, `3 jobs`: a count with its noun, for messages and reports. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
