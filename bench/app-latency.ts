// Issue 4's figure: a pull request touching one job in a 500-job repository, from webhook
// received to check run completed, p50 and p95 over 20 deliveries, git on local disk; and
// the app's resident memory after them. The app runs as its own process (as `npm start`
// does) against the contract-checked fake GitHub of the tests.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppProcess, newAppCredentials } from '../test/support/app-process.js';
import { startFakeGitHub } from '../test/support/fake-github/fake-github.js';
import { GitRepository } from '../test/support/git-fixture.js';
import { deliverWebhook, pullRequestPayload } from '../test/support/webhooks.js';
import { generateRepository, jobSql } from './generate-repository.js';

export interface AppLatency {
  firstMs: number;
  p50Ms: number;
  p95Ms: number;
  samples: number[];
  rssMb: number;
  writesPerEvent: number;
  violations: number;
}

const DELIVERIES = 20;
const INSTALLATION = 77;

async function until<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = predicate();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function measureAppLatency(): Promise<AppLatency> {
  const work = mkdtempSync(path.join(tmpdir(), 'streampilot-app-bench-'));
  const source = path.join(work, 'repo');
  generateRepository(source, 500);
  const git = GitRepository.create({ from: source, name: 'jobs' });
  const credentials = newAppCredentials();
  const fake = await startFakeGitHub({ appId: credentials.appId, publicKey: credentials.publicKey });
  const repo = fake.addRepository({
    owner: 'acme',
    name: 'jobs',
    installationId: INSTALLATION,
    gitDir: git.dir,
    cloneUrl: git.cloneUrl,
  });
  const app = await AppProcess.start({ credentials, githubHost: fake.host, env: { LOG_LEVEL: 'warn' } });
  const full = `${repo.owner}/${repo.name}`;
  const payloadRepo = {
    id: repo.id,
    owner: repo.owner,
    name: repo.name,
    cloneUrl: repo.cloneUrl,
    defaultBranch: repo.defaultBranch,
  };
  try {
    const baseSha = git.sha('main');
    let before = baseSha;
    const samples: number[] = [];
    let firstMs = 0;
    const writesBefore = () => fake.requests.filter((r) => r.method !== 'GET').length;
    let writes = 0;
    for (let i = 0; i <= DELIVERIES; i++) {
      // one job changes: its query's filter, so the normalised script (and the plan) differ
      const head = git.commit('pr-1', {
        'jobs/job-0001/main.sql': jobSql(1).replace('WHERE e.amount >', `WHERE e.amount + ${i} >`),
      });
      git.publishPullRef(git, 'pr-1', 1);
      fake.addPullRequest({
        repository: full,
        number: 1,
        head: { sha: head, ref: 'pr-1', repository: full },
        base: { sha: baseSha, ref: 'main' },
      });
      const edits = fake.commentsOn(full, 1)[0]?.edits ?? -1;
      const w0 = writesBefore();
      const t0 = performance.now();
      const delivery = await deliverWebhook({
        url: app.webhookUrl,
        secret: credentials.webhookSecret,
        event: 'pull_request',
        payload: pullRequestPayload({
          action: i === 0 ? 'opened' : 'synchronize',
          number: 1,
          installationId: INSTALLATION,
          repository: payloadRepo,
          base: { ref: 'main', sha: baseSha },
          head: { ref: 'pr-1', sha: head },
          before,
        }),
      });
      if (delivery.status >= 300) throw new Error(`webhook refused: ${delivery.status} ${delivery.body}`);
      await until(
        () => fake.checkRunsFor(full, head).find((r) => r.status === 'completed'),
        `the check run of ${head}`,
      );
      const ms = performance.now() - t0;
      if (i === 0) firstMs = ms;
      else samples.push(ms);
      // let the plan comment land too, then leave a push's worth of quiet before the next one
      await until(
        () =>
          (fake.commentsOn(full, 1)[0]?.edits ?? -1) > edits || (edits === -1 && fake.commentsOn(full, 1).length > 0),
        'the plan comment',
      );
      if (i > 0) writes += writesBefore() - w0;
      before = head;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
    const status = readFileSync(`/proc/${app.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return {
      firstMs,
      p50Ms: pick(0.5),
      p95Ms: pick(0.95),
      samples,
      rssMb: rssKb / 1024,
      writesPerEvent: writes / DELIVERIES,
      violations: fake.violations.length,
    };
  } finally {
    await app.stop();
    await fake.close();
    git.remove();
    rmSync(work, { recursive: true, force: true });
  }
}
