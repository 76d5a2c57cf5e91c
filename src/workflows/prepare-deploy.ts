import type { PlannedEnvironment, PlannedJob } from '../plan/types.js';
import type { Provenance } from '../render/object-meta.js';
import { RenderError } from '../render/render-error.js';
import { renderDeployObjects } from '../render/render-deploy-objects.js';
import type { ResolvedJob } from '../manifest/types.js';
import type { DeployObjects, FlinkKind } from '../deploy/types.js';
import type { JobBuildOutcome } from './build-images.js';

/** One job of an environment, ready to deploy (its objects rendered) or skipped with the reason. */
export type PreparedJob =
  | { job: ResolvedJob; kind: FlinkKind; objects: DeployObjects; image?: string }
  | { job: ResolvedJob; kind: FlinkKind; skip: string; image?: string }
  /**
   * `enabled: false` here: nothing is created, but a resource of ours that runs already is
   * suspended (see suspend-disabled.ts), rendered from Git on the image it runs.
   */
  | { job: ResolvedJob; kind: FlinkKind; disabled: { script: string; provenance: Provenance } };

/**
 * The plan of one environment plus its build outcomes → the objects each job deploys, pinned to
 * the image digests just built (a tag can move; a digest cannot). A job whose build failed, or
 * which has errors, is skipped with the reason; a disabled job is created nowhere, and suspended
 * where it ran before.
 */
export function prepareDeploy(
  environment: PlannedEnvironment,
  builds: readonly JobBuildOutcome[],
  provenance: Provenance,
): PreparedJob[] {
  const byJob = new Map(builds.map((b) => [b.job, b]));
  return environment.jobs.map((planned) =>
    planned.enabled
      ? prepareJob(planned, byJob.get(planned.name), provenance)
      : {
          job: planned.job,
          kind: planned.mode === 'session' ? 'FlinkSessionJob' : 'FlinkDeployment',
          disabled: { script: planned.script, provenance },
        },
  );
}

function prepareJob(planned: PlannedJob, build: JobBuildOutcome | undefined, provenance: Provenance): PreparedJob {
  const job = planned.job;
  const kind: FlinkKind = planned.mode === 'session' ? 'FlinkSessionJob' : 'FlinkDeployment';
  if (planned.blocked)
    return { job, kind, skip: 'the job has errors (see the validate check): nothing of it is deployed' };
  let image: string | undefined;
  if (planned.mode === 'application') {
    const chosen = imageOf(build);
    if ('skip' in chosen) return { job, kind, skip: chosen.skip };
    image = chosen.image;
  }
  try {
    return {
      job,
      kind,
      objects: renderDeployObjects(job, { image: image ?? '', script: planned.script, ...provenance }),
      ...(image ? { image } : {}),
    };
  } catch (e) {
    if (e instanceof RenderError) return { job, kind, skip: `it cannot be rendered: ${e.message}` };
    throw e;
  }
}

function imageOf(build: JobBuildOutcome | undefined): { image: string } | { skip: string } {
  if (!build) return { skip: 'no image was built for it' };
  switch (build.status) {
    case 'built':
    case 'reused':
      // Kubernetes pulls `repo:tag@digest` by the digest; the tag stays for people reading it.
      return { image: `${build.image.reference}@${build.image.digest}` };
    case 'no-image':
      return { image: build.image };
    case 'failed':
      return { skip: `its image could not be built (${build.step}): ${build.message}` };
    case 'skipped':
      return { skip: build.reason };
    case 'would-build':
    case 'exists':
      return { skip: 'its image was only looked up, not pushed' };
  }
}
