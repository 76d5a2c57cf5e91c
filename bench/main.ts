// `npm run bench`: validation speed and memory on a generated repository, against
// dt-sql-parser's bare `validate` measured in the same run. Each repository-level
// measurement runs in a fresh child process, so in-process memoisation cannot flatter a
// later figure and peak RSS belongs to that measurement alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { measureAppLatency } from './app-latency.js';
import { checkBench, fmt, measureCheck, printTable } from './check-bench.js';
import { measureCliStartup, startupRows } from './cli-startup.js';
import { duplicateTableRows, measureDuplicateTables } from './duplicate-tables.js';
import { printDeployBench } from './deploy.js';
import { measureImageBuilds } from './image-build.js';

const work = mkdtempSync(path.join(tmpdir(), 'streampilot-bench-'));
try {
  printTable(checkBench(work));

  console.log("\nCLI start-up: a one-file validate beside node -e '' (issue 13)");
  printTable(startupRows(measureCliStartup(work)));

  console.log('\nOne pathological job: the same table created 9,000 times (issue 10, finding 6)');
  printTable(duplicateTableRows(measureDuplicateTables(work, measureCheck)));

  console.log('\nImage builds: a SQL-only change to a pushed image, against the local registry');
  const builds = await measureImageBuilds();
  if (typeof builds === 'string') console.log(`  ${builds}`);
  else {
    const b: [string, string, string][] = [
      ['measure', 'figure', 'target'],
      [
        `registry-native build + push (median of ${builds.rounds})`,
        `${fmt(builds.registryMs)} ms, ${fmt(builds.registryBytes)} bytes uploaded`,
        '< 1,000 ms',
      ],
      [
        `docker build + docker push (median of ${builds.rounds})`,
        `${fmt(builds.dockerMs)} ms, ${fmt(builds.dockerBytes)} bytes uploaded`,
        '',
      ],
      ['  docker / registry-native', `${fmt(builds.dockerMs / builds.registryMs, 1)}x faster`, '>= 5x'],
    ];
    printTable(b);
  }

  console.log('\nGitHub App: a pull request touching one job of a 500-job repository, webhook to completed check run');
  const app = await measureAppLatency();
  printTable([
    ['measure', 'figure', 'target'],
    ['first delivery (mirror cloned, cold caches)', `${fmt(app.firstMs)} ms`, ''],
    [`p50 over ${app.samples.length} pushes`, `${fmt(app.p50Ms)} ms`, ''],
    [`p95 over ${app.samples.length} pushes`, `${fmt(app.p95Ms)} ms`, '< 1,500 ms'],
    ['GitHub writes per push (check + comment)', fmt(app.writesPerEvent, 1), ''],
    ['app resident memory after them', `${fmt(app.rssMb)} MB`, ''],
    ['contract violations seen by the fake GitHub', String(app.violations), '0'],
  ]);

  printDeployBench();
} finally {
  rmSync(work, { recursive: true, force: true });
}
