// Comments → what the app does with them: run a command, answer at once, or stay silent. Every
// answer is compared whole: the problem's sentence, then the help (test/commands/golden/help.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandHelp, parseCommand, type CommandOutcome } from '../../src/commands/parse-command.js';

const HELP_FILE = path.join(import.meta.dirname, 'golden', 'help.md');

const command = (c: Record<string, unknown>): CommandOutcome =>
  ({ kind: 'command', command: { jobs: [], ...c } }) as unknown as CommandOutcome;
const ignore: CommandOutcome = { kind: 'ignore' };
/** An immediate reply: `problem`, then the help. */
const refusal = (problem: string) => ({ problem });

const TABLE: [string, string, CommandOutcome | { problem: string }][] = [
  // Commands as written
  [
    'deploy with an environment',
    '/deploy production',
    command({ name: 'deploy', environment: 'production', line: '/deploy production' }),
  ],
  [
    'deploy with jobs',
    '/deploy production orders clicks',
    command({
      name: 'deploy',
      environment: 'production',
      jobs: ['orders', 'clicks'],
      line: '/deploy production orders clicks',
    }),
  ],
  [
    'the long form',
    '/streampilot savepoint orders --env staging',
    command({
      name: 'savepoint',
      environment: 'staging',
      jobs: ['orders'],
      line: '/streampilot savepoint orders --env staging',
    }),
  ],
  [
    '--env=value',
    '/restart --env=staging',
    command({ name: 'restart', environment: 'staging', line: '/restart --env=staging' }),
  ],
  [
    'flags before jobs',
    '/suspend --env staging orders',
    command({ name: 'suspend', environment: 'staging', jobs: ['orders'], line: '/suspend --env staging orders' }),
  ],
  ['resume, no arguments', '/resume', command({ name: 'resume', line: '/resume' })],
  [
    'rollback to a commit',
    '/rollback orders --env production --to 0123abc',
    command({
      name: 'rollback',
      environment: 'production',
      jobs: ['orders'],
      to: '0123abc',
      line: '/rollback orders --env production --to 0123abc',
    }),
  ],
  [
    'status of one environment',
    '/status --env staging',
    command({ name: 'status', environment: 'staging', line: '/status --env staging' }),
  ],
  ['plan', '/plan', command({ name: 'plan', line: '/plan' })],
  ['help', '/help', command({ name: 'help', line: '/help' })],
  [
    'a job named twice counts once',
    '/savepoint orders orders',
    command({ name: 'savepoint', jobs: ['orders'], line: '/savepoint orders orders' }),
  ],
  ['upper-case command', '/Status', command({ name: 'status', line: '/Status' })],
  [
    'leading blank lines and prose after',
    '\n\n  /status  \nplease check staging',
    command({ name: 'status', line: '/status' }),
  ],
  [
    'after a quote, the first own line counts',
    '> /deploy production\n\n/status',
    command({ name: 'status', line: '/status' }),
  ],
  ['after fenced code', '```\n/deploy production\n```\n/plan', command({ name: 'plan', line: '/plan' })],
  ['CRLF line ends', '/plan\r\nthanks', command({ name: 'plan', line: '/plan' })],

  // Ignored: not addressed to us
  ['prose', 'Looks good to me', ignore],
  ['a command later in the comment', 'LGTM\n/deploy production', ignore],
  ['a quoted command', '> /deploy production', ignore],
  ['a quoted command, nested', '>> /rollback --env production', ignore],
  ['a command in fenced code', '```\n/deploy production\n```', ignore],
  ['a command in tilde fences', '~~~text\n/savepoint\n~~~', ignore],
  ['an unclosed fence hides the rest', '```\n/deploy production', ignore],
  ["another bot's command", '/lgtm', ignore],
  ["another bot's command with arguments", '/assign @octocat', ignore],
  ['a path', '/etc/passwd is readable', ignore],
  ['empty', '', ignore],
  ['only whitespace', '  \n\t\n', ignore],

  // Answered at once: a mistake in a command
  [
    'a misspelt command',
    '/savepiont orders',
    refusal('`/savepiont` is not a StreamPilot command; did you mean `/savepoint`?'),
  ],
  [
    'the long form with an unknown command',
    '/streampilot frobnicate',
    refusal('`/frobnicate` is not a StreamPilot command.'),
  ],
  [
    'the long form, misspelt',
    '/streampilot dploy staging',
    refusal('`/dploy` is not a StreamPilot command; did you mean `/deploy`?'),
  ],
  ['the long form alone', '/streampilot', refusal('`/streampilot` needs a command.')],
  ['a misspelt flag', '/savepoint --evn staging', refusal('`/savepoint` has no flag `--evn`; did you mean `--env`?')],
  ['an unknown flag', '/restart --force', refusal('`/restart` has no flag `--force` (it takes `--env`).')],
  [
    'a flag the command does not take',
    '/savepoint --to abc1234',
    refusal('`/savepoint` has no flag `--to` (it takes `--env`).'),
  ],
  [
    'a flag on a command without flags',
    '/plan --env staging',
    refusal('`/plan` has no flag `--env` (it takes no flags).'),
  ],
  ['a flag without its value', '/status --env', refusal('`--env` of `/status` needs a value: `/status [--env E]`.')],
  [
    'a flag followed by a flag',
    '/rollback --env --to abc1234',
    refusal('`--env` of `/rollback` needs a value: `/rollback [job…] [--env E] [--to <sha>]`.'),
  ],
  ['a flag twice', '/restart --env a --env b', refusal('`--env` is given twice.')],
  ['deploy without an environment', '/deploy', refusal('`/deploy` needs an environment: `/deploy <env> [job…]`.')],
  [
    'status with a job',
    '/status orders',
    refusal('`/status` takes no job names (found `orders`): `/status [--env E]`.'),
  ],
  ['help with an argument', '/help me', refusal('`/help` takes no job names (found `me`): `/help`.')],
  [
    'an environment name that cannot be one',
    '/deploy Production',
    refusal('`Production` is not an environment name (lowercase letters, digits, `-` and `_`).'),
  ],
  [
    'a job name that cannot be one',
    '/savepoint Orders_v2',
    refusal('`Orders_v2` is not a job name (lowercase letters, digits and `-`).'),
  ],
  [
    '--to that is not a SHA',
    '/rollback --to HEAD~1',
    refusal('`--to` needs a commit SHA (7 to 40 hex digits), not `HEAD~1`.'),
  ],
  [
    'a line too long to be a command',
    `/savepoint ${'a'.repeat(300)}`,
    refusal('The command line is longer than 300 characters.'),
  ],
];

describe('parseCommand: comments → outcomes', () => {
  const help = () => readFileSync(HELP_FILE, 'utf8').trimEnd();

  it('the help lists every command with its arguments', async () => {
    await expect(`${commandHelp()}\n`).toMatchFileSnapshot(HELP_FILE);
  });

  it.each(TABLE)('%s: %j', (_, comment, expected) => {
    const outcome = parseCommand(comment);
    if ('problem' in expected) expect(outcome).toEqual({ kind: 'reply', text: `${expected.problem}\n\n${help()}` });
    else expect(outcome).toEqual(expected);
  });
});
