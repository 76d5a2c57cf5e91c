import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createBuildPorts } from '../../build/build-ports.js';
import { DiskCache } from '../../cache/result-cache.js';
import { ConfigError, UsageError } from '../../errors.js';
import { formatBuildOutcomes } from '../../report/format-build.js';
import { formatDiagnosticsText } from '../../report/format-text.js';
import { parseProjectManifest, PROJECT_FILE } from '../../spec/load-project.js';
import type { BuilderName, ProjectSpec } from '../../spec/types.js';
import { buildImages } from '../../workflows/build-images.js';
import { parseCommandArgs } from '../args.js';
import { BUILD_HELP } from '../help.js';
import type { Io } from '../main.js';

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
  if (builder !== undefined && builder !== 'registry' && builder !== 'docker') throw new UsageError(`--builder must be registry or docker; got \`${values.builder}\``);
  const root = values.dir ?? '.';
  const project = readProject(root);
  const environment = values.env ?? Object.keys(project.environments)[0]!;
  const ports = await createBuildPorts(project, { progress: (line) => io.stderr(line), docker: builder === 'docker' ? 'required' : values.push ? 'if-reachable' : 'none' });

  const result = await buildImages(
    root,
    { environment, ...(positionals.length > 0 ? { jobs: positionals } : {}), ...(builder ? { builder } : {}), push: values.push === true, ...(values['no-cache'] ? {} : { cache: new DiskCache() }) },
    ports,
  );
  if (result.diagnostics.length > 0) io.stderr(formatDiagnosticsText(result.diagnostics, result.sources));
  io.stdout(formatBuildOutcomes(result.outcomes, { pushed: values.push === true }));
  return result.outcomes.some((o) => o.status === 'failed') || result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** The build needs the registry and Maven settings before anything else; a broken project file is reported by the check that follows. */
function readProject(root: string): ProjectSpec {
  let text: string;
  try {
    text = readFileSync(path.join(root, PROJECT_FILE), 'utf8');
  } catch {
    throw new ConfigError(`no ${PROJECT_FILE} in ${root}`, 'run the command in the repository, or pass --dir <repo>');
  }
  const loaded = parseProjectManifest(text);
  if (!loaded.spec) throw new ConfigError(`${PROJECT_FILE} has errors; run \`streampilot check\` to see them`);
  return loaded.spec;
}
