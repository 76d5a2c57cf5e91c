import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'streampilot-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli(args, { cacheHome: path.join(dir, 'cache') });

const tables = `CREATE TABLE src (id BIGINT, note STRING) WITH ('connector' = 'datagen');
CREATE TABLE dst (id BIGINT, note STRING) WITH ('connector' = 'blackhole');
`;
const insert = `-- the ; and -- inside literals are not statement ends or comments
INSERT INTO dst SELECT id, 'a;b -- c' FROM src;
`;
const broken = `CREATE TABLE t (a INT b STRING) WITH ('connector' = 'datagen');
SELECT a FROM t WHERE;
CREATE TABLE u (x INT) WITH ('connector' = 'datagen');
`;

mkdirSync(path.join(dir, 'job'));
writeFileSync(path.join(dir, 'job', '1-tables.sql'), tables);
writeFileSync(path.join(dir, 'job', '2-insert.sql'), insert);
writeFileSync(path.join(dir, 'broken.sql'), broken);
writeFileSync(path.join(dir, 'only-tables.sql'), tables);

describe('streampilot validate', () => {
  it('reports every syntax error of a file, each on its own line (exit 1)', () => {
    const run = cli('validate', path.join(dir, 'broken.sql'), '--format', 'json');
    expect(run.status).toBe(1);
    const found = JSON.parse(run.stdout) as { line: number; column: number; rule: string; message: string }[];
    const syntax = found.filter((d) => d.rule === 'syntax');
    expect(syntax.map((d) => d.line)).toEqual([1, 2]);
    expect(syntax[0]!.column).toBe(23); // at `b`: a missing comma
    expect(syntax[0]!.message).toMatch(/expected .*`,`.*found `b`/);
  });

  it('keeps whole-job rules quiet for loose files, and lets them speak with --whole-job', () => {
    const loose = cli('validate', path.join(dir, 'only-tables.sql'), '--format', 'json');
    expect(loose.status).toBe(0);
    expect(JSON.parse(loose.stdout)).toEqual([]);
    const whole = cli('validate', path.join(dir, 'only-tables.sql'), '--whole-job', '--format', 'json');
    expect(whole.status).toBe(1);
    expect((JSON.parse(whole.stdout) as { rule: string }[]).map((d) => d.rule)).toContain('sql/no-sink');
  });

  it('with --whole-job, tables created in one file are known in the next (folder order)', () => {
    const run = cli('validate', path.join(dir, 'job'), '--whole-job', '--format', 'json');
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(run.status).toBe(0);
    const apart = cli('validate', path.join(dir, 'job', '2-insert.sql'), '--format', 'json');
    expect((JSON.parse(apart.stdout) as { rule: string }[]).map((d) => d.rule)).toContain('sql/unknown-table');
  });

  it('a syntax construct newer than --flink-version is an error that names the version it needs', () => {
    const file = path.join(dir, 'distributed.sql');
    writeFileSync(
      file,
      "CREATE TABLE b (id INT) DISTRIBUTED BY HASH(id) INTO 4 BUCKETS WITH ('connector' = 'blackhole');\n",
    );
    const old = cli('validate', file, '--flink-version', '1.19', '--format', 'json');
    expect(old.status).toBe(1);
    expect(old.stdout).toMatch(/Flink 1\.20/);
    const current = cli('validate', file, '--flink-version', '1.20', '--format', 'json');
    expect(JSON.parse(current.stdout)).toEqual([]);
  });

  it('a path that does not exist is a usage problem (exit 2)', () => {
    const run = cli('validate', path.join(dir, 'nope.sql'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/nope\.sql` does not exist/);
  });

  it('an unsupported --flink-version is a usage problem that lists the supported ones', () => {
    const run = cli('validate', path.join(dir, 'broken.sql'), '--flink-version', '1.9');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/1\.17.*2\.2/);
  });
});
