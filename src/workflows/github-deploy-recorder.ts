import { messageOf } from '../errors.js';
import {
  createJobDeployment,
  jobDeploymentStatus,
  setDeploymentStatus,
  type DeploymentsClient,
} from '../github/deployments.js';
import type { RepoRef } from '../github/types.js';
import type { CommandAudit } from '../deploy/command-audit.js';
import type { DeployRecorder } from './deploy-environment.js';
import { commandDescription } from '../report/deploy-reply.js';

export interface GitHubRecorderContext {
  environment: string;
  sha: string;
  kubeContext?: string;
  pullRequest?: number;
  /** The deploy check run, linked from each deployment's status. */
  logUrl?: string;
  /** A `/deploy` command: who gave it, when, and its comment, in the payload and every status. */
  command?: CommandAudit;
  redact: (text: string) => string;
  log: { warn(msg: string): void };
  /** A `/rollback` deploys: marked in the payload (the next rollback looks past it), and who asked is said. */
  rollback?: { audit: CommandAudit };
}

/**
 * GitHub Deployments as the deploy's record: one per environment and job, `in_progress` when
 * the job is about to be written to the cluster, then its outcome with the Web UI as the
 * environment URL. GitHub being unavailable never stops a deploy: it is logged.
 */
export function gitHubDeployRecorder(
  octokit: DeploymentsClient,
  repo: RepoRef,
  context: GitHubRecorderContext,
): DeployRecorder {
  const warn = (what: string, e: unknown) => context.log.warn(`${what}: ${context.redact(messageOf(e))}`);
  // Who asked comes first: GitHub cuts a description at 140 characters, and the reason can be long.
  const described = (text: string) => (context.command ? commandDescription(context.command, text) : text);
  const audit = context.rollback?.audit;
  // Who, when, and (as the log URL) the comment: a description holds 140 characters, so the time is the day.
  const by = audit ? ` (${audit.command.split(/\s+/, 1)[0]} by @${audit.by} on ${audit.at.slice(0, 10)})` : '';
  const logUrl = audit?.url ?? context.logUrl;
  return {
    async started(prepared) {
      try {
        const id = await createJobDeployment(
          octokit,
          repo,
          {
            environment: context.environment,
            job: prepared.job.name,
            kind: prepared.kind,
            namespace: prepared.job.namespace,
            name: prepared.job.name,
            sha: context.sha,
            ...(context.kubeContext ? { kubeContext: context.kubeContext } : {}),
            ...(context.pullRequest !== undefined ? { pullRequest: context.pullRequest } : {}),
            ...(context.command ? { command: context.command } : {}),
            ...('image' in prepared && prepared.image ? { image: prepared.image } : {}),
            ...(audit ? { rollback: true } : {}),
            description: audit
              ? `rolling back ${prepared.job.name} in ${context.environment} to ${context.sha.slice(0, 7)}${by}`
              : described(`deploying ${prepared.job.name} to ${context.environment}`),
          },
          context.redact,
        );
        await setDeploymentStatus(
          octokit,
          repo,
          id,
          {
            state: 'in_progress',
            ...(logUrl ? { logUrl } : {}),
            description: audit
              ? `applying ${prepared.job.name}; waiting for RUNNING${by}`
              : described(`applying ${prepared.job.name}; waiting for RUNNING`),
          },
          context.redact,
        );
        return id;
      } catch (e) {
        warn(`could not record the deployment of ${prepared.job.name} on GitHub`, e);
        return undefined;
      }
    },
    async finished(id, report) {
      try {
        const status = jobDeploymentStatus(report, logUrl ? { logUrl } : {});
        await setDeploymentStatus(
          octokit,
          repo,
          id,
          audit
            ? { ...status, description: `Rolled back to ${context.sha.slice(0, 7)}${by}: ${status.description}` }
            : { ...status, description: described(status.description) },
          context.redact,
        );
      } catch (e) {
        warn(`could not record the outcome of ${report.job} on GitHub (deployment ${id})`, e);
      }
    },
  };
}
