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
}

const [, , repo, cacheDir] = process.argv;
if (repo) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = checkRepository(repo, cacheDir === '-' || !cacheDir ? {} : { cache: new DiskCache(cacheDir) });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const measured: Measured = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMb: process.resourceUsage().maxRSS / 1024,
    errors: result.diagnostics.filter((d) => d.severity === 'error').length,
    jobs: result.plan.environments.reduce((n, e) => n + e.jobs.length, 0),
  };
  process.stdout.write(JSON.stringify(measured));
}
