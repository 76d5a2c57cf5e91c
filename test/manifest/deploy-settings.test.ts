import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { deploySettings, parseDuration } from '../../src/manifest/deploy-settings.js';
import { parseProjectManifest } from '../../src/manifest/load-project.js';

const show = (d: Diagnostic): string => `${d.line}:${d.column} ${d.rule} ${d.message}`;

const project = (extra: string, environments = '  staging: {}\n  production: {}') => `apiVersion: streampilot.dev/v1
kind: Project
${extra}
environments:
${environments}
`;

const parse = (extra: string, environments?: string) => parseProjectManifest(project(extra, environments));

describe('streampilot.yaml: deploy', () => {
  it('defaults to a 10-minute timeout and no pruning', () => {
    const { spec, diagnostics } = parse('');
    expect(diagnostics).toEqual([]);
    expect(deploySettings(spec!, 'staging')).toEqual({ timeoutMs: 600_000, prune: false });
  });

  it('applies the top level to every environment, and an environment overrides it key by key', () => {
    const { spec, diagnostics } = parse(
      'deploy: { timeout: 90s, prune: true }',
      '  staging: {}\n  production:\n    deploy: { timeout: 1h30m }',
    );
    expect(diagnostics).toEqual([]);
    expect(deploySettings(spec!, 'staging')).toEqual({ timeoutMs: 90_000, prune: true });
    expect(deploySettings(spec!, 'production')).toEqual({ timeoutMs: 5_400_000, prune: true });
  });

  it('lets an environment turn pruning off that the project turns on', () => {
    const { spec } = parse('deploy: { prune: true }', '  staging: {}\n  production: { deploy: { prune: false } }');
    expect(deploySettings(spec!, 'production').prune).toBe(false);
    expect(deploySettings(spec!, 'staging').prune).toBe(true);
  });

  it.each([
    ['deploy: { timeout: 10 }', '3:20 manifest/schema `deploy.timeout` must be a string; found the number `10`'],
    [
      'deploy: { timeout: 10 minutes }',
      '3:20 manifest/schema `deploy.timeout` must be a duration in hours, minutes and seconds, such as 90s, 10m or 1h30m; found `10 minutes`',
    ],
    [
      'deploy: { timeout: 5m1h }',
      '3:20 manifest/schema `deploy.timeout` must be a duration in hours, minutes and seconds, such as 90s, 10m or 1h30m; found `5m1h`',
    ],
    [
      'deploy: { prune: "yes" }',
      '3:18 manifest/schema `deploy.prune` must be true or false; found the quoted string `"yes"`',
    ],
    ['deploy: { timout: 5m }', '3:11 manifest/schema unknown key `timout` in `deploy` — did you mean `timeout`?'],
  ])('refuses %s at the value, saying what is allowed', (yaml, expected) => {
    const { spec, diagnostics } = parse(yaml);
    expect(spec).toBeUndefined();
    expect(diagnostics.map(show)).toEqual([expected]);
  });

  it('refuses a zero timeout in an environment, at its value', () => {
    const { diagnostics } = parse('', '  staging:\n    deploy:\n      timeout: 0s');
    expect(diagnostics.map(show)).toEqual([
      '7:16 manifest/schema `environments.staging.deploy.timeout` is zero: every job would be reported as timed out before it could start',
    ]);
    expect(diagnostics[0]!.hint).toMatch(/10m/);
  });
});

describe('deploy.timeout beyond Node timers', () => {
  it('refuses a timeout above 24h (600h would pass 2^31-1 ms and fire at once), accepts 24h', () => {
    const { diagnostics } = parse('deploy: { timeout: 600h }');
    expect(diagnostics.map(show)).toEqual(['3:20 manifest/schema `deploy.timeout` is longer than the maximum, 24h']);
    expect(parse('deploy: { timeout: 24h }').diagnostics).toEqual([]);
    expect(deploySettings(parse('deploy: { timeout: 24h }').spec!, 'staging').timeoutMs).toBe(86_400_000);
  });

  it('deploySettings refuses what the check refuses, rather than handing setTimeout a value it cannot hold', () => {
    const spec = parse('deploy: { timeout: 1h }').spec!;
    expect(() => deploySettings({ ...spec, deploy: { timeout: '600h' } }, 'staging')).toThrow(/at most 24h/);
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['2h5m10s', 7_510_000],
    ['0m', 0],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '10', 'm', '1.5h', '10 m', '-5m', '5ms', '1d'])('refuses %j', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});
