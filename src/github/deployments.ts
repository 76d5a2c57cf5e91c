import type { FlinkKind, JobDeployReport, WebUiLink } from '../deploy/types.js';
import { redact as redactKnownPatterns } from '../text/redact.js';
import type { RepoRef } from './types.js';

/**
 * GitHub Deployments for StreamPilot's deploys: one per environment AND job, so each job has
 * its own history and Web UI link, and a new deploy of one job never marks another job's
 * deployment inactive (GitHub's auto_inactive works per environment name).
 */

/** Our deployments' `task`: how we tell them from other deployment systems' in the same repository. */
export const DEPLOY_TASK = 'deploy:streampilot';
/** GitHub answers 422 to a deployment status description longer than this. */
export const DEPLOYMENT_DESCRIPTION_LIMIT = 140;
/** How many deployments a restart looks back over: the newest page. */
export const IN_FLIGHT_LOOKBACK = 100;

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

/** What a deployment carries so that a restarted bot can find the resource again. */
export interface DeploymentPayload {
  environment: string;
  job: string;
  kind: FlinkKind;
  namespace: string;
  /** The operator resource's name. */
  name: string;
  /** The kubeconfig context of the environment; absent: in-cluster config. */
  kubeContext?: string;
  sha: string;
  /** The merged pull request, when known. */
  pullRequest?: number;
  /** The image deployed, `<repository>:<tag>@sha256:…`: what a rollback to this deployment runs again. */
  image?: string;
  /** A `/rollback` made this deployment: a rollback looks past it for the deployment before. */
  rollback?: boolean;
}

/** Who gave the command a deployment came from (`/deploy`): kept in the deployment's payload beside ours. */
export interface DeploymentCommand {
  command: string;
  by: string;
  at: string;
  url?: string;
}

export interface JobDeploymentInput extends DeploymentPayload {
  /** Shown on the deployment; redacted and cut to 140 characters. */
  description?: string;
  /** The command that asked for this deployment, when one did. */
  command?: DeploymentCommand;
}

export interface DeploymentStatusUpdate {
  state: DeploymentState;
  /** The Flink Web UI: GitHub links the environment to it. */
  environmentUrl?: string;
  /** Where the details are: the check run. */
  logUrl?: string;
  /** One line; redacted and cut to 140 characters with an ellipsis. */
  description: string;
}

export interface InFlightDeployment {
  id: number;
  /** GitHub's environment name, `<environment>/<job>`. */
  environment: string;
  sha: string;
  createdAt: string;
  /** The newest status; `none`: created, but no status was ever set (the bot stopped in between). */
  state: 'in_progress' | 'queued' | 'pending' | 'none';
  /** undefined: our task, but a payload this version cannot read — it cannot be resumed, only closed with `error`. */
  payload: DeploymentPayload | undefined;
}

/** The fields of GitHub's `deployment` we read. */
export interface DeploymentData {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  payload: unknown;
  created_at: string;
}

export interface DeploymentStatusData {
  id: number;
  state: string;
  created_at: string;
}

interface Response<T> {
  data: T;
}
type Params<T> = RepoRef & T & { [parameter: string]: unknown };

/** The slice of Octokit (`octokit.rest.repos.*`) these functions use; Probot's Octokit satisfies it. */
export interface DeploymentsClient {
  rest: {
    repos: {
      createDeployment(
        params: Params<{
          ref: string;
          task?: string;
          auto_merge?: boolean;
          required_contexts?: string[];
          payload?: { [key: string]: unknown } | string;
          environment?: string;
          description?: string | null;
          transient_environment?: boolean;
          production_environment?: boolean;
        }>,
      ): Promise<Response<DeploymentData | { message?: string }>>;
      createDeploymentStatus(
        params: Params<{
          deployment_id: number;
          state: DeploymentState;
          log_url?: string;
          description?: string;
          environment_url?: string;
          auto_inactive?: boolean;
        }>,
      ): Promise<Response<DeploymentStatusData>>;
      listDeployments(
        params: Params<{
          sha?: string;
          ref?: string;
          task?: string;
          environment?: string | null;
          per_page?: number;
          page?: number;
        }>,
      ): Promise<Response<DeploymentData[]>>;
      listDeploymentStatuses(
        params: Params<{ deployment_id: number; per_page?: number; page?: number }>,
      ): Promise<Response<DeploymentStatusData[]>>;
    };
  };
}

type Redact = (text: string) => string;

/** GitHub's environment name of one job's deployments. */
export function deploymentEnvironment(environment: string, job: string): string {
  return `${environment}/${job}`;
}

/** GitHub marks production environments specially (they are not auto-inactivated). */
export function isProductionEnvironment(environment: string): boolean {
  return /^(production|prod)$/i.test(environment);
}

/**
 * Create the GitHub Deployment of one job's deploy; returns its id. `ref` is the SHA itself, so
 * GitHub never merges anything (`auto_merge: false`) and no commit status gates it
 * (`required_contexts: []` — our own in-progress check run would otherwise block it).
 */
export async function createJobDeployment(
  octokit: DeploymentsClient,
  repo: RepoRef,
  input: JobDeploymentInput,
  redact: Redact = redactKnownPatterns,
): Promise<number> {
  const payload: DeploymentPayload = {
    environment: input.environment,
    job: input.job,
    kind: input.kind,
    namespace: input.namespace,
    name: input.name,
    ...(input.kubeContext !== undefined ? { kubeContext: input.kubeContext } : {}),
    sha: input.sha,
    ...(input.pullRequest !== undefined ? { pullRequest: input.pullRequest } : {}),
    ...(input.image !== undefined ? { image: input.image } : {}),
    ...(input.rollback ? { rollback: true } : {}),
  };
  const { data } = await octokit.rest.repos.createDeployment({
    ...repo,
    ref: input.sha,
    task: DEPLOY_TASK,
    auto_merge: false,
    required_contexts: [],
    environment: deploymentEnvironment(input.environment, input.job),
    transient_environment: false,
    production_environment: isProductionEnvironment(input.environment),
    payload: { streampilot: payload, ...(input.command ? { command: input.command } : {}) },
    description: fitDescription(
      redact(
        input.description ??
          `StreamPilot deploys ${input.job} to ${input.environment} (${input.kind} ${input.namespace}/${input.name})`,
      ),
    ),
  });
  if (!('id' in data) || typeof data.id !== 'number') {
    // Only with auto_merge, which we never send: GitHub merged the default branch instead.
    throw new Error(
      `GitHub created no deployment for ${input.job} in ${input.environment}: ${'message' in data ? String(data.message) : 'no id in the answer'}`,
    );
  }
  return data.id;
}

/** Add a status to a deployment. The description is redacted, then cut to GitHub's 140 characters. */
export async function setDeploymentStatus(
  octokit: DeploymentsClient,
  repo: RepoRef,
  id: number,
  status: DeploymentStatusUpdate,
  redact: Redact = redactKnownPatterns,
): Promise<void> {
  await octokit.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: id,
    state: status.state,
    description: fitDescription(redact(status.description)),
    ...(status.environmentUrl ? { environment_url: redact(status.environmentUrl) } : {}),
    ...(status.logUrl ? { log_url: redact(status.logUrl) } : {}),
    // Explicit: a success retires this job's earlier deployments (GitHub's default, relied on).
    auto_inactive: true,
  });
}

/** `text` on one line, at most 140 characters, ending with an ellipsis when cut. */
export function fitDescription(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= DEPLOYMENT_DESCRIPTION_LIMIT
    ? line
    : `${line.slice(0, DEPLOYMENT_DESCRIPTION_LIMIT - 1).trimEnd()}…`;
}

/** The address to give GitHub for a Web UI: none for port-forward, whose localhost URL only works on the machine running the command. */
export function environmentUrlOf(webUi: WebUiLink | undefined): string | undefined {
  return webUi && webUi.via !== 'port-forward' ? webUi.url : undefined;
}

/** The final status of a job's deployment, from what happened to it. */
export function jobDeploymentStatus(job: JobDeployReport, options: { logUrl?: string } = {}): DeploymentStatusUpdate {
  const environmentUrl = environmentUrlOf(job.webUi);
  const common = {
    ...(environmentUrl ? { environmentUrl } : {}),
    ...(options.logUrl ? { logUrl: options.logUrl } : {}),
  };
  switch (job.state) {
    case 'running':
      return {
        state: 'success',
        ...common,
        description: job.restoredFrom ? `Running, restored from ${job.restoredFrom}` : 'Running',
      };
    case 'unchanged':
      return { state: 'success', ...common, description: 'Running, unchanged' };
    case 'suspended':
      return {
        state: 'inactive',
        ...common,
        description: job.suspendedWith ? `Suspended with savepoint ${job.suspendedWith}` : 'Suspended, as Git asks',
      };
    case 'failed':
    case 'timed-out':
      return {
        state: 'failure',
        ...common,
        description:
          job.failure?.summary ?? (job.state === 'failed' ? 'The job failed' : 'Timed out waiting for the job to run'),
      };
    case 'apply-failed':
      return {
        state: 'error',
        ...common,
        description: `Not applied: ${job.failure?.summary ?? job.reason ?? 'the API server refused it'}`,
      };
    case 'drift':
      return {
        state: 'error',
        ...common,
        description: `Not applied: changed outside Git (${(job.drift ?? []).map((f) => `${f.field} by ${f.manager}`).join(', ') || 'drift'})`,
      };
    case 'interrupted':
      return {
        state: 'error',
        ...common,
        description: job.failure?.summary ?? job.reason ?? 'Interrupted: StreamPilot stopped before the job ran',
      };
    case 'superseded':
      return {
        state: 'inactive',
        ...common,
        description: job.supersededBy
          ? `Superseded by ${job.supersededBy.slice(0, 12)}`
          : 'Superseded by a newer commit',
      };
    case 'skipped':
      return { state: 'inactive', ...common, description: `Skipped${job.reason ? `: ${job.reason}` : ''}` };
  }
}

const IN_FLIGHT = new Set(['in_progress', 'queued', 'pending']);

/**
 * Our deployments still in flight — newest status `in_progress`, `queued` or `pending`, or no
 * status at all — among the newest 100 with our task, with their payload. A restarted bot
 * resumes or closes them. Reads: one list, then one status read per deployment (5 at a time).
 */
export async function findInFlightDeployments(
  octokit: DeploymentsClient,
  repo: RepoRef,
  options: { limit?: number } = {},
): Promise<InFlightDeployment[]> {
  const limit = Math.min(options.limit ?? IN_FLIGHT_LOOKBACK, IN_FLIGHT_LOOKBACK);
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, task: DEPLOY_TASK, per_page: limit });
  const deployments = data.filter((d) => d.task === DEPLOY_TASK).slice(0, limit);
  const found: (InFlightDeployment | undefined)[] = new Array(deployments.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < deployments.length; i = next++) {
      const d = deployments[i]!;
      const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({
        ...repo,
        deployment_id: d.id,
        per_page: 1,
      });
      const state = statuses[0]?.state ?? 'none';
      if (state !== 'none' && !IN_FLIGHT.has(state)) continue;
      found[i] = {
        id: d.id,
        environment: d.environment,
        sha: d.sha,
        createdAt: d.created_at,
        state: state as InFlightDeployment['state'],
        payload: parsePayload(d.payload),
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(5, deployments.length) }, worker));
  return found.filter((d): d is InFlightDeployment => d !== undefined);
}

/** Our part of a deployment's payload, checked field by field; undefined when it is not ours or is damaged. */
export function parsePayload(payload: unknown): DeploymentPayload | undefined {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const p = (value as { streampilot?: unknown } | null)?.streampilot as Record<string, unknown> | undefined;
  if (!p || typeof p !== 'object') return undefined;
  const str = (k: string) => typeof p[k] === 'string' && (p[k] as string).length > 0;
  if (!str('environment') || !str('job') || !str('namespace') || !str('name') || !str('sha')) return undefined;
  if (p.kind !== 'FlinkDeployment' && p.kind !== 'FlinkSessionJob') return undefined;
  if (p.kubeContext !== undefined && typeof p.kubeContext !== 'string') return undefined;
  if (p.pullRequest !== undefined && !Number.isInteger(p.pullRequest)) return undefined;
  if (p.image !== undefined && typeof p.image !== 'string') return undefined;
  if (p.rollback !== undefined && typeof p.rollback !== 'boolean') return undefined;
  return {
    environment: p.environment as string,
    job: p.job as string,
    kind: p.kind,
    namespace: p.namespace as string,
    name: p.name as string,
    ...(p.kubeContext !== undefined ? { kubeContext: p.kubeContext as string } : {}),
    sha: p.sha as string,
    ...(p.pullRequest !== undefined ? { pullRequest: p.pullRequest as number } : {}),
    ...(p.image !== undefined ? { image: p.image as string } : {}),
    ...(p.rollback === true ? { rollback: true } : {}),
  };
}
