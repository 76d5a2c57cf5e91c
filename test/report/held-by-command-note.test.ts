import { describe, expect, test } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { formatHeldByCommandNote } from '../../src/report/held-by-command-note.js';

/** Only what the note reads of a plan: environments, how they deploy, their jobs' names. */
const plan = {
  environments: [
    { name: 'staging', deployOn: 'merge', jobs: [{ name: 'orders' }, { name: 'clicks' }] },
    { name: 'production', deployOn: 'command', jobs: [{ name: 'orders' }] },
  ],
} as unknown as Plan;

describe('the plan comment on jobs a command holds against Git', () => {
  test('says, per environment, what a merge does: deploys and keeps the state, waits for /deploy, or nothing', async () => {
    const text = formatHeldByCommandNote(
      [
        {
          environment: 'staging',
          job: 'orders',
          hold: {
            state: 'suspended',
            gitState: 'running',
            command: '/suspend orders --env staging',
            by: 'wendy',
            at: '2026-12-06T07:12:00Z',
          },
        },
        {
          environment: 'production',
          job: 'orders',
          hold: {
            state: 'running',
            gitState: 'suspended',
            command: 'streampilot resume --env production orders',
            by: 'oncall',
            at: '2026-12-05T23:40:00Z',
          },
        },
        {
          environment: 'staging',
          job: 'payments',
          hold: {
            state: 'suspended',
            gitState: 'running',
            command: '/suspend payments',
            by: 'wendy',
            at: '2026-12-06T07:13:00Z',
          },
        },
      ],
      plan,
    );
    await expect(text).toMatchFileSnapshot('golden/held-by-command-note.md');
  });

  test('nothing held, nothing said', () => {
    expect(formatHeldByCommandNote([], plan)).toBe('');
  });
});
