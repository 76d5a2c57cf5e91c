/**
 * Pending work taken per key (repository), least recently served key first; first-in first-out
 * within a key. A repository with a backlog gets one turn in each round, and a repository whose
 * check was just taken waits behind every other repository's pending check, so another
 * repository's single check waits for at most one check per repository ahead of it, not for the
 * whole backlog — even when the backlog arrived first.
 */
export class FairQueue<T> {
  private readonly pending = new Map<string, T[]>();
  /** When each key was last served (a counter); oldest first, so that it can be bounded. */
  private readonly lastServed = new Map<string, number>();
  private served = 0;
  private count = 0;

  constructor(
    /** Keys whose last turn is remembered; more than the repositories active at once. */
    private readonly remember = 10_000,
  ) {}

  get size(): number {
    return this.count;
  }

  push(key: string, item: T): void {
    const items = this.pending.get(key);
    if (items) items.push(item);
    else this.pending.set(key, [item]);
    this.count++;
  }

  /** The next item in turn, or undefined when nothing is pending. */
  shift(): T | undefined {
    // Never served counts as served longest ago; ties go to the key that has waited longest
    // (`pending` keeps keys in the order their current wait began).
    let next: string | undefined;
    let nextServed = Infinity;
    for (const key of this.pending.keys()) {
      const at = this.lastServed.get(key) ?? -1;
      if (at < nextServed) [next, nextServed] = [key, at];
    }
    if (next === undefined) return undefined;
    const items = this.pending.get(next)!;
    const item = items.shift()!;
    this.count--;
    if (items.length === 0) this.pending.delete(next);
    this.lastServed.delete(next);
    this.lastServed.set(next, ++this.served);
    if (this.lastServed.size > this.remember) this.lastServed.delete(this.lastServed.keys().next().value!);
    return item;
  }

  /** Takes every pending item out (shutdown). */
  drain(): T[] {
    const all: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) all.push(item);
    return all;
  }
}
