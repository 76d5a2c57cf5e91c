import { commandAuditAnnotations, type CommandAudit } from '../deploy/command-audit.js';
import { rollbackAnnotations, withAnnotations } from '../deploy/rollback-marker.js';
import type { EnvironmentDeployReport, FlinkRest, JobDeployReport } from '../deploy/types.js';
import { messageOf } from '../errors.js';
import type { KubeClient } from '../kube/client.js';
import { PROJECT_FILE, parseProjectManifest } from '../manifest/load-project.js';
import { readRepositoryText } from '../manifest/repository-files.js';
import type { ProjectSpec } from '../manifest/types.js';
import type { PlannedJob } from '../plan/types.js';
import { buildImages, type BuildPorts, type JobBuildOutcome } from './build-images.js';
import { checkRepository } from './check-repository.js';
import { deployEnvironment, type DeployRecorder } from './deploy-environment.js';
import { prepareDeploy, type PreparedJob } from './prepare-deploy.js';

/** One job to roll back: the commit to return it to, and the image it ran then when that is known. */
export interface RollbackTarget {
  job: string;
  sha: string;
  /** The commit it runs now, for the record. */
  from?: string;
  /** `<repository>:<tag>@sha256:…` as recorded by the deploy of then; absent: found again from the commit. */
  image?: string;
}

export interface RollbackOptions {
  environment: string;
  /** `owner/name`: the objects' repository label, as a deploy writes it. */
  repository: string;
  namespace: string;
  kubeContext?: string;
  timeoutMs: number;
  leaseDurationSeconds?: number;
  leasePollMs?: number;
  /** Who asked, recorded on every object the rollback applies. */
  audit: CommandAudit;
}

export interface RollbackPorts {
  /** The tree of a commit, for the length of `work` (the app's repository cache; a local `git worktree`). */
  checkout<T>(sha: string, work: (dir: string) => Promise<T>): Promise<T>;
  /** The registry of the project as it was at that commit (images are looked up, never built). */
  buildPorts(project: ProjectSpec): BuildPorts | Promise<BuildPorts>;
  kube: KubeClient;
  flink?: FlinkRest;
  identity: string;
  /** A recorder per commit rolled back to (GitHub Deployments in the app). */
  recorder?: (sha: string) => DeployRecorder | undefined;
  progress: (line: string) => void;
}

/**
 * Each job as it was at an earlier commit, applied again: that commit's tree checked and rendered
 * as a deploy renders it, on the image it ran then (looked up in the registry by digest, never
 * rebuilt: a job whose image is gone is not applied), through the deploy path (Lease, apply,
 * follow, report). Every object carries who asked and that it is rolled back.
 */
export async function rollbackJobs(
  targets: readonly RollbackTarget[],
  options: RollbackOptions,
  ports: RollbackPorts,
): Promise<EnvironmentDeployReport[]> {
  const bySha = new Map<string, RollbackTarget[]>();
  for (const t of targets) bySha.set(t.sha, [...(bySha.get(t.sha) ?? []), t]);
  const reports: EnvironmentDeployReport[] = [];
  for (const [sha, group] of bySha) {
    const prepared = await ports.checkout(sha, (dir) => prepareAt(dir, sha, group, options, ports));
    const recorder = ports.recorder?.(sha);
    const report = await deployEnvironment(
      prepared,
      {
        environment: options.environment,
        repository: options.repository,
        namespace: options.namespace,
        sha,
        ...(options.kubeContext ? { kubeContext: options.kubeContext } : {}),
        force: false,
        prune: false,
        partial: true,
        timeoutMs: options.timeoutMs,
        ...(options.leaseDurationSeconds ? { leaseDurationSeconds: options.leaseDurationSeconds } : {}),
        ...(options.leasePollMs ? { leasePollMs: options.leasePollMs } : {}),
      },
      {
        kube: ports.kube,
        ...(ports.flink ? { flink: ports.flink } : {}),
        identity: ports.identity,
        // Going back is the point: the older commit must not count as superseded by the one running.
        isNewer: async () => false,
        ...(recorder ? { recorder } : {}),
        progress: ports.progress,
      },
    );
    reports.push(report);
  }
  return reports;
}

async function prepareAt(
  dir: string,
  sha: string,
  group: readonly RollbackTarget[],
  options: RollbackOptions,
  ports: RollbackPorts,
): Promise<PreparedJob[]> {
  const project = projectAt(dir);
  const names = group.map((t) => t.job);
  const skip = (reason: string): PreparedJob[] =>
    group.map((t) => ({ job: placeholderJob(t.job, options), kind: 'FlinkDeployment', skip: reason }));
  if (!project) return skip(`${PROJECT_FILE} cannot be read at ${short(sha)}`);
  if (!project.environments[options.environment])
    return skip(`environment ${options.environment} does not exist at ${short(sha)}`);
  const checked = checkRepository(dir, { environments: [options.environment], jobs: names, gitSha: sha });
  const planned = checked.plan.environments[0];
  if (!planned) return skip(`environment ${options.environment} has no plan at ${short(sha)}`);
  const buildPorts = await ports.buildPorts(project);
  const out: PreparedJob[] = [];
  for (const target of group) {
    const job = planned.jobs.find((j) => j.name === target.job);
    if (!job) {
      out.push({
        job: placeholderJob(target.job, options),
        kind: 'FlinkDeployment',
        skip: `there is no job ${target.job} in ${options.environment} at ${short(sha)}`,
      });
      continue;
    }
    const kind = job.mode === 'session' ? 'FlinkSessionJob' : 'FlinkDeployment';
    if (!job.enabled) {
      out.push({ job: job.job, kind, skip: `it was disabled at ${short(sha)}; use /suspend to stop it` });
      continue;
    }
    const build = job.mode === 'application' ? await imageThen(dir, job, target, options, buildPorts) : undefined;
    const [prepared] = prepareDeploy({ ...planned, jobs: [job] }, build ? [build] : [], {
      gitSha: sha,
      repository: options.repository,
    });
    if (!prepared || !('objects' in prepared)) {
      if (prepared) out.push(prepared);
      continue;
    }
    const annotations = {
      ...commandAuditAnnotations(options.audit),
      ...rollbackAnnotations({ to: sha, ...(target.from ? { from: target.from } : {}) }),
    };
    out.push({ ...prepared, objects: withAnnotations(prepared.objects, annotations) });
  }
  return out;
}

/**
 * The image a job ran at `sha`. Recorded: checked to be still in the registry. Not recorded: its
 * content-addressed tag computed again from the commit's tree (what the deploy of then pushed),
 * then its digest looked up. Nothing is built: a rollback runs what ran, or nothing.
 */
async function imageThen(
  dir: string,
  job: PlannedJob,
  target: RollbackTarget,
  options: RollbackOptions,
  ports: BuildPorts,
): Promise<JobBuildOutcome> {
  const gone = (reference: string) =>
    `its image of ${short(target.sha)} (${reference}) is no longer in the registry; a rollback never rebuilds, so nothing of it was applied`;
  try {
    if (target.image) {
      const digest = await ports.registry.findImage(target.image, job.name);
      return digest
        ? { job: job.name, status: 'no-image', image: target.image }
        : { job: job.name, status: 'skipped', reason: gone(target.image) };
    }
    const { outcomes } = await buildImages(
      dir,
      { environment: options.environment, jobs: [job.name], push: false },
      ports,
    );
    const outcome = outcomes.find((o) => o.job === job.name);
    switch (outcome?.status) {
      case 'exists': {
        const digest = await ports.registry.findImage(outcome.reference, job.name);
        if (!digest) return { job: job.name, status: 'skipped', reason: gone(outcome.reference) };
        return { job: job.name, status: 'no-image', image: `${outcome.reference}@${digest}` };
      }
      case 'would-build':
        return { job: job.name, status: 'skipped', reason: gone(outcome.reference) };
      case 'no-image': {
        const digest = await ports.registry.resolveBaseDigest(outcome.image, job.name);
        return {
          job: job.name,
          status: 'no-image',
          image: `${outcome.image.replace(/@sha256:[0-9a-f]{64}$/, '')}@${digest}`,
        };
      }
      case 'failed':
        return {
          job: job.name,
          status: 'skipped',
          reason: `its image of ${short(target.sha)} could not be found: ${outcome.message}`,
        };
      case 'skipped':
        return outcome;
      default:
        return { job: job.name, status: 'skipped', reason: `no image of ${short(target.sha)} is known for it` };
    }
  } catch (e) {
    return {
      job: job.name,
      status: 'skipped',
      reason: `its image of ${short(target.sha)} could not be looked up: ${messageOf(e)}`,
    };
  }
}

function projectAt(dir: string): ProjectSpec | undefined {
  const text = readRepositoryText(dir, PROJECT_FILE);
  return text.ok ? parseProjectManifest(text.text).spec : undefined;
}

/** A job that has no plan at the commit: named in the report, never rendered. */
function placeholderJob(name: string, options: RollbackOptions): PreparedJob['job'] {
  return { name, namespace: options.namespace, environment: options.environment } as PreparedJob['job'];
}

/** A report row for jobs the caller refused before anything ran (no earlier deployment). */
export function refusedRow(job: string, namespace: string, reason: string): JobDeployReport {
  return { job, kind: 'FlinkDeployment', namespace, state: 'skipped', reason };
}

const short = (sha: string) => sha.slice(0, 7);
