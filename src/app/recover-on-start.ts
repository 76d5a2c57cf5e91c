import type { Probot } from 'probot';
import type { DeploymentsClient } from '../github/deployments.js';
import type { GitHubClient } from '../github/types.js';
import { recoverDeploys, unfinishedMerge, type RecoverDeploysPorts } from '../workflows/recover-deploys.js';
import type { MergeWork } from './app.js';
import type { DeliveryQueue } from './delivery-queue.js';
import { forEachInstalledRepository } from './installed-repositories.js';

/**
 * On start, every repository the app is installed on is asked for work a previous process left
 * in progress: its Deployments still in progress are resumed or reported, and a merge whose
 * build or deploy check run was left in progress before any Deployment is run again. All of it
 * from the queue, in the repository's lane.
 */
export async function recoverOnStart(
  probot: Probot,
  queue: DeliveryQueue,
  ports: Omit<RecoverDeploysPorts, 'log'>,
  log: RecoverDeploysPorts['log'] & { error(msg: string): void },
  resumeMerge: (work: MergeWork) => void,
): Promise<void> {
  const startedAt = Date.now();
  await forEachInstalledRepository(probot, (octokit, repository) => {
    const repo = { owner: repository.owner.login, repo: repository.name };
    const client = octokit as unknown as GitHubClient & DeploymentsClient;
    queue.submit(`recover:${repository.full_name}:${startedAt}`, repository.full_name, async () => {
      const resumed = await recoverDeploys(client, repo, { ...ports, log });
      const sha = await unfinishedMerge(client, repo, repository.default_branch, resumed);
      if (!sha) return;
      log.info(`${repository.full_name}: the merge of ${sha} was left unfinished; running it again`);
      resumeMerge({
        id: `resume:${repository.full_name}:${sha}:${startedAt}`,
        octokit,
        repo,
        fullName: repository.full_name,
        merge: { sha, cloneUrl: repository.clone_url, htmlUrl: repository.html_url },
        log,
      });
    });
  });
}
