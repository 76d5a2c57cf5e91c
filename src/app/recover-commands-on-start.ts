import type { Probot } from 'probot';
import {
  recoverCommands,
  type RecoverCommandsClient,
  type RecoverCommandsPorts,
} from '../workflows/recover-commands.js';
import type { DeliveryQueue } from './delivery-queue.js';
import { forEachInstalledRepository } from './installed-repositories.js';

/**
 * On start, with or without clusters (a `/plan` can be left running too): each repository the app
 * is installed on is asked for command replies a previous process left running, from the queue,
 * in the repository's lane, so that no command of this process runs beside it.
 */
export async function recoverCommandsOnStart(
  probot: Probot,
  queue: DeliveryQueue,
  ports: RecoverCommandsPorts,
): Promise<void> {
  const startedAt = Date.now();
  await forEachInstalledRepository(probot, (octokit, repository) => {
    const repo = { owner: repository.owner.login, repo: repository.name };
    queue.submit(`recover-commands:${repository.full_name}:${startedAt}`, repository.full_name, () =>
      recoverCommands(octokit as unknown as RecoverCommandsClient, repo, ports),
    );
  });
}
