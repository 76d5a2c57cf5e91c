/**
 * The semantic rules against the shared Flink SQL corpus (../shared/corpus/flink-sql). Valid
 * cases must get no finding from a semantic rule (issue 15's rules; the older rules are the
 * syntax conformance test's business). The SQL client's semantic-invalid statements are
 * measured: each is checked as the last statement of its script's session (the statements
 * before it that Flink accepted), and the test prints how many are caught and which cannot be
 * caught without the catalog or classpath a real session has.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { RULES, runRules } from '../../src/rules/index.js';
import { buildSqlUnits } from '../../src/sql/build-units.js';
import { CORPUS_FLINK_VERSION, type CorpusCase, corpusAbsent, loadCorpus } from '../support/corpus.js';
import { PRE_SEMANTIC_RULES } from '../support/semantic-rules.js';

/**
 * The SQL client's semantic-invalid statements that depend on what no script shows: catalogs
 * registered outside it, databases of a catalog, factories on the classpath. Every other one
 * could be known from the session's own statements (whether a rule knows it yet is measured).
 */
const NEEDS_OUTSIDE_STATE: Readonly<Record<string, string>> = {
  'sql-client/catalog_database.q#1': 'the databases of the current catalog',
  'sql-client/catalog_database.q#2': 'the catalogs registered in the session',
  'sql-client/catalog_database.q#4': 'the catalogs registered in the session',
  'sql-client/catalog_database.q#66': 'the catalogs registered in the session',
  'sql-gateway/catalog_database.q#54': 'the catalogs registered in the session',
  'sql-client/module.q#7': 'the module factories on the classpath',
};

/**
 * The statements whose error is one issue 15 asks the semantic analysis for (columns, functions);
 * the others are about catalogs, modules and objects, which the check leaves to other rules.
 */
const SEMANTIC_SCOPE: Readonly<Record<string, string>> = {
  'sql-client/table.q#1': 'an unknown function in a computed column',
  'sql-client/module.q#5': 'a function that only a module not loaded yet provides',
  'sql-client/table.q#48': 'ALTER TABLE ADD of a column that exists',
  'sql-client/table.q#49': 'ALTER TABLE ADD … AFTER a column that does not exist',
};

/**
 * Corpus cases labelled valid that Flink rejects, found by a semantic rule. Only dt-sql-parser
 * fixtures, whose "valid" means its own grammar accepts them (corpus README). The test fails
 * when an entry is no longer needed, so the list can only shrink.
 */
const KNOWN_INVALID: Readonly<Record<string, { rule: string; reason: string }>> = {
  'dt-sql-parser/contextCollect/common.sql': {
    rule: 'sql/not-grouped',
    reason:
      "`SELECT id, age as new_age, count(*) as total FROM t1` has an aggregate and no GROUP BY: Calcite's \"Expression 'id' is not being grouped\"",
  },
  'dt-sql-parser/createTable.sql:41': {
    rule: 'sql/duplicate-column',
    reason: 'columns `my_meta` and `meta` are each declared twice: "Schema must not contain duplicate column names"',
  },
  'dt-sql-parser/createTable.sql:128': { rule: 'sql/duplicate-column', reason: 'column `my_meta` is declared twice' },
  'dt-sql-parser/createTable.sql:170': {
    rule: 'sql/unknown-column',
    reason: 'the computed column `ts` reads a column `b` the table does not have',
  },
  'dt-sql-parser/templates.sql:882': {
    rule: 'sql/unknown-column',
    reason: '`SELECT DATE_FORMAT(open_time, …), count(1);` has no FROM, so `open_time` is no column',
  },
  'dt-sql-parser/alterTable.sql:35': {
    rule: 'sql/primary-key-enforced',
    reason: 'a PRIMARY KEY without NOT ENFORCED (SqlConstraintValidator)',
  },
  'dt-sql-parser/alterTable.sql:50': {
    rule: 'sql/primary-key-enforced',
    reason: 'Flink supports no UNIQUE constraint',
  },
  'dt-sql-parser/alterTable.sql:55': {
    rule: 'sql/primary-key-enforced',
    reason: 'Flink supports no UNIQUE constraint',
  },
  'dt-sql-parser/createTable.sql:297': {
    rule: 'sql/primary-key-enforced',
    reason: "a PRIMARY KEY without NOT ENFORCED (the fixture's own comment says so)",
  },
  'dt-sql-parser/templates.sql:718': {
    rule: 'sql/primary-key-enforced',
    reason: 'a PRIMARY KEY without NOT ENFORCED (SqlConstraintValidator)',
  },
  'dt-sql-parser/selectAggregation.sql:76': {
    rule: 'sql/function-arguments',
    reason: "the group window HOP(order_time, INTERVAL '1' DAY) lacks its size argument",
  },
};

/** Known entries whose rule is registered (the others' rules land in other branches). */
const knownInvalid = (id: string) => {
  const entry = KNOWN_INVALID[id];
  return entry && RULES.some((r) => r.id === entry.rule) ? entry : undefined;
};

/**
 * Statements the corpus dropped as exact duplicates of another script's, that a later
 * statement of the session needs: replayed before it (case ids of the corpus).
 */
const DROPPED_FROM_SESSION: Readonly<Record<string, readonly string[]>> = {
  // set.q's `create function func1 as 'LowerUDF' LANGUAGE JAVA;` is function.q's #3, word for word.
  'sql-client/set.q#28': ['sql-client/function.q#3'],
};

interface Outcome {
  c: CorpusCase;
  /** Findings of semantic rules on the case's own text. */
  semantic: Diagnostic[];
  /** Errors of any rule on the case's own text. */
  errors: Diagnostic[];
}

const script = (c: CorpusCase): string => c.id.split('#')[0]!;
const ordinal = (c: CorpusCase): number => Number(c.id.split('#')[1]);

/** Checks `c` after `before` (one unit per statement, so each statement is parsed once). */
function check(c: CorpusCase, before: readonly CorpusCase[], wholeJob: boolean): Outcome {
  const file = `${c.id}.sql`;
  const { units } = buildSqlUnits(
    [...before.map((b) => ({ file: `${b.id}.sql`, text: b.text })), { file, text: c.text }],
    { flinkVersion: CORPUS_FLINK_VERSION },
  );
  const mine = runRules({ units, wholeJob }).filter((d) => d.file === file);
  return {
    c,
    semantic: mine.filter((d) => !PRE_SEMANTIC_RULES.has(d.rule)),
    errors: mine.filter((d) => d.severity === 'error' && d.rule !== 'syntax'),
  };
}

/** Each SQL-client statement with the session before it: the earlier statements Flink accepted. */
function clientOutcomes(cases: readonly CorpusCase[]): Outcome[] {
  const scripts = new Map<string, CorpusCase[]>();
  for (const c of cases) {
    const list = scripts.get(script(c)) ?? [];
    list.push(c);
    scripts.set(script(c), list);
  }
  const out: Outcome[] = [];
  for (const list of scripts.values()) {
    list.sort((a, b) => ordinal(a) - ordinal(b));
    const accepted: CorpusCase[] = [];
    for (const c of list) {
      if (c.kind === 'syntax' && c.expect === 'invalid') continue;
      const dropped = (DROPPED_FROM_SESSION[c.id] ?? []).map((id) => cases.find((x) => x.id === id)!);
      out.push(check(c, [...accepted, ...dropped], true));
      if (c.expect === 'valid') accepted.push(c);
    }
  }
  return out;
}

/** Flink's own message, without the script path and the exception class. */
const flinkMessage = (c: CorpusCase): string =>
  (c.note ?? '')
    .replace(/^\S+: /, '')
    .replace(/^[\w.$]+(Exception|Error): /, '')
    .slice(0, 100);

const shown = (ds: Diagnostic[]) => ds.map((d) => `${d.rule} ${d.line}:${d.column} ${d.message}`).join('; ');

describe.skipIf(corpusAbsent)(
  `semantic rules on the Flink SQL corpus${corpusAbsent ? ' (skipped: ../shared not present)' : ''}`,
  () => {
    let outcomes: Outcome[] = [];
    const semanticInvalid = () => outcomes.filter((o) => o.c.expect === 'invalid' && o.c.kind === 'semantic');

    beforeAll(() => {
      const corpus = loadCorpus();
      const client = corpus.filter((c) => c.source === 'flink-sql-client');
      // Docs blocks and dt-sql-parser fixtures are loose snippets: checked on their own.
      const loose = corpus.filter((c) => c.source !== 'flink-sql-client' && c.expect === 'valid');
      outcomes = [...loose.map((c) => check(c, [], false)), ...clientOutcomes(client)];

      const invalid = semanticInvalid();
      const outside = invalid.filter((o) => NEEDS_OUTSIDE_STATE[o.c.id]);
      const knowable = invalid.filter((o) => !NEEDS_OUTSIDE_STATE[o.c.id]);
      const caughtBy = (list: Outcome[], pick: (o: Outcome) => Diagnostic[]) => list.filter((o) => pick(o).length > 0);
      console.log(
        [
          `SQL client semantic-invalid statements: ${invalid.length}`,
          `  caught by a semantic rule (issue 15): ${caughtBy(invalid, (o) => o.semantic).length}`,
          `  cannot be caught without the session's catalog or classpath: ${outside.length}`,
          ...outside.map((o) => `    ${o.c.id}: needs ${NEEDS_OUTSIDE_STATE[o.c.id]} (${o.c.text.trim()})`),
          `  in the semantic analysis' scope (columns, functions): ${Object.keys(SEMANTIC_SCOPE).length}, caught ${
            caughtBy(
              invalid.filter((o) => SEMANTIC_SCOPE[o.c.id]),
              (o) => o.semantic,
            ).length
          }`,
          `  knowable from the scripts: ${knowable.length}, caught ${caughtBy(knowable, (o) => o.semantic).length}`,
          ...knowable.map(
            (o) =>
              `    ${o.semantic.length ? 'caught' : 'missed'} ${o.c.id}: ${o.c.text.trim().slice(0, 60)}${o.semantic.length ? ` -> ${shown(o.semantic)}` : ` (Flink: ${flinkMessage(o.c)})`}`,
          ),
        ].join('\n'),
      );
    });

    test('no valid case of the corpus gets a finding from a semantic rule', () => {
      const alarms = outcomes.filter((o) => o.c.expect === 'valid' && o.semantic.length > 0);
      const unexplained = alarms.filter((o) => !o.semantic.every((d) => d.rule === knownInvalid(o.c.id)?.rule));
      expect(unexplained.map((o) => `${o.c.id}: ${shown(o.semantic)}`)).toEqual([]);
    });

    test('every case known to be invalid despite its label is still reported', () => {
      const reported = new Set(outcomes.filter((o) => o.semantic.length > 0).map((o) => o.c.id));
      expect(Object.keys(KNOWN_INVALID).filter((id) => knownInvalid(id) && !reported.has(id))).toEqual([]);
    });

    test('no rule fails on the corpus', () => {
      const failed = outcomes.filter((o) => o.errors.some((d) => d.rule === 'internal/rule-failed'));
      expect(failed.map((o) => `${o.c.id}: ${shown(o.errors)}`)).toEqual([]);
    });

    test('the statements said to need outside state are semantic-invalid cases of the corpus', () => {
      const ids = new Set(semanticInvalid().map((o) => o.c.id));
      expect(Object.keys(NEEDS_OUTSIDE_STATE).filter((id) => !ids.has(id))).toEqual([]);
      expect(Object.keys(SEMANTIC_SCOPE).filter((id) => !ids.has(id))).toEqual([]);
    });
  },
);
