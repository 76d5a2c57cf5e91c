/**
 * `/deploy <env> [job…]`: promotion. The pull request's merge commit goes to `<env>` the way a
 * merge deploys (check run, GitHub Deployment per job, Lease, follow), with the images the
 * environment it comes after (`after:`) runs — and only once that environment runs the commit
 * healthy. An environment without `after:` is simply (re)deployed at the merge commit.
 */
import { commandAuditAnnotations, type CommandAudit } from '../deploy/command-audit.js';
import { deployConclusion } from '../deploy/deploy-outcome.js';
import { promotionGate } from '../deploy/promotion-gate.js';
import type { DeploymentsClient } from '../github/deployments.js';
import { installationToken } from '../github/installation-token.js';
import type { GitHubClient } from '../github/types.js';
import type { ProjectSpec } from '../manifest/types.js';
import type { PlannedEnvironment } from '../plan/types.js';
import type { Provenance } from '../render/object-meta.js';
import {
  formatCannotDeploy,
  formatCheckingEarlier,
  formatDeployed,
  formatDeploying,
  formatImagesDiffer,
  formatNotDeployable,
  formatNotMerged,
  formatNotPromotable,
  type DeployingInput,
} from '../report/deploy-reply.js';
import { buildImages } from './build-images.js';
import { readProject } from './build-on-merge.js';
import type { CommentCommandPorts, OperationRequest, OperationResult } from './command-types.js';
import { deployEnvironments, type DeployOnMergePorts } from './deploy-on-merge.js';
import { environmentStatus } from './environment-status.js';
import { prepareDeploy, type PreparedJob } from './prepare-deploy.js';
import { decideImages, pinToEarlier, type ImageDecision } from './promoted-images.js';

/** The fields of GitHub's pull request a promotion reads (`GET /repos/{o}/{r}/pulls/{n}`). */
interface MergeState {
  state: string;
  merged?: boolean;
  merge_commit_sha?: string | null;
  base: { repo: { html_url?: string } };
}

type Ready =
  | { refusal: string }
  | {
      project: ProjectSpec;
      namespace: string;
      jobs: PreparedJob[];
      images: Pick<DeployingInput, 'same' | 'own' | 'after'>;
    };

export async function deployOperation(request: OperationRequest): Promise<OperationResult> {
  const { octokit, repo, comment, command, target, input, ports, progress } = request;
  const environment = target.environments[0]!;
  const pr = (await octokit.rest.pulls.get({ ...repo, pull_number: comment.pullNumber })).data as unknown as MergeState;
  const sha = pr.merged ? pr.merge_commit_sha : undefined;
  if (!sha)
    return {
      outcome: 'refused',
      text: formatNotMerged({ environment, pullRequest: comment.pullNumber, closed: pr.state === 'closed' }),
    };
  // Asked after the merge: "merge it first" is the answer that holds whatever app runs.
  const clusters = ports.clusters;
  const deploy = ports.deploy;
  if (!clusters || !deploy) return { outcome: 'refused', text: formatCannotDeploy(environment) };

  const repository = `${repo.owner}/${repo.repo}`;
  const htmlUrl = pr.base.repo.html_url;
  const audit: CommandAudit = {
    command: command.line,
    by: comment.author,
    at: comment.createdAt,
    url: comment.htmlUrl,
  };
  const provenance: Provenance = {
    gitSha: sha,
    repository,
    pullRequest: comment.pullNumber,
    ...(htmlUrl ? { commitUrl: `${htmlUrl}/commit/${sha}` } : {}),
  };
  const deployPorts: DeployOnMergePorts = {
    repositories: ports.repositories,
    buildPorts: deploy.buildPorts,
    redact: ports.redact,
    log: ports.log,
    kube: clusters.kube,
    clusterAccess: clusters.clusterAccess,
    identity: deploy.identity,
    ...(deploy.flink ? { flink: deploy.flink } : {}),
    ...(deploy.tuning ? { tuning: deploy.tuning } : {}),
    ...(deploy.appId !== undefined ? { appId: deploy.appId } : {}),
    ...(deploy.cache ? { cache: deploy.cache } : {}),
  };

  const cloneUrl = ports.cloneUrlOf ? ports.cloneUrlOf(repository) : input.cloneUrl;
  const token = /^https?:\/\//i.test(cloneUrl) ? await installationToken(octokit) : undefined;
  const ready = await ports.repositories.withRepository(
    { cloneUrl, ...(token ? { token } : {}) },
    async (mirror): Promise<Ready> => {
      await mirror.fetch([sha]);
      const tree = await mirror.materialise(sha);
      try {
        return await prepare(tree.dir, {
          environment,
          jobs: target.jobs,
          sha,
          repository,
          provenance,
          audit,
          ports,
          deployPorts,
          progress,
        });
      } finally {
        await tree.dispose();
      }
    },
  );
  if ('refusal' in ready) return { outcome: 'refused', text: ready.refusal };

  const shown: DeployingInput = { environment, sha, jobs: target.jobs, ...ready.images };
  await progress(formatDeploying(shown));
  // The app's Octokit has every endpoint; the command's type names only those the other commands use.
  const client = octokit as unknown as GitHubClient & DeploymentsClient;
  const { reports, checkRunUrls } = await deployEnvironments(
    client,
    repo,
    {
      merge: { sha, cloneUrl, provenance, ...(htmlUrl ? { htmlUrl } : {}) },
      deploys: [{ environment, namespace: ready.namespace, jobs: ready.jobs }],
      project: ready.project,
      pullRequest: comment.pullNumber,
      command: audit,
      // The jobs asked for, not the environment: another job's resources are no orphans of a command.
      partial: true,
    },
    deployPorts,
  );
  const report = reports[0]!;
  const checkRunUrl = checkRunUrls[environment];
  return {
    outcome: deployConclusion(report) === 'failure' ? 'failed' : 'done',
    text: formatDeployed({ ...shown, report, ...(checkRunUrl ? { checkRunUrl } : {}), redact: ports.redact }),
  };
}

interface PrepareContext {
  environment: string;
  jobs: readonly string[];
  sha: string;
  repository: string;
  provenance: Provenance;
  audit: CommandAudit;
  ports: CommentCommandPorts;
  deployPorts: DeployOnMergePorts;
  progress: (text: string) => Promise<void>;
}

/**
 * In the merge commit's tree: its streampilot.yaml, the promotion gate against the earlier
 * environment's cluster, the images (looked up first; built only when the environment's content
 * is its own), and each job's objects with who gave the command on them.
 */
async function prepare(dir: string, ctx: PrepareContext): Promise<Ready> {
  const { environment, sha } = ctx;
  const jobs = [...ctx.jobs];
  const project = await readProject(dir);
  const env = project.environments[environment];
  if (!env)
    return {
      refusal: formatNotDeployable(environment, sha, [
        `its streampilot.yaml has no environment \`${environment}\` (the pull request's own branch may have added it after)`,
      ]),
    };
  const buildPorts = await ctx.deployPorts.buildPorts(project);
  const cache = ctx.deployPorts.cache ? { cache: ctx.deployPorts.cache } : {};
  const looked = await buildImages(dir, { environment, jobs, push: false, ...cache }, buildPorts);
  const missing = jobs.filter((name) => !looked.environment?.jobs.some((j) => j.name === name && j.enabled));
  if (!looked.environment || missing.length)
    return {
      refusal: formatNotDeployable(environment, sha, [
        `${missing.map((j) => `\`${j}\``).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not an enabled job of \`${environment}\` at this commit`,
      ]),
    };

  const after = env.after;
  let decisions: ImageDecision[] = [];
  if (after) {
    await ctx.progress(formatCheckingEarlier({ environment, after, sha }));
    const earlier = await buildImages(dir, { environment: after, jobs, push: false, ...cache }, buildPorts);
    const gate = await checkEarlier(earlier.environment!, ctx, project);
    if ('problems' in gate)
      return { refusal: formatNotPromotable({ environment, after, sha, problems: gate.problems }) };
    decisions = decideImages(looked.outcomes, earlier.outcomes, gate.running, after);
    const moved = decisions.flatMap((d) => (d.kind === 'moved' ? [d.problem] : []));
    if (moved.length) return { refusal: formatImagesDiffer({ environment, after, sha, problems: moved }) };
  }

  const built = await buildImages(dir, { environment, jobs, push: true, ...cache }, buildPorts);
  const pinned = pinToEarlier(built.outcomes, decisions, after ?? environment);
  if (pinned.problems.length)
    return {
      refusal: formatImagesDiffer({ environment, after: after ?? environment, sha, problems: pinned.problems }),
    };
  const planned = built.environment ?? looked.environment;
  const annotations = commandAuditAnnotations(ctx.audit);
  return {
    project,
    namespace: planned.namespace,
    jobs: prepareDeploy(planned, pinned.outcomes, ctx.provenance).map((job) => annotated(job, annotations)),
    images: {
      ...(after ? { after } : {}),
      same: decisions.filter((d) => d.kind === 'same').map((d) => d.job),
      own: decisions.filter((d) => d.kind === 'own').map((d) => d.job),
    },
  };
}

/** The earlier environment's cluster, read: each job at this commit and healthy, or what is missing. */
async function checkEarlier(
  planned: PlannedEnvironment,
  ctx: PrepareContext,
  project: ProjectSpec,
): Promise<{ running: Map<string, string> } | { problems: string[] }> {
  const clusters = ctx.ports.clusters!;
  const after = planned.name;
  const access = clusters.clusterAccess({
    repository: ctx.repository,
    environment: after,
    context: planned.kubeContext,
    namespaces: [...new Set([planned.namespace, ...planned.jobs.map((j) => j.job.namespace)])],
  });
  if (!access.allowed)
    return { problems: [`the app may not read ${after}'s cluster: ${access.reason} (${access.hint})`] };
  const status = await environmentStatus(planned, clusters.kube(after, project), {
    repository: ctx.repository,
    ...(planned.kubeContext ? { kubeContext: planned.kubeContext } : {}),
  });
  const checks = promotionGate({
    after,
    sha: ctx.sha,
    jobs: ctx.jobs.map((name) => {
      const job = planned.jobs.find((j) => j.name === name);
      return { name, inAfter: Boolean(job?.enabled), suspended: job?.job.state === 'suspended' };
    }),
    status,
  });
  const problems = checks.flatMap((c) => (c.status === 'missing' ? [c.problem] : []));
  if (problems.length) return { problems };
  return {
    running: new Map(checks.flatMap((c) => (c.status === 'proven' && c.image ? [[c.job, c.image] as const] : []))),
  };
}

/** Who gave the command, on every object it applies (`kubectl describe` answers "who deployed this?"). */
function annotated(job: PreparedJob, annotations: Record<string, string>): PreparedJob {
  if (!('objects' in job)) return job;
  const add = <T extends { metadata: { annotations?: Record<string, string> } }>(object: T): T => ({
    ...object,
    metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, ...annotations } },
  });
  return { ...job, objects: { resource: add(job.objects.resource), companions: job.objects.companions.map(add) } };
}
