/** Builds rule contexts the way the engine does: variables substituted, parsed, positioned. */
import type { ResolvedJob, ProjectSpec } from '../../src/manifest/types.js';
import { buildSqlUnits } from '../../src/sql/build-units.js';
import type { RuleContext } from '../../src/rules/types.js';
import { resolvedJob } from '../support/resolved-job.js';

export const job = (overrides: Partial<ResolvedJob> = {}): ResolvedJob =>
  resolvedJob({
    name: 'orders',
    dir: 'jobs/orders',
    namespace: 'flink',
    baseImage: 'flink:1.20',
    parallelism: 1,
    upgradeMode: 'stateless',
    flinkConfiguration: {},
    ...overrides,
  });

export interface ContextOptions {
  job?: ResolvedJob;
  project?: ProjectSpec;
  wholeJob?: boolean;
  /** Fixtures must parse, or a "does not fire" test would pass for the wrong reason. */
  allowSyntaxErrors?: boolean;
}

/** One or more SQL files (`{ 'main.sql': '...' }`), in order. */
export function context(files: Record<string, string> | string, options: ContextOptions = {}): RuleContext {
  const sources =
    typeof files === 'string'
      ? [{ file: 'jobs/orders/main.sql', text: files }]
      : Object.entries(files).map(([file, text]) => ({ file, text }));
  const { units } = buildSqlUnits(
    sources,
    options.job
      ? { flinkVersion: options.job.flinkVersion, variables: options.job.variables }
      : { flinkVersion: '1.20' },
  );
  for (const u of units) {
    const issue = u.parsed.issues[0];
    if (issue && !options.allowSyntaxErrors)
      throw new Error(`fixture ${u.file} does not parse: ${issue.message} at offset ${issue.range.start}`);
  }
  const ctx: RuleContext = { units, wholeJob: options.wholeJob ?? true };
  if (options.job) ctx.job = options.job;
  if (options.project) ctx.project = options.project;
  return ctx;
}

export function project(provided: string[] = []): ProjectSpec {
  return {
    apiVersion: 'streampilot.dev/v1',
    kind: 'Project',
    environments: { staging: {} },
    provided: { connectors: provided },
  };
}

/** 1-based line/column of the n-th (0-based) occurrence of `needle` in `text`. */
export function at(text: string, needle: string, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`fixture: '${needle}' occurs fewer than ${nth + 1} times`);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}
