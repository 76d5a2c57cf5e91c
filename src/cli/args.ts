import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

export type OutputFormat = 'text' | 'json' | 'github';
const FORMATS: readonly OutputFormat[] = ['text', 'json', 'github'];

/** parseArgs with our usage errors: an unknown flag names the command's --help. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const message =
      e instanceof Error
        ? e.message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '')
        : String(e);
    throw new UsageError(`${command}: ${message}`, `run \`streampilot ${command} --help\` for the options`);
  }
}

export function parseFormat(command: string, value: string | undefined): OutputFormat {
  if (value === undefined) return 'text';
  if ((FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new UsageError(`${command}: --format must be one of ${FORMATS.join(', ')}; got \`${value}\``);
}
