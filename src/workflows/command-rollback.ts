/**
 * `/rollback [job…] [--env E] [--to <sha>]`: each job back to the previous successful deployment
 * of the environment (GitHub Deployments), or to `--to`, on the image of then; then a revert pull
 * request so that Git catches up.
 */
import { FLINK_API_VERSION } from '../kube/types.js';
import { DomainError, messageOf } from '../errors.js';
import { deploySettings } from '../manifest/deploy-settings.js';
import { jobDeploymentHistory, previousSuccess, type PastDeployment } from '../github/deployment-history.js';
import type { DeploymentsClient } from '../github/deployments.js';
import { installationToken } from '../github/installation-token.js';
import { formatNoClusterAccess } from '../report/command-reply.js';
import {
  formatNoEarlierDeployment,
  formatRollbackReply,
  rolledBack,
  type RollbackRow,
} from '../report/rollback-reply.js';
import { ANNOTATION, LABEL, repositoryLabel } from '../render/object-meta.js';
import type { CommandGitHubClient } from '../github/command-access.js';
import type { OperationRequest, OperationResult } from './command-types.js';
import { gitHubDeployRecorder } from './github-deploy-recorder.js';
import { openRevertPullRequest, type RevertClient } from './revert-pull-request.js';
import { rollbackJobs, type RollbackTarget } from './rollback-jobs.js';

/** At run time the command's client is Probot's Octokit, which has every REST method. */
type RollbackClient = CommandGitHubClient & DeploymentsClient & RevertClient;

export async function rollbackOperation(request: OperationRequest): Promise<OperationResult> {
  const { repo, target, checked, base, ports, command, comment } = request;
  const octokit = request.octokit as RollbackClient;
  const environment = target.environments[0]!;
  if (!ports.clusters || !ports.deploy) return { outcome: 'refused', text: formatNoClusterAccess(target.environments) };
  const planned = checked.base.plan.environments.find((e) => e.name === environment);
  const repository = `${repo.owner}/${repo.repo}`;
  const jobs = target.jobs.map((name) => {
    const job = planned?.jobs.find((j) => j.name === name);
    return {
      name,
      namespace: job?.job.namespace ?? planned?.namespace ?? '',
      kind: job?.mode === 'session' ? ('FlinkSessionJob' as const) : ('FlinkDeployment' as const),
    };
  });
  const decision = ports.clusters.clusterAccess({
    repository,
    environment,
    context: planned?.kubeContext,
    namespaces: [...new Set([planned?.namespace ?? '', ...jobs.map((j) => j.namespace)].filter(Boolean))],
  });
  if (!decision.allowed) return { outcome: 'refused', text: `🔌 ${decision.reason} (${decision.hint})` };
  const kube = ports.clusters.kube(environment, base);

  // What runs now: the commit on each live resource of ours.
  const live = await Promise.all(
    jobs.map(async (j) => {
      const object = await kube.get({
        apiVersion: FLINK_API_VERSION,
        kind: j.kind,
        namespace: j.namespace,
        name: j.name,
      });
      const ours = object?.metadata?.labels?.[LABEL.repository] === repositoryLabel(repository);
      return ours ? object?.metadata?.annotations?.[ANNOTATION.gitSha] : undefined;
    }),
  );

  const targets: RollbackTarget[] = [];
  // `--to` commits no deployment of the job ran: they must be on the base branch, never a fork's head.
  const unproven = new Set<string>();
  const missing: { job: string; looked: number }[] = [];
  for (const [i, job] of jobs.entries()) {
    const current = live[i];
    const wanted = command.to;
    const history = await jobDeploymentHistory(octokit, repo, environment, job.name, (seen) =>
      wanted !== undefined
        ? seen.some((d) => d.sha.startsWith(wanted) && d.succeeded && d.payload?.image)
        : previousSuccess(seen, current) !== undefined,
    );
    let chosen: { sha: string; image?: string } | undefined;
    if (wanted !== undefined) {
      const recorded = history.find((d) => d.sha.startsWith(wanted) && d.succeeded && d.payload?.image);
      const known = recorded ?? history.find((d) => d.sha.startsWith(wanted));
      const sha = known?.sha ?? (wanted.length === 40 ? wanted : undefined);
      if (!sha)
        return {
          outcome: 'refused',
          text: `🤷 \`${wanted}\` is not the commit of any recorded deployment of \`${job.name}\` in \`${environment}\`. Give the full 40-character SHA: \`/rollback ${job.name} --env ${environment} --to <sha>\`.`,
        };
      chosen = { sha, ...imageOf(recorded) };
      if (!history.some((d) => d.sha === sha && d.succeeded)) unproven.add(sha);
    } else {
      const previous = previousSuccess(history, current);
      if (previous) chosen = { sha: previous.sha, ...imageOf(previous) };
    }
    if (!chosen) {
      missing.push({ job: job.name, looked: history.length });
      continue;
    }
    targets.push({ job: job.name, ...chosen, ...(current ? { from: current } : {}) });
  }
  if (missing.length) return { outcome: 'refused', text: formatNoEarlierDeployment({ environment, jobs: missing }) };

  await request.progress(
    `⏳ Rolling back ${targets.map((t) => `\`${t.job}\` to \`${t.sha.slice(0, 12)}\``).join(', ')} in \`${environment}\`…`,
  );
  const audit = {
    command: comment.body.trim().split(/\r?\n/, 1)[0]!,
    by: comment.author,
    at: comment.createdAt,
    url: comment.htmlUrl,
  };
  const settings = deploySettings(base, environment);
  const tuning = ports.deploy.tuning ?? {};
  const cloneUrl = ports.cloneUrlOf ? ports.cloneUrlOf(repository) : request.input.cloneUrl;
  const token = /^https?:\/\//i.test(cloneUrl) ? await installationToken(octokit) : undefined;
  const env = base.environments[environment];
  const reports = await rollbackJobs(
    targets,
    {
      environment,
      repository,
      namespace: planned?.namespace ?? jobs[0]!.namespace,
      ...(env?.kubeContext ? { kubeContext: env.kubeContext } : {}),
      timeoutMs: tuning.timeoutMs ?? settings.timeoutMs,
      ...(tuning.leaseDurationSeconds ? { leaseDurationSeconds: tuning.leaseDurationSeconds } : {}),
      ...(tuning.leasePollMs ? { leasePollMs: tuning.leasePollMs } : {}),
      audit,
    },
    {
      checkout: (sha, work) =>
        ports.repositories.withRepository({ cloneUrl, ...(token ? { token } : {}) }, async (mirror) => {
          await mirror.fetch([sha, request.input.baseSha]);
          if (unproven.has(sha) && (await mirror.mergeBase(sha, request.input.baseSha)) !== sha)
            throw new RollbackRefused(
              `${sha.slice(0, 12)} is not a commit of the base branch, and no deployment of these jobs ran it`,
              'roll back to a commit that was merged (or deployed) only',
            );
          const tree = await mirror.materialise(sha);
          try {
            return await work(tree.dir);
          } finally {
            await tree.dispose();
          }
        }),
      buildPorts: ports.deploy.buildPorts,
      kube,
      ...(ports.deploy.flink ? { flink: ports.deploy.flink(kube) } : {}),
      identity: ports.deploy.identity,
      recorder: (sha) =>
        gitHubDeployRecorder(octokit, repo, {
          environment,
          sha,
          ...(env?.kubeContext ? { kubeContext: env.kubeContext } : {}),
          redact: ports.redact,
          log: ports.log,
          rollback: { audit },
        }),
      progress: (line) => ports.log.info(ports.redact(line)),
    },
  );
  const rows: RollbackRow[] = targets.map((t) => {
    const report = reports.flatMap((r) => r.jobs).find((j) => j.job === t.job)!;
    return { job: t.job, to: t.sha, ...(t.from ? { from: t.from } : {}), report };
  });
  const back = rows.filter(rolledBack);
  let revert: Parameters<typeof formatRollbackReply>[0]['revert'];
  if (back.length) {
    try {
      revert = await openRevertPullRequest(octokit, repo, {
        environment,
        jobs: back.map((r) => ({
          job: r.job,
          to: r.to!,
          dir: planned?.jobs.find((j) => j.name === r.job)?.dir,
        })),
        audit,
        pullRequest: comment.pullNumber,
      });
    } catch (e) {
      ports.log.warn(`could not open the revert pull request: ${ports.redact(messageOf(e))}`);
      revert = { problem: ports.redact(messageOf(e)) };
    }
  }
  return {
    outcome: back.length === rows.length ? 'done' : 'failed',
    text: ports.redact(formatRollbackReply({ environment, rows, revert })),
  };
}

class RollbackRefused extends DomainError {}

function imageOf(d: PastDeployment | undefined): { image?: string } {
  return d?.payload?.image ? { image: d.payload.image } : {};
}
