// Attack: credentials committed where the SQL rule did not look (a manifest's
// flinkConfiguration, a password inside a JDBC URL). `streampilot check` as a process.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/run-cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'streampilot-plaintext-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function exampleWith(edit: (file: string, text: string) => string): string {
  const dir = mkdtempSync(path.join(scratch, 'repo-'));
  cpSync(path.join(repoRoot, 'examples', 'acme-flink-jobs'), dir, { recursive: true });
  for (const file of ['streampilot.yaml', 'jobs/orders-enrichment/job.yaml', 'jobs/orders-enrichment/tables.sql']) {
    const full = path.join(dir, file);
    writeFileSync(full, edit(file, readFileSync(full, 'utf8')));
  }
  return dir;
}

function lineOf(dir: string, file: string, needle: string): number {
  return (
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(needle)) + 1
  );
}

describe('credentials committed in plain text are errors at their value', () => {
  it('an S3 secret key in streampilot.yaml defaults.flinkConfiguration (fs.s3a.secret.key)', () => {
    const dir = exampleWith((file, text) =>
      file === 'streampilot.yaml'
        ? text.replace(
            '    state.backend.type: rocksdb\n',
            '    state.backend.type: rocksdb\n    fs.s3a.secret.key: wJalrXUtnFEMIK7MDENG\n',
          )
        : text,
    );
    const run = runCli(['check', dir, '--format', 'json']);
    expect(run.status).toBe(1);
    const found = (JSON.parse(run.stdout) as { file: string; line: number; rule: string; message: string }[]).filter(
      (d) => d.rule === 'manifest/plaintext-secret',
    );
    expect(found).toEqual([
      expect.objectContaining({
        file: 'streampilot.yaml',
        line: lineOf(dir, 'streampilot.yaml', 'fs.s3a.secret.key'),
        message: 'flinkConfiguration `fs.s3a.secret.key` holds a credential written in plain text',
      }),
    ]);
  });

  it("a password inside a JDBC URL in a job environment's flinkConfiguration and in a WITH option", () => {
    const dir = exampleWith((file, text) => {
      if (file === 'jobs/orders-enrichment/job.yaml')
        return `${text.trimEnd()}\nflinkConfiguration:\n  custom.catalog.url: "jdbc:mysql://db:3306/x?user=app&password=hunter2"\n`;
      if (file === 'jobs/orders-enrichment/tables.sql')
        return `${text}\nCREATE TABLE leak (id INT) WITH ('connector' = 'jdbc', 'table-name' = 'leak', 'url' = 'jdbc:postgresql://app:hunter2@db:5432/x');\n`;
      return text;
    });
    const run = runCli(['check', dir, '--format', 'json']);
    expect(run.status).toBe(1);
    const found = (JSON.parse(run.stdout) as { file: string; line: number; rule: string }[])
      .filter((d) => /plaintext-secret/.test(d.rule))
      .map((d) => [d.file, d.line, d.rule]);
    expect(found).toContainEqual([
      'jobs/orders-enrichment/job.yaml',
      lineOf(dir, 'jobs/orders-enrichment/job.yaml', 'custom.catalog.url'),
      'manifest/plaintext-secret',
    ]);
    expect(found).toContainEqual([
      'jobs/orders-enrichment/tables.sql',
      lineOf(dir, 'jobs/orders-enrichment/tables.sql', 'CREATE TABLE leak'),
      'sql/plaintext-secret',
    ]);
  });
});
