import type { JobBuildOutcome } from '../image/types.js';

/** One line per job: what was built or reused, with the digest deployments pin. */
export function formatBuildOutcomes(outcomes: readonly JobBuildOutcome[], options: { pushed: boolean }): string {
  if (outcomes.length === 0) return 'No jobs to build.';
  const lines = outcomes.map((o) => {
    switch (o.status) {
      case 'built':
        return `${o.job}  built and pushed  ${o.image.reference}@${o.image.digest}  (${o.builder} builder, ${o.image.bytesUploaded} bytes uploaded)`;
      case 'reused':
        return `${o.job}  unchanged, reused  ${o.image.reference}@${o.image.digest}`;
      case 'exists':
        return `${o.job}  already in the registry  ${o.reference}`;
      case 'would-build':
        return `${o.job}  would be built  ${o.reference}  (${o.builder} builder)`;
      case 'no-image':
        return `${o.job}  no image: SQL in a ConfigMap, runs on ${o.image}`;
      case 'skipped':
        return `${o.job}  skipped: ${o.reason}`;
      case 'failed':
        return `${o.job}  FAILED at ${o.step}: ${o.message}${o.hint ? `\n  hint: ${o.hint}` : ''}`;
    }
  });
  if (!options.pushed && outcomes.some((o) => o.status === 'would-build'))
    lines.push('', 'Nothing was built: add --push to build and push these images.');
  return lines.join('\n');
}
