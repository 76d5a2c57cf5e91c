import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const cacheHome = mkdtempSync(path.join(tmpdir(), 'streampilot-broken-sql-'));
afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

describe('streampilot check on examples/broken/jobs/sql-mistakes', () => {
  const run = runCli(['check', 'examples/broken', '--format', 'json'], { cacheHome });
  const found = (): JsonDiagnostic[] =>
    (JSON.parse(run.stdout) as JsonDiagnostic[]).filter((d) => d.file.startsWith('jobs/sql-mistakes/'));

  const planted: [file: string, line: number, column: number, severity: string, rule: string, message: RegExp][] = [
    ['job.yaml', 9, 7, 'warning', 'manifest/dependency-jar', /flink-sql-connector-elasticsearch7/],
    ['job.yaml', 10, 7, 'warning', 'manifest/dependency-jar', /file system, which Flink loads only as a plugin/],
    ['main.sql', 2, 17, 'error', 'syntax', /a comma is likely missing after `order_id`/],
    [
      'tables.sql',
      9,
      3,
      'error',
      'sql/connector-options',
      /mysql-cdc .* missing required options 'password', 'database-name'/,
    ],
    [
      'tables.sql',
      13,
      25,
      'error',
      'sql/connector-options',
      /'earliest' is not a value.*did you mean 'earliest-offset'/,
    ],
    ['tables.sql', 16, 14, 'error', 'sql/connector-options', /upsert-kafka table `enriched` has no PRIMARY KEY/],
    ['tables.sql', 21, 14, 'error', 'sql/unresolved-variable', /did you mean `\$\{enriched_topic\}`/],
    ['tables.sql', 22, 37, 'error', 'sql/unresolved-variable', /`\$\{ kafka_bootstrap \}` has blanks/],
  ];

  it.each(planted)('reports %s:%i:%i (%s %s)', (file, line, column, severity, rule, message) => {
    const match = found().find(
      (d) => d.file === `jobs/sql-mistakes/${file}` && d.line === line && d.column === column && d.rule === rule,
    );
    expect(match, `no ${rule} at ${file}:${line}:${column}; got:\n${run.stdout}`).toBeDefined();
    expect(match!.message).toMatch(message);
    expect(match!.severity).toBe(severity);
  });

  it('and nothing else: not the ${name} in a comment, not the DROP TEMPORARY', () => {
    expect(found()).toHaveLength(planted.length);
  });
});
