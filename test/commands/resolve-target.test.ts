// Defaults of a command: the jobs the pull request changed, the only environment that has them;
// an ambiguous or unknown target is a question back (compared whole), never a guess.
import { describe, expect, it } from 'vitest';
import { parseCommand, type ParsedCommand } from '../../src/commands/parse-command.js';
import { resolveTarget, type CommandScope, type TargetOutcome } from '../../src/commands/resolve-target.js';

const BOTH: CommandScope = {
  environments: [
    { name: 'staging', jobs: ['orders', 'clicks', 'canary'] },
    { name: 'production', jobs: ['orders', 'clicks'] },
  ],
  changedJobs: ['orders'],
};

function parsed(comment: string): ParsedCommand {
  const outcome = parseCommand(comment);
  if (outcome.kind !== 'command') throw new Error(`not a command: ${comment}`);
  return outcome.command;
}

const target = (environments: string[], jobs: string[]): TargetOutcome => ({ kind: 'target', environments, jobs });
const reply = (text: string): TargetOutcome => ({ kind: 'reply', text });

const TABLE: [string, string, CommandScope, TargetOutcome][] = [
  [
    'the changed jobs in the environment named',
    '/savepoint --env production',
    BOTH,
    target(['production'], ['orders']),
  ],
  ['the jobs named', '/restart clicks --env staging', BOTH, target(['staging'], ['clicks'])],
  ['the only environment with the job', '/suspend canary', BOTH, target(['staging'], ['canary'])],
  [
    'the only environment with the changed jobs',
    '/resume',
    { ...BOTH, changedJobs: ['canary'] },
    target(['staging'], ['canary']),
  ],
  ['deploy names its environment', '/deploy production', BOTH, target(['production'], ['orders'])],
  ['status of every environment', '/status', BOTH, target(['staging', 'production'], [])],
  ['status of one', '/status --env production', BOTH, target(['production'], [])],
  ['plan is about no environment', '/plan', BOTH, target([], [])],
  [
    'ambiguous environment',
    '/savepoint',
    BOTH,
    reply(
      'Job `orders` runs in more than one environment: `staging`, `production`. Say which: `/savepoint --env staging` or `/savepoint --env production`.',
    ),
  ],
  [
    'ambiguous environment, jobs named',
    '/rollback orders clicks',
    BOTH,
    reply(
      'Jobs `orders`, `clicks` run in more than one environment: `staging`, `production`. Say which: `/rollback orders clicks --env staging` or `/rollback orders clicks --env production`.',
    ),
  ],
  [
    'unknown environment',
    '/status --env qa',
    BOTH,
    reply('There is no environment `qa`. Environments: `staging`, `production`.'),
  ],
  [
    'misspelt environment',
    '/deploy stagin',
    BOTH,
    reply('There is no environment `stagin`; did you mean `staging`? Environments: `staging`, `production`.'),
  ],
  [
    'unknown job',
    '/savepoint ordres --env staging',
    BOTH,
    reply(
      'No job `ordres` runs in environment `staging`. Did you mean `orders`? Jobs there: `orders`, `clicks`, `canary`.',
    ),
  ],
  [
    'a job the environment does not run',
    '/restart canary --env production',
    BOTH,
    reply('No job `canary` runs in environment `production`. Jobs there: `orders`, `clicks`.'),
  ],
  [
    'unknown job, no environment',
    '/restart nothing',
    BOTH,
    reply('No job `nothing` runs in any environment. Jobs there: `orders`, `clicks`, `canary`.'),
  ],
  [
    'no job changed and none named',
    '/savepoint --env staging',
    { ...BOTH, changedJobs: [] },
    reply('This pull request changes no job, so `/savepoint` needs the jobs named: `/savepoint <job>`.'),
  ],
  [
    'no job changed, none named, no environment',
    '/restart',
    { ...BOTH, changedJobs: [] },
    reply(
      'This pull request changes no job, so `/restart` needs the jobs named: `/restart <job> --env <environment>`.',
    ),
  ],
  [
    'a changed job only in one environment, the other named',
    '/savepoint --env production',
    { ...BOTH, changedJobs: ['canary'] },
    reply(
      'No job `canary` (the jobs this pull request changes) runs in environment `production`. Jobs there: `orders`, `clicks`.',
    ),
  ],
  [
    'jobs of different environments together',
    '/suspend canary other',
    {
      environments: [
        { name: 'a', jobs: ['canary'] },
        { name: 'b', jobs: ['other'] },
      ],
      changedJobs: [],
    },
    reply('No environment runs all of `canary`, `other`; name one job at a time, or add `--env`.'),
  ],
];

describe('resolveTarget: what a command acts on', () => {
  it.each(TABLE)('%s: %s', (_, comment, scope, expected) => {
    expect(resolveTarget(parsed(comment), scope)).toEqual(expected);
  });
});
