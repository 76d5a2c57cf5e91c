import { detailOf } from '../errors.js';
import type { ApplicationFunction, Context, Probot } from 'probot';
import { pullRequestInput } from '../github/pull-request-input.js';
import type { ProjectSpec } from '../manifest/types.js';
import type { BuildPorts } from '../workflows/build-images.js';
import { buildOnMerge } from '../workflows/build-on-merge.js';
import { deployOnMerge, type DeployOnMergePorts } from '../workflows/deploy-on-merge.js';
import {
  CHECK_NAME,
  revalidateCommit,
  validatePullRequest,
  type ValidatePullRequestPorts,
} from '../workflows/validate-pull-request.js';
import { DeliveryQueue, type Submission } from './delivery-queue.js';
import type { RepoRef } from '../github/types.js';
import type { MergeInput } from '../workflows/build-on-merge.js';
import { runCommentCommand } from '../workflows/comment-command.js';
import { parseCommand } from '../commands/parse-command.js';

export type AppPorts = Omit<ValidatePullRequestPorts, 'log'> & {
  /** The registry, Docker and Maven ports for a project's settings; without it a merge builds nothing. */
  buildPorts?: (project: ProjectSpec) => BuildPorts | Promise<BuildPorts>;
  /** The clusters; without it a merge builds images and deploys nothing. */
  deploy?: Pick<DeployOnMergePorts, 'kube' | 'clusterAccess' | 'flink' | 'identity' | 'tuning'>;
};

/**
 * The Probot app: each handler is a guard and one call. Work is queued (one lane per
 * repository) and the webhook answered at once; nothing below a handler sees the context.
 */
export function streamPilotApp(ports: AppPorts, queue?: DeliveryQueue): ApplicationFunction {
  return (app: Probot) => {
    const deliveries =
      queue ??
      new DeliveryQueue((id, e) =>
        app.log.error(`delivery ${id} failed and may be redelivered: ${ports.redact(detailOf(e))}`),
      );
    const withLog = (context: Context): ValidatePullRequestPorts => ({ ...ports, log: logOf(context) });
    const enqueue = (context: Context, work: () => Promise<unknown>) => {
      const lane =
        promotionLane(context) ??
        ('repository' in context.payload && context.payload.repository ? context.payload.repository.full_name : 'none');
      const submitted = deliveries.submit(context.id, lane, work);
      if (submitted !== 'queued')
        context.log.info(`delivery ${context.id} (${context.name}) already ${submitted}: ignored`);
    };

    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], async (context) => {
      enqueue(context, () =>
        validatePullRequest(
          context.octokit,
          context.repo(),
          pullRequestInput(context.payload.pull_request),
          withLog(context),
        ),
      );
    });

    app.on('check_run.rerequested', async (context) => {
      const run = context.payload.check_run;
      if (run.name !== CHECK_NAME) return;
      enqueue(context, () =>
        revalidateCommit(
          context.octokit,
          context.repo(),
          { headSha: run.head_sha, numbers: [Number(run.external_id), ...run.pull_requests.map((p) => p.number)] },
          withLog(context),
        ),
      );
    });

    app.on('check_suite.rerequested', async (context) => {
      const suite = context.payload.check_suite;
      enqueue(context, () =>
        revalidateCommit(
          context.octokit,
          context.repo(),
          { headSha: suite.head_sha, numbers: suite.pull_requests.map((p) => p.number) },
          withLog(context),
        ),
      );
    });

    // Commands: new comments on pull requests only. An edit or deletion is not a new request, and a
    // bot's comment (ours included) may quote a command without meaning it.
    app.on('issue_comment.created', async (context) => {
      const { issue, comment } = context.payload;
      if (!issue.pull_request || comment.user?.type === 'Bot' || comment.performed_via_github_app) return;
      enqueue(context, () =>
        runCommentCommand(
          context.octokit,
          context.repo(),
          {
            id: comment.id,
            body: comment.body,
            author: comment.user!.login,
            createdAt: comment.created_at,
            htmlUrl: comment.html_url,
            pullNumber: issue.number,
          },
          {
            ...withLog(context),
            ...(ports.deploy
              ? {
                  clusters: {
                    kube: ports.deploy.kube,
                    clusterAccess: ports.deploy.clusterAccess,
                    identity: ports.deploy.identity,
                    ...(ports.deploy.flink ? { flink: ports.deploy.flink } : {}),
                    ...(ports.deploy.tuning?.leaseDurationSeconds
                      ? { leaseDurationSeconds: ports.deploy.tuning.leaseDurationSeconds }
                      : {}),
                  },
                }
              : {}),
            // `/deploy` builds as a merge does (images found in the registry) and deploys with the same identity;
            // `/rollback` looks the images of then up in the same registry.
            ...(ports.deploy && ports.buildPorts
              ? {
                  deploy: {
                    buildPorts: ports.buildPorts,
                    identity: ports.deploy.identity,
                    ...(ports.deploy.flink ? { flink: ports.deploy.flink } : {}),
                    ...(ports.deploy.tuning ? { tuning: ports.deploy.tuning } : {}),
                    ...(ports.appId !== undefined ? { appId: ports.appId } : {}),
                  },
                }
              : {}),
          },
        ).then((result) => {
          if (result.outcome !== 'ignored')
            context.log.info(`command on #${issue.number}: ${result.outcome}, ${result.writes} GitHub writes`);
        }),
      );
    });

    // A merge is a push to the default branch; a push event always comes from the repository itself, never a fork.
    app.on('push', async (context) => {
      const push = context.payload;
      if (!ports.buildPorts || push.deleted || push.ref !== `refs/heads/${push.repository.default_branch}`) return;
      const merge = { sha: push.after, cloneUrl: push.repository.clone_url, htmlUrl: push.repository.html_url };
      const submitted = enqueueMerge(deliveries, ports, {
        id: context.id,
        octokit: context.octokit,
        repo: context.repo(),
        fullName: push.repository.full_name,
        merge,
        log: logOf(context),
      });
      if (submitted !== 'queued') context.log.info(`delivery ${context.id} (push) already ${submitted}: ignored`);
    });
  };
}

export interface MergeWork {
  /** Deduplicates the work: a delivery id, or a recovery's own id. */
  id: string;
  octokit: Context['octokit'];
  repo: RepoRef;
  fullName: string;
  merge: MergeInput & { htmlUrl?: string };
  log: ValidatePullRequestPorts['log'];
}

/**
 * A merge's work on the queue: the build in the repository's lane; then, when the app has a
 * cluster, the rollouts in a lane of their own per commit (they take minutes: a newer merge is
 * not queued behind an older rollout, and pull requests are validated meanwhile).
 */
export function enqueueMerge(deliveries: DeliveryQueue, ports: AppPorts, given: MergeWork): Submission {
  const buildPorts = ports.buildPorts!;
  // The push payload's (or the API's) clone_url is not followed: the repository on the configured GitHub is.
  const work = ports.cloneUrlOf
    ? { ...given, merge: { ...given.merge, cloneUrl: ports.cloneUrlOf(given.fullName) } }
    : given;
  const common = { repositories: ports.repositories, buildPorts, redact: ports.redact, log: work.log };
  if (!ports.deploy)
    return deliveries.submit(work.id, work.fullName, () => buildOnMerge(work.octokit, work.repo, work.merge, common));
  const schedule = (deploy: () => Promise<void>) =>
    void deliveries.submit(`${work.id}:deploy`, `deploy:${work.fullName}:${work.merge.sha}`, deploy);
  return deliveries.submit(work.id, work.fullName, () =>
    deployOnMerge(work.octokit, work.repo, work.merge, {
      ...common,
      ...ports.deploy!,
      ...(ports.appId !== undefined ? { appId: ports.appId } : {}),
      schedule,
    }),
  );
}

/**
 * A `/deploy` comment follows rollouts for minutes: like a merge's rollouts it runs in a lane of its
 * own, so the repository's pull requests are validated meanwhile (job Leases order it against
 * other deploys of the same jobs). Other commands keep the repository's lane.
 */
function promotionLane(context: Context): string | undefined {
  if (context.name !== 'issue_comment') return undefined;
  const payload = context.payload as { comment?: { id: number; body?: string }; repository?: { full_name: string } };
  if (!payload.comment || !payload.repository) return undefined;
  const parsed = parseCommand(payload.comment.body ?? '');
  if (parsed.kind !== 'command' || parsed.command.name !== 'deploy') return undefined;
  return `command:${payload.repository.full_name}:${payload.comment.id}`;
}

function logOf(context: Context): ValidatePullRequestPorts['log'] {
  return { info: (m) => context.log.info(m), warn: (m) => context.log.warn(m), error: (m) => context.log.error(m) };
}
