/**
 * What the Flink Kubernetes Operator refuses, checked before anything is applied: the rules of
 * its admission validation (`DefaultValidator` in apache/flink-kubernetes-operator, release
 * 1.15.0, the release of the CRDs StreamPilot renders for), each reported at the key of the
 * user's manifests that breaks it, or naming the default that does. Shapes the schema already
 * bounds (parallelism and replicas of at least 1, memory sizes, namespaces) are left to it.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { ProjectSpec, ResolvedJob } from './types.js';
import { diagnosticAtPath, type YamlPath, type YamlSource } from './yaml-document.js';

/** Flink 1.20's option keys the operator resolves (deprecated keys first-class, as Configuration does). */
const CHECKPOINT_DIR_KEYS = ['execution.checkpointing.dir', 'state.checkpoints.dir', 'state.backend.fs.checkpointdir'];
const SAVEPOINT_DIR_KEYS = [
  'execution.checkpointing.savepoint-dir',
  'state.savepoints.dir',
  'savepoints.state.backend.fs.dir',
];
const HA_KEYS = ['high-availability.type', 'recovery.mode', 'high-availability'];
/** DefaultValidator.FORBIDDEN_CONF_KEYS */
const FORBIDDEN_KEYS = ['kubernetes.namespace', 'kubernetes.cluster-id', 'high-availability.cluster-id'];
/** DefaultValidator.DEPLOYMENT_NAME_PATTERN: also what the operator requires of a session job's `deploymentName`. */
const DEPLOYMENT_NAME = /^[a-z]([-a-z\d]{0,43}[a-z\d])?$/;
const OP = 'kubernetes.operator.';

export interface OperatorCheckInput {
  job: ResolvedJob;
  manifest: YamlSource;
  project?: ProjectSpec;
  projectSource?: YamlSource;
}

/** Where a setting of the resolved job was written: the layer with the highest precedence that sets it. */
interface Site {
  source: YamlSource;
  path: YamlPath;
}

function hasPath(value: unknown, path: YamlPath): boolean {
  let node = value;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !(String(segment) in node)) return false;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return node !== undefined;
}

/** job `environments.<env>` > project `environments.<env>` > job > project `defaults` (overlay.ts's order). */
function siteOf(input: OperatorCheckInput, path: YamlPath): Site | undefined {
  const env = input.job.environment;
  const layers: Site[] = [{ source: input.manifest, path: ['environments', env, ...path] }];
  if (input.projectSource) layers.push({ source: input.projectSource, path: ['environments', env, ...path] });
  layers.push({ source: input.manifest, path });
  if (input.projectSource) layers.push({ source: input.projectSource, path: ['defaults', ...path] });
  return layers.find((l) => hasPath(l.source.value, l.path));
}

function configured(conf: Readonly<Record<string, string>>, keys: readonly string[]): boolean {
  return keys.some((k) => conf[k] !== undefined && conf[k].trim() !== '');
}

function haEnabled(conf: Readonly<Record<string, string>>): boolean {
  const key = HA_KEYS.find((k) => conf[k] !== undefined);
  return key !== undefined && conf[key]!.trim().toUpperCase() !== 'NONE';
}

function truthy(conf: Readonly<Record<string, string>>, key: string): boolean {
  return conf[key]?.trim().toLowerCase() === 'true';
}

type Report = (site: Site | undefined, rule: string, message: string, hint: string, target?: 'key' | 'value') => void;

/** The operator's rules for one job in one environment, as positioned diagnostics (errors). */
export function checkOperatorRequirements(input: OperatorCheckInput): Diagnostic[] {
  const { job } = input;
  const out: Diagnostic[] = [];
  const env = `environment \`${job.environment}\``;
  const report: Report = (site, rule, message, hint, target = 'value') => {
    // No layer wrote it: a built-in default caused it; the job's name stands for the job.
    const at = site ?? { source: input.manifest, path: ['name'] };
    out.push(diagnosticAtPath(at.source, at.path, target, { severity: 'error', rule, message, hint }));
  };
  if (!job.enabled) return out;
  const conf = job.flinkConfiguration;
  const upgradeSite = siteOf(input, ['upgradeMode']);
  const upgradeMode = `upgradeMode \`${job.upgradeMode}\`${upgradeSite ? '' : ` (StreamPilot's default)`}`;

  for (const key of Object.keys(conf)) {
    // DefaultValidator.validateFlinkDeploymentConfig
    if (FORBIDDEN_KEYS.includes(key))
      report(
        siteOf(input, ['flinkConfiguration', key]),
        'operator/forbidden-config-key',
        `the Flink operator refuses \`flinkConfiguration.${key}\` (${env}): it sets this option itself`,
        'remove it; the namespace comes from `namespace`, the cluster id from the job name',
        'key',
      );
  }
  if (truthy(conf, `${OP}deployment.rollback.enabled`) && !haEnabled(conf))
    report(
      siteOf(input, ['flinkConfiguration', `${OP}deployment.rollback.enabled`]),
      'operator/high-availability',
      `the Flink operator rolls a deployment back only with high availability, and ${env} does not enable it`,
      'set `flinkConfiguration.high-availability.type: kubernetes` (and `high-availability.storageDir`), or remove the rollback option',
    );
  const jmReplicas = job.resources.jobManager?.replicas ?? 1;
  if (job.mode === 'application' && jmReplicas > 1 && !haEnabled(conf))
    report(
      siteOf(input, ['resources', 'jobManager', 'replicas']),
      'operator/high-availability',
      `${jmReplicas} JobManager replicas need high availability, and ${env} does not enable it: the Flink operator refuses standby JobManagers without it`,
      'set `flinkConfiguration.high-availability.type: kubernetes` (and `high-availability.storageDir`), or use one replica',
    );

  // DefaultValidator.validateJobSpec. A session job also gets its session cluster's configuration,
  // which StreamPilot cannot see: only an application's is known in full.
  if (job.mode === 'application') {
    if (job.upgradeMode !== 'stateless' && !configured(conf, CHECKPOINT_DIR_KEYS))
      report(
        upgradeSite,
        'operator/checkpoint-dir',
        `${upgradeMode} needs a checkpoint directory, and none is set for ${env}: the Flink operator refuses a savepoint or last-state job without one`,
        'set `flinkConfiguration.state.checkpoints.dir` (and `state.savepoints.dir`) to a bucket all environments can write, e.g. s3://my-bucket/flink/checkpoints, in streampilot.yaml defaults; or use `upgradeMode: stateless` (upgrades then start without state)',
      );
    else if (job.upgradeMode === 'savepoint' && !configured(conf, SAVEPOINT_DIR_KEYS))
      report(
        upgradeSite,
        'operator/savepoint-dir',
        `${upgradeMode} needs a savepoint directory, and none is set for ${env}: the Flink operator refuses the job, since an upgrade could not take its savepoint`,
        'set `flinkConfiguration.state.savepoints.dir`, e.g. s3://my-bucket/flink/savepoints; or use `upgradeMode: last-state` or `stateless`',
      );
    if (conf[`${OP}periodic.savepoint.interval`] !== undefined && !configured(conf, SAVEPOINT_DIR_KEYS))
      report(
        siteOf(input, ['flinkConfiguration', `${OP}periodic.savepoint.interval`]),
        'operator/savepoint-dir',
        `periodic savepoints need a savepoint directory, and none is set for ${env}: the Flink operator refuses the job`,
        'set `flinkConfiguration.state.savepoints.dir`, or remove the periodic savepoint interval',
      );
    // DefaultValidator.validateDeploymentName: the FlinkDeployment is named after the job.
    if (!DEPLOYMENT_NAME.test(job.name))
      report(
        { source: input.manifest, path: ['name'] },
        'operator/name',
        `the Flink operator refuses the name \`${job.name}\` for a FlinkDeployment: it must start with a letter, hold only lower-case letters, digits and '-', end with a letter or digit, and have at most 45 characters`,
        'rename the job (its folder and `name`)',
      );
  } else {
    if (job.sessionCluster !== undefined && !DEPLOYMENT_NAME.test(job.sessionCluster))
      report(
        siteOf(input, ['sessionCluster']),
        'operator/name',
        `the Flink operator refuses \`sessionCluster: ${job.sessionCluster}\` (${env}): a FlinkDeployment name starts with a letter, holds only lower-case letters, digits and '-', and has at most 45 characters`,
        'name the session FlinkDeployment as it is in the cluster',
      );
    const jarProblem = sessionJarProblem(job.runner.jarURI);
    if (jarProblem)
      report(
        siteOf(input, ['runner', 'jarURI']) ?? siteOf(input, ['mode']),
        'operator/jar-uri',
        `the Flink operator refuses a session job's jarURI \`${job.runner.jarURI}\`${siteOf(input, ['runner', 'jarURI']) ? '' : ' (the default runner.jarURI)'} (${env}): ${jarProblem}`,
        "a session job's jar is downloaded by the operator: set `runner.jarURI` to an https:// URL on a public host (the operator's default `kubernetes.operator.user.artifacts.allowed-schemes` is https only)",
      );
  }
  return out;
}

/** DefaultValidator.validateJarURI with the operator's default settings (https only, no private hosts). */
function sessionJarProblem(jarURI: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(jarURI)?.[1];
  if (!scheme) return 'it has no scheme';
  if (scheme.toLowerCase() !== 'https') return `its scheme \`${scheme}\` is not in the operator's allowlist [https]`;
  const host = /^https:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(jarURI)?.[1] ?? '';
  if (host === '') return 'it has no host';
  if (
    /^(localhost|127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.|\[)/i.test(host) ||
    /\.(svc|local)$/i.test(host)
  )
    return `its host \`${host}\` is a private or cluster-internal address, which the operator does not fetch from`;
  return undefined;
}
