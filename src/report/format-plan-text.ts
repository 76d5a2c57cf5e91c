import type { Plan } from '../plan/types.js';

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The plan as a person reads it in a terminal: one table per environment. */
export function formatPlanText(plan: Plan): string {
  const out: string[] = [];
  for (const env of plan.environments) {
    const trigger = env.deployOn === 'merge' ? 'deploys on merge' : `deploys on \`/deploy ${env.name}\``;
    const context = env.kubeContext ? `context ${env.kubeContext}` : 'in-cluster';
    const after = env.after ? `, after ${env.after}` : '';
    out.push(`Environment ${env.name} (namespace ${env.namespace}, ${context}, ${trigger}${after})`);
    if (env.jobs.length === 0 && !env.unplanned?.length) {
      out.push('  no jobs', '');
      continue;
    }
    const rows = [['JOB', 'MODE', 'PARALLELISM', 'UPGRADE', 'APPLIES', 'IMAGE']];
    for (const job of env.jobs) {
      const applies = !job.enabled
        ? 'nothing (disabled here)'
        : job.blocked
          ? 'nothing (has errors)'
          : `${job.object.kind} ${job.object.metadata.namespace ?? env.namespace}/${job.object.metadata.name}`;
      rows.push([
        job.name,
        job.mode,
        String(job.parallelism),
        job.upgradeMode,
        applies,
        job.mode === 'session'
          ? '(session cluster image)'
          : job.sameImageAs
            ? `${job.image} (same image as ${job.sameImageAs})`
            : job.image,
      ]);
    }
    // Jobs with no plan are listed too: a job missing from the table would look like one that is fine.
    for (const job of env.unplanned ?? []) rows.push([job.name, '-', '-', '-', `nothing (${job.reason})`, '-']);
    out.push(...table(rows).map((l) => `  ${l}`), '');
  }
  return out.join('\n');
}
