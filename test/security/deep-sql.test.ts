import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../src/sql/parse.js';
import { printRunnerScript } from '../../src/sql/printer/runner-script.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { repoRoot, runCli } from '../support/run-cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'streampilot-deep-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TABLES = `CREATE TABLE src (a INT, b BOOLEAN) WITH ('connector' = 'datagen');
CREATE TABLE sink (a INT) WITH ('connector' = 'blackhole');
`;

/** The four inputs of the audit, about 20 KB of SQL each, as a whole job. */
const ATTACKS: Record<string, { sql: string; parses: boolean }> = {
  'plus-chain': {
    sql: `${TABLES}INSERT INTO sink SELECT ${Array(5000).fill('a').join(' + ')} FROM src;\n`,
    parses: true,
  },
  'and-chain': {
    sql: `${TABLES}INSERT INTO sink SELECT a FROM src WHERE ${Array(5000).fill('b').join(' AND ')};\n`,
    parses: true,
  },
  'union-all-chain': {
    sql: `${TABLES}INSERT INTO sink ${Array(10000).fill('SELECT a FROM src').join(' UNION ALL ')};\n`,
    parses: true,
  },
  'array-nesting': {
    sql: `CREATE TABLE src (a ${'ARRAY<'.repeat(5000)}INT${'>'.repeat(5000)}) WITH ('connector' = 'datagen');\n`,
    parses: false,
  },
};

/** Where the nesting limit is crossed: the 201st `ARRAY`, on line 1. */
const ARRAY_COLUMN = 'CREATE TABLE src (a '.length + 200 * 'ARRAY<'.length + 1;

describe('deeply nested or very long SQL ends in a positioned error or a parse, never a stack overflow', () => {
  for (const [name, attack] of Object.entries(ATTACKS)) {
    it(`streampilot validate of the ${name} attack exits ${attack.parses ? '0' : '1 with a positioned error'}, not 3`, () => {
      const file = path.join(scratch, `${name}.sql`);
      writeFileSync(file, attack.sql);
      const run = runCli(['validate', '--whole-job', file]);
      expect(run.stderr).not.toContain('Maximum call stack');
      expect(run.stdout).not.toContain('Maximum call stack');
      expect(run.stdout).not.toContain('internal/rule-failed');
      if (attack.parses) {
        expect(run.stdout).toContain('No problems found.');
        expect(run.status).toBe(0);
      } else {
        expect(run.status).toBe(1);
        expect(run.stdout).toContain(
          `${file}:1:${ARRAY_COLUMN}  error  this is nested more than 200 levels deep, too deeply to check  syntax`,
        );
      }
    });
  }

  it('streampilot check of a repository with all four attacks as jobs exits 1 at the ARRAY nesting only', () => {
    const root = path.join(scratch, 'repo');
    cpSync(path.join(repoRoot, 'examples', 'acme-flink-jobs'), root, { recursive: true });
    for (const [name, attack] of Object.entries(ATTACKS)) {
      mkdirSync(path.join(root, 'jobs', name));
      writeFileSync(
        path.join(root, 'jobs', name, 'job.yaml'),
        `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${name}\nmode: application\nsql: [main.sql]\n`,
      );
      writeFileSync(path.join(root, 'jobs', name, 'main.sql'), attack.sql);
    }
    const run = runCli(['check', root, '--format', 'json']);
    expect(run.stderr).not.toContain('Maximum call stack');
    expect(run.status).toBe(1);
    const errors = (
      JSON.parse(run.stdout) as {
        file: string;
        line: number;
        column: number;
        severity: string;
        rule: string;
        message: string;
      }[]
    ).filter((d) => d.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        file: 'jobs/array-nesting/main.sql',
        line: 1,
        column: ARRAY_COLUMN,
        rule: 'syntax',
        message: 'this is nested more than 200 levels deep, too deeply to check',
      }),
    ]);
  });

  it('checkRepository (what the app runs) plans the long chains and reports the nesting at its position', () => {
    const result = checkRepository(path.join(scratch, 'repo'));
    const deep = result.diagnostics.filter((d) => d.severity === 'error');
    expect(deep.map((d) => [d.file, d.line, d.column, d.rule])).toEqual([
      ['jobs/array-nesting/main.sql', 1, ARRAY_COLUMN, 'syntax'],
    ]);
    const staging = result.plan.environments.find((e) => e.name === 'staging')!;
    const union = staging.jobs.find((j) => j.name === 'union-all-chain')!;
    expect(union.blocked).toBe(false);
    expect(union.script.split('UNION ALL')).toHaveLength(10000);
  });

  it('parenthesised subqueries nested 5,000 deep are refused at the 201st level, and 200 levels still parse', () => {
    const deep = (n: number) => `SELECT * FROM ${'(SELECT * FROM '.repeat(n)}t${') x'.repeat(n)}`;
    const refused = parseScript(deep(5000), { flinkVersion: '1.20' });
    expect(refused.issues).toHaveLength(1);
    expect(refused.issues[0]!.message).toBe('this is nested more than 200 levels deep, too deeply to check');
    // At the SELECT of the 200th subquery: with the outer query, the 201st level.
    expect(refused.issues[0]!.range.start).toBe('SELECT * FROM '.length + 199 * '(SELECT * FROM '.length + 1);
    const accepted = parseScript(deep(199), { flinkVersion: '1.20' });
    expect(accepted.issues).toEqual([]);
    expect(printRunnerScript(accepted.statements)).toContain('(SELECT * FROM (SELECT');
  });

  it('postfix chains the parser builds by loops (`IS NULL` 3,000 times, `[1]` 3,000 times, `INT ARRAY` 3,000 times) are refused once the tree is 1,000 deep', () => {
    for (const text of [
      `SELECT a${' IS NULL'.repeat(3000)} FROM t`,
      `SELECT a${'[1]'.repeat(3000)} FROM t`,
      `CREATE TABLE t (a INT${' ARRAY'.repeat(3000)})`,
    ]) {
      const parsed = parseScript(text, { flinkVersion: '1.20' });
      expect(parsed.statements).toEqual([]);
      expect(parsed.issues.map((i) => i.message)).toEqual([
        'this is nested more than 1000 levels deep once parsed, too deeply to check',
      ]);
    }
  });

  it('5,000 comma joins and 5,000 JOIN … ON are printed and walked by loops', () => {
    for (const from of [`t${', t'.repeat(5000)}`, `t${' JOIN t ON TRUE'.repeat(5000)}`]) {
      const parsed = parseScript(`${TABLES.replace(/src/g, 't')}INSERT INTO sink SELECT 1 FROM ${from};`, {
        flinkVersion: '1.20',
      });
      expect(parsed.issues).toEqual([]);
      expect(printRunnerScript(parsed.statements).length).toBeGreaterThan(5000 * 3);
    }
  });
});
