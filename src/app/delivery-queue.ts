import { KeyedMutex } from '../git/keyed-mutex.js';

export type Submission = 'queued' | 'in-flight' | 'done';

/**
 * Webhook work, answered at once and done later: one lane per repository (work on a repository
 * runs in arrival order), deduplicated on the delivery id. A delivery counts as done only once
 * its work finished; one whose work failed may be redelivered and is tried again.
 */
export class DeliveryQueue {
  private readonly lanes = new KeyedMutex();
  private readonly inFlight = new Set<string>();
  private readonly done = new Set<string>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly onError: (deliveryId: string, error: unknown) => void,
    /** Finished delivery ids remembered (oldest forgotten first); GitHub redelivers within days, not millions. */
    private readonly remember = 10_000,
  ) {}

  submit(deliveryId: string, lane: string, work: () => Promise<unknown>): Submission {
    if (this.done.has(deliveryId)) return 'done';
    if (this.inFlight.has(deliveryId)) return 'in-flight';
    this.inFlight.add(deliveryId);
    const run = this.lanes
      .run(lane, work)
      .then(
        () => this.markDone(deliveryId),
        (e: unknown) => this.onError(deliveryId, e),
      )
      .finally(() => {
        this.inFlight.delete(deliveryId);
        this.pending.delete(run);
      });
    this.pending.add(run);
    return 'queued';
  }

  /** Resolves when all submitted work has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private markDone(deliveryId: string): void {
    this.done.add(deliveryId);
    if (this.done.size > this.remember) this.done.delete(this.done.values().next().value!);
  }
}
