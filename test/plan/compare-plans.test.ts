import { cpSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlans, type EnvironmentComparison, type PlanComparison } from '../../src/plan/compare-plans.js';
import { reviewerWarnings } from '../../src/plan/reviewer-warnings.js';
import { editor, example, twoVersions } from './two-versions.js';

const ALL = ['clickstream-fanout', 'orders-enrichment', 'orders-revenue-per-minute', 'payment-fraud-alerts'];

function env(c: PlanComparison, name: string): EnvironmentComparison {
  const found = [...c.merge, ...c.command].find((e) => e.name === name);
  if (!found) throw new Error(`no environment ${name}`);
  return found;
}
const job = (e: EnvironmentComparison, name: string) => e.jobs.find((j) => j.name === name);

describe('comparePlans and reviewerWarnings over two real versions of the example repository', () => {
  it('an unchanged repository has no changed jobs, only counts', async () => {
    const v = await twoVersions(() => {});
    const c = comparePlans(v);
    expect(c.merge.map((e) => e.name)).toEqual(['staging']);
    expect(c.command.map((e) => e.name)).toEqual(['production']);
    expect(env(c, 'staging')).toMatchObject({ jobs: [], unchanged: 4 });
    expect(reviewerWarnings(c)).toEqual([]);
  });

  it('a changed query of a savepoint job: changed, image rebuilt, SQL input, a state-compatibility warning', async () => {
    const v = await twoVersions((root) =>
      editor(root)('jobs/orders-revenue-per-minute/main.sql', (t) =>
        t.replace("WHERE currency = 'EUR'", "WHERE currency IN ('EUR', 'CHF')"),
      ),
    );
    const c = comparePlans(v);
    const staging = env(c, 'staging');
    expect(staging.unchanged).toBe(3);
    expect(staging.jobs).toHaveLength(1);
    expect(staging.jobs[0]).toMatchObject({
      name: 'orders-revenue-per-minute',
      status: 'changed',
      image: 'rebuilt',
      inputs: ['sql'],
      sqlChanged: true,
      queryShapeChanged: true,
    });
    expect(staging.jobs[0]!.base!.image).not.toBe(staging.jobs[0]!.head!.image);
    const warnings = reviewerWarnings(c);
    expect(warnings.map((w) => [w.environment, w.job, w.kind])).toEqual([
      ['staging', 'orders-revenue-per-minute', 'state-compatibility'],
      ['production', 'orders-revenue-per-minute', 'state-compatibility'],
    ]);
    expect(warnings[0]!.message).toMatch(/savepoint.*allowNonRestoredState/);
  });

  it("only a variable's value changes in job.yaml: the script and the image stay (values are filled in when the runner starts)", async () => {
    const v = await twoVersions((root) =>
      editor(root)('jobs/orders-enrichment/job.yaml', (t) =>
        t.replace('customers_topic: customers-changelog', 'customers_topic: customers-changelog-v2'),
      ),
    );
    const c = comparePlans(v);
    const [before, after] = [v.base, v.head].map((r) =>
      r!.plan.environments.find((e) => e.name === 'staging')!.jobs.find((j) => j.name === 'orders-enrichment')!,
    );
    expect(after!.script).toBe(before!.script);
    expect(after!.image).toBe(before!.image);
    expect(reviewerWarnings(c)).toEqual([]);
  });

  it('a parallelism change under stateless (a session job): changed, no image, a parallelism warning', async () => {
    const v = await twoVersions((root) =>
      editor(root)('jobs/payment-fraud-alerts/job.yaml', (t) => t.replace('parallelism: 1', 'parallelism: 3')),
    );
    const c = comparePlans(v);
    expect(job(env(c, 'staging'), 'payment-fraud-alerts')).toMatchObject({
      status: 'changed',
      image: 'none',
      inputs: ['manifest'],
      sqlChanged: false,
    });
    const w = reviewerWarnings(c).filter((x) => x.environment === 'staging');
    expect(w.map((x) => x.kind)).toEqual(['parallelism-stateless']);
    expect(w[0]!.message).toContain('from 1 to 3');
  });

  it('a changed query under stateless says the state is dropped; an upgradeMode change is named', async () => {
    const v = await twoVersions((root) => {
      const edit = editor(root);
      edit('jobs/payment-fraud-alerts/main.sql', (t) =>
        t
          .replace("'topic' = 'payments'", "'topic' = 'payments-v2'")
          .replace('INSERT INTO fraud_alerts', 'INSERT INTO fraud_alerts /*+ OPTIONS() */'),
      );
      edit('jobs/orders-enrichment/job.yaml', (t) => t.replace('upgradeMode: savepoint', 'upgradeMode: last-state'));
    });
    const kinds = reviewerWarnings(comparePlans(v))
      .filter((w) => w.environment === 'staging')
      .map((w) => [w.job, w.kind]);
    expect(kinds).toEqual([
      ['orders-enrichment', 'upgrade-mode-changed'],
      ['payment-fraud-alerts', 'state-dropped'],
    ]);
  });

  it('a folder renamed with its job is one renamed job, named both ways, with a warning', async () => {
    const v = await twoVersions((root) => {
      renameSync(path.join(root, 'jobs/clickstream-fanout'), path.join(root, 'jobs/clickstream-split'));
      editor(root)('jobs/clickstream-split/job.yaml', (t) =>
        t.replace('name: clickstream-fanout', 'name: clickstream-split'),
      );
    });
    const c = comparePlans(v);
    const staging = env(c, 'staging');
    expect(staging.jobs.map((j) => [j.name, j.status, j.previousName])).toEqual([
      ['clickstream-split', 'renamed', 'clickstream-fanout'],
    ]);
    expect(staging.unchanged).toBe(3);
    expect(
      reviewerWarnings(c)
        .filter((w) => w.environment === 'staging')
        .map((w) => w.kind),
    ).toEqual(['job-renamed']);
  });

  it('a deleted job is deleted and warned about: it keeps running', async () => {
    const v = await twoVersions((root) => rmSync(path.join(root, 'jobs/orders-enrichment'), { recursive: true }));
    const c = comparePlans(v);
    expect(env(c, 'staging').jobs.map((j) => [j.name, j.status, j.image])).toEqual([
      ['orders-enrichment', 'deleted', 'none'],
    ]);
    const w = reviewerWarnings(c).find((x) => x.environment === 'staging');
    expect(w).toMatchObject({ kind: 'job-deleted', job: 'orders-enrichment' });
    expect(w!.message).toContain('keeps running in namespace flink-staging');
  });

  it('a change to streampilot.yaml touches every job; images are reused when only the Kubernetes object changes', async () => {
    const v = await twoVersions((root) =>
      editor(root)('streampilot.yaml', (t) =>
        t.replace('execution.checkpointing.interval: 30s', 'execution.checkpointing.interval: 45s'),
      ),
    );
    const c = comparePlans(v);
    expect(c.projectChanged).toBe(true);
    const staging = env(c, 'staging');
    // clickstream-fanout sets its own interval, so its object does not change.
    expect(staging.jobs.map((j) => [j.name, j.status, j.image, j.inputs])).toEqual([
      ['orders-enrichment', 'changed', 'reused', ['project']],
      ['orders-revenue-per-minute', 'changed', 'reused', ['project']],
      ['payment-fraud-alerts', 'changed', 'none', ['project']],
    ]);
    expect(staging.unchanged).toBe(1);
  });

  it('a pod template and a dependency are named as the inputs that changed', async () => {
    const v = await twoVersions((root) => {
      const edit = editor(root);
      edit('jobs/orders-revenue-per-minute/pod-template.yaml', (t) =>
        t.replace('value: eu-west-1', 'value: eu-central-1'),
      );
      edit('jobs/clickstream-fanout/job.yaml', (t) =>
        t.replace('flink-sql-parquet:1.20.1', 'flink-sql-parquet:1.20.2'),
      );
    });
    const staging = env(comparePlans(v), 'staging');
    expect(job(staging, 'orders-revenue-per-minute')).toMatchObject({
      status: 'changed',
      image: 'reused',
      inputs: ['podTemplate'],
    });
    expect(job(staging, 'clickstream-fanout')).toMatchObject({
      status: 'changed',
      image: 'rebuilt',
      inputs: ['manifest', 'dependencies'],
    });
  });

  it('without a base project every job is new', async () => {
    const v = await twoVersions(
      (root) => cpSync(path.join(example, 'streampilot.yaml'), path.join(root, 'streampilot.yaml')),
      {
        baseMutate: (root) => rmSync(path.join(root, 'streampilot.yaml')),
      },
    );
    expect(v.base).toBeUndefined();
    const c = comparePlans(v);
    expect(env(c, 'staging').jobs.map((j) => [j.name, j.status])).toEqual(ALL.map((n) => [n, 'new']));
    expect(reviewerWarnings(c)).toEqual([]);
  });
});
