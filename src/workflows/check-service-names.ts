import type { Diagnostic } from '../diagnostics.js';
import type { Plan } from '../plan/types.js';
import { diagnosticAtPath, type YamlSource } from '../manifest/yaml-document.js';

/** The Flink operator names an application's REST Service after it: `<name>-rest`. */
const REST_SUFFIX = '-rest';

/**
 * Jobs `x` and `x-rest` in one namespace: the operator creates the Service `x-rest` for job `x`,
 * and job `x-rest`'s cluster needs that name too, so one of the two deploys fails (or answers
 * for the other) only once both are applied. Reported at the `name` of the `-rest` job, once,
 * listing every environment where the two meet.
 */
export function checkServiceNames(plan: Plan, manifestOf: (jobName: string) => YamlSource | undefined): Diagnostic[] {
  const meetings = new Map<string, { job: string; owner: string; places: string[] }>();
  for (const env of plan.environments) {
    // Only application-mode jobs get a cluster, and so Services, of their own.
    const applications = env.jobs.filter((j) => j.enabled && j.mode === 'application');
    const byPlace = new Set(applications.map((j) => `${j.job.namespace}/${j.name}`));
    for (const job of applications) {
      if (!job.name.endsWith(REST_SUFFIX)) continue;
      const owner = job.name.slice(0, -REST_SUFFIX.length);
      if (!byPlace.has(`${job.job.namespace}/${owner}`)) continue;
      const key = `${job.name}\u0000${owner}`;
      const meeting = meetings.get(key) ?? { job: job.name, owner, places: [] };
      meeting.places.push(`\`${job.job.namespace}\` (environment ${env.name})`);
      meetings.set(key, meeting);
    }
  }
  const out: Diagnostic[] = [];
  for (const { job, owner, places } of meetings.values()) {
    const manifest = manifestOf(job);
    if (!manifest) continue;
    out.push(
      diagnosticAtPath(manifest, ['name'], 'value', {
        severity: 'error',
        rule: 'manifest/reference',
        message: `job \`${job}\` collides with the Service \`${job}\` that the Flink operator creates for job \`${owner}\`, in namespace${places.length > 1 ? 's' : ''} ${places.join(', ')}`,
        hint: `rename this job (its folder and \`name\`) so that it does not end in \`${REST_SUFFIX}\`, or deploy the two to different namespaces`,
      }),
    );
  }
  return out;
}
