import type { EnvironmentStatus } from '../deploy/types.js';
import type { CommandPermission } from '../manifest/types.js';
import { heldByCommandText, isHealthy } from './format-status.js';

/** Who asked, when and where: the footer of every reply, and its marker (one reply per command comment). */
export interface CommandRequest {
  /** The command's line as written. */
  line: string;
  author: string;
  /** ISO time the comment was written. */
  at: string;
  commentUrl: string;
  commentId: number;
}

export const COMMAND_REPLY_MARKER = '<!-- streampilot:command';

/** The first line of the reply to command comment `commentId`: how a redelivery or a restart finds it. */
export function commandReplyMarker(commentId: number): string {
  return `${COMMAND_REPLY_MARKER} ${commentId} -->`;
}

/** The reply still says the command runs (its text starts with ⏳): what a restart must not leave behind. */
export function replyInProgress(body: string): boolean {
  return body.split('\n', 2)[1]?.startsWith('⏳') ?? false;
}

/**
 * A reply left "running" by a process that stopped, marked failed: its footer kept (who asked, when,
 * the link), the text replaced. Undefined when `body` is no reply of ours.
 */
export function formatInterruptedReply(body: string): { commentId: number; body: string } | undefined {
  const lines = body.split('\n');
  const id = new RegExp(`^${COMMAND_REPLY_MARKER} (\\d+) -->$`).exec(lines[0] ?? '')?.[1];
  const footer = lines.at(-1) ?? '';
  if (!id || !footer.startsWith('<sub>')) return undefined;
  const line = /^<sub>`([^`]*)`/.exec(footer)?.[1] ?? 'the command';
  const text = [
    `💥 \`${line}\` was interrupted: StreamPilot restarted while it ran, and did not finish it.`,
    '',
    'It may have changed some jobs before it stopped: `/status` shows what runs now. Give the command again if it is still needed.',
  ].join('\n');
  return { commentId: Number(id), body: [lines[0], text, '', footer].join('\n') };
}

/** A reply: its text, then who asked, when, and a link to the command. */
export function formatCommandReply(request: CommandRequest, text: string): string {
  const when = request.at.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
  return [
    commandReplyMarker(request.commentId),
    text,
    '',
    `<sub>\`${request.line.replace(/`/g, "'")}\` · requested by @${request.author} at ${when} · [command](${request.commentUrl})</sub>`,
  ].join('\n');
}

export function formatRunning(line: string): string {
  return `⏳ Running \`${line.replace(/`/g, "'")}\`…`;
}

/** The commenter lacks write access. */
export function formatNeedsWrite(input: {
  command: string;
  author: string;
  repository: string;
  roleName: string;
  /** The pull request comes from a fork and the commenter opened it. */
  forkAuthor: boolean;
}): string {
  const role = input.roleName === 'none' ? 'no access' : `the \`${input.roleName}\` role`;
  const fork = input.forkAuthor
    ? ' Commands from the author of a pull request opened from a fork are not run on their behalf.'
    : '';
  return [
    `🙅 Sorry @${input.author}, \`/${input.command}\` needs write access to ${input.repository}, and you have ${role} there.${fork}`,
    '',
    'Ask someone with write access (or the maintain or admin role) to give the command.',
  ].join('\n');
}

/** The commenter can write but is not among those the environment's settings name. */
export function formatNeedsMembership(input: {
  command: string;
  environment: string;
  author: string;
  members: readonly string[];
  permission: CommandPermission;
  unreadable: readonly string[];
}): string {
  const setting =
    input.permission === 'allowed'
      ? `\`environments.${input.environment}.allowed\``
      : `\`environments.${input.environment}.commands.${input.command}\``;
  const lines = [
    `🙅 Sorry @${input.author}, \`/${input.command}\` in environment \`${input.environment}\` is limited to ${input.members.map((m) => `\`${m}\``).join(', ')} (${setting} in streampilot.yaml on the base branch), and you are not an active member of any of them.`,
    '',
    `Ask one of them to give the command, or change ${setting} in a pull request of its own.`,
  ];
  if (input.unreadable.length)
    lines.push(
      '',
      `The app could not read the members of ${input.unreadable.map((t) => `\`${t}\``).join(', ')}: it needs the organisation permission "Members: read".`,
    );
  return lines.join('\n');
}

/** An environment the pull request adds: its permissions come from a branch its author controls. */
export function formatUnknownOnBase(command: string, environment: string): string {
  return `🙅 \`/${command}\` for environment \`${environment}\` cannot run from this pull request: the base branch's streampilot.yaml has no environment \`${environment}\`, and who may operate it is read from there. Merge the environment first.`;
}

/** The operating commands of a later release: parsed, targeted and authorised, not carried out. */
export function formatNotAvailable(command: string, environments: readonly string[], jobs: readonly string[]): string {
  const target = [
    environments.length ? `environment ${environments.map((e) => `\`${e}\``).join(', ')}` : '',
    jobs.length ? `job${jobs.length === 1 ? '' : 's'} ${jobs.map((j) => `\`${j}\``).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [
    `🚧 \`/${command}\` is not available yet: this version of StreamPilot understands it and checks who may give it, but does not carry it out. Nothing was changed${target ? ` (it would act on ${target})` : ''}.`,
    '',
    'Until it is, use `kubectl` on the FlinkDeployment, or merge a change to deploy it.',
  ].join('\n');
}

export function formatNoClusterAccess(environments: readonly string[]): string {
  return `🔌 This app has no access to the clusters of ${environments.map((e) => `\`${e}\``).join(', ')} (it runs without STREAMPILOT_KUBECONFIG or a service account), so it cannot show what runs there. \`streampilot status --env <environment>\` shows it from a terminal that can reach the cluster.`;
}

/** `/status`: a table per environment, or why that environment could not be read. */
export function formatStatusReply(
  results: readonly ({ environment: string; status: EnvironmentStatus } | { environment: string; problem: string })[],
): string {
  const out: string[] = [];
  for (const result of results) {
    out.push(`### \`${result.environment}\``, '');
    if ('problem' in result) {
      out.push(`⚠️ ${result.problem}`, '');
      continue;
    }
    const { status } = result;
    if (!status.jobs.length) out.push('No job deploys to this environment.', '');
    else {
      out.push('| job | state | commit | Web UI |', '| --- | --- | --- | --- |');
      for (const job of status.jobs) {
        const state = !job.deployed
          ? '❔ not deployed'
          : `${isHealthy(job) ? '✅' : '⚠️'} ${job.jobState ?? 'no job state yet'}${job.lifecycleState ? ` (${job.lifecycleState})` : ''}${job.error ? `: ${cell(job.error)}` : ''}`;
        const commit = job.gitSha
          ? `\`${job.gitSha.slice(0, 12)}\`${job.pullRequest ? ` (#${job.pullRequest})` : ''}${job.rolledBack ? ` ⏪ rolled back to \`${job.rolledBack.to.slice(0, 12)}\`` : ''}`
          : '';
        const ui =
          job.webUi?.via === 'port-forward'
            ? `\`${cell(job.webUi.command)}\``
            : job.webUi
              ? `[open](${job.webUi.url})`
              : '';
        out.push(`| \`${job.job}\` | ${state} | ${commit} | ${ui} |`);
      }
      out.push('');
      for (const job of status.jobs)
        if (job.heldByCommand) out.push(`- ⏸️ \`${job.job}\` is ${heldByCommandText(job.heldByCommand)}.`);
      if (status.jobs.some((j) => j.heldByCommand)) out.push('');
    }
    for (const orphan of status.orphans)
      out.push(
        `- \`${orphan.name}\` is not in Git but still deployed (${orphan.kind} ${orphan.namespace}/${orphan.name})`,
      );
  }
  return out.join('\n').trimEnd();
}

export function formatPlanReply(input: { headSha: string; conclusion: string; planUpdated: boolean }): string {
  const verdict =
    input.conclusion === 'success'
      ? '✅ passed'
      : input.conclusion === 'neutral'
        ? 'ℹ️ passed with notes'
        : '❌ failed';
  return `Validated \`${input.headSha.slice(0, 12)}\` again: StreamPilot / validate ${verdict}.${input.planUpdated ? ' The plan comment is up to date.' : ''}`;
}

export function formatCommandFailure(command: string, reason: string): string {
  return `💥 \`/${command}\` failed: ${reason}\n\nNothing was changed. Try again; if it fails again, the app's log has the details.`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 300);
}
