import { deployOnOf } from '../manifest/deploy-on.js';
import { DomainError, hintOf, messageOf } from '../errors.js';
import type { ResultCache } from '../cache/result-cache.js';
import type { CachedRepository, RemoteSpec } from '../git/repository-cache.js';
import {
  completeCheckRun,
  findCheckRun,
  startCheckRun,
  type CheckRunResult,
  type CheckRunTarget,
} from '../github/check-runs.js';
import { installationToken } from '../github/installation-token.js';
import type { GitHubClient, RepoRef } from '../github/types.js';
import { formatBuildCheckRun, type EnvironmentBuild } from '../report/build-check-run.js';
import { parseProjectManifest, PROJECT_FILE } from '../manifest/load-project.js';
import { readRepositoryText } from '../manifest/repository-files.js';
import type { ProjectSpec } from '../manifest/types.js';
import type { Provenance } from '../render/object-meta.js';
import { buildImages, type BuildPorts } from './build-images.js';
import { prepareDeploy, type PreparedJob } from './prepare-deploy.js';

export const BUILD_CHECK_NAME = 'StreamPilot / build';

/** A push to the default branch, reduced to what the build needs. */
export interface MergeInput {
  /** The pushed commit (`after` of the push event). */
  sha: string;
  /** The repository's clone URL (a push always comes from the repository itself, never a fork). */
  cloneUrl: string;
  /** Recorded on every object a deploy applies (commit, pull request, commit URL). */
  provenance?: Provenance;
}

export interface BuildOnMergePorts {
  repositories: { withRepository<T>(spec: RemoteSpec, work: (repo: CachedRepository) => Promise<T>): Promise<T> };
  /** The registry, Docker and Maven ports for this project's settings (its registry, `insecure`, Maven repositories). */
  buildPorts: (project: ProjectSpec) => BuildPorts | Promise<BuildPorts>;
  redact: (text: string) => string;
  log: { info(msg: string): void; warn(msg: string): void; error(msg: string): void };
  cache?: ResultCache;
}

export interface BuildOnMergeOutcome {
  checkRunId: number;
  conclusion: CheckRunResult['conclusion'];
  environments: EnvironmentBuild[];
  /** streampilot.yaml as merged, when it could be read. */
  project?: ProjectSpec;
  /** Per environment that deploys on merge: each job's objects, pinned to the images just built. */
  deploys: { environment: string; namespace: string; jobs: PreparedJob[] }[];
}

/**
 * A merge to the default branch: build and push the image of every job of each environment
 * that deploys on merge, and report each image's reference and digest in the check run
 * `StreamPilot / build` on the pushed commit. Whatever goes wrong ends in a completed run.
 */
export async function buildOnMerge(
  octokit: GitHubClient,
  repo: RepoRef,
  merge: MergeInput,
  ports: BuildOnMergePorts,
): Promise<BuildOnMergeOutcome> {
  // A build takes seconds: the run shows in progress at once (a redelivery reuses the run).
  const existing = await findCheckRun(octokit, repo, merge.sha, BUILD_CHECK_NAME);
  const target: CheckRunTarget = {
    name: BUILD_CHECK_NAME,
    headSha: merge.sha,
    ...(existing ? { id: existing.id } : {}),
  };
  target.id = await startCheckRun(octokit, repo, target);

  let environments: EnvironmentBuild[] = [];
  let built: Built = { environments: [], deploys: [] };
  let report: CheckRunResult;
  try {
    built = await fetchAndBuild(octokit, merge, ports);
    environments = built.environments;
    report = formatBuildCheckRun({ environments, redact: ports.redact });
  } catch (e) {
    ports.log.error(`building ${repo.owner}/${repo.repo} at ${merge.sha} failed: ${ports.redact(messageOf(e))}`);
    report = formatBuildCheckRun({ environments: [], redact: ports.redact, failure: failureOf(e) });
  }

  let checkRunId: number;
  try {
    checkRunId = await completeCheckRun(octokit, repo, target, report);
  } catch (e) {
    ports.log.error(
      `could not publish the result of ${BUILD_CHECK_NAME} on ${merge.sha}: ${ports.redact(messageOf(e))}`,
    );
    report = formatBuildCheckRun({
      environments: [],
      redact: ports.redact,
      failure: {
        reason: `GitHub refused the build result: ${messageOf(e)}`,
        hint: 'Look at the app log; push again to rebuild (unchanged images are reused).',
      },
    });
    checkRunId = await completeCheckRun(octokit, repo, target, report);
  }
  return {
    checkRunId,
    conclusion: report.conclusion,
    environments,
    deploys: built.deploys,
    ...(built.project ? { project: built.project } : {}),
  };
}

interface Built {
  environments: EnvironmentBuild[];
  project?: ProjectSpec;
  deploys: { environment: string; namespace: string; jobs: PreparedJob[] }[];
}

async function fetchAndBuild(octokit: GitHubClient, merge: MergeInput, ports: BuildOnMergePorts): Promise<Built> {
  // The token is for https only; a local path or file:// mirror (tests, mirrors) needs none.
  const token = /^https?:\/\//i.test(merge.cloneUrl) ? await installationToken(octokit) : undefined;
  return ports.repositories.withRepository(
    { cloneUrl: merge.cloneUrl, ...(token ? { token } : {}) },
    async (mirror) => {
      await mirror.fetch([merge.sha]);
      const tree = await mirror.materialise(merge.sha);
      try {
        const project = await readProject(tree.dir);
        const names = Object.entries(project.environments)
          .filter(([, env]) => deployOnOf(env) === 'merge')
          .map(([name]) => name);
        if (names.length === 0) return { environments: [], project, deploys: [] };
        const buildPorts = await ports.buildPorts(project);
        const builds: EnvironmentBuild[] = [];
        const deploys: Built['deploys'] = [];
        for (const environment of names) {
          const cache = ports.cache ? { cache: ports.cache } : {};
          const result = await buildImages(tree.dir, { environment, push: true, ...cache }, buildPorts);
          builds.push({ environment, outcomes: result.outcomes, diagnostics: result.diagnostics });
          // Rendered while the tree exists: the deploy that follows needs no checkout.
          const planned = result.environment;
          if (planned)
            deploys.push({
              environment,
              namespace: planned.namespace,
              jobs: prepareDeploy(planned, result.outcomes, { gitSha: merge.sha, ...merge.provenance }),
            });
        }
        return { environments: builds, project, deploys };
      } finally {
        await tree.dispose();
      }
    },
  );
}

/** The registry and environments come from streampilot.yaml before anything is built. */
export async function readProject(dir: string): Promise<ProjectSpec> {
  // Through the repository reader: a streampilot.yaml linked out of the repository is never read.
  const read = readRepositoryText(dir, PROJECT_FILE);
  if (!read.ok) {
    if (read.reason === 'missing')
      throw new MergeBuildError(
        `there is no ${PROJECT_FILE} at the root of the repository`,
        `add ${PROJECT_FILE} (see the README, "The repository format")`,
      );
    const why =
      read.reason === 'unreadable' ? read.problem : `it is a symbolic link out of the repository (${read.link})`;
    throw new MergeBuildError(
      `${PROJECT_FILE} cannot be read: ${why}`,
      `fix ${PROJECT_FILE}; \`streampilot check\` lists every problem`,
    );
  }
  const text = read.text;
  const loaded = parseProjectManifest(text);
  const error = loaded.diagnostics.find((d) => d.severity === 'error');
  if (!loaded.spec || error) {
    const where = error ? `${error.file}:${error.line}:${error.column}: ${error.message}` : 'it could not be read';
    throw new MergeBuildError(
      `${PROJECT_FILE} has errors (${where})`,
      `fix ${PROJECT_FILE}; \`streampilot check\` lists every problem`,
    );
  }
  return loaded.spec;
}

class MergeBuildError extends DomainError {}

function failureOf(e: unknown): { reason: string; hint?: string } {
  const hint = hintOf(e);
  const name = e instanceof Error && e.name === 'GitError' ? 'git: ' : '';
  return {
    reason: `${name}${messageOf(e)}`,
    hint: hint ?? 'Fix the problem above and push again; unchanged images are reused.',
  };
}
