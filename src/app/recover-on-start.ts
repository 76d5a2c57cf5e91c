import type { Probot } from 'probot';
import type { GitHubClient } from '../github/types.js';
import type { DeploymentsClient } from '../github/deployments.js';
import { recoverDeploys, type RecoverDeploysPorts } from '../workflows/recover-deploys.js';
import type { DeliveryQueue } from './delivery-queue.js';

/**
 * On start, every repository the app is installed on is asked for deploys a previous process
 * left in progress; each is resumed or reported from the queue (in the repository's lane).
 */
export async function recoverOnStart(probot: Probot, queue: DeliveryQueue, ports: Omit<RecoverDeploysPorts, 'log'>, log: RecoverDeploysPorts['log'] & { error(msg: string): void }): Promise<void> {
  const startedAt = Date.now();
  const app = await probot.auth();
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    const octokit = await probot.auth(installation.id);
    const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    for (const repository of repositories) {
      const repo = { owner: repository.owner.login, repo: repository.name };
      queue.submit(`recover:${repository.full_name}:${startedAt}`, repository.full_name, async () => {
        await recoverDeploys(octokit as unknown as GitHubClient & DeploymentsClient, repo, { ...ports, log });
      });
    }
  }
}
