import { hasErrors } from '../../diagnostics.js';
import { UsageError } from '../../errors.js';
import { validateFiles } from '../../workflows/validate-files.js';
import { parseCommandArgs, parseFormat } from '../args.js';
import { VALIDATE_HELP } from '../help.js';
import type { Io } from '../main.js';
import { useColor, writeFindings, writeSummary } from '../output.js';

export async function validateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, {
    'flink-version': { type: 'string' },
    'whole-job': { type: 'boolean' },
    format: { type: 'string' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(VALIDATE_HELP);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError(
      'validate needs at least one .sql file or folder',
      'e.g. `streampilot validate jobs/orders/main.sql`',
    );
  const format = parseFormat('validate', values.format);
  const result = validateFiles(positionals, {
    ...(values['flink-version'] ? { flinkVersion: values['flink-version'] } : {}),
    wholeJob: Boolean(values['whole-job']),
  });
  if (result.files.length === 0) throw new UsageError(`no .sql files found in ${positionals.join(', ')}`);
  writeFindings(io, format, result.diagnostics, result.sources, useColor(values, io));
  writeSummary(io, format, result.diagnostics);
  return hasErrors(result.diagnostics) ? 1 : 0;
}
