import { statSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { parseProjectManifest, PROJECT_FILE } from '../manifest/load-project.js';
import { readRepositoryText } from '../manifest/repository-files.js';
import type { ProjectSpec } from '../manifest/types.js';

/**
 * The repository folder a command was given, which must exist: a mistyped path is the person's to fix (exit 2),
 * not a finding in a repository (exit 1). `flag` names how it was given, for the message.
 */
export function requireRepositoryDir(root: string, flag: string): string {
  let stat;
  try {
    stat = statSync(root);
  } catch {
    throw new ConfigError(`${flag} \`${root}\` does not exist`, 'give the folder that holds streampilot.yaml');
  }
  if (!stat.isDirectory())
    throw new ConfigError(`${flag} \`${root}\` is not a folder`, 'give the folder that holds streampilot.yaml');
  return root;
}

/** streampilot.yaml, needed before anything else (registry, environments); its problems are `check`'s to list. */
export function readProjectFile(root: string): ProjectSpec {
  requireRepositoryDir(root, '--dir');
  const read = readRepositoryText(root, PROJECT_FILE);
  if (!read.ok) {
    if (read.reason === 'missing')
      throw new ConfigError(`no ${PROJECT_FILE} in ${root}`, 'run the command in the repository, or pass --dir <repo>');
    throw new ConfigError(`${PROJECT_FILE} cannot be read; run \`streampilot check\` to see why`);
  }
  const text = read.text;
  const loaded = parseProjectManifest(text);
  if (!loaded.spec) throw new ConfigError(`${PROJECT_FILE} has errors; run \`streampilot check\` to see them`);
  return loaded.spec;
}

/** The named environment, or a usage error listing the ones there are. */
export function requireEnvironment(project: ProjectSpec, name: string | undefined, command: string): string {
  const names = Object.keys(project.environments);
  if (!name) throw new ConfigError(`${command}: --env is required`, `name one of: ${names.join(', ')}`);
  if (!names.includes(name))
    throw new ConfigError(
      `${command}: streampilot.yaml has no environment "${name}"`,
      `name one of: ${names.join(', ')}`,
    );
  return name;
}

export { environmentNamespace } from '../manifest/overlay.js';
