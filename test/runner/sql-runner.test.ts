// StreamPilot's SQL runner (runner/src/main/java) run as a process under the JDK, against
// recording stand-ins of the Flink classes it calls (test/runner/flink-recording-stubs) on the
// classpath where a Flink distribution would be.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSqlUnits } from '../../src/sql/build-units.js';
import { framedStatements, writeFramedScript } from '../../src/runner/framed-script.js';
import { secretEnvName } from '../../src/runner/runner-paths.js';
import { repoRoot } from '../support/repo-root.js';

const hasJdk = ['java', 'javac'].every((tool) => spawnSync(tool, ['-version'], { stdio: 'ignore' }).status === 0);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  records: string[];
}

describe.skipIf(!hasJdk)('the SQL runner under the JDK (skipped: no java/javac on PATH)', () => {
  let dir = '';
  let jar = '';
  let stubs = '';

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sp-runner-test-'));
    jar = path.join(dir, 'runner.jar');
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts/build-runner.mjs'), '--out', jar], { stdio: 'pipe' });
    stubs = path.join(dir, 'flink');
    const stubSources = path.join(repoRoot, 'test/runner/flink-recording-stubs');
    const sources = execFileSync('find', [stubSources, '-name', '*.java'], { encoding: 'utf8' }).trim().split('\n');
    execFileSync('javac', ['--release', '8', '-Xlint:-options', '-d', stubs, ...sources], { stdio: 'pipe' });
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The framed script for SQL files as `check` parses them (variables substituted), from their original text. */
  function frame(files: Record<string, string>, variables: Record<string, string> = {}): string {
    const sources = Object.entries(files).map(([file, text]) => ({ file, text }));
    const { units } = buildSqlUnits(sources, { flinkVersion: '1.20', variables });
    return writeFramedScript(framedStatements(units));
  }

  let runs = 0;
  function run(script: string, args: string[] = [], env: Record<string, string> = {}): Run {
    const n = ++runs;
    const scriptFile = path.join(dir, `script-${n}.sql`);
    const record = path.join(dir, `record-${n}.txt`);
    writeFileSync(scriptFile, script, 'utf8');
    const result = spawnSync(
      'java',
      ['-cp', [jar, stubs].join(path.delimiter), 'dev.streampilot.runner.Main', '--script', scriptFile, ...args],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', STREAMPILOT_TEST_RECORD: record, ...env } },
    );
    const records = existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : [];
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, records };
  }

  it('runs the statements in file order, each once, comments blanked, `;` and `--` inside string literals left whole', () => {
    const script = frame({
      'jobs/a/01.sql': "CREATE TABLE src (x INT) WITH ('connector' = 'datagen'); -- the source\n",
      'jobs/a/02.sql':
        "/* sink */ CREATE TABLE snk (s STRING) WITH ('connector' = 'print');\nINSERT INTO snk -- to print\nSELECT 'a;b -- c' FROM src;\n",
    });
    const r = run(script);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.records).toEqual([
      'create mode=streaming config={}',
      "executeSql CREATE TABLE src (x INT) WITH ('connector' = 'datagen')",
      "executeSql CREATE TABLE snk (s STRING) WITH ('connector' = 'print')",
      // the comment is blanked, its line break kept; the `;` and `--` in the literal stay
      `executeSql INSERT INTO snk ${' '.repeat('-- to print'.length)}\\nSELECT 'a;b -- c' FROM src`,
    ]);
  });

  it('applies leading SET statements to the environment it creates: execution.runtime-mode batch runs in batch mode', () => {
    const r = run(
      frame({
        'jobs/b/job.sql':
          "SET 'execution.runtime-mode' = 'batch';\nSET 'pipeline.name' = 'it''s nightly';\nCREATE TABLE t (x INT) WITH ('connector' = 'datagen');\nSET 'table.exec.sink.not-null-enforcer' = 'DROP';\nINSERT INTO t SELECT 1;\n",
      }),
    );
    expect(r.code).toBe(0);
    expect(r.records).toEqual([
      "create mode=batch config={execution.runtime-mode=batch, pipeline.name=it's nightly}",
      "executeSql CREATE TABLE t (x INT) WITH ('connector' = 'datagen')",
      'config.set table.exec.sink.not-null-enforcer=DROP',
      'executeSql INSERT INTO t SELECT 1',
    ]);
  });

  it('runs EXECUTE STATEMENT SET, and the SQL client form BEGIN STATEMENT SET, as one job each', () => {
    const r = run(
      frame({
        'jobs/c/job.sql':
          'EXECUTE STATEMENT SET BEGIN\n  INSERT INTO a SELECT 1;\n  INSERT INTO b SELECT 2;\nEND;\nBEGIN STATEMENT SET;\nINSERT INTO c SELECT 3;\nINSERT INTO d SELECT 4;\nEND;\n',
      }),
    );
    expect(r.code).toBe(0);
    const executed = r.records.filter((l) => l.startsWith('executeSql '));
    expect(executed).toEqual([
      'executeSql EXECUTE STATEMENT SET BEGIN\\n  INSERT INTO a SELECT 1;\\n  INSERT INTO b SELECT 2;\\nEND',
      'executeSql EXECUTE STATEMENT SET BEGIN\\nINSERT INTO c SELECT 3;\\nINSERT INTO d SELECT 4;\\nEND',
    ]);
  });

  it('fills ${name} from --value first, then value.<name> of the values file, then the secret environment variable', () => {
    const sql = {
      'jobs/d/job.sql':
        "CREATE TABLE k (x INT) WITH ('topic' = '${topic}', 'group' = '${group}', 'password' = '${kafka.password}', 'raw' = '$${topic}');\n",
    };
    // check substitutes its own values to parse; the framed script keeps the placeholders.
    const script = frame(sql, { topic: 'check-topic', group: 'g', 'kafka.password': 'x' });
    expect(script).toContain("'${topic}'");
    expect(script).not.toContain('check-topic');
    const values = path.join(dir, 'values.properties');
    writeFileSync(
      values,
      'value.topic=from-file\nvalue.group=grp\\u00e9\nsecret.kafka.password=' + secretEnvName('kafka.password') + '\n',
    );
    const r = run(script, ['--values', values, '--value', 'topic=orders'], {
      [secretEnvName('kafka.password')]: 's3cr3t-pw',
    });
    expect(r.code).toBe(0);
    expect(r.records[1]).toBe(
      "executeSql CREATE TABLE k (x INT) WITH ('topic' = 'orders', 'group' = 'grpé', 'password' = 's3cr3t-pw', 'raw' = '${topic}')",
    );
  });

  it('keeps a secret holding a quote inside its string literal (the quote doubled), and masks it', () => {
    const env = secretEnvName('db_password');
    const values = path.join(dir, 'quoted-secret.properties');
    writeFileSync(values, `secret.db_password=${env}\n`);
    const script = frame(
      { 'jobs/q/job.sql': "CREATE TABLE j (x INT) WITH ('password' = '${db_password}', 'user' = 'app');\n" },
      { db_password: 'x' },
    );
    const r = run(script, ['--values', values], { [env]: "it's'); DROP TABLE x; --" });
    expect(r.code).toBe(0);
    expect(r.records[1]).toBe(
      "executeSql CREATE TABLE j (x INT) WITH ('password' = 'it''s''); DROP TABLE x; --', 'user' = 'app')",
    );
  });

  it('stops with exit code 2 and one line naming the variable and where it is used when a value is missing', () => {
    const script = frame(
      {
        'jobs/e/job.sql': "CREATE TABLE t (x INT) WITH ('connector' = 'datagen');\nINSERT INTO t\nSELECT ${amount};\n",
      },
      { amount: '1' },
    );
    const r = run(script, ['--values', path.join(dir, 'absent.properties')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'streampilot-runner: no value for ${amount} (used at jobs/e/job.sql:3)',
    ]);
    // nothing ran: a half-started job would be worse than none
    expect(r.records).toEqual([]);
  });

  it('names the failing statement by repository path and line before the stack trace, secret values masked', () => {
    const env = secretEnvName('db_password');
    const values = path.join(dir, 'secret-values.properties');
    writeFileSync(values, `secret.db_password=${env}\n`);
    const script = frame(
      {
        'jobs/f/01.sql': "CREATE TABLE t (x INT) WITH ('connector' = 'datagen');\n",
        'jobs/f/02.sql': "-- line 1\n\nINSERT INTO t\n  SELECT 1 FROM FAIL_HERE WHERE p = '${db_password}';\n",
      },
      { db_password: 'x' },
    );
    const r = run(script, ['--values', values], { [env]: 'hunter2-secret' });
    expect(r.code).not.toBe(0);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(
      'streampilot-runner: statement at jobs/f/02.sql:3 failed: org.apache.flink.table.api.ValidationException: SQL validation failed. Cannot run: INSERT INTO t',
    );
    expect(r.stderr).toContain('Caused by: org.apache.flink.table.api.ValidationException');
    expect(r.stderr).toMatch(/\n\s+at org\.apache\.flink\.table\.api\.TableEnvironment/);
    expect(r.stderr).toContain("p = '****'");
    expect(r.stderr + r.stdout).not.toContain('hunter2-secret');
  });

  it('builds the same jar bytes twice, Java 8 class files only, with no Flink class inside', () => {
    const second = path.join(dir, 'again.jar');
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts/build-runner.mjs'), '--out', second], {
      stdio: 'pipe',
    });
    expect(readFileSync(second).equals(readFileSync(jar))).toBe(true);
    const listing = execFileSync('unzip', ['-Z1', jar], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toContain('dev/streampilot/runner/Main.class');
    expect(listing.filter((e) => e.startsWith('org/'))).toEqual([]);
    const main = execFileSync('unzip', ['-p', jar, 'dev/streampilot/runner/Main.class']);
    expect(main.readUInt16BE(6)).toBe(52); // class file major version 52 = Java 8
    expect(execFileSync('unzip', ['-p', jar, 'META-INF/MANIFEST.MF'], { encoding: 'utf8' })).toContain(
      'Main-Class: dev.streampilot.runner.Main',
    );
  });
});
