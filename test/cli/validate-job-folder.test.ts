import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'streampilot-validate-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli(args, { cacheHome: path.join(dir, 'cache') });

interface Found {
  file: string;
  line: number;
  rule: string;
  message: string;
  hint?: string;
}
const json = (stdout: string) => JSON.parse(stdout) as Found[];

const tables = `CREATE TABLE orders (id BIGINT, amount INT) WITH ('connector' = 'datagen');
CREATE TABLE totals (id BIGINT, amount INT) WITH ('connector' = 'blackhole');
`;
// `main.sql` sorts before `tables.sql`: only job.yaml's order makes the tables known in time.
const main = 'INSERT INTO totals SELECT id, amount FROM orders;\n';
const job = (sql: string) => `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: orders\nsql: ${sql}\n`;

const folder = (name: string, files: Record<string, string>) => {
  const at = path.join(dir, 'jobs', name);
  mkdirSync(at, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(at, file), text);
  return at;
};
folder('orders', { 'job.yaml': job('[tables.sql, main.sql]'), 'tables.sql': tables, 'main.sql': main });
folder('no-manifest', { 'tables.sql': tables, 'main.sql': main });
folder('broken-main', {
  'job.yaml': job('[tables.sql, main.sql]'),
  'tables.sql': tables + "CREATE TABLE bad (x INT) WITH ('connector' = 'kakfa');\n",
  'main.sql': 'INSERT INTO totals SELECT id, amount FROM ordrs;\n',
});
folder('empty-tables', { 'job.yaml': job('[tables.sql, main.sql]'), 'tables.sql': '-- to do\n', 'main.sql': main });

describe('streampilot validate on a job folder split into several files', () => {
  it('checks the files of a folder with job.yaml together, in its order: no unknown tables (exit 0)', () => {
    const run = cli('validate', path.join(dir, 'jobs', 'orders'), '--format', 'json');
    expect(json(run.stdout)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('the whole jobs/ folder too, and one file of the job named alone', () => {
    const whole = cli('validate', path.join(dir, 'jobs'), '--format', 'json');
    expect(json(whole.stdout).filter((d) => d.file.includes(`${path.sep}orders${path.sep}`))).toEqual([]);
    const one = cli('validate', path.join(dir, 'jobs', 'orders', 'main.sql'), '--format', 'json');
    expect(json(one.stdout)).toEqual([]);
    expect(one.status).toBe(0);
  });

  it('reports only the files asked for, with the job’s other files as context', () => {
    const run = cli('validate', path.join(dir, 'jobs', 'broken-main', 'main.sql'), '--format', 'json');
    expect(run.status).toBe(1);
    expect(json(run.stdout).map((d) => [path.basename(d.file), d.rule, d.message])).toEqual([
      ['main.sql', 'sql/unknown-table', 'table `ordrs` is read here but never created; did you mean `orders`?'],
    ]);
  });

  it('without job.yaml each file stands alone, and the hint says how to check the job', () => {
    const run = cli('validate', path.join(dir, 'jobs', 'no-manifest'), '--format', 'json');
    expect(run.status).toBe(1);
    const found = json(run.stdout);
    expect(found.map((d) => [path.basename(d.file), d.rule])).toEqual([
      ['main.sql', 'sql/unknown-table'],
      ['main.sql', 'sql/unknown-table'],
    ]);
    expect(found[0]!.hint).toContain('this file was checked on its own');
    expect(found[0]!.hint).toContain('--whole-job');
    expect(found[0]!.hint).toContain('streampilot check');
  });

  it('an empty (comments-only) file of the job is reported as empty, not as unknown tables in the next', () => {
    const run = cli('validate', path.join(dir, 'jobs', 'empty-tables'), '--format', 'json');
    expect(run.status).toBe(1);
    expect(json(run.stdout).map((d) => [path.basename(d.file), d.rule, d.message])).toEqual([
      ['tables.sql', 'sql/empty-file', 'the file is empty: it has only comments, no SQL statement'],
    ]);
  });
});
