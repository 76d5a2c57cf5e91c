import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { primaryKeyEnforced } from '../../src/rules/primary-key-enforced.js';
import { at, context } from './fixtures.js';

const run = (sql: string) => runRules(context(sql), [primaryKeyEnforced]);

describe('sql/primary-key-enforced', () => {
  test('a table PRIMARY KEY without NOT ENFORCED is reported on the constraint, with the fix', () => {
    const sql = "CREATE TABLE users (id BIGINT, name STRING, PRIMARY KEY (id)) WITH ('connector' = 'print');";
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      rule: 'sql/primary-key-enforced',
      severity: 'error',
      ...at(sql, 'PRIMARY KEY (id)'),
      endColumn: at(sql, 'PRIMARY KEY (id)').column + 'PRIMARY KEY (id)'.length,
      message: expect.stringContaining('NOT ENFORCED'),
      hint: expect.stringContaining('PRIMARY KEY (id) NOT ENFORCED'),
    });
  });

  test('an inline key, an explicit ENFORCED and an ALTER TABLE ADD are reported too', () => {
    expect(run("CREATE TABLE u (id BIGINT PRIMARY KEY, n STRING) WITH ('connector' = 'print');")).toHaveLength(1);
    expect(run("CREATE TABLE u (id BIGINT, PRIMARY KEY (id) ENFORCED) WITH ('connector' = 'print');")).toHaveLength(1);
    const alter = "CREATE TABLE u (id BIGINT) WITH ('connector' = 'print');\nALTER TABLE u ADD PRIMARY KEY (id);";
    expect(run(alter)).toMatchObject([{ line: 2 }]);
  });

  test('UNIQUE is refused whatever its mode', () => {
    const sql = "CREATE TABLE u (id BIGINT, UNIQUE (id) NOT ENFORCED) WITH ('connector' = 'print');";
    expect(run(sql)).toMatchObject([{ message: 'Flink does not support UNIQUE constraints', ...at(sql, 'UNIQUE') }]);
  });

  test('keys declared NOT ENFORCED, inline or not, named or not, stay quiet', () => {
    expect(
      run(
        [
          "CREATE TABLE a (id BIGINT PRIMARY KEY NOT ENFORCED) WITH ('connector' = 'print');",
          "CREATE TABLE b (id BIGINT, CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'print');",
          'ALTER TABLE b ADD CONSTRAINT pk2 PRIMARY KEY (id) NOT ENFORCED;',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});
