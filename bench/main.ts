// `npm run bench`: validation speed and memory on a generated repository, against
// dt-sql-parser's bare `validate` measured in the same run. Each repository-level
// measurement runs in a fresh child process, so in-process memoisation cannot flatter a
// later figure and peak RSS belongs to that measurement alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlinkSQL } from 'dt-sql-parser';
import { parseScript } from '../src/sql/parse.js';
import { generateRepository } from './generate-repository.js';

import { measureAppLatency } from './app-latency.js';
import { measureCliStartup, startupRows } from './cli-startup.js';
import { duplicateTableRows, measureDuplicateTables } from './duplicate-tables.js';
import { printDeployBench } from './deploy.js';
import { measureImageBuilds } from './image-build.js';
import type { Measured } from './measure-check.js';

const self = fileURLToPath(import.meta.url);

function measureCheck(repo: string, cacheDir: string): Measured {
  const r = spawnSync(process.execPath, [path.join(path.dirname(self), 'measure-check.mjs'), repo, cacheDir], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`check of ${repo} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Measured;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function printTable(rows: [string, string, string][]): void {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

const work = mkdtempSync(path.join(tmpdir(), 'streampilot-bench-'));
try {
  const big = generateRepository(path.join(work, 'repo-500'), 500);
  generateRepository(path.join(work, 'repo-50'), 50);
  const texts = big.files.map((f) => readFileSync(f, 'utf8'));
  console.log(`Generated repository: 500 jobs, ${fmt(big.lines)} lines of SQL (2 environments each).`);
  console.log(`Machine: ${process.platform} ${process.arch}, Node ${process.version}\n`);

  // 1. The whole repository, cold and then with the content-hash cache.
  const cache = path.join(work, 'cache');
  const cold = measureCheck(path.join(work, 'repo-500'), cache);
  const warm = measureCheck(path.join(work, 'repo-500'), cache);
  const smallCold = measureCheck(path.join(work, 'repo-50'), '-');
  const bigNoCache = measureCheck(path.join(work, 'repo-500'), '-');
  if (cold.errors > 0)
    console.log(`note: the generated repository produced ${cold.errors} errors — the benchmark input should be clean`);

  // 2. Bare parse: ours vs dt-sql-parser's validate on the same texts, same process.
  const dt = new FlinkSQL();
  const dtFirst0 = performance.now();
  dt.validate(texts[0]!);
  const dtFirstMs = performance.now() - dtFirst0;
  for (let i = 0; i < 20; i++) parseScript(texts[i]!); // JIT warm-up for ours too
  const oursRuns: number[] = [];
  const dtRuns: number[] = [];
  let dtErrors = 0;
  for (let round = 0; round < 3; round++) {
    const a = performance.now();
    for (const t of texts) parseScript(t);
    oursRuns.push(performance.now() - a);
    const b = performance.now();
    for (const t of texts) dtErrors += dt.validate(t).length;
    dtRuns.push(performance.now() - b);
  }
  const oursParse = median(oursRuns);
  const dtParse = median(dtRuns);

  // 3. First-call warm-up of our parser in a fresh process.
  const firstParse: number[] = [];
  const firstParseScript = path.join(path.dirname(self), 'first-parse.mjs');
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, [firstParseScript], { encoding: 'utf8' });
    firstParse.push((JSON.parse(r.stdout) as { ms: number }).ms);
  }

  const rows: [string, string, string][] = [
    ['measure', 'figure', 'target'],
    ['check, 500 jobs, cold (wall)', `${fmt(cold.ms)} ms`, '< 5,000 ms'],
    ['  lines per second (of the repository)', fmt((big.lines / cold.ms) * 1000), ''],
    ['  peak RSS', `${fmt(cold.rssMb)} MB`, ''],
    ['check, 500 jobs, second run (cache hit)', `${fmt(warm.ms)} ms`, ''],
    ['  second run / first run', fmt(warm.ms / cold.ms, 3), '<= 0.1'],
    ['check, 50 jobs, no cache', `${fmt(smallCold.ms)} ms`, ''],
    ['check, 500 jobs, no cache', `${fmt(bigNoCache.ms)} ms`, ''],
    ['  growth for 10x the input', `${fmt(bigNoCache.ms / smallCold.ms, 2)}x`, '<= 11x'],
    ['our parse, 500 files (median of 3)', `${fmt(oursParse)} ms (${fmt((big.lines / oursParse) * 1000)} lines/s)`, ''],
    ['dt-sql-parser validate, same files', `${fmt(dtParse)} ms (${fmt((big.lines / dtParse) * 1000)} lines/s)`, ''],
    ['  dt-sql-parser / our parse', `${fmt(dtParse / oursParse, 1)}x faster`, '>= 5x'],
    [
      '  whole check (2 envs, rules, render) / dt validate',
      fmt(bigNoCache.ms / dtParse, 2),
      '<= 1.5 (< 1 with own parser)',
    ],
    ['our first parse in a fresh process (median of 5)', `${fmt(median(firstParse), 1)} ms`, '< 50 ms'],
    ['dt-sql-parser first validate', `${fmt(dtFirstMs)} ms`, ''],
  ];
  printTable(rows);
  if (dtErrors > 0)
    console.log(`\n(dt-sql-parser reported ${dtErrors} errors on this valid input; its time includes producing them)`);

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
