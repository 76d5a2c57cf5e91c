import { describe, expect, test } from 'vitest';
import { parseScript } from '../../src/sql/parse.js';
import { LineMap } from '../../src/text/source.js';

/** Each issue as `line:column message` (+ hint), the way a user reads it. */
function issues(text: string, flinkVersion = '1.20'): string[] {
  const lines = new LineMap(text);
  return parseScript(text, { flinkVersion }).issues.map((i) => {
    const p = lines.position(i.range.start);
    return `${p.line}:${p.column} ${i.message}${i.hint ? ` [${i.hint}]` : ''}`;
  });
}

describe('parseScript', () => {
  test('splits at `;`, keeps statement sets whole, allows a last statement without `;` and empty statements', () => {
    const r = parseScript(`SET 'a' = 'b';;
CREATE TABLE t (a INT) WITH ('connector' = 'datagen');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO x SELECT a FROM t;
  INSERT INTO y SELECT a FROM t;
END;
BEGIN STATEMENT SET;
INSERT INTO x SELECT 1;
END;
SELECT 1`);
    expect(r.issues).toEqual([]);
    expect(r.statements.map((s) => s.kind)).toEqual(['set', 'createTable', 'statementSet', 'statementSet', 'query']);
  });

  test('comments are returned, hints are not comments', () => {
    const text = '-- a\nSELECT /*+ x */ 1 /* b */';
    const r = parseScript(text);
    expect(r.comments).toEqual([
      { start: 0, end: 4 },
      { start: text.indexOf('/* b'), end: text.length },
    ]);
  });

  test('every broken statement of a file is reported, each at its place', () => {
    const text = `CREATE TABLE a (
  id INT,
  name STRING,
) WITH ('connector' = 'kafka');
CREATE TABLE b (x INT y STRING) WITH ('connector' = 'kafka');
INSERT INTO b SELECT * FROM a;
SET 'k' = "v";
CREATE TABLE c (x INT) WITH (connector = 'kafka');
CREATE TABLE d (x INT) WITH ('format' = json);
SELECT 'never closed FROM a`;
    expect(issues(text)).toEqual([
      '4:1 expected a column definition after `,`, found `)` [remove the trailing comma]',
      '5:23 expected `,` or `)` after column `x`, found `y` [separate columns with commas]',
      `7:11 expected the value of 'k', found "v" [Flink quotes strings with single quotes: write 'v']`,
      "8:30 option keys must be quoted strings, found connector [write 'connector']",
      "9:41 option values must be quoted strings, found json [write 'json']",
      "10:8 this string is never closed: add the closing `'`",
    ]);
    // the statements between the broken ones still parse
    expect(parseScript(text).statements.map((s) => s.kind)).toEqual(['insert']);
  });

  test('a missing `;` between two statements is reported with a hint, and both statements parse', () => {
    const text = "SET 'a' = 'b'\nCREATE TABLE t (a INT) WITH ('connector' = 'x')\nINSERT INTO t SELECT 1;";
    expect(issues(text)).toEqual(
      [
        'expected `;` after the statement, found `CREATE` [end the previous statement with `;` (line 1)]',
        'expected `;` after the statement, found `INSERT` [end the previous statement with `;` (line 2)]',
      ].map((m, i) => `${i + 2}:1 ${m}`),
    );
    expect(parseScript(text).statements.map((s) => s.kind)).toEqual(['set', 'createTable', 'insert']);
  });

  test('an error that runs into the next statement resumes there', () => {
    const text = "CREATE TABLE t (a INT,\nCREATE TABLE u (b INT) WITH ('connector' = 'x');";
    expect(issues(text)).toEqual([
      '2:1 expected a column name, found the reserved word `CREATE` [if `CREATE` starts a new statement, end the previous one with `;`]',
    ]);
    expect(parseScript(text).statements.map((s) => s.kind)).toEqual(['createTable']);
  });

  test('errors inside a statement set are reported per INSERT and the set goes on', () => {
    const text = `EXECUTE STATEMENT SET BEGIN
INSERT INTO a SELECT 1;
INSERT b SELECT 2;
INSERT INTO c SELECT 3;
CREATE TABLE x (a INT);
END;`;
    expect(issues(text)).toEqual([
      '3:8 expected `INTO` or `OVERWRITE` after `INSERT`, found `b`',
      '5:1 expected an INSERT or `END` inside the statement set, found `CREATE` [a statement set holds only INSERT statements, each ending with `;`]',
    ]);
    const set = parseScript(text).statements[0];
    expect(set?.kind === 'statementSet' && set.statements.map((s) => s.target.parts[0]!.value)).toEqual(['a', 'c']);
  });

  test('an unclosed EXECUTE STATEMENT SET and lexer errors become issues', () => {
    expect(issues('EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1;')).toEqual([
      '1:1 this statement set is never closed: add `END;` after its last INSERT',
    ]);
    expect(issues('SELECT 1 /* open')).toEqual(['1:10 this comment is never closed: add `*/` where it should end']);
    expect(issues('SELECT a § b FROM t;')[0]).toBe('1:10 unexpected character `§`');
  });

  test('never throws on arbitrary input', () => {
    const pieces = [
      'CREATE',
      'TABLE',
      '(',
      ')',
      ',',
      ';',
      'WITH',
      "'x'",
      '=',
      'INSERT',
      'INTO',
      'SELECT',
      'END',
      'BEGIN',
      'STATEMENT',
      'SET',
      'ROW<',
      'ARRAY',
      '>',
      'a',
      '1',
      'EXECUTE',
      '`q`',
      '"d"',
    ];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 500; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(rand() * 30) },
        () => pieces[Math.floor(rand() * pieces.length)],
      ).join(' ');
      expect(() => parseScript(text)).not.toThrow();
    }
  });
});
