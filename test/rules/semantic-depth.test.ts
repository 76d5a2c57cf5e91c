import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { MAX_SEMANTIC_DEPTH } from '../../src/sql/parser/depth.js';
import { context, job } from './fixtures.js';

const TABLES = `CREATE TABLE t (a INT, b INT) WITH ('connector' = 'datagen');
CREATE TABLE sink (x BIGINT) WITH ('connector' = 'print');
`;
/** `a + a + … + amout`: a chain the parser walks by a loop, `terms` long, with one misspelt column at its end. */
const chain = (terms: number) =>
  `${TABLES}INSERT INTO sink SELECT ${Array(terms).fill('a').join(' + ')} + amout FROM t;`;
const run = (sql: string) => runRules(context(sql, { job: job() }));

describe('the semantic rules on very long expression chains', () => {
  test('a long but ordinary chain is still checked: the misspelt column at its end is found', () => {
    const ds = run(chain(100));
    expect(ds.map((d) => d.rule)).toContain('sql/unknown-column');
  });

  test('a chain deeper than the semantic analysis walks gets no semantic finding and no internal failure', () => {
    const ds = run(chain(MAX_SEMANTIC_DEPTH * 10));
    expect(ds.filter((d) => d.rule === 'internal/rule-failed')).toEqual([]);
    expect(ds.map((d) => d.rule)).not.toContain('sql/unknown-column');
  });
});
