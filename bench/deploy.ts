// Issue 6's figure: a merge changing 50 jobs — StreamPilot's own time per job outside the
// waits (target under 200 ms), and the total time with bounded concurrency against the
// sequential deploy measured in the same run. The measurement runs in a fresh process
// (deploy-measure.ts), the fake cluster in another (deploy-fake-kube.ts), so the CPU counted
// is StreamPilot's alone.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeployFigures, RunFigures } from './deploy-measure.js';

const TARGET_CPU_MS_PER_JOB = 200;
const here = path.dirname(fileURLToPath(import.meta.url));

export function measureDeploy(): DeployFigures {
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(here, 'deploy-measure.mjs')], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`the deploy benchmark failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as DeployFigures;
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function printTable(rows: [string, string, string][]): void {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
}

const states = (r: RunFigures) =>
  Object.entries(r.states)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');

/** Measures and prints the deploy section of `npm run bench`. */
export function printDeployBench(): void {
  const f = measureDeploy();
  const n = f.jobs;
  const perJob = (ms: number) => `${fmt(ms / n, 1)} ms`;
  const at = (c: number) => f.changed.find((r) => r.concurrency === c)!;
  const sequential = at(1);
  const byDefault = at(4);
  const own = byDefault.cpuMs / n + f.prepareCpuMs / n;

  console.log(
    `\nDeploy: a merge changing ${n} application jobs, through deployEnvironment and the real Kubernetes client over HTTPS`,
  );
  console.log(
    `against the fake API server in its own process; its operator autopilot takes each applied job to RUNNING ${f.waitMs} ms`,
  );
  console.log(
    'after the apply (the wait). Images are not built here: each build outcome is "reused" (the build has its own figures);',
  );
  console.log("no GitHub Deployments are recorded. CPU is this process's user + system time: StreamPilot alone.");
  if (f.checkErrors > 0)
    console.log(
      `note: the generated repository produced ${f.checkErrors} errors — the benchmark input should be clean`,
    );
  const rows: [string, string, string][] = [
    ['measure', 'figure', 'target'],
    [`StreamPilot CPU per job, changing merge at concurrency 4 (median of rounds)`, perJob(byDefault.cpuMs), ''],
    ['  + rendering its objects (prepareDeploy)', `${fmt(f.prepareCpuMs / n, 2)} ms`, ''],
    [
      '  own time per job outside the waits',
      `${fmt(own, 1)} ms`,
      `< ${TARGET_CPU_MS_PER_JOB} ms: ${own < TARGET_CPU_MS_PER_JOB ? 'met' : 'NOT met'}`,
    ],
    ['  first merge after start (creates the jobs; JIT warm-up)', perJob(f.first.cpuMs), ''],
  ];
  for (const r of f.changed) {
    rows.push([
      `wall, concurrency ${r.concurrency}${r.concurrency === 1 ? ' (sequential)' : r.concurrency === 4 ? ' (default)' : ''}`,
      `${fmt(r.wallMs)} ms`,
      `CPU ${perJob(r.cpuMs)}/job; ${states(r)}`,
    ]);
  }
  rows.push(
    [
      '  sequential beyond its waits, per job',
      `${fmt((sequential.wallMs - n * f.waitMs) / n, 1)} ms`,
      `wall / ${n} − ${f.waitMs} ms (API round trips + CPU)`,
    ],
    [
      '  concurrency 4 / sequential',
      fmt(byDefault.wallMs / sequential.wallMs, 3),
      `0.25 would be 4 lanes with no overhead`,
    ],
    ['  concurrency 16 / sequential', fmt(at(16).wallMs / sequential.wallMs, 3), ''],
    [
      'API requests per job, changing merge',
      fmt(byDefault.requests / n, 1),
      `${fmt(byDefault.writes / n, 1)} writes, ${fmt(byDefault.watches / n, 1)} watches; ${fmt(byDefault.connections / n, 1)} TLS connections opened`,
    ],
    [
      'fake API server CPU per job (own process, not counted above)',
      perJob(byDefault.fakeCpuMs),
      `at concurrency 16: ${perJob(at(16).fakeCpuMs)}`,
    ],
    [`merge changing nothing (concurrency 4), wall`, `${fmt(f.unchanged.wallMs)} ms`, states(f.unchanged)],
    ['  StreamPilot CPU per job', perJob(f.unchanged.cpuMs), ''],
    [
      '  API requests per job',
      fmt(f.unchanged.requests / n, 1),
      `${fmt(f.unchanged.writes / n, 1)} writes (dry runs and the Lease); ${fmt(f.unchanged.connections / n, 1)} TLS connections opened`,
    ],
  );
  printTable(rows);
}
