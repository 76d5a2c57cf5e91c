import { didYouMean } from '../text/did-you-mean.js';
import type { ParsedCommand } from './parse-command.js';

/** What a command may act on: each environment's enabled jobs (project order), and what the pull request changes. */
export interface CommandScope {
  environments: readonly { name: string; jobs: readonly string[] }[];
  /** The jobs the pull request adds or changes (any environment). */
  changedJobs: readonly string[];
}

export type TargetOutcome =
  /** `environments` empty: a command about no environment (`/plan`, `/help`). */
  { kind: 'target'; environments: string[]; jobs: string[] } | { kind: 'reply'; text: string };

/**
 * Fills in what a command left out. Jobs default to those the pull request changed; the
 * environment to the only one that has all of them — more than one is a question back, never
 * a guess. `/status` without `--env` is every environment.
 */
export function resolveTarget(command: ParsedCommand, scope: CommandScope): TargetOutcome {
  const names = scope.environments.map((e) => e.name);
  const slash = `\`/${command.name}\``;
  if (command.name === 'help' || command.name === 'plan') return { kind: 'target', environments: [], jobs: [] };
  if (command.environment !== undefined && !names.includes(command.environment)) {
    const guess = didYouMean(command.environment, names);
    return reply(
      `There is no environment \`${command.environment}\`${guess ? `; did you mean \`${guess}\`?` : '.'} Environments: ${list(names)}.`,
    );
  }
  if (command.name === 'status') {
    const environments = command.environment !== undefined ? [command.environment] : names;
    return { kind: 'target', environments, jobs: [] };
  }
  const jobs = command.jobs.length ? command.jobs : [...scope.changedJobs];
  if (!jobs.length)
    return reply(
      `This pull request changes no job, so ${slash} needs the jobs named: \`/${command.name} <job>${command.environment === undefined ? ' --env <environment>' : ''}\`.`,
    );
  const having = scope.environments.filter((e) => jobs.every((j) => e.jobs.includes(j)));
  if (command.environment !== undefined) {
    const env = scope.environments.find((e) => e.name === command.environment)!;
    const missing = jobs.filter((j) => !env.jobs.includes(j));
    if (missing.length) return reply(unknownJobs(missing, env.name, env.jobs, command.jobs.length === 0));
    return { kind: 'target', environments: [env.name], jobs };
  }
  if (having.length === 1) return { kind: 'target', environments: [having[0]!.name], jobs };
  if (having.length > 1)
    return reply(
      `${jobNames(jobs)} ${jobs.length === 1 ? 'runs' : 'run'} in more than one environment: ${list(having.map((e) => e.name))}. Say which: ${having.map((e) => `\`/${command.name} ${command.jobs.join(' ')}${command.jobs.length ? ' ' : ''}--env ${e.name}\``).join(' or ')}.`,
    );
  const all = [...new Set(scope.environments.flatMap((e) => e.jobs))];
  const unknown = jobs.filter((j) => !all.includes(j));
  if (unknown.length) return reply(unknownJobs(unknown, undefined, all, command.jobs.length === 0));
  return reply(`No environment runs all of ${list(jobs)}; name one job at a time, or add \`--env\`.`);
}

function unknownJobs(
  missing: string[],
  environment: string | undefined,
  known: readonly string[],
  defaulted: boolean,
): string {
  const where = environment === undefined ? 'in any environment' : `in environment \`${environment}\``;
  const guesses = missing.map((j) => didYouMean(j, known)).filter((g): g is string => g !== undefined);
  const guess = guesses.length ? ` Did you mean ${guesses.map((g) => `\`${g}\``).join(', ')}?` : '';
  const source = defaulted ? ' (the jobs this pull request changes)' : '';
  return `No job ${missing.map((j) => `\`${j}\``).join(', ')}${source} runs ${where}.${guess} Jobs there: ${list(known)}.`;
}

function jobNames(jobs: readonly string[]): string {
  return jobs.length === 1 ? `Job \`${jobs[0]}\`` : `Jobs ${list(jobs)}`;
}

function list(items: readonly string[]): string {
  return items.length ? items.map((i) => `\`${i}\``).join(', ') : '(none)';
}

function reply(text: string): TargetOutcome {
  return { kind: 'reply', text };
}
