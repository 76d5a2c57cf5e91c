// The check pool with real worker threads running the compiled worker (dist/app/check-thread.js,
// built by `npm test`'s pretest or `npx tsc -p tsconfig.build.json`).
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CheckBudgetError } from '../../src/app/check-budget.js';
import { createCheckPool } from '../../src/app/check-pool.js';
import { heavyJobs } from '../support/heavy-jobs.js';
import { repoRoot } from '../support/run-cli.js';

// Far below the heavy repository's check (~8 s of CPU), far above the example's (~0.3 s) even on a busy machine.
const BUDGET_MS = 3000;
const script = pathToFileURL(path.join(repoRoot, 'dist', 'app', 'check-thread.js'));
let work: string;
let heavy: string;
let light: string;

function repository(name: string, extra: Record<string, string | Buffer | null | { symlinkTo: string }>): string {
  const dir = path.join(work, name);
  cpSync(path.join(repoRoot, 'examples', 'acme-flink-jobs'), dir, { recursive: true });
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text as string);
  }
  return dir;
}

beforeAll(() => {
  if (!existsSync(script))
    throw new Error('dist/app/check-thread.js is missing: run `npx tsc -p tsconfig.build.json` first');
  work = mkdtempSync(path.join(os.tmpdir(), 'streampilot-check-pool-'));
  heavy = repository('heavy', heavyJobs(6) as Record<string, string>);
  light = repository('light', {});
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('every check has a time and memory budget', { timeout: 120_000 }, () => {
  test("a pathological repository's check is stopped at its time budget and the next check runs on a fresh worker", async () => {
    const pool = createCheckPool({ workers: 1, budget: { timeoutMs: BUDGET_MS }, script });
    try {
      const started = Date.now();
      const error = await pool.check(heavy, {}, 'acme/heavy').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CheckBudgetError);
      expect(error).toMatchObject({
        budget: 'time',
        message: `the check exceeded its time budget of ${BUDGET_MS / 1000} s and was stopped`,
        hint: expect.stringContaining('STREAMPILOT_CHECK_TIMEOUT_SECONDS'),
      });
      // Stopped near the budget (plus a fresh worker's start-up), not after the whole check (~8 s of CPU).
      expect(Date.now() - started).toBeLessThan(BUDGET_MS + 3000);
      const next = await pool.check(light, {}, 'acme/light');
      expect(next.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(next.plan.environments.length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  test('a check that outgrows its heap fails with the memory budget, and the app process lives on', async () => {
    const pool = createCheckPool({ workers: 1, budget: { timeoutMs: 120_000, memoryMb: 48 }, script });
    try {
      const error = await pool.check(heavy, {}, 'acme/heavy').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CheckBudgetError);
      expect(error).toMatchObject({
        budget: 'memory',
        message: 'the check exceeded its memory budget of 48 MB and was stopped',
        hint: expect.stringContaining('STREAMPILOT_CHECK_MEMORY_MB'),
      });
      const next = await pool.check(light, {}, 'acme/light');
      expect(next.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  test("with one worker, a second repository's check runs after the first heavy check, ahead of that repository's backlog", async () => {
    const pool = createCheckPool({ workers: 1, budget: { timeoutMs: BUDGET_MS }, script });
    try {
      const settled: string[] = [];
      const track = (name: string, p: Promise<unknown>) =>
        p.then(
          () => settled.push(`${name} ok`),
          (e: Error) => settled.push(`${name} ${e.name}`),
        );
      const all = [
        track('A1', pool.check(heavy, {}, 'acme/heavy')),
        track('A2', pool.check(heavy, {}, 'acme/heavy')),
        track('B1', pool.check(light, {}, 'acme/light')),
      ];
      await Promise.all(all);
      expect(settled).toEqual(['A1 CheckBudgetError', 'B1 ok', 'A2 CheckBudgetError']);
    } finally {
      await pool.close();
    }
  });

  test('two workers: a light check completes while a heavy one holds the other worker', async () => {
    const pool = createCheckPool({ workers: 2, budget: { timeoutMs: BUDGET_MS }, script });
    try {
      const settled: string[] = [];
      const heavyCheck = pool.check(heavy, {}, 'acme/heavy').then(
        () => settled.push('heavy'),
        (e: Error) => settled.push(`heavy ${e.name}`),
      );
      await pool.check(light, {}, 'acme/light');
      settled.push('light');
      await heavyCheck;
      expect(settled).toEqual(['light', 'heavy CheckBudgetError']);
    } finally {
      await pool.close();
    }
  });
});
