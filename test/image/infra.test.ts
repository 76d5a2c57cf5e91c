import { describe, expect, it } from 'vitest';
import { dockerEnv, skipReasonFor } from '../support/docker-env.js';
import { basicAuth, registryEnv, registryRequests } from '../support/registry-env.js';

const inCI = process.env.CI === 'true';

describe('skip reasons of the real-part tests', () => {
  it('are never set in CI, so a missing Docker engine or registry fails there instead of skipping', () => {
    expect(skipReasonFor('no Docker engine reachable', { CI: 'true' })).toBeUndefined();
    expect(skipReasonFor('no Docker engine reachable', {})).toBe('skipped: no Docker engine reachable');
    expect(skipReasonFor(undefined, {})).toBeUndefined();
  });
});

// .ci/run installs and starts both before `npm test`; these fail loudly when it did not.
describe.runIf(inCI)(
  `in CI (CI=true) the image tests have their real parts${inCI ? '' : ' — skipped: not in CI'}`,
  () => {
    it('a Docker engine answers', async () => {
      expect(dockerEnv.problem).toBeUndefined();
      expect(dockerEnv.skipReason).toBeUndefined();
      const info = (await dockerEnv.docker.info()) as { ServerVersion?: string };
      expect(info.ServerVersion).toBeTruthy();
    });

    it('the test registry answers, refuses anonymous access, accepts its credentials and logs every request', async () => {
      expect(registryEnv.problem).toBeUndefined();
      expect(registryEnv.skipReason).toBeUndefined();
      const registry = registryEnv.registry!;
      expect(registry.host).toBe(process.env.STREAMPILOT_TEST_REGISTRY);
      const before = registryRequests(registry).length;
      expect((await fetch(`http://${registry.host}/v2/`)).status).toBe(401);
      expect(
        (await fetch(`http://${registry.host}/v2/`, { headers: { authorization: basicAuth(registry) } })).status,
      ).toBe(200);
      // The registry writes its access log asynchronously.
      for (let i = 0; i < 20 && registryRequests(registry).length < before + 2; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(
        registryRequests(registry)
          .slice(before)
          .map((r) => `${r.method} ${r.path} ${r.status}`),
      ).toEqual(['GET /v2/ 401', 'GET /v2/ 200']);
    });
  },
);
