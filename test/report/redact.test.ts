import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { afterEach } from 'vitest';
import { redactingOctokit } from '../../src/app/redacting-octokit.js';
import { environmentSecrets } from '../../src/text/environment-secrets.js';
import { clearRegisteredSecrets, REDACTED, redact, registerSecrets } from '../../src/text/redact.js';

const pem = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();
const token = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';

describe('redact', () => {
  it.each([
    ['installation token', `fetch failed with ${token}`],
    ['personal access token', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['fine-grained token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'],
    [
      'credentials in a clone URL',
      `fatal: unable to access 'https://x-access-token:${token}@github.com/acme/jobs.git/'`,
    ],
    ['registry password in a URL', 'pull from https://robot:hunter2-pass@registry.acme.dev/v2/'],
    ['an app JWT', 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjEyMzR9.c2lnbmF0dXJlc2lnbmF0dXJl'],
    ['a PEM private key', `key:\n${pem}\ndone`],
    [
      'a base64-encoded PEM private key (PRIVATE_KEY as platforms without multi-line variables take it)',
      `PRIVATE_KEY=${Buffer.from(pem).toString('base64')}`,
    ],
    ['a GitHub Enterprise Server v1 token', 'token v1.0123456789abcdef0123456789abcdef01234567 refused'],
    ['an npm token', 'npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'],
    ['a Slack webhook URL', 'posting to https://hooks.slack.com/services/T000/B000/XXXXhunter2XXXX'],
    ['a signed URL', 'GET https://bucket.s3.amazonaws.com/x?X-Amz-Signature=hunter2abc&X-Amz-Credential=AKIA'],
  ])('removes %s', (_, text) => {
    const out = redact(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toMatch(
      /ghs_16C7|ghp_abc|github_pat_11|hunter2|eyJpc3Mi|MII[A-Za-z0-9+/]{20}|LS0tLS1CRUdJTi|v1\.0123|npm_AbC/,
    );
  });

  it('removes known secrets by value, also JSON-escaped and line by line', () => {
    const secrets = ['webhook-s3cret-value', pem];
    const keyLine = pem.split('\n')[3]!;
    const text = `secret=webhook-s3cret-value ${JSON.stringify({ key: pem })} partial: ${keyLine}`;
    const out = redact(text, secrets);
    expect(out).not.toContain('webhook-s3cret-value');
    expect(out).not.toContain(keyLine);
    expect(out).not.toContain(JSON.stringify(pem).slice(40, 80));
  });

  it('leaves ordinary text alone', () => {
    const text = 'jobs/orders/main.sql:5:3 unknown option `scan.startup.mod`; see https://nightlies.apache.org/flink/';
    expect(redact(text, ['ab', 'password'])).toBe(text.replace('password', REDACTED));
    expect(redact(text)).toBe(text);
  });
});

describe('secrets the process holds, whatever their names', () => {
  afterEach(() => clearRegisteredSecrets());

  it('a registered value is redacted by every later call, even one that passes no secrets', () => {
    registerSecrets(['AKIAIOSFODNN7EXAMPLE-marker', 'abc']);
    expect(redact('key AKIAIOSFODNN7EXAMPLE-marker in a message')).toBe(`key ${REDACTED} in a message`);
    expect(redact(encodeURIComponent('x AKIAIOSFODNN7EXAMPLE-marker'))).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(redact(Buffer.from('AKIAIOSFODNN7EXAMPLE-marker').toString('base64'))).toBe(REDACTED);
  });

  it('a secret shorter than six characters is redacted where it stands as a word, not inside other words', () => {
    registerSecrets(['pw42']);
    expect(redact('password pw42 was refused; pw421 and xpw42 are other words')).toBe(
      `password ${REDACTED} was refused; pw421 and xpw42 are other words`,
    );
  });

  it('finds secrets in the environment by name, by URL credentials and by shape, and leaves paths and ids alone', () => {
    const found = environmentSecrets({
      WEBHOOK_SECRET: 'whsec-1',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      DEPLOY_KEY: 'short-key',
      NPM_CONFIG_REGISTRY_AUTH: 'abc',
      SOMETHING_HARMLESS_SOUNDING: 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA',
      ALERTS: 'https://user:hunter2@alerts.example/hook',
      PRIVATE_KEY_PATH: '/etc/app/key.pem',
      PATH: '/usr/bin:/bin',
      HOME: '/root',
      PWD: '/work/main',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GIT_AUTHOR_NAME: 'Seed maintainers',
      NODE_AUTH_TOKEN: 'npm-node-auth-token',
      COMMIT: '0123456789abcdef0123456789abcdef01234567',
      LOG_LEVEL: 'debug',
      MESSAGE: 'hello world this is plain text',
    });
    expect(found.sort()).toEqual(
      [
        'whsec-1',
        'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'short-key',
        'abc',
        'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA',
        'https://user:hunter2@alerts.example/hook',
        'npm-node-auth-token',
      ].sort(),
    );
  });
});

describe('every request the app sends to GitHub', () => {
  afterEach(() => clearRegisteredSecrets());

  it('is redacted on its way out, and an installation token GitHub hands out is learned as a secret', () => {
    const hooks: {
      before?: (o: Record<string, unknown>) => void;
      after?: (r: { data?: unknown }, o: Record<string, unknown>) => void;
    } = {};
    redactingOctokit({ hook: { before: (_n, h) => (hooks.before = h), after: (_n, h) => (hooks.after = h) } });
    hooks.after!(
      { data: { token: 'v1.ghes-style-token-abcdef' } },
      { url: '/app/installations/{installation_id}/access_tokens' },
    );
    registerSecrets(['the-app-private-key-line']);
    const options: Record<string, unknown> = {
      method: 'PATCH',
      url: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
      headers: { authorization: 'token v1.ghes-style-token-abcdef' },
      owner: 'acme',
      output: {
        title: 'failed',
        summary: 'found `the-app-private-key-line`',
        annotations: [{ path: 'streampilot.yaml', message: 'v1.ghes-style-token-abcdef' }],
      },
    };
    hooks.before!(options);
    expect(options).toEqual({
      method: 'PATCH',
      url: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
      headers: { authorization: 'token v1.ghes-style-token-abcdef' },
      owner: 'acme',
      output: {
        title: 'failed',
        summary: `found \`${REDACTED}\``,
        annotations: [{ path: 'streampilot.yaml', message: REDACTED }],
      },
    });
  });
});

describe('the app logger', () => {
  it('never writes a token, the webhook secret or the private key', () => {
    let written = '';
    const out = new Writable({ write: (chunk, _e, done) => ((written += chunk.toString()), done()) });
    const log = createLogger('info', ['webhook-s3cret-value', pem], out as unknown as NodeJS.WritableStream);
    log.info(`cloning https://x-access-token:${token}@github.com/acme/jobs.git`);
    log.error({ err: new Error(`bad key ${pem} with webhook-s3cret-value`) }, 'failed');
    expect(written).toContain('cloning https://[redacted]@github.com');
    expect(written).toContain('failed');
    expect(written).not.toMatch(/ghs_16C7|webhook-s3cret-value|PRIVATE KEY-----\\nMII/);
  });
});
