import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../support/run-cli.js';

const cacheHome = mkdtempSync(path.join(tmpdir(), 'streampilot-cli-'));
afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli(args, { cacheHome });

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
}

describe('streampilot check on the bundled example repository', () => {
  const run = cli('check', 'examples/acme-flink-jobs');

  it('prints exactly its golden text: the plan per environment and the verdict (regenerate deliberately with `vitest run -u`)', async () => {
    await expect(run.stdout).toMatchFileSnapshot('./golden/check-example.txt');
  });

  it('exits 0 and reports no problems', () => {
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('No problems found.');
    expect(run.status).toBe(0);
  });

  it('prints the plan per environment with every job, its mode, parallelism and what is applied', () => {
    const staging = run.stdout.slice(
      run.stdout.indexOf('Environment staging'),
      run.stdout.indexOf('Environment production'),
    );
    const production = run.stdout.slice(run.stdout.indexOf('Environment production'));
    expect(staging).toMatch(/namespace flink-staging.*deploys on merge/);
    expect(production).toMatch(/deploys on `\/deploy production`, after staging/);
    expect(staging).toMatch(
      /orders-enrichment\s+application\s+4\s+savepoint\s+FlinkDeployment flink-staging\/orders-enrichment\s+ghcr\.io\/acme\/flink-jobs:orders-enrichment-[0-9a-f]{16}/,
    );
    // production overrides parallelism in job.yaml
    expect(production).toMatch(/orders-enrichment\s+application\s+8\s+savepoint/);
    expect(production).toMatch(/orders-revenue-per-minute\s+application\s+6\s+/);
    expect(staging).toMatch(
      /payment-fraud-alerts\s+session\s+1\s+stateless\s+FlinkSessionJob flink-staging\/payment-fraud-alerts/,
    );
    expect(staging).toMatch(/clickstream-fanout\s+application\s+2\s+last-state/);
  });

  it('gives a job the same image tag in every environment: its variables are filled in when the runner starts', () => {
    const tags = [...run.stdout.matchAll(/ghcr\.io\/acme\/flink-jobs:(orders-enrichment-[0-9a-f]{16})/g)].map(
      (m) => m[1],
    );
    expect(tags).toHaveLength(2);
    // production has another kafka_bootstrap, but the image holds the script with its placeholders
    expect(tags[0]).toBe(tags[1]);
  });

  it('--plan-json writes the plan: every environment, each job with the object it would apply', () => {
    const file = path.join(cacheHome, 'plan.json');
    const run = cli('check', 'examples/acme-flink-jobs', '--plan-json', file);
    expect(run.status).toBe(0);
    const plan = JSON.parse(readFileSync(file, 'utf8')) as {
      environments: {
        name: string;
        jobs: { name: string; object: { kind: string; metadata: { namespace: string } } }[];
      }[];
    };
    expect(plan.environments.map((e) => e.name)).toEqual(['staging', 'production']);
    const prod = plan.environments[1]!.jobs.find((j) => j.name === 'orders-enrichment')!;
    expect(prod.object).toMatchObject({ kind: 'FlinkDeployment', metadata: { namespace: 'flink-prod' } });
    const bad = cli(
      'check',
      'examples/acme-flink-jobs',
      '--plan-json',
      path.join(cacheHome, 'no', 'such', 'dir', 'plan.json'),
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/cannot write the plan/);
  });

  it('--format json prints an empty array and nothing else on stdout', () => {
    const json = cli('check', 'examples/acme-flink-jobs', '--format', 'json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });
});

describe('streampilot check on the broken example', () => {
  const run = cli('check', 'examples/broken', '--format', 'json');
  const found = (): JsonDiagnostic[] => JSON.parse(run.stdout) as JsonDiagnostic[];

  it('exits 1', () => {
    expect(run.status).toBe(1);
  });

  // Every planted problem, at the line and column where it stands in the file.
  const planted: [file: string, line: number, column: number, rule: string, message: RegExp][] = [
    ['jobs/bad-manifest/job.yaml', 5, 1, 'manifest/schema', /unknown key `paralelism`.*did you mean `parallelism`/],
    ['jobs/bad-manifest/job.yaml', 6, 14, 'manifest/schema', /stateless, savepoint, last-state.*savepiont/],
    ['jobs/syntax-errors/main.sql', 5, 1, 'syntax', /expected a column definition after `,`, found `\)`/],
    ['jobs/syntax-errors/main.sql', 9, 68, 'syntax', /"blackhole"/],
    ['jobs/table-problems/main.sql', 3, 14, 'sql/duplicate-table', /`events` is already created/],
    ['jobs/table-problems/main.sql', 5, 101, 'sql/unresolved-variable', /\$\{prefix\}/],
    ['jobs/table-problems/main.sql', 7, 1, 'sql/drop-statement', /DROP TABLE `old_events`/],
    ['jobs/table-problems/main.sql', 9, 31, 'sql/insert-column-count', /3 columns.*2 writable columns/],
    ['jobs/table-problems/main.sql', 11, 45, 'sql/unknown-table', /`event_log`/],
    [
      'jobs/connector-problems/main.sql',
      2,
      3,
      'sql/connector-options',
      /missing required option 'properties\.bootstrap\.servers'/,
    ],
    [
      'jobs/connector-problems/main.sql',
      5,
      3,
      'sql/connector-options',
      /'scan\.startup\.mod'.*did you mean 'scan\.startup\.mode'/,
    ],
    ['jobs/connector-problems/main.sql', 2, 17, 'sql/connector-dependency', /flink-sql-connector-kafka/],
    ['jobs/connector-problems/main.sql', 13, 16, 'sql/plaintext-secret', /'password'/],
    [
      'jobs/connector-problems/main.sql',
      16,
      58,
      'sql/connector-options',
      /unknown connector 'kafak'; did you mean 'kafka'/,
    ],
    ['jobs/does-nothing/main.sql', 1, 1, 'sql/no-sink', /never writes anywhere/],
    ['jobs/bad-yaml/job.yaml', 5, 1, 'manifest/yaml', /not valid YAML/],
    ['jobs/bad-references/job.yaml', 4, 17, 'manifest/reference', /`views\.sql` does not exist/],
    ['jobs/bad-references/job.yaml', 6, 3, 'manifest/reference', /environment `production` is not defined/],
    // A job with no resources now gets the operator's default sizes, so a missing memory no longer shows.
    ['jobs/render-problems/job.yaml', 7, 3, 'render', /runner argument "\{\{scrpt\}\}" uses \{\{scrpt\}\}/],
  ];

  it.each(planted)('reports %s:%i:%i (%s)', (file, line, column, rule, message) => {
    const match = found().find((d) => d.file === file && d.line === line && d.column === column && d.rule === rule);
    expect(match, `no ${rule} at ${file}:${line}:${column}; got:\n${run.stdout}`).toBeDefined();
    expect(match!.message).toMatch(message);
    expect(match!.severity).toBe('error');
    expect(match!.endLine * 10_000 + match!.endColumn).toBeGreaterThan(line * 10_000 + column);
  });

  const plantedWarnings: [file: string, line: number, column: number, rule: string, message: RegExp][] = [
    ['jobs/runner-hints/main.sql', 4, 54, 'sql/runner-compatibility', /deletes \/\*\+ … \*\/ hints/],
    ['jobs/not-a-job/draft.sql', 1, 1, 'manifest/missing', /jobs\/not-a-job has no job\.yaml/],
  ];

  it.each(plantedWarnings)('warns at %s:%i:%i (%s)', (file, line, column, rule, message) => {
    const match = found().find((d) => d.file === file && d.line === line && d.column === column && d.rule === rule);
    expect(match, `no ${rule} at ${file}:${line}:${column}; got:\n${run.stdout}`).toBeDefined();
    expect(match!.message).toMatch(message);
    expect(match!.severity).toBe('warning');
  });

  it('every rule family the README lists has a finding in it', () => {
    const families = new Set(found().map((d) => d.rule));
    for (const rule of [
      'syntax',
      'sql/unresolved-variable',
      'sql/unknown-table',
      'sql/insert-column-count',
      'sql/connector-options',
      'sql/no-sink',
      'sql/plaintext-secret',
      'sql/connector-dependency',
      'sql/duplicate-table',
      'sql/drop-statement',
      'sql/runner-compatibility',
      'sql/multiple-inserts',
      'manifest/yaml',
      'manifest/schema',
      'manifest/reference',
      'manifest/missing',
      'render',
    ])
      expect(families, rule).toContain(rule);
  });

  it('the plan lists the jobs it could not plan, with why, instead of leaving them out', () => {
    const text = cli('check', 'examples/broken').stdout;
    expect(text).toMatch(/^ {2}bad-yaml +- +- +- +nothing \(its job\.yaml has errors\)/m);
    expect(text).toMatch(/^ {2}render-problems +- +- +- +nothing \(it cannot be planned for `staging`\)/m);
  });

  it('a CREATE TABLE with a syntax error is one problem: its table is not reported missing where used', () => {
    const inBrokenFile = found().filter((d) => d.file === 'jobs/syntax-errors/main.sql');
    expect(inBrokenFile.map((d) => d.rule)).toEqual(['syntax', 'syntax']);
  });

  it('text output shows each finding with a code frame and a caret under the columns', () => {
    const text = cli('check', 'examples/broken');
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(
      [
        "jobs/connector-problems/main.sql:5:3  error  unknown kafka option 'scan.startup.mod'; did you mean 'scan.startup.mode'?  sql/connector-options",
        "  5 |   'scan.startup.mod' = 'earliest-offset'",
        '    |   ^^^^^^^^^^^^^^^^^^',
      ].join('\n'),
    );
    expect(text.stdout).toMatch(/\d+ errors, \d+ warnings?\.\n?$/);
  });

  it('--format github prints workflow commands GitHub turns into annotations', () => {
    const gh = cli('check', 'examples/broken', '--format', 'github');
    expect(gh.status).toBe(1);
    expect(gh.stdout).toMatch(
      /^::error file=jobs\/does-nothing\/main\.sql,line=1,col=1,endLine=\d+,endColumn=\d+,title=StreamPilot sql\/no-sink::this job never writes anywhere/m,
    );
    for (const line of gh.stdout
      .trim()
      .split('\n')
      .filter((l) => !/^(No problems|\d+ error)/.test(l)))
      expect(line).toMatch(/^::(error|warning|notice) file=/);
  });
});

describe('streampilot render', () => {
  it('prints the FlinkDeployment with the environment merged in', () => {
    const run = cli(
      'render',
      'orders-enrichment',
      '--env',
      'production',
      '--dir',
      'examples/acme-flink-jobs',
      '--git-sha',
      'abc123',
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // Everything a deploy applies, in order: the job's runtime values ConfigMap, then the FlinkDeployment.
    const objects = parseAllDocuments(run.stdout).map((d) => d.toJS()) as {
      kind: string;
      metadata: { namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
      spec: { job: { parallelism: number; upgradeMode: string }; flinkVersion: string };
    }[];
    expect(objects.map((o) => o.kind)).toEqual(['ConfigMap', 'FlinkDeployment']);
    const object = objects[1]!;
    expect(object.metadata.namespace).toBe('flink-prod');
    expect(object.metadata.labels['app.kubernetes.io/managed-by']).toBe('streampilot');
    expect(object.metadata.annotations['streampilot.dev/git-sha']).toBe('abc123');
    expect(object.spec.job.parallelism).toBe(8);
    expect(object.spec.flinkVersion).toBe('v1_20');
  });

  it('a build: configmap job prints its SQL ConfigMap first, then the FlinkDeployment that mounts it: all a deploy applies', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-render-cm-'));
    try {
      mkdirSync(path.join(dir, 'jobs', 'lookups'), { recursive: true });
      writeFileSync(
        path.join(dir, 'streampilot.yaml'),
        'apiVersion: streampilot.dev/v1\nkind: Project\nenvironments:\n  staging: { namespace: flink-staging }\n',
      );
      writeFileSync(
        path.join(dir, 'jobs', 'lookups', 'job.yaml'),
        // stateless: datagen → blackhole keeps no state, and a stateful mode needs checkpoint directories.
        'apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: lookups\nsql: [main.sql]\nbuild: configmap\nbaseImage: ghcr.io/acme/flink-runner:1.20\nupgradeMode: stateless\n',
      );
      writeFileSync(
        path.join(dir, 'jobs', 'lookups', 'main.sql'),
        "CREATE TABLE s (id STRING) WITH ('connector' = 'datagen');\nCREATE TABLE k (id STRING) WITH ('connector' = 'blackhole');\nINSERT INTO k SELECT id FROM s;\n",
      );
      const run = cli('render', 'lookups', '--env', 'staging', '--dir', dir);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const [configMap, deployment] = parseAllDocuments(run.stdout).map((d) => d.toJS()) as [
        { kind: string; metadata: { name: string }; data: Record<string, string> },
        {
          kind: string;
          spec: { image: string; podTemplate: { spec: { volumes: { configMap: { name: string } }[] } } };
        },
      ];
      expect(configMap.kind).toBe('ConfigMap');
      expect(Object.values(configMap.data)[0]).toContain('INSERT INTO');
      expect(deployment.kind).toBe('FlinkDeployment');
      expect(deployment.spec.image).toBe('ghcr.io/acme/flink-runner:1.20');
      expect(deployment.spec.podTemplate.spec.volumes.map((v) => v.configMap?.name)).toContain(configMap.metadata.name);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the environments when the one asked for does not exist (exit 2)', () => {
    const run = cli('render', 'orders-enrichment', '--env', 'prod', '--dir', 'examples/acme-flink-jobs');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no environment `prod`.*did you mean `production`/);
  });

  it('names the jobs when the one asked for does not exist (exit 2)', () => {
    const run = cli('render', 'orders-enrichmnt', '--env', 'staging', '--dir', 'examples/acme-flink-jobs');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no job `orders-enrichmnt`.*did you mean `orders-enrichment`/);
  });
});

describe('usage', () => {
  it.each(['check', 'validate', 'render'])('`%s --help` explains the command and exits 0', (command) => {
    const run = cli(command, '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Usage: streampilot ${command}`);
    expect(run.stdout).toMatch(/Exit codes/);
  });

  it('an unknown command exits 2 and lists the commands', () => {
    const run = cli('deploy-everything');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /unknown command `deploy-everything`.*\n.*check, validate, render, build, deploy, status, savepoint, rollback, restart, suspend and resume/,
    );
  });

  it('an unknown flag exits 2 and points at --help', () => {
    const run = cli('check', '--frmat', 'json');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--frmat/);
    expect(run.stderr).toMatch(/streampilot check --help/);
  });

  it('a folder without streampilot.yaml is a configuration problem, said plainly', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'streampilot-empty-'));
    try {
      const run = cli('check', empty);
      expect(run.status).not.toBe(0);
      expect(run.stdout + run.stderr).toMatch(/streampilot\.yaml/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
