import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { loadRepository } from '../../src/manifest/load-repository.js';
import { diagnosticAtPath } from '../../src/manifest/yaml-document.js';

const PROJECT =
  'apiVersion: streampilot.dev/v1\nkind: Project\nenvironments:\n  staging: {}\n  production:\n    after: staging\n';
const JOB = (name: string, extra = '') =>
  `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${name}\nsql: [main.sql]\n${extra}`;

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A repository in a temp dir: { 'path/in/repo': content }. */
function repo(files: Record<string, string | Buffer>): string {
  const base = mkdtempSync(path.join(tmpdir(), 'streampilot-spec-'));
  made.push(base);
  const root = path.join(base, 'repo');
  mkdirSync(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

const brief = (d: Diagnostic): string => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`;

describe('loadRepository', () => {
  it('loads the project, every job, their SQL in order and the pod template', () => {
    const root = repo({
      'streampilot.yaml': PROJECT,
      'jobs/orders/job.yaml': `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: orders\nsql: [ddl.sql, ../shared/insert.sql]\npodTemplate: pod.yaml\ndependencies: { jars: [lib/udf.jar] }\n`,
      'jobs/orders/ddl.sql': 'CREATE TABLE a (x INT);\n',
      'jobs/shared/insert.sql': 'INSERT INTO b SELECT * FROM a;\n',
      'jobs/shared/README.md': 'not a job',
      'jobs/orders/pod.yaml': 'apiVersion: v1\nkind: Pod\nspec: { serviceAccountName: flink }\n',
      'jobs/orders/lib/udf.jar': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]),
      'jobs/payments/job.yaml': JOB('payments'),
      'jobs/payments/main.sql': 'INSERT INTO x SELECT 1;',
    });
    const result = loadRepository(root);
    expect(result.diagnostics.map(brief)).toEqual([
      'jobs/shared/insert.sql:1:1 warning manifest/missing jobs/shared has no job.yaml, so it is not a job and is ignored',
    ]);
    expect(result.project?.spec?.environments.production?.after).toBe('staging');
    expect(result.jobs.map((j) => j.name)).toEqual(['orders', 'payments']);
    const orders = result.jobs[0]!;
    expect(orders.sqlFiles.map((f) => [f.path, f.written, f.entry, f.content])).toEqual([
      ['jobs/orders/ddl.sql', 'ddl.sql', 0, 'CREATE TABLE a (x INT);\n'],
      ['jobs/shared/insert.sql', '../shared/insert.sql', 1, 'INSERT INTO b SELECT * FROM a;\n'],
    ]);
    expect(orders.podTemplate).toEqual({
      path: 'jobs/orders/pod.yaml',
      content: { apiVersion: 'v1', kind: 'Pod', spec: { serviceAccountName: 'flink' } },
    });
    expect(orders.jars).toEqual(['jobs/orders/lib/udf.jar']);
    // Later checks can still point into job.yaml.
    expect(
      diagnosticAtPath(orders.manifest, ['sql', 1], 'value', { severity: 'error', rule: 'x', message: 'm' }),
    ).toMatchObject({ line: 4, column: 16, endColumn: 36 });
  });

  it('reports a missing streampilot.yaml once, saying what to create, and still loads the jobs', () => {
    const root = repo({ 'jobs/orders/job.yaml': JOB('orders'), 'jobs/orders/main.sql': 'SELECT 1;' });
    const result = loadRepository(root);
    expect(result.project).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      file: 'streampilot.yaml',
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'manifest/missing',
    });
    expect(result.diagnostics[0]?.message).toContain('no streampilot.yaml at the root of');
    expect(result.diagnostics[0]?.hint).toContain('kind: Project');
    expect(result.jobs[0]?.spec?.name).toBe('orders');
  });

  it('tells to rename streampilot.yml and job.yml', () => {
    const root = repo({ 'streampilot.yml': PROJECT, 'jobs/orders/job.yml': JOB('orders') });
    expect(loadRepository(root).diagnostics.map(brief)).toEqual([
      'jobs/orders/job.yml:1:1 error manifest/missing the job manifest must be named job.yaml, not job.yml',
      'streampilot.yml:1:1 error manifest/missing the project file must be named streampilot.yaml, not streampilot.yml',
    ]);
  });

  it('reports a missing SQL file at its entry in job.yaml', () => {
    const root = repo({
      'streampilot.yaml': PROJECT,
      'jobs/orders/job.yaml': JOB('orders').replace('[main.sql]', '[main.sql, mian2.sql]'),
      'jobs/orders/main.sql': 'SELECT 1;',
    });
    const result = loadRepository(root);
    expect(result.diagnostics.map(brief)).toEqual([
      'jobs/orders/job.yaml:4:17 error manifest/reference SQL file `mian2.sql` does not exist (looked for jobs/orders/mian2.sql)',
    ]);
    expect(result.jobs[0]?.sqlFiles.map((f) => f.path)).toEqual(['jobs/orders/main.sql']);
  });

  it('refuses paths that leave the repository: ../, absolute, and symlinks pointing outside', () => {
    const root = repo({
      'streampilot.yaml': PROJECT,
      'jobs/orders/job.yaml': JOB('orders').replace(
        '[main.sql]',
        '[main.sql, ../../../secret.sql, /etc/passwd.sql, link.sql]',
      ),
      'jobs/orders/main.sql': 'SELECT 1;',
    });
    writeFileSync(path.join(root, '..', 'secret.sql'), 'SELECT secret;');
    symlinkSync(path.join(root, '..', 'secret.sql'), path.join(root, 'jobs/orders/link.sql'));
    const result = loadRepository(root);
    expect(result.diagnostics.map(brief)).toEqual([
      'jobs/orders/job.yaml:4:17 error manifest/reference SQL file `../../../secret.sql` points outside the repository',
      'jobs/orders/job.yaml:4:38 error manifest/reference SQL file `/etc/passwd.sql` is an absolute path',
      'jobs/orders/job.yaml:4:55 error manifest/reference SQL file `link.sql` is a symbolic link to a file outside the repository',
    ]);
    expect(result.jobs[0]?.sqlFiles.map((f) => f.content)).toEqual(['SELECT 1;']);
  });

  it('accepts a symlink that stays inside the repository', () => {
    const root = repo({
      'streampilot.yaml': PROJECT,
      'jobs/orders/job.yaml': JOB('orders'),
      'common/main.sql': 'SELECT 1;',
    });
    symlinkSync('../../common/main.sql', path.join(root, 'jobs/orders/main.sql'));
    const result = loadRepository(root);
    expect(result.diagnostics).toEqual([]);
    expect(result.jobs[0]?.sqlFiles[0]?.content).toBe('SELECT 1;');
  });

  it('refuses a job folder that is a symlink to outside the repository', () => {
    const root = repo({ 'streampilot.yaml': PROJECT });
    const outside = path.join(root, '..', 'elsewhere');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'job.yaml'), JOB('evil'));
    mkdirSync(path.join(root, 'jobs'));
    symlinkSync(outside, path.join(root, 'jobs', 'evil'));
    const result = loadRepository(root);
    expect(result.jobs).toEqual([]);
    expect(result.diagnostics.map(brief)).toEqual([
      'jobs/evil:1:1 error manifest/symlink-outside jobs/evil is a symbolic link to a folder outside the repository; StreamPilot does not follow it',
    ]);
  });

  it('refuses binary, non-UTF-8 and huge SQL files without crashing', () => {
    const root = repo({
      'streampilot.yaml': PROJECT,
      'jobs/orders/job.yaml': JOB('orders').replace('[main.sql]', '[bin.sql, latin1.sql, huge.sql]'),
      'jobs/orders/bin.sql': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]),
      'jobs/orders/latin1.sql': Buffer.from("SELECT 'caf\xe9';", 'latin1'),
      'jobs/orders/huge.sql': 'SELECT 1;\n'.repeat(120_000),
    });
    const result = loadRepository(root);
    expect(result.diagnostics.map(brief)).toEqual([
      'jobs/orders/job.yaml:4:7 error manifest/reference SQL file `bin.sql` is a binary file, not text',
      'jobs/orders/job.yaml:4:16 error manifest/reference SQL file `latin1.sql` is not UTF-8 text',
      'jobs/orders/job.yaml:4:28 error manifest/reference SQL file `huge.sql` is 1.1 MiB, more than the 1.0 MiB a text file may have',
    ]);
    expect(result.jobs[0]?.sqlFiles).toEqual([]);
  });

  it('checks job environments against the project, with a suggestion, at the key', () => {
    const root = repo({
      'streampilot.yaml': PROJECT,
      'jobs/orders/job.yaml': JOB(
        'orders',
        'environments:\n  prodction: { parallelism: 2 }\n  staging: { parallelism: 1 }\n',
      ),
      'jobs/orders/main.sql': 'SELECT 1;',
    });
    const result = loadRepository(root);
    expect(result.diagnostics.map(brief)).toEqual([
      'jobs/orders/job.yaml:6:3 error manifest/reference environment `prodction` is not defined in streampilot.yaml — did you mean `production`?',
    ]);
    expect(result.diagnostics[0]).toMatchObject({
      endColumn: 12,
      hint: 'environments defined in streampilot.yaml: staging, production',
    });
  });

  it('reports a bad pod template in the pod template file, and an invalid job.yaml without loading its files', () => {
    const root = repo({
      'streampilot.yaml': PROJECT,
      'jobs/a/job.yaml': JOB('a', 'podTemplate: pod.yaml\n'),
      'jobs/a/main.sql': 'SELECT 1;',
      'jobs/a/pod.yaml': 'spec: [\n',
      'jobs/b/job.yaml': JOB('b', 'paralelism: 2\n'),
    });
    const result = loadRepository(root);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual([
      'jobs/a/pod.yaml:2 manifest/yaml',
      'jobs/b/job.yaml:5 manifest/schema',
    ]);
    expect(result.jobs.map((j) => [j.name, j.spec !== undefined, j.sqlFiles.length])).toEqual([
      ['a', true, 1],
      ['b', false, 0],
    ]);
  });

  it('reports a root that is not a directory', () => {
    const result = loadRepository(path.join(tmpdir(), 'streampilot-does-not-exist-' + process.pid));
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['manifest/missing']);
    expect(result.diagnostics[0]?.message).toMatch(/is not a directory$/);
  });
});
