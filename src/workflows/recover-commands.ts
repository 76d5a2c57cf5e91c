/**
 * After a restart: a command reply still saying "⏳ …" was left by a process that stopped while
 * the command ran. Nothing resumes a command (it may have changed half its jobs, and the person
 * who asked has moved on): its reply says it was interrupted, and the command gets 😕. Two
 * writes per interrupted command; none when there is none.
 */
import { messageOf } from '../errors.js';
import { react, type CommandGitHubClient } from '../github/command-access.js';
import type { IssueCommentData, RepoRef } from '../github/types.js';
import { COMMAND_REPLY_MARKER, formatInterruptedReply, replyInProgress } from '../report/command-reply.js';

/** How far back a reply left running is looked for: longer than any command runs. */
export const RECOVER_COMMANDS_SINCE_MS = 7 * 24 * 3_600_000;
const PER_PAGE = 100;
const MAX_PAGES = 30;

type Params<T> = T & { [parameter: string]: unknown };
export type RecoverCommandsClient = CommandGitHubClient & {
  rest: {
    issues: {
      listCommentsForRepo(
        params: Params<RepoRef & { since?: string; per_page?: number; page?: number }>,
      ): Promise<{ data: IssueCommentData[] }>;
    };
  };
};

export interface RecoverCommandsPorts {
  /** Only this app's replies count (`performed_via_github_app.id`), when known. */
  appId?: number;
  redact: (text: string) => string;
  log: { info(msg: string): void; warn(msg: string): void };
  now?: () => number;
}

/** Marks every reply of `repo` left running as interrupted; returns how many. */
export async function recoverCommands(
  octokit: RecoverCommandsClient,
  repo: RepoRef,
  ports: RecoverCommandsPorts,
): Promise<number> {
  const since = new Date((ports.now?.() ?? Date.now()) - RECOVER_COMMANDS_SINCE_MS).toISOString();
  const left: IssueCommentData[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await octokit.rest.issues.listCommentsForRepo({ ...repo, since, per_page: PER_PAGE, page });
    left.push(...data.filter((c) => isOurRunningReply(c, ports.appId)));
    if (data.length < PER_PAGE) break;
  }
  let marked = 0;
  for (const reply of left) {
    const interrupted = formatInterruptedReply(reply.body ?? '');
    if (!interrupted) continue;
    try {
      await octokit.rest.issues.updateComment({ ...repo, comment_id: reply.id, body: ports.redact(interrupted.body) });
      await react(octokit, repo, interrupted.commentId, 'confused');
      marked++;
    } catch (e) {
      ports.log.warn(
        `${repo.owner}/${repo.repo}: could not mark command reply ${reply.id} interrupted: ${ports.redact(messageOf(e))}`,
      );
    }
  }
  if (marked) ports.log.info(`${repo.owner}/${repo.repo}: ${marked} command(s) left running marked interrupted`);
  return marked;
}

function isOurRunningReply(c: IssueCommentData, appId: number | undefined): boolean {
  if (!c.body?.startsWith(COMMAND_REPLY_MARKER) || !replyInProgress(c.body)) return false;
  // A person quoting a reply keeps its text; only a bot account can be us.
  if (c.user?.type !== undefined && c.user.type !== 'Bot') return false;
  return !(appId !== undefined && c.performed_via_github_app && c.performed_via_github_app.id !== appId);
}
