import type { Diagnostic, Severity } from '../diagnostics.js';
import type { ProjectSpec, ResolvedJob } from '../manifest/types.js';
import type { SqlUnit } from '../sql/build-units.js';
import type { Range } from '../text/source.js';

export type { SqlUnit };

/**
 * The settings of a job that rules may read. Narrow on purpose: a job's rule results are reused
 * across environments whose values of exactly these fields (and SQL text) agree, so a rule
 * reading another field would get another environment's answer. Add a field here, not around it.
 */
export const RULE_JOB_FIELDS = [
  'dir',
  'mode',
  'flinkVersion',
  'dependencies',
  'externalTables',
  'tableSchemas',
  'packaging',
  'runner',
] as const satisfies readonly (keyof ResolvedJob)[];
export type RuleJob = Pick<ResolvedJob, (typeof RULE_JOB_FIELDS)[number]>;
export type RuleProject = Pick<ProjectSpec, 'provided'>;

/** What the rules see: a job's SQL files in the order they run, and its manifests when known. */
export interface RuleContext {
  units: SqlUnit[];
  /** The job as deployed to one environment; absent when validating loose .sql files. */
  job?: RuleJob;
  project?: RuleProject;
  /** True when `units` is a whole job (rules such as "no INSERT" only speak then). */
  wholeJob: boolean;
  /** The Flink version of loose files (`validate --flink-version`); a job's own is `job.flinkVersion`. */
  flinkVersion?: string;
}

export interface Finding {
  unit: SqlUnit;
  /** Range in `unit.text` (the substituted text); the engine maps it back. */
  range: Range;
  message: string;
  hint?: string;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
}

export interface Rule {
  /** Stable id shown to users: `sql/unknown-table`. */
  id: string;
  severity: Severity;
  /** One line for `--help` and the README. */
  description: string;
  /** Speaks only when the context is a whole job. */
  wholeJobOnly?: boolean;
  check(ctx: RuleContext, report: (finding: Finding) => void): void;
}

export type { Diagnostic };
