/**
 * The semantic analysis against Flink's own expected validation failures, restated as cases in
 * test/semantics/conformance/ (see conformance-cases.ts). Prints, per category, how many
 * invalid cases are caught (by the rule the case expects, and by any semantic rule) and how many
 * valid ones get a false alarm. A false alarm fails the test: a warning on valid SQL is worse
 * than a miss. Misses are reported, not failed: rules land one by one.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { CATEGORIES, type CaseOutcome, type Category, loadCases, runCase, sharedTables } from './conformance-cases.js';

const ratio = (n: number, d: number): string => `${n}/${d}${d ? ` (${Math.round((100 * n) / d)}%)` : ''}`;
const shown = (o: CaseOutcome) => o.findings.map((d) => `${d.rule} ${d.line}:${d.column} ${d.message}`).join('; ');

describe('semantic conformance with Flink planner tests', () => {
  const cases = loadCases();
  let outcomes: CaseOutcome[] = [];

  beforeAll(() => {
    const tables = sharedTables();
    outcomes = cases.map((c) => runCase(c, tables));
    const rows = [
      `${'category'.padEnd(12)} ${'caught (expected rule)'.padEnd(24)} ${'caught (any rule)'.padEnd(20)} false alarms / valid`,
    ];
    for (const category of [...CATEGORIES, 'all' as const]) {
      const mine = outcomes.filter((o) => category === 'all' || o.c.category === category);
      const invalid = mine.filter((o) => o.c.expect !== 'valid');
      const valid = mine.filter((o) => o.c.expect === 'valid');
      const exact = invalid.filter((o) => o.findings.some((d) => d.rule === o.c.expect)).length;
      const any = invalid.filter((o) => o.findings.length > 0).length;
      const alarms = valid.filter((o) => o.findings.length > 0).length;
      rows.push(
        `${category.padEnd(12)} ${ratio(exact, invalid.length).padEnd(24)} ${ratio(any, invalid.length).padEnd(20)} ${ratio(alarms, valid.length)}`,
      );
    }
    const misses = outcomes.filter((o) => o.c.expect !== 'valid' && !o.findings.some((d) => d.rule === o.c.expect));
    console.log(
      [
        `Semantic conformance: ${cases.length} cases from Flink's planner tests`,
        ...rows,
        '',
        `Not caught by the expected rule (${misses.length}):`,
        ...misses.map(
          (o) => `  ${o.c.category}/${o.c.id} [${o.c.expect}]${o.findings.length ? ` got: ${shown(o)}` : ''}`,
        ),
      ].join('\n'),
    );
  });

  test('the cases are well formed: unique ids, a source, an expectation, and both kinds in every category', () => {
    const ids = cases.map((c) => `${c.category}/${c.id}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of cases) {
      expect(c.from, c.id).toMatch(/\S{3}/);
      expect(c.expect, c.id).toMatch(/^(valid|sql\/[a-z-]+)$/);
      expect(c.sql.trim(), c.id).not.toBe('');
    }
    for (const category of CATEGORIES) {
      const mine = cases.filter((c) => c.category === category);
      expect(mine.filter((c) => c.expect === 'valid').length, category).toBeGreaterThan(0);
      expect(mine.filter((c) => c.expect !== 'valid').length, category).toBeGreaterThan(0);
    }
  });

  test('every case parses, so a quiet rule is quiet for the right reason', () => {
    const broken = outcomes.filter((o) => o.syntax.length > 0);
    expect(broken.map((o) => `${o.c.category}/${o.c.id}: ${o.syntax[0]!.message}`)).toEqual([]);
  });

  test('no semantic rule speaks about the shared tables or a case’s own DDL', () => {
    const noisy = outcomes.filter((o) => o.onSetup.length > 0);
    expect(
      noisy.map((o) => `${o.c.category}/${o.c.id}: ${o.onSetup.map((d) => `${d.rule} ${d.message}`).join('; ')}`),
    ).toEqual([]);
  });

  test.each(CATEGORIES)('no false alarm on the valid %s cases', (category: Category) => {
    const alarms = outcomes.filter((o) => o.c.category === category && o.c.expect === 'valid' && o.findings.length > 0);
    expect(alarms.map((o) => `${o.c.id}: ${shown(o)}`)).toEqual([]);
  });

  test('an invalid case is reported by the rule it expects, not by a rule failing', () => {
    const failures = outcomes.filter((o) => o.findings.some((d) => d.rule === 'internal/rule-failed'));
    expect(failures.map((o) => `${o.c.category}/${o.c.id}: ${shown(o)}`)).toEqual([]);
  });

  test('the aggregation rules of this branch catch every aggregation case', () => {
    const missed = outcomes.filter(
      (o) => o.c.category === 'aggregation' && o.c.expect !== 'valid' && !o.findings.some((d) => d.rule === o.c.expect),
    );
    expect(missed.map((o) => o.c.id)).toEqual([]);
  });
});
