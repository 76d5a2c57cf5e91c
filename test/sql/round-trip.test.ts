/**
 * The canonical printer must lose nothing: for every valid corpus case our parser accepts,
 * parse -> printScript -> parse gives the same statements (ranges aside) and no issues,
 * and printing that second tree gives the same text again.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseScript } from '../../src/sql/parse.js';
import type { Statement } from '../../src/sql/model/statements.js';
import { CORPUS_FLINK_VERSION, corpusAbsent, loadCorpus, repoRoot } from '../support/corpus.js';
import { stripRanges } from '../support/strip-ranges.js';

// The printer is being written alongside this test: until it exists, the test skips.
const PRINTER = 'src/sql/printer/statements.ts';
const printerPresent = existsSync(path.join(repoRoot, PRINTER));
const skipReason = corpusAbsent
  ? ' (skipped: ../shared not present)'
  : !printerPresent
    ? ` (skipped: ${PRINTER} not written yet)`
    : '';

type PrintScript = (statements: Statement[]) => string;

async function loadPrinter(): Promise<PrintScript> {
  const specifier = '../../src/sql/printer/statements.js';
  const mod = (await import(/* @vite-ignore */ specifier)) as { printScript?: PrintScript };
  if (typeof mod.printScript !== 'function') throw new Error(`${PRINTER} does not export printScript(statements)`);
  return mod.printScript;
}

/** Where two range-free trees first differ, as a path like `[0].query.select[2].alias`. */
function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  ) {
    return `${at || '(root)'}: ${JSON.stringify(a)?.slice(0, 120)} became ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    const d = firstDifference(ra[key], rb[key], `${at}.${key}`);
    if (d) return d;
  }
  return undefined;
}

describe.skipIf(skipReason !== '')(`parse -> print -> parse round trip over the corpus${skipReason}`, () => {
  test('every cleanly parsed valid case prints to a script that parses to the same tree', async () => {
    const printScript = await loadPrinter();
    const options = { flinkVersion: CORPUS_FLINK_VERSION };
    const failures: string[] = [];
    let checked = 0;
    for (const c of loadCorpus()) {
      if (c.expect !== 'valid') continue;
      const first = parseScript(c.text, options);
      if (first.issues.length > 0) continue; // a conformance miss, reported there
      checked++;
      let printed: string;
      try {
        printed = printScript(first.statements);
      } catch (error) {
        failures.push(`${c.id}: printScript threw ${String(error)}`);
        continue;
      }
      const second = parseScript(printed, options);
      if (second.issues.length > 0) {
        const issue = second.issues[0]!;
        failures.push(
          `${c.id}: the printed script does not parse: ${issue.message} at ${JSON.stringify(printed.slice(issue.range.start, issue.range.start + 40))} in ${JSON.stringify(printed.slice(0, 300))}`,
        );
        continue;
      }
      const difference = firstDifference(stripRanges(first.statements), stripRanges(second.statements));
      if (difference) {
        failures.push(
          `${c.id}: the reparsed tree differs at ${difference}; printed: ${JSON.stringify(printed.slice(0, 300))}`,
        );
        continue;
      }
      const reprinted = printScript(second.statements);
      if (reprinted !== printed)
        failures.push(
          `${c.id}: printing is not stable: ${JSON.stringify(printed.slice(0, 200))} then ${JSON.stringify(reprinted.slice(0, 200))}`,
        );
    }
    console.log(`round trip: ${checked} cleanly parsed valid cases checked, ${failures.length} failed`);
    expect(checked, 'no valid corpus case parses cleanly yet').toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});
