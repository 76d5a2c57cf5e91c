import type { CommandAudit } from '../deploy/command-audit.js';
import type { RepoRef } from '../github/types.js';

type Params<T> = RepoRef & T & { [parameter: string]: unknown };

interface TreeEntry {
  path?: string;
  mode?: string;
  type?: string;
  sha?: string;
}

/** The slice of Octokit the revert pull request uses: GitHub's git data API and pulls. */
export interface RevertClient {
  rest: {
    repos: { get(params: Params<object>): Promise<{ data: { default_branch: string } }> };
    git: {
      getRef(params: Params<{ ref: string }>): Promise<{ data: { object: { sha: string } } }>;
      getCommit(params: Params<{ commit_sha: string }>): Promise<{ data: { tree: { sha: string } } }>;
      getTree(
        params: Params<{ tree_sha: string; recursive?: string }>,
      ): Promise<{ data: { tree: TreeEntry[]; truncated: boolean } }>;
      createTree(
        params: Params<{
          base_tree: string;
          tree: {
            path: string;
            mode: '100644' | '100755' | '040000' | '160000' | '120000';
            type: 'blob';
            sha: string | null;
          }[];
        }>,
      ): Promise<{ data: { sha: string } }>;
      createCommit(
        params: Params<{ message: string; tree: string; parents: string[] }>,
      ): Promise<{ data: { sha: string } }>;
      createRef(params: Params<{ ref: string; sha: string }>): Promise<unknown>;
    };
    pulls: {
      create(
        params: Params<{ title: string; head: string; base: string; body: string; maintainer_can_modify?: boolean }>,
      ): Promise<{ data: { number: number; html_url: string } }>;
    };
  };
}

export interface RevertRequest {
  environment: string;
  /** Each job's folder as Git has it now, and the commit whose folder it goes back to. */
  jobs: { job: string; to: string; dir: string | undefined }[];
  audit: CommandAudit;
  /** The pull request the command was given on. */
  pullRequest: number;
}

export type RevertResult = { number: number; url: string } | { problem: string } | { unchanged: string };

/**
 * A pull request that makes Git describe what runs after a rollback: on a new branch from the
 * default branch's head, each rolled-back job's folder as it was at the commit it went back to
 * (the rest of the repository, streampilot.yaml included, as it is: other environments and jobs
 * are not rolled back). Git data API only (no clone, no push): the blobs of then are already in
 * the repository, so one tree, one commit, one ref and the pull request are the four writes.
 */
export async function openRevertPullRequest(
  octokit: RevertClient,
  repo: RepoRef,
  request: RevertRequest,
): Promise<RevertResult> {
  const jobs = request.jobs.filter((j): j is RevertRequest['jobs'][number] & { dir: string } => j.dir !== undefined);
  if (!jobs.length) return { problem: 'the jobs are no longer in Git' };
  const { data: repository } = await octokit.rest.repos.get({ ...repo });
  const branch = repository.default_branch;
  const head = (await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` })).data.object.sha;
  const files = async (commit: string) => {
    const tree = (await octokit.rest.git.getCommit({ ...repo, commit_sha: commit })).data.tree.sha;
    const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: tree, recursive: '1' });
    if (data.truncated) throw new Error(`the tree of ${commit.slice(0, 7)} is too large for GitHub to list whole`);
    return { tree, entries: data.tree.filter((e) => e.type === 'blob' && e.path && e.sha && e.mode) };
  };
  const now = await files(head);
  const then = new Map<string, TreeEntry[]>();
  for (const to of new Set(jobs.map((j) => j.to))) then.set(to, (await files(to)).entries);

  const changes: Parameters<RevertClient['rest']['git']['createTree']>[0]['tree'] = [];
  for (const job of jobs) {
    const prefix = `${job.dir.replace(/\/+$/, '')}/`;
    const current = now.entries.filter((e) => e.path!.startsWith(prefix));
    const wanted = then.get(job.to)!.filter((e) => e.path!.startsWith(prefix));
    for (const e of wanted)
      if (!current.some((c) => c.path === e.path && c.sha === e.sha && c.mode === e.mode))
        changes.push({ path: e.path!, mode: e.mode as '100644', type: 'blob', sha: e.sha! });
    for (const c of current)
      if (!wanted.some((e) => e.path === c.path))
        changes.push({ path: c.path!, mode: c.mode as '100644', type: 'blob', sha: null });
  }
  const names = jobs.map((j) => j.job).join(', ');
  const targets = [...new Set(jobs.map((j) => j.to.slice(0, 7)))].join(', ');
  // Rolled back to what the default branch describes already (a roll forward): nothing to revert.
  if (!changes.length) return { unchanged: branch };

  const title = `Revert ${names} in ${request.environment} to ${targets}`;
  const tree = (await octokit.rest.git.createTree({ ...repo, base_tree: now.tree, tree: changes })).data.sha;
  const message = `${title}\n\nRolled back by @${request.audit.by} with \`${request.audit.command}\`${request.audit.url ? ` (${request.audit.url})` : ''}.`;
  const commit = (await octokit.rest.git.createCommit({ ...repo, message, tree, parents: [head] })).data.sha;
  const ref = `streampilot/rollback-${request.environment}-${targets.replace(/, /g, '-')}-${commit.slice(0, 7)}`;
  await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${ref}`, sha: commit });
  const { data: pr } = await octokit.rest.pulls.create({
    ...repo,
    title,
    head: ref,
    base: branch,
    maintainer_can_modify: true,
    body: [
      `@${request.audit.by} rolled back ${jobs.map((j) => `\`${j.job}\``).join(', ')} in \`${request.environment}\` to ${jobs
        .map((j) => `\`${j.to.slice(0, 12)}\``)
        .filter((v, i, a) => a.indexOf(v) === i)
        .join(', ')} from #${request.pullRequest}${request.audit.url ? ` ([command](${request.audit.url}))` : ''}.`,
      '',
      'This pull request puts those job folders back as they were then, so that Git describes what runs. Until it merges, `status` and plan comments show the environment as rolled back, and a merge that deploys these jobs rolls them forward again.',
    ].join('\n'),
  });
  return { number: pr.number, url: pr.html_url };
}
