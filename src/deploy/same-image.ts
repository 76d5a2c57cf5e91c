import type { EnvironmentDeployReport } from './types.js';

/**
 * Marks each job of `report` that now runs the very image (by digest) an earlier environment's
 * report shows running: a promotion that deploys what ran there. The `after` environment is
 * named first when it qualifies.
 */
export function markSameImages(
  report: EnvironmentDeployReport,
  earlier: readonly EnvironmentDeployReport[],
  after?: string,
): EnvironmentDeployReport {
  const ordered = [...earlier].sort((a, b) => Number(b.environment === after) - Number(a.environment === after));
  const jobs = report.jobs.map((job) => {
    if (!job.image || !job.image.includes('@') || (job.state !== 'running' && job.state !== 'unchanged')) return job;
    const match = ordered.find((r) =>
      r.jobs.some(
        (o) => o.job === job.job && o.image === job.image && (o.state === 'running' || o.state === 'unchanged'),
      ),
    );
    return match ? { ...job, sameImageAs: match.environment } : job;
  });
  return { ...report, jobs };
}
