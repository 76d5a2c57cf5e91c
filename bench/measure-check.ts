// Child process of the benchmark: one repository check, reporting wall time and peak RSS.
// A file of its own so the baseline parser is not loaded into the process being measured.
import { DiskCache } from '../src/cache/result-cache.js';
import { checkRepository } from '../src/workflows/check-repository.js';

export interface Measured {
  ms: number;
  /** CPU time of the check (user + system), steadier than wall time on a busy machine. */
  cpuMs: number;
  rssMb: number;
  errors: number;
  jobs: number;
  /** With `again`: the fastest of two more checks in the same process (no cache). */
  warmMs?: number;
}

const [, , repo, cacheDir, again] = process.argv;
if (repo) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cache = cacheDir === '-' || !cacheDir ? undefined : new DiskCache(cacheDir);
  const result = checkRepository(repo, cache ? { cache } : {});
  // Until the cache is on disk, as the CLI's process does not end before.
  await cache?.flush();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const measured: Measured = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMb: process.resourceUsage().maxRSS / 1024,
    errors: result.diagnostics.filter((d) => d.severity === 'error').length,
    jobs: result.plan.environments.reduce((n, e) => n + e.jobs.length, 0),
  };
  // `again`: the same check twice more in this process, no cache, the faster one reported: the
  // check once the code is compiled and optimised, as a long-running app runs it.
  if (again === 'again') {
    const warm: number[] = [];
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      checkRepository(repo);
      warm.push(performance.now() - t);
    }
    measured.warmMs = Math.min(...warm);
  }
  process.stdout.write(JSON.stringify(measured));
}
