import type { RolledBackJob } from '../github/deployment-history.js';
import type { Plan } from '../plan/types.js';

/**
 * The plan comment's part about environments a `/rollback` left running an older commit than Git
 * describes: what merging this pull request would change about each job. An environment that
 * deploys on merge deploys every job as Git has it, so the job rolls forward; one deployed by
 * command stays rolled back until `/deploy`. Empty when nothing is rolled back.
 */
export function formatRolledBackNote(rolledBack: readonly RolledBackJob[], head: Plan): string {
  if (!rolledBack.length) return '';
  const rows = rolledBack.map((r) => {
    const env = head.environments.find((e) => e.name === r.environment);
    const job = env?.jobs.find((j) => j.name === r.job);
    const merge = !env
      ? 'nothing: this pull request has no such environment'
      : !job
        ? 'nothing: this pull request has no such job there'
        : env.deployOn === 'merge'
          ? '**rolls it forward**: the merge deploys it as Git describes it'
          : `nothing yet: \`${env.name}\` deploys on \`/deploy ${env.name}\`, which would roll it forward`;
    return `| \`${r.environment}\` | \`${r.job}\` | \`${r.sha.slice(0, 12)}\` | ${merge} |`;
  });
  return [
    '',
    '### ⏪ Rolled back',
    '',
    'These jobs run an older commit than Git describes, after a `/rollback`; merging the revert pull request makes Git describe it.',
    '',
    '| environment | job | rolled back to | merging this pull request changes |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
