/**
 * Drives the simulated operator on its own, as a real operator reacts to applied resources:
 * whenever a FlinkDeployment / FlinkSessionJob gets a generation the operator has not observed,
 * it plays the scenario the test chose for that job (after short delays, so watchers see each
 * step): the job runs, the image cannot be pulled, the job fails with an exception served by the
 * fake Flink REST API, or nothing happens (a timeout). For tests where the deploying code runs in
 * another process (the app) and cannot be stepped by hand.
 */
import { randomBytes } from 'node:crypto';
import type { FakeFlink } from '../fake-flink/fake-flink.js';
import type { FakeKube } from './fake-kube.js';
import { meta } from './object-store.js';
import { operatorProblem } from './operator-webhook.js';
import { findKind } from './resources.js';
import type { FlinkKind } from './simulated-operator.js';

type Obj = Record<string, unknown>;

export type Scenario =
  /** `savepointFirst`: an upgrade that stops the old job with this savepoint first (operator-commands.ts). */
  | { kind: 'run'; restoredFrom?: string; savepointFirst?: string }
  | { kind: 'image-pull' }
  | { kind: 'crash-loop'; log: string[] }
  | { kind: 'job-fails'; exceptionName: string; message: string }
  /** The operator never gets the job running. */
  | { kind: 'hang' };

export interface AutopilotOptions {
  /** The scenario of a job's next rollout; default: it runs. */
  scenario?: (namespace: string, name: string, object: Obj) => Scenario;
  /** Where `job-fails` serves the exception; its `<name>-rest:8081` service is routed there. */
  flink?: FakeFlink;
  stepMs?: number;
}

export interface Autopilot {
  /** Rollouts played so far, `<namespace>/<name>@<generation> <scenario>`. */
  played: string[];
  /** Jobs ids of running jobs by `<namespace>/<name>`. */
  jobIds: Map<string, string>;
  stop(): void;
}

export function startOperatorAutopilot(fake: FakeKube, options: AutopilotOptions = {}): Autopilot {
  const seen = new Set<string>();
  const played: string[] = [];
  const jobIds = new Map<string, string>();
  const timers = new Set<NodeJS.Timeout>();
  const step = options.stepMs ?? 50;
  const later = (ms: number, work: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      try {
        work();
      } catch {
        // The resource was deleted or changed again meanwhile: the newer generation has its own play.
      }
    }, ms);
    timers.add(t);
  };

  const unsubscribe = fake.store.subscribe((event) => {
    if (
      event.type === 'DELETED' ||
      (event.resource.kind !== 'FlinkDeployment' && event.resource.kind !== 'FlinkSessionJob')
    )
      return;
    const kind = event.resource.kind as FlinkKind;
    const m = meta(event.object);
    const generation = Number(m.generation ?? 0);
    const observed = Number(((event.object.status ?? {}) as Obj).observedGeneration ?? 0);
    const key = `${String(m.namespace)}/${String(m.name)}@${generation}`;
    if (generation <= observed || seen.has(key)) return;
    seen.add(key);
    const namespace = String(m.namespace);
    const name = String(m.name);
    const job = ((event.object.spec ?? {}) as Obj).job as Obj | undefined;
    if (job?.state === 'suspended') {
      const everDeployed = Boolean(
        (((event.object.status ?? {}) as Obj).reconciliationStatus as Obj | undefined)?.lastReconciledSpec,
      );
      // Submitted suspended: the operator deploys nothing and writes no status (see SimulatedOperator#suspended).
      played.push(`${key} ${everDeployed ? 'suspend' : 'stay-undeployed'}`);
      if (everDeployed) later(step, () => suspend(namespace, name, kind, job));
      return;
    }
    const scenario = options.scenario?.(namespace, name, event.object) ?? { kind: 'run' };
    played.push(`${key} ${scenario.kind}`);
    // The operator reacts after the write that triggered it has been answered.
    later(step, () => play(namespace, name, kind, scenario));
  });

  /** The suspend mechanism of each upgrade mode (the operator's job-management docs): savepoint stops with one. */
  function suspend(namespace: string, name: string, kind: FlinkKind, job: Obj): void {
    const savepoint =
      job.upgradeMode === 'savepoint'
        ? `file:///flink-data/savepoints/${name}/savepoint-${randomBytes(6).toString('hex')}`
        : undefined;
    fake.operator.suspended(namespace, name, savepoint ? { savepoint } : {}, kind);
  }

  function play(namespace: string, name: string, kind: FlinkKind, scenario: Scenario): void {
    const op = fake.operator;
    // Without the webhook an invalid spec is stored; the controller validates it first
    // (FlinkDeploymentController / FlinkSessionJobController `validateDeployment`/`validateSessionJob`)
    // and reports the problem instead of deploying it.
    const current = fake.api.read(findKind('flink.apache.org/v1beta1', kind)!, namespace, name);
    const problem = operatorProblem(fake.store, kind, current, fake.operatorConfig);
    if (problem !== undefined) {
      op.rejected(namespace, name, problem, kind);
      return;
    }
    // An upgrade tears the old JobManager down: the new spec gets a pod of its own.
    const oldPod = kind === 'FlinkDeployment' ? op.jobManagerPod(namespace, name) : undefined;
    if (oldPod) fake.api.delete(findKind('v1', 'Pod')!, namespace, String(meta(oldPod).name));
    if (scenario.kind === 'run' && scenario.savepointFirst)
      op.upgrading(namespace, name, { savepoint: scenario.savepointFirst }, kind);
    op.deployed(namespace, name, kind);
    switch (scenario.kind) {
      case 'run': {
        const jobId = randomBytes(16).toString('hex');
        jobIds.set(`${namespace}/${name}`, jobId);
        later(step, () =>
          op.running(
            namespace,
            name,
            { jobId, ...(scenario.restoredFrom ? { restoredFrom: scenario.restoredFrom } : {}) },
            kind,
          ),
        );
        return;
      }
      case 'image-pull':
        later(step, () => op.imagePullBackOff(namespace, name));
        return;
      case 'crash-loop':
        later(step, () => op.crashLoop(namespace, name, scenario.log));
        return;
      case 'job-fails': {
        const jobId = randomBytes(16).toString('hex');
        jobIds.set(`${namespace}/${name}`, jobId);
        if (options.flink) fake.serviceEndpoints.set(`${namespace}/${name}-rest:8081`, options.flink.url);
        // The job fails while starting: it never reaches RUNNING (a follow ends at the first RUNNING).
        later(step, () => {
          options.flink?.failJob(jobId, { exceptionName: scenario.exceptionName, message: scenario.message });
          op.failed(namespace, name, { message: `${scenario.exceptionName}: ${scenario.message}`, jobId }, kind);
        });
        return;
      }
      case 'hang':
        return;
    }
  }

  return {
    played,
    jobIds,
    stop: () => {
      unsubscribe();
      for (const t of timers) clearTimeout(t);
    },
  };
}
