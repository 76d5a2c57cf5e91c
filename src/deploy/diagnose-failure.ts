/**
 * Turns what went wrong in a rollout (a Finding) into what a person needs to act on it without a
 * terminal: one line in their words, the Warning events of the resource and its JobManager pods,
 * the tail of the JobManager log (of its last run when it crash-loops), Flink's root cause from
 * `/jobs/{id}/exceptions`, and a hint. Every read is best effort: one that fails or does not
 * answer in time is left out, never fatal.
 */
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import type { KubeClient } from '../kube/client.js';
import {
  IMAGE_REASONS,
  MAIN_CONTAINER,
  jobManagerSelector,
  podProblem,
  progressOf,
  type Finding,
  type FlinkObject,
  type PodProblem,
} from './rollout-status.js';
import type { DeployedRef, FailureReason, FlinkJobExceptions, FlinkRest, FlinkRestTarget } from './types.js';
import { findFailedStatement } from './runner-failure.js';

export interface DiagnoseTarget {
  ref: DeployedRef;
  /** The resource as last seen. */
  object?: FlinkObject;
  restTarget?: FlinkRestTarget;
  /** For the kubectl commands in hints. */
  kubeContext?: string;
}

export interface DiagnoseOptions {
  flink?: FlinkRest;
  /** Lines of the JobManager log to keep (default 20). */
  logTailLines?: number;
  /** Warning events to keep, the most recent (default 10). */
  maxEvents?: number;
  /** A read that has not answered after this long is left out (default 30 s). */
  readTimeoutMs?: number;
  /** Only events from then on: older ones are about an earlier rollout (an old image's pull errors). */
  since?: Date;
}

const ROOT_CAUSE_LINES = 8;
const FAILING_JOB_STATES = new Set(['FAILED', 'FAILING', 'RESTARTING']);

export async function diagnoseFailure(
  kube: KubeClient,
  finding: Finding,
  target: DiagnoseTarget,
  options: DiagnoseOptions = {},
): Promise<FailureReason> {
  const { ref, object } = target;
  const readTimeoutMs = options.readTimeoutMs ?? 30_000;
  const attempt = <T>(read: () => Promise<T>) => bestEffort(read, readTimeoutMs);

  const selector = jobManagerSelector(ref, object);
  const pods = (await attempt(() => kube.listPods(ref.namespace, selector))) ?? [];
  const problem = podProblem(pods);
  const jobId = object?.status?.jobStatus?.jobId;
  const jobState = object?.status?.jobStatus?.state;
  const wantsRootCause = finding.kind === 'job-failed' || (jobState !== undefined && FAILING_JOB_STATES.has(jobState));
  const { flink } = options;
  const { restTarget } = target;

  const [resourceEvents, podEvents, logTail, exceptions] = await Promise.all([
    attempt(() => kube.listEvents({ namespace: ref.namespace, name: ref.name, kind: ref.kind })),
    Promise.all(
      pods.map((p) =>
        attempt(() => kube.listEvents({ namespace: ref.namespace, name: p.metadata?.name ?? '', kind: 'Pod' })),
      ),
    ),
    readLogTail(kube, ref.namespace, pods, problem, options.logTailLines ?? 20, attempt),
    wantsRootCause && jobId && restTarget && flink
      ? attempt(() => flink.jobExceptions(restTarget, jobId))
      : Promise.resolve(undefined),
  ]);

  const events = warningLines(
    [...(resourceEvents ?? []), ...podEvents.flatMap((e) => e ?? [])],
    options.maxEvents ?? 10,
    options.since,
  );
  const rootCause = exceptions ? formatRootCause(exceptions) : undefined;
  const { summary, hint } = describeFinding(finding, {
    ref,
    object,
    problem,
    rootCause,
    events,
    selector,
    kubectl: kubectl(target),
  });
  const statement = findFailedStatement([
    'error' in finding ? finding.error?.message : undefined,
    object?.status?.error,
    rootCause,
    (logTail ?? []).join('\n'),
  ]);
  return {
    summary: statement ? `the statement at ${statement.file}:${statement.line} failed: ${statement.cause}` : summary,
    ...(statement ? { statement } : {}),
    ...(rootCause ? { rootCause } : {}),
    events,
    logTail: logTail ?? [],
    ...(hint ? { hint } : {}),
  };
}

export interface Facts {
  ref: DeployedRef;
  object?: FlinkObject | undefined;
  problem?: PodProblem | undefined;
  rootCause?: string | undefined;
  events: string[];
  selector: string;
  /** `kubectl [--context c] -n ns` */
  kubectl: string;
}

/** The one-line summary and the hint for a finding: pure. */
export function describeFinding(finding: Finding, facts: Facts): { summary: string; hint?: string } {
  const { ref, object } = facts;
  const what = `${ref.kind} ${ref.namespace}/${ref.name}`;
  const logsCommand = `${facts.kubectl} logs -l ${facts.selector} -c ${MAIN_CONTAINER} --tail=200`;
  switch (finding.kind) {
    case 'job-failed': {
      const cause = facts.rootCause ?? finding.error?.message;
      return {
        summary: cause ? `the job failed: ${firstLine(cause)}` : 'the job failed',
        ...(facts.rootCause
          ? {}
          : { hint: `Flink's root cause was not available; the JobManager log has the full trace: ${logsCommand}` }),
      };
    }
    case 'jobmanager':
      return describeJobManager(finding.reason, finding.error?.message, facts);
    case 'rejected':
      return {
        summary: `the operator rejected the spec: ${firstLine(finding.error.message)}`,
        hint: 'the operator keeps running the previous spec until a valid one is applied: fix the job in Git and merge again',
      };
    case 'operator-error':
      return {
        summary: `the operator reported an error: ${firstLine(finding.error.message)}`,
        hint: `the operator's events and log say more: ${facts.kubectl} describe ${ref.kind.toLowerCase()} ${ref.name}`,
      };
    case 'lifecycle':
      if (finding.lifecycleState === 'FAILED') {
        return {
          summary: `the deployment failed${finding.error ? `: ${firstLine(finding.error.message)}` : ' (lifecycle FAILED)'}`,
          hint: `see the events and the JobManager log: ${logsCommand}`,
        };
      }
      return {
        summary: `the operator rolled the job back to its previous spec${finding.error ? `: ${firstLine(finding.error.message)}` : ''}`,
        hint: 'the new spec did not become healthy in time, so the previous version is running again: see the events and the log tail',
      };
    case 'deleted':
      return {
        summary: `the ${what} was deleted while waiting for it to run`,
        hint: 'something deleted it (kubectl delete, a prune by another tool): deploy again to recreate it',
      };
    case 'missing':
      return {
        summary: `the ${what} does not exist`,
        hint: 'it was deleted right after it was applied: deploy again to recreate it',
      };
    case 'watch-lost':
      return {
        summary: finding.message.includes(what) ? finding.message : `lost track of the ${what}: ${finding.message}`,
        hint: `the job may still be starting: check it with ${facts.kubectl} get ${ref.kind.toLowerCase()} ${ref.name}`,
      };
    case 'timed-out': {
      const after = formatDuration(finding.afterMs);
      const operatorSays = finding.error ? `; the operator reports: ${firstLine(finding.error.message)}` : '';
      if (!finding.reconciled) {
        const seen =
          finding.observedGeneration !== undefined ? `generation ${finding.observedGeneration}` : 'no generation yet';
        return {
          summary: `the operator did not pick up the change within ${after} (waiting for generation ${finding.generation}, it has reconciled ${seen})${operatorSays}`,
          hint: `is the Flink Kubernetes Operator running and watching namespace "${ref.namespace}"? ${facts.kubectl} get ${ref.kind.toLowerCase()} ${ref.name} shows its status`,
        };
      }
      const p = progressOf(object);
      const state = [
        p.lifecycleState ? `lifecycle ${p.lifecycleState}` : '',
        p.jobState ? `job ${p.jobState}` : '',
        p.jobManagerDeploymentStatus ? `JobManager ${p.jobManagerDeploymentStatus}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      const unschedulable = facts.events.some((e) => e.startsWith('FailedScheduling:'));
      return {
        summary: `no RUNNING after ${after}: ${state || 'no status yet'}${operatorSays}`,
        hint: unschedulable
          ? 'the cluster has no room for the JobManager pod (FailedScheduling): free capacity or lower jobManager.resource'
          : `if the job needs longer to start, raise the deploy timeout; otherwise the events and the JobManager log say what it waits for: ${logsCommand}`,
      };
    }
  }
}

function describeJobManager(
  statusReason: string | undefined,
  errorMessage: string | undefined,
  facts: Facts,
): { summary: string; hint?: string } {
  const { problem, object, ref } = facts;
  const reason = problem?.reason ?? statusReason;
  if (reason && IMAGE_REASONS.has(reason)) {
    const image =
      problem?.image ?? (typeof object?.spec?.image === 'string' ? object.spec.image : undefined) ?? '(image unknown)';
    const account =
      typeof object?.spec?.serviceAccount === 'string' ? ` of service account "${object.spec.serviceAccount}"` : '';
    if (reason === 'InvalidImageName')
      return {
        summary: `the JobManager image name is not valid: ${image}`,
        hint: 'the image reference must be a valid name with a tag or digest',
      };
    return {
      summary: `the JobManager image cannot be pulled: ${image}`,
      hint: `the image does not exist in the registry or the cluster cannot pull it: check that it was pushed, and the imagePullSecrets${account}`,
    };
  }
  if (reason === 'CrashLoopBackOff') {
    const details = [
      'CrashLoopBackOff',
      problem?.terminationReason && problem.terminationReason !== 'Error' ? problem.terminationReason : '',
      problem?.exitCode !== undefined ? `exit code ${problem.exitCode}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const oom = problem?.terminationReason === 'OOMKilled';
    return {
      summary: `the JobManager keeps crashing (${details})`,
      hint: oom
        ? 'the JobManager ran out of memory: raise jobManager.resource.memory'
        : `the log tail is from its last run; the whole log: ${facts.kubectl} logs ${problem?.pod ?? `-l ${facts.selector}`} -c ${MAIN_CONTAINER} --previous`,
    };
  }
  if (reason === 'CreateContainerConfigError') {
    return {
      summary: `the JobManager container cannot be created: ${firstLine(problem?.message ?? errorMessage ?? reason)}`,
      hint: 'a ConfigMap or Secret the pod uses is missing or lacks a key',
    };
  }
  return {
    summary: errorMessage
      ? `the JobManager deployment failed: ${firstLine(errorMessage)}`
      : 'the JobManager deployment failed (jobManagerDeploymentStatus ERROR)',
    hint: `see the events and the JobManager log: ${facts.kubectl} describe ${ref.kind.toLowerCase()} ${ref.name}`,
  };
}

async function readLogTail(
  kube: KubeClient,
  namespace: string,
  pods: V1Pod[],
  problem: PodProblem | undefined,
  lines: number,
  attempt: <T>(read: () => Promise<T>) => Promise<T | undefined>,
): Promise<string[] | undefined> {
  // A container that never started (its image cannot be pulled) has no log.
  if (problem && IMAGE_REASONS.has(problem.reason)) return undefined;
  const name = problem?.pod ?? newest(pods)?.metadata?.name;
  if (!name || lines <= 0) return undefined;
  const read = (previous: boolean) =>
    attempt(() =>
      kube.podLogs(
        { namespace, name },
        { container: MAIN_CONTAINER, tailLines: lines, ...(previous ? { previous } : {}) },
      ),
    );
  // A crash-looping container's current run has barely started: its last run says why it died.
  const text = (problem?.reason === 'CrashLoopBackOff' ? await read(true) : undefined) ?? (await read(false));
  if (text === undefined) return undefined;
  const tail = text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l, i, all) => l !== '' || i < all.length - 1)
    .slice(-lines);
  // A container that never started has an empty log: no section rather than an empty one.
  return tail.some((l) => l.trim() !== '') ? tail : undefined;
}

function newest(pods: V1Pod[]): V1Pod | undefined {
  const time = (p: V1Pod) => new Date(p.metadata?.creationTimestamp ?? 0).getTime();
  return [...pods].sort((a, b) => time(b) - time(a))[0];
}

function warningLines(events: CoreV1Event[], max: number, since?: Date): string[] {
  const when = (e: CoreV1Event) =>
    new Date(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0).getTime();
  // Event timestamps have second precision: a second of slack keeps the events of this rollout's first second.
  const from = since ? since.getTime() - 1000 : -Infinity;
  // Timestamps have second precision; within a second the resourceVersion (etcd's revision) keeps the order.
  const revision = (e: CoreV1Event) => Number(e.metadata?.resourceVersion ?? 0) || 0;
  const lines = events
    .filter((e) => e.type === 'Warning' && when(e) >= from)
    .sort((a, b) => when(a) - when(b) || revision(a) - revision(b))
    .map((e) => `${e.reason ?? 'Warning'}: ${(e.message ?? '').replace(/\s+/g, ' ').trim()}`);
  // The same complaint repeated is one line, at its latest place.
  const unique = lines.filter((line, i) => lines.lastIndexOf(line) === i);
  return unique.slice(-max);
}

function formatRootCause(exceptions: FlinkJobExceptions): string | undefined {
  const head = exceptions.rootException
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
  const trace = (exceptions.stacktrace ?? '')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
  if (trace[0] !== undefined && trace[0] === head[0]) trace.shift();
  const lines = [...head, ...trace].slice(0, ROOT_CAUSE_LINES);
  return lines.length ? lines.join('\n') : undefined;
}

function kubectl(target: DiagnoseTarget): string {
  return `kubectl${target.kubeContext ? ` --context ${target.kubeContext}` : ''} -n ${target.ref.namespace}`;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? text.trim()
  );
}

/** `10 minutes`, `90 seconds`, `1.5 seconds`, `250 ms`. */
export function formatDuration(ms: number): string {
  if (ms >= 60_000) {
    const minutes = ms / 60_000;
    if (Number.isInteger(minutes)) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
    if (ms % 1000 === 0 && ms < 600_000) return `${ms / 1000} seconds`;
    return `${minutes.toFixed(1)} minutes`;
  }
  if (ms >= 1000) {
    const seconds = Math.round(ms / 100) / 10;
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  return `${Math.round(ms)} ms`;
}

/** The read's value, or undefined when it fails or has not answered within `timeoutMs`. */
async function bestEffort<T>(read: () => Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      read(),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeoutMs);
      }),
    ]);
  } catch {
    return undefined;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
