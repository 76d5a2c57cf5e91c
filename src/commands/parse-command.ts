import { didYouMean } from '../text/did-you-mean.js';

/** The commands a pull-request comment can give, in the order the help lists them. */
export const COMMAND_NAMES = [
  'deploy',
  'savepoint',
  'restart',
  'suspend',
  'resume',
  'rollback',
  'status',
  'plan',
  'help',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** A command as written: what the author named, before defaults are filled in from the plan. */
export interface ParsedCommand {
  name: CommandName;
  /** `/deploy <env>`'s environment, or `--env`. */
  environment?: string;
  /** Jobs named; empty means "the jobs this pull request changes". */
  jobs: string[];
  /** `/rollback --to <sha>`. */
  to?: string;
  /** The command's line as written (trimmed), for the reply. */
  line: string;
}

export type CommandOutcome =
  | { kind: 'command'; command: ParsedCommand }
  /** Answer at once with `text` (a mistake in the command); nothing runs. */
  | { kind: 'reply'; text: string }
  /** Not a command: say nothing. */
  | { kind: 'ignore' };

interface Grammar {
  /** What follows the command name in the help. */
  usage: string;
  summary: string;
  /** The first positional is the environment (`/deploy <env>`). */
  environmentFirst?: boolean;
  /** Positionals name jobs. */
  jobs?: boolean;
  flags: readonly ('--env' | '--to')[];
}

const GRAMMAR: Record<CommandName, Grammar> = {
  deploy: {
    usage: '<env> [job…]',
    summary: "deploy the pull request's merge commit to an environment",
    environmentFirst: true,
    jobs: true,
    flags: [],
  },
  savepoint: { usage: '[job…] [--env E]', summary: 'take a savepoint', jobs: true, flags: ['--env'] },
  restart: { usage: '[job…] [--env E]', summary: 'restart the jobs', jobs: true, flags: ['--env'] },
  suspend: { usage: '[job…] [--env E]', summary: 'suspend the jobs', jobs: true, flags: ['--env'] },
  resume: { usage: '[job…] [--env E]', summary: 'resume suspended jobs', jobs: true, flags: ['--env'] },
  rollback: {
    usage: '[job…] [--env E] [--to <sha>]',
    summary: 'return the jobs to an earlier deployment',
    jobs: true,
    flags: ['--env', '--to'],
  },
  status: { usage: '[--env E]', summary: 'what the cluster runs', flags: ['--env'] },
  plan: { usage: '', summary: 'validate again and refresh the plan comment', flags: [] },
  help: { usage: '', summary: 'this list', flags: [] },
};

/** Environment names as the project schema allows them. */
const ENVIRONMENT = /^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$/;
/** Job names as the job schema allows them (DNS-1123 labels). */
const JOB = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SHA = /^[0-9a-f]{7,40}$/;
const PREFIX = '/streampilot';
/** Longest line read as a command: anything longer is prose, and a reply would quote it. */
const MAX_LINE = 300;

/** The help every mistaken command is answered with (Markdown). */
export function commandHelp(): string {
  const rows = COMMAND_NAMES.map((name) => {
    const g = GRAMMAR[name];
    return `| \`/${name}${g.usage ? ` ${g.usage}` : ''}\` | ${g.summary} |`;
  });
  return [
    'Commands (in a comment of their own, first line; `/streampilot <command>` works too):',
    '',
    '| command | what it does |',
    '| --- | --- |',
    ...rows,
    '',
    'Jobs default to the jobs this pull request changes; `--env` defaults to the only environment that has them.',
  ].join('\n');
}

/**
 * Reads a pull-request comment. The first non-empty line outside quotes (`> …`) and fenced code
 * decides: `/streampilot <command> …` or `/<command> …`. A `/word` that is not ours and not close
 * to one of ours is left alone: other bots' slash commands (`/lgtm`, `/assign`) are not mistakes.
 */
export function parseCommand(body: string): CommandOutcome {
  const line = firstLine(body);
  if (line === undefined || !line.startsWith('/')) return { kind: 'ignore' };
  const words = line.split(/\s+/);
  let head = words.shift()!;
  const prefixed = head.toLowerCase() === PREFIX;
  if (prefixed) {
    const next = words.shift();
    if (next === undefined) return reply('`/streampilot` needs a command.');
    head = next.startsWith('/') ? next : `/${next}`;
  }
  const written = head.slice(1);
  const name = written.toLowerCase();
  if (!isCommandName(name)) {
    const guess = didYouMean(name, COMMAND_NAMES);
    if (!prefixed && !guess) return { kind: 'ignore' };
    if (line.length > MAX_LINE) return { kind: 'ignore' };
    return reply(`\`/${written}\` is not a StreamPilot command${guess ? `; did you mean \`/${guess}\`?` : '.'}`);
  }
  if (line.length > MAX_LINE) return reply(`The command line is longer than ${MAX_LINE} characters.`);
  return parseArguments(name, words, line);
}

function parseArguments(name: CommandName, words: string[], line: string): CommandOutcome {
  const g = GRAMMAR[name];
  const positionals: string[] = [];
  const flags: Partial<Record<'--env' | '--to', string>> = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('-')) {
      positionals.push(word);
      continue;
    }
    const [flag, inline] = word.includes('=')
      ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]
      : [word];
    const known = g.flags.find((f) => f === flag);
    if (!known) {
      const guess = didYouMean(flag!, g.flags);
      const takes = g.flags.length ? `it takes ${g.flags.map((f) => `\`${f}\``).join(', ')}` : 'it takes no flags';
      return reply(`\`/${name}\` has no flag \`${flag}\`${guess ? `; did you mean \`${guess}\`?` : ` (${takes}).`}`);
    }
    const value = inline ?? words[++i];
    if (value === undefined || value === '' || value.startsWith('-'))
      return reply(`\`${known}\` of \`/${name}\` needs a value: \`/${name} ${g.usage}\`.`);
    if (flags[known] !== undefined) return reply(`\`${known}\` is given twice.`);
    flags[known] = value;
  }
  let environment = flags['--env'];
  if (g.environmentFirst) {
    environment = positionals.shift();
    if (environment === undefined) return reply(`\`/${name}\` needs an environment: \`/${name} ${g.usage}\`.`);
  }
  if (!g.jobs && positionals.length)
    return reply(
      `\`/${name}\` takes no job names (found \`${positionals[0]}\`): \`/${name}${g.usage ? ` ${g.usage}` : ''}\`.`,
    );
  if (environment !== undefined && !ENVIRONMENT.test(environment))
    return reply(`\`${environment}\` is not an environment name (lowercase letters, digits, \`-\` and \`_\`).`);
  const badJob = positionals.find((j) => !JOB.test(j));
  if (badJob !== undefined) return reply(`\`${badJob}\` is not a job name (lowercase letters, digits and \`-\`).`);
  const to = flags['--to'];
  if (to !== undefined && !SHA.test(to))
    return reply(`\`--to\` needs a commit SHA (7 to 40 hex digits), not \`${to}\`.`);
  return {
    kind: 'command',
    command: {
      name,
      jobs: [...new Set(positionals)],
      line,
      ...(environment !== undefined ? { environment } : {}),
      ...(to !== undefined ? { to } : {}),
    },
  };
}

function reply(problem: string): CommandOutcome {
  return { kind: 'reply', text: `${problem}\n\n${commandHelp()}` };
}

function isCommandName(word: string): word is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(word);
}

/**
 * The first line that is neither blank, nor quoted, nor inside fenced code, nor an HTML comment
 * line; trimmed. Quoted and fenced text is what people paste (a bot's reply, a log), not what
 * they ask for.
 */
function firstLine(body: string): string | undefined {
  let fence: string | undefined;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line === marker) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    if (line === '' || line.startsWith('>') || (line.startsWith('<!--') && line.endsWith('-->'))) continue;
    return line;
  }
  return undefined;
}
