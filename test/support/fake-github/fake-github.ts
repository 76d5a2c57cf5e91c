import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serveGitHttp } from '../git-http-backend.js';
import { verifyAppJwt } from './app-jwt.js';
import { documentedProblems } from './documented-rules.js';
import { GitHubObjects } from './github-objects.js';
import { FakeGitData, GitDataError } from './git-data.js';
import { OpenApiContract } from './openapi-contract.js';
import type {
  ContractViolation,
  FakeAnnotation,
  FakeCheckRun,
  FakeComment,
  FakeDeployment,
  FakeDeploymentState,
  FakeDeploymentStatus,
  FakePullRequest,
  FakeRepository,
  RecordedRequest,
} from './state.js';

export type {
  ContractViolation,
  FakeAnnotation,
  FakeCheckRun,
  FakeComment,
  FakeDeployment,
  FakeDeploymentState,
  FakeDeploymentStatus,
  FakePullRequest,
  FakeRepository,
  RecordedRequest,
} from './state.js';

/** Operations GitHub authenticates with the app's JWT rather than an installation token. */
const JWT_OPERATIONS = new Set([
  'apps/get-authenticated',
  'apps/create-installation-access-token',
  'apps/get-repo-installation',
  'apps/list-installations',
]);

export interface FakeGitHubOptions {
  appId: number;
  /** PEM of the app's public key: JWTs must verify against it. */
  publicKey: string;
  appSlug?: string;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly violation = true,
  ) {
    super(message);
  }
}

/** `/<owner>/<name>.git/<rest>`: git's smart HTTP paths on GitHub's web host. */
const GIT_PATH = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)\.git(\/.*)$/;

export interface GitRequest {
  method: string;
  path: string;
  auth: 'token' | 'bad' | 'none';
  status: number;
}

let sharedContract: OpenApiContract | undefined;

/**
 * A GitHub REST API (the GitHub Enterprise Server layout: everything under /api/v3) served over
 * HTTP from memory, for the operations in test/fixtures/github/openapi-slice.json. Every request
 * is checked against that contract — unknown operation 404, invalid parameters or body 422,
 * missing or wrong credentials 401 — and every refusal is recorded in `violations`, since GitHub
 * would refuse it too. Every answer is checked against the contract before it is sent.
 */
export class FakeGitHub {
  readonly contract: OpenApiContract;
  readonly requests: RecordedRequest[] = [];
  /** git smart HTTP requests (clone and fetch), kept apart from the API's. */
  readonly gitRequests: GitRequest[] = [];
  readonly violations: ContractViolation[] = [];
  readonly repositories: FakeRepository[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly comments: FakeComment[] = [];
  readonly pullRequests: FakePullRequest[] = [];
  /** Installation tokens handed out, newest last: tests look for them where they must not be. */
  readonly installationTokens: string[] = [];
  readonly reactions: { commentId: number; content: string }[] = [];
  /** GitHub Deployments in creation order, each with its statuses (oldest first). */
  readonly deployments: FakeDeployment[] = [];
  private readonly permissions = new Map<string, string>();
  private readonly teamMemberships = new Map<string, 'active' | 'pending'>();
  private readonly hiddenTeams = new Set<string>();
  private readonly tokens = new Map<string, { installationId: number; expiresAt: number }>();
  private readonly server: Server;
  private nextId = 1000;
  private inFlight = 0;
  private lastActivity = Date.now();
  private objects!: GitHubObjects;
  private gitData!: FakeGitData;
  private port = 0;

  private constructor(private readonly options: FakeGitHubOptions) {
    this.contract = sharedContract ??= new OpenApiContract();
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: FakeGitHubOptions): Promise<FakeGitHub> {
    const fake = new FakeGitHub(options);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(0, '127.0.0.1', () => resolve());
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    fake.gitData = new FakeGitData(fake.contract, fake.apiUrl);
    fake.objects = new GitHubObjects(fake.contract, fake.apiUrl, {
      id: options.appId,
      slug: fake.appSlug,
      name: 'StreamPilot',
    });
    return fake;
  }

  get appSlug(): string {
    return this.options.appSlug ?? 'streampilot';
  }

  /** The app's bot login, the author of its comments. */
  get botLogin(): string {
    return `${this.appSlug}[bot]`;
  }

  /** For GHE_HOST. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  get apiUrl(): string {
    return `http://${this.host}/api/v3`;
  }

  /** Where the fake serves a repository's git (its gitDir) over HTTP, as GitHub's `clone_url`. */
  cloneUrlOf(owner: string, name: string): string {
    return `http://${this.host}/${owner}/${name}.git`;
  }

  /** `cloneUrl` defaults to the fake's own git over HTTP (needs `gitDir`), as on GitHub. */
  addRepository(
    repo: Omit<FakeRepository, 'id' | 'defaultBranch' | 'private' | 'cloneUrl'> &
      Partial<Pick<FakeRepository, 'defaultBranch' | 'private' | 'cloneUrl'>>,
  ): FakeRepository {
    const full: FakeRepository = {
      id: this.id(),
      defaultBranch: 'main',
      private: false,
      cloneUrl: this.cloneUrlOf(repo.owner, repo.name),
      ...repo,
    };
    this.repositories.push(full);
    return full;
  }

  addPullRequest(
    pr: Omit<FakePullRequest, 'title' | 'user'> & Partial<Pick<FakePullRequest, 'title' | 'user'>>,
  ): FakePullRequest {
    const existing = this.pullRequests.findIndex((p) => p.repository === pr.repository && p.number === pr.number);
    const full: FakePullRequest = { title: `Pull request ${pr.number}`, user: 'octocat', ...pr };
    if (existing >= 0) this.pullRequests[existing] = full;
    else this.pullRequests.push(full);
    return full;
  }

  /** A comment written by someone else (a human), for the app to leave alone. */
  addComment(c: { repository: string; issue_number: number; body: string; user: string }): FakeComment {
    const now = new Date().toISOString();
    const comment: FakeComment = { id: this.id(), created_at: now, updated_at: now, edits: 0, ...c };
    this.comments.push(comment);
    return comment;
  }

  /** A user's role on a repository; the API's `permission` is derived from it as GitHub does (maintain → write). */
  setPermission(
    repository: string,
    login: string,
    role: 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none',
  ): void {
    this.permissions.set(`${repository}#${login}`, role);
  }

  /** `login`'s membership of team `org/slug`; none set: not a member (404). */
  setTeamMembership(team: string, login: string, state: 'active' | 'pending'): void {
    this.teamMemberships.set(`${team.toLowerCase()}#${login.toLowerCase()}`, state);
  }

  /** Teams whose members the app's installation may not read (the organisation permission Members is missing): 403. */
  hideTeamMembers(team: string): void {
    this.hiddenTeams.add(team.toLowerCase());
  }

  checkRunsFor(repository: string, headSha?: string): FakeCheckRun[] {
    return this.checkRuns.filter(
      (r) => r.repository === repository && (headSha === undefined || r.head_sha === headSha),
    );
  }

  deploymentsFor(repository: string, filter: { environment?: string; sha?: string } = {}): FakeDeployment[] {
    return this.deployments.filter(
      (d) =>
        d.repository === repository &&
        (filter.environment === undefined || d.environment === filter.environment) &&
        (filter.sha === undefined || d.sha === filter.sha),
    );
  }

  /** The state a deployment shows on GitHub: that of its newest status (none yet: undefined). */
  deploymentState(d: FakeDeployment): FakeDeploymentState | undefined {
    return d.statuses.at(-1)?.state;
  }

  commentsOn(repository: string, issueNumber: number): FakeComment[] {
    return this.comments.filter((c) => c.repository === repository && c.issue_number === issueNumber);
  }

  /** Polls until `predicate` holds; throws with `what` (and the request log) after `timeoutMs`. */
  async waitFor<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${what}; requests seen:\n${this.describeRequests()}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Resolves once no request has been in flight for `quietMs`: the app has stopped talking. */
  async quiet(quietMs = 2500, timeoutMs = 30_000): Promise<void> {
    await this.waitFor(
      () => this.inFlight === 0 && Date.now() - this.lastActivity >= quietMs,
      `${quietMs} ms without requests`,
      timeoutMs,
    );
  }

  describeRequests(): string {
    return (
      this.requests
        .map((r) => `  ${r.status} ${r.method} ${r.path}${r.operationId ? ` (${r.operationId})` : ''}`)
        .join('\n') || '  (none)'
    );
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private id(): number {
    return this.nextId++;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    this.lastActivity = Date.now();
    const url = new URL(req.url ?? '/', this.apiUrl);
    const gitPath = GIT_PATH.exec(url.pathname);
    if (gitPath) {
      await this.serveGit(req, res, url, gitPath[1]!, gitPath[2]!, gitPath[3]!).finally(() => {
        this.inFlight--;
        this.lastActivity = Date.now();
      });
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method,
      path: url.pathname.replace(/^\/api\/v3/, ''),
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      operationId: undefined,
      status: 0,
      auth: 'none',
    };
    let reply: Reply;
    try {
      reply = this.route(req, url, method, raw, record);
    } catch (e) {
      if (e instanceof HttpError) {
        reply = { status: e.status, body: { message: e.message, documentation_url: 'https://docs.github.com/rest' } };
        if (e.violation)
          this.violations.push({ method, path: record.path, status: e.status, problems: e.message.split('\n') });
      } else {
        // A bug in the fake: make it loud in the test that hit it.
        reply = { status: 500, body: { message: `fake GitHub failed: ${(e as Error).stack ?? String(e)}` } };
        this.violations.push({
          method,
          path: record.path,
          status: 500,
          problems: [`fake GitHub failed: ${(e as Error).message}`],
        });
      }
    }
    record.status = reply.status;
    this.requests.push(record);
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      ...(reply.headers ?? {}),
    });
    res.end(text);
    this.inFlight--;
    this.lastActivity = Date.now();
  }

  /**
   * git over smart HTTP, as github.com serves it beside the API: `<web>/<owner>/<name>.git/…`,
   * Basic auth with user `x-access-token` and an unexpired token of the repository's installation.
   */
  private async serveGit(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    owner: string,
    name: string,
    rest: string,
  ): Promise<void> {
    const repo = this.repositories.find((r) => r.owner === owner && r.name === name && r.gitDir);
    const entry: GitRequest = { method: req.method ?? 'GET', path: url.pathname, auth: 'none', status: 0 };
    this.gitRequests.push(entry);
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [user, token] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const known = token ? this.tokens.get(token) : undefined;
    entry.auth = !basic
      ? 'none'
      : user === 'x-access-token' &&
          known &&
          known.expiresAt > Date.now() &&
          repo &&
          known.installationId === repo.installationId
        ? 'token'
        : 'bad';
    if (!repo) {
      entry.status = 404;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Repository not found.\n');
      return;
    }
    if (entry.auth !== 'token') {
      entry.status = 401;
      res
        .writeHead(401, { 'WWW-Authenticate': 'Basic realm="GitHub"', 'content-type': 'text/plain' })
        .end('Invalid username or token.\n');
      return;
    }
    entry.status = 200;
    await serveGitHttp(req, res, {
      projectRoot: path.dirname(repo.gitDir!),
      pathInfo: `/${path.basename(repo.gitDir!)}${rest}`,
      query: url.search.slice(1),
    });
  }

  private route(req: IncomingMessage, url: URL, method: string, raw: string, record: RecordedRequest): Reply {
    if (!url.pathname.startsWith('/api/v3/'))
      throw new HttpError(404, `Not Found: ${url.pathname} is outside /api/v3 (GitHub Enterprise Server layout)`);
    const match = this.contract.match(method, record.path);
    if (!match)
      throw new HttpError(
        404,
        `Not Found: ${method} ${record.path} is not an operation of the contract slice (${this.contract.source.package}@${this.contract.source.version})`,
      );
    record.operationId = match.operationId;
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        throw new HttpError(400, 'Problems parsing JSON');
      }
    }
    record.body = body;
    record.auth = this.authenticate(req, match.operationId);
    const problems = [
      ...this.contract
        .validateRequest(match.operationId, { pathParams: match.pathParams, query: record.query, body })
        .map((p) => p.message),
      ...documentedProblems(match.operationId, body),
    ];
    if (problems.length) throw new HttpError(422, `Validation Failed (${match.operationId}):\n${problems.join('\n')}`);
    const reply = this.operate(
      match.operationId,
      match.pathParams,
      record.query,
      body as Record<string, unknown> | undefined,
      req,
    );
    if (reply.body !== undefined) {
      const bad = this.contract.validateResponse(match.operationId, reply.status, reply.body);
      if (bad.length)
        throw new Error(
          `the fake's own ${reply.status} answer to ${match.operationId} breaks the contract:\n${bad.join('\n')}`,
        );
    }
    return reply;
  }

  private authenticate(req: IncomingMessage, operationId: string): RecordedRequest['auth'] {
    const header = req.headers.authorization;
    if (!header) throw new HttpError(401, 'Requires authentication');
    const [scheme, credential] = header.split(/\s+/, 2) as [string, string | undefined];
    if (!credential) throw new HttpError(401, 'Bad credentials: malformed Authorization header');
    if (JWT_OPERATIONS.has(operationId)) {
      if (scheme.toLowerCase() !== 'bearer')
        throw new HttpError(401, `${operationId} needs the app's JWT as a Bearer token`);
      const check = verifyAppJwt(credential, this.options.publicKey, this.options.appId);
      if (!check.ok) throw new HttpError(401, check.reason);
      return 'jwt';
    }
    if (!['token', 'bearer'].includes(scheme.toLowerCase())) throw new HttpError(401, 'Bad credentials');
    const token = this.tokens.get(credential);
    if (!token)
      throw new HttpError(
        401,
        credential.split('.').length === 3
          ? `${operationId} needs an installation token, not the app's JWT`
          : 'Bad credentials',
      );
    if (token.expiresAt < Date.now()) throw new HttpError(401, 'Bad credentials: token expired');
    (req as IncomingMessage & { installationId?: number }).installationId = token.installationId;
    return 'installation';
  }

  private repo(params: Record<string, string>, req?: IncomingMessage): FakeRepository {
    const repo = this.repositories.find(
      (r) =>
        r.owner.toLowerCase() === params.owner?.toLowerCase() && r.name.toLowerCase() === params.repo?.toLowerCase(),
    );
    if (!repo) throw new HttpError(404, `Not Found: no repository ${params.owner}/${params.repo}`);
    const installationId = (req as (IncomingMessage & { installationId?: number }) | undefined)?.installationId;
    // A token only reaches the repositories of its installation; GitHub answers 404, not 403.
    if (installationId !== undefined && installationId !== repo.installationId)
      throw new HttpError(404, `Not Found: installation ${installationId} has no access to ${repo.owner}/${repo.name}`);
    return repo;
  }

  private operate(
    operationId: string,
    p: Record<string, string>,
    query: Record<string, string>,
    body: Record<string, unknown> | undefined,
    req: IncomingMessage,
  ): Reply {
    const o = this.objects;
    if (operationId.startsWith('git/')) {
      try {
        return this.gitData.operate(operationId, this.repo(p, req), p, query, body)!;
      } catch (e) {
        if (e instanceof GitDataError) throw new HttpError(e.status, e.message);
        throw e;
      }
    }
    switch (operationId) {
      case 'pulls/create':
        return this.createPullRequest(this.repo(p, req), body!);
      case 'apps/get-authenticated':
        return { status: 200, body: o.integration() };
      case 'apps/get-repo-installation': {
        const repo = this.repo(p);
        return { status: 200, body: o.installation(repo.installationId, repo) };
      }
      case 'apps/list-installations': {
        const installations = [...new Map(this.repositories.map((r) => [r.installationId, r])).values()];
        // The published description of this list gives `account` as allOf [simple-user, enterprise]
        // (unlike GET /repos/{o}/{r}/installation's anyOf): an account carrying both shapes' required
        // fields is what satisfies it.
        const bothShapes = (r: FakeRepository) => ({
          ...o.user(r.owner, 'Organization'),
          name: r.owner,
          slug: r.owner.toLowerCase(),
          created_at: '2026-01-01T00:00:00Z',
          updated_at: '2026-01-01T00:00:00Z',
          description: null,
          website_url: null,
        });
        return this.page(
          installations.map((r) => ({ ...o.installation(r.installationId, r), account: bothShapes(r) })),
          query,
          req,
        );
      }
      case 'apps/list-repos-accessible-to-installation': {
        const installationId = (req as IncomingMessage & { installationId?: number }).installationId;
        // This list's repository schema also requires has_downloads, which GET /repos/{o}/{r}'s does not.
        const repositories = this.repositories
          .filter((r) => r.installationId === installationId)
          .map((r) => ({ ...o.repository(r), has_downloads: true }));
        return { status: 200, body: { total_count: repositories.length, repositories } };
      }
      case 'apps/create-installation-access-token': {
        const installationId = Number(p.installation_id);
        if (!this.repositories.some((r) => r.installationId === installationId))
          throw new HttpError(404, `Not Found: no installation ${installationId}`);
        const token = `ghs_${randomBytes(18).toString('hex')}`;
        const expiresAt = Date.now() + 3600_000;
        this.tokens.set(token, { installationId, expiresAt });
        this.installationTokens.push(token);
        return {
          status: 201,
          body: o.installationToken(token, new Date(expiresAt).toISOString().replace(/\.\d+Z$/, 'Z')),
        };
      }
      case 'repos/get': {
        const repo = this.repo(p, req);
        const parent = repo.forkOf ? this.repositories.find((r) => `${r.owner}/${r.name}` === repo.forkOf) : undefined;
        return { status: 200, body: o.repository(repo, parent) };
      }
      case 'repos/get-collaborator-permission-level': {
        const repo = this.repo(p, req);
        const permission = this.permissions.get(`${repo.owner}/${repo.name}#${p.username}`);
        if (permission === undefined)
          throw new HttpError(404, `Not Found: ${p.username} is not a user the fake knows`, false);
        return { status: 200, body: o.permission(p.username!, permission) };
      }
      case 'teams/get-membership-for-user-in-org': {
        // GitHub's description: 404 "if user has no team membership"; the team must be visible to the caller.
        const team = `${p.org}/${p.team_slug}`.toLowerCase();
        if (this.hiddenTeams.has(team))
          throw new HttpError(403, `Resource not accessible by integration: members of ${team}`, false);
        const state = this.teamMemberships.get(`${team}#${p.username!.toLowerCase()}`);
        if (!state) throw new HttpError(404, `Not Found: ${p.username} is not a member of ${team}`, false);
        return { status: 200, body: o.teamMembership(p.org!, p.team_slug!, p.username!, state) };
      }
      case 'pulls/get': {
        const repo = this.repo(p, req);
        const pr = this.pullRequests.find(
          (x) => x.repository === `${repo.owner}/${repo.name}` && x.number === Number(p.pull_number),
        );
        if (!pr) throw new HttpError(404, `Not Found: no pull request #${p.pull_number} in ${repo.owner}/${repo.name}`);
        const head = this.repositories.find((r) => `${r.owner}/${r.name}` === pr.head.repository) ?? repo;
        return { status: 200, body: o.pullRequest(pr, repo, head) };
      }
      case 'repos/list-pull-requests-associated-with-commit': {
        // Open pull requests of this repository whose head is the commit or contains it.
        const repo = this.repo(p, req);
        const full = `${repo.owner}/${repo.name}`;
        const sha = p.commit_sha!;
        const prs = this.pullRequests.filter(
          (x) =>
            x.repository === full &&
            (x.head.sha === sha || (repo.gitDir !== undefined && isAncestor(repo.gitDir, sha, x.head.sha))),
        );
        return this.page(
          prs.map((x) =>
            o.pullRequestSimple(
              x,
              repo,
              this.repositories.find((r) => `${r.owner}/${r.name}` === x.head.repository) ?? repo,
            ),
          ),
          query,
          req,
        );
      }
      case 'pulls/list-files': {
        const repo = this.repo(p, req);
        const pr = this.pullRequests.find(
          (x) => x.repository === `${repo.owner}/${repo.name}` && x.number === Number(p.pull_number),
        );
        if (!pr) throw new HttpError(404, `Not Found: no pull request #${p.pull_number}`);
        if (!repo.gitDir) throw new Error('pulls/list-files needs the repository to have a gitDir');
        const files = git(repo.gitDir, ['diff', '--name-status', `${pr.base.sha}...${pr.head.sha}`])
          .split('\n')
          .filter(Boolean)
          .map((line) => {
            const [status, filename] = line.split('\t') as [string, string];
            const st =
              ({ A: 'added', D: 'removed', M: 'modified', R: 'renamed' } as Record<string, string>)[status[0]!] ??
              'changed';
            return o.diffEntry(pr, filename, st);
          });
        return this.page(files, query, req);
      }
      case 'checks/create': {
        const repo = this.repo(p, req);
        const b = body!;
        const sha = String(b.head_sha);
        if (repo.gitDir && !commitExists(repo.gitDir, sha)) throw new HttpError(422, `No commit found for SHA: ${sha}`);
        const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        const conclusion = (b.conclusion as string | undefined) ?? null;
        const status = conclusion ? 'completed' : ((b.status as FakeCheckRun['status'] | undefined) ?? 'queued');
        const output = (b.output ?? {}) as {
          title?: string;
          summary?: string;
          text?: string;
          annotations?: FakeAnnotation[];
        };
        const run: FakeCheckRun = {
          id: this.id(),
          repository: `${repo.owner}/${repo.name}`,
          name: String(b.name),
          head_sha: sha,
          status,
          conclusion,
          started_at: (b.started_at as string | undefined) ?? now,
          completed_at: status === 'completed' ? ((b.completed_at as string | undefined) ?? now) : null,
          details_url: (b.details_url as string | undefined) ?? null,
          external_id: (b.external_id as string | undefined) ?? null,
          output: { title: output.title ?? null, summary: output.summary ?? null, text: output.text ?? null },
          annotations: [...(output.annotations ?? [])],
          writes: 1,
          lastWrite: this.requests.length,
        };
        this.checkRuns.push(run);
        return { status: 201, body: o.checkRun(run) };
      }
      case 'checks/update': {
        const run = this.checkRun(p, req);
        const b = body ?? {};
        if (typeof b.name === 'string') run.name = b.name;
        if (typeof b.details_url === 'string') run.details_url = b.details_url;
        if (typeof b.external_id === 'string') run.external_id = b.external_id;
        if (typeof b.started_at === 'string') run.started_at = b.started_at;
        if (typeof b.status === 'string') run.status = b.status as FakeCheckRun['status'];
        // "Providing conclusion will automatically set the status parameter to completed."
        if (typeof b.conclusion === 'string') {
          run.conclusion = b.conclusion;
          run.status = 'completed';
        }
        if (run.status === 'completed')
          run.completed_at =
            (b.completed_at as string | undefined) ??
            run.completed_at ??
            new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        const output = b.output as
          { title?: string; summary?: string; text?: string; annotations?: FakeAnnotation[] } | undefined;
        if (output) {
          if (output.title !== undefined) run.output.title = output.title;
          if (output.summary !== undefined) run.output.summary = output.summary;
          if (output.text !== undefined) run.output.text = output.text;
          run.annotations.push(...(output.annotations ?? []));
        }
        run.writes++;
        run.lastWrite = this.requests.length;
        return { status: 200, body: o.checkRun(run) };
      }
      case 'checks/get':
        return { status: 200, body: o.checkRun(this.checkRun(p, req)) };
      case 'checks/list-annotations': {
        const run = this.checkRun(p, req);
        return this.page(
          run.annotations.map((a) => o.annotation(run, a)),
          query,
          req,
        );
      }
      case 'checks/list-for-ref': {
        const repo = this.repo(p, req);
        const full = `${repo.owner}/${repo.name}`;
        const sha = /^[0-9a-f]{40}$/.test(p.ref!) || !repo.gitDir ? p.ref! : resolveRef(repo.gitDir, p.ref!);
        let runs = this.checkRuns.filter((r) => r.repository === full && r.head_sha === sha);
        if (query.check_name) runs = runs.filter((r) => r.name === query.check_name);
        if (query.status) runs = runs.filter((r) => r.status === query.status);
        // filter=latest (the default) keeps the most recent run of each name.
        if ((query.filter ?? 'latest') === 'latest')
          runs = runs.filter((r) => !runs.some((other) => other.name === r.name && other.id > r.id));
        runs = [...runs].sort((a, b) => b.id - a.id);
        const { items, headers } = this.slice(runs, query, req);
        return {
          status: 200,
          body: { total_count: runs.length, check_runs: items.map((r) => o.checkRun(r)) },
          headers,
        };
      }
      case 'issues/list-comments': {
        const repo = this.repo(p, req);
        let list = this.commentsOn(`${repo.owner}/${repo.name}`, Number(p.issue_number));
        if (query.since) list = list.filter((c) => c.updated_at >= query.since!);
        return this.page(
          list.map((c) => o.comment(c)),
          query,
          req,
        );
      }
      // GET /repos/{owner}/{repo}/issues/comments: every issue's and pull request's comments, ascending by id.
      case 'issues/list-comments-for-repo': {
        const repo = this.repo(p, req);
        const full = `${repo.owner}/${repo.name}`;
        let list = this.comments.filter((c) => c.repository === full);
        if (query.since) list = list.filter((c) => c.updated_at >= query.since!);
        return this.page(
          list.map((c) => o.comment(c)),
          query,
          req,
        );
      }
      case 'issues/create-comment': {
        const repo = this.repo(p, req);
        const full = `${repo.owner}/${repo.name}`;
        if (!this.pullRequests.some((x) => x.repository === full && x.number === Number(p.issue_number)))
          throw new HttpError(404, `Not Found: no issue or pull request #${p.issue_number} in ${full}`);
        const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        const c: FakeComment = {
          id: this.id(),
          repository: full,
          issue_number: Number(p.issue_number),
          body: String(body!.body),
          user: this.botLogin,
          created_at: now,
          updated_at: now,
          edits: 0,
        };
        this.comments.push(c);
        return { status: 201, body: o.comment(c) };
      }
      case 'issues/update-comment': {
        const c = this.comment(p, req);
        if (c.user !== this.botLogin)
          throw new HttpError(
            403,
            `Resource not accessible by integration: comment ${c.id} was written by ${c.user}, not the app`,
          );
        c.body = String(body!.body);
        c.edits++;
        c.updated_at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        return { status: 200, body: o.comment(c) };
      }
      case 'issues/get-comment':
        return { status: 200, body: o.comment(this.comment(p, req)) };
      case 'reactions/create-for-issue-comment': {
        const c = this.comment(p, req);
        const content = String(body!.content);
        const existing = this.reactions.findIndex((r) => r.commentId === c.id && r.content === content);
        if (existing < 0) this.reactions.push({ commentId: c.id, content });
        return { status: existing < 0 ? 201 : 200, body: o.reaction(c.id * 10 + 1, content) };
      }
      case 'repos/create-deployment':
        return this.createDeployment(this.repo(p, req), body!);
      case 'repos/get-deployment':
        return { status: 200, body: o.deployment(this.deployment(p, req)) };
      case 'repos/list-deployments': {
        const repo = this.repo(p, req);
        // "none" is the documented default of each filter: no filtering.
        const given = (name: string) => (query[name] !== undefined && query[name] !== 'none' ? query[name] : undefined);
        const [sha, ref, task, environment] = [given('sha'), given('ref'), given('task'), given('environment')];
        const list = this.deploymentsFor(`${repo.owner}/${repo.name}`)
          .filter(
            (d) =>
              (sha === undefined || d.sha === sha) &&
              (ref === undefined || d.ref === ref) &&
              (task === undefined || d.task === task) &&
              (environment === undefined || d.environment === environment),
          )
          .sort((a, b) => b.id - a.id);
        return this.page(
          list.map((d) => o.deployment(d)),
          query,
          req,
        );
      }
      case 'repos/create-deployment-status':
        return this.createDeploymentStatus(this.deployment(p, req), body!);
      case 'repos/list-deployment-statuses': {
        const d = this.deployment(p, req);
        return this.page(
          [...d.statuses].reverse().map((st) => o.deploymentStatus(d, st)),
          query,
          req,
        );
      }
      default:
        throw new Error(`the fake has no handler for ${operationId}, which the slice contains`);
    }
  }

  /**
   * POST /repos/{owner}/{repo}/pulls (GitHub OpenAPI pulls/create): `head` a branch of this
   * repository (or `owner:branch`), `base` a branch; 422 when either is missing or when head
   * has no commit base lacks ("No commits between"). Numbered from 1001 so that pull requests
   * a test opens itself (numbered from 1) never collide with them.
   */
  private createPullRequest(repo: FakeRepository, b: Record<string, unknown>): Reply {
    const full = `${repo.owner}/${repo.name}`;
    const headRef = String(b.head).includes(':') ? String(b.head).split(':')[1]! : String(b.head);
    const baseRef = String(b.base);
    const branch = (ref: string) => (repo.gitDir ? resolveRef(repo.gitDir, `heads/${ref}`) : '');
    const [head, base] = [branch(headRef), branch(baseRef)];
    if (!/^[0-9a-f]{40}$/.test(head)) throw new HttpError(422, `Validation Failed: head ${headRef} is not a branch`);
    if (!/^[0-9a-f]{40}$/.test(base)) throw new HttpError(422, `Validation Failed: base ${baseRef} is not a branch`);
    if (head === base || isAncestor(repo.gitDir!, head, base))
      throw new HttpError(422, `Validation Failed: No commits between ${baseRef} and ${headRef}`);
    const number = Math.max(1000, ...this.pullRequests.filter((x) => x.repository === full).map((x) => x.number)) + 1;
    const pr = this.addPullRequest({
      repository: full,
      number,
      title: String(b.title),
      user: this.botLogin,
      head: { sha: head, ref: headRef, repository: full },
      base: { sha: base, ref: baseRef },
    });
    this.createdPullBodies.set(`${full}#${number}`, typeof b.body === 'string' ? b.body : '');
    return { status: 201, body: this.objects.pullRequest(pr, repo, repo) };
  }

  /** The body of each pull request the app opened, by `owner/name#number`. */
  readonly createdPullBodies = new Map<string, string>();

  /**
   * POST /repos/{owner}/{repo}/deployments as documented: defaults (task `deploy`, environment
   * `production`, auto_merge true, production_environment true only for `production`), the ref
   * resolved to a commit (422 "No ref found"), and the two 409s: required status contexts not
   * all `success` (omitted = every context on the commit; the fake's contexts are its check runs),
   * and auto_merge with the default branch not merged into the ref (GitHub would merge it, 202, or
   * conflict, 409 — either way no deployment; the fake does not merge).
   */
  private createDeployment(repo: FakeRepository, b: Record<string, unknown>): Reply {
    const full = `${repo.owner}/${repo.name}`;
    const ref = String(b.ref);
    const sha = /^[0-9a-f]{40}$/.test(ref) ? ref : repo.gitDir ? resolveRef(repo.gitDir, ref) : ref;
    if (!/^[0-9a-f]{40}$/.test(sha) || (repo.gitDir && !commitExists(repo.gitDir, sha)))
      throw new HttpError(422, `No ref found for: ${ref}`);
    const contexts = latestCheckRuns(this.checkRunsFor(full, sha));
    const required = Array.isArray(b.required_contexts)
      ? (b.required_contexts as string[])
      : contexts.map((r) => r.name);
    const failing = required.filter((name) => contexts.find((r) => r.name === name)?.conclusion !== 'success');
    if (failing.length)
      throw new HttpError(
        409,
        `Conflict: Commit status checks failed for ${ref}: ${failing.join(', ')} ${Array.isArray(b.required_contexts) ? 'required' : 'not successful (required_contexts was omitted, so every context counts; send [] to skip the check)'}`,
        false,
      );
    if (b.auto_merge !== false && repo.gitDir) {
      const base = resolveRef(repo.gitDir, `heads/${repo.defaultBranch}`);
      if (/^[0-9a-f]{40}$/.test(base) && !isAncestor(repo.gitDir, base, sha))
        throw new HttpError(
          409,
          `Conflict: ${repo.defaultBranch} is not merged into ${ref} and auto_merge is on (GitHub would merge it or refuse; the fake does not merge — send auto_merge: false)`,
          false,
        );
    }
    const environment = typeof b.environment === 'string' ? b.environment : 'production';
    const now = timestamp();
    let payload = (b.payload ?? {}) as Record<string, unknown> | string;
    if (typeof payload === 'string' && payload.trim().startsWith('{')) {
      // A JSON text payload comes back as the object it encodes.
      try {
        payload = JSON.parse(payload) as Record<string, unknown>;
      } catch {
        throw new HttpError(422, 'payload is not valid JSON');
      }
    }
    const d: FakeDeployment = {
      id: this.id(),
      repository: full,
      sha,
      ref,
      task: typeof b.task === 'string' ? b.task : 'deploy',
      payload,
      environment,
      original_environment: environment,
      description: b.description === null ? null : typeof b.description === 'string' ? b.description : '',
      transient_environment: b.transient_environment === true,
      production_environment:
        typeof b.production_environment === 'boolean' ? b.production_environment : environment === 'production',
      created_at: now,
      updated_at: now,
      statuses: [],
    };
    this.deployments.push(d);
    return { status: 201, body: this.objects.deployment(d) };
  }

  /**
   * POST …/deployments/{id}/statuses as documented: `log_url` also sets `target_url`; `environment`
   * moves the deployment to another environment; and auto_inactive (default true): a `success`
   * adds an `inactive` status to every prior non-transient, non-production deployment of the
   * same environment whose state was `success`.
   */
  private createDeploymentStatus(d: FakeDeployment, b: Record<string, unknown>): Reply {
    const now = timestamp();
    if (typeof b.environment === 'string') d.environment = b.environment;
    const log = typeof b.log_url === 'string' ? b.log_url : typeof b.target_url === 'string' ? b.target_url : '';
    const st: FakeDeploymentStatus = {
      id: this.id(),
      state: b.state as FakeDeploymentState,
      description: typeof b.description === 'string' ? b.description : '',
      environment: d.environment,
      environment_url: typeof b.environment_url === 'string' ? b.environment_url : '',
      log_url: log,
      created_at: now,
      automatic: false,
    };
    d.statuses.push(st);
    d.updated_at = now;
    if (st.state === 'success' && b.auto_inactive !== false) {
      for (const prior of this.deployments) {
        if (prior.repository !== d.repository || prior.id >= d.id || prior.environment !== d.environment) continue;
        if (prior.transient_environment || prior.production_environment || this.deploymentState(prior) !== 'success')
          continue;
        const last = prior.statuses.at(-1)!;
        prior.statuses.push({
          ...last,
          id: this.id(),
          state: 'inactive',
          description: '',
          created_at: now,
          automatic: true,
        });
        prior.updated_at = now;
      }
    }
    return {
      status: 201,
      body: this.objects.deploymentStatus(d, st),
      headers: { location: `${this.apiUrl}/repos/${d.repository}/deployments/${d.id}/statuses/${st.id}` },
    };
  }

  private deployment(p: Record<string, string>, req: IncomingMessage): FakeDeployment {
    const repo = this.repo(p, req);
    const d = this.deployments.find(
      (x) => x.id === Number(p.deployment_id) && x.repository === `${repo.owner}/${repo.name}`,
    );
    if (!d)
      throw new HttpError(404, `Not Found: no deployment ${p.deployment_id} in ${repo.owner}/${repo.name}`, false);
    return d;
  }

  private checkRun(p: Record<string, string>, req: IncomingMessage): FakeCheckRun {
    const repo = this.repo(p, req);
    const run = this.checkRuns.find(
      (r) => r.id === Number(p.check_run_id) && r.repository === `${repo.owner}/${repo.name}`,
    );
    if (!run) throw new HttpError(404, `Not Found: no check run ${p.check_run_id} in ${repo.owner}/${repo.name}`);
    return run;
  }

  private comment(p: Record<string, string>, req: IncomingMessage): FakeComment {
    const repo = this.repo(p, req);
    const c = this.comments.find((x) => x.id === Number(p.comment_id) && x.repository === `${repo.owner}/${repo.name}`);
    if (!c) throw new HttpError(404, `Not Found: no comment ${p.comment_id} in ${repo.owner}/${repo.name}`);
    return c;
  }

  /** GitHub's pagination: per_page (default 30, max 100), page from 1, and a Link header. */
  private slice<T>(
    all: T[],
    query: Record<string, string>,
    req: IncomingMessage,
  ): { items: T[]; headers: Record<string, string> } {
    const perPage = Math.min(Number(query.per_page ?? 30), 100);
    const page = Number(query.page ?? 1);
    const items = all.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (n: number, rel: string) => {
      const u = new URL(req.url ?? '/', `http://${this.host}`);
      u.searchParams.set('page', String(n));
      u.searchParams.set('per_page', String(perPage));
      return `<${u.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    return { items, headers: links.length ? { link: links.join(', ') } : {} };
  }

  private page(all: unknown[], query: Record<string, string>, req: IncomingMessage): Reply {
    const { items, headers } = this.slice(all, query, req);
    return { status: 200, body: items, headers };
  }
}

export function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  return FakeGitHub.start(options);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function commitExists(dir: string, sha: string): boolean {
  try {
    git(dir, ['cat-file', '-e', `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

function isAncestor(dir: string, ancestor: string, descendant: string): boolean {
  try {
    git(dir, ['merge-base', '--is-ancestor', ancestor, descendant]);
    return true;
  } catch {
    return false;
  }
}

/** The newest run of each name: what a commit's status for that context is. */
function latestCheckRuns(runs: FakeCheckRun[]): FakeCheckRun[] {
  return runs.filter((r) => !runs.some((other) => other.name === r.name && other.id > r.id));
}

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function resolveRef(dir: string, ref: string): string {
  try {
    return git(dir, [
      'rev-parse',
      '--verify',
      `${ref.replace(/^heads\//, 'refs/heads/').replace(/^tags\//, 'refs/tags/')}^{commit}`,
    ]).trim();
  } catch {
    return ref;
  }
}
