import fs from 'node:fs';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/cache/result-cache.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { operatorCrdDir, repoRoot, validateAgainstCrds } from '../support/crd-schema.js';

const example = path.join(repoRoot, 'examples', 'acme-flink-jobs');
const crdsPresent = fs.existsSync(operatorCrdDir);
const scratch = mkdtempSync(path.join(tmpdir(), 'streampilot-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!crdsPresent)(`every object the example repository would apply is valid for the operator's CRDs${crdsPresent ? '' : ' (skipped: ../shared/reference/flink-operator not present)'}`, () => {
  // Contract: Flink Kubernetes Operator 1.15.0 CRDs (flinkdeployments / flinksessionjobs), read from ../shared.
  const { plan, diagnostics } = checkRepository(example);
  const jobs = plan.environments.flatMap((e) => e.jobs.map((j) => [`${e.name}/${j.name}`, j] as const));

  it('plans all four jobs in both environments, without errors', () => {
    expect(diagnostics).toEqual([]);
    expect(jobs.map(([id]) => id).sort()).toEqual(
      ['staging', 'production'].flatMap((e) => ['clickstream-fanout', 'orders-enrichment', 'orders-revenue-per-minute', 'payment-fraud-alerts'].map((j) => `${e}/${j}`)).sort(),
    );
  });

  it.each(jobs)('%s', (_id, job) => {
    expect(validateAgainstCrds(job.object)).toEqual([]);
  });
});

describe('the normalised script a job runs', () => {
  it('is what the naive SQL runner reads correctly: no comments, statement set in its exact shape', () => {
    const { plan } = checkRepository(example, { environments: ['staging'], jobs: ['clickstream-fanout'] });
    const object = plan.environments[0]!.jobs[0]!.object as unknown as { spec: { job: { args: string[] } } };
    expect(object.spec.job.args).toHaveLength(1);
    // application mode passes the script's path; the script itself is what the image carries
    expect(object.spec.job.args[0]).toMatch(/^\/opt\/flink\/usrlib\/.+\.sql$/);
  });
});

describe('the result cache', () => {
  it('answers an unchanged repository from the cache and a changed one afresh', () => {
    const repo = path.join(scratch, 'repo');
    cpSync(example, repo, { recursive: true });
    const cache = new MemoryCache();
    const first = checkRepository(repo, { cache });
    expect(first.diagnostics).toEqual([]);
    const entries = cache.entries.size;
    const second = checkRepository(repo, { cache });
    expect(second.plan).toEqual(first.plan);
    expect(cache.entries.size).toBe(entries); // nothing new computed

    // One broken file: the next check sees it, and only that job's SQL is checked again.
    const file = path.join(repo, 'jobs', 'orders-enrichment', 'main.sql');
    writeFileSync(file, fs.readFileSync(file, 'utf8').replace('FROM orders AS o', 'FROM orderz AS o'));
    const third = checkRepository(repo, { cache });
    expect(third.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(['jobs/orders-enrichment/main.sql:11:6 sql/unknown-table']);
    expect(third.sources.get('jobs/orders-enrichment/main.sql')).toContain('orderz');
    // the repository entry plus one per environment for the changed job
    expect(cache.entries.size).toBe(entries + 1 + 2);
  });
});
