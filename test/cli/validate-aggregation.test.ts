import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'streampilot-aggregation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli(args, { cacheHome: path.join(dir, 'cache') });

const TABLES = `CREATE TABLE orders (customer STRING, amount INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'datagen');
CREATE TABLE totals (customer STRING, total BIGINT) WITH ('connector' = 'print');
`;

describe('streampilot validate: aggregation mistakes Flink would refuse at submit time', () => {
  it('names the ungrouped column and the misplaced aggregate at their line and column (exit 1)', () => {
    const file = path.join(dir, 'job.sql');
    writeFileSync(
      file,
      `${TABLES}INSERT INTO totals
SELECT customer, amount
FROM orders
WHERE SUM(amount) > 10
GROUP BY customer;
`,
    );
    const run = cli('validate', file, '--format', 'json');
    expect(run.status).toBe(1);
    const found = JSON.parse(run.stdout) as { line: number; column: number; rule: string; message: string }[];
    expect(found.map((d) => [d.rule, d.line, d.column])).toEqual([
      ['sql/not-grouped', 5, 18],
      ['sql/aggregate-placement', 7, 7],
    ]);
    expect(found[0]!.message).toContain('`amount`');
  });

  it('says nothing about a valid window aggregation', () => {
    const file = path.join(dir, 'valid.sql');
    writeFileSync(
      file,
      `${TABLES}INSERT INTO totals
SELECT customer, SUM(amount)
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, customer;
`,
    );
    const run = cli('validate', file, '--format', 'json');
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(run.status).toBe(0);
  });
});
