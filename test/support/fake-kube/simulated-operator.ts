/**
 * Stands in for the Flink Kubernetes Operator (1.15) and the kubelet: tests call these to move a
 * FlinkDeployment / FlinkSessionJob through the lifecycle the real operator reports. Status is
 * written through the `/status` subresource as the operator's field manager, so it is validated
 * against the CRD and produces the same watch events a real cluster would.
 *
 * Shapes follow the operator: `status.error` is the JSON of a FlinkResourceException,
 * `reconciliationStatus.lastReconciledSpec` the JSON `{"spec":…,"resource_metadata":{…}}` the
 * operator writes (SpecUtils.writeSpecWithMeta), `observedGeneration` the generation reconciled,
 * `jobStatus.upgradeSavepointPath` the savepoint an upgrade restored from; the JobManager pod is
 * labelled `app=<name>,component=jobmanager` with container `flink-main-container`; the REST
 * service is `<name>-rest` on port 8081.
 *
 * `legacyStatus` switches to what older operators report: no `observedGeneration` (the
 * generation is in `lastReconciledSpec`'s `resource_metadata.metadata`), and the upgrade's
 * savepoint only in `jobStatus.savepointInfo.lastSavepoint`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { KubeApi } from './kube-api.js';
import { meta } from './object-store.js';
import type { PodLogs } from './pod-logs.js';
import { findKind, type ResourceType } from './resources.js';

type Obj = Record<string, unknown>;
export type FlinkKind = 'FlinkDeployment' | 'FlinkSessionJob';

const OPERATOR = 'flink-kubernetes-operator';
const KUBELET = 'kubelet';
const MAIN_CONTAINER = 'flink-main-container';

function typeOf(kind: string, apiVersion = kind.startsWith('Flink') ? 'flink.apache.org/v1beta1' : 'v1'): ResourceType {
  const type = findKind(apiVersion, kind);
  if (!type) throw new Error(`the fake serves no ${apiVersion} ${kind}`);
  return type;
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface FailureOptions {
  /** The exception message, e.g. the root cause the job failed with. */
  message: string;
  /** The Java exception type of the error. */
  type?: string;
  /** The failed job's id (default: the one it ran with). */
  jobId?: string;
}

export interface StuckOptions {
  /** false: only the pod and its events show it, the resource's status does not change (default true). */
  reportInStatus?: boolean;
}

export class SimulatedOperator {
  /** Report status as operators before `observedGeneration` did (see the module comment). */
  legacyStatus = false;

  constructor(
    private readonly api: KubeApi,
    private readonly logs: PodLogs,
  ) {}

  /** `lastReconciledSpec` as the operator serialises it; `jobState` overrides `spec.job.state` (an upgrade in flight records `suspended`). */
  private reconciledSpec(object: Obj, jobState?: string): string {
    const spec = structuredClone(object.spec) as Obj;
    if (jobState && spec.job) (spec.job as Obj).state = jobState;
    const reconciliation = (object.status as Obj | undefined)?.reconciliationStatus as Obj | undefined;
    return JSON.stringify({
      spec,
      resource_metadata: {
        apiVersion: object.apiVersion,
        ...(this.legacyStatus ? { metadata: { generation: meta(object).generation } } : {}),
        firstDeployment: reconciliation?.lastStableSpec === undefined,
      },
    });
  }

  private observed(object: Obj): Obj {
    return this.legacyStatus ? {} : { observedGeneration: meta(object).generation };
  }

  /** Where the status records the savepoint an upgrade took and restored from. */
  private upgradeSavepoint(location: string): Obj {
    return this.legacyStatus
      ? {
          savepointInfo: {
            lastSavepoint: { location, triggerType: 'UPGRADE', formatType: 'CANONICAL', timeStamp: Date.now() },
          },
        }
      : { upgradeSavepointPath: location };
  }

  /** Writes `status` (merge patch: `null` removes a field) through `/status` as the operator. */
  patchStatus(namespace: string, name: string, status: Obj, kind: FlinkKind = 'FlinkDeployment'): Obj {
    return this.api.patch(typeOf(kind), namespace, name, { status }, { fieldManager: OPERATOR }, 'status').object;
  }

  /** The operator picked up the current spec and submitted it: DEPLOYED, JobManager deploying, job RECONCILING; pods and service exist. */
  deployed(namespace: string, name: string, kind: FlinkKind = 'FlinkDeployment'): Obj {
    const object = this.api.read(typeOf(kind), namespace, name);
    if (kind === 'FlinkDeployment') {
      this.ensureJobManagerPod(namespace, name, object);
      this.ensureRestService(namespace, name, object);
    }
    this.event(namespace, object, 'Normal', 'Submit', 'Starting deployment');
    return this.patchStatus(
      namespace,
      name,
      {
        lifecycleState: 'DEPLOYED',
        ...this.observed(object),
        ...(kind === 'FlinkDeployment' ? { jobManagerDeploymentStatus: 'DEPLOYING' } : {}),
        jobStatus: { jobName: name, state: 'RECONCILING' },
        reconciliationStatus: {
          state: 'DEPLOYED',
          lastReconciledSpec: this.reconciledSpec(object),
          reconciliationTimestamp: Date.now(),
        },
        error: null,
      },
      kind,
    );
  }

  /**
   * The operator took up a changed spec and is upgrading: the old job was stopped (with a
   * savepoint when `savepoint` is given), lifecycle UPGRADING, the reconciled spec recorded with
   * the job suspended until the new one is submitted.
   */
  upgrading(
    namespace: string,
    name: string,
    options: { savepoint?: string } = {},
    kind: FlinkKind = 'FlinkDeployment',
  ): Obj {
    const object = this.api.read(typeOf(kind), namespace, name);
    this.event(namespace, object, 'Normal', 'SpecChanged', 'UPGRADE change(s) detected, starting reconciliation.');
    if (options.savepoint)
      this.event(
        namespace,
        object,
        'Normal',
        'Suspended',
        `Suspending existing deployment with savepoint ${options.savepoint}.`,
      );
    return this.patchStatus(
      namespace,
      name,
      {
        lifecycleState: 'UPGRADING',
        ...this.observed(object),
        jobStatus: {
          jobName: name,
          state: options.savepoint ? 'FINISHED' : 'CANCELED',
          ...(options.savepoint ? this.upgradeSavepoint(options.savepoint) : {}),
        },
        reconciliationStatus: {
          state: 'UPGRADING',
          lastReconciledSpec: this.reconciledSpec(object, 'suspended'),
          reconciliationTimestamp: Date.now(),
        },
        error: null,
      },
      kind,
    );
  }

  /**
   * `spec.job.state: suspended` taken up, as the operator does it (AbstractJobReconciler#reconcileSpecChange:
   * running → suspended cancels the job by the upgrade mode's suspend mechanism, then
   * ReconciliationUtils.updateStatusForDeployedSpec records the spec): the JobManager deployment
   * is deleted (AbstractFlinkService#deleteClusterDeployment → updateStatusAfterClusterDeletion:
   * jobManagerDeploymentStatus MISSING, job FINISHED), the savepoint it stopped with is
   * `upgradeSavepointPath`, and lifecycleState is SUSPENDED (CommonStatus#getLifecycleState: the
   * last reconciled spec's job state is suspended). A session job keeps its cluster; its job is cancelled.
   *
   * A resource first submitted suspended is never deployed and gets no status at all
   * (AbstractFlinkResourceReconciler#reconcile returns before the first deployment): don't call this then.
   */
  suspended(
    namespace: string,
    name: string,
    options: { savepoint?: string } = {},
    kind: FlinkKind = 'FlinkDeployment',
  ): Obj {
    const object = this.api.read(typeOf(kind), namespace, name);
    this.event(namespace, object, 'Normal', 'SpecChanged', 'UPGRADE change(s) detected, starting reconciliation.');
    this.event(namespace, object, 'Normal', 'Suspended', 'Suspending existing deployment.');
    if (kind === 'FlinkDeployment') {
      const pod = this.jobManagerPod(namespace, name);
      if (pod) this.api.delete(typeOf('Pod'), namespace, String(meta(pod).name));
    }
    const reconciled = this.reconciledSpec(object);
    return this.patchStatus(
      namespace,
      name,
      {
        lifecycleState: 'SUSPENDED',
        ...this.observed(object),
        ...(kind === 'FlinkDeployment' ? { jobManagerDeploymentStatus: 'MISSING' } : {}),
        jobStatus: {
          jobName: name,
          state: kind === 'FlinkDeployment' || options.savepoint ? 'FINISHED' : 'CANCELED',
          updateTime: String(Date.now()),
          ...(options.savepoint ? this.upgradeSavepoint(options.savepoint) : {}),
        },
        reconciliationStatus: {
          state: 'DEPLOYED',
          lastReconciledSpec: reconciled,
          reconciliationTimestamp: Date.now(),
        },
        error: null,
      },
      kind,
    );
  }

  /** The operator refused the current spec (validation): an error and a Warning event; it keeps the previous spec, so observedGeneration stays. */
  rejected(namespace: string, name: string, message: string, kind: FlinkKind = 'FlinkDeployment'): Obj {
    const object = this.api.read(typeOf(kind), namespace, name);
    this.event(namespace, object, 'Warning', 'ValidationError', message);
    return this.patchStatus(
      namespace,
      name,
      {
        error: JSON.stringify({
          type: 'org.apache.flink.kubernetes.operator.exception.ValidationException',
          message,
          additionalMetadata: {},
          throwableList: [],
        }),
      },
      kind,
    );
  }

  /** The job runs and the deployment stabilised: STABLE, JobManager READY, job RUNNING with an id. */
  running(
    namespace: string,
    name: string,
    options: { jobId?: string; restoredFrom?: string } = {},
    kind: FlinkKind = 'FlinkDeployment',
  ): Obj {
    const object = this.api.read(typeOf(kind), namespace, name);
    const jobId = options.jobId ?? randomBytes(16).toString('hex');
    if (kind === 'FlinkDeployment')
      this.podState(namespace, name, {
        phase: 'Running',
        ready: true,
        state: { running: { startedAt: iso(new Date()) } },
        restartCount: 0,
      });
    this.event(namespace, object, 'Normal', 'JobStatusChanged', 'Job status changed from RECONCILING to RUNNING');
    const reconciled = this.reconciledSpec(object);
    return this.patchStatus(
      namespace,
      name,
      {
        lifecycleState: 'STABLE',
        ...this.observed(object),
        ...(kind === 'FlinkDeployment' ? { jobManagerDeploymentStatus: 'READY' } : {}),
        jobStatus: {
          jobName: name,
          jobId,
          state: 'RUNNING',
          startTime: String(Date.now()),
          updateTime: String(Date.now()),
          ...(options.restoredFrom ? this.upgradeSavepoint(options.restoredFrom) : {}),
        },
        reconciliationStatus: {
          state: 'DEPLOYED',
          lastReconciledSpec: reconciled,
          lastStableSpec: reconciled,
          reconciliationTimestamp: Date.now(),
        },
        error: null,
      },
      kind,
    );
  }

  /** The job failed: lifecycle FAILED, job FAILED, `error` set, and a Warning event on the resource. */
  failed(namespace: string, name: string, failure: FailureOptions, kind: FlinkKind = 'FlinkDeployment'): Obj {
    const object = this.api.read(typeOf(kind), namespace, name);
    this.event(
      namespace,
      object,
      'Warning',
      'JobStatusChanged',
      `Job status changed from RUNNING to FAILED: ${failure.message}`,
    );
    return this.patchStatus(
      namespace,
      name,
      {
        lifecycleState: 'FAILED',
        ...this.observed(object),
        jobStatus: {
          jobName: name,
          state: 'FAILED',
          updateTime: String(Date.now()),
          ...(failure.jobId ? { jobId: failure.jobId } : {}),
        },
        error: JSON.stringify({
          type: failure.type ?? 'org.apache.flink.runtime.JobException',
          message: failure.message,
          additionalMetadata: {},
          throwableList: [],
        }),
      },
      kind,
    );
  }

  /** The JobManager image cannot be pulled: pod Pending in ImagePullBackOff, kubelet events, deployment ERROR. */
  imagePullBackOff(namespace: string, name: string, options: StuckOptions = {}): Obj {
    const object = this.api.read(typeOf('FlinkDeployment'), namespace, name);
    const image = String((object.spec as Obj).image);
    const pod = this.ensureJobManagerPod(namespace, name, object);
    const reason = `Back-off pulling image "${image}"`;
    this.podState(namespace, name, {
      phase: 'Pending',
      ready: false,
      restartCount: 0,
      state: { waiting: { reason: 'ImagePullBackOff', message: reason } },
    });
    this.event(
      namespace,
      pod,
      'Warning',
      'Failed',
      `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`,
    );
    this.event(namespace, pod, 'Warning', 'Failed', 'Error: ErrImagePull');
    this.event(namespace, pod, 'Normal', 'BackOff', reason);
    this.event(namespace, pod, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    if (options.reportInStatus === false) return this.api.read(typeOf('FlinkDeployment'), namespace, name);
    this.event(namespace, object, 'Warning', 'DeploymentFailed', reason);
    return this.patchStatus(namespace, name, {
      jobManagerDeploymentStatus: 'ERROR',
      error: JSON.stringify({
        type: 'org.apache.flink.kubernetes.operator.exception.DeploymentFailedException',
        message: reason,
        additionalMetadata: { reason: 'ImagePullBackOff' },
        throwableList: [],
      }),
    });
  }

  /** The JobManager container keeps exiting: CrashLoopBackOff, the log of the last run, BackOff events, deployment ERROR. */
  crashLoop(
    namespace: string,
    name: string,
    lastLog: string[],
    options: StuckOptions & { exitCode?: number; restarts?: number; terminationReason?: string } = {},
  ): Obj {
    const object = this.api.read(typeOf('FlinkDeployment'), namespace, name);
    const pod = this.ensureJobManagerPod(namespace, name, object);
    const podName = String(meta(pod).name);
    const message = `back-off 40s restarting failed container=${MAIN_CONTAINER} pod=${podName}_${namespace}(${String(meta(pod).uid)})`;
    this.logs.set(namespace, podName, MAIN_CONTAINER, lastLog, true);
    this.logs.set(namespace, podName, MAIN_CONTAINER, lastLog.slice(0, 1));
    this.podState(namespace, name, {
      phase: 'Running',
      ready: false,
      restartCount: options.restarts ?? 3,
      state: { waiting: { reason: 'CrashLoopBackOff', message } },
      lastState: {
        terminated: {
          exitCode: options.exitCode ?? 1,
          reason: options.terminationReason ?? 'Error',
          startedAt: iso(new Date()),
          finishedAt: iso(new Date()),
        },
      },
    });
    this.event(
      namespace,
      pod,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${MAIN_CONTAINER} in pod ${podName}_${namespace}(${String(meta(pod).uid)})`,
    );
    if (options.reportInStatus === false) return this.api.read(typeOf('FlinkDeployment'), namespace, name);
    return this.patchStatus(namespace, name, {
      jobManagerDeploymentStatus: 'ERROR',
      error: JSON.stringify({
        type: 'org.apache.flink.kubernetes.operator.exception.DeploymentFailedException',
        message: `${MAIN_CONTAINER} is in CrashLoopBackOff: ${message}`,
        additionalMetadata: { reason: 'CrashLoopBackOff' },
        throwableList: [],
      }),
    });
  }

  /** The JobManager pod of a FlinkDeployment (created by `deployed`, or on demand). */
  jobManagerPod(namespace: string, name: string): Obj | undefined {
    return this.api.list(typeOf('Pod'), namespace, { labelSelector: `app=${name},component=jobmanager` }).items[0];
  }

  private ensureJobManagerPod(namespace: string, name: string, owner: Obj): Obj {
    const existing = this.jobManagerPod(namespace, name);
    if (existing) return existing;
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${name}-${hash}-${randomBytes(3).toString('hex').slice(0, 5)}`,
        namespace,
        labels: { app: name, component: 'jobmanager', type: 'flink-native-kubernetes' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: `${name}-${hash}`,
            uid: String(meta(owner).uid),
            controller: true,
          },
        ],
      },
      spec: {
        containers: [{ name: MAIN_CONTAINER, image: String((owner.spec as Obj).image) }],
        serviceAccountName: String((owner.spec as Obj).serviceAccount ?? 'flink'),
        restartPolicy: 'Always',
      },
    };
    this.api.create(typeOf('Pod'), namespace, pod, { fieldManager: 'kube-controller-manager' });
    this.podState(namespace, name, {
      phase: 'Pending',
      ready: false,
      restartCount: 0,
      state: { waiting: { reason: 'ContainerCreating' } },
    });
    return this.jobManagerPod(namespace, name)!;
  }

  private podState(
    namespace: string,
    name: string,
    s: { phase: string; ready: boolean; restartCount: number; state: Obj; lastState?: Obj },
  ): void {
    const pod = this.jobManagerPod(namespace, name);
    if (!pod) return;
    const image = String(((pod.spec as Obj).containers as Obj[])[0]!.image);
    this.api.patch(
      typeOf('Pod'),
      namespace,
      String(meta(pod).name),
      {
        status: {
          phase: s.phase,
          conditions: [{ type: 'Ready', status: s.ready ? 'True' : 'False' }],
          containerStatuses: [
            {
              name: MAIN_CONTAINER,
              image,
              imageID: '',
              ready: s.ready,
              started: s.ready,
              restartCount: s.restartCount,
              state: s.state,
              lastState: s.lastState ?? {},
            },
          ],
        },
      },
      { fieldManager: KUBELET },
      'status',
    );
  }

  private ensureRestService(namespace: string, name: string, owner: Obj): void {
    const type = typeOf('Service');
    if (this.api.list(type, namespace, { fieldSelector: `metadata.name=${name}-rest` }).items.length > 0) return;
    this.api.create(
      type,
      namespace,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: `${name}-rest`,
          namespace,
          labels: { app: name, type: 'flink-native-kubernetes' },
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'Deployment', name, uid: String(meta(owner).uid), controller: true },
          ],
        },
        spec: {
          type: 'ClusterIP',
          selector: { app: name, component: 'jobmanager' },
          ports: [{ name: 'rest', port: 8081, targetPort: 8081, protocol: 'TCP' }],
        },
      },
      { fieldManager: 'flink-kubernetes-operator' },
    );
  }

  /** A core/v1 Event about `object`, as the kubelet or the operator records it. */
  event(namespace: string, object: Obj, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const m = meta(object);
    const now = iso(new Date());
    const component = object.kind === 'Pod' ? KUBELET : 'JobManagerDeployment';
    this.api.create(
      typeOf('Event'),
      namespace,
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${String(m.name)}.${randomBytes(8).toString('hex')}`, namespace },
        involvedObject: {
          apiVersion: object.apiVersion,
          kind: object.kind,
          name: m.name,
          namespace,
          uid: m.uid,
          resourceVersion: m.resourceVersion,
          ...(object.kind === 'Pod' ? { fieldPath: `spec.containers{${MAIN_CONTAINER}}` } : {}),
        },
        reason,
        message,
        type,
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        source: { component },
        reportingComponent: component,
      },
      { fieldManager: component },
    );
  }
}
