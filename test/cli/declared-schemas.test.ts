import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'streampilot-schemas-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

const PAYMENTS_DDL = `-- The payments topic is registered in the Hive catalog by the platform team.
CREATE TABLE hive.risk.payments (
  payment_id  STRING,
  card_id     STRING,
  amount      DECIMAL(12, 2),
  status      STRING,
  ts          TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);
`;

/** The example repository, with the fraud job reading its payments from a catalog table whose schema it declares. */
function repository(name: string, edit: (job: string) => void): string {
  const root = path.join(work, name);
  cpSync('examples/acme-flink-jobs', root, { recursive: true });
  const job = path.join(root, 'jobs/payment-fraud-alerts');
  const main = readFileSync(path.join(job, 'main.sql'), 'utf8');
  // Drop the job's own CREATE TABLE payments: the table now lives in the catalog.
  const withoutPayments = main.replace(/CREATE TABLE payments \([\s\S]*?\);\n\n/, '');
  writeFileSync(path.join(job, 'main.sql'), withoutPayments.replace('FROM payments', 'FROM hive.risk.payments'));
  writeFileSync(path.join(job, 'catalog.sql'), PAYMENTS_DDL);
  const manifest = readFileSync(path.join(job, 'job.yaml'), 'utf8');
  writeFileSync(
    path.join(job, 'job.yaml'),
    manifest.replace('sql: [main.sql]', 'sql: [main.sql]\ntables:\n  schemas: [catalog.sql]'),
  );
  edit(job);
  return root;
}

const sqlFindings = (root: string): JsonDiagnostic[] => {
  const run = runCli(['check', root, '--format', 'json'], { cacheHome: path.join(work, 'cache') });
  return (JSON.parse(run.stdout) as JsonDiagnostic[]).filter(
    (d) => d.file.startsWith('jobs/payment-fraud-alerts/') && d.rule !== 'render',
  );
};

describe('tables.schemas: catalog tables whose columns the check knows', () => {
  it('a job reading a declared catalog table passes, and the table is not reported as unknown', () => {
    expect(sqlFindings(repository('valid', () => {}))).toEqual([]);
  });

  it('a misspelt column of a declared catalog table is reported in the job, with a suggestion', () => {
    const root = repository('misspelt', (job) => {
      const main = path.join(job, 'main.sql');
      writeFileSync(main, readFileSync(main, 'utf8').replace('PARTITION BY card_id', 'PARTITION BY card'));
    });
    const found = sqlFindings(root);
    expect(found.map((d) => [d.file, d.rule, d.message])).toEqual([
      ['jobs/payment-fraud-alerts/main.sql', 'sql/unknown-column', expect.stringMatching(/^column `card` not found/)],
    ]);
  });

  it('a schema file that does not parse is reported at its line; a missing one at its job.yaml entry', () => {
    const broken = repository('broken', (job) => {
      writeFileSync(
        path.join(job, 'catalog.sql'),
        PAYMENTS_DDL.replace('amount      DECIMAL(12, 2),', 'amount DECIMAL(12, 2)'),
      );
    });
    const found = sqlFindings(broken);
    expect(
      found.some((d) => d.file === 'jobs/payment-fraud-alerts/catalog.sql' && d.rule === 'sql/declared-schema'),
    ).toBe(true);
    const missing = repository('missing', (job) => rmSync(path.join(job, 'catalog.sql')));
    expect(sqlFindings(missing).map((d) => [d.file, d.rule])).toContainEqual([
      'jobs/payment-fraud-alerts/job.yaml',
      'manifest/reference',
    ]);
  });
});
