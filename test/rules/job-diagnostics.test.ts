import { describe, expect, test } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { jobDiagnostics } from '../../src/rules/job-diagnostics.js';
import { at, context, job } from './fixtures.js';

describe('jobDiagnostics', () => {
  test('syntax errors and rule findings come back together, sorted, in the original text', () => {
    const sql = `CREATE TABLE \${name} (id BIGINT) WITH ('connector' = 'datagen');
CREATE TABLE sink_t (id BIGINT) WITH ('connector' = 'print');
INSERT INTO sink_t SELECT id FROM missing;
SELECT FROM WHERE;
`;
    const ds = jobDiagnostics(
      context(sql, { job: job({ variables: { name: 'a_much_longer_table_name' } }), allowSyntaxErrors: true }),
    );
    const missing = at(sql, 'missing');
    expect(ds.map((d) => [d.rule, d.line])).toEqual([
      ['sql/unknown-table', 3],
      ['syntax', 4],
    ]);
    expect(ds[0]).toMatchObject({ column: missing.column, endColumn: missing.column + 'missing'.length });
  });

  test('every rule has a stable id, a severity and a one-line description', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^sql\/[a-z-]+$/);
      expect(r.description).not.toContain('\n');
    }
  });
});
