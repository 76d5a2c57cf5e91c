import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { AppProcess, newAppCredentials, type AppCredentials } from '../support/app-process.js';
import {
  startFakeGitHub,
  type FakeCheckRun,
  type FakeComment,
  type FakeGitHub,
  type FakeRepository,
} from '../support/fake-github/fake-github.js';
import { GitRepository, type FileChanges } from '../support/git-fixture.js';
import { runCli } from '../support/run-cli.js';
import {
  checkRunRerequestedPayload,
  deliverWebhook,
  issueCommentPayload,
  pullRequestPayload,
  type Delivery,
  type PayloadRepository,
} from '../support/webhooks.js';

export const CHECK_NAME = 'StreamPilot / validate';

/**
 * One app, fake GitHub and repository for a test file: started before its first test, held to
 * `expectCleanRun` after each, stopped after the last. Returns the running harness.
 */
export interface E2eOptions {
  /** The app's working folder (where it looks for a .env). */
  appCwd?: string;
  /** More environment for the app process. */
  appEnv?: Record<string, string>;
  /** The repository's first commit (default: examples/acme-flink-jobs). */
  source?: string;
}

export function useE2e(options: E2eOptions = {}): () => E2e {
  let e2e: E2e | undefined;
  beforeAll(async () => {
    e2e = await E2e.start(options);
  }, 60_000);
  afterEach(() => e2e?.expectCleanRun());
  afterAll(async () => {
    await e2e?.stop();
  });
  return () => {
    if (!e2e) throw new Error('the e2e harness did not start (see beforeAll)');
    return e2e;
  };
}
export const PLAN_MARKER = '<!-- streampilot:plan -->';
const INSTALLATION_ID = 5150;

/**
 * One app process, one fake GitHub, one real repository: the app started as `npm start` does,
 * talking HTTP to the fake (GitHub's REST contract from @octokit/openapi) and fetching git from
 * disk. Each test opens its own pull request (own number and branch) on the shared repository.
 */
export class E2e {
  private nextPr = 1;

  private constructor(
    readonly credentials: AppCredentials,
    readonly fake: FakeGitHub,
    public app: AppProcess,
    readonly git: GitRepository,
    readonly repo: FakeRepository,
    private readonly options: E2eOptions = {},
  ) {}

  /** Kills the app at once (SIGKILL, as a crash or an evicted pod) and starts a new one with the same settings. */
  async restartApp(): Promise<void> {
    await this.app.kill();
    this.app = await AppProcess.start({
      credentials: this.credentials,
      githubHost: this.fake.host,
      ...(this.options.appCwd ? { cwd: this.options.appCwd } : {}),
      ...(this.options.appEnv ? { env: this.options.appEnv } : {}),
    });
  }

  static async start(options: E2eOptions = {}): Promise<E2e> {
    const credentials = newAppCredentials();
    const git = GitRepository.create(options.source ? { from: options.source } : {});
    const fake = await startFakeGitHub({ appId: credentials.appId, publicKey: credentials.publicKey });
    const repo = fake.addRepository({
      owner: 'acme',
      name: 'flink-jobs',
      installationId: INSTALLATION_ID,
      gitDir: git.dir,
    });
    try {
      const app = await AppProcess.start({
        credentials,
        githubHost: fake.host,
        ...(options.appCwd ? { cwd: options.appCwd } : {}),
        ...(options.appEnv ? { env: options.appEnv } : {}),
      });
      return new E2e(credentials, fake, app, git, repo, options);
    } catch (e) {
      await fake.close();
      git.remove();
      throw e;
    }
  }

  get fullName(): string {
    return `${this.repo.owner}/${this.repo.name}`;
  }

  payloadRepository(repo: FakeRepository = this.repo): PayloadRepository {
    return {
      id: repo.id,
      owner: repo.owner,
      name: repo.name,
      cloneUrl: repo.cloneUrl,
      defaultBranch: repo.defaultBranch,
      ...(repo.forkOf ? { forkOf: repo.forkOf } : {}),
    };
  }

  /**
   * Commits `changes` on a new branch from main, registers the pull request with the fake (as
   * GitHub would have it, refs/pull/N/head included) and delivers pull_request.opened.
   */
  async openPullRequest(
    changes: FileChanges,
    options: { branch?: string; from?: GitRepository; fork?: FakeRepository } = {},
  ): Promise<PullRequest> {
    const number = this.nextPr++;
    const branch = options.branch ?? `pr-${number}`;
    const source = options.from ?? this.git;
    const headSha = source.commit(branch, changes);
    this.git.publishPullRef(source, branch, number);
    const pr = new PullRequest(this, number, branch, this.git.sha('main'), headSha, source, options.fork);
    pr.delivery = await pr.deliver('opened');
    expect(pr.delivery.status, `webhook answer: ${pr.delivery.body}`).toBeLessThan(300);
    return pr;
  }

  async deliver(
    event: string,
    payload: unknown,
    options: { deliveryId?: string; signatureOverride?: string | null } = {},
  ): Promise<Delivery> {
    return deliverWebhook({
      url: this.app.webhookUrl,
      secret: this.credentials.webhookSecret,
      event,
      payload,
      ...options,
    });
  }

  /** Every secret that must never show: the private key (each line of it), the webhook secret, each installation token. */
  secrets(): string[] {
    const keyLines = this.credentials.privateKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
    return [...keyLines, this.credentials.webhookSecret, ...this.fake.installationTokens];
  }

  /** What every test ends with: GitHub would have accepted every request, nothing left running, no secret shown. */
  expectCleanRun(): void {
    expect(this.fake.violations, 'requests GitHub would refuse').toEqual([]);
    expect(
      this.fake.checkRuns.filter((r) => r.status !== 'completed').map((r) => `${r.id} ${r.head_sha} ${r.status}`),
      'check runs left unfinished',
    ).toEqual([]);
    const places: [string, string][] = [
      ['app output', this.app.logs],
      ...this.fake.checkRuns.map((r): [string, string] => [
        `check run ${r.id}`,
        JSON.stringify({ output: r.output, annotations: r.annotations }),
      ]),
      ...this.fake.comments.map((c): [string, string] => [`comment ${c.id}`, c.body]),
    ];
    for (const secret of this.secrets()) {
      for (const [where, text] of places)
        expect(text.includes(secret), `a secret (${secret.slice(0, 6)}…) appears in the ${where}`).toBe(false);
    }
  }

  /** The findings `streampilot check --format json` reports for a commit's tree. */
  cliFindings(sha: string): CliFinding[] {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'streampilot-tree-'));
    try {
      execFileSync('sh', ['-c', `git -C "$0" archive --format=tar "$1" | tar -x -C "$2"`, this.git.dir, sha, dir]);
      const run = runCli(['check', dir, '--format', 'json', '--no-cache']);
      return JSON.parse(run.stdout) as CliFinding[];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    await this.fake?.close();
    this.git?.remove();
  }
}

export interface CliFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
  rule: string;
  message: string;
}

export class PullRequest {
  delivery!: Delivery;

  constructor(
    readonly e2e: E2e,
    readonly number: number,
    readonly branch: string,
    readonly baseSha: string,
    public headSha: string,
    readonly source: GitRepository,
    readonly fork?: FakeRepository,
  ) {
    e2e.fake.addPullRequest({
      repository: e2e.fullName,
      number,
      head: { sha: headSha, ref: branch, repository: fork ? `${fork.owner}/${fork.name}` : e2e.fullName },
      base: { sha: baseSha, ref: 'main' },
    });
  }

  payload(action: 'opened' | 'synchronize', before?: string): Record<string, unknown> {
    return pullRequestPayload({
      action,
      number: this.number,
      installationId: this.e2e.repo.installationId,
      repository: this.e2e.payloadRepository(),
      base: { ref: 'main', sha: this.baseSha },
      head: {
        ref: this.branch,
        sha: this.headSha,
        ...(this.fork ? { repository: this.e2e.payloadRepository(this.fork) } : {}),
      },
      ...(before ? { before } : {}),
    });
  }

  async deliver(
    action: 'opened' | 'synchronize',
    options: { deliveryId?: string; before?: string } = {},
  ): Promise<Delivery> {
    return this.e2e.deliver(
      'pull_request',
      this.payload(action, options.before),
      options.deliveryId ? { deliveryId: options.deliveryId } : {},
    );
  }

  /** A second push to the pull request's branch, delivered as pull_request.synchronize. */
  async push(changes: FileChanges): Promise<Delivery> {
    const before = this.headSha;
    this.headSha = this.source.commit(this.branch, changes);
    this.e2e.git.publishPullRef(this.source, this.branch, this.number);
    this.e2e.fake.addPullRequest({
      repository: this.e2e.fullName,
      number: this.number,
      head: {
        sha: this.headSha,
        ref: this.branch,
        repository: this.fork ? `${this.fork.owner}/${this.fork.name}` : this.e2e.fullName,
      },
      base: { sha: this.baseSha, ref: 'main' },
    });
    const d = await this.deliver('synchronize', { before });
    expect(d.status, d.body).toBeLessThan(300);
    return d;
  }

  async rerequest(run: FakeCheckRun): Promise<Delivery> {
    const payload = checkRunRerequestedPayload({
      installationId: this.e2e.repo.installationId,
      repository: this.e2e.payloadRepository(),
      appId: this.e2e.credentials.appId,
      checkRun: {
        id: run.id,
        name: run.name,
        headSha: run.head_sha,
        headBranch: this.branch,
        externalId: run.external_id ?? '',
      },
      pullRequests: this.fork
        ? []
        : [
            {
              number: this.number,
              head: { ref: this.branch, sha: this.headSha },
              base: { ref: 'main', sha: this.baseSha },
            },
          ],
    });
    return this.e2e.deliver('check_run', payload);
  }

  /**
   * `user` writes `body` on the pull request (the fake holds the comment, as GitHub would) and
   * GitHub delivers issue_comment.`action` for it.
   */
  async comment(
    body: string,
    user: string,
    options: { action?: 'created' | 'edited' | 'deleted'; userType?: 'User' | 'Bot' } = {},
  ): Promise<{ comment: FakeComment; delivery: Delivery }> {
    const comment = this.e2e.fake.addComment({ repository: this.e2e.fullName, issue_number: this.number, body, user });
    const payload = issueCommentPayload({
      action: options.action ?? 'created',
      installationId: this.e2e.repo.installationId,
      repository: this.e2e.payloadRepository(),
      pullRequest: this.number,
      issueNumber: this.number,
      comment: {
        id: comment.id,
        body,
        user,
        createdAt: comment.created_at.replace(/\.\d+Z$/, 'Z'),
        ...(options.userType ? { userType: options.userType } : {}),
      },
    });
    const delivery = await this.e2e.deliver('issue_comment', payload);
    expect(delivery.status, delivery.body).toBeLessThan(300);
    return { comment, delivery };
  }

  /** Waits for the command's closing reaction (🚀 or 😕), then for the app to go quiet; returns that reaction. */
  async commandDone(commentId: number): Promise<string> {
    const { fake } = this.e2e;
    const end = await fake.waitFor(
      () =>
        fake.reactions.find((r) => r.commentId === commentId && (r.content === 'rocket' || r.content === 'confused')),
      `the closing reaction on comment ${commentId}`,
      60_000,
    );
    await fake.quiet(1000, 60_000);
    return end.content;
  }

  checkRuns(sha = this.headSha): FakeCheckRun[] {
    return this.e2e.fake.checkRunsFor(this.e2e.fullName, sha).filter((r) => r.name === CHECK_NAME);
  }

  appComments(): FakeComment[] {
    return this.e2e.fake.commentsOn(this.e2e.fullName, this.number).filter((c) => c.user === this.e2e.fake.botLogin);
  }

  /**
   * Waits for a check run on the head SHA completed by a request after position `after` of the
   * fake's log (and for the plan comment, when expected), then for the app to go quiet.
   */
  async validated(options: { comment?: boolean; after?: number } = {}): Promise<FakeCheckRun> {
    const { fake } = this.e2e;
    const after = options.after ?? 0;
    const run = await fake.waitFor(
      () => this.checkRuns().find((r) => r.status === 'completed' && r.lastWrite >= after),
      `a completed ${CHECK_NAME} on ${this.headSha.slice(0, 7)} (PR #${this.number})`,
      60_000,
    );
    if (options.comment)
      await fake.waitFor(() => this.appComments().length > 0, `the plan comment on PR #${this.number}`, 30_000);
    await fake.quiet(2000, 60_000);
    return this.checkRuns().find((r) => r.id === run.id)!;
  }

  /** Everything the check run says: title, summary, text and annotation messages. */
  static text(run: FakeCheckRun): string {
    return [
      run.output.title,
      run.output.summary,
      run.output.text,
      ...run.annotations.map((a) => `${a.path}:${a.start_line} ${a.message} ${a.title ?? ''} ${a.raw_details ?? ''}`),
    ].join('\n');
  }
}
