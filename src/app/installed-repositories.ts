import type { Probot } from 'probot';

type InstallationOctokit = Awaited<ReturnType<Probot['auth']>>;
type Repository = Awaited<
  ReturnType<InstallationOctokit['rest']['apps']['listReposAccessibleToInstallation']>
>['data']['repositories'][number];

/**
 * Every repository of every installation of the app, with an Octokit authenticated as that
 * installation: what start-up recovery walks, so that nothing a previous process left behind
 * is missed in a repository installed later than the others.
 */
export async function forEachInstalledRepository(
  probot: Probot,
  visit: (octokit: InstallationOctokit, repository: Repository) => void,
): Promise<void> {
  const app = await probot.auth();
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    const octokit = await probot.auth(installation.id);
    const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    for (const repository of repositories) visit(octokit, repository);
  }
}
