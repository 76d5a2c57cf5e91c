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

describe.skipIf(!crdsPresent)(
  `every object the example repository would apply is valid for the operator's CRDs${crdsPresent ? '' : ' (skipped: ../shared/reference/flink-operator not present)'}`,
  () => {
    // Contract: Flink Kubernetes Operator 1.15.0 CRDs (flinkdeployments / flinksessionjobs), read from ../shared.
    const { plan, diagnostics } = checkRepository(example);
    const jobs = plan.environments.flatMap((e) => e.jobs.map((j) => [`${e.name}/${j.name}`, j] as const));

    it('plans all four jobs in both environments, without errors', () => {
      expect(diagnostics).toEqual([]);
      expect(jobs.map(([id]) => id).sort()).toEqual(
        ['staging', 'production']
          .flatMap((e) =>
            ['clickstream-fanout', 'orders-enrichment', 'orders-revenue-per-minute', 'payment-fraud-alerts'].map(
              (j) => `${e}/${j}`,
            ),
          )
          .sort(),
      );
    });

    it.each(jobs)('%s', (_id, job) => {
      expect(validateAgainstCrds(job.object)).toEqual([]);
    });
  },
);

describe('the script a job runs', () => {
  it("is StreamPilot's framed script by default: the user's statements with placeholders intact, the same in every environment, at the path the args name", () => {
    const { plan } = checkRepository(example, { jobs: ['clickstream-fanout'] });
    const [staging, production] = plan.environments.map((e) => e.jobs[0]!);
    const object = staging!.object as unknown as { spec: { job: { jarURI: string; args: string[] } } };
    expect(object.spec.job.jarURI).toBe('local:///opt/flink/usrlib/streampilot-sql-runner.jar');
    expect(object.spec.job.args).toEqual([
      '--script',
      '/opt/flink/usrlib/sql-scripts/script.sql',
      '--values',
      '/etc/streampilot/values.properties',
    ]);
    const set = "SET 'pipeline.name' = 'clickstream-fanout'";
    expect(staging!.script.split('\n').slice(0, 4)).toEqual([
      '-- streampilot framed script v1',
      `-- @statement 1 ${set.length} jobs/clickstream-fanout/main.sql`,
      set,
      expect.stringMatching(/^-- @statement 3 \d+ jobs\/clickstream-fanout\/main\.sql$/),
    ]);
    expect(staging!.script).toContain("'properties.bootstrap.servers' = '${kafka_bootstrap}'");
    expect(production!.script).toBe(staging!.script);
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
    expect(third.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'jobs/orders-enrichment/main.sql:11:6 sql/unknown-table',
    ]);
    expect(third.sources.get('jobs/orders-enrichment/main.sql')).toContain('orderz');
    // the repository entry plus one per environment for the changed job
    expect(cache.entries.size).toBe(entries + 1 + 2);
  });
});

describe('a build: configmap job in the plan', () => {
  const sqlOnly = `CREATE TABLE clicks (user_id STRING, url STRING) WITH ('connector' = 'datagen');
CREATE TABLE sink (user_id STRING, url STRING) WITH ('connector' = 'blackhole');
INSERT INTO sink SELECT user_id, url FROM clicks;
`;
  const repoWith = (name: string, manifest: string, files: Record<string, string>) => {
    const repo = path.join(scratch, name);
    cpSync(example, repo, { recursive: true });
    fs.mkdirSync(path.join(repo, 'jobs', 'sql-only'));
    writeFileSync(
      path.join(repo, 'jobs', 'sql-only', 'job.yaml'),
      `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: sql-only\n${manifest}`,
    );
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(repo, 'jobs', 'sql-only', file), text);
    return repo;
  };

  it('runs on its base image as written, with the script mounted from a ConfigMap, in every environment', () => {
    const repo = repoWith(
      'configmap',
      'sql: [main.sql]\nbuild: configmap\nbaseImage: ghcr.io/acme/flink-sql-runner:1.20\n',
      { 'main.sql': sqlOnly },
    );
    const { plan, diagnostics } = checkRepository(repo);
    expect(diagnostics).toEqual([]);
    for (const env of plan.environments) {
      const job = env.jobs.find((j) => j.name === 'sql-only')!;
      expect(job.image).toBe('ghcr.io/acme/flink-sql-runner:1.20');
      const object = job.object as unknown as {
        spec: { image: string; podTemplate: { spec: { volumes: { configMap?: { name: string } }[] } } };
      };
      expect(object.spec.image).toBe('ghcr.io/acme/flink-sql-runner:1.20');
      expect(object.spec.podTemplate.spec.volumes.map((v) => v.configMap?.name)).toEqual([
        expect.stringMatching(/^sql-only-sql-[0-9a-f]{10}$/),
      ]);
      if (crdsPresent) expect(validateAgainstCrds(job.object)).toEqual([]);
      // the image jobs next to it keep their content-addressed tags
      expect(env.jobs.find((j) => j.name === 'orders-enrichment')!.image).toMatch(
        /^ghcr\.io\/acme\/flink-jobs:orders-enrichment-[0-9a-f]{16}$/,
      );
    }
  });

  it('refuses a script a ConfigMap cannot hold, at `build`, and plans nothing for that job', () => {
    // Two files under the 1 MiB file limit whose script together is over what a ConfigMap holds.
    const view = (n: number) => `CREATE TEMPORARY VIEW v${n} AS SELECT '${'x'.repeat(600 * 1024)}' AS s;\n`;
    const repo = repoWith('configmap-big', 'sql: [a.sql, main.sql]\nbuild: configmap\n', {
      'a.sql': view(1),
      'main.sql': view(2) + sqlOnly,
    });
    const { plan, diagnostics } = checkRepository(repo, { environments: ['staging'] });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'jobs/sql-only/job.yaml:5:8 manifest/reference',
    ]);
    expect(errors[0]!.message).toMatch(
      /^the SQL script of `sql-only` takes \d+ bytes in environment `staging`, more than the 1048576 \(1 MiB\) a ConfigMap holds$/,
    );
    expect(errors[0]!.hint).toMatch(/remove `build: configmap`/);
    expect(plan.environments[0]!.jobs.map((j) => j.name)).not.toContain('sql-only');
  });

  it('reports dependencies of a configmap job in the check, and plans nothing for it', () => {
    const repo = repoWith(
      'configmap-deps',
      'sql: [main.sql]\nbuild: configmap\ndependencies:\n  maven: [org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20]\n',
      { 'main.sql': sqlOnly },
    );
    const { plan, diagnostics } = checkRepository(repo, { environments: ['staging'] });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'jobs/sql-only/job.yaml:7:3 manifest/schema',
    ]);
    expect(plan.environments[0]!.jobs.map((j) => j.name)).not.toContain('sql-only');
  });
});
