import { describe, expect, test } from 'vitest';
import { previousSuccess, type PastDeployment } from '../../src/github/deployment-history.js';

let id = 1;
/** Newest first, as GitHub lists them. */
const d = (sha: string, succeeded: boolean, rollback = false): PastDeployment => ({
  id: id++,
  sha,
  createdAt: '2026-12-06T08:00:00Z',
  succeeded,
  payload: {
    environment: 'staging',
    job: 'orders',
    kind: 'FlinkDeployment',
    namespace: 'flink-staging',
    name: 'orders',
    sha,
    ...(rollback ? { rollback: true } : {}),
  },
});

describe('which deployment a rollback returns to', () => {
  test('the newest success before the deployment of what runs now, past failed attempts', () => {
    const history = [d('c', true), d('c', false), d('b', false), d('a', true)];
    expect(previousSuccess(history, 'c')?.sha).toBe('a');
  });

  test('rolling back twice goes further back, not to where the first rollback started', () => {
    // c, then b, then a ran; a /rollback returned to b (a deployment marked rollback).
    const history = [d('b', true, true), d('c', true), d('b', true), d('a', true)];
    expect(previousSuccess(history, 'b')?.sha).toBe('a');
  });

  test('what runs now unknown (no resource): the one before the newest success', () => {
    expect(previousSuccess([d('c', true), d('b', true)], undefined)?.sha).toBe('b');
  });

  test('a commit deployed from elsewhere (the CLI) and not recorded: the newest recorded success', () => {
    expect(previousSuccess([d('c', true), d('b', true)], 'x')?.sha).toBe('c');
  });

  test('nothing earlier: only one successful commit, or none', () => {
    expect(previousSuccess([d('c', true), d('c', true), d('b', false)], 'c')).toBeUndefined();
    expect(previousSuccess([], 'c')).toBeUndefined();
  });
});
