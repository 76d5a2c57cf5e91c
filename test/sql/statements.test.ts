import { describe, expect, test } from 'vitest';
import { nameKey } from '../../src/sql/model/common.js';
import type { Statement } from '../../src/sql/model/statements.js';
import { parseScript } from '../../src/sql/parse.js';
import { printScript, printStatement } from '../../src/sql/printer/statements.js';

function one<K extends Statement['kind']>(
  text: string,
  kind: K,
  flinkVersion = '2.0',
): Extract<Statement, { kind: K }> {
  const r = parseScript(text, { flinkVersion });
  expect(r.issues).toEqual([]);
  expect(r.statements).toHaveLength(1);
  const s = r.statements[0]!;
  expect(s.kind).toBe(kind);
  return s as Extract<Statement, { kind: K }>;
}

/** Ranges removed, for comparing a reparsed tree with the original. */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k, x]) => k !== 'range' && x !== undefined)
      .map(([k, x]) => [k, strip(x)]),
  );
}

const at = (text: string, part: string, from = 0) => ({
  start: text.indexOf(part, from),
  end: text.indexOf(part, from) + part.length,
});

describe('CREATE TABLE', () => {
  const sql = `CREATE TEMPORARY TABLE IF NOT EXISTS cat.db.orders (
  id BIGINT NOT NULL COMMENT 'order id',
  price DECIMAL(10, 2),
  total AS price * 2,
  ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
  CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED
) COMMENT 'orders' PARTITIONED BY (price) WITH (
  'connector' = 'kafka',
  'topic' = 'orders'
)`;

  test('columns of every kind, watermark, constraint, options with exact ranges', () => {
    const t = one(sql, 'createTable');
    expect(nameKey(t.name)).toBe('cat.db.orders');
    expect([t.temporary, t.ifNotExists, t.orReplace]).toEqual([true, true, false]);
    expect(t.columns.map((c) => [c.name.value, c.columnKind])).toEqual([
      ['id', 'physical'],
      ['price', 'physical'],
      ['total', 'computed'],
      ['ts', 'metadata'],
    ]);
    expect(t.columns[0]!.comment?.value).toBe('order id');
    expect(t.columns[0]!.type).toMatchObject({ kind: 'atomic', name: 'BIGINT', nullable: false });
    expect(t.columns[3]).toMatchObject({ metadataKey: { value: 'timestamp' }, virtual: true });
    expect(t.columns[2]!.expression?.range).toEqual(at(sql, 'price * 2'));
    expect(t.watermarks[0]!.column.parts[0]!.value).toBe('ts');
    expect(t.watermarks[0]!.range).toEqual(at(sql, "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND"));
    expect(t.constraints[0]).toMatchObject({ constraintKind: 'primaryKey', name: { value: 'pk' }, enforced: false });
    expect(t.constraints[0]!.columns.map((c) => c.value)).toEqual(['id']);
    expect(t.comment?.value).toBe('orders');
    expect(t.partitionedBy.map((p) => p.value)).toEqual(['price']);
    expect(t.options.map((o) => [o.key.value, o.value.value])).toEqual([
      ['connector', 'kafka'],
      ['topic', 'orders'],
    ]);
    expect(t.options[1]!.key.range).toEqual(at(sql, "'topic'"));
    expect(t.options[1]!.value.range).toEqual(at(sql, "'orders'", sql.indexOf("'topic'")));
    expect(t.options[1]!.range).toEqual(at(sql, "'topic' = 'orders'"));
    expect(t.range).toEqual({ start: 0, end: sql.length });
  });

  test('inline primary key, LIKE with its options, CTAS, RTAS', () => {
    const inline = one(
      "CREATE TABLE t (id INT PRIMARY KEY NOT ENFORCED, v STRING) WITH ('connector' = 'print')",
      'createTable',
    );
    expect(inline.columns[0]!.primaryKey).toBe(true);
    const like = one(
      "CREATE TABLE t2 (WATERMARK FOR ts AS ts) WITH ('a' = 'b') LIKE t1 (EXCLUDING ALL INCLUDING GENERATED)",
      'createTable',
    );
    expect(like.like).toMatchObject({
      source: { parts: [{ value: 't1' }] },
      options: ['EXCLUDING ALL', 'INCLUDING GENERATED'],
    });
    const ctas = one("CREATE TABLE t WITH ('connector' = 'print') AS SELECT a, b FROM src", 'createTable');
    expect(ctas.asQuery?.kind).toBeDefined();
    const rtas = one('CREATE OR REPLACE TABLE t AS SELECT 1', 'createTable');
    expect(rtas.orReplace).toBe(true);
    expect(parseScript('CREATE OR REPLACE TABLE t (a INT)').issues[0]?.message).toMatch(
      /CREATE OR REPLACE TABLE needs `AS`/,
    );
  });

  test('DISTRIBUTED BY needs Flink 1.20 (FLIP-376 shipped in 1.20)', () => {
    const sql2 = "CREATE TABLE t (a INT) DISTRIBUTED BY HASH(a) INTO 4 BUCKETS WITH ('connector' = 'x')";
    expect(one(sql2, 'createTable', '1.20').distribution).toMatchObject({
      algorithm: 'HASH',
      columns: [{ value: 'a' }],
      buckets: 4,
    });
    const old = parseScript(sql2, { flinkVersion: '1.19' });
    expect(old.issues).toHaveLength(1);
    expect(old.issues[0]!.message).toBe(
      'DISTRIBUTED BY / DISTRIBUTED INTO needs Flink 1.20 or later; this job declares flinkVersion 1.19',
    );
    expect(old.issues[0]!.range).toEqual(at(sql2, 'DISTRIBUTED'));
  });
});

describe('DML', () => {
  test('INSERT with partition, columns and hints; OVERWRITE; EXECUTE INSERT', () => {
    const sql =
      "INSERT INTO db.sink /*+ OPTIONS('sink.parallelism'='2') */ PARTITION (dt = '2024') (a, b) SELECT a, b FROM src";
    const i = one(sql, 'insert');
    expect(nameKey(i.target)).toBe('db.sink');
    expect(i.target.range).toEqual(at(sql, 'db.sink'));
    expect(i.targetColumns?.map((c) => c.value)).toEqual(['a', 'b']);
    expect(i.partition?.map((p) => p.column.value)).toEqual(['dt']);
    expect(i.hints).toHaveLength(1);
    expect(i.query.range).toEqual(at(sql, 'SELECT a, b FROM src'));
    expect(one('INSERT OVERWRITE t SELECT 1', 'insert').overwrite).toBe(true);
    expect(one('EXECUTE INSERT INTO t VALUES (1)', 'insert').execute).toBe(true);
    expect(one('INSERT INTO t (SELECT 1)', 'insert').targetColumns).toBeUndefined();
  });

  test('both statement set forms hold their INSERTs', () => {
    const exec = one(
      'EXECUTE STATEMENT SET BEGIN\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;\nEND;',
      'statementSet',
    );
    expect(exec.form).toBe('execute');
    expect(exec.statements.map((s) => nameKey(s.target))).toEqual(['a', 'b']);
    const begin = one('BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nEND;', 'statementSet');
    expect(begin.form).toBe('begin');
    expect(begin.statements).toHaveLength(1);
    expect(parseScript('EXECUTE STATEMENT SET BEGIN\nEND;').issues[0]?.message).toMatch(/needs at least one INSERT/);
  });

  test('DELETE, UPDATE, TRUNCATE, CALL', () => {
    expect(one('DELETE FROM t WHERE a = 1', 'delete').where).toBeDefined();
    const u = one("UPDATE t SET a = 1, b = 'x' WHERE c > 2", 'update');
    expect(u.assignments.map((a) => a.column.value)).toEqual(['a', 'b']);
    expect(nameKey(one('TRUNCATE TABLE db.t', 'truncate').name)).toBe('db.t');
    expect(one("CALL cat.`system`.proc(1, 'a')", 'call').arguments).toHaveLength(2);
  });

  test('EXPLAIN with details, COMPILE PLAN, EXECUTE PLAN', () => {
    const e = one('EXPLAIN CHANGELOG_MODE, JSON_EXECUTION_PLAN SELECT 1', 'explain');
    expect(e.details).toEqual(['CHANGELOG_MODE', 'JSON_EXECUTION_PLAN']);
    expect(e.statement.kind).toBe('query');
    expect(one('EXPLAIN PLAN FOR INSERT INTO t SELECT 1', 'explain').statement.kind).toBe('insert');
    expect(one('EXPLAIN STATEMENT SET BEGIN INSERT INTO t SELECT 1; END', 'explain').statement.kind).toBe(
      'statementSet',
    );
    const cp = one("COMPILE PLAN '/tmp/p.json' IF NOT EXISTS FOR INSERT INTO t SELECT 1", 'compilePlan');
    expect([cp.file.value, cp.ifNotExists]).toEqual(['/tmp/p.json', true]);
    expect(one("EXECUTE PLAN '/tmp/p.json'", 'executePlan').file.value).toBe('/tmp/p.json');
  });
});

describe('other DDL', () => {
  test('catalog, database, view, function, model, materialized table', () => {
    const cat = one("CREATE CATALOG c WITH ('type' = 'generic_in_memory')", 'createCatalog');
    expect([cat.name.value, cat.options[0]!.value.value]).toEqual(['c', 'generic_in_memory']);
    expect(one("CREATE DATABASE IF NOT EXISTS c.db COMMENT 'x'", 'createDatabase').ifNotExists).toBe(true);
    const v = one('CREATE TEMPORARY VIEW v (a, b) AS SELECT 1, 2', 'createView');
    expect([v.temporary, v.columns?.length]).toEqual([true, 2]);
    const f = one(
      "CREATE TEMPORARY SYSTEM FUNCTION f AS 'com.x.F' LANGUAGE JAVA USING JAR '/a.jar', JAR '/b.jar'",
      'createFunction',
    );
    expect([f.temporary, f.system, f.className.value, f.language, f.usingJars.map((j) => j.value)]).toEqual([
      true,
      true,
      'com.x.F',
      'JAVA',
      ['/a.jar', '/b.jar'],
    ]);
    const m = one("CREATE MODEL m INPUT (x STRING) OUTPUT (y DOUBLE) WITH ('provider' = 'openai')", 'createModel');
    expect([m.input[0]!.name.value, m.output[0]!.name.value]).toEqual(['x', 'y']);
    const mt = one(
      "CREATE MATERIALIZED TABLE mt FRESHNESS = INTERVAL '3' MINUTE REFRESH_MODE = FULL AS SELECT * FROM t",
      'createMaterializedTable',
    );
    expect([mt.refreshMode, mt.freshness?.kind]).toEqual(['FULL', 'interval']);
    expect(
      parseScript('CREATE MATERIALIZED TABLE mt AS SELECT 1', { flinkVersion: '1.19' }).issues[0]?.message,
    ).toMatch(/needs Flink 1.20/);
  });

  test('ALTER TABLE changes', () => {
    expect(one('ALTER TABLE t RENAME TO t2', 'alterTable').change).toMatchObject({
      action: 'rename',
      newName: { parts: [{ value: 't2' }] },
    });
    expect(one('ALTER TABLE IF EXISTS t RENAME a TO b', 'alterTable')).toMatchObject({
      ifExists: true,
      change: { action: 'renameColumn' },
    });
    expect(one("ALTER TABLE t SET ('k' = 'v')", 'alterTable').change).toMatchObject({
      action: 'setOptions',
      options: [{ key: { value: 'k' } }],
    });
    expect(one("ALTER TABLE t RESET ('k')", 'alterTable').change).toMatchObject({
      action: 'resetOptions',
      keys: [{ value: 'k' }],
    });
    const add = one(
      "ALTER TABLE t ADD (c INT COMMENT 'c' AFTER b, d STRING FIRST, WATERMARK FOR ts AS ts)",
      'alterTable',
    ).change;
    expect(add.action).toBe('add');
    if (add.action !== 'add') return;
    expect(add.items.map((i) => i.item)).toEqual(['column', 'column', 'watermark']);
    expect(add.items[0]).toMatchObject({ position: { after: { value: 'b' } } });
    expect(one('ALTER TABLE t MODIFY PRIMARY KEY (a) NOT ENFORCED', 'alterTable').change).toMatchObject({
      action: 'modify',
      items: [{ item: 'constraint' }],
    });
    expect(one('ALTER TABLE t DROP (a, b)', 'alterTable').change).toMatchObject({
      action: 'dropColumns',
      parenthesised: true,
    });
    expect(one('ALTER TABLE t DROP WATERMARK', 'alterTable').change.action).toBe('dropWatermark');
    expect(one('ALTER TABLE t DROP DISTRIBUTION', 'alterTable').change.action).toBe('dropDistribution');
  });

  test('DROP of every object', () => {
    expect(one('DROP TEMPORARY SYSTEM FUNCTION IF EXISTS f', 'drop')).toMatchObject({
      objectType: 'FUNCTION',
      temporary: true,
      system: true,
      ifExists: true,
    });
    expect(one('DROP MATERIALIZED TABLE mt', 'drop').objectType).toBe('MATERIALIZED TABLE');
    expect(one('DROP DATABASE db CASCADE', 'drop').cascade).toBe('CASCADE');
  });
});

describe('utility statements', () => {
  test('SET and RESET, quoted and unquoted', () => {
    expect(one('SET', 'set').key).toBeUndefined();
    const s = one("SET 'table.exec.mini-batch.enabled' = 'true'", 'set');
    expect([s.key?.value, s.value?.value]).toEqual(['table.exec.mini-batch.enabled', 'true']);
    const raw = one('SET table.exec.state.ttl = 1h', 'set');
    expect([raw.key?.value, raw.value?.value]).toEqual(['table.exec.state.ttl', '1h']);
    expect(printStatement(raw)).toBe("SET 'table.exec.state.ttl' = '1h'");
    expect(one('RESET table.resources.download-dir', 'reset').key?.value).toBe('table.resources.download-dir');
  });

  test('SHOW, DESCRIBE, USE, modules, jars, ANALYZE, jobs', () => {
    expect(one("SHOW TABLES FROM db NOT LIKE 'a%'", 'show')).toMatchObject({
      object: 'TABLES',
      from: { preposition: 'FROM' },
      like: { not: true, caseInsensitive: false },
    });
    expect(one('SHOW CREATE TABLE db.t', 'show')).toMatchObject({
      object: 'CREATE TABLE',
      name: { parts: [{ value: 'db' }, { value: 't' }] },
    });
    expect(one('SHOW COLUMNS IN t', 'show').from?.preposition).toBe('IN');
    expect(parseScript('show databases in c0.t').issues[0]?.message).toMatch(/takes a catalog name/);
    expect(one('DESCRIBE CATALOG EXTENDED c', 'describe')).toMatchObject({ objectType: 'CATALOG', extended: true });
    expect(one('DESC t', 'describe').objectType).toBeUndefined();
    expect(one('USE CATALOG c', 'use').catalog).toBe(true);
    expect(one('USE MODULES hive, core', 'useModules').modules.map((m) => m.value)).toEqual(['hive', 'core']);
    expect(one("LOAD MODULE hive WITH ('hive-version' = '3.1')", 'loadModule').options).toHaveLength(1);
    expect(parseScript("LOAD MODULE 'dummy'").issues[0]?.range).toEqual({ start: 12, end: 19 });
    expect(one("ADD JAR '/x.jar'", 'addJar').path.value).toBe('/x.jar');
    expect(one('ANALYZE TABLE t PARTITION (p) COMPUTE STATISTICS FOR ALL COLUMNS', 'analyze').columns).toBe('all');
    expect(one("STOP JOB 'abc' WITH SAVEPOINT WITH DRAIN", 'stopJob')).toMatchObject({
      withSavepoint: true,
      withDrain: true,
    });
  });

  test('DTStack-only syntax is rejected', () => {
    expect(parseScript('ADD FILE WITH /tmp/a.txt;').issues[0]?.message).toMatch(/DTStack/);
    expect(parseScript('ADD JAR WITH /tmp/a.jar;').issues[0]?.message).toMatch(/DTStack/);
  });
});

describe('printer round trip', () => {
  const scripts = [
    "CREATE TABLE t (a INT NOT NULL PRIMARY KEY NOT ENFORCED, b AS a + 1, ts TIMESTAMP(3) METADATA VIRTUAL, WATERMARK FOR ts AS ts) COMMENT 'c' PARTITIONED BY (a) WITH ('connector' = 'x') LIKE s (OVERWRITING OPTIONS)",
    'EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT OVERWRITE b PARTITION (p = 1) (x) SELECT 2; END',
    'ALTER TABLE t ADD (c INT FIRST, PRIMARY KEY (c) NOT ENFORCED)',
    'ALTER TABLE t ADD DISTRIBUTION BY HASH(a) INTO 3 BUCKETS',
    "CREATE TEMPORARY FUNCTION f AS 'x' LANGUAGE PYTHON",
    "SHOW USER FUNCTIONS IN db ILIKE 'f%'",
    'EXPLAIN ESTIMATED_COST STATEMENT SET BEGIN INSERT INTO a SELECT 1; END',
    "COMPILE AND EXECUTE PLAN 'f' FOR INSERT INTO a SELECT 1",
    "CREATE MODEL m INPUT (a STRING) OUTPUT (b ARRAY<FLOAT>) COMMENT 'x' WITH ('k' = 'v')",
    "ALTER MATERIALIZED TABLE mt SET FRESHNESS = INTERVAL '1' HOUR",
    "RESET 'a'",
  ];
  test.each(scripts)('%s', (sql) => {
    const first = parseScript(sql, { flinkVersion: '2.0' });
    expect(first.issues).toEqual([]);
    const printed = printScript(first.statements);
    const second = parseScript(printed, { flinkVersion: '2.0' });
    expect(second.issues).toEqual([]);
    expect(strip(second.statements)).toEqual(strip(first.statements));
    expect(printScript(second.statements)).toBe(printed);
  });

  test('the script form is what the naive runner reads', () => {
    const { statements } = parseScript(
      "SET a = b; BEGIN STATEMENT SET; INSERT INTO a SELECT 1; END; -- done\nSELECT ';' FROM t",
    );
    const printed = printScript(statements, { runner: true });
    expect(printed).toBe(
      "SET 'a' = 'b';\nEXECUTE STATEMENT SET\nBEGIN\nINSERT INTO a\nSELECT 1;\nEND;\nSELECT ';' FROM t;\n",
    );
  });
});
