/**
 * parseScript must never throw or hang, whatever it is given: random text, token soup, deep
 * nesting, corpus statements with a few tokens edited, and every prefix of every valid corpus
 * statement (what an editor sends while the user types). Each input must yield issues whose
 * ranges lie inside the text, or statements: accepting text silently is not parsing it.
 *
 * The parses run in a worker thread (parse.ts bundled with esbuild) so that an endless loop
 * is reported with the input that caused it instead of freezing the test run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tokenize } from '../../src/sql/lexer.js';
import { CORPUS_FLINK_VERSION, corpusAbsent, loadCorpus, repoRoot } from '../support/corpus.js';

/** One parse slower than this (twice in a row, to ignore a GC pause) fails the test. */
const SLOW_PARSE_MS = 200;
/** No progress for this long means the parser is stuck in a loop. */
const STUCK_MS = 5_000;
/** Longer statements get prefixes at a stride, so the quadratic total stays bounded. */
const MAX_PREFIXES_PER_STATEMENT = 400;

interface Finding {
  index: number;
  problem: string;
  ms: number;
}

interface RunResult {
  findings: Finding[];
  stuckAt?: number;
  parsed: number;
  totalMs: number;
}

// Runs inside the worker: plain JavaScript, it imports the bundled parser.
const WORKER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads';
import { parseScript } from './parse.mjs';
const { inputs, flinkVersion, slowMs } = workerData;
const progress = new Int32Array(workerData.progress);
const findings = [];
function problemOf(text) {
  let result;
  try {
    result = parseScript(text, { flinkVersion });
  } catch (error) {
    return 'threw ' + String(error && error.stack ? error.stack.split('\\n').slice(0, 4).join(' | ') : error);
  }
  if (!result || !Array.isArray(result.issues) || !Array.isArray(result.statements)) return 'returned no {statements, issues}';
  for (const issue of result.issues) {
    const r = issue && issue.range;
    if (!r || !(r.start >= 0 && r.start <= r.end && r.end <= text.length)) return 'issue range outside the text: ' + JSON.stringify(issue);
    if (typeof issue.message !== 'string' || issue.message.trim() === '') return 'issue without a message: ' + JSON.stringify(issue);
  }
  if (result.issues.length === 0 && result.statements.length === 0) {
    // Accepting text that is more than comments, blanks and \`;\` must produce a statement.
    let rest = text;
    for (const c of [...(result.comments || [])].sort((a, b) => b.start - a.start)) rest = rest.slice(0, c.start) + rest.slice(c.end);
    if (rest.replace(/[\\s;]/g, '') !== '') return 'accepted the text without issues but returned no statement';
  }
  for (const s of result.statements) {
    const r = s && s.range;
    if (!r || !(r.start >= 0 && r.start <= r.end && r.end <= text.length)) return 'statement range outside the text: ' + JSON.stringify(r);
  }
  return undefined;
}
const started = performance.now();
for (let i = 0; i < inputs.length; i++) {
  Atomics.store(progress, 0, i);
  let t = performance.now();
  const problem = problemOf(inputs[i]);
  let ms = performance.now() - t;
  if (!problem && ms > slowMs) {
    t = performance.now();
    problemOf(inputs[i]);
    ms = Math.min(ms, performance.now() - t);
  }
  if (problem || ms > slowMs) findings.push({ index: i, problem: problem ?? 'slow: ' + ms.toFixed(0) + ' ms', ms });
}
parentPort.postMessage({ findings, parsed: inputs.length, totalMs: performance.now() - started });
`;

async function bundleParser(): Promise<{ dir: string; worker: string }> {
  // Per process, so two test runs at once do not overwrite each other's bundle.
  const dir = path.join(repoRoot, '.streampilot-cache', `robustness-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [path.join(repoRoot, 'src/sql/parse.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile: path.join(dir, 'parse.mjs'),
    logLevel: 'silent',
  });
  const worker = path.join(dir, 'worker.mjs');
  writeFileSync(worker, WORKER_SOURCE);
  return { dir, worker };
}

function runInWorker(workerFile: string, inputs: string[]): Promise<RunResult> {
  const progress = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(workerFile, {
    workerData: { inputs, flinkVersion: CORPUS_FLINK_VERSION, slowMs: SLOW_PARSE_MS, progress: progress.buffer },
  });
  return new Promise((resolve, reject) => {
    let last = -1;
    let lastChange = Date.now();
    const watchdog = setInterval(() => {
      const now = Atomics.load(progress, 0);
      if (now !== last) {
        last = now;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > STUCK_MS) {
        clearInterval(watchdog);
        void worker.terminate();
        resolve({ findings: [], stuckAt: now, parsed: now, totalMs: NaN });
      }
    }, 100);
    worker.once('message', (result: RunResult) => {
      clearInterval(watchdog);
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', (error) => {
      clearInterval(watchdog);
      reject(error);
    });
  });
}

// --- inputs -----------------------------------------------------------------------------

/** mulberry32: small, seeded, good enough to make fuzz inputs reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOUP = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'BY',
  'HAVING',
  'ORDER',
  'LIMIT',
  'UNION',
  'ALL',
  'JOIN',
  'LEFT',
  'ON',
  'AS',
  'AND',
  'OR',
  'NOT',
  'CREATE',
  'TEMPORARY',
  'TABLE',
  'VIEW',
  'FUNCTION',
  'CATALOG',
  'DATABASE',
  'IF',
  'EXISTS',
  'WITH',
  'LIKE',
  'PRIMARY',
  'KEY',
  'NOT ENFORCED',
  'WATERMARK',
  'FOR',
  'INSERT',
  'INTO',
  'OVERWRITE',
  'VALUES',
  'PARTITION',
  'PARTITIONED',
  'EXECUTE',
  'STATEMENT',
  'SET',
  'BEGIN',
  'END',
  'EXPLAIN',
  'SHOW',
  'DESCRIBE',
  'USE',
  'DROP',
  'ALTER',
  'RESET',
  'LOAD',
  'MODULE',
  'ADD',
  'JAR',
  'MATCH_RECOGNIZE',
  'PATTERN',
  'DEFINE',
  'MEASURES',
  'PARTITION BY',
  'WITHIN',
  'INTERVAL',
  "'5'",
  'SECOND',
  'CAST',
  'TRY_CAST',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'OVER',
  'ROWS',
  'BETWEEN',
  'PRECEDING',
  'CURRENT ROW',
  'LATERAL',
  'TABLE(',
  'TUMBLE',
  'DESCRIPTOR',
  'FOR SYSTEM_TIME AS OF',
  'ROW',
  'ARRAY',
  'MAP',
  'MULTISET',
  'INT',
  'STRING',
  'DECIMAL(10, 2)',
  'TIMESTAMP(3)',
  'TIMESTAMP_LTZ',
  'NULL',
  'TRUE',
  '*',
  '(',
  ')',
  '(',
  ')',
  ',',
  ',',
  ';',
  ';',
  '.',
  '=',
  '<>',
  '+',
  '-',
  '/',
  '%',
  '||',
  '[',
  ']',
  '<',
  '>',
  '?',
  "'str'",
  "'it''s'",
  "'unterminated",
  '`quoted`',
  '`unterminated',
  '"dq"',
  '1',
  '3.14',
  '1e10',
  '.5',
  'x',
  'tbl',
  'a.b.c',
  '${var}',
  '${',
  '/*+ OPTIONS(',
  "'k'='v'",
  ') */',
  '/*',
  '*/',
  '-- comment\n',
  '\n',
  '\t',
  ' ',
  "X'0F'",
  "U&'\\0041'",
];

function randomInputs(count: number): string[] {
  const rand = prng(0x5eed);
  const int = (n: number): number => Math.floor(rand() * n);
  const length = (): number => Math.floor(Math.exp(rand() * Math.log(4000))); // log-uniform 1..4000
  const inputs: string[] = [
    '',
    ' ',
    ';',
    ';;;',
    '\n',
    'BEGIN',
    'END;',
    'EXECUTE STATEMENT SET BEGIN',
    '/*',
    '/*+',
    '--',
    "'",
    '`',
    '"',
  ];
  for (let i = 0; i < count; i++) {
    const n = length();
    let s = '';
    switch (i % 4) {
      case 0: // raw bytes as Latin-1 characters
        for (let k = 0; k < n; k++) s += String.fromCharCode(int(256));
        break;
      case 1: // any UTF-16 code unit, lone surrogates included
        for (let k = 0; k < n; k++) s += String.fromCharCode(int(0x10000));
        break;
      default: // SQL-ish token soup
        while (s.length < n) s += SOUP[int(SOUP.length)]! + (rand() < 0.8 ? ' ' : '');
    }
    inputs.push(s);
  }
  // Deep nesting: a recursive-descent parser must report, not overflow its stack.
  for (const depth of [50, 200, 1000]) {
    inputs.push(`SELECT ${'('.repeat(depth)}1${')'.repeat(depth)}`);
    inputs.push(`SELECT ${'('.repeat(depth)}`);
    inputs.push(`SELECT * FROM ${'(SELECT * FROM '.repeat(depth)}t${')'.repeat(depth)}`);
    inputs.push(`SELECT ${'-'.repeat(depth)}1`);
    inputs.push(`SELECT ${Array.from({ length: depth }, (_, k) => `f${k}(`).join('')}1${')'.repeat(depth)}`);
    inputs.push(`CREATE TABLE t (c ${'ROW<a '.repeat(depth)}INT${'>'.repeat(depth)})`);
  }
  inputs.push(`SELECT ${Array.from({ length: 5000 }, (_, k) => `c${k}`).join(', ')} FROM t`);
  inputs.push(`SELECT 1 ${'+ 1 '.repeat(5000)}`);
  inputs.push('SELECT 1;\n'.repeat(2000));
  return inputs;
}

/**
 * Prefixes of every statement of every valid corpus case, cut at every token end and in
 * the middle of every longer token (unterminated strings, identifiers, comments).
 */
function corpusPrefixes(): string[] {
  const seen = new Set<string>();
  for (const c of loadCorpus()) {
    if (c.expect !== 'valid') continue;
    const { tokens, comments } = tokenize(c.text);
    const cuts: number[] = [];
    const ends: number[] = [];
    const middle = (r: { start: number; end: number }): number => r.start + ((r.end - r.start) >> 1);
    for (const r of comments) if (r.end - r.start > 2) cuts.push(middle(r));
    for (const t of tokens) {
      if (t.kind === 'eof') break;
      if (t.end - t.start > 1) cuts.push(middle(t));
      cuts.push(t.end);
      if (t.kind === 'op' && t.value === ';') ends.push(t.end);
    }
    ends.push(c.text.length);
    cuts.sort((a, b) => a - b);
    let start = 0;
    for (const end of ends) {
      const mine = cuts.filter((x) => x > start && x < end);
      const stride = Math.max(1, Math.ceil(mine.length / MAX_PREFIXES_PER_STATEMENT));
      for (let k = 0; k < mine.length; k += stride) seen.add(c.text.slice(start, mine[k]));
      seen.add(c.text.slice(start, end));
      start = end;
    }
  }
  return [...seen];
}

/**
 * Valid corpus statements with one to three token-level edits (delete, duplicate, swap, insert
 * from the soup): near-misses reach deeper into the grammar and its error recovery than soup.
 */
function mutatedCorpus(count: number): string[] {
  const rand = prng(0xc0ffee);
  const int = (n: number): number => Math.floor(rand() * n);
  const valid = loadCorpus().filter((c) => c.expect === 'valid');
  const inputs: string[] = [];
  for (let i = 0; i < count && valid.length > 0; i++) {
    const text = valid[int(valid.length)]!.text;
    const tokens = tokenize(text).tokens.filter((t) => t.kind !== 'eof');
    if (tokens.length === 0) continue;
    // Work on token texts with the whitespace that precedes them, so edits keep the layout.
    const parts = tokens.map((t, k) => text.slice(k === 0 ? 0 : tokens[k - 1]!.end, t.end));
    for (let edits = 1 + int(3); edits > 0; edits--) {
      const at = int(parts.length);
      switch (int(4)) {
        case 0:
          parts.splice(at, 1);
          break;
        case 1:
          parts.splice(at, 0, parts[at] ?? '');
          break;
        case 2:
          if (at + 1 < parts.length) [parts[at], parts[at + 1]] = [parts[at + 1]!, parts[at]!];
          break;
        default:
          parts.splice(at, 0, ` ${SOUP[int(SOUP.length)]!}`);
      }
    }
    inputs.push(parts.join(''));
  }
  return inputs;
}

const show = (text: string): string =>
  JSON.stringify(text.length > 300 ? `${text.slice(0, 150)} … ${text.slice(-150)}` : text);

describe('parseScript never throws or hangs', () => {
  let workerFile = '';
  let bundleDir = '';
  beforeAll(async () => {
    ({ dir: bundleDir, worker: workerFile } = await bundleParser());
  });
  afterAll(() => {
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  async function check(inputs: string[]): Promise<void> {
    const result = await runInWorker(workerFile, inputs);
    if (result.stuckAt !== undefined) {
      expect.fail(
        `parseScript did not finish within ${STUCK_MS} ms (endless loop?) on input #${result.stuckAt}: ${show(inputs[result.stuckAt]!)}`,
      );
    }
    console.log(`robustness: ${result.parsed} inputs in ${result.totalMs.toFixed(0)} ms`);
    // One line per distinct problem, with the shortest input that shows it.
    const groups = new Map<string, { count: number; input: string }>();
    for (const f of result.findings) {
      const key = f.problem.startsWith('slow:')
        ? `slower than ${SLOW_PARSE_MS} ms`
        : f.problem.replace(/\d+/g, 'N').slice(0, 300);
      const input = inputs[f.index]!;
      const group = groups.get(key);
      if (!group) groups.set(key, { count: 1, input });
      else {
        group.count++;
        if (input.length < group.input.length) group.input = input;
      }
    }
    expect([...groups].map(([problem, g]) => `${problem} (${g.count} inputs; shortest: ${show(g.input)})`)).toEqual([]);
  }

  test('random bytes, any UTF-16, SQL token soup and deep nesting', async () => {
    await check(randomInputs(3000));
  });

  test.skipIf(corpusAbsent)(
    `valid corpus statements with a few tokens deleted, repeated, swapped or inserted${corpusAbsent ? ' (skipped: ../shared not present)' : ''}`,
    async () => {
      await check(mutatedCorpus(3000));
    },
  );

  test.skipIf(corpusAbsent)(
    `every prefix of every valid corpus statement${corpusAbsent ? ' (skipped: ../shared not present)' : ''}`,
    async () => {
      const prefixes = corpusPrefixes();
      expect(prefixes.length).toBeGreaterThan(1000);
      await check(prefixes);
    },
  );
});
