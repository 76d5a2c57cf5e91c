// Issue 10, finding 10: values the manifests accepted that failed only later — at apply, at
// pod start, or in Node's timers. Each is now refused by `streampilot check` (the CLI as a
// process) at the offending key or value, with what to write instead.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { repoRoot, runCli } from '../support/run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'streampilot-late-values-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let copies = 0;
/** examples/acme-flink-jobs with one change: `edit` gets a file's text and returns the new text. */
function exampleWith(edits: Record<string, (text: string) => string>): string {
  const dir = path.join(work, `repo-${++copies}`);
  cpSync(path.join(repoRoot, 'examples', 'acme-flink-jobs'), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const target = path.join(dir, file);
    const before = (() => {
      try {
        return readFileSync(target, 'utf8');
      } catch {
        return '';
      }
    })();
    const after = edit(before);
    expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, after);
  }
  return dir;
}

/** `file:line:column` of the first `needle` in the repository's file (after the change). */
function positionOf(dir: string, file: string, needle: string): string {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const at = text.indexOf(needle);
  expect(at, `${needle} in ${file}`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  return `${file}:${before.length}:${before.at(-1)!.length + 1}`;
}

const replace = (from: string | RegExp, to: string) => (text: string) => text.replace(from, to);

/** The only error of `check`: its first line (`file:line:col  error  message  rule`) and its hint. */
function onlyError(dir: string): {
  status: number | null;
  where: string;
  message: string;
  hint: string;
  stdout: string;
} {
  const run = runCli(['check', dir, '--no-cache']);
  const lines = run.stdout.split('\n');
  const errors = lines.flatMap((line, i) => {
    const m = /^(\S+:\d+:\d+)\s+error\s+(.*?)\s{2}\S+$/.exec(line);
    if (!m) return [];
    const hint = lines.slice(i + 1, i + 6).find((l) => l.trimStart().startsWith('hint: '));
    return [{ where: m[1]!, message: m[2]!, hint: hint?.trim().slice('hint: '.length) ?? '' }];
  });
  expect(errors, run.stdout + run.stderr).toHaveLength(1);
  return { status: run.status, stdout: run.stdout, ...errors[0]! };
}

describe(
  'values Kubernetes, Flink or Node would refuse later are refused by check, at the value',
  { timeout: 60_000 },
  () => {
    test('parallelism: 100000000000000000000 (beyond what Flink and the operator read) is refused at the number', () => {
      const dir = exampleWith({
        'jobs/orders-enrichment/job.yaml': replace(/^parallelism: 4$/m, 'parallelism: 100000000000000000000'),
      });
      const r = onlyError(dir);
      expect(r.status).toBe(1);
      expect(r.where).toBe(positionOf(dir, 'jobs/orders-enrichment/job.yaml', '100000000000000000000'));
      expect(r.message).toBe('`parallelism` must be at most 32768; found the number `100000000000000000000`');
      expect(r.hint).toMatch(/Flink's maximum parallelism is 32768/);
    });

    test('taskSlots beyond a 32-bit integer is refused at the number', () => {
      const dir = exampleWith({ 'streampilot.yaml': replace('taskSlots: 2', 'taskSlots: 4294967296') });
      const r = onlyError(dir);
      expect(r.status).toBe(1);
      expect(r.where).toBe(positionOf(dir, 'streampilot.yaml', '4294967296'));
      expect(r.message).toBe(
        '`defaults.resources.taskManager.taskSlots` must be at most 2147483647; found the number `4294967296`',
      );
      expect(r.hint).toMatch(/32-bit integer/);
    });

    test('serviceAccount: "Bad Name!; rm -rf /" is refused as not a Kubernetes name', () => {
      const dir = exampleWith({
        'streampilot.yaml': replace('serviceAccount: flink', 'serviceAccount: "Bad Name!; rm -rf /"'),
      });
      const r = onlyError(dir);
      expect(r.status).toBe(1);
      expect(r.where).toBe(positionOf(dir, 'streampilot.yaml', '"Bad Name!'));
      expect(r.message).toMatch(
        /^`defaults\.serviceAccount` must be a Kubernetes service account name: lowercase letters, digits, "-" and "\."/,
      );
    });

    test('a service account name longer than 253 characters is refused', () => {
      const dir = exampleWith({
        'jobs/clickstream-fanout/job.yaml': (t) => `${t.trimEnd()}\nserviceAccount: ${'a'.repeat(254)}\n`,
      });
      const r = onlyError(dir);
      expect(r.status).toBe(1);
      expect(r.where).toBe(positionOf(dir, 'jobs/clickstream-fanout/job.yaml', 'a'.repeat(254)));
      expect(r.message).toBe('`serviceAccount` must be at most 253 characters; found 254');
    });

    test('baseImage: "$(id) not an image" is refused as not an image reference', () => {
      const dir = exampleWith({
        'streampilot.yaml': replace('baseImage: flink:1.20.1-java17', 'baseImage: "$(id) not an image"'),
      });
      const r = onlyError(dir);
      expect(r.status).toBe(1);
      expect(r.where).toBe(positionOf(dir, 'streampilot.yaml', '"$(id)'));
      expect(r.message).toMatch(
        /^`defaults\.baseImage` is not an image reference: repository part .* is not a valid path component$/,
      );
      expect(r.hint).toMatch(/\[registry\/\]repository\[:tag\]\[@sha256:digest\]/);
    });

    test("a job's baseImage for one environment with a registry that is no host is refused there; {{flinkVersion}} stays valid", () => {
      const dir = exampleWith({
        'jobs/orders-enrichment/job.yaml': (t) =>
          t
            .replace(/^parallelism: 4$/m, 'parallelism: 4\nbaseImage: ghcr.io/acme/flink:{{flinkVersion}}-java17')
            .replace('  production:\n', '  production:\n    baseImage: "evil host!:5000/flink:1.20"\n'),
      });
      const r = onlyError(dir);
      expect(r.status).toBe(1);
      expect(r.where).toBe(positionOf(dir, 'jobs/orders-enrichment/job.yaml', '"evil host!'));
      expect(r.message).toBe(
        '`environments.production.baseImage` is not an image reference: registry "evil host!:5000" is not a host name or address with an optional port',
      );
    });

    test('jobs j1 and j1-rest in one namespace: the operator’s j1-rest Service collides, reported at the second job’s name', () => {
      const fanout = readFileSync(
        path.join(repoRoot, 'examples/acme-flink-jobs/jobs/clickstream-fanout/job.yaml'),
        'utf8',
      );
      const sql = readFileSync(
        path.join(repoRoot, 'examples/acme-flink-jobs/jobs/clickstream-fanout/main.sql'),
        'utf8',
      );
      const podTemplate = readFileSync(
        path.join(repoRoot, 'examples/acme-flink-jobs/jobs/clickstream-fanout/pod-template.yaml'),
        'utf8',
      );
      const dir = exampleWith({
        'jobs/clickstream-fanout-rest/job.yaml': () =>
          fanout.replace(/^name: clickstream-fanout$/m, 'name: clickstream-fanout-rest'),
        'jobs/clickstream-fanout-rest/main.sql': () => sql,
        'jobs/clickstream-fanout-rest/pod-template.yaml': () => podTemplate,
      });
      const r = onlyError(dir);
      expect(r.status).toBe(1);
      expect(r.where).toBe(positionOf(dir, 'jobs/clickstream-fanout-rest/job.yaml', 'clickstream-fanout-rest'));
      expect(r.message).toBe(
        'job `clickstream-fanout-rest` collides with the Service `clickstream-fanout-rest` that the Flink operator creates for job `clickstream-fanout`, ' +
          'in namespaces `flink-staging` (environment staging), `flink-prod` (environment production)',
      );
      expect(r.hint).toMatch(/rename this job/);
    });

    test('a job named x-rest next to job x is fine when they deploy to different namespaces', () => {
      const fanout = readFileSync(
        path.join(repoRoot, 'examples/acme-flink-jobs/jobs/clickstream-fanout/job.yaml'),
        'utf8',
      );
      const sql = readFileSync(
        path.join(repoRoot, 'examples/acme-flink-jobs/jobs/clickstream-fanout/main.sql'),
        'utf8',
      );
      const podTemplate = readFileSync(
        path.join(repoRoot, 'examples/acme-flink-jobs/jobs/clickstream-fanout/pod-template.yaml'),
        'utf8',
      );
      const dir = exampleWith({
        'jobs/clickstream-fanout-rest/job.yaml': () =>
          `${fanout.replace(/^name: clickstream-fanout$/m, 'name: clickstream-fanout-rest').trimEnd()}\nenvironments:\n  staging: { namespace: flink-other }\n  production: { namespace: flink-other }\n`,
        'jobs/clickstream-fanout-rest/main.sql': () => sql,
        'jobs/clickstream-fanout-rest/pod-template.yaml': () => podTemplate,
      });
      const run = runCli(['check', dir, '--no-cache']);
      expect(run.stdout).not.toMatch(/collides/);
      expect(run.stdout).toContain('No problems found.');
      expect(run.status).toBe(0);
    });

    test('a Dockerfile that is a symlink to a file outside the repository is refused at build.dockerfile, and the file is not shown', () => {
      const marker = `MARKER-SECRET-${process.pid}-dockerfile`;
      const outside = path.join(work, 'outside-secret.txt');
      writeFileSync(outside, `FROM scratch\n# ${marker}\n`);
      const dir = exampleWith({
        'jobs/clickstream-fanout/job.yaml': (t) =>
          `${t.trimEnd()}\nbuild: { builder: docker, dockerfile: Dockerfile }\n`,
      });
      symlinkSync(outside, path.join(dir, 'jobs/clickstream-fanout/Dockerfile'));
      const run = runCli(['check', dir, '--no-cache', '--format', 'json']);
      expect(run.status).toBe(1);
      expect(run.stdout + run.stderr).not.toContain(marker);
      const findings = JSON.parse(run.stdout) as { file: string; line: number; column: number; message: string }[];
      expect(findings).toHaveLength(1);
      const where = positionOf(dir, 'jobs/clickstream-fanout/job.yaml', 'Dockerfile }');
      expect(`${findings[0]!.file}:${findings[0]!.line}:${findings[0]!.column}`).toBe(where);
      expect(findings[0]!.message).toBe('Dockerfile `Dockerfile` is a symbolic link to a file outside the repository');
    });

    test('deploy.timeout: 600h (past Node’s timer range every deploy would time out at once) is refused above 24h', () => {
      const dir = exampleWith({ 'streampilot.yaml': (t) => `${t.trimEnd()}\ndeploy:\n  timeout: 600h\n` });
      const r = onlyError(dir);
      expect(r.status).toBe(1);
      expect(r.where).toBe(positionOf(dir, 'streampilot.yaml', '600h'));
      expect(r.message).toBe('`deploy.timeout` is longer than the maximum, 24h');
      expect(r.hint).toMatch(/at most 24h/);
    });

    test("an environment's deploy.timeout of 25h is refused at that environment's value; 24h is accepted", () => {
      const dir = exampleWith({
        'streampilot.yaml': replace('    deployOn: merge\n', '    deployOn: merge\n    deploy:\n      timeout: 25h\n'),
      });
      const refused = onlyError(dir);
      expect(refused.status).toBe(1);
      expect(refused.where).toBe(positionOf(dir, 'streampilot.yaml', '25h'));
      expect(refused.message).toBe('`environments.staging.deploy.timeout` is longer than the maximum, 24h');
      const accepted = runCli([
        'check',
        exampleWith({
          'streampilot.yaml': replace(
            '    deployOn: merge\n',
            '    deployOn: merge\n    deploy:\n      timeout: 23h60m\n',
          ),
        }),
        '--no-cache',
      ]);
      expect(accepted.stdout).toContain('No problems found.');
      expect(accepted.status).toBe(0);
    });
  },
);
