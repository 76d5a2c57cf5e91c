import { commandHelp, parseCommand, type ParsedCommand } from '../commands/parse-command.js';
import { resolveTarget } from '../commands/resolve-target.js';
import { messageOf } from '../errors.js';
import {
  canWrite,
  memberOfAny,
  react,
  repositoryAccess,
  type CommandGitHubClient,
  type Reaction,
} from '../github/command-access.js';
import { pullRequestInput } from '../github/pull-request-input.js';
import { findStickyComment } from '../github/sticky-comment.js';
import type { RepoRef } from '../github/types.js';
import { commandPermission } from '../manifest/command-permissions.js';
import { PROJECT_FILE, parseProjectManifest } from '../manifest/load-project.js';
import { readRepositoryText } from '../manifest/repository-files.js';
import type { EnvironmentCommand, ProjectSpec } from '../manifest/types.js';
import {
  formatCommandFailure,
  commandReplyMarker,
  formatCommandReply,
  formatNeedsMembership,
  formatNeedsWrite,
  formatNotAvailable,
  formatPlanReply,
  formatRunning,
  formatUnknownOnBase,
  type CommandRequest,
} from '../report/command-reply.js';
import { COMMAND_OPERATIONS } from './command-operations.js';
import type { CommandComment, CommandOutcome, CommentCommandPorts, OperationResult } from './command-types.js';
import { fetchAndCheck, validatePullRequest } from './validate-pull-request.js';

export type { CommandComment, CommandOutcome, CommentCommandPorts } from './command-types.js';

/**
 * A command comment, start to end: 👀 at once, who may give it, then one reply (created once,
 * edited as it progresses), and 🚀 or 😕 on the command. Permissions are read from the base
 * branch's streampilot.yaml, which the pull request cannot change.
 */
export async function runCommentCommand(
  octokit: CommandGitHubClient,
  repo: RepoRef,
  comment: CommandComment,
  ports: CommentCommandPorts,
): Promise<CommandOutcome> {
  const parsed = parseCommand(comment.body);
  if (parsed.kind === 'ignore') return { outcome: 'ignored', writes: 0 };
  const line = parsed.kind === 'command' ? parsed.command.line : comment.body.trim().split(/\r?\n/, 1)[0]!;
  const request: CommandRequest = {
    line,
    author: comment.author,
    at: comment.createdAt,
    commentUrl: comment.htmlUrl,
    commentId: comment.id,
  };
  const where = `${repo.owner}/${repo.repo}#${comment.pullNumber}`;
  // A redelivery (or a second replica) of a command already answered, or being answered: never run twice.
  const answered = await findStickyComment(
    octokit,
    repo,
    comment.pullNumber,
    commandReplyMarker(comment.id),
    ports.appId,
  );
  if (answered) {
    ports.log.info(`command ${JSON.stringify(line)} on ${where} already has its reply ${answered.id}: not run again`);
    return { outcome: 'ignored', writes: 0, replyId: answered.id };
  }
  const reply = new Reply(octokit, repo, comment.pullNumber, request);
  let writes = 0;
  const finish = async (reaction: Reaction, outcome: CommandOutcome['outcome']): Promise<CommandOutcome> => {
    await react(octokit, repo, comment.id, reaction);
    writes++;
    return { outcome, writes: writes + reply.writes, ...(reply.id !== undefined ? { replyId: reply.id } : {}) };
  };

  await react(octokit, repo, comment.id, 'eyes');
  writes++;
  ports.log.info(`command ${JSON.stringify(line)} by ${comment.author} on ${where}`);
  try {
    if (parsed.kind === 'reply') {
      await reply.show(parsed.text);
      return await finish('confused', 'refused');
    }
    const command = parsed.command;
    const access = await repositoryAccess(octokit, repo, comment.author);
    const pr = (await octokit.rest.pulls.get({ ...repo, pull_number: comment.pullNumber })).data;
    if (!canWrite(access)) {
      const forkAuthor = Boolean(pr.head.repo?.fork) && pr.head.repo?.full_name.split('/')[0] === comment.author;
      ports.log.info(`command on ${where} refused: ${comment.author} has ${access.roleName}`);
      await reply.show(
        formatNeedsWrite({
          command: command.name,
          author: comment.author,
          repository: `${repo.owner}/${repo.repo}`,
          roleName: access.roleName,
          forkAuthor,
        }),
      );
      return await finish('confused', 'refused');
    }
    if (command.name === 'help') {
      await reply.show(commandHelp());
      return await finish('rocket', 'done');
    }
    const input = pullRequestInput(pr);
    const running = reply.showAfter(formatRunning(line), ports.runningAfterMs ?? 1500);
    try {
      if (command.name === 'plan') {
        const validated = await validatePullRequest(octokit, repo, input, ports);
        await running.cancel();
        await reply.show(
          formatPlanReply({
            headSha: input.headSha,
            conclusion: validated.conclusion,
            planUpdated: validated.comment !== undefined && validated.comment.action !== 'stale',
          }),
        );
        return await finish('rocket', 'done');
      }
      const result = await environmentCommand(octokit, repo, comment, command, input, ports, async (text) => {
        await running.cancel();
        await reply.show(text);
      });
      await running.cancel();
      await reply.show(result.text);
      return await finish(result.outcome === 'done' ? 'rocket' : 'confused', result.outcome);
    } finally {
      await running.cancel();
    }
  } catch (e) {
    ports.log.error(`command ${JSON.stringify(line)} on ${where} failed: ${ports.redact(messageOf(e))}`);
    try {
      await reply.show(
        ports.redact(formatCommandFailure(parsed.kind === 'command' ? parsed.command.name : line, messageOf(e))),
      );
    } catch (again) {
      ports.log.error(`could not answer the command on ${where}: ${ports.redact(messageOf(again))}`);
    }
    return await finish('confused', 'failed');
  }
}

/** A command about environments: the target from the plan, who may act there, then the command itself. */
async function environmentCommand(
  octokit: CommandGitHubClient,
  repo: RepoRef,
  comment: CommandComment,
  command: ParsedCommand,
  input: ReturnType<typeof pullRequestInput>,
  ports: CommentCommandPorts,
  progress: (text: string) => Promise<void>,
): Promise<OperationResult> {
  let base: ProjectSpec | undefined;
  const checked = await fetchAndCheck(octokit, repo, input, ports, (dir) => {
    const text = readRepositoryText(dir, PROJECT_FILE);
    if (text.ok) base = parseProjectManifest(text.text).spec;
  });
  const described = ports.describePlan({ ...checked, pullRequest: input });
  const changedJobs = described.jobs
    .filter((j) => j.change === 'new' || j.change === 'changed' || j.change === 'renamed')
    .map((j) => j.name);
  // The pull request's own view decides what the names mean; the base branch decides who may act.
  const plan = command.name === 'status' ? checked.base.plan : checked.head.plan;
  const scope = {
    environments: plan.environments.map((e) => ({
      name: e.name,
      jobs: e.jobs.filter((j) => j.enabled).map((j) => j.name),
    })),
    changedJobs,
  };
  const target = resolveTarget(command, scope);
  if (target.kind === 'reply') return { outcome: 'refused', text: target.text };

  const name = command.name as EnvironmentCommand;
  for (const environment of target.environments) {
    const spec = base?.environments[environment];
    if (!spec) return { outcome: 'refused', text: formatUnknownOnBase(command.name, environment) };
    const permission = commandPermission(spec, name);
    if (permission === 'writers') continue;
    const members = permission === 'allowed' ? (spec.allowed ?? []) : permission;
    const member = await memberOfAny(octokit, comment.author, members);
    if (member.via) {
      ports.log.info(`${comment.author} may ${command.name} in ${environment} as ${member.via}`);
      continue;
    }
    return {
      outcome: 'refused',
      text: formatNeedsMembership({
        command: command.name,
        environment,
        author: comment.author,
        members,
        permission,
        unreadable: member.unreadable,
      }),
    };
  }

  const operation = COMMAND_OPERATIONS[command.name];
  if (!operation || !base)
    return { outcome: 'not-available', text: formatNotAvailable(command.name, target.environments, target.jobs) };
  return operation({
    octokit,
    repo,
    comment,
    command,
    target: { environments: target.environments, jobs: target.jobs },
    checked,
    base,
    input,
    ports,
    progress,
  });
}

/** The one reply of a command: created on its first text, edited after. */
class Reply {
  id: number | undefined;
  writes = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly octokit: CommandGitHubClient,
    private readonly repo: RepoRef,
    private readonly issue: number,
    private readonly request: CommandRequest,
  ) {}

  show(text: string): Promise<void> {
    const body = formatCommandReply(this.request, text);
    this.pending = this.pending.then(async () => {
      if (this.id === undefined) {
        const { data } = await this.octokit.rest.issues.createComment({ ...this.repo, issue_number: this.issue, body });
        this.id = data.id;
      } else await this.octokit.rest.issues.updateComment({ ...this.repo, comment_id: this.id, body });
      this.writes++;
    });
    return this.pending;
  }

  /** Shows `text` after `ms` unless cancelled first; `cancel` waits for a write already started. */
  showAfter(text: string, ms: number): { cancel(): Promise<void> } {
    let started: Promise<void> | undefined;
    const timer = setTimeout(() => {
      started = this.show(text).catch(() => undefined);
    }, ms);
    return {
      cancel: async () => {
        clearTimeout(timer);
        await started;
      },
    };
  }
}
