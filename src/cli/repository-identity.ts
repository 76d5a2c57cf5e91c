import { ConfigError } from '../errors.js';
import { repositoryFullName } from '../git/git-remote.js';
import { localRemoteUrl } from '../git/local-remote.js';
import type { ProjectSpec } from '../manifest/types.js';

/**
 * The repository a CLI deploy or status speaks for, `owner/name`: the checkout's git remote, as
 * the app takes it from the webhook, else `repository:` in streampilot.yaml. Without either the
 * command stops: orphans and pruning are scoped to a repository, and another team's jobs may
 * share the namespace.
 */
export async function repositoryIdentity(root: string, project: ProjectSpec, command: string): Promise<string> {
  const url = await localRemoteUrl(root);
  const fromRemote = url ? repositoryFullName(url) : undefined;
  if (fromRemote) return fromRemote;
  if (project.repository) return project.repository;
  throw new ConfigError(
    `${command}: cannot tell which repository this is: the checkout has no git remote naming one (origin), and streampilot.yaml no \`repository\``,
    'add `repository: owner/name` to streampilot.yaml (its name on GitHub), or `git remote add origin <its URL>`; deployed objects are labelled with it so that repositories sharing a namespace never touch each other’s jobs',
  );
}
