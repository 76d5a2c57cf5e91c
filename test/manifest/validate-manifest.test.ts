import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { parseJobManifest } from '../../src/manifest/load-job.js';
import { parseProjectManifest } from '../../src/manifest/load-project.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/spec');
const fixture = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');

/** `line:column-endLine:endColumn message`, the part of a diagnostic a user reads. */
const show = (d: Diagnostic): string => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`;

function jobDiagnostics(name: string, folder = 'orders'): Diagnostic[] {
  return parseJobManifest(fixture(name), `jobs/${folder}/job.yaml`, folder).diagnostics;
}

describe('job.yaml schema errors', () => {
  it('accepts the documented example', () => {
    const result = parseJobManifest(fixture('valid-job.yaml'), 'jobs/orders-enrichment/job.yaml', 'orders-enrichment');
    expect(result.diagnostics).toEqual([]);
    expect(result.spec?.resources?.taskManager?.memory).toBe('4Gi');
  });

  it('reports every error of the file, each at its node, sorted by position', () => {
    const ds = jobDiagnostics('job-errors.yaml');
    expect(ds.map(show)).toEqual([
      '3:7-3:24 `name` must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit; found `Orders_Enrichment`',
      '4:6-4:14 `sql` must be a list; found `main.sql`',
      '5:1-5:11 unknown key `paralelism` in job.yaml — did you mean `parallelism`?',
      '6:14-6:23 `upgradeMode` must be one of stateless, savepoint, last-state; found `savepiont`',
      '7:15-7:19 `flinkVersion` must be a string; found the number `1.2` (written `1.20`)',
      '9:22-9:23 `resources.jobManager.cpu` must be greater than 0; found the number `0`',
      '9:33-9:37 `resources.jobManager.memory` must be a memory size such as 2048m, 2g or 1.5Gi (fractions only with Ki/Mi/Gi/Ti); found `1.5g`',
      '10:18-10:22 unknown key `cpus` in `resources.taskManager` — did you mean `cpu`?',
      '13:34-13:38 `flinkConfiguration["table.exec.mini-batch.enabled"]` must be a string; found the boolean `true`',
      '14:14-14:17 `parallelism` must be a whole number; found the quoted string `"4"`',
      '16:11-16:53 `dependencies.maven[0]` must be a Maven coordinate group:artifact:version, e.g. org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20; found `org.apache.flink:flink-sql-connector-kafka`',
    ]);
    expect(
      ds.every((d) => d.rule === 'manifest/schema' && d.severity === 'error' && d.file === 'jobs/orders/job.yaml'),
    ).toBe(true);
  });

  it('tells how to fix type errors', () => {
    const hints = Object.fromEntries(jobDiagnostics('job-errors.yaml').map((d) => [d.line, d.hint]));
    expect(hints[4]).toBe('write it as a list: [main.sql]');
    expect(hints[6]).toBe('did you mean `savepoint`?');
    expect(hints[7]).toBe('quote it: "1.20" (YAML reads it as a number)');
    expect(hints[13]).toBe('quote it: "true" (Flink configuration values are strings)');
    expect(hints[14]).toBe('remove the quotes: 4');
    expect(hints[5]).toMatch(/^allowed keys here: apiVersion, kind, name, /);
  });

  it('points missing required keys at the mapping, and names malformed keys, duplicates and nested typos', () => {
    const ds = jobDiagnostics('job-missing-required.yaml');
    expect(ds.map(show)).toEqual([
      '1:1-1:31 missing required key `name` in job.yaml',
      '1:1-1:31 missing required key `sql` in job.yaml',
      '7:7-7:60 `dependencies.maven` lists `org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20` more than once',
      '9:3-9:9 invalid key `1topic` in `variables`: it must be a variable name: a letter or _, then letters, digits, _, . or -',
      '12:14-12:21 `environments.production.enabled` must be true or false; found the quoted string `"false"`',
      '13:5-13:15 unknown key `paralelism` in `environments.production` — did you mean `parallelism`?',
    ]);
    expect(ds[1]?.hint).toBe('`sql`: SQL files relative to the job folder, run in order as one script.');
    expect(ds[4]?.hint).toBe('write true or false without quotes');
  });

  it("reports YAML syntax errors at yaml's own position and skips the schema", () => {
    const ds = jobDiagnostics('job-yaml-syntax.yaml');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ rule: 'manifest/yaml', line: 5, column: 1, severity: 'error' });
    expect(ds[0]?.message).toMatch(/^job\.yaml is not valid YAML: Flow sequence/);
  });

  it('refuses duplicate keys, naming the key', () => {
    const ds = jobDiagnostics('job-duplicate-key.yaml');
    expect(ds.map(show)).toEqual(['6:1-6:12 key `parallelism` appears twice in the same mapping in job.yaml']);
    expect(ds[0]?.rule).toBe('manifest/yaml');
  });

  it('says what an empty file should contain', () => {
    const ds = jobDiagnostics('empty.yaml');
    expect(ds.map(show)).toEqual(['1:1-1:1 job.yaml is empty; it must be a mapping']);
    expect(ds[0]?.hint).toContain('kind: FlinkSqlJob');
  });

  it('requires the name to equal the folder', () => {
    const ds = parseJobManifest(fixture('valid-job.yaml'), 'jobs/orders/job.yaml', 'orders').diagnostics;
    expect(ds.map(show)).toEqual([
      "4:7-4:24 `name` is `orders-enrichment` but the job's folder is `orders`; they must be equal",
    ]);
    expect(ds[0]?.rule).toBe('manifest/reference');
  });

  it('limits names to 45 characters so <name>-rest and friends stay valid Kubernetes names', () => {
    const long = 'a'.repeat(46);
    const ds = parseJobManifest(
      `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${long}\nsql: [main.sql]\n`,
      `jobs/${long}/job.yaml`,
      long,
    ).diagnostics;
    expect(ds.map(show)).toEqual([`3:7-3:53 \`name\` must be at most 45 characters; found 46`]);
  });

  it('accepts the memory sizes Flink and the operator accept, and refuses the rest', () => {
    const check = (memory: string): number =>
      parseJobManifest(
        `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: a\nsql: [a.sql]\nresources: { jobManager: { memory: "${memory}" } }\n`,
        'jobs/a/job.yaml',
        'a',
      ).diagnostics.length;
    for (const ok of ['2048m', '2g', '2G', '1024mb', '1073741824', '512 m', '2Gi', '1.5Gi', '512Mi'])
      expect(check(ok), ok).toBe(0);
    for (const bad of ['1.5g', '2 GiB', 'lots', '-1g', '2gigs']) expect(check(bad), bad).toBe(1);
  });
});

describe('streampilot.yaml schema errors', () => {
  it('accepts the documented example', () => {
    const result = parseProjectManifest(fixture('valid-project.yaml'));
    expect(result.diagnostics).toEqual([]);
    expect(Object.keys(result.spec?.environments ?? {})).toEqual(['staging', 'production']);
  });

  it('reports wrong kind, missing keys, bad enums, unknown keys and bad environment names', () => {
    const result = parseProjectManifest(fixture('project-errors.yaml'));
    expect(result.spec).toBeUndefined();
    expect(result.diagnostics.map(show)).toEqual([
      '2:7-2:18 `kind` must be `Project`; found `FlinkSqlJob`',
      '3:1-3:9 missing required key `repository` in `registry`',
      '4:13-4:16 `registry.insecure` must be true or false; found `yes`',
      '7:5-7:13 unknown key `namespce` in `environments.staging` — did you mean `namespace`?',
      '8:15-8:19 `environments.staging.deployOn` must be one of merge, command; found `push`',
      '9:3-9:7 invalid key `Prod` in `environments`: it must be an environment name: lowercase letters, digits, "-" and "_"',
    ]);
    expect(result.diagnostics[2]?.hint).toBe('write true or false: YAML 1.2 reads `yes` as text');
  });

  it('requires at least one environment', () => {
    const result = parseProjectManifest('apiVersion: streampilot.dev/v1\nkind: Project\nenvironments: {}\n');
    expect(result.diagnostics.map(show)).toEqual(['3:1-3:13 `environments` must have at least 1 entry']);
  });

  it('checks that `after` names another environment, with a suggestion', () => {
    const result = parseProjectManifest(
      'apiVersion: streampilot.dev/v1\nkind: Project\nenvironments:\n  staging: {}\n  production:\n    after: stagin\n  qa:\n    after: qa\n',
    );
    expect(result.diagnostics.map(show)).toEqual([
      '6:12-6:18 `after` names an environment that does not exist: `stagin` — did you mean `staging`?',
      '8:12-8:14 environment `qa` cannot come after itself',
    ]);
    expect(result.diagnostics.every((d) => d.rule === 'manifest/reference')).toBe(true);
  });

  it('refuses a promotion cycle once, at the environment that closes it', () => {
    const result = parseProjectManifest(
      'apiVersion: streampilot.dev/v1\nkind: Project\nenvironments:\n  a: { after: c }\n  b: { after: a }\n  c: { after: b }\n',
    );
    expect(result.diagnostics.map(show)).toEqual(['4:15-4:16 promotion order goes round in a circle: a → c → b → a']);
  });

  it('lets environments share settings through anchors and merge keys', () => {
    const text =
      'apiVersion: streampilot.dev/v1\nkind: Project\nenvironments:\n  staging: &env\n    namespace: flink\n    namespce: x\n  production:\n    <<: *env\n    deployOn: command\n';
    const result = parseProjectManifest(text);
    // The typo is reported where it is written, and again where it is merged in (at the environment's key).
    expect(result.diagnostics.map(show)).toEqual([
      '6:5-6:13 unknown key `namespce` in `environments.staging` — did you mean `namespace`?',
      '7:3-7:13 unknown key `namespce` in `environments.production` — did you mean `namespace`?',
    ]);
    const fixed = parseProjectManifest(text.replace('    namespce: x\n', ''));
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.spec?.environments.production).toEqual({ namespace: 'flink', deployOn: 'command' });
  });

  it('reads a file whose every line is wrong without throwing', () => {
    for (const text of [
      '- a\n- b\n',
      '"just a string"',
      ':\n  :\n',
      '\t\tkind: Project',
      'a: &x [*x]\n',
      '\u0000\u0001',
    ]) {
      const result = parseProjectManifest(text);
      expect(result.diagnostics.length, JSON.stringify(text)).toBeGreaterThan(0);
      expect(result.spec).toBeUndefined();
    }
  });
});

describe('a number where Flink expects a duration (issue 13)', () => {
  it('suggests a unit, since Flink reads a bare number as milliseconds', () => {
    const text = [
      'apiVersion: streampilot.dev/v1',
      'kind: FlinkSqlJob',
      'name: orders',
      'sql: [main.sql]',
      'flinkConfiguration:',
      '  execution.checkpointing.interval: 120',
      '  parallelism.default: 4',
    ].join('\n');
    const ds = parseJobManifest(text, 'jobs/orders/job.yaml', 'orders').diagnostics;
    expect(ds.map((d) => d.hint)).toEqual([
      'write it as a duration with a unit, e.g. "120 s" or "120 ms" (Flink reads a bare number as milliseconds, so "120" would mean 120 ms)',
      'quote it: "4" (Flink configuration values are strings)',
    ]);
  });
});
