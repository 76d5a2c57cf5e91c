import { comparePlans, type PlanComparison } from '../plan/compare-plans.js';
import { reviewerWarnings } from '../plan/reviewer-warnings.js';
import type { JobChange, JobRow } from '../report/check-run.js';
import { PLAN_COMMENT_MARKER, formatPlanComment } from '../report/plan-comment.js';
import type { ValidatePullRequestPorts } from '../workflows/validate-pull-request.js';
import type { CheckResult } from '../workflows/check-repository.js';

type Describe = ValidatePullRequestPorts['describePlan'];

/** Base and head compared: the summary's job rows and the plan comment. */
export const describePlan: Describe = ({ base, head, changes, pullRequest }) => {
  const comparison = comparePlans({ ...(hasProject(base) ? { base } : {}), head, changes });
  const warnings = reviewerWarnings(comparison);
  const body = formatPlanComment({ comparison, warnings, diagnostics: head.diagnostics, headSha: pullRequest.headSha });
  return { jobs: jobRows(head, comparison), comment: { marker: PLAN_COMMENT_MARKER, body } };
};

/** A base without streampilot.yaml: the pull request creates the project, everything is new. */
function hasProject(result: CheckResult): boolean {
  return !result.diagnostics.some((d) => d.file === 'streampilot.yaml' && d.rule === 'manifest/missing');
}

const WEIGHT: Record<JobChange, number> = { unchanged: 0, renamed: 1, changed: 2, new: 3, deleted: 4, invalid: 5 };

function jobRows(head: CheckResult, comparison: PlanComparison): JobRow[] {
  const rows = new Map<string, JobRow>();
  for (const env of head.plan.environments)
    for (const job of env.jobs) rows.set(job.name, { name: job.name, dir: job.dir, change: 'unchanged' });
  for (const env of [...comparison.merge, ...comparison.command]) {
    for (const job of env.jobs) {
      const dir = job.head?.dir ?? job.base?.dir ?? `jobs/${job.name}`;
      const row = rows.get(job.name) ?? { name: job.name, dir, change: 'unchanged' };
      // The same job may differ per environment (an override changed): the strongest change wins.
      if (WEIGHT[job.status] > WEIGHT[row.change ?? 'unchanged']) row.change = job.status;
      rows.set(job.name, row);
    }
  }
  return [...rows.values()];
}
