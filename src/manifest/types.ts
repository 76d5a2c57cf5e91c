/**
 * The repository format StreamPilot owns: `streampilot.yaml` (Project) and
 * `jobs/<name>/job.yaml` (FlinkSqlJob), as read from YAML after schema validation, and the
 * per-environment ResolvedJob that overlay merging produces for rendering and planning.
 * `schemas/*.schema.json` are the authority on what is allowed; these types mirror them.
 */

export type JobMode = 'application' | 'session';
export type UpgradeMode = 'stateless' | 'savepoint' | 'last-state';
export type DeployOn = 'merge' | 'command';

export interface ComponentResources {
  /** CPU cores, e.g. 0.5, 1, 2. */
  cpu?: number;
  /** Memory as Flink writes it: "2048m", "2g". */
  memory?: string;
  /** JobManager replicas (HA) / TaskManager replicas (fixed count). */
  replicas?: number;
}

export interface Resources {
  jobManager?: ComponentResources;
  taskManager?: ComponentResources & { taskSlots?: number };
}

/** How the image runs the SQL: the jar the operator starts and its arguments. */
export interface RunnerSpec {
  /** e.g. local:///opt/flink/usrlib/sql-runner.jar */
  jarURI: string;
  /** Arguments; `{{script}}` stands for the path of the job's normalised SQL script in the image. */
  args?: string[];
  /** Where the job's SQL script lives inside the image. */
  scriptPath?: string;
  /** Main class for runners whose jar has no Main-Class manifest entry. */
  entryClass?: string;
}

/** A key of a Kubernetes Secret in the job's namespace: a reference, never the value. */
export interface SecretRef {
  /** The Secret's name (a DNS-1123 subdomain). */
  secret: string;
  /** The key in the Secret's data. */
  key: string;
}

/** Settings every job inherits, and each environment may override. */
export interface JobSettings {
  flinkVersion?: string;
  namespace?: string;
  baseImage?: string;
  runner?: RunnerSpec;
  parallelism?: number;
  upgradeMode?: UpgradeMode;
  resources?: Resources;
  flinkConfiguration?: Record<string, string>;
  serviceAccount?: string;
  variables?: Record<string, string>;
  /**
   * Variables whose values live in Kubernetes Secrets of the job's namespace: the name, as
   * `${name}` in the SQL, to the Secret and key. Merged key by key across layers, like `variables`.
   */
  secrets?: Record<string, SecretRef>;
  /** Session mode: the FlinkDeployment (session cluster) jobs are submitted to. */
  sessionCluster?: string;
}

/** How deploys behave: `deploy` in streampilot.yaml, and per environment (keys override one by one). */
export interface DeploySettingsSpec {
  /** How long a deploy follows a job before reporting it timed out: `90s`, `10m`, `1h30m`. Default 10m. */
  timeout?: string;
  /** true: delete a job's resources once its folder is gone from Git; false (default): report them and leave them running. */
  prune?: boolean;
}

/** The comment commands that act on one environment, each configurable in `environments.<env>.commands`. */
export type EnvironmentCommand = 'deploy' | 'savepoint' | 'restart' | 'suspend' | 'resume' | 'rollback' | 'status';

/**
 * `writers`: write access to the repository is enough; `allowed`: the environment's `allowed`
 * users and teams only; a list: these users (`octocat`) and teams (`org/team`) only.
 */
export type CommandPermission = 'writers' | 'allowed' | string[];

export type CommandPermissions = Partial<Record<EnvironmentCommand, CommandPermission>>;

export interface EnvironmentSpec extends JobSettings {
  /** kubeconfig context; absent means in-cluster configuration. */
  kubeContext?: string;
  deployOn?: DeployOn;
  /** Promotion order: this environment deploys only what has reached `after`. */
  after?: string;
  /** GitHub teams (`org/team`) or users allowed to `/deploy` here. */
  allowed?: string[];
  /** Who may give each comment command for this environment (besides write access, always required). */
  commands?: CommandPermissions;
  webUI?: { ingress?: string };
  /** Overrides the project's `deploy` settings, key by key, for this environment. */
  deploy?: DeploySettingsSpec;
}

/** One Maven repository (Central, a mirror, Artifactory) dependencies are resolved from. */
export interface MavenRepositorySpec {
  /** Short name used in messages, e.g. central, artifactory. */
  id: string;
  /** Base URL of the repository layout, e.g. https://repo.maven.apache.org/maven2/. */
  url: string;
  /**
   * Refused by the manifest check (and never read): credentials come from the operator's
   * `STREAMPILOT_MAVEN_<ID>_USERNAME` / `_PASSWORD`, pinned to `STREAMPILOT_MAVEN_<ID>_URL`.
   */
  username?: unknown;
  /** Refused like `username`. */
  password?: unknown;
  /** required (default): an artifact without a .sha256/.sha1 is refused; optional: accepted unverified. */
  checksums?: 'required' | 'optional';
}

export interface MavenSpec {
  /** Tried in order; replaces the default (Maven Central) when given. */
  repositories?: MavenRepositorySpec[];
}

export type BuilderName = 'registry' | 'docker';

/** Where a job's SQL script travels: inside its own image, or in a ConfigMap next to an unchanged base image. */
export type JobPackaging = 'image' | 'configmap';

/**
 * `build: configmap` in job.yaml: no image is built. The job runs on its `baseImage` as is (a
 * generic runner image that already holds the runner jar and the connectors), and its
 * normalised script ships in a ConfigMap mounted at `runner.scriptPath`.
 */
export type ConfigMapBuild = 'configmap';

/** How a job's image is built. */
export interface BuildSpec {
  /** registry (default): no daemon needed; docker: a Docker engine (implied by `dockerfile`). */
  builder?: BuilderName;
  /** The job's own Dockerfile, relative to the job's folder; its folder is the build context. */
  dockerfile?: string;
}

export interface ProjectSpec {
  apiVersion: 'streampilot.dev/v1';
  kind: 'Project';
  /** `owner/name`: the repository the CLI labels deployed objects with when the checkout has no git remote. */
  repository?: string;
  defaults?: JobSettings;
  registry?: { repository: string; insecure?: boolean };
  /** Connector identifiers whose jars the base image already carries (beyond Flink's built-ins). */
  provided?: { connectors?: string[] };
  /** Where `dependencies.maven` coordinates are downloaded from. */
  maven?: MavenSpec;
  /** How deploys behave (follow timeout, pruning); each environment may override it. */
  deploy?: DeploySettingsSpec;
  environments: Record<string, EnvironmentSpec>;
}

/** `running` (default) or `suspended`: the operator's `spec.job.state`. */
export type JobState = 'running' | 'suspended';

/** Start the job from a given savepoint, also when it already runs (the operator's savepoint redeploy). */
export interface RestoreFromSpec {
  /** Savepoint (or retained checkpoint) path, e.g. s3://bucket/savepoints/savepoint-1a2b3c-0123456789ab. */
  savepoint: string;
  /** Change it (1, 2, …) to restart from the same `savepoint` once more. */
  redeploy?: number;
}

/** How the job's state is handled: per job, and per environment in job.yaml (the later wins, key by key). */
export interface JobStateSettings {
  state?: JobState;
  /** Let a restore drop state that no operator of the new job claims (Flink's --allowNonRestoredState). */
  allowNonRestoredState?: boolean;
  restoreFrom?: RestoreFromSpec;
}

export interface JobEnvironmentOverride extends JobSettings, JobStateSettings {
  /**
   * false: this job is not deployed to that environment; if it runs there already, the deploy
   * suspends it (state kept) instead of leaving it running.
   */
  enabled?: boolean;
}

export interface JobSpec extends JobSettings, JobStateSettings {
  apiVersion: 'streampilot.dev/v1';
  kind: 'FlinkSqlJob';
  name: string;
  description?: string;
  mode?: JobMode;
  /** SQL files, relative to the job's folder, run in order. */
  sql: string[];
  dependencies?: { maven?: string[]; jars?: string[] };
  /** Tables the SQL uses that live in a catalog rather than being created by the script. */
  tables?: {
    external?: string[];
    /** SQL files (relative to the job folder) declaring catalog tables' schemas: read by the check, never run. */
    schemas?: string[];
  };
  /** Pod template file, relative to the job's folder. */
  podTemplate?: string;
  /** How the job's image is built (the same image for every environment), or `configmap`: no image at all. */
  build?: BuildSpec | ConfigMapBuild;
  environments?: Record<string, JobEnvironmentOverride>;
}

/** A job as it will be deployed to one environment: defaults < job < environment overrides merged. */
export interface ResolvedJob {
  name: string;
  /** The job's folder, relative to the repository root (posix separators). */
  dir: string;
  environment: string;
  mode: JobMode;
  flinkVersion: string;
  namespace: string;
  baseImage: string;
  runner: Required<Pick<RunnerSpec, 'jarURI'>> & RunnerSpec;
  parallelism: number;
  upgradeMode: UpgradeMode;
  resources: Resources;
  flinkConfiguration: Record<string, string>;
  serviceAccount?: string;
  variables: Record<string, string>;
  /** Secret variables: references to Secret keys; their values never pass through StreamPilot. */
  secrets: Record<string, SecretRef>;
  sessionCluster?: string;
  sql: string[];
  dependencies: { maven: string[]; jars: string[] };
  externalTables: string[];
  /** `tables.schemas`: DDL declaring catalog tables' columns, read by the check and never run (absent: none). */
  tableSchemas?: { file: string; text: string }[];
  /** Parsed pod template object, when the job has one. */
  podTemplate?: Record<string, unknown>;
  /**
   * How the job's SQL reaches its pods. Absent or `image`: in the job's own image, built as
   * `build` says. `configmap` (`build: configmap`): no image is built and `build` is absent;
   * the pods run `baseImage` (pinned by digest at deploy time) and the script comes from a
   * content-addressed ConfigMap (see src/render/render-deploy-objects.ts). Never `configmap`
   * together with session mode or dependencies: the manifest check refuses those.
   */
  packaging?: JobPackaging;
  /** How the image is built (job-level only: the same image serves every environment). */
  build?: BuildSpec;
  /** Where the job's image is pushed (the project's `registry`). */
  registry?: { repository: string; insecure?: boolean };
  webUI?: { ingress?: string };
  enabled: boolean;
  /** The operator's `spec.job.state`. */
  state: JobState;
  allowNonRestoredState?: boolean;
  restoreFrom?: RestoreFromSpec;
}
