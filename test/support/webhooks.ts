import { createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

/**
 * Webhook payloads as GitHub sends them, starting from the examples GitHub's Octokit team
 * publishes (@octokit/webhooks-examples) and pointed at the test's repository, commits and
 * installation; delivered over HTTP with GitHub's headers and HMAC signature.
 */

interface ExampleGroup {
  name: string;
  examples: Record<string, unknown>[];
}

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as ExampleGroup[];

function example(event: string, action: string, options: { withoutInstallation?: boolean } = {}): Record<string, any> {
  const group = examples.find((g) => g.name === event)?.examples ?? [];
  const found =
    group.find((e) => e.action === action && 'installation' in e) ??
    (options.withoutInstallation ? group.find((e) => e.action === action) : undefined);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event}.${action} example with an installation`);
  return structuredClone(found) as Record<string, any>;
}

export interface PayloadRepository {
  id: number;
  owner: string;
  name: string;
  cloneUrl: string;
  defaultBranch?: string;
  /** Set on a fork: the full name of the repository it was forked from. */
  forkOf?: string;
}

export interface PullRequestSpec {
  action: 'opened' | 'synchronize' | 'reopened';
  number: number;
  installationId: number;
  /** The repository the pull request is opened on. */
  repository: PayloadRepository;
  base: { ref: string; sha: string };
  /** `repository` defaults to the base repository (not a fork). */
  head: { ref: string; sha: string; repository?: PayloadRepository };
  /** For synchronize: the previous head. */
  before?: string;
  sender?: string;
}

function repositoryObject(template: Record<string, any>, repo: PayloadRepository): Record<string, any> {
  const fullName = `${repo.owner}/${repo.name}`;
  return {
    ...template,
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: fullName,
    owner: { ...template.owner, login: repo.owner, type: 'Organization' },
    private: false,
    fork: repo.forkOf !== undefined,
    default_branch: repo.defaultBranch ?? 'main',
    clone_url: repo.cloneUrl,
    // Only clone_url points at the repository on disk; the other git URLs would mislead the app.
    git_url: repo.cloneUrl,
    ssh_url: repo.cloneUrl,
    svn_url: repo.cloneUrl,
    url: `https://api.github.invalid/repos/${fullName}`,
    html_url: `https://github.invalid/${fullName}`,
  };
}

export function pullRequestPayload(spec: PullRequestSpec): Record<string, any> {
  const payload = example('pull_request', spec.action === 'synchronize' ? 'synchronize' : 'opened');
  payload.action = spec.action;
  payload.number = spec.number;
  const baseRepo = repositoryObject(payload.repository, spec.repository);
  const headRepo = repositoryObject(payload.pull_request.head.repo, spec.head.repository ?? spec.repository);
  payload.repository = baseRepo;
  payload.installation = { id: spec.installationId, node_id: `I_${spec.installationId}` };
  const pr = payload.pull_request;
  pr.number = spec.number;
  pr.id = spec.number * 1000 + spec.repository.id;
  pr.state = 'open';
  pr.title = `Pull request ${spec.number}`;
  pr.html_url = `${baseRepo.html_url}/pull/${spec.number}`;
  pr.url = `${baseRepo.url}/pulls/${spec.number}`;
  pr.issue_url = `${baseRepo.url}/issues/${spec.number}`;
  pr.head = {
    ...pr.head,
    ref: spec.head.ref,
    sha: spec.head.sha,
    label: `${headRepo.owner.login}:${spec.head.ref}`,
    repo: headRepo,
    user: headRepo.owner,
  };
  pr.base = {
    ...pr.base,
    ref: spec.base.ref,
    sha: spec.base.sha,
    label: `${baseRepo.owner.login}:${spec.base.ref}`,
    repo: baseRepo,
    user: baseRepo.owner,
  };
  if (spec.action === 'synchronize') {
    payload.before = spec.before ?? spec.base.sha;
    payload.after = spec.head.sha;
  }
  if (spec.sender) payload.sender = { ...payload.sender, login: spec.sender };
  return payload;
}

export interface RerequestSpec {
  installationId: number;
  repository: PayloadRepository;
  appId: number;
  checkRun: { id: number; name: string; headSha: string; headBranch: string; externalId: string };
  /**
   * The pull requests GitHub lists on the check run: those opened from a branch of the same
   * repository (GitHub leaves the list empty for forks).
   */
  pullRequests: { number: number; head: { ref: string; sha: string }; base: { ref: string; sha: string } }[];
}

export function checkRunRerequestedPayload(spec: RerequestSpec): Record<string, any> {
  const payload = example('check_run', 'rerequested');
  const repo = repositoryObject(payload.repository, spec.repository);
  payload.repository = repo;
  payload.installation = { id: spec.installationId, node_id: `I_${spec.installationId}` };
  const repoRef = { id: repo.id, url: repo.url, name: repo.name };
  const pullRequests = spec.pullRequests.map((pr) => ({
    url: `${repo.url}/pulls/${pr.number}`,
    id: pr.number * 1000 + repo.id,
    number: pr.number,
    head: { ref: pr.head.ref, sha: pr.head.sha, repo: repoRef },
    base: { ref: pr.base.ref, sha: pr.base.sha, repo: repoRef },
  }));
  const run = payload.check_run;
  run.id = spec.checkRun.id;
  run.name = spec.checkRun.name;
  run.head_sha = spec.checkRun.headSha;
  run.external_id = spec.checkRun.externalId;
  run.url = `${repo.url}/check-runs/${spec.checkRun.id}`;
  run.pull_requests = pullRequests;
  run.app = { ...run.app, id: spec.appId, slug: 'streampilot', name: 'StreamPilot' };
  run.check_suite = {
    ...run.check_suite,
    head_sha: spec.checkRun.headSha,
    head_branch: spec.checkRun.headBranch,
    after: spec.checkRun.headSha,
    pull_requests: pullRequests,
    app: run.app,
  };
  return payload;
}

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface Delivery {
  status: number;
  body: string;
  deliveryId: string;
}

/** POSTs a webhook the way GitHub does. `signatureOverride` sends a wrong or missing signature. */
export async function deliverWebhook(options: {
  url: string;
  secret: string;
  event: string;
  payload: unknown;
  deliveryId?: string;
  signatureOverride?: string | null;
}): Promise<Delivery> {
  const body = JSON.stringify(options.payload);
  const deliveryId = options.deliveryId ?? randomUUID();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/streampilot-test',
    'x-github-event': options.event,
    'x-github-delivery': deliveryId,
    'x-github-hook-id': '1',
  };
  const sig = options.signatureOverride === undefined ? signature(body, options.secret) : options.signatureOverride;
  if (sig !== null) headers['x-hub-signature-256'] = sig;
  const res = await fetch(options.url, { method: 'POST', headers, body });
  return { status: res.status, body: await res.text(), deliveryId };
}

export interface PushSpec {
  installationId: number;
  repository: PayloadRepository;
  /** Full ref, e.g. refs/heads/main. */
  ref: string;
  before: string;
  after: string;
  /** A branch deletion: `after` is all zeros on GitHub. */
  deleted?: boolean;
}

/** A `push` event (it has no action): the pushed ref's new head, one commit listed. */
export function pushPayload(spec: PushSpec): Record<string, any> {
  const found = examples
    .find((g) => g.name === 'push')
    ?.examples.find((e) => typeof e.ref === 'string' && e.ref.startsWith('refs/heads/') && 'installation' in e);
  if (!found) throw new Error('@octokit/webhooks-examples has no push example on a branch with an installation');
  const payload = structuredClone(found) as Record<string, any>;
  const repo = repositoryObject(payload.repository, spec.repository);
  payload.repository = repo;
  payload.installation = { id: spec.installationId, node_id: `I_${spec.installationId}` };
  payload.ref = spec.ref;
  payload.before = spec.before;
  payload.after = spec.deleted ? '0'.repeat(40) : spec.after;
  payload.deleted = spec.deleted === true;
  payload.created = false;
  payload.forced = false;
  payload.compare = `${repo.html_url}/compare/${spec.before.slice(0, 12)}...${spec.after.slice(0, 12)}`;
  const commit = {
    ...payload.head_commit,
    id: spec.after,
    tree_id: payload.head_commit.tree_id,
    url: `${repo.html_url}/commit/${spec.after}`,
  };
  payload.head_commit = spec.deleted ? null : commit;
  payload.commits = spec.deleted ? [] : [commit];
  return payload;
}

/** The repository fields a push payload needs, as the fake GitHub holds them. */
export interface PushedRepository {
  id: number;
  owner: string;
  name: string;
  cloneUrl: string;
  defaultBranch: string;
  installationId: number;
}

/** Delivers the push of `after` onto the default branch, as GitHub sends it after a merge; a non-2xx answer fails the test. */
export async function deliverMergePush(options: {
  url: string;
  secret: string;
  repo: PushedRepository;
  before: string;
  after: string;
}): Promise<void> {
  const { repo } = options;
  const delivery = await deliverWebhook({
    url: options.url,
    secret: options.secret,
    event: 'push',
    payload: pushPayload({
      installationId: repo.installationId,
      repository: {
        id: repo.id,
        owner: repo.owner,
        name: repo.name,
        cloneUrl: repo.cloneUrl,
        defaultBranch: repo.defaultBranch,
      },
      ref: `refs/heads/${repo.defaultBranch}`,
      before: options.before,
      after: options.after,
    }),
  });
  if (delivery.status >= 300) throw new Error(`the push webhook was answered ${delivery.status}: ${delivery.body}`);
}

export interface IssueCommentSpec {
  action: 'created' | 'edited' | 'deleted';
  installationId: number;
  repository: PayloadRepository;
  /** The pull request commented on; absent: a comment on an issue. */
  pullRequest?: number;
  issueNumber: number;
  comment: { id: number; body: string; user: string; userType?: 'User' | 'Bot'; createdAt?: string };
}

/**
 * `issue_comment`: a comment on a pull request (GitHub's issue of it, with `issue.pull_request`
 * set). The examples of `edited` and `deleted` carry no installation; it is added, as GitHub
 * does for an app's deliveries.
 */
export function issueCommentPayload(spec: IssueCommentSpec): Record<string, any> {
  const payload = example('issue_comment', spec.action, { withoutInstallation: true });
  const repo = repositoryObject(payload.repository, spec.repository);
  payload.repository = repo;
  payload.installation = { id: spec.installationId, node_id: `I_${spec.installationId}` };
  const issue = payload.issue;
  issue.number = spec.issueNumber;
  issue.url = `${repo.url}/issues/${spec.issueNumber}`;
  issue.html_url = `${repo.html_url}/pull/${spec.issueNumber}`;
  if (spec.pullRequest !== undefined)
    issue.pull_request = {
      url: `${repo.url}/pulls/${spec.pullRequest}`,
      html_url: `${repo.html_url}/pull/${spec.pullRequest}`,
      diff_url: `${repo.html_url}/pull/${spec.pullRequest}.diff`,
      patch_url: `${repo.html_url}/pull/${spec.pullRequest}.patch`,
    };
  else delete issue.pull_request;
  const user = { ...payload.comment.user, login: spec.comment.user, type: spec.comment.userType ?? 'User' };
  const at = spec.comment.createdAt ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  payload.comment = {
    ...payload.comment,
    id: spec.comment.id,
    node_id: `IC_${spec.comment.id}`,
    body: spec.comment.body,
    user,
    created_at: at,
    updated_at: at,
    html_url: `${repo.html_url}/pull/${spec.issueNumber}#issuecomment-${spec.comment.id}`,
    url: `${repo.url}/issues/comments/${spec.comment.id}`,
    issue_url: issue.url,
    performed_via_github_app: null,
  };
  payload.sender = user;
  if (spec.action === 'edited') payload.changes = { body: { from: `${spec.comment.body} (before)` } };
  return payload;
}
