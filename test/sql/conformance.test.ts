/**
 * Our parser against the shared Flink SQL corpus, with dt-sql-parser measured in the same
 * run as the baseline. Prints a table per source and writes every miss to
 * `.streampilot-cache/conformance-misses.txt` for the parser engineers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseScript } from '../../src/sql/parse.js';
import { LineMap } from '../../src/text/source.js';
import {
  CORPUS_FLINK_VERSION,
  type CorpusCase,
  type CorpusSource,
  SOURCES,
  corpusAbsent,
  loadCorpus,
  repoRoot,
} from '../support/corpus.js';
import { dtValidate } from '../support/dt-sql-parser.js';
import { KNOWN_EXCEPTIONS } from './known-exceptions.js';

interface Verdict {
  accepted: boolean;
  /** First error as `line:column message`, or the exception a parser threw. */
  firstError?: string;
  firstErrorLine?: number;
}

interface Outcome {
  c: CorpusCase;
  ours: Verdict;
  dt: Verdict;
}

function ourVerdict(text: string): Verdict {
  try {
    const { issues } = parseScript(text, { flinkVersion: CORPUS_FLINK_VERSION });
    const first = [...issues].sort((a, b) => a.range.start - b.range.start)[0];
    if (!first) return { accepted: true };
    const at = new LineMap(text).position(first.range.start);
    return { accepted: false, firstError: `${at.line}:${at.column} ${first.message}`, firstErrorLine: at.line };
  } catch (error) {
    // The robustness test asserts this never happens; here it just counts as a rejection.
    return {
      accepted: false,
      firstError: `THREW ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ') ?? String(error)}`,
    };
  }
}

function dtVerdict(text: string): Verdict {
  try {
    const first = dtValidate(text)[0];
    return first
      ? { accepted: false, firstError: `${first.line} ${first.message}`, firstErrorLine: first.line }
      : { accepted: true };
  } catch (error) {
    return { accepted: false, firstError: `THREW ${String(error)}` };
  }
}

/** Our verdict matches the corpus label (for invalid cases with a known line: error on that line). */
function agrees(o: Outcome): boolean {
  if (o.c.expect === 'valid') return o.ours.accepted;
  if (o.ours.accepted) return false;
  return o.c.errorLine === undefined || o.ours.firstErrorLine === o.c.errorLine;
}

/** Cases whose label this test asserts: every valid one, every syntax-invalid one. */
const asserted = (c: CorpusCase): boolean => c.expect === 'valid' || c.kind === 'syntax';

const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
const ratio = (n: number, d: number): string => `${n}/${d} (${pct(n, d)})`;

function figures(outcomes: Outcome[], label: string): string[] {
  const valid = outcomes.filter((o) => o.c.expect === 'valid');
  const syntax = outcomes.filter((o) => o.c.expect === 'invalid' && o.c.kind === 'syntax');
  const semantic = outcomes.filter((o) => o.c.expect === 'invalid' && o.c.kind === 'semantic');
  const count = (list: Outcome[], f: (o: Outcome) => boolean): number => list.filter(f).length;
  const row = (who: string, pick: (o: Outcome) => Verdict): string =>
    [
      label.padEnd(17),
      who.padEnd(14),
      ratio(
        count(valid, (o) => pick(o).accepted),
        valid.length,
      ).padEnd(20),
      ratio(
        count(syntax, (o) => !pick(o).accepted),
        syntax.length,
      ).padEnd(20),
      semantic.length
        ? ratio(
            count(semantic, (o) => !pick(o).accepted),
            semantic.length,
          )
        : '-',
    ].join(' ');
  return [row('ours', (o) => o.ours), row('dt-sql-parser', (o) => o.dt)];
}

function missReport(outcomes: Outcome[]): string {
  const lines: string[] = [
    `# Conformance misses of parseScript (flinkVersion ${CORPUS_FLINK_VERSION}), written by test/sql/conformance.test.ts`,
    '# A miss: a valid case we reject, or an asserted-invalid case we accept (or reject on the wrong line).',
    '# Format: id [expected] -> our first error (line:column message); dt-sql-parser verdict; then the text.',
    '',
  ];
  for (const source of SOURCES) {
    const misses = outcomes.filter((o) => o.c.source === source && asserted(o.c) && !agrees(o));
    lines.push(`## ${source}: ${misses.length} misses`, '');
    for (const o of misses) {
      const expected = o.c.expect === 'valid' ? 'valid' : `invalid${o.c.errorLine ? ` at line ${o.c.errorLine}` : ''}`;
      const known = KNOWN_EXCEPTIONS[o.c.id] ? ` (known exception: ${KNOWN_EXCEPTIONS[o.c.id]})` : '';
      lines.push(`${o.c.id} [${expected}]${known}`);
      lines.push(`  ours: ${o.ours.accepted ? 'accepted' : o.ours.firstError}`);
      lines.push(`  dt-sql-parser: ${o.dt.accepted ? 'accepted' : o.dt.firstError}`);
      if (o.c.note) lines.push(`  note: ${o.c.note}`);
      lines.push(...o.c.text.split('\n').map((l) => `  | ${l}`), '');
    }
  }
  return lines.join('\n');
}

describe.skipIf(corpusAbsent)(
  `Flink SQL corpus conformance${corpusAbsent ? ' (skipped: ../shared not present)' : ''}`,
  () => {
    let outcomes: Outcome[] = [];
    const bySource = (s: CorpusSource): Outcome[] => outcomes.filter((o) => o.c.source === s);

    beforeAll(() => {
      const cases = loadCorpus();
      dtValidate('SELECT 1'); // its ~300 ms warm-up stays out of the timings below
      let oursMs = 0;
      let dtMs = 0;
      outcomes = cases.map((c) => {
        let t = performance.now();
        const ours = ourVerdict(c.text);
        oursMs += performance.now() - t;
        t = performance.now();
        const dt = dtVerdict(c.text);
        dtMs += performance.now() - t;
        return { c, ours, dt };
      });

      const table = [
        `Flink SQL corpus conformance, ${cases.length} cases, flinkVersion ${CORPUS_FLINK_VERSION}`,
        `${'source'.padEnd(17)} ${'parser'.padEnd(14)} ${'valid accepted'.padEnd(20)} ${'syntax-invalid rej.'.padEnd(20)} semantic-invalid rej. (not asserted)`,
        ...SOURCES.flatMap((s) => figures(bySource(s), s)),
        ...figures(outcomes, 'all'),
        `parse time over all cases: ours ${oursMs.toFixed(0)} ms, dt-sql-parser ${dtMs.toFixed(0)} ms (warm)`,
      ];
      console.log(table.join('\n'));

      const cacheDir = path.join(repoRoot, '.streampilot-cache');
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(
        path.join(cacheDir, 'conformance-misses.txt'),
        `${table.map((l) => `# ${l}`).join('\n')}\n\n${missReport(outcomes)}`,
      );
    });

    const summary = (list: Outcome[]): string[] =>
      list.map((o) => `${o.c.id}: ${o.ours.accepted ? 'accepted' : o.ours.firstError}`);

    test('the corpus loads every source', () => {
      for (const s of SOURCES) expect(bySource(s).length, s).toBeGreaterThan(0);
    });

    test('every valid case is accepted (apart from the known exceptions)', () => {
      const rejected = outcomes.filter((o) => o.c.expect === 'valid' && !o.ours.accepted && !KNOWN_EXCEPTIONS[o.c.id]);
      expect(summary(rejected)).toEqual([]);
    });

    test('every syntax-invalid SQL-client case is rejected, first error on the line Flink reports', () => {
      const missed = bySource('flink-sql-client').filter(
        (o) => o.c.expect === 'invalid' && o.c.kind === 'syntax' && !agrees(o) && !KNOWN_EXCEPTIONS[o.c.id],
      );
      expect(summary(missed).map((s, i) => `${s} (expected line ${missed[i]!.c.errorLine ?? 'any'})`)).toEqual([]);
    });

    test('every other asserted-invalid case is rejected (on the expected line where one is known)', () => {
      const missed = outcomes.filter(
        (o) => o.c.source !== 'flink-sql-client' && o.c.expect === 'invalid' && !agrees(o) && !KNOWN_EXCEPTIONS[o.c.id],
      );
      expect(summary(missed)).toEqual([]);
    });

    test('every known exception names a corpus case that still needs it', () => {
      const byId = new Map(outcomes.map((o) => [o.c.id, o]));
      const stale = Object.keys(KNOWN_EXCEPTIONS).filter((id) => {
        const o = byId.get(id);
        return !o || agrees(o);
      });
      expect(stale, 'remove these entries from test/sql/known-exceptions.ts').toEqual([]);
    });
  },
);
