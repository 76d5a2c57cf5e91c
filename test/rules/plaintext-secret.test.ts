import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { plaintextSecret } from '../../src/rules/plaintext-secret.js';
import { credentialInValue, isSecretKey } from '../../src/text/secret-keys.js';
import { at, context, job } from './fixtures.js';

describe('sql/plaintext-secret', () => {
  test('a literal password is an error at its value; a ${variable} is fine after substitution too', () => {
    const sql = `CREATE TABLE dim (id INT) WITH (
  'connector' = 'jdbc', 'url' = 'jdbc:mysql://db:3306/x', 'table-name' = 'dim',
  'username' = '\${db_user}', -- user; not secret
  'password' = '\${db_password}'
);
CREATE TABLE dim2 (id INT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://db:3306/x', 'table-name' = 'dim2', 'password' = 'hunter2;--');
`;
    // Substituted values are longer than the references: positions must still be the user's.
    const ctx = context(sql, {
      job: job({ variables: { db_user: 'app', db_password: 'a-very-long-substituted-secret' } }),
    });
    const ds = runRules(ctx, [plaintextSecret]);
    expect(ds).toHaveLength(1);
    const value = at(sql, "'hunter2;--'");
    expect(ds[0]).toMatchObject({
      rule: 'sql/plaintext-secret',
      severity: 'error',
      line: value.line,
      column: value.column,
      endColumn: value.column + "'hunter2;--'".length,
    });
    expect(ds[0]!.hint).toContain('${password}');
  });

  test('SET statements and catalog options are checked as well', () => {
    const sql = "SET 'fs.s3a.secret.key' = 'abc';\nCREATE CATALOG c WITH ('type' = 'jdbc', 'password' = 'p');";
    expect(runRules(context(sql), [plaintextSecret]).map((d) => [d.line, d.column])).toEqual([
      [1, at(sql, "'abc'").column],
      [2, at(sql, "'p'").column],
    ]);
  });

  test('which keys are secrets', () => {
    for (const k of [
      'password',
      'properties.sasl.jaas.config',
      'properties.ssl.keystore.password',
      'avro-confluent.basic-auth.user-info',
      'fs.s3a.access.key',
      's3.secret-key',
      'avro-confluent.bearer-auth.token',
    ])
      expect(isSecretKey(k), k).toBe(true);
    for (const k of [
      'username',
      'avro-confluent.basic-auth.credentials-source',
      'sink.transactional-id-prefix',
      'key.fields',
      'properties.ssl.keystore.location',
    ])
      expect(isSecretKey(k), k).toBe(false);
  });

  test("a password inside a JDBC URL or a URL's user info is an error at the value; a ${variable} there is fine", () => {
    const sql = `CREATE TABLE a (id INT) WITH ('connector' = 'jdbc', 'table-name' = 'a', 'url' = 'jdbc:mysql://db:3306/x?user=app&password=hunter2');
CREATE TABLE b (id INT) WITH ('connector' = 'jdbc', 'table-name' = 'b', 'url' = 'jdbc:postgresql://app:hunter2@db:5432/x');
CREATE TABLE c (id INT) WITH ('connector' = 'jdbc', 'table-name' = 'c', 'url' = 'jdbc:sqlserver://db;user=app;password=\${db_password}');
CREATE TABLE d (id INT) WITH ('connector' = 'jdbc', 'table-name' = 'd', 'url' = 'jdbc:mysql://db:3306/x?useSSL=true');`;
    const ctx = context(sql, { job: job({ variables: { db_password: 'from-variables' } }) });
    const ds = runRules(ctx, [plaintextSecret]);
    expect(ds.map((d) => [d.line, d.column, d.message])).toEqual([
      [
        1,
        at(sql, "'jdbc:mysql://db:3306/x?user").column,
        "'url' has a `password=` parameter written in plain text inside its value",
      ],
      [
        2,
        at(sql, "'jdbc:postgresql").column,
        "'url' has a password in the URL (`user:password@`) written in plain text inside its value",
      ],
    ]);
  });

  test('credentials inside values, as the manifest check and the SQL rule see them', () => {
    expect(credentialInValue('jdbc:sqlserver://db;user=app;password=x')).toBe('`password=` parameter');
    expect(credentialInValue('https://u:p@host/x')).toBe('password in the URL (`user:password@`)');
    expect(credentialInValue('jdbc:mysql://db/x?password=')).toBeUndefined();
    expect(credentialInValue('jdbc:mysql://db/x?password=${pw}')).toBeUndefined();
    expect(credentialInValue('kafka:9092')).toBeUndefined();
  });
});
