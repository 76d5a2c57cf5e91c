import { createBuildPorts } from '../../image/build-ports.js';
import { DiskCache } from '../../cache/result-cache.js';
import { UsageError } from '../../errors.js';
import { formatBuildOutcomes } from '../../report/format-build.js';
import { formatDiagnosticsText } from '../../report/format-text.js';
import type { BuilderName } from '../../manifest/types.js';
import { buildImages, CONFIGURATION_STEP } from '../../workflows/build-images.js';
import { parseCommandArgs } from '../args.js';
import { BUILD_HELP } from '../help.js';
import type { Io } from '../main.js';
import { readProjectFile } from '../project-file.js';

export async function buildCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('build', args, {
    env: { type: 'string' },
    dir: { type: 'string' },
    push: { type: 'boolean' },
    builder: { type: 'string' },
    'no-cache': { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(BUILD_HELP);
    return 0;
  }
  const builder = values.builder as BuilderName | undefined;
  if (builder !== undefined && builder !== 'registry' && builder !== 'docker')
    throw new UsageError(`--builder must be registry or docker; got \`${values.builder}\``);
  const root = values.dir ?? '.';
  const project = readProjectFile(root);
  const environment = values.env ?? Object.keys(project.environments)[0]!;
  const ports = await createBuildPorts(project, {
    progress: (line) => io.stderr(line),
    docker: builder === 'docker' ? 'required' : values.push ? 'if-reachable' : 'none',
  });

  const result = await buildImages(
    root,
    {
      environment,
      ...(positionals.length > 0 ? { jobs: positionals } : {}),
      ...(builder ? { builder } : {}),
      push: values.push === true,
      ...(values['no-cache'] ? {} : { cache: new DiskCache() }),
    },
    ports,
  );
  if (result.diagnostics.length > 0) io.stderr(formatDiagnosticsText(result.diagnostics, result.sources));
  io.stdout(formatBuildOutcomes(result.outcomes, { pushed: values.push === true }));
  // No registry.repository is streampilot.yaml's to fix, like any configuration problem: exit 2, not 1.
  if (result.outcomes.some((o) => o.status === 'failed' && o.step === CONFIGURATION_STEP)) return 2;
  return result.outcomes.some((o) => o.status === 'failed') || result.diagnostics.some((d) => d.severity === 'error')
    ? 1
    : 0;
}
