import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCredentials } from '../../src/registry/credentials.js';

function dockerConfig(auths: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sp-docker-config-'));
  const path = join(dir, 'config.json');
  writeFileSync(path, JSON.stringify({ auths }));
  return path;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('resolveCredentials', () => {
  const config = dockerConfig({
    'https://index.docker.io/v1/': { auth: b64('hubuser:hub:pass') },
    'registry.example:5000': { auth: b64('cfguser:cfgpass') },
  });

  it('prefers explicit credentials over the environment and the Docker config', async () => {
    const env = { STREAMPILOT_REGISTRY_USERNAME: 'envuser', STREAMPILOT_REGISTRY_PASSWORD: 'envpass' };
    expect(
      await resolveCredentials('registry.example:5000', {
        explicit: { username: 'me', password: 'pw' },
        env,
        dockerConfigPath: config,
      }),
    ).toEqual({ username: 'me', password: 'pw', source: 'explicit' });
    expect(await resolveCredentials('registry.example:5000', { env, dockerConfigPath: config })).toEqual({
      username: 'envuser',
      password: 'envpass',
      source: 'environment',
    });
  });

  it('sends STREAMPILOT_REGISTRY_* only to STREAMPILOT_REGISTRY_HOST when it is set: a registry.repository elsewhere is refused, unread', async () => {
    const env = {
      STREAMPILOT_REGISTRY_USERNAME: 'envuser',
      STREAMPILOT_REGISTRY_PASSWORD: 'pin-marker-93',
      STREAMPILOT_REGISTRY_HOST: 'https://Registry.Example:5000/',
    };
    expect(await resolveCredentials('registry.example:5000', { env, dockerConfigPath: config })).toEqual({
      username: 'envuser',
      password: 'pin-marker-93',
      source: 'environment',
    });
    const elsewhere = resolveCredentials('evil.example', { env, dockerConfigPath: config });
    await expect(elsewhere).rejects.toThrow(
      'registry evil.example is not the one STREAMPILOT_REGISTRY_USERNAME/_PASSWORD are for (STREAMPILOT_REGISTRY_HOST=registry.example:5000); nothing was sent',
    );
    await expect(resolveCredentials('evil.example', { env, dockerConfigPath: config })).rejects.not.toThrow(
      /pin-marker-93/,
    );
    expect(
      await resolveCredentials('docker.io', {
        env: { ...env, STREAMPILOT_REGISTRY_HOST: 'index.docker.io' },
        dockerConfigPath: config,
      }),
    ).toMatchObject({ source: 'environment' });
  });

  it('falls back to the auths entry docker login wrote, matching Docker Hub under its legacy key', async () => {
    expect(await resolveCredentials('registry.example:5000', { env: {}, dockerConfigPath: config })).toEqual({
      username: 'cfguser',
      password: 'cfgpass',
      source: 'docker-config',
    });
    // A colon in the password survives: only the first colon separates.
    expect(await resolveCredentials('docker.io', { env: {}, dockerConfigPath: config })).toMatchObject({
      username: 'hubuser',
      password: 'hub:pass',
    });
  });

  it('is anonymous when nothing is configured for the registry', async () => {
    expect(await resolveCredentials('ghcr.io', { env: {}, dockerConfigPath: config })).toBeUndefined();
    expect(
      await resolveCredentials('ghcr.io', {
        env: {},
        dockerConfigPath: join(tmpdir(), 'does-not-exist', 'config.json'),
      }),
    ).toBeUndefined();
  });

  it('names the broken file without echoing its content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-docker-config-'));
    writeFileSync(join(dir, 'config.json'), '{"auths": {"ghcr.io": {"auth": "c2VjcmV0'); // truncated
    await expect(
      resolveCredentials('ghcr.io', { env: {}, dockerConfigPath: join(dir, 'config.json') }),
    ).rejects.toThrow(/config\.json is not valid JSON/);
    await expect(
      resolveCredentials('ghcr.io', { env: {}, dockerConfigPath: join(dir, 'config.json') }),
    ).rejects.not.toThrow(/c2VjcmV0/);
  });
});
