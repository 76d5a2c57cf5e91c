import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { REDACTED, redact } from '../../src/report/redact.js';

const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const token = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';

describe('redact', () => {
  it.each([
    ['installation token', `fetch failed with ${token}`],
    ['personal access token', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['fine-grained token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'],
    ['credentials in a clone URL', `fatal: unable to access 'https://x-access-token:${token}@github.com/acme/jobs.git/'`],
    ['registry password in a URL', 'pull from https://robot:hunter2-pass@registry.acme.dev/v2/'],
    ['an app JWT', 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjEyMzR9.c2lnbmF0dXJlc2lnbmF0dXJl'],
    ['a PEM private key', `key:\n${pem}\ndone`],
  ])('removes %s', (_, text) => {
    const out = redact(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toMatch(/ghs_16C7|ghp_abc|github_pat_11|hunter2|eyJpc3Mi|MII[A-Za-z0-9+/]{20}/);
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
