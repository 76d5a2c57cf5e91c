// Issue 13, positions: a UTF-8 byte-order mark does not shift line 1's columns (SQL and YAML), code
// frames put the caret under the finding on lines with East Asian wide characters, and JSON columns
// are UTF-16 code units, as the README documents.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'streampilot-positions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli(args, { cacheHome: path.join(work, 'cache') });

const BOM = '\ufeff';
const SQL_LINE_1 = "CREATE TABLE t (a INT) WITH ('connector' = 'datagenx');\n";
const SQL = SQL_LINE_1 + 'INSERT INTO t SELECT 1;\n';

function write(file: string, text: string): string {
  const at = path.join(work, file);
  mkdirSync(path.dirname(at), { recursive: true });
  writeFileSync(at, text);
  return at;
}

interface JsonDiagnostic {
  line: number;
  column: number;
  endColumn: number;
  rule: string;
  file: string;
}
const json = (...args: string[]) => JSON.parse(cli(...args, '--format', 'json').stdout) as JsonDiagnostic[];
const at = (ds: JsonDiagnostic[]) => ds.map((d) => `${d.file}:${d.line}:${d.column}-${d.endColumn} ${d.rule}`);

describe('a UTF-8 byte-order mark', () => {
  it('validate: the finding on line 1 has the columns of the same file without the mark', () => {
    const withBom = json('validate', write('bom/with.sql', BOM + SQL));
    const without = json('validate', write('bom/without.sql', SQL));
    expect(withBom.map((d) => [d.line, d.column, d.endColumn])).toEqual([[1, 44, 54]]);
    expect(withBom.map((d) => [d.line, d.column, d.endColumn])).toEqual(
      without.map((d) => [d.line, d.column, d.endColumn]),
    );
  });

  it('validate text: the caret of line 1 sits under the connector name, with or without the mark', () => {
    const frame = (file: string) => cli('validate', file).stdout.split('\n').slice(1, 3);
    const [line, caret] = frame(write('bom/frame.sql', BOM + SQL));
    expect(line).toBe(`  1 | ${SQL_LINE_1.trimEnd()}`);
    expect(caret!.indexOf('^') - '  1 | '.length).toBe(SQL_LINE_1.indexOf("'datagenx'"));
    expect(frame(write('bom/frame-plain.sql', SQL))).toEqual([line, caret]);
  });

  it('check: streampilot.yaml and job.yaml with the mark report line 1 at the columns they would have without it', () => {
    const repo = (name: string, bom: string) => {
      write(
        `${name}/streampilot.yaml`,
        `${bom}apiVersoin: streampilot.dev/v1\nkind: Project\nenvironments:\n  s: {}\n`,
      );
      write(
        `${name}/jobs/j/job.yaml`,
        `${bom}kindd: FlinkSqlJob\napiVersion: streampilot.dev/v1\nname: j\nsql: [main.sql]\n`,
      );
      write(`${name}/jobs/j/main.sql`, bom + SQL);
      return path.join(work, name);
    };
    const withBom = at(json('check', repo('repo-bom', BOM), '--no-cache'));
    const without = at(json('check', repo('repo-plain', ''), '--no-cache'));
    expect(withBom).toContain('streampilot.yaml:1:1-11 manifest/schema');
    expect(withBom).toContain('jobs/j/job.yaml:1:1-6 manifest/schema');
    expect(withBom).toEqual(without);
  });
});

describe('code frames on lines with East Asian wide characters', () => {
  it('the caret starts under the finding and is as wide as it: two cells per CJK character', () => {
    const line2 = "CREATE TABLE 订单表 (a INT) WITH ('connector' = 'datagenx');";
    const file = write('cjk/orders.sql', `-- 订单表：来自 Kafka\n${line2}\nINSERT INTO 订单表 SELECT 1;\n`);
    const out = cli('validate', file).stdout.split('\n');
    const source = out.findIndex((l) => l.startsWith('  2 | '));
    const caret = out[source + 1]!;
    const cellsBefore = line2.indexOf("'datagenx'") + 3; // three ideographs, one cell more each
    expect(caret.indexOf('^') - '  2 | '.length).toBe(cellsBefore);
    expect(caret.trim().replace(/^\|\s*/, '')).toBe('^'.repeat("'datagenx'".length));
  });

  it('a frame under a CJK identifier is two cells per character wide', () => {
    const file = write('cjk/unknown.sql', 'INSERT INTO 结果 SELECT 1;\n');
    const out = cli('validate', file, '--whole-job').stdout.split('\n');
    const caret = out[out.findIndex((l) => l.startsWith('  1 | ')) + 1]!;
    expect(caret).toBe(`    | ${' '.repeat('INSERT INTO '.length)}^^^^`);
  });

  it('JSON columns count UTF-16 code units: each CJK character before the finding counts one, not two cells', () => {
    const [d] = json(
      'validate',
      write(
        'cjk/json.sql',
        "CREATE TABLE 订单表 (a INT) WITH ('connector' = 'datagenx');\nINSERT INTO 订单表 SELECT 1;\n",
      ),
    );
    expect([d!.line, d!.column]).toEqual([1, "CREATE TABLE 订单表 (a INT) WITH ('connector' = ".length + 1]);
  });
});
