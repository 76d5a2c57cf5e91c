/**
 * `/restart`, `/suspend`, `/resume` from a pull-request comment: the jobs as the base branch
 * deploys them (what runs now), operated by the workflow the CLI shares (operate-jobs.ts), with
 * the reply edited in place as the jobs move: queued behind a deploy, then following the
 * operator, then the outcome. Progress is written at most once per `PROGRESS_MS` and only when
 * its text changed: each edit is a GitHub write.
 */
import type { JobOperation } from '../deploy/job-operation.js';
import { deploySettings } from '../manifest/deploy-settings.js';
import type { PlannedEnvironment } from '../plan/types.js';
import { formatNoClusterAccess } from '../report/command-reply.js';
import { formatOperationProgress, formatOperationReply, type JobProgress } from '../report/job-operation-reply.js';
import type { Operation, OperationRequest, OperationResult } from './command-types.js';
import { operateJobs, type JobStage } from './operate-jobs.js';

const PROGRESS_MS = 3000;

export function jobOperation(operation: JobOperation): Operation {
  return (request) => operate(operation, request);
}

async function operate(operation: JobOperation, request: OperationRequest): Promise<OperationResult> {
  const { repo, target, checked, base, ports, comment, command } = request;
  if (!ports.clusters) return { outcome: 'refused', text: formatNoClusterAccess(target.environments) };
  const clusters = ports.clusters;
  const repository = `${repo.owner}/${repo.repo}`;
  const reports = [];
  for (const name of target.environments) {
    const environment = environmentOf(name, checked.base.plan.environments, checked.head.plan.environments);
    const progress = new ThrottledProgress((jobs) => request.progress(formatOperationProgress(operation, name, jobs)));
    const report = await operateJobs(
      {
        operation,
        environment,
        jobs: target.jobs,
        repository,
        audit: { command: command.line, by: comment.author, at: comment.createdAt, url: comment.htmlUrl },
      },
      {
        kube: clusters.kube(name, base),
        clusterAccess: clusters.clusterAccess,
        holder: `${clusters.identity ?? 'streampilot'} ${command.line.slice(0, 60)} by @${comment.author}`,
        timeoutMs: deploySettings(base, name).timeoutMs,
        ...(clusters.flink ? { flink: clusters.flink(clusters.kube(name, base)) } : {}),
        ...(clusters.leaseDurationSeconds ? { leaseDurationSeconds: clusters.leaseDurationSeconds } : {}),
        onStage: (job, stage) => progress.update(job, stage),
      },
    );
    await progress.stop();
    reports.push(report);
  }
  const redacted = ports.redact(formatOperationReply(operation, reports));
  const ok = reports.every((r) => !r.refused && r.jobs.every((j) => j.outcome === 'done' || j.outcome === 'unchanged'));
  const refusedOnly = reports.every((r) => r.refused || r.jobs.every((j) => j.outcome === 'refused'));
  return { outcome: ok ? 'done' : refusedOnly ? 'refused' : 'failed', text: redacted };
}

/**
 * The environment as the base branch deploys it: what runs now. A job only the pull request has
 * is looked up under the head's settings (and found not deployed).
 */
function environmentOf(
  name: string,
  base: readonly PlannedEnvironment[],
  head: readonly PlannedEnvironment[],
): PlannedEnvironment {
  const fromBase = base.find((e) => e.name === name);
  const fromHead = head.find((e) => e.name === name)!;
  if (!fromBase) return fromHead;
  const extra = fromHead.jobs.filter((j) => !fromBase.jobs.some((b) => b.name === j.name));
  return { ...fromBase, jobs: [...fromBase.jobs, ...extra] };
}

/** Collects each job's stage; writes the reply at most every PROGRESS_MS, never the same text twice. */
class ThrottledProgress {
  private readonly jobs = new Map<string, JobProgress>();
  private timer: NodeJS.Timeout | undefined;
  private last = '';
  private writing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly write: (jobs: JobProgress[]) => Promise<void>) {}

  update(job: string, stage: JobStage): void {
    if (this.stopped) return;
    if (stage.stage === 'waiting')
      this.jobs.set(job, {
        job,
        stage: 'queued',
        detail: stage.sha
          ? `the deploy of \`${stage.sha.slice(0, 7)}\` (or a command) in progress`
          : `\`${stage.holder}\``,
      });
    else if (stage.stage === 'following') this.jobs.set(job, { job, stage: 'running', detail: stage.detail });
    else this.jobs.set(job, { job, stage: 'running' });
    // A quick command ends before the first write: its reply is written once, with the outcome.
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, PROGRESS_MS);
  }

  private flush(): void {
    if (this.stopped) return;
    const jobs = [...this.jobs.values()];
    const key = JSON.stringify(jobs);
    if (key === this.last) return;
    this.last = key;
    this.writing = this.writing.then(() => this.write(jobs)).catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.writing;
  }
}
