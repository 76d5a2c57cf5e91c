/**
 * The semantic conformance cases (test/semantics/conformance/*.yaml): Flink planner tests'
 * expected validation failures and their valid near misses, restated in our own words, each run
 * as a job of its own after the shared tables (conformance/tables.sql) and its own DDL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { runRules } from '../../src/rules/index.js';
import { buildSqlUnits } from '../../src/sql/build-units.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { repoRoot } from '../support/repo-root.js';
import { PRE_SEMANTIC_RULES } from '../support/semantic-rules.js';

export { PRE_SEMANTIC_RULES };

export const CATEGORIES = ['names', 'types', 'aggregation', 'streaming', 'changelog'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface ConformanceCase {
  id: string;
  category: Category;
  /** The Flink test (or validator code) whose expected failure this restates. */
  from: string;
  /** A rule id, or `valid`. */
  expect: string;
  ddl?: string;
  sql: string;
}

const DIR = path.join(repoRoot, 'test', 'semantics', 'conformance');
/** Flink 2.0, as the planner tests the cases come from (DISTRIBUTED BY, CTAS with columns). */
export const CONFORMANCE_FLINK_VERSION = '2.0';

export function loadCases(): ConformanceCase[] {
  return CATEGORIES.flatMap((category) => {
    const doc = parse(readFileSync(path.join(DIR, `${category}.yaml`), 'utf8')) as {
      cases: Omit<ConformanceCase, 'category'>[];
    };
    return doc.cases.map((c) => ({ ...c, category }));
  });
}

export const sharedTables = (): string => readFileSync(path.join(DIR, 'tables.sql'), 'utf8');

export interface CaseOutcome {
  c: ConformanceCase;
  /** Syntax errors: the case proves nothing until it parses. */
  syntax: Diagnostic[];
  /** Semantic findings on the statement under test. */
  findings: Diagnostic[];
  /** Semantic findings on the tables and DDL before it (valid SQL by construction). */
  onSetup: Diagnostic[];
}

export function runCase(c: ConformanceCase, tables: string): CaseOutcome {
  const setup = `${tables}\n${c.ddl ?? ''}\n`;
  const text = `${setup}${c.sql}`;
  const firstLine = setup.split('\n').length;
  const { units } = buildSqlUnits([{ file: `conformance/${c.category}/${c.id}.sql`, text }], {
    flinkVersion: CONFORMANCE_FLINK_VERSION,
  });
  const all = runRules({ units, wholeJob: true });
  const semantic = all.filter((d) => !PRE_SEMANTIC_RULES.has(d.rule));
  const syntax = units.flatMap((u) =>
    u.parsed.issues.map((i) => ({ rule: 'syntax', message: i.message }) as Diagnostic),
  );
  return {
    c,
    syntax,
    findings: semantic.filter((d) => d.line >= firstLine),
    onSetup: semantic.filter((d) => d.line < firstLine),
  };
}
