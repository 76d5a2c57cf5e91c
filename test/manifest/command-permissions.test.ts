import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { commandPermission } from '../../src/manifest/command-permissions.js';
import { parseProjectManifest } from '../../src/manifest/load-project.js';

const show = (d: Diagnostic): string => `${d.line}:${d.column} ${d.rule} ${d.message}${d.hint ? ` | ${d.hint}` : ''}`;

const parse = (environments: string) =>
  parseProjectManifest(`apiVersion: streampilot.dev/v1
kind: Project
environments:
${environments}
`);

describe('streampilot.yaml: environments.<env>.commands', () => {
  it('defaults: allowed for the commands that change jobs where `allowed` is set, writers elsewhere and for status', () => {
    const { spec, diagnostics } = parse('  staging: {}\n  production:\n    allowed: [acme/data-platform]');
    expect(diagnostics).toEqual([]);
    const production = spec!.environments.production!;
    const staging = spec!.environments.staging!;
    for (const c of ['deploy', 'savepoint', 'restart', 'suspend', 'resume', 'rollback'] as const) {
      expect(commandPermission(production, c)).toBe('allowed');
      expect(commandPermission(staging, c)).toBe('writers');
    }
    expect(commandPermission(production, 'status')).toBe('writers');
  });

  it('a setting per command wins over the default', () => {
    const { spec, diagnostics } = parse(
      '  production:\n    allowed: [acme/data-platform]\n    commands:\n      savepoint: writers\n      rollback: [acme/sre, octocat]\n      status: allowed',
    );
    expect(diagnostics).toEqual([]);
    const production = spec!.environments.production!;
    expect(commandPermission(production, 'savepoint')).toBe('writers');
    expect(commandPermission(production, 'rollback')).toEqual(['acme/sre', 'octocat']);
    expect(commandPermission(production, 'status')).toBe('allowed');
    expect(commandPermission(production, 'deploy')).toBe('allowed');
  });

  it('`allowed` in an environment without an `allowed` list is an error at the value', () => {
    const { diagnostics } = parse('  staging:\n    commands:\n      deploy: allowed');
    expect(diagnostics.map(show)).toEqual([
      '6:15 manifest/reference `environments.staging.commands.deploy` is `allowed`, but environment staging has no `allowed` list | add `allowed: [org/team]` to environment staging, or name the users and teams here: `deploy: [org/team]`',
    ]);
  });

  it('a misspelt command and a malformed team are schema errors at their position', () => {
    const { diagnostics } = parse('  staging:\n    commands:\n      savepiont: writers\n      deploy: ["acme/"]');
    const shown = diagnostics.map(show);
    expect(
      shown.some((s) => s.startsWith('6:7 manifest/schema') && s.includes('savepiont') && s.includes('savepoint')),
    ).toBe(true);
    expect(shown.some((s) => s.startsWith('7:16 manifest/schema'))).toBe(true);
  });
});
