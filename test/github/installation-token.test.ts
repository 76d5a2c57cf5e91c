import { describe, expect, it } from 'vitest';
import { installationToken } from '../../src/github/installation-token.js';

describe('installationToken', () => {
  it('asks the Octokit auth hook for the installation token', async () => {
    const asked: unknown[] = [];
    const token = await installationToken({ auth: async (o) => (asked.push(o), { type: 'token', token: 'ghs_abc' }) });
    expect(token).toBe('ghs_abc');
    expect(asked).toEqual([{ type: 'installation' }]);
  });

  it('yields nothing when the client is not installation-authenticated', async () => {
    expect(await installationToken({ auth: async () => ({ type: 'unauthenticated' }) })).toBeUndefined();
  });
});
