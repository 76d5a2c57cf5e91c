import { writeFileSync } from 'node:fs';
import { DiskCache } from '../../cache/result-cache.js';
import { hasErrors } from '../../diagnostics.js';
import { UsageError } from '../../errors.js';
import { formatPlanText } from '../../report/format-plan-text.js';
import { checkRepository } from '../../workflows/check-repository.js';
import { parseCommandArgs, parseFormat } from '../args.js';
import { CHECK_HELP } from '../help.js';
import type { Io } from '../main.js';
import { useColor, writeFindings, writeSummary } from '../output.js';
import { requireRepositoryDir } from '../project-file.js';

export async function checkCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, {
    env: { type: 'string', multiple: true },
    format: { type: 'string' },
    'plan-json': { type: 'string' },
    'no-cache': { type: 'boolean' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError(
      `check takes one repository folder; got ${positionals.length}: ${positionals.join(' ')}`,
      'to check loose .sql files use `streampilot validate`',
    );
  const format = parseFormat('check', values.format);
  const root = requireRepositoryDir(positionals[0] ?? '.', 'the repository folder');

  const result = checkRepository(root, {
    ...(values.env ? { environments: values.env } : {}),
    ...(values['no-cache'] ? {} : { cache: new DiskCache() }),
  });

  writeFindings(io, format, result.diagnostics, result.sources, useColor(values, io));
  if (format === 'text' && result.plan.environments.length > 0) io.stdout(formatPlanText(result.plan));
  if (values['plan-json']) {
    try {
      writeFileSync(values['plan-json'], JSON.stringify(result.plan, null, 2) + '\n');
    } catch (e) {
      throw new UsageError(
        `cannot write the plan to \`${values['plan-json']}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        'give --plan-json a path in a folder that exists and is writable',
      );
    }
  }
  writeSummary(io, format, result.diagnostics);
  return hasErrors(result.diagnostics) ? 1 : 0;
}
