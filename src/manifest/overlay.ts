import type { Diagnostic } from '../diagnostics.js';
import type {
  ComponentResources,
  JobSettings,
  JobSpec,
  ProjectSpec,
  Resources,
  ResolvedJob,
  RunnerSpec,
} from './types.js';
import { didYouMeanSuffix } from '../text/did-you-mean.js';
import { withDefaultResources } from './resource-defaults.js';
import { RUNNER_JAR_URI } from '../runner/runner-paths.js';
import { diagnosticAtPath, type YamlSource } from './yaml-document.js';

/**
 * What applies where nothing is set. upgradeMode is `savepoint`, not the operator's own
 * default `stateless`: a stateless upgrade silently throws away a streaming job's state, while
 * a savepoint upgrade without `state.savepoints.dir` fails loudly — losing state must be a choice.
 */
export const BUILT_IN_DEFAULTS = {
  flinkVersion: '1.20',
  namespace: 'default',
  mode: 'application',
  parallelism: 1,
  upgradeMode: 'savepoint',
  /** `{{flinkVersion}}` is replaced by the resolved version, at every layer. */
  baseImage: 'flink:{{flinkVersion}}',
  /** args and scriptPath have no default here: they depend on the mode, and the renderer owns them. */
  runner: { jarURI: RUNNER_JAR_URI },
} as const;

/**
 * Merges settings layers, lowest first. Scalars and `runner` are replaced by the later layer
 * that sets them; `flinkConfiguration`, `variables` and `secrets` merge key by key; `resources` merges key
 * by key inside `jobManager` and `taskManager`. Nothing can be removed by a later layer.
 */
export function mergeSettings(layers: readonly (JobSettings | undefined)[]): JobSettings {
  const out: JobSettings = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of SCALAR_KEYS) {
      const value = layer[key];
      if (value !== undefined) (out as Record<string, unknown>)[key] = value;
    }
    if (layer.runner !== undefined)
      out.runner = { ...layer.runner, ...(layer.runner.args ? { args: [...layer.runner.args] } : {}) };
    if (layer.flinkConfiguration) out.flinkConfiguration = { ...out.flinkConfiguration, ...layer.flinkConfiguration };
    if (layer.variables) out.variables = { ...out.variables, ...layer.variables };
    if (layer.secrets) out.secrets = { ...out.secrets, ...layer.secrets };
    if (layer.resources) out.resources = mergeResources(out.resources, layer.resources);
  }
  return out;
}

const SCALAR_KEYS = [
  'flinkVersion',
  'namespace',
  'baseImage',
  'parallelism',
  'upgradeMode',
  'serviceAccount',
  'sessionCluster',
] as const satisfies readonly (keyof JobSettings)[];

function mergeResources(base: Resources | undefined, over: Resources): Resources {
  const out: Resources = {};
  const jobManager = mergeComponent(base?.jobManager, over.jobManager);
  const taskManager = mergeComponent(base?.taskManager, over.taskManager);
  if (jobManager) out.jobManager = jobManager;
  if (taskManager) out.taskManager = taskManager;
  return out;
}

function mergeComponent<T extends ComponentResources>(base: T | undefined, over: T | undefined): T | undefined {
  if (!base && !over) return undefined;
  return { ...base, ...over } as T;
}

/** A job as the overlay needs it: its valid manifest, folder, and (for positions) its source. */
export interface ResolvableJob {
  spec: JobSpec;
  dir: string;
  manifest?: YamlSource;
  podTemplate?: { content: Record<string, unknown> };
  /** The `tables.schemas` files as read: DDL the check reads, never run. */
  tableSchemas?: { file: string; text: string }[];
}

/**
 * The job as it deploys to `environment`: built-in defaults < project `defaults` < job <
 * project `environments.<env>` < job `environments.<env>`. Pure; problems only visible after
 * merging (session mode without a session cluster) come back as diagnostics.
 */
export function resolveJob(
  project: ProjectSpec | undefined,
  job: ResolvableJob,
  environment: string,
  projectSource?: YamlSource,
): { job: ResolvedJob; diagnostics: Diagnostic[] } {
  const { spec } = job;
  const diagnostics: Diagnostic[] = [];
  const projectEnv = project?.environments[environment];
  if (project && !projectEnv && projectSource) {
    diagnostics.push(
      diagnosticAtPath(projectSource, ['environments'], 'key', {
        severity: 'error',
        rule: 'manifest/reference',
        message: `there is no environment \`${environment}\` in streampilot.yaml${didYouMeanSuffix(environment, Object.keys(project.environments))}`,
        hint: `environments: ${Object.keys(project.environments).join(', ')}`,
      }),
    );
  }
  const jobEnv = spec.environments?.[environment];
  const merged = mergeSettings([project?.defaults, settingsOf(spec), settingsOf(projectEnv), settingsOf(jobEnv)]);
  const flinkVersion = merged.flinkVersion ?? BUILT_IN_DEFAULTS.flinkVersion;
  const mode = spec.mode ?? BUILT_IN_DEFAULTS.mode;
  const runner: RunnerSpec = merged.runner ?? { jarURI: BUILT_IN_DEFAULTS.runner.jarURI };

  const resolved: ResolvedJob = {
    name: spec.name,
    dir: job.dir,
    environment,
    mode,
    flinkVersion,
    namespace: merged.namespace ?? BUILT_IN_DEFAULTS.namespace,
    baseImage: (merged.baseImage ?? BUILT_IN_DEFAULTS.baseImage).replaceAll('{{flinkVersion}}', flinkVersion),
    // args and scriptPath stay unset unless written: their defaults depend on the mode
    // and live with the renderer (src/render/runner-args.ts).
    runner: { ...runner },
    parallelism: merged.parallelism ?? BUILT_IN_DEFAULTS.parallelism,
    upgradeMode: merged.upgradeMode ?? BUILT_IN_DEFAULTS.upgradeMode,
    // Application mode only: a session job runs on its session cluster's JobManager and TaskManagers.
    resources:
      mode === 'application'
        ? withDefaultResources(merged.resources ?? {}, merged.flinkConfiguration ?? {})
        : (merged.resources ?? {}),
    flinkConfiguration: merged.flinkConfiguration ?? {},
    variables: merged.variables ?? {},
    secrets: merged.secrets ?? {},
    sql: [...spec.sql],
    dependencies: { maven: [...(spec.dependencies?.maven ?? [])], jars: [...(spec.dependencies?.jars ?? [])] },
    externalTables: [...(spec.tables?.external ?? [])],
    ...(job.tableSchemas && job.tableSchemas.length > 0 ? { tableSchemas: job.tableSchemas } : {}),
    enabled: jobEnv?.enabled ?? true,
    state: jobEnv?.state ?? spec.state ?? 'running',
  };
  const allowNonRestoredState = jobEnv?.allowNonRestoredState ?? spec.allowNonRestoredState;
  if (allowNonRestoredState !== undefined) resolved.allowNonRestoredState = allowNonRestoredState;
  // Savepoints belong to one environment's job: the environment's restoreFrom replaces the job's whole.
  const restoreFrom = jobEnv?.restoreFrom ?? spec.restoreFrom;
  if (restoreFrom) resolved.restoreFrom = { ...restoreFrom };
  if (merged.serviceAccount !== undefined) resolved.serviceAccount = merged.serviceAccount;
  if (merged.sessionCluster !== undefined) resolved.sessionCluster = merged.sessionCluster;
  if (job.podTemplate) resolved.podTemplate = job.podTemplate.content;
  if (spec.build === 'configmap') resolved.packaging = 'configmap';
  else if (spec.build) resolved.build = { ...spec.build };
  if (project?.registry) resolved.registry = { ...project.registry };
  if (projectEnv?.webUI) resolved.webUI = { ...projectEnv.webUI };

  if (mode === 'session' && resolved.enabled && resolved.sessionCluster === undefined && job.manifest) {
    diagnostics.push(
      diagnosticAtPath(job.manifest, ['mode'], 'value', {
        severity: 'error',
        rule: 'manifest/reference',
        message: `job \`${spec.name}\` runs in session mode, but no \`sessionCluster\` is set for environment \`${environment}\``,
        hint: `set sessionCluster (the session FlinkDeployment's name) in job.yaml, in its environments.${environment}, or in streampilot.yaml defaults or environments.${environment}`,
      }),
    );
  }
  return { job: resolved, diagnostics };
}

/** Every key of JobSettings; the type below fails to compile when one is added to JobSettings and not here. */
const SETTING_KEYS = [
  'flinkVersion',
  'namespace',
  'baseImage',
  'runner',
  'parallelism',
  'upgradeMode',
  'resources',
  'flinkConfiguration',
  'serviceAccount',
  'variables',
  'secrets',
  'sessionCluster',
] as const satisfies readonly (keyof JobSettings)[];
const everySettingListed: Exclude<keyof JobSettings, (typeof SETTING_KEYS)[number]> extends never ? true : never = true;
void everySettingListed;

/** Only the JobSettings part of a larger object, so that e.g. `enabled` or `kubeContext` never leak into the merge. */
function settingsOf(layer: JobSettings | undefined): JobSettings | undefined {
  if (!layer) return undefined;
  const settings: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) if (layer[key] !== undefined) settings[key] = layer[key];
  return settings as JobSettings;
}

/** The namespace an environment's jobs go to unless a job says otherwise: the one place this default is decided. */
export function environmentNamespace(project: ProjectSpec, environment: string): string {
  return project.environments[environment]?.namespace ?? project.defaults?.namespace ?? BUILT_IN_DEFAULTS.namespace;
}
