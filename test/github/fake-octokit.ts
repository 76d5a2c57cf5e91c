import type { CheckRunData, GitHubClient, IssueCommentData, PullRequestData } from '../../src/github/types.js';
import { documentedProblems } from '../support/fake-github/documented-rules.js';
import { OpenApiContract } from '../support/fake-github/openapi-contract.js';

/** Compiled once: the same OpenAPI slice and documented limits the HTTP fake (test/support/fake-github) enforces. */
let contract: OpenApiContract | undefined;

/** Octokit's method names and the operations of GitHub's REST description they call. */
const OPERATION: Record<string, string> = {
  'checks.listForRef': 'checks/list-for-ref',
  'checks.create': 'checks/create',
  'checks.update': 'checks/update',
  'issues.listComments': 'issues/list-comments',
  'issues.createComment': 'issues/create-comment',
  'issues.updateComment': 'issues/update-comment',
  'pulls.get': 'pulls/get',
  'repos.listPullRequestsAssociatedWithCommit': 'repos/list-pull-requests-associated-with-commit',
};

/**
 * A recording stand-in for the installation Octokit: the calls it receives, in order, and the
 * check runs and comments they leave behind. Every call is checked against GitHub's REST
 * description (@octokit/openapi, the slice in test/fixtures/github) and the limits GitHub
 * documents, and refused with a 422 as GitHub would: a workflow test cannot pass on a request
 * the real API refuses.
 */
export interface FakeOctokit extends GitHubClient {
  calls: { method: string; params: Record<string, unknown> }[];
  checkRuns: (CheckRunData & { output?: { title: string; summary: string; text?: string; annotations: unknown[] } })[];
  comments: IssueCommentData[];
  pulls: PullRequestData[];
  /** Mutating requests, the ones GitHub's throttling spaces ~1 s apart. */
  writes(): string[];
  failNext?: { method: string; error: Error };
}

export function fakeOctokit(options: { token?: string } = {}): FakeOctokit {
  // Compiled before the first call, so that a workflow's timing (the in-progress delay) never includes it.
  contract ??= new OpenApiContract();
  let nextId = 100;
  const fake: FakeOctokit = {
    calls: [],
    checkRuns: [],
    comments: [],
    pulls: [],
    writes: () => fake.calls.filter((c) => /create|update/i.test(c.method)).map((c) => c.method),
    auth: async (opts) =>
      opts?.type === 'installation'
        ? { type: 'token', tokenType: 'installation', token: options.token ?? 'ghs_0123456789abcdefghijABCDEFGHIJ0123' }
        : {},
    rest: {
      checks: {
        listForRef: async (params) => {
          record('checks.listForRef', params);
          const runs = fake.checkRuns.filter(
            (r) => r.head_sha === params.ref && (!params.check_name || r.name === params.check_name),
          );
          return { data: { total_count: runs.length, check_runs: runs } };
        },
        create: async (params) => {
          record('checks.create', params);
          const run = {
            id: nextId++,
            name: params.name,
            head_sha: params.head_sha,
            status: params.status ?? 'queued',
            conclusion: params.conclusion ?? null,
            external_id: params.external_id ?? null,
          };
          fake.checkRuns.push(run);
          applyOutput(run, params.output);
          return { data: run };
        },
        update: async (params) => {
          record('checks.update', params);
          const run = fake.checkRuns.find((r) => r.id === params.check_run_id);
          if (!run) throw Object.assign(new Error('Not Found'), { status: 404 });
          if (params.status) run.status = params.status;
          if (params.conclusion) run.conclusion = params.conclusion;
          if (params.status && params.status !== 'completed') run.conclusion = null;
          applyOutput(run, params.output);
          return { data: run };
        },
      },
      issues: {
        listComments: async (params) => {
          record('issues.listComments', params);
          const perPage = params.per_page ?? 30;
          const page = params.page ?? 1;
          return { data: fake.comments.slice((page - 1) * perPage, page * perPage) };
        },
        createComment: async (params) => {
          record('issues.createComment', params);
          const c = { id: nextId++, body: params.body, user: { login: 'streampilot[bot]', type: 'Bot' } };
          fake.comments.push(c);
          return { data: c };
        },
        updateComment: async (params) => {
          record('issues.updateComment', params);
          const c = fake.comments.find((x) => x.id === params.comment_id);
          if (!c) throw Object.assign(new Error('Not Found'), { status: 404 });
          c.body = params.body;
          return { data: c };
        },
      },
      pulls: {
        get: async (params) => {
          record('pulls.get', params);
          const pr = fake.pulls.find((p) => p.number === params.pull_number);
          if (!pr) throw Object.assign(new Error('Not Found'), { status: 404 });
          return { data: pr };
        },
      },
      repos: {
        listPullRequestsAssociatedWithCommit: async (params) => {
          record('repos.listPullRequestsAssociatedWithCommit', params);
          return { data: fake.pulls.filter((p) => p.head.sha === params.commit_sha) };
        },
      },
    },
  };
  function record(method: string, params: Record<string, unknown>) {
    fake.calls.push({ method, params: structuredClone(params) });
    const operationId = OPERATION[method]!;
    const request = contract!.octokitRequest(operationId, params);
    const problems = [
      ...contract!.validateRequest(operationId, request).map((p) => `${p.where}: ${p.message}`),
      ...documentedProblems(operationId, request.body),
    ];
    if (problems.length > 0) {
      throw Object.assign(new Error(`Validation Failed (${operationId}): ${problems.join('; ')}`), { status: 422 });
    }
    if (fake.failNext?.method === method) {
      const { error } = fake.failNext;
      delete fake.failNext;
      throw error;
    }
  }
  function applyOutput(
    run: FakeOctokit['checkRuns'][number],
    output: { title: string; summary: string; text?: string; annotations?: unknown[] } | undefined,
  ) {
    if (!output) return;
    // GitHub appends annotations across updates; title, summary and text are replaced.
    const annotations = [...(run.output?.annotations ?? []), ...(output.annotations ?? [])];
    run.output = {
      title: output.title,
      summary: output.summary,
      ...(output.text ? { text: output.text } : {}),
      annotations,
    };
  }
  return fake;
}
