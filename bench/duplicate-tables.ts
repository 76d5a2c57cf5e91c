// Issue 10, finding 6: one job of ~700 KB of SQL that creates the same table 9,000 times took
// `check` 8.9 s with one environment and over 30 s with five (the duplicate-table rule counted
// lines from the start of the file for every finding, and every environment re-ran the rules on
// the same SQL). Measured against a baseline in the same run: the same statements with distinct
// table names, which no rule reports. Each figure is one fresh child process (measure-check.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Measured } from './measure-check.js';

const STATEMENTS = 9000;
const ENVIRONMENT_NAMES = ['staging', 'production', 'dev', 'qa', 'perf'];

export interface DuplicateTableFigures {
  kb: number;
  baseline1: Measured;
  duplicates1: Measured;
  duplicates5: Measured;
  /** Five environments whose variables change the SQL: five parses and five rule runs are due. */
  duplicates5Varying: Measured;
}

function writeRepository(
  root: string,
  environments: number,
  tableName: (i: number) => string,
  varying: boolean,
): number {
  mkdirSync(path.join(root, 'jobs', 'stress'), { recursive: true });
  const envs = ENVIRONMENT_NAMES.slice(0, environments)
    .map(
      (name) => `  ${name}:\n    namespace: flink-${name}\n    deployOn: command\n    variables:\n      env: ${name}\n`,
    )
    .join('');
  writeFileSync(
    path.join(root, 'streampilot.yaml'),
    `apiVersion: streampilot.dev/v1\nkind: Project\ndefaults:\n  flinkVersion: "1.20"\n  namespace: flink\nenvironments:\n${envs}`,
  );
  writeFileSync(
    path.join(root, 'jobs', 'stress', 'job.yaml'),
    'apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: stress\nsql: [main.sql]\n',
  );
  const rows = ["CREATE TABLE dim (x INT) WITH ('connector' = 'datagen');\n"];
  for (let i = 0; i < STATEMENTS; i++)
    rows.push(`CREATE TABLE ${tableName(i)} (x INT, s STRING) WITH ('connector' = 'datagen');\n`);
  // A variable in a comment changes the parsed text per environment and nothing else.
  if (varying) rows.push('-- deployed to ${env}\n');
  rows.push("CREATE TABLE sink (x INT) WITH ('connector' = 'blackhole');\n");
  rows.push('INSERT INTO sink SELECT x FROM dim;\n');
  const sql = rows.join('');
  writeFileSync(path.join(root, 'jobs', 'stress', 'main.sql'), sql);
  return sql.length;
}

export function measureDuplicateTables(
  work: string,
  measureCheck: (repo: string, cacheDir: string) => Measured,
): DuplicateTableFigures {
  const distinct = (i: number) => `t${String(i).padStart(4, '0')}`;
  const same = () => 'tdup';
  const kb = writeRepository(path.join(work, 'dup-baseline-1'), 1, distinct, false) / 1024;
  writeRepository(path.join(work, 'dup-1'), 1, same, false);
  writeRepository(path.join(work, 'dup-5'), 5, same, false);
  writeRepository(path.join(work, 'dup-5-varying'), 5, same, true);
  return {
    kb,
    baseline1: measureCheck(path.join(work, 'dup-baseline-1'), '-'),
    duplicates1: measureCheck(path.join(work, 'dup-1'), '-'),
    duplicates5: measureCheck(path.join(work, 'dup-5'), '-'),
    duplicates5Varying: measureCheck(path.join(work, 'dup-5-varying'), '-'),
  };
}

export function duplicateTableRows(f: DuplicateTableFigures): [string, string, string][] {
  const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const cpu = (m: Measured) => `${fmt(m.cpuMs)} ms CPU (${fmt(m.ms)} ms wall, ${fmt(m.rssMb)} MB)`;
  return [
    ['measure', 'figure', 'target'],
    [`baseline: ${STATEMENTS} distinct tables, ${fmt(f.kb)} KB, 1 environment`, cpu(f.baseline1), ''],
    [`${STATEMENTS} definitions of one table, 1 environment`, cpu(f.duplicates1), '< 3,000 ms'],
    ['  / baseline', `${fmt(f.duplicates1.cpuMs / f.baseline1.cpuMs, 2)}x`, '<= 2x'],
    ['  same SQL, 5 environments', cpu(f.duplicates5), ''],
    [
      '  5 environments / 1 (SQL shared: analysed once)',
      `${fmt(f.duplicates5.cpuMs / f.duplicates1.cpuMs, 2)}x`,
      '<= 1.5x',
    ],
    ['  SQL differing per environment, 5 environments', cpu(f.duplicates5Varying), ''],
    [
      '  5 environments / 1 (five analyses due)',
      `${fmt(f.duplicates5Varying.cpuMs / f.duplicates1.cpuMs, 2)}x`,
      '<= 5x',
    ],
    ['  findings', `${f.duplicates1.errors} errors`, `${STATEMENTS - 1} (one per redefinition)`],
  ];
}
