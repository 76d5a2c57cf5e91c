import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { runnerCompatibility } from '../../src/rules/runner-compatibility.js';
import { at, context, job } from './fixtures.js';

// What the operator's flink-sql-runner-example reads differently (its reader is reproduced in test/support/naive-sql-runner.ts).
describe('sql/runner-compatibility', () => {
  test('a table hint is reported where it stands: the runner deletes it as a comment', () => {
    const sql = `CREATE TABLE k (a STRING) WITH ('connector' = 'datagen');
CREATE TABLE s (a STRING) WITH ('connector' = 'blackhole');
INSERT INTO s SELECT a FROM k /*+ OPTIONS('rows-per-second' = '5') */;
`;
    const ds = runRules(context(sql), [runnerCompatibility]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: 'warning', ...at(sql, 'OPTIONS(') });
    expect(ds[0]!.message).toMatch(/hints as comments/);
  });

  test('comment markers in an option value are reported; the same text in a query literal is not (it is split safely)', () => {
    const sql = `CREATE TABLE k (a STRING) WITH ('connector' = 'datagen', 'fields.a.kind' = 'random--x');
CREATE TABLE s (a STRING) WITH ('connector' = 'blackhole');
INSERT INTO s SELECT a FROM k WHERE a <> 'random--x';
`;
    const ds = runRules(context(sql), [runnerCompatibility]);
    expect(ds.map((d) => [d.line, d.column])).toEqual([[1, at(sql, "'random--x'").column]]);
  });

  test('EXPLAIN of a statement set is an error; a plain EXECUTE STATEMENT SET is fine', () => {
    const sql = `CREATE TABLE k (a STRING) WITH ('connector' = 'datagen');
CREATE TABLE s (a STRING) WITH ('connector' = 'blackhole');
EXPLAIN STATEMENT SET BEGIN INSERT INTO s SELECT a FROM k; END;
EXECUTE STATEMENT SET BEGIN INSERT INTO s SELECT a FROM k; END;
`;
    const ds = runRules(context(sql), [runnerCompatibility]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: 'error', line: 3, column: 1 });
  });

  test('a SET value with a quote is reported; an ordinary SET is not', () => {
    const sql = "SET 'pipeline.name' = 'orders';\nSET 'pipeline.name' = 'it''s';\n";
    const ds = runRules(context(sql), [runnerCompatibility]);
    expect(ds.map((d) => d.line)).toEqual([2]);
  });

  test("says nothing for a job on StreamPilot's runner, which reads framed statements; warns for a team's own runner", () => {
    const sql = `CREATE TABLE k (a STRING) WITH ('connector' = 'datagen', 'fields.a.kind' = 'random--x');
CREATE TABLE s (a STRING) WITH ('connector' = 'blackhole');
INSERT INTO s SELECT a FROM k /*+ OPTIONS('rows-per-second' = '5') */;
`;
    const ours = job({ runner: { jarURI: 'local:///opt/flink/usrlib/streampilot-sql-runner.jar' } });
    const theirs = job({ runner: { jarURI: 'local:///opt/flink/usrlib/sql-runner.jar' } });
    expect(runRules(context(sql, { job: ours }), [runnerCompatibility])).toEqual([]);
    expect(runRules(context(sql, { job: theirs }), [runnerCompatibility])).toHaveLength(2);
  });
});
