import type { GitHubClient, RepoRef } from './types.js';

type Params<T> = T & { [parameter: string]: unknown };

/** What comment commands need beyond the validation's client: permissions, team membership, reactions. */
export type CommandGitHubClient = GitHubClient & {
  rest: {
    repos: {
      getCollaboratorPermissionLevel(
        params: Params<RepoRef & { username: string }>,
      ): Promise<{ data: { permission: string; role_name: string } }>;
    };
    teams: {
      getMembershipForUserInOrg(
        params: Params<{ org: string; team_slug: string; username: string }>,
      ): Promise<{ data: { state: string; role: string } }>;
    };
    reactions: {
      createForIssueComment(params: Params<RepoRef & { comment_id: number; content: Reaction }>): Promise<unknown>;
    };
  };
};

export type Reaction = 'eyes' | 'rocket' | 'confused';

/** A user's access to a repository, as GitHub states it. */
export interface RepositoryAccess {
  /** The base permission: admin, write, read or none (maintain counts as write, triage as read). */
  permission: string;
  /** The role itself: admin, maintain, write, triage, read, or an organisation's custom role. */
  roleName: string;
}

/**
 * `GET /repos/{owner}/{repo}/collaborators/{username}/permission`. GitHub answers 404 for a
 * login that is no user; that is no access, not an error.
 */
export async function repositoryAccess(
  octokit: CommandGitHubClient,
  repo: RepoRef,
  login: string,
): Promise<RepositoryAccess> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: login });
    return { permission: data.permission, roleName: data.role_name };
  } catch (e) {
    if (statusOf(e) === 404) return { permission: 'none', roleName: 'none' };
    throw e;
  }
}

/** Write access or more: what every command needs. `permission` is the base role `role_name` maps to. */
export function canWrite(access: RepositoryAccess): boolean {
  return access.permission === 'admin' || access.permission === 'write';
}

export type Membership = 'active' | 'pending' | 'none' | 'unreadable';

/**
 * `GET /orgs/{org}/teams/{team_slug}/memberships/{username}`: only `state: active` is a member
 * (an invitation not yet accepted is `pending`). 404 is "not a member" (or no such team); 403
 * means the app may not read the organisation's members.
 */
export async function teamMembership(
  octokit: CommandGitHubClient,
  team: { org: string; slug: string },
  login: string,
): Promise<Membership> {
  try {
    const { data } = await octokit.rest.teams.getMembershipForUserInOrg({
      org: team.org,
      team_slug: team.slug,
      username: login,
    });
    return data.state === 'active' ? 'active' : 'pending';
  } catch (e) {
    const status = statusOf(e);
    if (status === 404) return 'none';
    if (status === 403) return 'unreadable';
    throw e;
  }
}

export async function react(
  octokit: CommandGitHubClient,
  repo: RepoRef,
  commentId: number,
  content: Reaction,
): Promise<void> {
  await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
}

function statusOf(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null && 'status' in e && typeof e.status === 'number' ? e.status : undefined;
}

/**
 * Whether `login` is one of `members` (users `octocat`, teams `org/team`): users by name, then
 * teams one request each, stopping at the first active membership.
 */
export async function memberOfAny(
  octokit: CommandGitHubClient,
  login: string,
  members: readonly string[],
): Promise<{ via?: string; unreadable: string[] }> {
  const user = members.find((m) => !m.includes('/') && m.toLowerCase() === login.toLowerCase());
  if (user) return { via: user, unreadable: [] };
  const unreadable: string[] = [];
  for (const team of members.filter((m) => m.includes('/'))) {
    const [org, slug] = team.split('/', 2) as [string, string];
    const state = await teamMembership(octokit, { org, slug }, login);
    if (state === 'active') return { via: team, unreadable };
    if (state === 'unreadable') unreadable.push(team);
  }
  return { unreadable };
}
