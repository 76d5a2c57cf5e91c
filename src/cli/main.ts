import { readFileSync } from 'node:fs';
import { detailOf, StreamPilotError, UsageError } from '../errors.js';
import { MAIN_HELP } from './help.js';
import { redact, registerSecrets } from '../text/redact.js';
import { cliSecrets } from './secrets.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

type Command = (args: string[], io: Io) => Promise<number>;

/**
 * Each command's module is imported only when that command runs: `validate` and `check` must not pay for
 * the Kubernetes client, dockerode or the registry code that `deploy` needs (most of the CLI's start-up).
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  init: async () => (await import('./commands/init.js')).initCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  render: async () => (await import('./commands/render.js')).renderCommand,
  build: async () => (await import('./commands/build.js')).buildCommand,
  deploy: async () => (await import('./commands/deploy.js')).deployCommand,
  status: async () => (await import('./commands/status.js')).statusCommand,
  savepoint: async () => (await import('./commands/savepoint.js')).savepointCommand,
  rollback: async () => (await import('./commands/rollback.js')).rollbackCommand,
  restart: async () => (await import('./commands/operate.js')).operateCommand('restart'),
  suspend: async () => (await import('./commands/operate.js')).operateCommand('suspend'),
  resume: async () => (await import('./commands/operate.js')).operateCommand('resume'),
};

function commandList(): string {
  const names = Object.keys(COMMANDS);
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  isTTY: Boolean(process.stdout.isTTY),
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The CLI entrypoint: translates argv into a command call; the one place errors become exit codes. */
export async function main(argv: string[], rawIo: Io = processIo): Promise<number> {
  // Whatever secret the environment holds (a CI token, a cloud key) is never printed back,
  // also by code that redacts without being handed the list.
  registerSecrets(cliSecrets());
  const io = redactingIo(rawIo);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '-h':
      case '--help':
        io.stdout(MAIN_HELP);
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
      case 'version':
        io.stdout(version());
        return 0;
      default: {
        const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
        if (load) return await (await load())(rest, io);
        throw new UsageError(
          `unknown command \`${command}\``,
          `the commands are ${commandList()}; run \`streampilot --help\``,
        );
      }
    }
  } catch (e) {
    if (e instanceof StreamPilotError) {
      io.stderr(`streampilot: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}`);
      return e.exitCode;
    }
    io.stderr(`streampilot: internal error: ${detailOf(e)}\nPlease report this with the command you ran.`);
    return 3;
  }
}

/** The Io every command writes through: each write passes the same redactor as the app's output. */
export function redactingIo(io: Io): Io {
  return {
    ...io,
    stdout: (text) => io.stdout(redact(text)),
    stderr: (text) => io.stderr(redact(text)),
  };
}
