import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hasErrors } from '../../src/diagnostics.js';
import { RULE_FAILED, RULES, runRules } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/types.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { context } from '../rules/fixtures.js';
import { repoRoot } from '../support/run-cli.js';

// The no-sink rule throws in this file only, the way a rule with a bug would on some SQL.
vi.mock('../../src/rules/no-sink.js', () => ({
  noSink: {
    id: 'sql/no-sink',
    severity: 'error',
    description: 'throws, for this test',
    wholeJobOnly: true,
    check() {
      throw new TypeError("Cannot read properties of undefined (reading 'columns')");
    },
  } satisfies Rule,
}));

const SQL = `CREATE TABLE src (id INT) WITH ('connector' = 'datagen');
CREATE TABLE sink (id INT) WITH ('connector' = 'blackhole');
INSERT INTO sink SELECT id FROM src;
`;

describe('a rule that throws fails the check closed', () => {
  it('a throwing rule injected into runRules is an internal/rule-failed error naming the rule, and the others still run', () => {
    const throwing: Rule = {
      id: 'sql/explodes',
      severity: 'warning',
      description: 'test',
      check: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const reporting: Rule = {
      id: 'sql/reports',
      severity: 'warning',
      description: 'test',
      check: (ctx, report) => report({ unit: ctx.units[0]!, range: { start: 0, end: 6 }, message: 'seen' }),
    };
    const diagnostics = runRules(context(SQL), [throwing, reporting]);
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatchObject({
      severity: 'error',
      rule: RULE_FAILED,
      file: 'jobs/orders/main.sql',
      line: 1,
      column: 1,
    });
    expect(diagnostics[0]!.message).toContain('internal rule sql/explodes failed');
    expect(diagnostics[0]!.hint).toContain('bug in StreamPilot');
    expect(diagnostics[1]).toMatchObject({ rule: 'sql/reports', message: 'seen' });
    expect(hasErrors(diagnostics)).toBe(true);
  });

  it('a throwing rule with no SQL file to point at still fails the job, at its job.yaml', () => {
    const throwing: Rule = {
      id: 'sql/explodes',
      severity: 'info',
      description: 'test',
      check: () => {
        throw new Error('boom');
      },
    };
    const diagnostics = runRules({ units: [], wholeJob: true }, [throwing]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', rule: RULE_FAILED, line: 1, column: 1 }),
    ]);
  });

  it('checkRepository of the example repository, whose no-sink rule throws, ends with errors instead of "No problems found"', () => {
    expect(RULES.some((r) => r.description === 'throws, for this test')).toBe(true);
    const result = checkRepository(path.join(repoRoot, 'examples', 'acme-flink-jobs'));
    const failures = result.diagnostics.filter((d) => d.rule === RULE_FAILED);
    // One per job (the same failure in two environments is one finding).
    expect(failures.length).toBe(4);
    for (const d of failures) {
      expect(d).toMatchObject({ severity: 'error', line: 1, column: 1 });
      expect(d.file).toMatch(/^jobs\/[a-z-]+\/[a-z-]+\.sql$/);
      expect(d.message).toContain('internal rule sql/no-sink failed');
    }
    expect(hasErrors(result.diagnostics)).toBe(true);
  });
});
