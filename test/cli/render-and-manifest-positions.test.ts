// Issue 13: render-stage findings point at the key to change (in the layer that set it), a job folder
// without job.yaml is reported at a file that exists, `render` says when a job is disabled and behaves
// as its --help says, and an environment with `after:` deploys on command unless it says otherwise.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../support/run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'streampilot-positions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli(args, { cacheHome: path.join(work, 'cache') });

const SQL =
  "CREATE TABLE s (id STRING) WITH ('connector' = 'datagen');\n" +
  "CREATE TABLE k (id STRING) WITH ('connector' = 'blackhole');\nINSERT INTO k SELECT id FROM s;\n";

/** A repository from file texts (paths relative to its root). */
function repository(name: string, files: Record<string, string>): string {
  const root = path.join(work, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const PROJECT = (extra = '', environments = '  staging: { namespace: flink-staging }\n') =>
  `apiVersion: streampilot.dev/v1\nkind: Project\n${extra}environments:\n${environments}`;
// Stateless: the operator wants checkpoint and savepoint directories for the other upgrade modes.
const JOB = (name: string, extra = '') =>
  `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${name}\nsql: [main.sql]\nupgradeMode: stateless\n${extra}`;
/** A runner of the team's own whose arguments misspell a placeholder: a settings error only rendering finds. */
const BAD_RUNNER = "runner:\n  jarURI: local:///opt/flink/usrlib/team-runner.jar\n  args: ['{{scrpt}}']\n";

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}
const findings = (root: string): JsonDiagnostic[] =>
  JSON.parse(cli('check', root, '--format', 'json', '--no-cache').stdout) as JsonDiagnostic[];

describe('render-stage findings point at the offending key, in the file and layer that set it', () => {
  it('a misspelt runner placeholder in streampilot.yaml defaults: at defaults.runner.args, not at the job name', () => {
    const root = repository('runner-args-in-defaults', {
      'streampilot.yaml': PROJECT(`defaults:\n${BAD_RUNNER.replace(/^/gm, '  ').trimEnd()}\n`),
      'jobs/orders/job.yaml': JOB('orders'),
      'jobs/orders/main.sql': SQL,
    });
    const render = findings(root).filter((d) => d.rule === 'render');
    expect(render).toEqual([
      expect.objectContaining({
        file: 'streampilot.yaml',
        line: 6,
        column: 5,
        message: expect.stringMatching(/\{\{scrpt\}\}, which is not a placeholder/),
      }),
    ]);
  });

  it('kubernetes.namespace set in the job’s environment override: at that key of job.yaml', () => {
    const root = repository('forbidden-key', {
      'streampilot.yaml': PROJECT(),
      'jobs/orders/job.yaml': JOB(
        'orders',
        'environments:\n  staging:\n    flinkConfiguration:\n      kubernetes.namespace: other\n',
      ),
      'jobs/orders/main.sql': SQL,
    });
    // The operator's own rule reports it (the renderer's refusal would say it again, unpositioned).
    const render = findings(root).filter((d) => d.rule === 'operator/forbidden-config-key');
    expect(render).toEqual([
      expect.objectContaining({
        file: 'jobs/orders/job.yaml',
        line: 9,
        column: 7,
        message: expect.stringMatching(/kubernetes\.namespace/),
      }),
    ]);
  });

  it('cpu with memory renders: no render finding', () => {
    const root = repository('cpu-and-memory', {
      'streampilot.yaml': PROJECT('defaults:\n  resources:\n    jobManager: { cpu: 1, memory: 2048m }\n'),
      'jobs/orders/job.yaml': JOB('orders'),
      'jobs/orders/main.sql': SQL,
    });
    expect(findings(root)).toEqual([]);
  });
});

describe('a folder under jobs/ without job.yaml', () => {
  it('is reported at a file of that folder that exists, so GitHub can attach the annotation', () => {
    const root = repository('folder-without-manifest', {
      'streampilot.yaml': PROJECT(),
      'jobs/orders/job.yaml': JOB('orders'),
      'jobs/orders/main.sql': SQL,
      'jobs/new-job/notes/README.md': 'not yet a job\n',
      'jobs/new-job/draft.sql': SQL,
    });
    const r = cli('check', root, '--format', 'github', '--no-cache');
    const line = r.stdout.split('\n').find((l) => l.includes('has no job.yaml'));
    expect(line).toMatch(/^::warning file=jobs\/new-job\/draft\.sql,line=1,/);
    expect(existsSync(path.join(root, 'jobs/new-job/draft.sql'))).toBe(true);
  });

  it('a folder with a job.yaml gets no such warning', () => {
    const root = repository('folder-with-manifest', {
      'streampilot.yaml': PROJECT(),
      'jobs/orders/job.yaml': JOB('orders'),
      'jobs/orders/main.sql': SQL,
    });
    expect(cli('check', root, '--format', 'github', '--no-cache').stdout).not.toContain('has no job.yaml');
  });
});

describe('render', () => {
  const root = repository('render', {
    'streampilot.yaml': PROJECT(
      '',
      '  staging: { namespace: flink-staging }\n  production: { namespace: flink-prod }\n',
    ),
    'jobs/orders/job.yaml': JOB('orders', 'environments:\n  production: { enabled: false }\n'),
    'jobs/orders/main.sql': SQL,
    'jobs/broken-sql/job.yaml': JOB('broken-sql'),
    'jobs/broken-sql/main.sql': 'INSERT INTO nowhere SELECT 1;\n',
    'jobs/bad-resources/job.yaml': JOB('bad-resources', BAD_RUNNER),
    'jobs/bad-resources/main.sql': SQL,
  });

  it('a job disabled in the environment: the YAML starts with a comment saying deploy does not apply it', () => {
    const r = cli('render', 'orders', '--env', 'production', '--dir', root);
    expect(r.stdout.split('\n')[0]).toMatch(/^# orders is disabled in production .*deploy does not apply this\.$/);
    expect(r.stderr).toContain('note: orders is disabled in production');
    expect((parseYaml(r.stdout) as { kind: string }).kind).toBe('FlinkDeployment');
    expect(r.status).toBe(0);
  });

  it('the same job where it is enabled: no such note', () => {
    const r = cli('render', 'orders', '--env', 'staging', '--dir', root);
    expect(r.stdout).not.toContain('disabled');
    expect(r.stdout.startsWith('apiVersion:')).toBe(true);
    expect(r.status).toBe(0);
  });

  it('--help says what exit 1 prints, and it does: YAML for SQL errors, none for a settings error', () => {
    const help = cli('render', '--help').stdout;
    expect(help).toMatch(/with errors in its SQL the YAML is still\s+printed/);
    expect(help).toMatch(/with errors in its settings or manifest\s+there is nothing to print/);

    const sqlErrors = cli('render', 'broken-sql', '--env', 'staging', '--dir', root);
    expect(sqlErrors.status).toBe(1);
    expect((parseYaml(sqlErrors.stdout) as { kind: string }).kind).toBe('FlinkDeployment');

    const settingsError = cli('render', 'bad-resources', '--env', 'staging', '--dir', root);
    expect(settingsError.status).toBe(1);
    expect(settingsError.stdout).toBe('');
    expect(settingsError.stderr).toMatch(
      /jobs\/bad-resources\/job\.yaml:8:\d+ .*\{\{scrpt\}\}, which is not a placeholder/,
    );
  });
});

describe('deployOn defaults', () => {
  const plan = (environments: string) => {
    const root = repository(`deploy-on-${Math.random().toString(36).slice(2)}`, {
      'streampilot.yaml': PROJECT('', environments),
      'jobs/orders/job.yaml': JOB('orders'),
      'jobs/orders/main.sql': SQL,
    });
    return cli('check', root, '--no-cache').stdout;
  };

  it('an environment with `after:` and no deployOn deploys on command; one without `after:` on merge', () => {
    const out = plan('  staging: { namespace: s }\n  production: { namespace: p, after: staging }\n');
    expect(out).toMatch(/Environment staging.*deploys on merge/);
    expect(out).toMatch(/Environment production.*deploys on `\/deploy production`, after staging/);
  });

  it('an explicit deployOn: merge with `after:` is kept', () => {
    const out = plan('  staging: { namespace: s }\n  production: { namespace: p, after: staging, deployOn: merge }\n');
    expect(out).toMatch(/Environment production.*deploys on merge, after staging/);
  });
});
