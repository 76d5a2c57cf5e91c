/** The texts of `/deploy <env>`: refusals, progress and the outcome, in the command's one reply. */
import type { CommandAudit } from '../deploy/command-audit.js';
import { deployConclusion } from '../deploy/deploy-outcome.js';
import type { EnvironmentDeployReport } from '../deploy/types.js';
import { DEPLOY_COMMENT_MARKER, formatDeployComment } from './deploy-comment.js';

const code = (text: string) => `\`${text}\``;
const short = (sha: string) => sha.slice(0, 7);
const list = (items: readonly string[]) => items.map(code).join(', ');

/** The pull request is open (or closed unmerged): it has no merge commit to deploy. */
export function formatNotMerged(input: { environment: string; pullRequest: number; closed: boolean }): string {
  const state = input.closed ? 'was closed without being merged' : 'is not merged yet';
  return [
    `🙅 \`/deploy ${input.environment}\` deploys the merge commit of a pull request, and #${input.pullRequest} ${state}: there is nothing to deploy.`,
    '',
    input.closed
      ? 'Reopen and merge it, or give the command on the pull request that was merged.'
      : 'Merge it first (the environments that deploy on merge get it then), and give the command again.',
  ].join('\n');
}

/** The app has no cluster (or no builder) to deploy with. */
export function formatCannotDeploy(environment: string): string {
  return `🔌 This app cannot deploy to \`${environment}\`: it runs without access to clusters (no STREAMPILOT_KUBECONFIG or service account) or without a registry to take images from. \`streampilot deploy --env ${environment}\` does it from a terminal that can reach the cluster.`;
}

/** Something about the merge commit itself stops the promotion before anything is checked. */
export function formatNotDeployable(environment: string, sha: string, problems: readonly string[]): string {
  return [
    `🙅 Nothing was deployed to ${code(environment)}: the merge commit ${code(short(sha))} cannot be deployed there.`,
    '',
    ...problems.map((p) => `- ${p}`),
  ].join('\n');
}

/** The earlier environment does not run the commit healthy (yet). */
export function formatNotPromotable(input: {
  environment: string;
  after: string;
  sha: string;
  problems: readonly string[];
}): string {
  const { environment, after, sha } = input;
  return [
    `⏸️ Not deployed to ${code(environment)}: it comes after ${code(after)} (\`after: ${after}\`), and ${code(after)} does not run ${code(short(sha))} healthy yet:`,
    '',
    ...input.problems.map((p) => `- ${p}`),
    '',
    `When ${code(after)} runs this commit (RUNNING and STABLE), give the command again. \`/status --env ${after}\` shows what runs there now.`,
  ].join('\n');
}

/** The images would not be those the earlier environment runs. */
export function formatImagesDiffer(input: {
  environment: string;
  after: string;
  sha: string;
  problems: readonly string[];
}): string {
  return [
    `🙅 Not deployed to ${code(input.environment)}: a promotion deploys the images ${code(input.after)} was tested with, and for ${code(short(input.sha))} they are not the same any more:`,
    '',
    ...input.problems.map((p) => `- ${p}`),
    '',
    `Merge again (or redeploy ${code(input.after)}) so that ${code(input.after)} runs the images of now, then promote.`,
  ].join('\n');
}

export function formatCheckingEarlier(input: { environment: string; after: string; sha: string }): string {
  return `⏳ Checking that ${code(input.after)} runs ${code(short(input.sha))} healthy before deploying it to ${code(input.environment)}…`;
}

export interface DeployingInput {
  environment: string;
  sha: string;
  jobs: readonly string[];
  after?: string;
  /** Jobs whose image is the one `after` runs (found in the registry, not rebuilt). */
  same: readonly string[];
  /** Jobs with content of their own per environment, built (or found) for this one. */
  own: readonly string[];
}

/** What the reply says while the rollouts run. */
export function formatDeploying(input: DeployingInput): string {
  return [
    `⏳ Deploying ${code(short(input.sha))} to ${code(input.environment)}: ${list(input.jobs)}…`,
    '',
    ...images(input),
  ]
    .join('\n')
    .trimEnd();
}

function images(input: DeployingInput): string[] {
  const lines: string[] = [];
  if (input.after && input.same.length)
    lines.push(
      `Images: the ones ${code(input.after)} runs, by digest (found in the registry, nothing rebuilt) for ${list(input.same)}.`,
    );
  if (input.own.length)
    lines.push(
      `Built for ${code(input.environment)}: ${list(input.own)} (its image holds the environment's own variables).`,
    );
  return lines;
}

/** The end: the same per-job report a merge's deploy comment gives, with Web UI links. */
export function formatDeployed(
  input: DeployingInput & {
    report: EnvironmentDeployReport;
    checkRunUrl?: string;
    redact: (text: string) => string;
  },
): string {
  const conclusion = deployConclusion(input.report);
  const head =
    conclusion === 'failure'
      ? `💥 ${code(short(input.sha))} did not deploy cleanly to ${code(input.environment)}.`
      : `✅ Deployed ${code(short(input.sha))} to ${code(input.environment)}.`;
  const body = formatDeployComment([input.report], {
    sha: input.sha,
    ...(input.checkRunUrl ? { checkRunUrls: { [input.environment]: input.checkRunUrl } } : {}),
    redact: input.redact,
    // Room for the header and footer of the reply around it.
    maxLength: 60_000,
  })
    .split('\n')
    .filter((line) => line !== DEPLOY_COMMENT_MARKER && !line.startsWith('## StreamPilot deploy of'));
  return [head, '', ...images(input), '', ...body]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd();
}

/** A GitHub Deployment status description naming who asked: first, since GitHub cuts at 140 characters. */
export function commandDescription(audit: CommandAudit, text: string): string {
  const at = audit.at.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return `${audit.command} by @${audit.by} ${at}: ${text}`;
}
