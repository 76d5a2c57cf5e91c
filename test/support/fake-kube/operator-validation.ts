/**
 * The Flink Kubernetes Operator's admission validation (release-1.15.0, the release the CRDs in
 * ../shared/reference/flink-operator come from): what `DefaultValidator` in
 * flink-kubernetes-operator/src/main/java/org/apache/flink/kubernetes/operator/validation/
 * refuses, rule by rule, with its wording. Each function names the Java method it stands in for.
 * Like the Java class, validation stops at the first problem (`firstPresent`).
 *
 * The operator resolves config options with Flink 1.20.1's `ConfigOption`s (the operator's
 * `flink.version`), so deprecated keys count: `state.checkpoints.dir` satisfies
 * `execution.checkpointing.dir`, and the messages name the new keys.
 *
 * Not modelled: the autoscaler's option checks (`validateAutoScalerFlinkConfiguration`), the
 * ingress template's URL expansion (`IngressUtils.getIngressUrl`), and DNS for `jarURI` hosts:
 * the Java code resolves the host; here only IP literals, `localhost` and cluster-internal
 * names (`*.svc`, `*.cluster.local`, which resolve to the cluster's private addresses) are
 * known to be restricted, and `*.invalid` never resolves.
 */
type Obj = Record<string, unknown>;

/** What the operator's own configuration says (Helm `defaultConfiguration`, operator options). */
export interface OperatorConfig {
  /** `kubernetes.operator.user.artifacts.allowed-schemes` (default `https`). */
  jarUriAllowedSchemes?: string[];
  /** `kubernetes.operator.user.artifacts.disallow-restricted-hosts` (default true). */
  jarUriDisallowRestrictedHosts?: boolean;
}

/**
 * The operator's default Flink configuration as the Helm chart ships it
 * (helm/flink-kubernetes-operator/conf/flink-conf.yaml): no memory settings, so a resource
 * without `memory` fails the memory checks.
 */
const DEFAULT_FLINK_CONFIG: Record<string, string> = {
  'taskmanager.numberOfTaskSlots': '1',
  'parallelism.default': '1',
};

/** DefaultValidator.DEPLOYMENT_NAME_PATTERN */
const DEPLOYMENT_NAME = /^[a-z]([-a-z\d]{0,43}[a-z\d])?$/;

/** DefaultValidator.FORBIDDEN_CONF_KEYS: KubernetesConfigOptions.NAMESPACE, CLUSTER_ID, HighAvailabilityOptions.HA_CLUSTER_ID. */
const FORBIDDEN_CONF_KEYS = ['kubernetes.namespace', 'kubernetes.cluster-id', 'high-availability.cluster-id'];

/** DefaultValidator.ALLOWED_LOG_CONF_KEYS (Constants.CONFIG_FILE_LOG4J_NAME, CONFIG_FILE_LOGBACK_NAME). */
const ALLOWED_LOG_CONF_KEYS = ['log4j-console.properties', 'logback-console.xml'];

/** FlinkVersion.isSupported: v1_15 and newer; older enum values are deprecated and refused. */
const UNSUPPORTED_VERSIONS = new Set(['v1_13', 'v1_14']);

/** Flink 1.20 ConfigOptions with their deprecated keys, in the order Configuration.get tries them. */
const CHECKPOINTS_DIRECTORY = [
  'execution.checkpointing.dir',
  'state.checkpoints.dir',
  'state.backend.fs.checkpointdir',
];
const SAVEPOINT_DIRECTORY = [
  'execution.checkpointing.savepoint-dir',
  'state.savepoints.dir',
  'savepoints.state.backend.fs.dir',
];
const HA_MODE = ['high-availability.type', 'recovery.mode', 'high-availability'];

const OP = 'kubernetes.operator.';

function obj(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
}

/** FlinkConfiguration.asFlatMap: nested maps become dotted keys, values strings. */
function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  const map = obj(value);
  if (!map) return out;
  for (const [k, v] of Object.entries(map)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (obj(v)) flatten(v, key, out);
    else if (v !== null && v !== undefined) out[key] = String(v);
  }
  return out;
}

function get(conf: Record<string, string>, keys: string[]): string | undefined {
  for (const k of keys) if (conf[k] !== undefined) return conf[k];
  return undefined;
}

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/** HighAvailabilityMode.isHighAvailabilityModeActivated: any mode but NONE. */
function haActivated(conf: Record<string, string>): boolean {
  return (get(conf, HA_MODE) ?? 'NONE').trim().toUpperCase() !== 'NONE';
}

function bool(conf: Record<string, string>, keys: string[], fallback: boolean): boolean {
  const v = get(conf, keys);
  return v === undefined ? fallback : v.trim().toLowerCase() === 'true';
}

/** The operator's defaults overlaid with the resource's own flinkConfiguration. */
function effectiveConfig(...specs: (Obj | undefined)[]): Record<string, string> {
  const conf = { ...DEFAULT_FLINK_CONFIG };
  for (const spec of specs) Object.assign(conf, flatten(spec?.flinkConfiguration));
  return conf;
}

function firstPresent(...checks: (() => string | undefined)[]): string | undefined {
  for (const check of checks) {
    const problem = check();
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** DefaultValidator.validateDeploymentName */
function validateDeploymentName(name: unknown): string | undefined {
  const text = typeof name === 'string' ? name : String(name);
  if (DEPLOYMENT_NAME.test(text)) return undefined;
  return `The FlinkDeployment name: ${text} is invalid, must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123'), and the length must be no more than 45 characters.`;
}

/** DefaultValidator.validateFlinkVersion (the last-state suspend check needs a reconciled spec). */
function validateFlinkVersion(spec: Obj, last: Obj | undefined): string | undefined {
  const version = spec.flinkVersion;
  if (version === undefined || version === null) return 'Flink Version must be defined.';
  if (UNSUPPORTED_VERSIONS.has(String(version)))
    return `Flink version ${String(version)} is not supported by this operator version`;
  const job = obj(spec.job);
  const lastJob = obj(last?.job);
  if (
    lastJob &&
    job &&
    (job.upgradeMode ?? 'stateless') !== 'stateless' &&
    lastJob.state === 'suspended' &&
    lastJob.upgradeMode === 'last-state' &&
    last?.flinkVersion !== version
  )
    return 'Changing flinkVersion after last-state suspend is not allowed. Restore your cluster with the current flinkVersion and perform the version upgrade afterwards.';
  return undefined;
}

/** DefaultValidator.validateFlinkDeploymentConfig */
function validateFlinkDeploymentConfig(conf: Record<string, string>): string | undefined {
  for (const key of FORBIDDEN_CONF_KEYS) if (conf[key] !== undefined) return `Forbidden Flink config key: ${key}`;
  if (bool(conf, [`${OP}deployment.rollback.enabled`], false) && !haActivated(conf))
    return 'HA must be enabled for rollback support.';
  const recovery = [`${OP}jm-deployment-recovery.enabled`, `${OP}reconciler.jm-deployment-recovery.enabled`];
  if (bool(conf, [`${OP}cluster.health-check.enabled`], false) && !bool(conf, recovery, true))
    return `Deployment recovery (${OP}jm-deployment-recovery.enabled) must be enabled for job health check (${OP}cluster.health-check.enabled) support.`;
  return undefined;
}

/** DefaultValidator.validateIngress (template presence only). */
function validateIngress(ingress: unknown): string | undefined {
  const spec = obj(ingress);
  if (!spec) return undefined;
  if (spec.template === undefined || spec.template === null) return 'Ingress template must be defined';
  return undefined;
}

/** DefaultValidator.validateLogConfig */
function validateLogConfig(logConfiguration: unknown): string | undefined {
  const map = obj(logConfiguration);
  if (!map) return undefined;
  for (const key of Object.keys(map)) {
    if (!ALLOWED_LOG_CONF_KEYS.includes(key))
      return `Invalid log config key: ${key}. Allowed keys are [${ALLOWED_LOG_CONF_KEYS.join(', ')}]`;
  }
  return undefined;
}

/** DefaultValidator.validateJobSpec; `tm` is absent for session jobs. */
function validateJobSpec(jobValue: unknown, tm: Obj | undefined, conf: Record<string, string>): string | undefined {
  const job = obj(jobValue);
  if (!job) return undefined;
  const upgradeMode = job.upgradeMode ?? 'stateless';
  if (upgradeMode !== 'stateless' && blank(get(conf, CHECKPOINTS_DIRECTORY)))
    return `Checkpoint directory[${CHECKPOINTS_DIRECTORY[0]}] must be defined for last-state and savepoint upgrade modes`;
  if (blank(get(conf, SAVEPOINT_DIRECTORY))) {
    const key = SAVEPOINT_DIRECTORY[0];
    if (upgradeMode === 'savepoint')
      return `Job could not be upgraded with savepoint while config key[${key}] is not set`;
    if (job.savepointTriggerNonce !== undefined && job.savepointTriggerNonce !== null)
      return `Savepoint could not be manually triggered for the running job while config key[${key}] is not set`;
    if (conf[`${OP}periodic.savepoint.interval`] !== undefined)
      return `Periodic savepoints cannot be enabled when config key[${key}] is not set`;
    if (conf[`${OP}job.upgrade.last-state.max.allowed.checkpoint.age`] !== undefined)
      return `In order to use max-checkpoint age functionality config key[${key}] must be set to allow triggering savepoint upgrades.`;
  }
  const replicas = tm?.replicas;
  if (typeof replicas === 'number') {
    if (replicas < 1) return 'TaskManager replicas must be larger than 0';
  } else if (!(Number(job.parallelism ?? 0) >= 1)) {
    // JobSpec.parallelism is a Java int: absent is 0.
    return 'Job parallelism must be larger than 0';
  }
  return undefined;
}

/**
 * JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap succeeds when
 * the heap, Flink or process size is configured (the legacy `jobmanager.heap.size` is read as heap).
 */
function jmMemoryConfigured(conf: Record<string, string>): boolean {
  return [
    'jobmanager.memory.heap.size',
    'jobmanager.heap.size',
    'jobmanager.heap.mb',
    'jobmanager.memory.flink.size',
    'jobmanager.memory.process.size',
  ].some((k) => conf[k] !== undefined);
}

/** TaskExecutorProcessUtils.processSpecFromConfig: task heap and managed memory, or the Flink or process size. */
function tmMemoryConfigured(conf: Record<string, string>): boolean {
  if (conf['taskmanager.memory.task.heap.size'] !== undefined && conf['taskmanager.memory.managed.size'] !== undefined)
    return true;
  return ['taskmanager.memory.flink.size', 'taskmanager.heap.size', 'taskmanager.memory.process.size'].some(
    (k) => conf[k] !== undefined,
  );
}

/** Flink's MemorySize.parse units, then fabric8 `Quantity` (FlinkConfigBuilder.parseResourceMemoryString). */
const MEMORY_SIZE = /^\s*\d+\s*(b|bytes|k|kb|kibibytes|m|mb|mebibytes|g|gb|gibibytes|t|tb|tebibytes)?\s*$/i;
const K8S_QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|K|M|G|T|P|E)?$/;

function memoryParses(memory: string): boolean {
  if (MEMORY_SIZE.test(memory)) return true;
  let q = memory.trim().replace(/\s/g, '').toUpperCase();
  if (q.endsWith('B')) q = q.slice(0, -1);
  if (q.endsWith('I')) q = `${q.slice(0, -1)}i`;
  return K8S_QUANTITY.test(q);
}

/** DefaultValidator.validateResources (memory; ephemeral storage has the CRD's quantity pattern). */
function validateResources(component: string, resourceValue: unknown): string | undefined {
  const resource = obj(resourceValue);
  if (!resource) return undefined;
  const memory = resource.memory;
  // The fabric8 Quantity message: the fallback parse is the one whose error is reported.
  if (typeof memory === 'string' && !memoryParses(memory))
    return `${component} resource memory parse error: Invalid quantity string format passed`;
  return undefined;
}

function memoryDefined(spec: Obj | undefined): boolean {
  const memory = obj(spec?.resource)?.memory;
  return typeof memory === 'string' && memory.trim() !== '';
}

/** DefaultValidator.validateJmSpec (with validateJmMemoryConfig, validateJmReplicas). */
function validateJmSpec(jmValue: unknown, conf: Record<string, string>): string | undefined {
  const jm = obj(jmValue);
  const memory = () =>
    memoryDefined(jm) || jmMemoryConfigured(conf)
      ? undefined
      : 'JobManager resource memory must be defined using `spec.jobManager.resource.memory`';
  if (!jm) return memory();
  return firstPresent(
    memory,
    () => validateResources('JobManager', jm.resource),
    () => {
      const replicas = typeof jm.replicas === 'number' ? jm.replicas : 1;
      if (replicas < 1) return 'JobManager replicas should not be configured less than one.';
      if (replicas > 1 && !haActivated(conf))
        return 'High availability should be enabled when starting standby JobManagers.';
      return undefined;
    },
  );
}

/** DefaultValidator.validateTmSpec (with validateTmMemoryConfig, validateTmReplicas). */
function validateTmSpec(tmValue: unknown, conf: Record<string, string>): string | undefined {
  const tm = obj(tmValue);
  const memory = () =>
    memoryDefined(tm) || tmMemoryConfigured(conf)
      ? undefined
      : 'TaskManager resource memory must be defined using `spec.taskManager.resource.memory`';
  if (!tm) return memory();
  return firstPresent(
    memory,
    () => validateResources('TaskManager', tm.resource),
    () =>
      typeof tm.replicas === 'number' && tm.replicas < 1
        ? 'TaskManager replicas should not be configured less than one.'
        : undefined,
  );
}

/** `lastReconciledSpec` of the stored status (SpecUtils.deserializeSpecWithMeta), absent before the first deployment. */
function lastReconciledSpec(object: Obj): Obj | undefined {
  const text = obj(obj(object.status)?.reconciliationStatus)?.lastReconciledSpec;
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return obj((JSON.parse(text) as Obj).spec);
  } catch {
    return undefined;
  }
}

/** DefaultValidator.validateSpecChange(FlinkDeployment) */
function validateDeploymentSpecChange(spec: Obj, old: Obj | undefined): string | undefined {
  if (!old) return undefined;
  if (spec.job && !old.job) return 'Cannot switch from session to job cluster';
  if (!spec.job && old.job) return 'Cannot switch from job to session cluster';
  const oldMode = old.mode ?? 'native';
  const newMode = spec.mode ?? 'native';
  if (oldMode === 'native' && newMode !== 'native')
    return 'Cannot switch from native kubernetes to standalone kubernetes cluster';
  if (oldMode === 'standalone' && newMode !== 'standalone')
    return 'Cannot switch from standalone kubernetes to native kubernetes cluster';
  const job = obj(spec.job);
  const oldJob = obj(old.job);
  if (job && oldJob && job.savepointRedeployNonce !== undefined && job.savepointRedeployNonce !== null) {
    if (job.savepointRedeployNonce !== oldJob.savepointRedeployNonce && blank(job.initialSavepointPath as string))
      return 'InitialSavepointPath must not be empty for savepoint redeployment';
  }
  return undefined;
}

/** DefaultValidator.validateDeployment: the first problem of a FlinkDeployment, or undefined. */
export function validateFlinkDeployment(object: Obj): string | undefined {
  const spec = obj(object.spec) ?? {};
  const name = obj(object.metadata)?.name;
  const conf = effectiveConfig(spec);
  const last = lastReconciledSpec(object);
  return firstPresent(
    () => validateDeploymentName(name),
    () => validateFlinkVersion(spec, last),
    () => validateFlinkDeploymentConfig(conf),
    () => validateIngress(spec.ingress),
    () => validateLogConfig(spec.logConfiguration),
    () => validateJobSpec(spec.job, obj(spec.taskManager), conf),
    () => validateJmSpec(spec.jobManager, conf),
    () => validateTmSpec(spec.taskManager, conf),
    () => validateDeploymentSpecChange(spec, last),
    () =>
      spec.serviceAccount === undefined || spec.serviceAccount === null
        ? 'spec.serviceAccount must be defined. If you use helm, its value should be the same with the name of jobServiceAccount.'
        : undefined,
  );
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** InetAddress isLoopback/isLinkLocal/isSiteLocal/isAnyLocal/isMulticast, for the hosts the fake can know. */
function restrictedHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.svc') || h.endsWith('.cluster.local')) return true;
  const v4 = IPV4.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 127 ||
      a === 10 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a >= 224 && a <= 239)
    );
  }
  if (h.includes(':')) return h === '::1' || h === '::' || /^fe[89ab]/.test(h) || /^fec/.test(h) || /^ff/.test(h);
  return false;
}

/** DefaultValidator.validateJarURI */
export function validateJarURI(jarURI: unknown, config: OperatorConfig = {}): string | undefined {
  if (jarURI === undefined || jarURI === null) return undefined;
  const text = String(jarURI);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1];
  if (/\s/.test(text))
    return `jarURI is not a valid URI: Illegal character in path at index ${text.search(/\s/)}: ${text}`;
  if (!scheme) return 'jarURI must include a scheme';
  const allowed = [...new Set((config.jarUriAllowedSchemes ?? ['https']).map((s) => s.toLowerCase()))];
  if (!allowed.includes(scheme.toLowerCase()))
    return `jarURI scheme '${scheme}' is not in the allowlist [${allowed.join(', ')}]. Configure '${OP}user.artifacts.allowed-schemes' to extend the allowlist.`;
  if (/^https?$/i.test(scheme) && (config.jarUriDisallowRestrictedHosts ?? true)) {
    const host = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/.exec(text)?.[1] ?? '';
    if (host === '') return 'jarURI must include a host for http/https schemes';
    if (host.toLowerCase().endsWith('.invalid')) return `jarURI host '${host}' cannot be resolved`;
    if (restrictedHost(host)) return `jarURI host '${host}' resolves to a restricted address`;
  }
  return undefined;
}

/**
 * DefaultValidator.validateSessionJob: `session` is the FlinkDeployment named by
 * `spec.deploymentName` in the job's namespace, if the webhook's informer has it.
 */
export function validateFlinkSessionJob(
  object: Obj,
  session: Obj | undefined,
  config: OperatorConfig = {},
): string | undefined {
  const spec = obj(object.spec) ?? {};
  const last = lastReconciledSpec(object);
  const only = firstPresent(
    () => validateDeploymentName(spec.deploymentName),
    () => (spec.job === undefined || spec.job === null ? 'The job spec should not be empty' : undefined),
    () => (last && last.deploymentName !== spec.deploymentName ? "The deploymentName can't be changed" : undefined),
    () => (obj(spec.job) ? validateJarURI(obj(spec.job)!.jarURI, config) : undefined),
  );
  if (only !== undefined || !session) return only;
  const sessionSpec = obj(session.spec) ?? {};
  return firstPresent(
    () => (sessionSpec.job ? 'Can not submit session job to application cluster' : undefined),
    () =>
      obj(session.metadata)?.name !== spec.deploymentName
        ? "The session job's cluster id is not match with the session cluster"
        : undefined,
    () => validateJobSpec(spec.job, undefined, effectiveConfig(sessionSpec, spec)),
  );
}
