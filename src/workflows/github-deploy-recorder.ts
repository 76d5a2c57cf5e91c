import { messageOf } from '../errors.js';
import {
  createJobDeployment,
  jobDeploymentStatus,
  setDeploymentStatus,
  type DeploymentsClient,
} from '../github/deployments.js';
import type { RepoRef } from '../github/types.js';
import type { DeployRecorder } from './deploy-environment.js';
import type { CommandAudit } from '../deploy/command-audit.js';
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
            description: described(`deploying ${prepared.job.name} to ${context.environment}`),
            ...(context.command ? { command: context.command } : {}),
          },
          context.redact,
        );
        await setDeploymentStatus(
          octokit,
          repo,
          id,
          {
            state: 'in_progress',
            ...(context.logUrl ? { logUrl: context.logUrl } : {}),
            description: described(`applying ${prepared.job.name}; waiting for RUNNING`),
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
        const status = jobDeploymentStatus(report, context.logUrl ? { logUrl: context.logUrl } : {});
        await setDeploymentStatus(
          octokit,
          repo,
          id,
          { ...status, description: described(status.description) },
          context.redact,
        );
      } catch (e) {
        warn(`could not record the outcome of ${report.job} on GitHub (deployment ${id})`, e);
      }
    },
  };
}
