import {
  FLINK_API_VERSION,
  type FlinkDeployment,
  type FlinkJobSpec,
  type FlinkResource,
  type FlinkSessionJob,
  type JobManagerSpec,
  type TaskManagerSpec,
} from '../kube/types.js';
import { memoryConfigured } from '../manifest/resource-defaults.js';
import type { ComponentResources, ResolvedJob } from '../manifest/types.js';
import { flinkConfiguration, hasHighAvailability } from './flink-configuration.js';
import { operatorFlinkVersion, SUPPORTED_FLINK_VERSIONS } from './flink-version.js';
import { objectMeta, type Provenance } from './object-meta.js';
import { withoutUndefined, type Loose } from './plain-object.js';
import { RenderError } from './render-error.js';
import { savepointRedeployNonce } from './restore-nonce.js';
import { runnerArgs } from './runner-args.js';
import { sessionValueArgs } from './runtime-values.js';
import { ingressFor } from './web-ui.js';

export { webUIUrl } from './web-ui.js';

export interface RenderInput extends Provenance {
  /** Full image reference (application mode); see imageReference(). */
  image: string;
  /** The normalised SQL script, exactly as the runner will read it. */
  script: string;
}

export const DEFAULT_SERVICE_ACCOUNT = 'flink';

/**
 * A resolved job → the one operator resource that runs it: a FlinkDeployment (application
 * mode: a cluster of its own, running our image) or a FlinkSessionJob (session mode: submitted
 * to an existing session cluster, `job.sessionCluster`). Pure; throws RenderError when the job
 * cannot be expressed as a resource the operator would accept.
 */
export function renderJob(job: ResolvedJob, input: RenderInput): FlinkDeployment | FlinkSessionJob {
  return job.mode === 'session' ? renderSessionJob(job, input) : renderDeployment(job, input);
}

function renderDeployment(job: ResolvedJob, input: RenderInput): FlinkDeployment {
  const flinkVersion = operatorFlinkVersion(job.flinkVersion);
  if (!flinkVersion) {
    throw new RenderError(
      job.name,
      job.environment,
      `flinkVersion "${job.flinkVersion}" is not one the Flink operator (1.15.0 CRD) accepts.`,
      `Use one of ${SUPPORTED_FLINK_VERSIONS.join(', ')}.`,
      ['flinkVersion'],
    );
  }
  const conf = flinkConfiguration(job);
  const jobManager = componentSpec(job, 'jobManager', job.resources.jobManager);
  if ((jobManager.replicas ?? 1) > 1 && !hasHighAvailability(conf)) {
    throw new RenderError(
      job.name,
      job.environment,
      `resources.jobManager.replicas is ${jobManager.replicas}, but standby JobManagers need high availability, and flinkConfiguration does not enable it.`,
      'Set high-availability.type: kubernetes (and high-availability.storageDir), or use one replica.',
      ['resources', 'jobManager', 'replicas'],
    );
  }
  return withoutUndefined<FlinkDeployment>({
    apiVersion: FLINK_API_VERSION,
    kind: 'FlinkDeployment',
    metadata: objectMeta(job, input.script, input),
    spec: {
      image: input.image,
      imagePullPolicy: 'IfNotPresent',
      flinkVersion,
      serviceAccount: job.serviceAccount ?? DEFAULT_SERVICE_ACCOUNT,
      flinkConfiguration: conf,
      podTemplate: job.podTemplate,
      ingress: ingressFor(job),
      jobManager,
      taskManager: componentSpec(job, 'taskManager', job.resources.taskManager),
      job: jobSpec(job, input.script),
    },
  });
}

/**
 * Session mode: no image, pod template, resources or ingress — those belong to the session
 * cluster. The script goes inline as a runner argument by default (see runner-args.ts),
 * because the session cluster cannot read a file from an image it does not run.
 */
function renderSessionJob(job: ResolvedJob, input: RenderInput): FlinkSessionJob {
  if (!job.sessionCluster) {
    throw new RenderError(
      job.name,
      job.environment,
      'mode is session, but no sessionCluster names the FlinkDeployment to submit the job to.',
      'Set sessionCluster in the job manifest, its environment override, or the project defaults.',
      ['mode'],
    );
  }
  return withoutUndefined<FlinkSessionJob>({
    apiVersion: FLINK_API_VERSION,
    kind: 'FlinkSessionJob',
    metadata: objectMeta(job, input.script, input),
    spec: {
      deploymentName: job.sessionCluster,
      flinkConfiguration: flinkConfiguration(job),
      job: jobSpec(job, input.script),
    },
  });
}

function jobSpec(job: ResolvedJob, script: string): Loose<FlinkJobSpec> {
  if (!Number.isInteger(job.parallelism) || job.parallelism < 1) {
    throw new RenderError(
      job.name,
      job.environment,
      `parallelism is ${job.parallelism}; it must be a whole number of at least 1.`,
      undefined,
      ['parallelism'],
    );
  }
  return {
    jarURI: job.runner.jarURI,
    args: [...runnerArgs(job, script), ...sessionValueArgs(job, script)],
    entryClass: job.runner.entryClass,
    parallelism: job.parallelism,
    upgradeMode: job.upgradeMode,
    state: job.state,
    ...(job.allowNonRestoredState !== undefined ? { allowNonRestoredState: job.allowNonRestoredState } : {}),
    ...(job.restoreFrom
      ? {
          initialSavepointPath: job.restoreFrom.savepoint,
          savepointRedeployNonce: savepointRedeployNonce(job.restoreFrom),
        }
      : {}),
  };
}

function componentSpec(
  job: ResolvedJob,
  component: 'jobManager' | 'taskManager',
  resources: ComponentResources | undefined,
): Loose<JobManagerSpec & TaskManagerSpec> {
  const where = `resources.${component}`;
  const fail = (field: string, problem: string, hint?: string): never => {
    throw new RenderError(job.name, job.environment, `${where}.${problem}`, hint, ['resources', component, field]);
  };
  const { cpu, memory, replicas } = resources ?? {};
  if (cpu !== undefined && !(typeof cpu === 'number' && cpu > 0))
    fail('cpu', `cpu is ${cpu}; it must be a number of cores above 0, e.g. 0.5 or 2.`);
  if (replicas !== undefined && !(Number.isInteger(replicas) && replicas >= 1))
    fail('replicas', `replicas is ${replicas}; it must be a whole number of at least 1.`);
  // The operator rejects a `resource` without memory unless flinkConfiguration sizes the component; failing
  // here names the manifest field. The finding points at the cpu that asks for it: memory belongs next to it.
  if (cpu !== undefined && !memory && !memoryConfigured(component, job.flinkConfiguration))
    fail(
      'cpu',
      'memory is missing, and the Flink operator requires it whenever cpu is set.',
      'Add memory, e.g. memory: 2048m.',
    );
  const resource: Loose<FlinkResource> | undefined = cpu !== undefined || memory ? { cpu, memory } : undefined;
  return { resource, replicas };
}
