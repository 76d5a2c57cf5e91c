import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { readConfig } from '../../src/app/config.js';

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const base = { APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: 'w' };

describe('the check budget settings', () => {
  test('default to 60 s, 1024 MB and two workers', () => {
    const config = readConfig(base);
    expect(config.checkBudget).toEqual({ timeoutMs: 60_000, memoryMb: 1024 });
    expect(config.checkWorkers).toBe(2);
  });

  test('are read from STREAMPILOT_CHECK_TIMEOUT_SECONDS, STREAMPILOT_CHECK_MEMORY_MB and STREAMPILOT_CHECK_WORKERS', () => {
    const config = readConfig({
      ...base,
      STREAMPILOT_CHECK_TIMEOUT_SECONDS: '3',
      STREAMPILOT_CHECK_MEMORY_MB: '512',
      STREAMPILOT_CHECK_WORKERS: '4',
    });
    expect(config.checkBudget).toEqual({ timeoutMs: 3000, memoryMb: 512 });
    expect(config.checkWorkers).toBe(4);
  });

  test.each([
    ['STREAMPILOT_CHECK_TIMEOUT_SECONDS', '0'],
    ['STREAMPILOT_CHECK_TIMEOUT_SECONDS', '1.5'],
    ['STREAMPILOT_CHECK_TIMEOUT_SECONDS', '99999999999'],
    ['STREAMPILOT_CHECK_MEMORY_MB', '16'],
    ['STREAMPILOT_CHECK_WORKERS', 'two'],
  ])('%s=%s is refused, naming the variable', (name, value) => {
    expect(() => readConfig({ ...base, [name]: value })).toThrow(new RegExp(`^${name} must be a whole number`));
  });
});
