/**
 * The script in a job's image must be read by the operator's SQL runner exactly as we
 * parsed it. The runner's reader is reproduced in test/support/naive-sql-runner.ts; each
 * statement it hands to Flink is parsed again here and compared with ours.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Statement } from '../../src/sql/model/statements.js';
import { parseScript } from '../../src/sql/parse.js';
import { printRunnerScript } from '../../src/sql/printer/runner-script.js';
import { CORPUS_FLINK_VERSION, corpusAbsent, loadCorpus, repoRoot } from '../support/corpus.js';
import { runnerActions } from '../support/naive-sql-runner.js';
import { stripRanges } from '../support/strip-ranges.js';

/** The statement as the runner will run it: statement sets in EXECUTE form. */
function runnerForm(s: Statement): unknown {
  return stripRanges(s.kind === 'statementSet' ? { ...s, form: 'execute', unclosed: false } : s);
}

function hasHints(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasHints);
  if (node === null || typeof node !== 'object') return false;
  return Object.entries(node).some(([k, v]) => (k === 'hints' && Array.isArray(v) && v.length > 0) || hasHints(v));
}

/**
 * Scripts a job could deploy: not empty, no statement set without an INSERT, and no
 * statement set embedded in EXPLAIN or COMPILE PLAN (the runner cannot read those at all;
 * rule sql/runner-compatibility reports them).
 */
function deployable(statements: Statement[]): boolean {
  const withoutEnds = statements.filter((s) => s.kind !== 'endStatementSet');
  if (withoutEnds.length === 0) return false;
  return withoutEnds.every((s) => {
    if (s.kind === 'statementSet') return s.statements.length > 0;
    if (s.kind === 'explain' || s.kind === 'compilePlan') return s.statement.kind !== 'statementSet';
    return true;
  });
}

/** What goes wrong when the runner reads the script of `statements`; [] when it reads it as we do. */
function misreadings(statements: Statement[]): string[] {
  const script = printRunnerScript(statements);
  const expected = statements.filter((s) => s.kind !== 'endStatementSet');
  const actions = runnerActions(script);
  if (actions.length !== expected.length)
    return [`the runner sees ${actions.length} statements, we have ${expected.length}:\n${script}`];
  const problems: string[] = [];
  actions.forEach((action, i) => {
    const ours = expected[i]!;
    if (action.kind === 'set') {
      if (ours.kind !== 'set' || ours.key?.value !== action.key || ours.value?.value !== action.value)
        problems.push(`SET read as ${action.key}=${action.value}`);
      return;
    }
    const again = parseScript(action.statement, { flinkVersion: '2.2' });
    if (again.issues.length > 0)
      problems.push(`statement ${i + 1} no longer parses: ${again.issues[0]!.message}\n${action.statement}`);
    else if (JSON.stringify(again.statements.map(runnerForm)) !== JSON.stringify([runnerForm(ours)]))
      problems.push(`statement ${i + 1} reads differently:\n${action.statement}`);
  });
  return problems;
}

describe('the runner script', () => {
  test('string literals with comment markers, semicolons and line breaks reach Flink unchanged', () => {
    const sql = `CREATE TABLE t (a STRING) WITH ('connector' = 'datagen');
CREATE TABLE s (a STRING, b STRING) WITH ('connector' = 'blackhole');
INSERT INTO s SELECT a, 'x -- not a comment /* nor this */' FROM t
WHERE a <> 'p;
   q--r' AND a LIKE '%--%';
`;
    const parsed = parseScript(sql);
    expect(parsed.issues).toEqual([]);
    expect(misreadings(parsed.statements)).toEqual([]);
    const script = printRunnerScript(parsed.statements);
    expect(script).not.toMatch(/--|\/\*/);
  });

  test('a BEGIN STATEMENT SET block becomes the EXECUTE STATEMENT SET shape the runner recognises', () => {
    const parsed = parseScript(`BEGIN STATEMENT SET;
INSERT INTO a SELECT * FROM b;
INSERT INTO c SELECT * FROM b;
END;`);
    expect(parsed.issues).toEqual([]);
    const script = printRunnerScript(parsed.statements);
    expect(script).toMatch(/^EXECUTE STATEMENT SET\nBEGIN\n/m);
    expect(script).toMatch(/^END;$/m);
    expect(runnerActions(script)).toHaveLength(1);
  });

  test('every job of the example repository is read by the runner as parsed', () => {
    const jobs = path.join(repoRoot, 'examples', 'acme-flink-jobs', 'jobs');
    for (const job of readdirSync(jobs)) {
      const files = readdirSync(path.join(jobs, job))
        .filter((f) => f.endsWith('.sql'))
        .sort();
      const statements = files.flatMap((f) => parseScript(readFileSync(path.join(jobs, job, f), 'utf8')).statements);
      expect(misreadings(statements), job).toEqual([]);
    }
  });
});

describe.skipIf(corpusAbsent)(
  `the runner script of every valid corpus case${corpusAbsent ? ' (skipped: ../shared not present)' : ''}`,
  () => {
    test('is read by the runner as we parsed it (hints aside: the runner strips them, and a rule says so)', () => {
      const failures: string[] = [];
      let checked = 0;
      for (const c of loadCorpus()) {
        if (c.expect !== 'valid') continue;
        const parsed = parseScript(c.text, { flinkVersion: CORPUS_FLINK_VERSION });
        if (parsed.issues.length > 0 || hasHints(parsed.statements) || !deployable(parsed.statements)) continue;
        checked++;
        for (const problem of misreadings(parsed.statements)) failures.push(`${c.id}: ${problem}`);
      }
      expect(checked).toBeGreaterThan(500);
      expect(failures).toEqual([]);
    });
  },
);
