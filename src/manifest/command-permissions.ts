import type { Diagnostic } from '../diagnostics.js';
import type { CommandPermission, EnvironmentCommand, EnvironmentSpec, ProjectSpec } from './types.js';
import { diagnosticAtPath, type YamlSource } from './yaml-document.js';

/** The commands that change what runs: by default only an environment's `allowed` may give them, when it has one. */
export const CHANGING_COMMANDS: readonly EnvironmentCommand[] = [
  'deploy',
  'savepoint',
  'restart',
  'suspend',
  'resume',
  'rollback',
];

/**
 * Who may give `command` for an environment, after the defaults: what `commands.<command>`
 * says; else, for a command that changes jobs, the environment's `allowed` when it has one;
 * else any writer. `status` only reads, so it defaults to writers everywhere.
 */
export function commandPermission(environment: EnvironmentSpec, command: EnvironmentCommand): CommandPermission {
  const configured = environment.commands?.[command];
  if (configured !== undefined) return configured;
  return CHANGING_COMMANDS.includes(command) && environment.allowed?.length ? 'allowed' : 'writers';
}

/**
 * What the schema cannot say: `commands.<command>: allowed` in an environment without `allowed`
 * would lock the command for everyone (or, read leniently, open it to every writer).
 */
export function checkCommandPermissions(source: YamlSource, project: ProjectSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, env] of Object.entries(project.environments)) {
    if (env.allowed?.length) continue;
    for (const [command, permission] of Object.entries(env.commands ?? {})) {
      if (permission !== 'allowed') continue;
      out.push(
        diagnosticAtPath(source, ['environments', name, 'commands', command], 'value', {
          severity: 'error',
          rule: 'manifest/reference',
          message: `\`environments.${name}.commands.${command}\` is \`allowed\`, but environment ${name} has no \`allowed\` list`,
          hint: `add \`allowed: [org/team]\` to environment ${name}, or name the users and teams here: \`${command}: [org/team]\``,
        }),
      );
    }
  }
  return out;
}
