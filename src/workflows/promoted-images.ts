import type { JobBuildOutcome } from './build-images.js';

/** How a promoted job's image relates to the one its earlier environment runs. */
export type ImageDecision =
  /** The same content: the image the earlier environment runs, by its digest. */
  | { job: string; kind: 'same'; image: string }
  /** Content that differs by environment (a job on its own runner gets each environment's variables): built for it. */
  | { job: string; kind: 'own' }
  /** The commit now makes another image than the one tested there (a base tag or dependency moved): refused. */
  | { job: string; kind: 'moved'; problem: string };

/** `repository:tag` of `repository:tag@sha256:…`. */
export const withoutDigest = (image: string): string => image.replace(/@sha256:[0-9a-f]{64}$/, '');

/**
 * Compares what the commit makes for the target environment (looked up, not built) with what
 * the earlier environment runs. Images are content-addressed, so the same tag is the same
 * content; a different tag is either the environment's own content (the earlier environment's
 * own look-up gives the tag it runs) or inputs that moved since it was deployed, which would put
 * an untested image in production. `running` maps a job to the image the earlier environment
 * runs; jobs without one (not there, session mode) have nothing to compare.
 */
export function decideImages(
  target: readonly JobBuildOutcome[],
  earlier: readonly JobBuildOutcome[],
  running: ReadonlyMap<string, string>,
  after: string,
): ImageDecision[] {
  const earlierOf = new Map(earlier.map((o) => [o.job, o]));
  const out: ImageDecision[] = [];
  for (const outcome of target) {
    const live = running.get(outcome.job);
    const made = referenceOf(outcome);
    if (live === undefined || made === undefined) continue;
    const liveRef = withoutDigest(live);
    if (made === liveRef) {
      out.push({ job: outcome.job, kind: 'same', image: live });
      continue;
    }
    const theirs = referenceOf(earlierOf.get(outcome.job));
    if (theirs === liveRef) out.push({ job: outcome.job, kind: 'own' });
    else
      out.push({
        job: outcome.job,
        kind: 'moved',
        problem: `\`${outcome.job}\`: ${after} runs \`${liveRef}\`, but this commit now makes \`${made}\` (its base image or a dependency moved since ${after} was deployed)`,
      });
  }
  return out;
}

/** What a look-up names: the content-addressed reference, or the base image a `build: configmap` job runs on. */
function referenceOf(outcome: JobBuildOutcome | undefined): string | undefined {
  if (!outcome) return undefined;
  if (outcome.status === 'exists' || outcome.status === 'would-build') return outcome.reference;
  if (outcome.status === 'no-image') return withoutDigest(outcome.image);
  return undefined;
}

/**
 * After the build: each `same` job must have been found in the registry (`reused`, nothing
 * rebuilt) at the digest the earlier environment runs. A configmap job runs the pinned base the
 * earlier environment runs, even if its tag moved since. Returns the outcomes to deploy, or the
 * jobs whose image is not that one.
 */
export function pinToEarlier(
  built: readonly JobBuildOutcome[],
  decisions: readonly ImageDecision[],
  after: string,
): { outcomes: JobBuildOutcome[]; problems: string[] } {
  const same = new Map(
    decisions.filter((d): d is Extract<ImageDecision, { kind: 'same' }> => d.kind === 'same').map((d) => [d.job, d]),
  );
  const problems: string[] = [];
  const outcomes = built.map((outcome): JobBuildOutcome => {
    const wanted = same.get(outcome.job);
    if (!wanted) return outcome;
    if (outcome.status === 'no-image') return { ...outcome, image: wanted.image };
    if (outcome.status === 'reused' || outcome.status === 'built') {
      const got = `${outcome.image.reference}@${outcome.image.digest}`;
      if (outcome.status !== 'reused' || got !== wanted.image)
        problems.push(
          `\`${outcome.job}\`: ${after} runs \`${wanted.image}\`, but the registry now gives \`${got}\`${outcome.status === 'built' ? ' (it had to be built again: the registry no longer had it)' : ''}`,
        );
    }
    return outcome;
  });
  return { outcomes, problems };
}
