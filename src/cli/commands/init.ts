import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, UsageError } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import { INIT_HELP } from '../help.js';
import { INIT_JOB, initFiles } from '../init-template.js';
import type { Io } from '../main.js';

/** `streampilot init [dir]`: a new repository that passes `check`; never overwrites a file. */
export async function initCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('init', args, {});
  if (values.help) {
    io.stdout(INIT_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError(`init takes one folder, got ${positionals.length}`, 'e.g. `streampilot init my-flink-jobs`');
  const dir = positionals[0] ?? '.';
  const files = initFiles();
  const existing = files.map(([file]) => file).filter((file) => existsSync(path.join(dir, file)));
  if (existing.length > 0)
    throw new ConfigError(
      `init would overwrite ${existing.map((f) => path.join(dir, f)).join(', ')}; nothing was written`,
      'run it in an empty folder, or move those files away first',
    );
  for (const [file, content] of files) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    // `wx`: a file created meanwhile is still not overwritten.
    writeFileSync(target, content, { flag: 'wx' });
  }
  const inDir = dir === '.' ? '' : ` --dir ${dir}`;
  io.stdout(
    [
      `Wrote a StreamPilot repository${dir === '.' ? '' : ` in ${dir}`}:`,
      ...files.map(([file]) => `  ${path.join(dir, file)}`),
      '',
      'Next:',
      `  streampilot check${dir === '.' ? '' : ` ${dir}`}`,
      '      validates it and shows what each environment would deploy',
      `  streampilot render ${INIT_JOB} --env staging${inDir}`,
      '      prints the FlinkDeployment it would apply',
      `  streampilot deploy --env staging${inDir}`,
      '      once registry.repository in streampilot.yaml names a registry you can push to',
    ].join('\n'),
  );
  return 0;
}
