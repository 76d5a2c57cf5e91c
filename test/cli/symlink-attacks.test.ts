// Attacks on the CLI as a process through a repository's symbolic links, control characters and
// long lines (issue 10, findings 1, 7 and 9). Every secret is a planted marker; each test asserts
// it is in no output of any format, and that the finding is at the link.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { repoRoot, runCli, type CliRun } from '../support/run-cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'streampilot-symlink-attacks-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const cacheHome = path.join(scratch, 'cache');
const EXAMPLE = path.join(repoRoot, 'examples', 'acme-flink-jobs');
const FORMATS = ['text', 'github', 'json'] as const;
type Format = (typeof FORMATS)[number];

const marker = (what: string) => `${what}${randomBytes(18).toString('base64').replace(/[+/=]/g, 'x')}`;

let count = 0;
/**
 * A folder standing for the machine StreamPilot runs on: a `.env` holding the app's key (the
 * CLI runs with this folder as its working directory, so /proc/self/cwd/.env is it), a secret
 * file, and the repository under test (a copy of the example) inside it.
 */
function machine(): { outside: string; repo: string; envKey: string; secret: string; secretFile: string } {
  const outside = path.join(scratch, `machine-${++count}`);
  const repo = path.join(outside, 'repo');
  cpSync(EXAMPLE, repo, { recursive: true });
  const envKey = marker('LS0tLS1');
  writeFileSync(path.join(outside, '.env'), `PRIVATE_KEY=${envKey}\n`);
  const secret = marker('outside-secret-');
  const secretFile = path.join(outside, 'secret.txt');
  writeFileSync(secretFile, `${secret}\n`);
  return { outside, repo, envKey, secret, secretFile };
}

function check(cwd: string, repo: string, format: Format): CliRun {
  return runCli(['check', repo, '--format', format, '--no-cache'], { cwd, cacheHome });
}

/** The finding each format prints for `link`, at the link itself (line 1), saying what it is. */
function expectFindingAtLink(run: CliRun, format: Format, link: string): void {
  const out = run.stdout;
  if (format === 'json') {
    const findings = JSON.parse(out) as {
      file: string;
      line: number;
      rule: string;
      message: string;
      severity: string;
    }[];
    const at = findings.filter((f) => f.file === link && f.rule === 'manifest/symlink-outside');
    expect(at, out).toHaveLength(1);
    expect(at[0]).toMatchObject({ line: 1, severity: 'error' });
    expect(at[0]!.message).toMatch(/symbolic link .*(outside the repository|into \.git).*does not follow it/);
  } else if (format === 'github') {
    const escaped = link.replace(/:/g, '%3A').replace(/,/g, '%2C');
    expect(
      out.split('\n').some((l) => l.startsWith(`::error file=${escaped},line=1,`) && /symbolic link/.test(l)),
      out,
    ).toBe(true);
  } else {
    expect(
      out.split('\n').some((l) => l.startsWith(`${link}:1:1  error  `) && /symbolic link/.test(l)),
      out,
    ).toBe(true);
  }
}

function expectNoSecret(run: CliRun, ...secrets: string[]): void {
  for (const secret of secrets) {
    expect(run.stdout.includes(secret), `a planted secret (${secret.slice(0, 8)}…) is on stdout:\n${run.stdout}`).toBe(
      false,
    );
    expect(run.stderr.includes(secret), `a planted secret (${secret.slice(0, 8)}…) is on stderr:\n${run.stderr}`).toBe(
      false,
    );
  }
}

describe.each(FORMATS)('streampilot check --format %s refuses symbolic links out of the repository', (format) => {
  test('a streampilot.yaml symlinked to /proc/self/cwd/.env is refused at the link and the key never appears', () => {
    const m = machine();
    rmSync(path.join(m.repo, 'streampilot.yaml'));
    symlinkSync('/proc/self/cwd/.env', path.join(m.repo, 'streampilot.yaml'));
    const run = check(m.outside, m.repo, format);
    expect(run.status).toBe(1);
    expectFindingAtLink(run, format, 'streampilot.yaml');
    expectNoSecret(run, m.envKey);
  });

  test('a streampilot.yaml symlinked to an absolute path outside the repository is refused and the file is not read', () => {
    const m = machine();
    rmSync(path.join(m.repo, 'streampilot.yaml'));
    symlinkSync(m.secretFile, path.join(m.repo, 'streampilot.yaml'));
    const run = check(m.outside, m.repo, format);
    expect(run.status).toBe(1);
    expectFindingAtLink(run, format, 'streampilot.yaml');
    expectNoSecret(run, m.secret);
  });

  test('a jobs/ folder symlinked to a folder outside the repository is refused at the link and its jobs are not read', () => {
    const m = machine();
    const elsewhere = path.join(m.outside, 'elsewhere');
    cpSync(path.join(m.repo, 'jobs'), elsewhere, { recursive: true });
    writeFileSync(path.join(elsewhere, 'orders-enrichment', 'job.yaml'), `${m.secret}\n`);
    rmSync(path.join(m.repo, 'jobs'), { recursive: true });
    symlinkSync(elsewhere, path.join(m.repo, 'jobs'));
    const run = check(m.outside, m.repo, format);
    expect(run.status).toBe(1);
    expectFindingAtLink(run, format, 'jobs');
    expectNoSecret(run, m.secret);
  });

  test('a job.yaml symlinked to a file outside the repository is refused at the link', () => {
    const m = machine();
    const link = 'jobs/orders-enrichment/job.yaml';
    rmSync(path.join(m.repo, link));
    symlinkSync(path.relative(path.join(m.repo, 'jobs/orders-enrichment'), m.secretFile), path.join(m.repo, link));
    const run = check(m.outside, m.repo, format);
    expect(run.status).toBe(1);
    expectFindingAtLink(run, format, link);
    expectNoSecret(run, m.secret);
  });

  test('a job.yaml symlinked to ../.git/config inside the repository folder is refused: .git is not content, and its credential never appears', () => {
    const m = machine();
    const credential = marker('ghs_');
    mkdirSync(path.join(m.repo, '.git'));
    writeFileSync(
      path.join(m.repo, '.git', 'config'),
      `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${credential}\n`,
    );
    const link = 'jobs/orders-enrichment/job.yaml';
    rmSync(path.join(m.repo, link));
    symlinkSync('../../.git/config', path.join(m.repo, link));
    rmSync(path.join(m.repo, 'streampilot.yaml'));
    symlinkSync('.git/config', path.join(m.repo, 'streampilot.yaml'));
    const run = check(m.outside, m.repo, format);
    expect(run.status).toBe(1);
    expectFindingAtLink(run, format, link);
    expectFindingAtLink(run, format, 'streampilot.yaml');
    expectNoSecret(run, credential);
  });

  test('a Dockerfile symlinked out of the repository is refused at the manifest entry that names it', () => {
    const m = machine();
    const dir = path.join(m.repo, 'jobs/orders-enrichment');
    const manifest = readFileSync(path.join(dir, 'job.yaml'), 'utf8').replace(
      'parallelism: 4',
      'parallelism: 4\nbuild: { builder: docker, dockerfile: Dockerfile }',
    );
    writeFileSync(path.join(dir, 'job.yaml'), manifest);
    symlinkSync(m.secretFile, path.join(dir, 'Dockerfile'));
    const run = check(m.outside, m.repo, format);
    expect(run.status).toBe(1);
    const line = manifest.split('\n').findIndex((l) => l.startsWith('build:')) + 1;
    if (format === 'json') {
      const findings = JSON.parse(run.stdout) as { file: string; line: number; message: string }[];
      expect(
        findings.some(
          (f) =>
            f.file === 'jobs/orders-enrichment/job.yaml' &&
            f.line === line &&
            /Dockerfile .*symbolic link to a file outside the repository/.test(f.message),
        ),
        run.stdout,
      ).toBe(true);
    } else {
      expect(run.stdout).toMatch(/Dockerfile `Dockerfile` is a symbolic link to a file outside the repository/);
    }
    expectNoSecret(run, m.secret);
  });
});

describe('the CLI output goes through the redactor', () => {
  test('a secret of the CLI environment quoted by a finding is printed as [redacted]', () => {
    const m = machine();
    const token = marker('tok');
    const manifest = path.join(m.repo, 'jobs/orders-enrichment/job.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('name: orders-enrichment', `name: ${token}`));
    for (const format of FORMATS) {
      const run = runCli(['check', m.repo, '--format', format, '--no-cache'], {
        cwd: m.outside,
        cacheHome,
        env: { DEPLOY_TOKEN: token },
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('[redacted]');
      expectNoSecret(run, token);
    }
  });
});

describe('control characters in a finding cannot forge output lines', () => {
  // An identifier with a newline, a workflow command, an ESC sequence and a bidi override.
  const hostile = 'a\n::error file=x::pwned\u001b[2J\u202e';
  const sql = `CREATE TABLE src (id INT) WITH ('connector' = 'datagen');\nINSERT INTO \`${hostile}\` SELECT id FROM src;\n`;

  test.each(['text', 'github'] as const)(
    'a newline inside a back-quoted identifier does not start a `::error` line in --format %s',
    (format) => {
      const file = path.join(scratch, `hostile-${format}.sql`);
      writeFileSync(file, sql);
      const run = runCli(['validate', file, '--format', format], { cacheHome });
      expect(run.status).toBe(1);
      const lines = run.stdout.split('\n');
      // The finding is there, with the identifier made visible …
      expect(run.stdout).toMatch(/a\\n::error file=x::pwned\\x1b\[2J\\u202e/);
      // … but no line of output is a command the identifier wrote, and nothing raw reaches a terminal.
      expect(lines.filter((l) => l.trimStart().startsWith('::error file=x'))).toEqual([]);
      // eslint-disable-next-line no-control-regex -- ESC is exactly what must not be printed
      expect(run.stdout).not.toMatch(/[\u001b\u202e]/);
      // Every line but the summary is one workflow command of StreamPilot's own.
      if (format === 'github')
        for (const l of lines.filter((l) => l !== '' && !/^\d+ errors?, \d+ warnings?\.$/.test(l)))
          expect(l).toMatch(/^::(error|warning|notice) file=/);
    },
  );
});

describe('a code frame for a very long line', () => {
  test('a 440 KB single-line SQL file gets a clipped code frame around the column, not a crash', () => {
    const file = path.join(scratch, 'long-line.sql');
    const text = `SELECT '${'x'.repeat(440 * 1024)}' AS a FROM t WHERE;`;
    writeFileSync(file, text);
    const run = runCli(['validate', file, '--format', 'text'], { cacheHome });
    expect(run.stderr).not.toMatch(/internal error|RangeError/);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    for (const l of lines) expect(l.length).toBeLessThan(400);
    const frame = lines.findIndex((l) => /^\s+1 \| …/.test(l));
    expect(frame, run.stdout).toBeGreaterThanOrEqual(0);
    // The caret sits under the `;` the error is about, inside the window.
    const caret = lines[frame + 1]!.indexOf('^');
    expect(caret).toBeGreaterThan(0);
    expect(lines[frame]![caret]).toBe(';');
  });
});
