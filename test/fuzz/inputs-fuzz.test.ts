/**
 * Fuzzing of everything a pull request controls: manifests (job.yaml, streampilot.yaml) and
 * SQL. Whatever the input, no exception may escape the SQL parser, `validateFiles` or
 * `checkRepository`; every diagnostic must name a file and a position (line and column >= 1);
 * and no single input may take more than PER_INPUT_MS. Fixed seed and run counts: the run is
 * reproducible and stays around 20 s.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { parseYamlSource } from '../../src/manifest/yaml-document.js';
import { parseScript } from '../../src/sql/parse.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { validateFiles } from '../../src/workflows/validate-files.js';
import { repoRoot } from '../support/repo-root.js';

const SEED = 20261206;
/** One input slower than this fails: a check must not be stalled by one crafted file. */
const PER_INPUT_MS = 2_000;

const scratch = mkdtempSync(path.join(tmpdir(), 'streampilot-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const example = path.join(repoRoot, 'examples', 'acme-flink-jobs');
const JOB = 'jobs/orders-enrichment';
const ORIGINAL = {
  project: readFileSync(path.join(example, 'streampilot.yaml'), 'utf8'),
  job: readFileSync(path.join(example, JOB, 'job.yaml'), 'utf8'),
  tables: readFileSync(path.join(example, JOB, 'tables.sql'), 'utf8'),
  main: readFileSync(path.join(example, JOB, 'main.sql'), 'utf8'),
};

// ---------------------------------------------------------------- generators

const SQL_WORDS =
  `SELECT FROM WHERE GROUP BY HAVING ORDER LIMIT OFFSET FETCH UNION ALL INTERSECT EXCEPT JOIN LEFT RIGHT FULL
INNER CROSS ON USING AS WITH VALUES INSERT INTO OVERWRITE CREATE TABLE VIEW TEMPORARY FUNCTION IF NOT EXISTS DROP ALTER
SET RESET EXECUTE STATEMENT BEGIN END AND OR IS NULL TRUE FALSE LIKE BETWEEN IN CASE WHEN THEN ELSE CAST TRY_CAST
INTERVAL DAY SECOND ARRAY MAP ROW MULTISET INT BIGINT STRING VARCHAR DECIMAL TIMESTAMP TIMESTAMP_LTZ WATERMARK FOR
PRIMARY KEY ENFORCED PARTITIONED COMMENT OVER PARTITION RANGE ROWS PRECEDING CURRENT TUMBLE HOP SESSION CUMULATE
DESCRIPTOR TABLE LATERAL UNNEST MATCH_RECOGNIZE PATTERN DEFINE MEASURES SYSTEM_TIME OF EXPLAIN COUNT SUM f orders t a b
\`quoted\` \${var} \${kafka_bootstrap}`.split(/\s+/);
const SQL_OPS = [
  '(',
  ')',
  ',',
  ';',
  '.',
  '*',
  '+',
  '-',
  '/',
  '%',
  '||',
  '=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  '[',
  ']',
  '?',
  '=>',
  '/*+',
  '*/',
  '--',
  '\n',
];
const SQL_LITERALS = [
  "'text'",
  "'a''b'",
  '1',
  '2.5',
  '1e3',
  "X'0F'",
  "'connector'",
  "'datagen'",
  "'",
  '"dq"',
  '`',
  '/*',
  '$',
  '${',
];

const sqlToken = fc.oneof(
  fc.constantFrom(...SQL_WORDS),
  fc.constantFrom(...SQL_OPS),
  fc.constantFrom(...SQL_LITERALS),
  fc.string({ maxLength: 4 }),
);
const sqlSoup = fc.array(sqlToken, { maxLength: 120 }).map((tokens) => tokens.join(' '));

/** A text with a few edits: delete a span, insert a token or text, duplicate a span. */
function mutated(base: string, insert: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat(),
    length: fc.nat({ max: 40 }),
    op: fc.constantFrom('delete', 'insert', 'duplicate', 'replace'),
    text: insert,
  });
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let text = base;
    for (const e of edits) {
      const at = text.length === 0 ? 0 : e.at % (text.length + 1);
      const end = Math.min(text.length, at + e.length);
      if (e.op === 'delete') text = text.slice(0, at) + text.slice(end);
      else if (e.op === 'insert') text = text.slice(0, at) + e.text + text.slice(at);
      else if (e.op === 'duplicate') text = text.slice(0, end) + text.slice(at, end) + text.slice(end);
      else text = text.slice(0, at) + e.text + text.slice(end);
    }
    return text;
  });
}

/** Constructs nested n times (up to well past every limit), or chained n times. */
const NESTERS: [string, string][] = [
  ['(', ')'],
  ['(SELECT * FROM ', ') x'],
  ['ARRAY<', '>'],
  ['ROW<f ', '>'],
  ['NOT ', ''],
  ['- ', ''],
  ['CASE WHEN b THEN ', ' END'],
  ['f(', ')'],
  ['CAST(', ' AS INT)'],
  ['a LIKE ', ''],
];
const CHAINS = [
  ' + a',
  ' AND b',
  ' UNION ALL SELECT a FROM t',
  ' IS NULL',
  '[1]',
  ' JOIN t ON TRUE',
  ', t',
  ' ARRAY',
  ' = a',
  ' || a',
];
const deepSql = fc.oneof(
  fc
    .record({ nest: fc.constantFrom(...NESTERS), n: fc.integer({ min: 1, max: 3000 }) })
    .map(({ nest: [open, close], n }) => {
      const inner = open.startsWith('ARRAY') || open.startsWith('ROW') ? 'INT' : 'a';
      const core = `${open.repeat(n)}${inner}${close.repeat(n)}`;
      return open.startsWith('ARRAY') || open.startsWith('ROW')
        ? `CREATE TABLE t (c ${core}) WITH ('connector' = 'datagen');`
        : `INSERT INTO sink SELECT ${core} FROM t;`;
    }),
  fc
    .record({ chain: fc.constantFrom(...CHAINS), n: fc.integer({ min: 1, max: 20_000 }) })
    .map(({ chain, n }) =>
      chain.includes('JOIN') || chain === ', t'
        ? `INSERT INTO sink SELECT a FROM t${chain.repeat(n)};`
        : chain.includes('ARRAY')
          ? `CREATE TABLE t (c INT${chain.repeat(n)});`
          : `INSERT INTO sink SELECT a${chain.repeat(n)} FROM t;`,
    ),
);

const anySql = fc.oneof(sqlSoup, mutated(ORIGINAL.main, sqlToken), mutated(ORIGINAL.tables, sqlToken), deepSql);

const YAML_PIECES = [
  ':',
  ': ',
  '- ',
  '  ',
  '    ',
  '\n',
  '\n  ',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '*nope',
  '<<: ',
  '<<: *a',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  '|',
  '>',
  '!!str ',
  '!!binary ',
  '? ',
  '---',
  '...',
  '%YAML 1.2',
  'key',
  'name',
  'parallelism',
  'sql',
  'environments',
  'staging',
  'variables',
  'flinkConfiguration',
  '1e400',
  '100000000000000000000',
  'null',
  '~',
  'true',
  '\t',
  '\\',
  'é',
  '\u0000',
  '\u2028',
];
const yamlPiece = fc.oneof(fc.constantFrom(...YAML_PIECES), fc.string({ maxLength: 6 }));
const yamlSoup = fc.array(yamlPiece, { maxLength: 80 }).map((pieces) => pieces.join(''));

/** An alias-heavy tail: anchors, repeated aliases and merges added to a real manifest. */
const aliasTail = fc
  .record({ size: fc.integer({ min: 1, max: 200_000 }), copies: fc.integer({ min: 0, max: 500 }), merge: fc.boolean() })
  .map(
    ({ size, copies, merge }) =>
      `x-shared: &s "${'v'.repeat(size)}"\nx-map: &m {a: 1}\nx-copies:\n${Array.from({ length: copies }, (_, i) => `  c${i}: ${merge && i % 2 ? '{<<: *m}' : '*s'}`).join('\n')}\n`,
  );

const manifestText = (base: string) =>
  fc.oneof(
    yamlSoup,
    mutated(base, yamlPiece),
    aliasTail.map((tail) => base + tail),
    mutated(base + 'variables:\n  x: &x 1\n  y: *x\n', yamlPiece),
  );

// ---------------------------------------------------------------- properties

function timed<T>(what: string, input: unknown, run: () => T): T {
  const started = performance.now();
  const result = run();
  const ms = performance.now() - started;
  if (ms > PER_INPUT_MS)
    throw new Error(
      `${what} took ${Math.round(ms)} ms (more than ${PER_INPUT_MS}) on ${JSON.stringify(input).slice(0, 300)}`,
    );
  return result;
}

function expectPositioned(diagnostics: readonly Diagnostic[], files: readonly string[]): void {
  for (const d of diagnostics) {
    const where = JSON.stringify(d).slice(0, 300);
    if (!files.includes(d.file)) throw new Error(`diagnostic names a file that was not given: ${where}`);
    if (!(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column >= 1))
      throw new Error(`diagnostic without a position: ${where}`);
    if (!(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column)))
      throw new Error(`diagnostic ends before it starts: ${where}`);
    if (typeof d.message !== 'string' || d.message === '') throw new Error(`diagnostic without a message: ${where}`);
    // A rule that throws fails the check closed, but it is still a bug of ours: the fuzzer reports it.
    if (d.rule.startsWith('internal')) throw new Error(`a rule failed: ${where}`);
  }
}

describe('fuzzing: no exception escapes, every finding is positioned, every input is fast', () => {
  it('the SQL parser, on token soup, edited example SQL and deep nesting', () => {
    fc.assert(
      fc.property(anySql, (text) => {
        const parsed = timed('parseScript', text, () => parseScript(text, { flinkVersion: '1.20' }));
        for (const issue of parsed.issues) {
          if (!(issue.range.start >= 0 && issue.range.start <= issue.range.end && issue.range.end <= text.length))
            throw new Error(`issue outside the text: ${JSON.stringify(issue)}`);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('validateFiles, on the same SQL as files, one at a time and as a whole job', () => {
    const file = path.join(scratch, 'fuzz.sql');
    fc.assert(
      fc.property(anySql, fc.boolean(), (text, wholeJob) => {
        writeFileSync(file, text);
        const result = timed('validateFiles', text, () => validateFiles([file], { wholeJob }));
        expectPositioned(result.diagnostics, [file]);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('the YAML reader, on YAML-ish text and alias-heavy manifests', () => {
    fc.assert(
      fc.property(manifestText(ORIGINAL.job), (text) => {
        const source = timed('parseYamlSource', text, () => parseYamlSource('jobs/x/job.yaml', text));
        expectPositioned(source.diagnostics, ['jobs/x/job.yaml']);
        // Anything readable stays within the expansion budget (2 MiB, or 4x the text).
        if (source.value !== undefined)
          expect(JSON.stringify(source.value).length).toBeLessThan(Math.max(2 * 1024 * 1024, 4 * text.length) * 2);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('checkRepository, on the example repository with its manifests and SQL mutated', () => {
    const root = path.join(scratch, 'repo');
    cpSync(example, root, { recursive: true });
    const files = ['streampilot.yaml', `${JOB}/job.yaml`, `${JOB}/tables.sql`, `${JOB}/main.sql`];
    const known = [
      ...files,
      ...['clickstream-fanout', 'orders-revenue-per-minute', 'payment-fraud-alerts'].flatMap((j) => [
        `jobs/${j}/job.yaml`,
        `jobs/${j}/main.sql`,
      ]),
      'jobs/orders-revenue-per-minute/pod-template.yaml',
    ];
    const change = fc.record({
      project: fc.option(manifestText(ORIGINAL.project), { freq: 3 }),
      job: fc.option(manifestText(ORIGINAL.job), { freq: 2 }),
      tables: fc.option(anySql, { freq: 3 }),
      main: fc.option(anySql, { freq: 2 }),
    });
    fc.assert(
      fc.property(change, (c) => {
        writeFileSync(path.join(root, files[0]!), c.project ?? ORIGINAL.project);
        writeFileSync(path.join(root, files[1]!), c.job ?? ORIGINAL.job);
        writeFileSync(path.join(root, files[2]!), c.tables ?? ORIGINAL.tables);
        writeFileSync(path.join(root, files[3]!), c.main ?? ORIGINAL.main);
        const result = timed('checkRepository', c, () => checkRepository(root));
        expectPositioned(result.diagnostics, known);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });
});
