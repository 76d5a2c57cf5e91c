import type { OpenApiContract } from './openapi-contract.js';
import { minimalInstance } from './schema-instance.js';
import type {
  FakeAnnotation,
  FakeCheckRun,
  FakeComment,
  FakeDeployment,
  FakeDeploymentStatus,
  FakePullRequest,
  FakeRepository,
} from './state.js';

/**
 * GitHub's response objects built from the fake's state: the contract supplies every required
 * field (minimalInstance), the state the values the app reads. The fake validates each response
 * against the contract before sending it, so a field set wrongly here fails loudly.
 */
export class GitHubObjects {
  constructor(
    private readonly contract: OpenApiContract,
    /** http://127.0.0.1:port/api/v3 */
    private readonly apiUrl: string,
    private readonly app: { id: number; slug: string; name: string },
  ) {}

  private base(component: string): Record<string, unknown> {
    return minimalInstance(this.contract, this.contract.componentSchema(component), this.apiUrl) as Record<
      string,
      unknown
    >;
  }

  private webUrl(): string {
    return this.apiUrl.replace(/\/api\/v3$/, '');
  }

  user(login: string, type: 'User' | 'Bot' | 'Organization' = 'User'): Record<string, unknown> {
    const id = Math.abs(hash(login));
    return {
      ...this.base('simple-user'),
      login,
      id,
      node_id: `U_${id}`,
      type,
      url: `${this.apiUrl}/users/${encodeURIComponent(login)}`,
      html_url: `${this.webUrl()}/${encodeURIComponent(login)}`,
      avatar_url: `${this.webUrl()}/avatars/${id}`,
    };
  }

  botLogin(): string {
    return `${this.app.slug}[bot]`;
  }

  integration(): Record<string, unknown> {
    return {
      ...this.base('integration'),
      id: this.app.id,
      slug: this.app.slug,
      node_id: `A_${this.app.id}`,
      name: this.app.name,
      owner: this.user('streampilot', 'Organization'),
      external_url: 'https://streampilot.invalid',
      html_url: `${this.webUrl()}/apps/${this.app.slug}`,
      permissions: {
        checks: 'write',
        contents: 'read',
        pull_requests: 'write',
        issues: 'write',
        deployments: 'write',
        metadata: 'read',
      },
      events: ['pull_request', 'push', 'check_run', 'issue_comment'],
    };
  }

  repository(repo: FakeRepository, parent?: FakeRepository): Record<string, unknown> {
    const fullName = `${repo.owner}/${repo.name}`;
    const out: Record<string, unknown> = {
      ...this.base('full-repository'),
      id: repo.id,
      node_id: `R_${repo.id}`,
      name: repo.name,
      full_name: fullName,
      owner: this.user(repo.owner, 'Organization'),
      private: repo.private,
      visibility: repo.private ? 'private' : 'public',
      fork: repo.forkOf !== undefined,
      default_branch: repo.defaultBranch,
      clone_url: repo.cloneUrl,
      url: `${this.apiUrl}/repos/${fullName}`,
      html_url: `${this.webUrl()}/${fullName}`,
    };
    if (parent) out.parent = this.plainRepository(parent);
    return out;
  }

  /** The smaller `repository` shape nested in pull requests and parents. */
  plainRepository(repo: FakeRepository): Record<string, unknown> {
    const fullName = `${repo.owner}/${repo.name}`;
    return {
      ...this.base('repository'),
      id: repo.id,
      node_id: `R_${repo.id}`,
      name: repo.name,
      full_name: fullName,
      owner: this.user(repo.owner, 'Organization'),
      private: repo.private,
      fork: repo.forkOf !== undefined,
      default_branch: repo.defaultBranch,
      clone_url: repo.cloneUrl,
      url: `${this.apiUrl}/repos/${fullName}`,
      html_url: `${this.webUrl()}/${fullName}`,
    };
  }

  installation(id: number, repo: FakeRepository): Record<string, unknown> {
    return {
      ...this.base('installation'),
      id,
      account: this.user(repo.owner, 'Organization'),
      app_id: this.app.id,
      app_slug: this.app.slug,
      target_id: Math.abs(hash(repo.owner)),
      target_type: 'Organization',
      repository_selection: 'selected',
      access_tokens_url: `${this.apiUrl}/app/installations/${id}/access_tokens`,
      repositories_url: `${this.apiUrl}/installation/repositories`,
      html_url: `${this.webUrl()}/organizations/${repo.owner}/settings/installations/${id}`,
      permissions: this.integration().permissions,
      events: this.integration().events,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    };
  }

  installationToken(token: string, expiresAt: string): Record<string, unknown> {
    return {
      ...this.base('installation-token'),
      token,
      expires_at: expiresAt,
      permissions: this.integration().permissions,
      repository_selection: 'selected',
    };
  }

  checkRun(run: FakeCheckRun): Record<string, unknown> {
    const url = `${this.apiUrl}/repos/${run.repository}/check-runs/${run.id}`;
    return {
      ...this.base('check-run'),
      id: run.id,
      node_id: `CR_${run.id}`,
      head_sha: run.head_sha,
      name: run.name,
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.started_at,
      completed_at: run.completed_at,
      details_url: run.details_url,
      external_id: run.external_id,
      url,
      html_url: `${this.webUrl()}/${run.repository}/runs/${run.id}`,
      output: {
        title: run.output.title,
        summary: run.output.summary,
        text: run.output.text,
        annotations_count: run.annotations.length,
        annotations_url: `${url}/annotations`,
      },
      check_suite: { id: run.id },
      app: this.integration(),
      pull_requests: [],
    };
  }

  annotation(run: FakeCheckRun, a: FakeAnnotation): Record<string, unknown> {
    return {
      ...this.base('check-annotation'),
      path: a.path,
      start_line: a.start_line,
      end_line: a.end_line,
      start_column: a.start_column ?? null,
      end_column: a.end_column ?? null,
      annotation_level: a.annotation_level,
      title: a.title ?? null,
      message: a.message,
      raw_details: a.raw_details ?? null,
      blob_href: `${this.webUrl()}/${run.repository}/blob/${run.head_sha}/${a.path}`,
    };
  }

  comment(c: FakeComment): Record<string, unknown> {
    return {
      ...this.base('issue-comment'),
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.apiUrl}/repos/${c.repository}/issues/comments/${c.id}`,
      html_url: `${this.webUrl()}/${c.repository}/pull/${c.issue_number}#issuecomment-${c.id}`,
      issue_url: `${this.apiUrl}/repos/${c.repository}/issues/${c.issue_number}`,
      body: c.body,
      user: this.user(c.user, c.user.endsWith('[bot]') ? 'Bot' : 'User'),
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: c.user.endsWith('[bot]') ? 'NONE' : 'MEMBER',
      performed_via_github_app: c.user === this.botLogin() ? this.integration() : null,
    };
  }

  pullRequest(pr: FakePullRequest, base: FakeRepository, head: FakeRepository): Record<string, unknown> {
    const url = `${this.apiUrl}/repos/${pr.repository}/pulls/${pr.number}`;
    const ref = (r: FakeRepository, side: { sha: string; ref: string }) => ({
      ...(this.base('pull-request-minimal').head as object),
      label: `${r.owner}:${side.ref}`,
      ref: side.ref,
      sha: side.sha,
      repo: this.plainRepository(r),
      user: this.user(r.owner, 'Organization'),
    });
    return {
      ...this.base('pull-request'),
      id: pr.number * 1000 + base.id,
      node_id: `PR_${pr.number}`,
      number: pr.number,
      state: 'open',
      title: pr.title,
      user: this.user(pr.user),
      url,
      html_url: `${this.webUrl()}/${pr.repository}/pull/${pr.number}`,
      head: ref(head, pr.head),
      base: ref(base, pr.base),
      mergeable: null,
      merged: false,
      ...this.mergeState(pr),
    };
  }

  /**
   * A merged pull request is closed, \`merged\`, with the commit the merge made on the base branch
   * as \`merge_commit_sha\` (GitHub's pull-request schema: state, merged, merged_at, merge_commit_sha).
   */
  private mergeState(pr: FakePullRequest): Record<string, unknown> {
    const at = '2026-01-01T00:00:00Z';
    if (pr.mergedAs)
      return { state: 'closed', merged: true, merged_at: at, closed_at: at, merge_commit_sha: pr.mergedAs };
    if (pr.closed) return { state: 'closed', merged: false, merged_at: null, closed_at: at, merge_commit_sha: null };
    return {};
  }

  /** The `pull-request-simple` shape of list endpoints. */
  pullRequestSimple(pr: FakePullRequest, base: FakeRepository, head: FakeRepository): Record<string, unknown> {
    const full = this.pullRequest(pr, base, head);
    const simple = this.base('pull-request-simple');
    return { ...simple, ...Object.fromEntries(Object.keys(simple).map((k) => [k, full[k] ?? simple[k]])) };
  }

  /**
   * `permission` is the legacy base role a role maps to — maintain → write, triage → read, as
   * GitHub's description of GET /repos/{owner}/{repo}/collaborators/{username}/permission says;
   * `role_name` is the role itself.
   */
  permission(login: string, role: string): Record<string, unknown> {
    const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
    const rank = ['none', 'read', 'triage', 'write', 'maintain', 'admin'].indexOf(role);
    return {
      ...this.base('repository-collaborator-permission'),
      permission,
      role_name: role,
      user: {
        ...this.user(login),
        ...(this.base('nullable-collaborator') as object),
        login,
        id: Math.abs(hash(login)),
        type: 'User',
        permissions: {
          pull: rank >= 1,
          triage: rank >= 2,
          push: rank >= 3,
          maintain: rank >= 4,
          admin: rank >= 5,
        },
        role_name: role,
      },
    };
  }

  teamMembership(org: string, slug: string, login: string, state: 'active' | 'pending'): Record<string, unknown> {
    return {
      url: `${this.apiUrl}/organizations/1/team/${Math.abs(hash(`${org}/${slug}`))}/memberships/${login}`,
      role: 'member',
      state,
    };
  }

  diffEntry(pr: FakePullRequest, filename: string, status: string): Record<string, unknown> {
    const blob = `${this.webUrl()}/${pr.repository}/blob/${pr.head.sha}/${filename}`;
    return {
      ...this.base('diff-entry'),
      sha: pr.head.sha,
      filename,
      status,
      blob_url: blob,
      raw_url: blob.replace('/blob/', '/raw/'),
      contents_url: `${this.apiUrl}/repos/${pr.repository}/contents/${filename}?ref=${pr.head.sha}`,
    };
  }

  deployment(d: FakeDeployment): Record<string, unknown> {
    const url = `${this.apiUrl}/repos/${d.repository}/deployments/${d.id}`;
    return {
      ...this.base('deployment'),
      id: d.id,
      node_id: `DE_${d.id}`,
      url,
      sha: d.sha,
      ref: d.ref,
      task: d.task,
      payload: d.payload,
      original_environment: d.original_environment,
      environment: d.environment,
      description: d.description,
      creator: this.user(this.botLogin(), 'Bot'),
      created_at: d.created_at,
      updated_at: d.updated_at,
      statuses_url: `${url}/statuses`,
      repository_url: `${this.apiUrl}/repos/${d.repository}`,
      transient_environment: d.transient_environment,
      production_environment: d.production_environment,
      performed_via_github_app: this.integration(),
    };
  }

  deploymentStatus(d: FakeDeployment, st: FakeDeploymentStatus): Record<string, unknown> {
    const deploymentUrl = `${this.apiUrl}/repos/${d.repository}/deployments/${d.id}`;
    return {
      ...this.base('deployment-status'),
      id: st.id,
      node_id: `DES_${st.id}`,
      url: `${deploymentUrl}/statuses/${st.id}`,
      state: st.state,
      creator: this.user(this.botLogin(), 'Bot'),
      description: st.description,
      environment: st.environment,
      // GitHub answers "" for URLs never set (the schema's own default).
      target_url: st.log_url,
      log_url: st.log_url,
      environment_url: st.environment_url,
      created_at: st.created_at,
      updated_at: st.created_at,
      deployment_url: deploymentUrl,
      repository_url: `${this.apiUrl}/repos/${d.repository}`,
      performed_via_github_app: st.automatic ? null : this.integration(),
    };
  }

  reaction(id: number, content: string): Record<string, unknown> {
    return {
      ...this.base('reaction'),
      id,
      node_id: `REA_${id}`,
      content,
      user: this.user(this.botLogin(), 'Bot'),
      created_at: new Date().toISOString(),
    };
  }
}

function hash(s: string): number {
  let h = 7;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h || 1;
}
