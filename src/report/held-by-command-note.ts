import type { Plan } from '../plan/types.js';

/** A job whose live state a command set against Git (workflows/command-holds.ts gives them). */
export interface HeldJobNote {
  environment: string;
  job: string;
  hold: { state: 'running' | 'suspended'; gitState: 'running' | 'suspended'; command: string; by: string; at: string };
}

/**
 * The plan comment's part about jobs a `/suspend` or `/resume` left in a state Git does not
 * describe: what merging this pull request would do about each. A deploy never takes a command's
 * `job.state` back: it reports the field as drift and applies nothing to that job, so the job stays
 * as the command left it until someone runs the other command (or `deploy --force`). Empty when
 * no job is held.
 */
export function formatHeldByCommandNote(held: readonly HeldJobNote[], head: Plan): string {
  if (!held.length) return '';
  const rows = held.map(({ environment, job, hold }) => {
    const env = head.environments.find((e) => e.name === environment);
    const planned = env?.jobs.find((j) => j.name === job);
    const undo =
      hold.state === 'suspended' ? `/resume ${job} --env ${environment}` : `/suspend ${job} --env ${environment}`;
    const merge = !env
      ? 'nothing: this pull request has no such environment'
      : !planned
        ? 'nothing: this pull request has no such job there'
        : env.deployOn !== 'merge'
          ? `nothing yet; \`/deploy ${environment}\` would apply nothing to it either (drift) until \`${undo}\``
          : `**applies nothing to it**: the deploy reports \`.spec.job.state\` as drift and leaves it ${hold.state}; \`${undo}\` first to deploy it as Git says`;
    const who = `\`${hold.command}\` by @${hold.by}, ${hold.at.slice(0, 10)}`;
    return `| \`${environment}\` | \`${job}\` | ${hold.state} (${who}) | ${hold.gitState} | ${merge} |`;
  });
  return [
    '',
    '### ⏸ Held by a command',
    '',
    'A command set these jobs to a state Git does not describe; StreamPilot does not undo it on its own.',
    '',
    '| environment | job | live | Git says | merging this pull request |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
