/**
 * The name rules over every valid case of the shared corpus: each file on its own, and the SQL
 * client's accepted statements of one script in order (they build on each other's tables). A
 * finding here is a false alarm unless the case is one Flink itself refuses (listed below).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ambiguousColumn } from '../../src/rules/ambiguous-column.js';
import { duplicateColumn } from '../../src/rules/duplicate-column.js';
import { runRules } from '../../src/rules/index.js';
import { undeclaredColumn } from '../../src/rules/undeclared-column.js';
import { unknownColumn } from '../../src/rules/unknown-column.js';
import { unknownQualifier } from '../../src/rules/unknown-qualifier.js';
import { buildSqlUnits } from '../../src/sql/build-units.js';
import { CORPUS_FLINK_VERSION, corpusAbsent, corpusDir, loadCorpus } from '../support/corpus.js';

const RULES = [unknownColumn, ambiguousColumn, unknownQualifier, undeclaredColumn, duplicateColumn];

/**
 * dt-sql-parser fixtures ("valid" there means only that its grammar accepts them) that Flink's
 * planner refuses, and what refuses them.
 */
const FLINK_REFUSES: Readonly<Record<string, string[]>> = {
  // DefaultSchemaResolver: "Schema must not contain duplicate column names".
  'dt-sql-parser/createTable.sql:41': ['10:5 sql/duplicate-column', '11:5 sql/duplicate-column'],
  'dt-sql-parser/createTable.sql:128': ['10:5 sql/duplicate-column'],
  // A computed column over `b`, which the table does not have.
  'dt-sql-parser/createTable.sql:170': ['5:23 sql/unknown-column'],
  // SELECT without FROM naming a column.
  'dt-sql-parser/templates.sql:882': ['3:20 sql/unknown-column'],
};

interface ClientCase {
  source: string;
  sql: string;
  expect: 'valid' | 'invalid';
}

function jobs(): { id: string; text: string }[] {
  const files = loadCorpus()
    .filter((c) => c.expect === 'valid' && c.source !== 'flink-sql-client')
    .map((c) => ({ id: c.id, text: c.text }));
  const scripts = new Map<string, string[]>();
  const lines = readFileSync(path.join(corpusDir, 'flink-sql-client/cases.jsonl'), 'utf8').trim().split('\n');
  for (const line of lines) {
    const c = JSON.parse(line) as ClientCase;
    if (c.expect !== 'valid') continue;
    const list = scripts.get(c.source) ?? [];
    list.push(c.sql.trimEnd().endsWith(';') ? c.sql : `${c.sql};`);
    scripts.set(c.source, list);
  }
  return [...files, ...[...scripts].map(([id, statements]) => ({ id, text: statements.join('\n') }))];
}

describe.skipIf(corpusAbsent)('name rules on the valid corpus', () => {
  it('find nothing but what Flink itself refuses', () => {
    const found: Record<string, string[]> = {};
    for (const job of jobs()) {
      const { units } = buildSqlUnits([{ file: job.id, text: job.text }], { flinkVersion: CORPUS_FLINK_VERSION });
      const ds = runRules({ units, wholeJob: true }, RULES);
      if (ds.length > 0) found[job.id] = ds.map((d) => `${d.line}:${d.column} ${d.rule}`);
    }
    expect(found).toEqual(FLINK_REFUSES);
  });
});
