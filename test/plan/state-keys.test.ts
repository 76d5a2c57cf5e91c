// state, allowNonRestoredState, restoreFrom and enabled: false in job.yaml, from the check's
// positioned errors through the rendered FlinkDeployment to the plan's reviewer warnings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { comparePlans, type PlanComparison } from '../../src/plan/compare-plans.js';
import { reviewerWarnings } from '../../src/plan/reviewer-warnings.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { editor, twoVersions } from './two-versions.js';
import { repoRoot } from '../support/repo-root.js';

const JOB = 'jobs/orders-revenue-per-minute/job.yaml';

/** Adds YAML at the end of the job's manifest (a top-level key, or a key of an environment block written there). */
const append = (root: string, text: string) => editor(root)(JOB, (t) => `${t.trimEnd()}\n${text}`);

const jobObject = (c: PlanComparison, env: string, name: string) =>
  [...c.merge, ...c.command].find((e) => e.name === env)?.jobs.find((j) => j.name === name);

const specJob = (result: ReturnType<typeof checkRepository>, env: string) =>
  (
    result.plan.environments.find((e) => e.name === env)!.jobs.find((j) => j.name === 'orders-revenue-per-minute')!
      .object.spec as {
      job: Record<string, unknown>;
    }
  ).job;

describe('state keys of job.yaml', () => {
  it('render into spec.job: state, allowNonRestoredState, initialSavepointPath and a nonce that follows the path', async () => {
    const v = await twoVersions((root) =>
      append(
        root,
        'state: suspended\nallowNonRestoredState: true\nrestoreFrom: { savepoint: "s3://acme-flink/savepoints/savepoint-1a2b3c" }\n',
      ),
    );
    expect(v.head.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const job = specJob(v.head, 'staging');
    expect(job).toMatchObject({
      state: 'suspended',
      allowNonRestoredState: true,
      initialSavepointPath: 's3://acme-flink/savepoints/savepoint-1a2b3c',
      savepointRedeployNonce: expect.any(Number),
    });
    expect(Number.isSafeInteger(job.savepointRedeployNonce)).toBe(true);
    expect(specJob(v.base!, 'staging')).toMatchObject({ state: 'running' });
    expect(specJob(v.base!, 'staging')).not.toHaveProperty('savepointRedeployNonce');

    // The same restoreFrom renders the same nonce (no redeploy); another path or redeploy count, another one.
    const same = await twoVersions((root) =>
      append(root, 'restoreFrom: { savepoint: "s3://acme-flink/savepoints/savepoint-1a2b3c" }\n'),
    );
    expect(specJob(same.head, 'staging').savepointRedeployNonce).toBe(job.savepointRedeployNonce);
    const again = await twoVersions((root) =>
      append(root, 'restoreFrom: { savepoint: "s3://acme-flink/savepoints/savepoint-1a2b3c", redeploy: 2 }\n'),
    );
    expect(specJob(again.head, 'staging').savepointRedeployNonce).not.toBe(job.savepointRedeployNonce);
  });

  it('an environment of job.yaml overrides them for that environment only', async () => {
    const v = await twoVersions((root) =>
      editor(root)(JOB, (t) => {
        const yaml = parseDocument(t);
        yaml.setIn(['environments', 'production', 'state'], 'suspended');
        yaml.setIn(['environments', 'production', 'restoreFrom'], { savepoint: 's3://acme-flink/prod/sp-1' });
        return yaml.toString();
      }),
    );
    expect(v.head.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(specJob(v.head, 'production')).toMatchObject({
      state: 'suspended',
      initialSavepointPath: 's3://acme-flink/prod/sp-1',
    });
    expect(specJob(v.head, 'staging')).toMatchObject({ state: 'running' });
    expect(specJob(v.head, 'staging')).not.toHaveProperty('initialSavepointPath');
  });

  it('wrong values are errors at their position in job.yaml', async () => {
    const v = await twoVersions((root) =>
      append(root, 'state: paused\nrestoreFrom: { savepoint: "savepoint-1a2b3c", redeploy: 0 }\n'),
    );
    const text = readFileSync(path.join(repoRoot, 'examples/acme-flink-jobs', JOB), 'utf8').trimEnd();
    const line = text.split('\n').length + 1;
    const errors = v.head.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
    expect(errors).toEqual([
      `${JOB}:${line}:8 \`state\` must be one of running, suspended; found \`paused\``,
      expect.stringMatching(
        new RegExp(`^${JOB}:${line + 1}:27 \`restoreFrom.savepoint\` must be a savepoint URI with a scheme`),
      ),
      `${JOB}:${line + 1}:57 \`restoreFrom.redeploy\` must be at least 1; found the number \`0\``,
    ]);
  });
});

describe('reviewer warnings about state', () => {
  /** Every `key` or `key: value` a warning names in backticks, as a path of job.yaml. */
  const namedKeys = (message: string) =>
    [...message.matchAll(/`([A-Za-z][A-Za-z.]*)(?::[^`]*)?`/g)].map((m) => m[1]!).filter((k) => !k.includes(' '));

  it('every job.yaml key a warning tells people to set exists in the job schema', async () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/job.schema.json'), 'utf8')) as {
      properties: Record<string, unknown>;
    };
    const v = await twoVersions((root) => {
      editor(root)('jobs/orders-revenue-per-minute/main.sql', (t) =>
        t.replace("WHERE currency = 'EUR'", "WHERE currency IN ('EUR', 'CHF')"),
      );
    });
    const messages = reviewerWarnings(comparePlans(v)).map((w) => w.message);
    expect(messages.join('\n')).toContain('`allowNonRestoredState: true`');
    for (const key of messages.flatMap(namedKeys)) {
      expect(Object.keys(schema.properties), `a warning names \`${key}\``).toContain(key.split('.')[0]);
    }
    // The key the warning names is accepted where it says.
    const accepted = await twoVersions((root) => append(root, 'allowNonRestoredState: true\n'));
    expect(accepted.head.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('suspending, restoring from a savepoint and disabling a job each warn the reviewer with what happens', async () => {
    const v = await twoVersions((root) => {
      append(root, 'state: suspended\nrestoreFrom: { savepoint: "s3://acme-flink/savepoints/savepoint-9" }\n');
      const yaml = parseDocument(readFileSync(path.join(root, 'jobs/clickstream-fanout/job.yaml'), 'utf8'));
      yaml.setIn(['environments', 'staging', 'enabled'], false);
      editor(root)('jobs/clickstream-fanout/job.yaml', () => yaml.toString());
    });
    const c = comparePlans(v);
    const warnings = reviewerWarnings(c).filter((w) => w.environment === 'staging');
    expect(warnings.map((w) => [w.job, w.kind])).toEqual([
      ['clickstream-fanout', 'job-disabled'],
      ['orders-revenue-per-minute', 'restore-from-savepoint'],
      ['orders-revenue-per-minute', 'job-suspended'],
    ]);
    expect(warnings[0]!.message).toMatch(/suspends the running job .*`enabled: true` resumes it/);
    expect(warnings[1]!.message).toContain('restarts from savepoint s3://acme-flink/savepoints/savepoint-9');
    expect(jobObject(c, 'staging', 'clickstream-fanout')).toMatchObject({ status: 'deleted', disabled: true });
  });
});
