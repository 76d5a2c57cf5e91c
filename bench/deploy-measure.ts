// The deploy benchmark itself, run by bench/deploy.ts in a fresh Node process (with
// --expose-gc) so that no earlier section's heap is collected on its clock. Prints one JSON
// line of DeployFigures.
//
// A merge that changes 50 application jobs goes through the real code path: checkRepository
// → prepareDeploy → deployEnvironment with the real Kubernetes client over HTTPS, against the
// fake API server of the tests in a child process (deploy-fake-kube.ts), whose operator
// autopilot takes each applied job to RUNNING after a fixed wait. The images are not built:
// each job's build outcome is "reused" with a digest derived from its content-addressed tag,
// as a registry that already has the image would answer; the build has figures of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createFlinkRest } from '../src/flink/rest-client.js';
import { createKubeClient, loadKubeConfig, type KubeClient } from '../src/kube/client.js';
import type { PlannedEnvironment } from '../src/plan/types.js';
import type { JobBuildOutcome } from '../src/workflows/build-images.js';
import { checkRepository } from '../src/workflows/check-repository.js';
import { deployEnvironment } from '../src/workflows/deploy-environment.js';
import { prepareDeploy, type PreparedJob } from '../src/workflows/prepare-deploy.js';
import { writeTestKubeconfig } from '../test/support/test-kubeconfig.js';
import type { FakeKubeStats } from './deploy-fake-kube.js';
import { generateRepository, jobSql } from './generate-repository.js';

const JOBS = 50;
const ENVIRONMENT = 'staging';
/** The autopilot's step: the operator reacts after one, the job runs after the next. */
const STEP_MS = 100;
const WAIT_MS = 2 * STEP_MS;
const CONCURRENCIES = [1, 4, 16] as const;
/** Rounds of the concurrent merges (the sequential one takes 50 waits, so it runs once). */
const ROUNDS = 3;

export interface RunFigures {
  concurrency: number;
  wallMs: number;
  /** CPU (user + system) of this process during the deploy: StreamPilot's own work. */
  cpuMs: number;
  requests: number;
  writes: number;
  watches: number;
  /** TCP (TLS) connections this process opened to the API server. */
  connections: number;
  /** CPU the fake API server and its autopilot spent meanwhile, in their own process. */
  fakeCpuMs: number;
  /** Jobs per final state, e.g. `{ running: 50 }`. */
  states: Record<string, number>;
}

export interface DeployFigures {
  jobs: number;
  waitMs: number;
  /** Errors checkRepository found in the generated repository (should be 0). */
  checkErrors: number;
  /** CPU of prepareDeploy (rendering the objects) for all jobs, median over the plans prepared. */
  prepareCpuMs: number;
  /** The first merge in this process: includes JIT warm-up and the client's first TLS connections. */
  first: RunFigures;
  /** Merges changing every job, per concurrency; medians over the rounds. */
  changed: RunFigures[];
  /** A later merge changing nothing (every job `unchanged`), at the default concurrency. */
  unchanged: RunFigures;
}

// Every TLS connection this process opens (only to the fake API server): counted where
// https agents open them, as no diagnostics channel reports TLS client sockets.
let connections = 0;
const tls = createRequire(import.meta.url)('node:tls') as typeof import('node:tls');
const tlsConnect = tls.connect;
tls.connect = function (this: unknown, ...args: unknown[]) {
  connections++;
  return (tlsConnect as (...a: unknown[]) => unknown).apply(this, args);
} as typeof tls.connect;

const here = path.dirname(fileURLToPath(import.meta.url));
const sha = (n: number) => n.toString(16).padStart(40, '0');

/** The fake cluster's process, and a client of it as the app has one per context. */
class FakeCluster {
  private readonly pending: ((line: string) => void)[] = [];

  private constructor(
    private readonly child: ChildProcess,
    private readonly lines: Interface,
    readonly kube: KubeClient,
  ) {
    lines.on('line', (line) => this.pending.shift()?.(line));
  }

  static async start(dir: string): Promise<FakeCluster> {
    const child = spawn(process.execPath, [path.join(here, 'deploy-fake-kube.mjs'), String(STEP_MS)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the fake API server exited (${code}) before it was ready`)));
    });
    const target = JSON.parse(first) as { url: string; caPem: string; token: string };
    const kubeconfig = writeTestKubeconfig(dir, target, [{ name: 'bench', namespace: 'flink-staging' }]);
    return new FakeCluster(
      child,
      lines,
      createKubeClient(loadKubeConfig({ kubeconfigPath: kubeconfig, context: 'bench' })),
    );
  }

  stats(): Promise<FakeKubeStats> {
    return new Promise((resolve) => {
      this.pending.push((line) => resolve(JSON.parse(line) as FakeKubeStats));
      this.child.stdin!.write('stats\n');
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin!.end();
    await exited;
    this.lines.close();
  }
}

/** The repository at one version of its SQL; every job's query differs between versions. */
function writeVersion(root: string, version: number): void {
  generateRepository(root, JOBS);
  for (let i = 0; i < JOBS; i++) {
    const name = `job-${String(i).padStart(4, '0')}`;
    writeFileSync(
      path.join(root, 'jobs', name, 'main.sql'),
      jobSql(i).replace('WHERE e.amount >', `WHERE e.amount + ${version} >`),
    );
  }
}

function plan(root: string, gitSha: string): { environment: PlannedEnvironment; errors: number } {
  const checked = checkRepository(root, { environments: [ENVIRONMENT], gitSha });
  return {
    environment: checked.plan.environments[0]!,
    errors: checked.diagnostics.filter((d) => d.severity === 'error').length,
  };
}

/** What a registry that already has each content-addressed image answers. */
function reusedImages(environment: PlannedEnvironment): JobBuildOutcome[] {
  return environment.jobs.map((p) => ({
    job: p.name,
    status: 'reused',
    builder: 'registry',
    image: {
      reference: p.image,
      digest: `sha256:${createHash('sha256').update(p.image).digest('hex')}`,
      reused: true,
      bytesUploaded: 0,
    },
  }));
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

async function deploy(
  cluster: FakeCluster,
  jobs: PreparedJob[],
  gitSha: string,
  concurrency: number,
): Promise<RunFigures> {
  globalThis.gc?.();
  const before = await cluster.stats();
  const sockets = connections;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const report = await deployEnvironment(
    jobs,
    {
      environment: ENVIRONMENT,
      repository: 'bench/deploy-measure',
      sha: gitSha,
      force: false,
      prune: false,
      timeoutMs: 60_000,
      concurrency,
    },
    {
      kube: cluster.kube,
      flink: createFlinkRest(cluster.kube),
      identity: 'bench',
      // Commits are numbered: a higher one is newer.
      isNewer: async (a, b) => a > b,
      progress: () => undefined,
    },
  );
  const wallMs = performance.now() - t0;
  const cpuMs = cpuMsSince(cpu);
  const opened = connections - sockets;
  const after = await cluster.stats();
  const states: Record<string, number> = {};
  for (const j of report.jobs) states[j.state] = (states[j.state] ?? 0) + 1;
  return {
    concurrency,
    wallMs,
    cpuMs,
    requests: after.requests - before.requests,
    writes: after.writes - before.writes,
    watches: after.watches - before.watches,
    connections: opened,
    fakeCpuMs: after.cpuMs - before.cpuMs,
    states,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function medianRun(runs: RunFigures[]): RunFigures {
  const pick = (f: (r: RunFigures) => number) => median(runs.map(f));
  return {
    ...runs[0]!,
    wallMs: pick((r) => r.wallMs),
    cpuMs: pick((r) => r.cpuMs),
    requests: pick((r) => r.requests),
    writes: pick((r) => r.writes),
    watches: pick((r) => r.watches),
    connections: pick((r) => r.connections),
    fakeCpuMs: pick((r) => r.fakeCpuMs),
  };
}

async function measure(): Promise<DeployFigures> {
  const work = mkdtempSync(path.join(tmpdir(), 'streampilot-deploy-bench-'));
  try {
    // Version 0 is what the cluster runs before the merge; version 1 changes every job's SQL.
    writeVersion(path.join(work, 'v0'), 0);
    writeVersion(path.join(work, 'v1'), 1);
    const v0 = plan(path.join(work, 'v0'), sha(1));
    const v1 = plan(path.join(work, 'v1'), sha(2));
    const again = plan(path.join(work, 'v1'), sha(3));
    const prepareCpu: number[] = [];
    const prepare = (p: { environment: PlannedEnvironment }, gitSha: string) => {
      const cpu = process.cpuUsage();
      const jobs = prepareDeploy(p.environment, reusedImages(p.environment), {
        gitSha,
        repository: 'bench/deploy-measure',
      });
      prepareCpu.push(cpuMsSince(cpu));
      return jobs;
    };
    const before = prepare(v0, sha(1));
    const merge = prepare(v1, sha(2));
    const nothingChanged = prepare(again, sha(3));

    const withCluster = async <T>(work: (cluster: FakeCluster) => Promise<T>): Promise<T> => {
      const dir = mkdtempSync(path.join(tmpdir(), 'streampilot-deploy-bench-kube-'));
      const cluster = await FakeCluster.start(dir);
      try {
        return await work(cluster);
      } finally {
        await cluster.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    };

    // Each measured merge gets a fresh cluster already running version 0 of every job, so it
    // upgrades 50 existing jobs (read, dry run, apply, follow) as a real merge does.
    let first: RunFigures | undefined;
    const changed = new Map<number, RunFigures[]>();
    const unchanged: RunFigures[] = [];
    const schedule = [1, ...Array.from({ length: ROUNDS }, () => CONCURRENCIES.filter((c) => c !== 1)).flat()];
    for (const concurrency of schedule) {
      await withCluster(async (cluster) => {
        const setup = await deploy(cluster, before, sha(1), 4);
        first ??= setup;
        changed.set(concurrency, [
          ...(changed.get(concurrency) ?? []),
          await deploy(cluster, merge, sha(2), concurrency),
        ]);
        if (concurrency === 4) unchanged.push(await deploy(cluster, nothingChanged, sha(3), 4));
      });
    }
    return {
      jobs: JOBS,
      waitMs: WAIT_MS,
      checkErrors: Math.max(v0.errors, v1.errors),
      prepareCpuMs: median(prepareCpu),
      first: first!,
      changed: CONCURRENCIES.map((c) => medianRun(changed.get(c)!)),
      unchanged: medianRun(unchanged),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.stdout.write(`${JSON.stringify(await measure())}\n`);
