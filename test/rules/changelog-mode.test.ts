import { describe, expect, test } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { changelogMode } from '../../src/rules/changelog-mode.js';
import { at, context, job } from './fixtures.js';

const run = (sql: string | Record<string, string>, flinkConfiguration: Record<string, string> = {}) =>
  runRules(context(sql, { job: job({ flinkConfiguration }) }), [changelogMode]);

const CLICKS = `CREATE TABLE clicks (
  user_id BIGINT, url STRING, ts TIMESTAMP(3), pt AS PROCTIME(),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');`;
const USERS_CDC = `CREATE TABLE users (
  id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED
) WITH ('connector' = 'mysql-cdc', 'hostname' = 'db', 'username' = 'u', 'password' = 'x', 'database-name' = 'shop', 'table-name' = 'users');`;
const KAFKA_SINK = `CREATE TABLE out_kafka (user_id BIGINT, n BIGINT) WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');`;
const job1 = (...statements: string[]) => [CLICKS, USERS_CDC, KAFKA_SINK, ...statements].join('\n');

describe('sql/changelog-mode', () => {
  test('a GROUP BY written into kafka is reported at the GROUP BY, naming the sink and the fixes', () => {
    const sql = job1('INSERT INTO out_kafka SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;');
    const ds = run(sql);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      rule: 'sql/changelog-mode',
      severity: 'error',
      ...at(sql, 'GROUP BY user_id'),
      message: expect.stringMatching(
        /^`out_kafka` \(kafka, format json\) accepts inserts only, but the query writing it produces updates, from the GROUP BY aggregation/,
      ),
    });
    expect(ds[0]!.hint).toContain('aggregate per window');
    expect(ds[0]!.hint).toContain('PRIMARY KEY (user_id) NOT ENFORCED');
    expect(ds[0]!.hint).toContain('debezium-json');
  });

  test('a CDC source copied into kafka is reported at the source, with deletes', () => {
    const sql = job1('INSERT INTO out_kafka SELECT id, id FROM users;');
    expect(run(sql)).toMatchObject([
      {
        ...at(sql, 'users;'),
        message: expect.stringContaining('produces updates and deletes, from the mysql-cdc source `users`'),
      },
    ]);
  });

  test('updates produced in a view are reported at the INSERT, pointing at the view', () => {
    const files = {
      'jobs/orders/views.sql': `${CLICKS}\n${KAFKA_SINK}\nCREATE VIEW per_user AS\nSELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id;`,
      'jobs/orders/main.sql': 'INSERT INTO out_kafka SELECT user_id, n FROM per_user;',
    };
    expect(run(files)).toMatchObject([
      {
        file: 'jobs/orders/main.sql',
        ...at(files['jobs/orders/main.sql'], 'out_kafka'),
        message: expect.stringContaining('(jobs/orders/views.sql:'),
      },
    ]);
  });

  test('a regular LEFT JOIN, a Top-N and a last-row deduplication into kafka are reported', () => {
    const join = job1(
      'INSERT INTO out_kafka SELECT c.user_id, c.user_id FROM clicks c LEFT JOIN clicks d ON c.user_id = d.user_id;',
    );
    expect(run(join)).toMatchObject([{ ...at(join, 'LEFT JOIN') }]);
    const last = job1(
      'INSERT INTO out_kafka SELECT user_id, user_id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY pt DESC) AS rn FROM clicks) WHERE rn = 1;',
    );
    expect(run(last)).toMatchObject([{ message: expect.stringContaining('last row'), ...at(last, 'ROW_NUMBER()') }]);
  });

  test('a filesystem sink with a plain format accepts inserts only too', () => {
    const sql = job1(
      "CREATE TABLE files (user_id BIGINT, n BIGINT) WITH ('connector' = 'filesystem', 'path' = 's3://b/x', 'format' = 'csv');",
      'INSERT INTO files SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;',
    );
    expect(run(sql)).toMatchObject([
      { message: expect.stringContaining('`files` (filesystem, format csv) accepts inserts only') },
    ]);
  });

  test('a CTAS into kafka and an INSERT inside a statement set are checked too', () => {
    const ctas = job1(
      "CREATE TABLE totals WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json') AS SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id;",
    );
    expect(run(ctas)).toMatchObject([
      { ...at(ctas, 'GROUP BY user_id'), message: expect.stringContaining('`totals`') },
    ]);
    const set = job1(
      'EXECUTE STATEMENT SET BEGIN\nINSERT INTO out_kafka SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;\nEND;',
    );
    expect(run(set)).toMatchObject([{ ...at(set, 'GROUP BY user_id') }]);
  });

  test('an OVER aggregation over a CDC source is refused whatever the sink, even print', () => {
    const sql = job1(
      "CREATE TABLE p (id BIGINT, n BIGINT) WITH ('connector' = 'print');",
      'INSERT INTO p SELECT id, COUNT(*) OVER (PARTITION BY name ORDER BY PROCTIME() ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM users;',
    );
    expect(run(sql)).toMatchObject([
      {
        ...at(sql, 'COUNT(*) OVER'),
        message: expect.stringContaining(
          'the OVER aggregation reads inserts only, but its input produces updates, from the mysql-cdc source `users`',
        ),
      },
    ]);
  });

  test('a JDBC sink without a primary key fed updates is reported; with one it upserts', () => {
    const jdbc = (pk: string) =>
      `CREATE TABLE out_db (user_id BIGINT, n BIGINT${pk}) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://db/x', 'table-name' = 't');`;
    const sql = job1(jdbc(''), 'INSERT INTO out_db SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;');
    expect(run(sql)).toMatchObject([
      {
        message: expect.stringContaining('`out_db` (jdbc) has no PRIMARY KEY'),
        hint: expect.stringContaining('PRIMARY KEY (user_id) NOT ENFORCED: JDBC then upserts'),
      },
    ]);
    expect(run(sql.replace(jdbc(''), jdbc(', PRIMARY KEY (user_id) NOT ENFORCED')))).toEqual([]);
  });

  test('window aggregations, interval and temporal joins and proctime first-row dedup into kafka stay quiet', () => {
    const quiet = [
      "INSERT INTO out_kafka SELECT user_id, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, user_id;",
      "INSERT INTO out_kafka SELECT c.user_id, c.user_id FROM clicks c LEFT JOIN clicks d ON c.user_id = d.user_id AND d.ts BETWEEN c.ts - INTERVAL '1' HOUR AND c.ts;",
      'INSERT INTO out_kafka SELECT c.user_id, u.id FROM clicks c JOIN users FOR SYSTEM_TIME AS OF c.ts AS u ON c.user_id = u.id;',
      'INSERT INTO out_kafka SELECT user_id, user_id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY pt ASC) AS rn FROM clicks) WHERE rn = 1;',
      'INSERT INTO out_kafka SELECT user_id, user_id FROM clicks WHERE url IS NOT NULL;',
    ];
    for (const insert of quiet) expect(run(job1(insert)), insert).toEqual([]);
  });

  test('updates into print, blackhole, upsert-kafka with a key or a debezium-json kafka sink stay quiet', () => {
    const agg = (sink: string) => `INSERT INTO ${sink} SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;`;
    expect(run(job1("CREATE TABLE p (user_id BIGINT, n BIGINT) WITH ('connector' = 'print');", agg('p')))).toEqual([]);
    expect(
      run(
        job1(
          "CREATE TABLE u (user_id BIGINT, n BIGINT, PRIMARY KEY (user_id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'k:9092', 'key.format' = 'json', 'value.format' = 'json');",
          agg('u'),
        ),
      ),
    ).toEqual([]);
    expect(
      run(job1(agg('out_kafka')).replace("'format' = 'json');\nINSERT", "'format' = 'debezium-json');\nINSERT")),
    ).toEqual([]);
  });

  test('deduplication on a PROCTIME() added in a view stays quiet (the attribute may be lost on the way)', () => {
    const sql = job1(
      'CREATE VIEW c2 AS SELECT user_id, PROCTIME() AS proc FROM clicks;',
      'INSERT INTO out_kafka SELECT user_id, user_id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY proc) AS rn FROM c2) WHERE rn = 1;',
    );
    expect(run(sql)).toEqual([]);
  });

  test('OPTIONS hints on the source or the sink may change their mode: quiet', () => {
    expect(
      run(
        job1(
          "INSERT INTO out_kafka SELECT id, id FROM users /*+ OPTIONS('scan.read-changelog-as-append-only.enabled' = 'true') */;",
        ),
      ),
    ).toEqual([]);
    expect(
      run(
        job1(
          "INSERT INTO out_kafka /*+ OPTIONS('format' = 'debezium-json') */ SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;",
        ),
      ),
    ).toEqual([]);
  });

  test('batch jobs, opaque tables and unknown connectors stay quiet', () => {
    const agg = job1('INSERT INTO out_kafka SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;');
    expect(run(agg, { 'execution.runtime-mode': 'batch' })).toEqual([]);
    expect(run(`SET 'execution.runtime-mode' = 'batch';\n${agg}`)).toEqual([]);
    expect(run(job1('INSERT INTO out_kafka SELECT a, COUNT(*) FROM hive.db.t GROUP BY a;'))).toEqual([]);
    expect(
      run(
        agg.replace(
          "'connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json'",
          "'connector' = 'paimon'",
        ),
      ),
    ).toEqual([]);
  });
});
