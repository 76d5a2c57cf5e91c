/**
 * `check` reports what the Flink operator would refuse, at the key of the user's manifests that
 * causes it (or naming the default that does); and what it passes, the fake operator's
 * validator (DefaultValidator's rules) accepts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { repoRoot } from '../support/crd-schema.js';
import { validateFlinkDeployment, validateFlinkSessionJob } from '../support/fake-kube/operator-validation.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'streampilot-operator-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SQL = `CREATE TABLE src (id INT) WITH ('connector' = 'datagen');
CREATE TABLE sink (id INT) WITH ('connector' = 'blackhole');
INSERT INTO sink SELECT id FROM src;
`;

let count = 0;
function repo(project: string, job: string, folder = 'orders'): string {
  const root = path.join(scratch, `r${count++}`);
  mkdirSync(path.join(root, 'jobs', folder), { recursive: true });
  writeFileSync(path.join(root, 'streampilot.yaml'), project);
  writeFileSync(path.join(root, 'jobs', folder, 'job.yaml'), job);
  writeFileSync(path.join(root, 'jobs', folder, 'main.sql'), SQL);
  return root;
}

const PROJECT = `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  flinkConfiguration:
    state.checkpoints.dir: s3://b/checkpoints
    state.savepoints.dir: s3://b/savepoints
environments:
  staging: {}
`;
const JOB = `apiVersion: streampilot.dev/v1
kind: FlinkSqlJob
name: orders
sql: [main.sql]
`;

function operatorFindings(root: string): Pick<Diagnostic, 'file' | 'line' | 'column' | 'rule' | 'message'>[] {
  return checkRepository(root)
    .diagnostics.filter((d) => d.rule.startsWith('operator/'))
    .map(({ file, line, column, rule, message }) => ({ file, line, column, rule, message }));
}

describe('check reports what the operator refuses, where it is written', () => {
  it('no rule fires for a job that says nothing, once the project names the state directories', () => {
    expect(operatorFindings(repo(PROJECT, JOB))).toEqual([]);
  });

  it('the default upgrade mode without a checkpoint directory: at the job name, naming the default', () => {
    const root = repo('apiVersion: streampilot.dev/v1\nkind: Project\nenvironments:\n  staging: {}\n', JOB);
    expect(operatorFindings(root)).toEqual([
      {
        file: 'jobs/orders/job.yaml',
        line: 3,
        column: 7,
        rule: 'operator/checkpoint-dir',
        message: expect.stringContaining(
          "upgradeMode `savepoint` (StreamPilot's default) needs a checkpoint directory",
        ),
      },
    ]);
  });

  it('last-state written in job.yaml without a checkpoint directory: at that upgradeMode', () => {
    const root = repo(
      'apiVersion: streampilot.dev/v1\nkind: Project\nenvironments:\n  staging: {}\n',
      `${JOB}upgradeMode: last-state\n`,
    );
    expect(operatorFindings(root)).toEqual([
      expect.objectContaining({ file: 'jobs/orders/job.yaml', line: 5, column: 14, rule: 'operator/checkpoint-dir' }),
    ]);
    const hint = checkRepository(root).diagnostics.find((d) => d.rule === 'operator/checkpoint-dir')!.hint!;
    expect(hint).toContain('flinkConfiguration.state.checkpoints.dir');
    expect(hint).toContain('upgradeMode: stateless');
  });

  it('a savepoint upgrade set for one environment without a savepoint directory: at that environment key', () => {
    const project = `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  upgradeMode: stateless
  flinkConfiguration:
    state.checkpoints.dir: s3://b/checkpoints
environments:
  staging: {}
  production:
    upgradeMode: savepoint
`;
    expect(operatorFindings(repo(project, JOB))).toEqual([
      expect.objectContaining({ file: 'streampilot.yaml', line: 10, column: 18, rule: 'operator/savepoint-dir' }),
    ]);
  });

  it('stateless needs no directory', () => {
    const root = repo(
      'apiVersion: streampilot.dev/v1\nkind: Project\nenvironments:\n  staging: {}\n',
      `${JOB}upgradeMode: stateless\n`,
    );
    expect(operatorFindings(root)).toEqual([]);
  });

  it('a key the operator sets itself: at that key', () => {
    const root = repo(PROJECT, `${JOB}flinkConfiguration:\n  high-availability.cluster-id: orders\n`);
    expect(operatorFindings(root)).toEqual([
      expect.objectContaining({ line: 6, column: 3, rule: 'operator/forbidden-config-key' }),
    ]);
  });

  it('standby JobManagers without high availability: at replicas', () => {
    const root = repo(PROJECT, `${JOB}resources:\n  jobManager:\n    replicas: 2\n`);
    expect(operatorFindings(root)).toEqual([
      expect.objectContaining({ line: 7, column: 15, rule: 'operator/high-availability' }),
    ]);
  });

  it('a job name the operator refuses for a FlinkDeployment (it must start with a letter)', () => {
    const root = repo(PROJECT, JOB.replace('name: orders', 'name: 1orders'), '1orders');
    expect(operatorFindings(root)).toEqual([
      expect.objectContaining({ file: 'jobs/1orders/job.yaml', line: 3, column: 7, rule: 'operator/name' }),
    ]);
  });

  it("a session job's local jarURI: at the runner.jarURI that sets it", () => {
    const root = repo(
      PROJECT,
      `${JOB}mode: session\nsessionCluster: shared\nrunner:\n  jarURI: local:///opt/flink/usrlib/runner.jar\n`,
    );
    expect(operatorFindings(root)).toEqual([
      expect.objectContaining({
        line: 8,
        column: 11,
        rule: 'operator/jar-uri',
        message: expect.stringContaining("its scheme `local` is not in the operator's allowlist [https]"),
      }),
    ]);
  });

  it('a job with no resources renders sized JobManager and TaskManager the operator accepts', () => {
    const { plan, diagnostics } = checkRepository(repo(PROJECT, JOB));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const object = plan.environments[0]!.jobs[0]!.object as unknown as Record<string, unknown>;
    expect(object).toMatchObject({
      spec: {
        jobManager: { resource: { memory: '1600m', cpu: 1 } },
        taskManager: { resource: { memory: '1728m', cpu: 1 } },
      },
    });
    expect(validateFlinkDeployment(object)).toBeUndefined();
  });
});

describe('every object the bundled example would apply is accepted by the fake operator', () => {
  const { plan, diagnostics } = checkRepository(path.join(repoRoot, 'examples', 'acme-flink-jobs'));
  it('with no findings', () => expect(diagnostics).toEqual([]));
  const jobs = plan.environments.flatMap((e) => e.jobs.map((j) => [`${e.name}/${j.name}`, j.object] as const));
  it.each(jobs)('%s', (_id, object) => {
    const o = object as unknown as Record<string, unknown>;
    const problem = o.kind === 'FlinkSessionJob' ? validateFlinkSessionJob(o, undefined) : validateFlinkDeployment(o);
    expect(problem).toBeUndefined();
  });
});
