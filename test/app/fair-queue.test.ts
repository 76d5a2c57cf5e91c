import { describe, expect, test } from 'vitest';
import { FairQueue } from '../../src/app/fair-queue.js';

const takeAll = <T>(q: FairQueue<T>): T[] => q.drain();

describe('FairQueue: pending checks are taken round-robin per repository', () => {
  test("a repository's single check waits behind one check of a repository with a backlog, not the whole backlog", () => {
    const q = new FairQueue<string>();
    for (const item of ['A1', 'A2', 'A3']) q.push('acme/heavy', item);
    q.push('acme/light', 'B1');
    expect(q.size).toBe(4);
    expect(takeAll(q)).toEqual(['A1', 'B1', 'A2', 'A3']);
    expect(q.size).toBe(0);
  });

  test('a repository whose first check was already taken does not go first again when its backlog arrives before another repository', () => {
    const q = new FairQueue<string>();
    q.push('acme/heavy', 'A1');
    expect(q.shift()).toBe('A1');
    q.push('acme/heavy', 'A2');
    q.push('acme/heavy', 'A3');
    q.push('acme/light', 'B1');
    expect(takeAll(q)).toEqual(['B1', 'A2', 'A3']);
  });

  test('within a repository checks keep their arrival order; repositories take turns', () => {
    const q = new FairQueue<string>();
    q.push('a', 'a1');
    q.push('a', 'a2');
    q.push('b', 'b1');
    q.push('c', 'c1');
    q.push('b', 'b2');
    expect(q.shift()).toBe('a1');
    // A repository not yet served goes before one served in this round.
    q.push('d', 'd1');
    expect(takeAll(q)).toEqual(['b1', 'c1', 'd1', 'a2', 'b2']);
  });

  test('a repository whose queue emptied gets a fresh turn at the end of the round when it submits again', () => {
    const q = new FairQueue<string>();
    q.push('a', 'a1');
    q.push('b', 'b1');
    q.push('b', 'b2');
    expect(q.shift()).toBe('a1');
    q.push('a', 'a2');
    expect(takeAll(q)).toEqual(['b1', 'a2', 'b2']);
    expect(q.shift()).toBeUndefined();
  });
});
