import type { Diagnostic } from '../diagnostics.js';
import type { DeployOn, JobMode, ResolvedJob, UpgradeMode } from '../manifest/types.js';

/** The part of any Kubernetes object the plan names. */
export interface KubeObjectRef {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

export interface PlannedJob {
  name: string;
  /** The job's folder, repository-relative. */
  dir: string;
  mode: JobMode;
  flinkVersion: string;
  /** Content-addressed image reference the job would run. */
  image: string;
  parallelism: number;
  upgradeMode: UpgradeMode;
  /** What would be applied, in full. */
  object: KubeObjectRef & Record<string, unknown>;
  /** False when the job's manifest disables it for this environment. */
  enabled: boolean;
  /** The job has errors: nothing of it would be applied. */
  blocked: boolean;
  /** The normalised script the runner executes ('' when blocked). */
  script: string;
  /** The settings it was rendered from (defaults < job < environment). */
  job: ResolvedJob;
  /**
   * An earlier environment of the plan whose image for this job is this very one (the `after`
   * environment when it qualifies): promoting deploys what ran there, nothing is built again.
   */
  sameImageAs?: string;
}

export interface PlannedEnvironment {
  name: string;
  namespace: string;
  deployOn: DeployOn;
  kubeContext?: string;
  after?: string;
  jobs: PlannedJob[];
  /** Jobs of the repository that have no plan here (their manifest or rendering failed): the findings say why. */
  unplanned?: UnplannedJob[];
}

export interface UnplannedJob {
  name: string;
  dir: string;
  /** Why, in a few words, for a list of jobs (`build`'s): the findings give the detail. */
  reason: string;
}

/** What merging would deploy, per environment. Pure data: renderers and later workflows read it. */
export interface Plan {
  environments: PlannedEnvironment[];
}

/** A repository checked: its findings, its plan, and the texts the findings point into. */
export interface CheckResult {
  diagnostics: Diagnostic[];
  plan: Plan;
  /** Texts of every file a diagnostic may name, for code frames. */
  sources: Map<string, string>;
}
