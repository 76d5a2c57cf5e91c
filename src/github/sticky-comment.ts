import type { GitHubClient, IssueCommentData, RepoRef } from './types.js';

type Issues = Pick<GitHubClient['rest']['issues'], 'listComments' | 'createComment' | 'updateComment'>;
type IssuesClient = { rest: { issues: Issues } };

export interface StickyComment {
  /** A hidden HTML comment at the start of the body, e.g. `<!-- streampilot:plan -->`. */
  marker: string;
  body: string;
  /** Only comments written by this app count (its id on `performed_via_github_app`), when known. */
  appId?: number;
  /**
   * Asked just before writing; false leaves the comment as it is (outcome `stale`). The plan
   * comment uses it so that an older commit's result never replaces the newer one's.
   */
  stillCurrent?: () => Promise<boolean>;
}

export type StickyOutcome =
  { action: 'created' | 'updated' | 'unchanged'; id: number } | { action: 'stale'; id?: number };

const PER_PAGE = 100;
/** A pull request with more than 3,000 comments gets a new sticky comment rather than a long scan. */
const MAX_PAGES = 30;

/** The bot's comment carrying `marker` on an issue or pull request, if any (reads only). */
export async function findStickyComment(
  octokit: IssuesClient,
  repo: RepoRef,
  issueNumber: number,
  marker: string,
  appId?: number,
): Promise<IssueCommentData | undefined> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await octokit.rest.issues.listComments({
      ...repo,
      issue_number: issueNumber,
      per_page: PER_PAGE,
      page,
    });
    const found = data.find((c) => isOurs(c, marker, appId));
    if (found) return found;
    if (data.length < PER_PAGE) return undefined;
  }
  return undefined;
}

/**
 * One comment per pull request, edited in place. Writes: one (create or edit), none when the
 * body is already what it would become — a redelivery or re-run costs no comment write.
 */
export async function upsertStickyComment(
  octokit: IssuesClient,
  repo: RepoRef,
  issueNumber: number,
  comment: StickyComment,
): Promise<StickyOutcome> {
  if (!comment.body.startsWith(comment.marker))
    throw new Error(`sticky comment body must start with its marker ${comment.marker}`);
  const existing = await findStickyComment(octokit, repo, issueNumber, comment.marker, comment.appId);
  if (existing?.body === comment.body) return { action: 'unchanged', id: existing.id };
  if (comment.stillCurrent && !(await comment.stillCurrent()))
    return { action: 'stale', ...(existing ? { id: existing.id } : {}) };
  if (!existing) {
    const { data } = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: issueNumber,
      body: comment.body,
    });
    return { action: 'created', id: data.id };
  }
  await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body: comment.body });
  return { action: 'updated', id: existing.id };
}

function isOurs(c: IssueCommentData, marker: string, appId: number | undefined): boolean {
  if (!c.body?.startsWith(marker)) return false;
  // A person quoting our comment keeps the marker; only a bot account can be us.
  if (c.user?.type !== undefined && c.user.type !== 'Bot') return false;
  if (appId !== undefined && c.performed_via_github_app && c.performed_via_github_app.id !== appId) return false;
  return true;
}
